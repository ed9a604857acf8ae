// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: GPL-2.0-or-later

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
    /// Decompressed bytes allowed beyond maxCompressionRatio * compressed bytes, checked from the
    /// first byte on: small, highly compressible uploads (tar headers, empty files) pass, and a
    /// bomb is stopped before it writes more than this plus ratio * what it sent.
    qint64 compressionAllowanceBytes = 1LL << 20;
    int maxPathLength = 4096;               ///< bytes of one entry path (UTF-8)
    /// Paths that differ only in letter case or Unicode normalisation ("README"/"Readme",
    /// NFC/NFD "café"): reported in a warning, or refused.
    enum class NameTwins { Warn, Refuse };
    NameTwins nameTwins = NameTwins::Warn;
    /// Insist on tar's end-of-archive marker (two zero blocks). KTar 5.103 writes none, so the
    /// default accepts a stream that ends cleanly between entries; a cut inside an entry is
    /// always UploadIncomplete, and a zstd stream cut anywhere inside its frame too.
    bool requireEndMarker = false;
};

} // namespace BuildService
