// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: GPL-2.0-or-later

// CacheBundle: a cache entry packed into one tar file, to move recordings between servers.
#pragma once

#include "cache/cacheindex.h"
#include "core/result.h"

namespace BuildService {

class BlobStore;

/**
 * An export bundle is an uncompressed tar (written with KArchive's KTar) holding exactly:
 *
 *   build-service-cache-entry.json   {"format":"build-service-cache-entry","version":1, entry fields}
 *   recording.rec.zst                the recording (RecordingWriter format)
 *   artifacts.zip                    the recorded artifacts, when the build had any
 *   blobs/<sha256>                   every stored output the recording's changes name
 *
 * An import is treated like an upload: the tar is read by the hostile-input-safe
 * TarStreamReader, only those names are accepted (anything else, links, "..", absolute paths
 * and duplicates are refused), every blob must hash to its name, the recording must verify,
 * name the same key and only blobs that are in the bundle or already stored, and the artifacts
 * must match the recording's checksum. Nothing is written outside @p scratchDir and the blob
 * store before all of that holds. Runs on a worker thread.
 */
namespace CacheBundle {

/** Writes @p entry (with its recording, artifacts and blobs) to @p file; returns its size. */
Result<qint64> write(const QString &file, const CacheEntry &entry, const QString &recording, const QString &artifacts,
                     const BlobStore &blobs);

struct Imported {
    CacheEntry entry;       ///< as exported, with the blobs it names
    QString recording;      ///< the verified recording in the scratch directory
    QString artifacts;      ///< the artifacts zip in the scratch directory, or empty
    QByteArrayList addedBlobs;
};

/** Reads and checks the bundle @p file; @p maxBytes bounds the bytes it may unpack. Errors: ArchiveRejected, InvalidRequest, IoError. */
Result<Imported> read(const QString &file, const QString &scratchDir, const BlobStore &blobs, qint64 maxBytes);

} // namespace CacheBundle

} // namespace BuildService
