// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: LGPL-2.1-only OR LGPL-3.0-only

// PathRewriter: chunk-boundary-safe replacement of whole paths.
#include "pathrewriter.h"

#include <algorithm>
#include <utility>

namespace BuildService {

namespace {
// How far back startsPath() may need to look across chunks: a name longer than this before
// the remote path counts as not preceded by '/'.
constexpr int s_lookBehind = 256;
} // namespace

PathRewriter::PathRewriter(const QByteArray &remotePath, const QByteArray &localPath)
    : m_remote(remotePath)
    , m_local(localPath)
{
}

bool PathRewriter::continuesName(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.'
        || c == '+' || c == '~';
}

bool PathRewriter::startsPath(const QByteArray &text, int at)
{
    // A file URL ("file:///build/x") names the path after its "//".
    if (at >= 3 && text.at(at - 1) == '/' && text.at(at - 2) == '/' && text.at(at - 3) == ':')
        return true;
    int i = at - 1;
    while (i >= 0 && continuesName(text.at(i)))
        --i;
    return i < 0 || text.at(i) != '/';
}

// Replaces whole occurrences that start before @p limit in m_before + data; returns the new data.
QByteArray PathRewriter::replaceWhole(const QByteArray &data, int limit) const
{
    QByteArray text = m_before;
    text.append(data);
    const int offset = m_before.size();
    QByteArray result;
    int copied = offset;
    for (int at = text.indexOf(m_remote, offset); at >= 0 && at < offset + limit; at = text.indexOf(m_remote, at + 1)) {
        const int end = at + m_remote.size();
        if (end < text.size() && continuesName(text.at(end)))
            continue;
        if (!startsPath(text, at))
            continue;
        result.append(text.constData() + copied, at - copied);
        result.append(m_local);
        copied = end;
        at = end - 1;
    }
    result.append(text.constData() + copied, text.size() - copied);
    return result;
}

void PathRewriter::remember(const QByteArray &shown)
{
    m_before.append(shown);
    if (m_before.size() > s_lookBehind)
        m_before.remove(0, m_before.size() - s_lookBehind);
}

QByteArray PathRewriter::process(const QByteArray &chunk)
{
    if (m_remote.isEmpty() || m_remote == m_local)
        return chunk;
    QByteArray data = std::exchange(m_pending, QByteArray());
    data.append(chunk);
    // Hold back a tail that could still become a whole remote path: a proper prefix of it, or
    // all of it (whether a name continues after it is not known yet).
    int keep = 0;
    for (int k = std::min<int>(m_remote.size(), data.size()); k > 0; --k) {
        if (std::equal(data.constEnd() - k, data.constEnd(), m_remote.constBegin())) {
            keep = k;
            break;
        }
    }
    const int ready = data.size() - keep;
    m_pending = data.right(keep);
    data.chop(keep);
    // Matches must lie entirely in the ready part (they cannot overlap the held-back tail,
    // which starts with the only unfinished candidate).
    const QByteArray out = replaceWhole(data, ready);
    remember(out);
    return out;
}

QByteArray PathRewriter::flush()
{
    if (m_remote.isEmpty() || m_remote == m_local)
        return std::exchange(m_pending, QByteArray());
    // At the end of the stream nothing follows: a held-back complete path is whole.
    const QByteArray rest = std::exchange(m_pending, QByteArray());
    const QByteArray out = replaceWhole(rest, rest.size());
    remember(out);
    return out;
}

} // namespace BuildService
