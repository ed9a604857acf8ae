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
 */
class PathRewriter
{
public:
    PathRewriter() = default;
    PathRewriter(const QByteArray &remotePath, const QByteArray &localPath);

    /** Returns what can be shown now; may hold back up to remotePath.size()-1 bytes. */
    QByteArray process(const QByteArray &chunk);
    /** Returns whatever was held back (end of stream). */
    QByteArray flush();

private:
    QByteArray m_remote;
    QByteArray m_local;
    QByteArray m_pending;
};

} // namespace BuildService
