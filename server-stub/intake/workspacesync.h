// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: GPL-2.0-or-later

// WorkspaceSync: brings a persistent workspace up to date from a staged upload, keeping build outputs.
#pragma once

#include "core/result.h"
#include "sync/manifest.h"

#include <QString>

namespace BuildService {

/**
 * Applies a staged upload (UploadIntake's staging directory and manifest) to a workspace that
 * was last synced from @p previous, the seed semantics:
 * 1. every path of @p previous that is not in @p incoming is removed (recursively, without
 *    following symlinks: a build may have replaced it by anything); directories that become
 *    empty and are not needed by @p incoming are pruned;
 * 2. every incoming entry whose content equals its @p previous entry (ManifestEntry::sameContent)
 *    and that the workspace still holds unchanged (lstat: same type, size and mode; symlinks the
 *    same target) is left alone, so its mtime is kept and incremental builds stay incremental;
 * 3. every other incoming entry is moved from the staging directory into place with renameat()
 *    (its mtime is the upload time, newer than any object file), replacing whatever is there and
 *    creating parent directories; a symlink or file a build left where a parent directory
 *    belongs is replaced by a real directory, never written through.
 * Files that were never in an archive (build outputs) are not touched.
 *
 * Staging and workspace should be on the same file system (otherwise files are copied).
 * Entries moved into place disappear from the staging directory; the caller deletes it.
 *
 * Errors: IoError / DiskFull naming the path; the workspace may then be partially synced and
 * the caller must mark it so (e.g. clear its manifest to force a full write next time).
 * Blocking file I/O; call from a worker thread for big trees. Thread-safe (no shared state).
 */
class WorkspaceSync
{
public:
    struct SyncStats {
        qint64 written = 0;   ///< entries moved into place
        qint64 unchanged = 0; ///< entries left untouched
        qint64 deleted = 0;   ///< previous entries removed
        qint64 bytes = 0;     ///< file bytes moved into place
    };

    /** Syncs @p workspaceDir (created if missing) to @p incoming; see the class comment. */
    static Result<SyncStats> apply(const QString &stagingDir, const Manifest &incoming, const QString &workspaceDir,
                                   const Manifest &previous);
};

} // namespace BuildService
