// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: LGPL-2.1-only OR LGPL-3.0-only

// PathRewriter: replaces the remote workspace path with the local checkout path in output.
#pragma once

#include <QByteArray>

namespace BuildService {

/**
 * Streaming search-and-replace for build output, so that `file:line: error` points at local
 * files. Chunks may split the path anywhere: only the tail that could be the start of the
 * remote path is held back (never a whole line), so output stays live. One instance per stream.
 *
 * Only whole paths are replaced: not where the remote path is the start of a longer name
 * ("/build" in "/build-2") nor the end of a longer path ("/build" in "/home/me/build"), which
 * matters once the remote path is a short one such as "/build" ([sandbox] workspace_path).
 */
class PathRewriter
{
public:
    PathRewriter() = default;
    PathRewriter(const QByteArray &remotePath, const QByteArray &localPath);

    /** Returns what can be shown now; may hold back up to remotePath.size() bytes. */
    QByteArray process(const QByteArray &chunk);
    /** Returns whatever was held back (end of stream). */
    QByteArray flush();

    /** True for bytes that can be part of a file name next to a path ([A-Za-z0-9._+~-]). */
    static bool continuesName(char c);
    /**
     * Whether a path that starts at @p at in @p text is not the tail of a longer path: the
     * name characters right before it (if any) are not preceded by '/' and it is not
     * preceded by '/' itself (except after a URL's "://"). "-I/build", "=/build" and
     * "file:///build" start a path, "/home/me/build" does not.
     */
    static bool startsPath(const QByteArray &text, int at);

private:
    QByteArray replaceWhole(const QByteArray &data, int limit) const;
    void remember(const QByteArray &shown);

    QByteArray m_remote;
    QByteArray m_local;
    QByteArray m_pending;
    QByteArray m_before;  ///< the end of what was returned, for startsPath() across chunks
};

} // namespace BuildService
