// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: GPL-2.0-or-later

// ArtifactCollector: finds the files a build asked for and zips them into artifacts.zip.
#pragma once

#include "core/result.h"
#include "protocol/messages.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace BuildService {

/** What collect() put into the zip. */
struct ArtifactResult {
    QList<ArtifactFile> files; ///< sorted by path; path relative to the workspace, '/'-separated
    qint64 zipBytes = 0;       ///< size of the zip written, 0 when nothing matched
};

/// Collects build artifacts from a workspace.
///
/// Glob rules:
/// - Patterns are relative to the workspace and `/`-separated; no leading `/`, no `\`, no
///   control characters, no empty, `.` or `..` components.
/// - Within one component: `*` any run of characters, `?` one character, `[abc]` / `[a-z]` /
///   `[!a-z]` (or `[^a-z]`) one character of (not of) the set. A leading dot is not special:
///   `*` matches `.hidden`.
/// - `**` as a whole component matches any number of components, including none: `**/*.so`
///   finds `a.so` and `lib/x/b.so`.
/// - A pattern that matches a directory takes every file below it (`out`, `out/` or `out/**`);
///   a trailing `/` restricts the pattern to directories.
/// - Only regular files are collected. Symbolic links are never followed and never collected,
///   at any level: a build that plants `out -> /etc` gets nothing from it. Devices, FIFOs and
///   sockets are skipped.
/// - A file matched by several patterns is collected once.
class ArtifactCollector
{
public:
    /**
     * Collects the files of @p workspaceDir matching @p globs into a zip at @p zipPath
     * (KZip, deflate; the parent directory is created; exec bits and mtimes are kept). The zip is
     * written to a temporary name next to @p zipPath and renamed into place, so readers never
     * see a partial zip.
     *
     * Nothing matched: an empty result, no zip written (not an error).
     * @p maxBytes bounds the total size of the collected files; <= 0 means no limit.
     *
     * Blocking (walks the tree and compresses): call it off the event loop thread. Reentrant.
     * Errors: InvalidRequest (a pattern breaks the rules above), LimitExceeded ("artifacts exceed
     * the limit of N bytes"), ArtifactsFailed (a collected name contains a backslash, a control
     * character or invalid UTF-8, so no client could unpack it; a file vanished or changed type
     * while being zipped; nesting deeper than 256 levels), IoError / DiskFull (reading the
     * workspace or writing the zip).
     */
    static Result<ArtifactResult> collect(const QString &workspaceDir, const QStringList &globs, const QString &zipPath, qint64 maxBytes);
};

} // namespace BuildService
