// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: LGPL-2.1-only OR LGPL-3.0-only

// CMakeMirror: a CMake build directory configured on the server, readable by local tools.
#pragma once

#include "core/result.h"

#include <QString>
#include <QStringList>

namespace BuildService {

/**
 * Lets local tools (an IDE's CMake import, clangd) use a build directory that CMake configures
 * on the server. CMake writes remote paths, and the IDE reads the build directory locally
 * (file-API replies, CMakeCache.txt, which of Makefile/build.ninja exists, compile_commands.json),
 * so the mirror
 * - keeps the local build directory out of the upload (its local copies of the configuration
 *   must not overwrite the server's): by an exclude pattern for this build, and by a
 *   `.gitignore` holding `*` in the directory for every later upload of the checkout (a build
 *   without the mirror, a remote run) and for git,
 * - carries the local file-API queries (`.cmake/api/v1/query/`) into the remote command, so
 *   CMake answers the queries the IDE wrote,
 * - asks for the configuration files as artifacts and, once they are unpacked, maps the
 *   server's workspace path in them to the checkout and drops reply files the server no longer
 *   has. Reply index files are written last so they are never older than CMakeCache.txt (an
 *   IDE treats an older reply as stale).
 * Value type; the methods touch only the local build directory; not thread-safe.
 */
class CMakeMirror
{
public:
    /** The configuration files that come back, relative to the build directory. */
    static const QStringList &mirroredFiles();

    /**
     * A mirror for @p buildDir, relative to @p checkoutDir (or absolute inside it). Errors
     * (ErrorCode::InvalidRequest): the directory is the checkout itself or lies outside it.
     */
    static Result<CMakeMirror> create(const QString &checkoutDir, const QString &buildDir);

    /** The build directory relative to the checkout, e.g. "build". */
    QString relativeDir() const { return m_relativeDir; }
    /** True when @p relativePath (relative to the checkout) is one of the mirrored configuration files. */
    bool mirrors(const QString &relativePath) const;
    /** The exclude pattern (.gitignore syntax) that keeps the build directory out of the upload. */
    QString excludePattern() const;
    /**
     * Creates the local build directory if needed and a `.gitignore` holding `*` in it unless it
     * has one. Errors: IoError naming the path.
     */
    Result<void> markIgnored() const;
    /** The artifact globs that bring the configuration back. */
    QStringList artifactGlobs() const;
    /**
     * Shell lines that recreate the local file-API query files in the workspace, to run before
     * the command (each ends in a newline; empty when there are none). Errors: IoError when a
     * query file cannot be read; InvalidRequest when there are more than 64, one is larger than
     * 64 KiB or is not UTF-8 text.
     */
    Result<QString> queryPrologue() const;
    /**
     * Rewrites the mirrored files among @p unpacked (paths relative to the checkout, as
     * ArtifactUnpacker returns them): every occurrence of @p remoteRoot followed by '/' or a
     * character that cannot continue a file name becomes the checkout path (JSON-escaped in the
     * .json files); other files in the build directory are left as they are. Removes local reply
     * files that did not come back when any did. Errors: IoError naming the file.
     */
    Result<void> finish(const QString &remoteRoot, const QStringList &unpacked) const;

private:
    CMakeMirror(const QString &checkoutDir, const QString &relativeDir);

    QString m_checkoutDir;
    QString m_relativeDir;
};

/**
 * @p name with the glob characters of artifact globs and ignore patterns (`*`, `?`, `[`) made
 * literal by putting each in brackets; "a*b" becomes "a[*]b". Pure function.
 */
QString literalGlob(const QString &name);

} // namespace BuildService
