// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: GPL-2.0-or-later

// ArtifactGlob: one parsed artifact pattern, matched one path component at a time.
#pragma once

#include "core/result.h"

#include <QString>
#include <QStringList>
#include <QStringView>

namespace BuildService {

/**
 * An artifact glob, relative to the workspace and `/`-separated (rules: see ArtifactCollector).
 * Matching is done per path component so a directory walk can prune early: a walker keeps a
 * position in components() and advances it with matchComponent().
 * Value type; cheap to copy; thread-safe for concurrent const use.
 */
class ArtifactGlob
{
public:
    /**
     * Parses @p pattern. Errors (ErrorCode::InvalidRequest, "invalid artifact pattern '<p>':
     * <reason>"): empty, absolute, backslash, control character, empty / "." / ".." component,
     * "**" mixed with other characters in a component, unterminated "[".
     */
    static Result<ArtifactGlob> parse(const QString &pattern);

    /** The pattern as given. */
    QString pattern() const { return m_pattern; }
    /** Number of components (2 for "bin/tool"). */
    int componentCount() const { return m_components.size(); }
    /** True when component @p index is "**" (any number of components, including none). */
    bool isRecursive(int index) const { return m_components.at(index) == QLatin1String("**"); }
    /** True when the pattern ended with "/": it matches directories only. */
    bool directoryOnly() const { return m_directoryOnly; }
    /** True when the single name @p name matches component @p index (not "**"). */
    bool matchComponent(int index, QStringView name) const;

    /**
     * Wildcard match of one name: `*` any run of characters, `?` one character, `[abc]`,
     * `[a-z]`, `[!a-z]` or `[^a-z]` one character of (or not of) the set. No character is special
     * in @p name; a leading dot is matched by wildcards like any other character.
     */
    static bool matchWildcard(QStringView pattern, QStringView name);

private:
    QString m_pattern;
    QStringList m_components;
    bool m_directoryOnly = false;
};

} // namespace BuildService
