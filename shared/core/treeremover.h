// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: LGPL-2.1-only OR LGPL-3.0-only

// TreeRemover: the one way this project deletes a directory tree (fd-based, iterative, no symlink following).
#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QString>

#include <atomic>

namespace BuildService {

/**
 * Deletes directory trees of any depth and shape without following a symlink.
 *
 * Every step works relative to a directory file descriptor (openat/unlinkat with
 * O_NOFOLLOW), never through a long path, so a chain of directories deeper than PATH_MAX
 * (a build can make one: `for i in $(seq 2500); do mkdir d && cd d; done`) is removed like any
 * other. The walk is iterative: one directory descriptor is open at a time and the way back up
 * goes through "..", checked against the device and inode recorded on the way down, so a tree
 * moved away under the remover makes it stop with an error instead of deleting elsewhere.
 * A symlink is removed itself, never its target. Directories without read, write or search
 * permission for the owner (a build can leave those) are chmod-ed through their own
 * descriptor first.
 *
 * Threading: reentrant, blocking file-system work; call it from a worker thread for anything
 * that may be large. @p cancel, when given, is polled between entries: once it is true the
 * removal stops early with ErrorCode::Cancelled, leaving the rest of the tree in place.
 *
 * Errors: IoError "cannot remove <path>: <strerror>" naming the entry that could not be
 * removed (the middle of very long paths is elided); Cancelled as above.
 */
class TreeRemover
{
public:
    /**
     * Removes @p path and everything below it. Symlinks in the components leading to
     * @p path are followed (it is the caller's path); below it, nothing is. A missing
     * @p path is success; an empty one is ErrorCode::Internal.
     */
    static Result<void> removeTree(const QString &path, const std::atomic_bool *cancel = nullptr);

    /**
     * Removes the entry @p name of the directory @p parentFd (a file, a symlink, or a directory
     * with everything below it). @p shownPath names the entry in error messages. A missing entry
     * is success. @p parentFd stays open and unchanged.
     */
    static Result<void> removeAt(int parentFd, const QByteArray &name, const QByteArray &shownPath,
                                 const std::atomic_bool *cancel = nullptr);
};

} // namespace BuildService
