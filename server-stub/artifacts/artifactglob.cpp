// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: GPL-2.0-or-later

// ArtifactGlob: pattern parsing and wildcard matching of single path components.
#include "artifacts/artifactglob.h"

namespace BuildService {

namespace {

Error invalid(const QString &pattern, const QString &reason)
{
    return makeError(ErrorCode::InvalidRequest, QStringLiteral("invalid artifact pattern '%1': %2").arg(pattern, reason));
}

/** Index just past the "]" closing the set that starts at @p open, or -1 when unterminated. */
int setEnd(QStringView pattern, int open)
{
    int i = open + 1;
    if (i < pattern.size() && (pattern.at(i) == QLatin1Char('!') || pattern.at(i) == QLatin1Char('^')))
        ++i;
    if (i < pattern.size() && pattern.at(i) == QLatin1Char(']'))
        ++i; // a leading "]" is a member, not the end
    while (i < pattern.size() && pattern.at(i) != QLatin1Char(']'))
        ++i;
    return i < pattern.size() ? i + 1 : -1;
}

bool setContains(QStringView set, QChar c)
{
    // set is the text between "[" and "]".
    int i = 0;
    bool negate = false;
    if (i < set.size() && (set.at(i) == QLatin1Char('!') || set.at(i) == QLatin1Char('^'))) {
        negate = true;
        ++i;
    }
    bool found = false;
    bool first = true;
    while (i < set.size()) {
        const QChar lo = set.at(i);
        if (!first && lo == QLatin1Char(']'))
            break;
        first = false;
        if (i + 2 < set.size() && set.at(i + 1) == QLatin1Char('-')) {
            if (c >= lo && c <= set.at(i + 2))
                found = true;
            i += 3;
        } else {
            if (c == lo)
                found = true;
            ++i;
        }
    }
    return found != negate;
}

} // namespace

Result<ArtifactGlob> ArtifactGlob::parse(const QString &pattern)
{
    if (pattern.isEmpty())
        return invalid(pattern, QStringLiteral("empty"));
    if (pattern.startsWith(QLatin1Char('/')))
        return invalid(pattern, QStringLiteral("absolute"));
    for (const QChar c : pattern) {
        if (c == QLatin1Char('\\'))
            return invalid(pattern, QStringLiteral("contains a backslash"));
        if (c.unicode() < 0x20 || c.unicode() == 0x7f)
            return invalid(pattern, QStringLiteral("contains a control character"));
    }
    ArtifactGlob glob;
    glob.m_pattern = pattern;
    QString body = pattern;
    if (body.endsWith(QLatin1Char('/'))) {
        glob.m_directoryOnly = true;
        body.chop(1);
    }
    glob.m_components = body.split(QLatin1Char('/'));
    for (const QString &component : qAsConst(glob.m_components)) {
        if (component.isEmpty() || component == QLatin1String(".") || component == QLatin1String(".."))
            return invalid(pattern, QStringLiteral("empty, '.' or '..' component"));
        if (component.contains(QLatin1String("**")) && component != QLatin1String("**"))
            return invalid(pattern, QStringLiteral("'**' must be a whole component"));
        for (int i = 0; i < component.size(); ++i) {
            if (component.at(i) == QLatin1Char('[')) {
                const int end = setEnd(component, i);
                if (end < 0)
                    return invalid(pattern, QStringLiteral("unterminated '['"));
                i = end - 1;
            }
        }
    }
    return glob;
}

bool ArtifactGlob::matchComponent(int index, QStringView name) const
{
    return matchWildcard(m_components.at(index), name);
}

bool ArtifactGlob::matchWildcard(QStringView pattern, QStringView name)
{
    // Iterative matcher with one backtrack point (the last '*'): linear in practice, no recursion.
    int p = 0;
    int n = 0;
    int starP = -1;
    int starN = 0;
    while (n < name.size()) {
        if (p < pattern.size()) {
            const QChar pc = pattern.at(p);
            if (pc == QLatin1Char('*')) {
                starP = p++;
                starN = n;
                continue;
            }
            if (pc == QLatin1Char('?')) {
                ++p;
                ++n;
                continue;
            }
            if (pc == QLatin1Char('[')) {
                const int end = setEnd(pattern, p);
                if (end > 0) {
                    if (setContains(pattern.mid(p + 1, end - p - 2), name.at(n))) {
                        p = end;
                        ++n;
                        continue;
                    }
                } else if (name.at(n) == pc) {
                    ++p;
                    ++n;
                    continue;
                }
            } else if (pc == name.at(n)) {
                ++p;
                ++n;
                continue;
            }
        }
        if (starP < 0)
            return false;
        p = starP + 1;
        n = ++starN;
    }
    while (p < pattern.size() && pattern.at(p) == QLatin1Char('*'))
        ++p;
    return p == pattern.size();
}

} // namespace BuildService
