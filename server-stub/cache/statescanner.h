// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: GPL-2.0-or-later

// StateScanner: walks a workspace after a build and works out its WorkspaceState (and captures changed outputs).
#pragma once

#include "cache/workspacestate.h"
#include "core/result.h"

#include <QByteArrayList>
#include <QSet>

namespace BuildService {

class BlobStore;
class Manifest;

/**
 * One lstat walk of a workspace, with directory file descriptors (openat, O_NOFOLLOW: a
 * symlink is recorded, never followed). A path that holds exactly its synced source (same
 * type, mode, size, mtime and inode as recorded at the sync) is not part of the state;
 * everything else is. Files whose stat equals the entry of @p previous keep its digest; only
 * the others are read and hashed, so the cost follows what the build wrote.
 *
 * With a BlobStore, the content of every file that is read is also stored there (the changes a
 * recording needs); when that content grows beyond @p maxCaptureBytes the capture stops
 * (captureProblem says why) and the scan goes on hashing.
 *
 * Limits make the state untracked instead of failing: more than @p maxEntries entries, or
 * directories nested deeper than MaxDepth. Sockets, FIFOs and devices are not part of a
 * state (they cannot be restored; builds leave them for their own use).
 * Runs on a worker thread; the caller holds the workspace's lock.
 */
class StateScanner
{
public:
    static constexpr int MaxDepth = 256;

    struct Options {
        const WorkspaceState *previous = nullptr;  ///< the state before the build (tracked or not)
        BlobStore *capture = nullptr;               ///< store changed contents here (recording builds)
        qint64 maxCaptureBytes = 0;
        qint64 maxEntries = 1000000;
        QByteArray workspacePath;                   ///< captured files containing it are listed in pathBearing
    };

    struct Scan {
        WorkspaceState state;
        qint64 diskBytes = 0;            ///< sizes of all files and symlinks (sources included)
        qint64 capturedBytes = 0;
        QByteArrayList addedBlobs;       ///< blobs this scan added to the store
        QString captureProblem;          ///< why the changes could not all be captured
        QSet<QString> pathBearing;       ///< captured files that contain Options::workspacePath
        bool captured() const { return captureProblem.isEmpty(); }
    };

    /** Errors: IoError when @p root cannot be opened or read. */
    static Result<Scan> scan(const QString &root, const Manifest &sources, const Options &options);
};

} // namespace BuildService
