// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: LGPL-2.1-only OR LGPL-3.0-only

// PathRewriter: chunk-boundary-safe replacement.
#include "pathrewriter.h"

#include <algorithm>

namespace BuildService {

PathRewriter::PathRewriter(const QByteArray &remotePath, const QByteArray &localPath)
    : m_remote(remotePath)
    , m_local(localPath)
{
}

QByteArray PathRewriter::process(const QByteArray &chunk)
{
    if (m_remote.isEmpty() || m_remote == m_local)
        return chunk;
    QByteArray data = m_pending;
    data += chunk;
    m_pending.clear();
    data.replace(m_remote, m_local);
    // Hold back the longest tail that is a proper prefix of the remote path.
    const int maxKeep = std::min<int>(m_remote.size() - 1, data.size());
    for (int keep = maxKeep; keep > 0; --keep) {
        if (std::equal(data.constEnd() - keep, data.constEnd(), m_remote.constBegin())) {
            m_pending = data.right(keep);
            data.chop(keep);
            break;
        }
    }
    return data;
}

QByteArray PathRewriter::flush()
{
    QByteArray rest;
    rest.swap(m_pending);
    return rest;
}

} // namespace BuildService
