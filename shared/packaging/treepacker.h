// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: LGPL-2.1-only OR LGPL-3.0-only

// TreePacker: streams scanned entries as a tar archive, zstd-compressed or plain, in chunks.
#pragma once

#include "core/result.h"
#include "packaging/treescanner.h"

#include <QByteArray>

#include <atomic>
#include <functional>

namespace BuildService {

/** Where a pack run is; bytes are file contents in, archive bytes out. */
struct PackProgress {
    qint64 filesDone = 0, filesTotal = 0, bytesIn = 0, bytesTotal = 0, bytesOut = 0;
};

/** Totals of a finished pack run. */
struct PackStats {
    qint64 entries = 0, bytesIn = 0, bytesOut = 0;
};

/**
 * Writes entries (usually from TreeScanner) as a tar archive with KTar: regular files with
 * their permission bits (07777) and mtime (seconds), symlinks as symlinks, names longer than
 * 99 bytes as GNU `././@LongLink` records (GNU tar, bsdtar and KTar read them), no directory
 * records, two zero blocks at the end. Uid/gid are fixed dummies and user/group names empty.
 * Compression::Zstd makes one zstd frame (level 1, content checksum, two worker threads).
 *
 * Files are streamed through a fixed buffer, never held whole in memory.
 */
class TreePacker
{
public:
    enum class Compression { None, Zstd };

    /** Receives the archive in order; return false to abort (cancel, disconnect). */
    using ChunkSink = std::function<bool(const QByteArray &chunk)>;
    /** Told the progress at most ~20 times per second, and once more at the end. */
    using ProgressSink = std::function<void(const PackProgress &)>;

    /**
     * Packs @p entries (paths relative to @p root, as TreeScanner returns them) and hands the
     * archive to @p sink in chunks of @p chunkBytes bytes (the last one may be shorter).
     * Runs synchronously on the calling thread; @p sink and @p progress are called on it.
     * @p cancel, when given, is polled between files and between buffers of a big file.
     *
     * Errors: ErrorCode::Cancelled when @p cancel is set or the sink returns false;
     * ErrorCode::IoError naming the file when one cannot be opened or read, vanished
     * ("File vanished while packing: 'a/b.c'") or changed size ("File changed size while
     * packing: 'a/b.c' (scanned 10 bytes, now 12)"); ErrorCode::InvalidRequest for an entry
     * path that is absolute or holds "..", or a chunkBytes below 1; ErrorCode::Internal when
     * compression fails. After an error the sink may have received part of an archive.
     */
    static Result<PackStats> pack(const QString &root, const QList<ScannedEntry> &entries, Compression compression,
                                  int chunkBytes, const ChunkSink &sink, const ProgressSink &progress = {},
                                  const std::atomic_bool *cancel = nullptr);
};

} // namespace BuildService
