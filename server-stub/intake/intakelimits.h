// IntakeLimits: the bounds an upload must stay within (entries, bytes, compression ratio, path length).
#pragma once

#include <QtGlobal>

namespace BuildService {

/**
 * Limits applied by UploadIntake while it reads an upload. Exceeding any of them fails the
 * upload with ErrorCode::LimitExceeded before the offending entry is written.
 * (requireEndMarker is a format strictness switch, not a limit.)
 */
struct IntakeLimits {
    qint64 maxEntries = 200000;             ///< files, directories and symlinks together
    qint64 maxTotalBytes = 8LL << 30;       ///< sum of all file sizes
    qint64 maxFileBytes = 4LL << 30;        ///< size of one file
    double maxCompressionRatio = 1000;      ///< decompressed / compressed bytes (bomb guard)
    qint64 ratioCheckAfterBytes = 64LL << 20; ///< the ratio is only checked beyond this many decompressed bytes
    int maxPathLength = 4096;               ///< bytes of one entry path (UTF-8)
    /// Insist on tar's end-of-archive marker (two zero blocks). KTar 5.103 writes none, so the
    /// default accepts a stream that ends cleanly between entries; a cut inside an entry is
    /// always UploadIncomplete, and a zstd stream cut anywhere inside its frame too.
    bool requireEndMarker = false;
};

} // namespace BuildService
