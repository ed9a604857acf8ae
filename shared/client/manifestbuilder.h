// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: LGPL-2.1-only OR LGPL-3.0-only

// ManifestBuilder: turns a scan into a Manifest with content hashes, reusing cached hashes.
#pragma once

#include "core/result.h"
#include "packaging/treescanner.h"
#include "sync/manifest.h"

#include <atomic>

namespace BuildService {

/**
 * Content decides whether a file changed, but reading 17k files every build is slow: a file
 * whose type, size, mode, mtime, ctime and inode all equal the cached entry keeps the cached
 * hash; any other file is read and hashed (XXH3-64, as the server hashes what it receives).
 * ctime catches a rewrite that restored the old mtime. Modes are normalised exactly like the
 * server records them (setuid/setgid dropped; 0777 for symlinks). Blocking; worker thread.
 */
class ManifestBuilder
{
public:
    struct Stats {
        qint64 hashedFiles = 0;
        qint64 hashedBytes = 0;
        qint64 reusedHashes = 0;
    };

    /** IoError naming the file when one cannot be read; Cancelled when @p cancel is set. */
    static Result<Manifest> build(const QString &root, const QList<ScannedEntry> &entries, const Manifest &cache,
                                  Stats *stats = nullptr, const std::atomic_bool *cancel = nullptr);
};

} // namespace BuildService
