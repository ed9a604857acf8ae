// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: LGPL-2.1-only OR LGPL-3.0-only

// IgnoreRules: git's ignore semantics (.gitignore files, info/exclude, extra patterns).
#pragma once

#include <QByteArray>
#include <QStringList>
#include <QVector>

namespace BuildService {

/**
 * Decides whether a path of a checkout is ignored, with exactly the rules that
 * `git ls-files -co --exclude-standard` applies to untracked files:
 *
 * - per-directory pattern files (`.gitignore`) apply to everything below their directory;
 *   a deeper file wins over a shallower one, and inside one file the last matching line wins;
 * - root-level lists (`.git/info/exclude`, caller patterns) rank below every `.gitignore`;
 * - line syntax: `#` comments, blank lines, unescaped trailing spaces dropped, `!` negation,
 *   trailing `/` = directories only, a `/` at the start or in the middle anchors the pattern to
 *   the file's directory, otherwise it matches the basename at any depth; `*`, `?`, `[...]`,
 *   `**` (leading, trailing, middle) and backslash escapes (`\#`, `\!`, `\ `) as in git;
 * - a path whose parent directory is ignored is ignored, whatever later `!` lines say
 *   (isIgnored() applies that rule; match() does not, for walkers that never descend
 *   into ignored directories).
 *
 * Paths are relative to the checkout root, '/'-separated, without leading or trailing slash,
 * compared byte-wise and case-sensitively (core.ignoreCase is not honoured). The user's global
 * `core.excludesFile` and system git configuration are deliberately NOT read: packaging must
 * not depend on who runs it; callers pass extra patterns instead.
 *
 * Value type; not thread-safe for concurrent modification, const methods are reentrant.
 */
class IgnoreRules
{
public:
    /** Outcome of the patterns that apply directly to a path. */
    enum class Verdict {
        None,     ///< no pattern matched
        Ignored,  ///< the deciding pattern is an ordinary one
        Included, ///< the deciding pattern is a `!` negation
    };

    /**
     * Adds the content of a per-directory ignore file found in @p directory ("" for the root,
     * otherwise a relative path without trailing slash). Lists are kept ordered by depth, so
     * they may be added in any order; several lists for one directory rank in adding order.
     */
    void addDirectoryPatterns(const QByteArray &directory, const QByteArray &content);

    /**
     * Removes the most recently added list of @p directory. Walkers push a directory's
     * `.gitignore` on entering and pop it on leaving. Returns false if there is none.
     */
    bool removeDirectoryPatterns(const QByteArray &directory);

    /**
     * Adds a root-level list (the syntax of a `.gitignore` at the root) that ranks below all
     * directory lists. Later root lists rank above earlier ones, so add caller patterns first,
     * then `.git/info/exclude`.
     */
    void addRootPatterns(const QByteArray &content);

    /** Same as addRootPatterns(), one pattern line per element. */
    void addRootPatterns(const QStringList &lines);

    /**
     * The verdict of the patterns that apply to @p path itself (@p isDirectory is what
     * lstat says: a symlink to a directory is not a directory). Does not look at parents.
     */
    Verdict match(const QByteArray &path, bool isDirectory) const;

    /**
     * Whether git would leave @p path out of `ls-files -o --exclude-standard`: true when an
     * ancestor directory is ignored or when match() says Ignored.
     */
    bool isIgnored(const QByteArray &path, bool isDirectory) const;

    /** True when no list holds a pattern. */
    bool isEmpty() const;

private:
    struct Pattern {
        QByteArray text;       // without "!" and trailing "/"
        int literalPrefix = 0; // bytes before the first glob special character
        bool negative = false;
        bool directoryOnly = false;
        bool basenameOnly = false; // no slash: matched against the last component
        bool endsWithLiteral = false; // "*literal": a suffix compare is enough
    };
    struct PatternList {
        QByteArray base; // "" or "dir/" (with the trailing slash)
        int depth = 0;
        QVector<Pattern> patterns;
    };

    static PatternList parse(const QByteArray &content, const QByteArray &base);
    static const Pattern *lastMatch(const PatternList &list, const QByteArray &path, int basenameOffset,
                                    bool isDirectory);

    QVector<PatternList> m_directoryLists; // ordered by depth, shallow first
    QVector<PatternList> m_rootLists;      // lowest priority first
};

} // namespace BuildService
