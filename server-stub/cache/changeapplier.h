// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: GPL-2.0-or-later

// ChangeApplier: restores a recording's workspace changes into a workspace, safely.
#pragma once

#include "cache/workspacestate.h"
#include "core/result.h"

namespace BuildService {

class BlobStore;
class Manifest;

/**
 * Applies the changes a recorded build made to its workspace to another workspace in the same
 * state, with the same rules as an upload: every path is resolved below the root without
 * following a symlink (SafeTreeWriter), and file contents come from the BlobStore, checked
 * against their SHA-256 while they are copied.
 *
 * Restored files and symlinks all get one modification time (@p mtimeNs, "now"): newer than
 * the sources synced before, and equal among themselves, so make and ninja see the restored
 * outputs as up to date. Ninja's own logs (.ninja_log, .ninja_deps) record output times; the
 * entries of restored outputs are moved to that time too (NinjaLogs), or ninja would rebuild
 * everything on the next build.
 *
 * Runs on a worker thread while the caller holds the workspace lock.
 */
class ChangeApplier
{
public:
    struct Applied {
        WorkspaceState state;   ///< @p before with the changes applied
        qint64 bytesWritten = 0;
        int files = 0;
    };

    /** Every blob the changes need is present with the recorded size. Checked before anything is touched. */
    static Result<void> checkBlobs(const QList<WorkspaceChange> &changes, const BlobStore &blobs);

    /**
     * Applies @p changes to the workspace at @p root (whose state is @p before; @p sources is
     * its synced tree, so removing a source leaves a tombstone in the state). On an error the
     * workspace may be partly changed: the caller must treat its state as untracked.
     * Files marked relocate name the recording workspace's canonical path @p fromPath; it is
     * replaced by this workspace's @p toPath while copying. Both live in the same data
     * directory with ids of one length, so the paths have the same length and binary files
     * (objects, debug info, ninja's deps log) keep every offset; paths of different lengths
     * are an error.
     */
    static Result<Applied> apply(const QString &root, const Manifest &sources, const WorkspaceState &before,
                                 const QList<WorkspaceChange> &changes, const BlobStore &blobs, qint64 mtimeNs,
                                 const QByteArray &fromPath = QByteArray(), const QByteArray &toPath = QByteArray());
};

} // namespace BuildService
