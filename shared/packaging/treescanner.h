// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: LGPL-2.1-only OR LGPL-3.0-only

// TreeScanner: lists the files and symlinks of a checkout that git would not ignore.
#pragma once

#include "core/result.h"
#include "sync/manifest.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace BuildService {

/** One regular file or symlink found by TreeScanner. */
struct ScannedEntry {
    QString path;              ///< relative to the root, '/'-separated
    ManifestEntry::Type type = ManifestEntry::Type::File;
    quint32 mode = 0;          ///< permission bits (07777); 0777 for symlinks
    qint64 size = 0;           ///< bytes of a file; 0 for symlinks
    qint64 mtimeNs = 0;        ///< st_mtim in nanoseconds since the epoch
    qint64 ctimeNs = 0;        ///< st_ctim in nanoseconds since the epoch
    quint64 inode = 0;
    QString linkTarget;        ///< symlink target as stored on disk; empty for files
};

/** What TreeScanner::scan() found. */
struct ScanResult {
    /** Regular files and symlinks, sorted by the UTF-8 bytes of path. */
    QList<ScannedEntry> entries;
    /** One human-readable line per entry left out for a reason other than ignore rules,
     *  "<path>: <reason>", e.g. "link: symlink points outside the tree (/etc/passwd)". */
    QStringList skipped;
};

/**
 * Walks a directory tree the way `git ls-files -co --exclude-standard` sees untracked files
 * (see IgnoreRules), also when the directory is not a git checkout.
 *
 * - Never lists an entry named `.git` (file or directory, at any depth) nor the root's
 *   `.build-service` entry. Reads `<root>/.git/info/exclude` when `<root>/.git` is a
 *   directory, every `.gitignore` (not followed when it is a symlink, like git), and never
 *   the user's global `core.excludesFile`.
 * - Differences from git: tracked files that match an ignore pattern are left out (there is
 *   no index here); a nested repository (a directory holding `.git`) is walked like any other
 *   directory and its own `info/exclude` is not read.
 * - Symlinks are not followed. A symlink is kept only when its target is relative and stays
 *   inside the tree lexically: only leading ".." components are allowed (`a/../../x` counts
 *   as outside, as on the server). Absolute targets are skipped even when they point into
 *   the tree (they would break on the server). Sockets, fifos, devices, names with control
 *   characters and names that are not UTF-8 are skipped too; all of these go to
 *   ScanResult::skipped.
 *
 * Thread-safe (no shared state); run it off the GUI thread for big trees.
 */
class TreeScanner
{
public:
    struct Options {
        /** Patterns in .gitignore syntax applied as if at the root, ranked below
         *  `.git/info/exclude` and every `.gitignore` (where git ranks core.excludesFile). */
        QStringList extraExcludes;
    };

    /**
     * Scans @p root. Errors (ErrorCode::IoError): the root or a non-ignored directory cannot
     * be opened or read, or an ignore file cannot be read; the message names the path, e.g.
     * "Cannot read directory '/src/secret': Permission denied". Entries that vanish while
     * scanning are left out silently.
     */
    static Result<ScanResult> scan(const QString &root, const Options &options = {});
};

} // namespace BuildService
