// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: LGPL-2.1-only OR LGPL-3.0-only

// AtomicFile: replaces a file so that readers (and a full disk) see the old or the new content, never a mix.
#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QString>

namespace BuildService {

/**
 * Writes a new version of a file next to it ("<name>.XXXXXX", created with mkstemp) and
 * renames it over the old one in commit(). Every write() is an unbuffered write(2) whose
 * result is checked, and so is close(); any failure deletes the temporary file and leaves the
 * old file untouched.
 *
 * Why not QSaveFile: in Qt 5.15 it buffers small writes and flushes them in close(); an
 * ENOSPC there is not seen by commit(), which then renames an EMPTY file over the old one
 * (a full disk turned `last-used` into an empty file, and the workspace into "expired").
 *
 * No fsync by default: the rename is atomic for readers and for a crash of this process; the
 * project's metadata is cheap to lose on power failure (docs/configuration.md) and fsyncs on
 * the server's event loop stall every client. Pass Sync::Yes where durability matters more.
 *
 * Errors: ErrorCode::DiskFull for ENOSPC/EDQUOT ("no space left on device while writing
 * <file>"), ErrorCode::IoError "cannot write <file>: <strerror>" otherwise.
 * Not thread-safe per object; different objects may be used on different threads.
 */
class AtomicFile
{
public:
    enum class Sync { No, Yes };

    explicit AtomicFile(const QString &fileName, Sync sync = Sync::No);
    /** Deletes the temporary file unless commit() succeeded. */
    ~AtomicFile();
    AtomicFile(const AtomicFile &) = delete;
    AtomicFile &operator=(const AtomicFile &) = delete;

    /** Creates the temporary file (mode 0644 & ~umask). */
    Result<void> open();
    /** Appends @p data (one or more write(2) calls, checked). */
    Result<void> write(const QByteArray &data);
    /** Closes (checked) and renames over the target. */
    Result<void> commit();

    /** open(), write(@p content), commit() in one call. */
    static Result<void> write(const QString &fileName, const QByteArray &content, Sync sync = Sync::No);

private:
    Error failure(int err);
    void discard();

    QString m_fileName;
    QByteArray m_tempName;
    Sync m_sync;
    int m_fd = -1;
};

} // namespace BuildService
