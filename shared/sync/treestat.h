// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: LGPL-2.1-only OR LGPL-3.0-only

// TreeStat: compares a manifest with what is on disk using lstat only (no reading of files).
#pragma once

#include "sync/manifest.h"

#include <QStringList>

namespace BuildService {

/**
 * Cheap checks of a synced tree. Used by the server to notice that a workspace no longer holds
 * what its manifest says (a build or a person edited a source file), and to remember the stat
 * of every entry after a sync. Never follows symlinks. Blocking; call off the event loop for
 * big trees. Thread-safe.
 */
class TreeStat
{
public:
    /** Fills mtimeNs, inode and ctimeNs of every entry from lstat under @p root (missing: 0). */
    static void record(const QString &root, Manifest &manifest);

    /**
     * Paths of entries that differ on disk from their recorded stat: missing, another type,
     * size, permission bits, mtime or inode, or (symlinks) another target. Entries without a
     * recorded stat (mtimeNs == 0) are compared by type, size and mode only.
     */
    static QStringList changed(const QString &root, const Manifest &manifest);
};

} // namespace BuildService
