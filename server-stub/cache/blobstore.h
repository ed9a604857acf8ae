// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: GPL-2.0-or-later

// BlobStore: content-addressed storage of build outputs for the build cache (one copy per content).
#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QString>

namespace BuildService {

/**
 * Files named by the SHA-256 of their content under <cache>/blobs/<2 hex>/<64 hex>, written
 * to <cache>/blobs/tmp/ first and renamed into place, so a blob is either complete or absent.
 * Identical outputs of different recordings share one blob. Blobs are never handed to a
 * build (they are copied, not linked, into workspaces), so a build cannot alter one; readers
 * still check the digest while copying.
 *
 * Reentrant: the file operations may run on worker threads concurrently (they only create
 * uniquely named temporaries and rename). Errors: IoError/DiskFull naming the path.
 */
class BlobStore
{
public:
    struct Stored {
        QByteArray sha256;
        qint64 size = 0;
        bool added = false;  ///< false when the store already held this content
        bool containsNeedle = false;  ///< put(): the content contains the needle
    };

    explicit BlobStore(const QString &dir);
    /** Creates the directories and empties tmp/ (leftovers of a crash). */
    Result<void> open();
    QString directory() const { return m_dir; }
    /** Where the blob @p sha256 lives (or would live); empty for a malformed digest. */
    QString path(const QByteArray &sha256) const;
    bool contains(const QByteArray &sha256) const;

    /**
     * Reads @p fd (a regular file opened by the caller, e.g. without following symlinks) to its
     * end, hashing it, and stores the content unless a blob with that digest exists.
     * @p maxBytes bounds what is read; a longer file is an error (LimitExceeded). When
     * @p needle is not empty, containsNeedle tells whether the content contains it.
     */
    Result<Stored> put(int fd, qint64 maxBytes, const QByteArray &needle = QByteArray()) const;
    /** SHA-256 and size of what @p fd holds from its current offset to the end. */
    static Result<Stored> hash(int fd);

    /** Removes the blob; false when it was not there. */
    bool remove(const QByteArray &sha256) const;

private:
    QString m_dir;
};

} // namespace BuildService
