// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: GPL-2.0-or-later

// UploadIntake: reads an untrusted (zstd-compressed) tar upload into an empty staging directory.
#pragma once

#include "intake/intakelimits.h"

#include "core/result.h"
#include "sync/manifest.h"

#include <QByteArray>
#include <QString>

#include <memory>

namespace BuildService {

/**
 * Consumes an upload as it arrives (WebSocket binary frames of any size), decompresses it
 * (zstd, or plain tar), parses the tar stream, checks every entry and writes regular files and
 * symlinks into the staging directory, hashing files (XXH3-64) while they are written. The
 * result is the Manifest of the upload; directories are validated but not recorded (they are
 * implied by paths) and not created unless a file needs them.
 *
 * Every check happens BEFORE the entry is written: path rules (EntryPolicy), duplicates and
 * file/directory clashes, paths below a file or a symlink of the archive, symlink targets
 * leaving the tree, and the IntakeLimits (entry count, total and per-file bytes, compression
 * ratio from the first byte, with compressionAllowanceBytes of slack). Nothing is ever written outside the
 * staging directory and no symlink is followed (SafeTreeWriter).
 *
 * Modes: normalised to what a checkout needs (ManifestEntry::checkoutMode): 0755 when any
 * execute bit is set, else 0644; world-writable, sticky, setuid and setgid bits never reach a
 * workspace. Symlinks carry 0777.
 *
 * Errors: ArchiveRejected (hostile/malformed), LimitExceeded, UploadIncomplete (finish() on a
 * truncated stream), DiskFull, IoError (staging directory missing or not empty, write errors).
 * After any error the object is unusable (every call returns the first error); the caller
 * deletes the staging directory, which may hold partial content.
 *
 * Not thread-safe; it does blocking file I/O, so large uploads may be fed from a worker thread.
 */
class UploadIntake
{
public:
    /** @p stagingDir must exist and be empty; this is checked by the first feed()/finish(). */
    UploadIntake(const QString &stagingDir, const IntakeLimits &limits, bool zstdCompressed);
    ~UploadIntake();
    UploadIntake(const UploadIntake &) = delete;
    UploadIntake &operator=(const UploadIntake &) = delete;

    /** Processes the next piece of the upload. */
    Result<void> feed(const QByteArray &compressed);
    Result<void> feed(const char *data, qint64 size);

    /** Declares the end of the upload; returns the manifest of the staged tree. Call once. */
    Result<Manifest> finish();

    /** Upload bytes fed so far (compressed if zstd). */
    qint64 compressedBytes() const;
    /** Tar stream bytes produced so far (equal to compressedBytes() for a plain tar). */
    qint64 uncompressedBytes() const;
    /** Archive entries (files, directories, symlinks) seen so far. */
    qint64 entries() const;

private:
    class Private;
    std::unique_ptr<Private> d;
};

} // namespace BuildService
