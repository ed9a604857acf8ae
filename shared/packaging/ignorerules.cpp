// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: LGPL-2.1-only OR LGPL-3.0-only

// IgnoreRules: git's ignore semantics (.gitignore files, info/exclude, extra patterns).
#include "ignorerules.h"

#include "wildmatch.h"

#include <cstring>

namespace BuildService {

namespace {

bool isGlobSpecial(char c)
{
    return c == '*' || c == '?' || c == '[' || c == '\\';
}

int literalLength(const char *s, int length)
{
    int i = 0;
    while (i < length && !isGlobSpecial(s[i]))
        ++i;
    return i;
}

// git drops trailing spaces unless the last one is escaped with a backslash.
void trimTrailingSpaces(QByteArray &line)
{
    int lastSpace = -1;
    for (int i = 0; i < line.size(); ++i) {
        const char c = line.at(i);
        if (c == ' ') {
            if (lastSpace < 0)
                lastSpace = i;
        } else if (c == '\\') {
            ++i;
            if (i >= line.size())
                return;
            lastSpace = -1;
        } else {
            lastSpace = -1;
        }
    }
    if (lastSpace >= 0)
        line.truncate(lastSpace);
}

int depthOf(const QByteArray &base)
{
    return base.isEmpty() ? 0 : int(base.count('/'));
}

} // namespace

IgnoreRules::PatternList IgnoreRules::parse(const QByteArray &content, const QByteArray &base)
{
    PatternList list;
    list.base = base;
    list.depth = depthOf(base);

    int start = 0;
    if (content.startsWith("\xEF\xBB\xBF"))
        start = 3;
    const int size = content.size();
    while (start < size) {
        int end = content.indexOf('\n', start);
        if (end < 0)
            end = size;
        if (end > start && content.at(start) != '#') {
            int lineEnd = end;
            if (content.at(lineEnd - 1) == '\r')
                --lineEnd;
            QByteArray line = content.mid(start, lineEnd - start);
            // git works on C strings: a NUL ends the line.
            const int nul = line.indexOf('\0');
            if (nul >= 0)
                line.truncate(nul);
            trimTrailingSpaces(line);

            Pattern pattern;
            int from = 0;
            if (line.startsWith('!')) {
                pattern.negative = true;
                from = 1;
            }
            int length = line.size() - from;
            const char *text = line.constData() + from;
            // Computed before the trailing slash is cut, as git does ('/' is not special).
            const int literal = literalLength(text, line.size() - from);
            pattern.endsWithLiteral = length > 0 && text[0] == '*'
                && literalLength(text + 1, length - 1) == length - 1;
            if (length > 0 && text[length - 1] == '/') {
                pattern.directoryOnly = true;
                --length;
            }
            pattern.basenameOnly = std::memchr(text, '/', size_t(length)) == nullptr;
            pattern.text = QByteArray(text, length);
            pattern.literalPrefix = qMin(literal, length);
            list.patterns.append(pattern);
        }
        start = end + 1;
    }
    return list;
}

void IgnoreRules::addDirectoryPatterns(const QByteArray &directory, const QByteArray &content)
{
    PatternList list = parse(content, directory.isEmpty() ? QByteArray() : directory + '/');
    int at = m_directoryLists.size();
    while (at > 0 && m_directoryLists.at(at - 1).depth > list.depth)
        --at;
    m_directoryLists.insert(at, std::move(list));
}

bool IgnoreRules::removeDirectoryPatterns(const QByteArray &directory)
{
    const QByteArray base = directory.isEmpty() ? QByteArray() : directory + '/';
    for (int i = m_directoryLists.size() - 1; i >= 0; --i) {
        if (m_directoryLists.at(i).base == base) {
            m_directoryLists.remove(i);
            return true;
        }
    }
    return false;
}

void IgnoreRules::addRootPatterns(const QByteArray &content)
{
    m_rootLists.append(parse(content, QByteArray()));
}

void IgnoreRules::addRootPatterns(const QStringList &lines)
{
    addRootPatterns(lines.join(QLatin1Char('\n')).toUtf8());
}

bool IgnoreRules::isEmpty() const
{
    for (const PatternList &list : m_directoryLists) {
        if (!list.patterns.isEmpty())
            return false;
    }
    for (const PatternList &list : m_rootLists) {
        if (!list.patterns.isEmpty())
            return false;
    }
    return true;
}

const IgnoreRules::Pattern *IgnoreRules::lastMatch(const PatternList &list, const QByteArray &path,
                                                   int basenameOffset, bool isDirectory)
{
    const char *const pathData = path.constData();
    const int pathLength = path.size();
    const char *const basename = pathData + basenameOffset;
    const int basenameLength = pathLength - basenameOffset;
    // The base without its trailing slash, as git's match_pathname() expects it.
    const int baseLength = list.base.isEmpty() ? 0 : list.base.size() - 1;

    for (int i = list.patterns.size() - 1; i >= 0; --i) {
        const Pattern &pattern = list.patterns.at(i);
        if (pattern.directoryOnly && !isDirectory)
            continue;

        const char *text = pattern.text.constData();
        int textLength = pattern.text.size();
        int prefix = pattern.literalPrefix;

        if (pattern.basenameOnly) {
            if (prefix == textLength) {
                if (textLength == basenameLength && std::memcmp(text, basename, size_t(textLength)) == 0)
                    return &pattern;
            } else if (pattern.endsWithLiteral) {
                const int suffix = textLength - 1;
                if (suffix <= basenameLength
                    && std::memcmp(text + 1, basename + basenameLength - suffix, size_t(suffix)) == 0)
                    return &pattern;
            } else if (Internal::wildMatch(text, basename, false)) {
                return &pattern;
            }
            continue;
        }

        // Anchored pattern: relative to the list's directory.
        if (*text == '/') {
            ++text;
            --textLength;
            --prefix;
        }
        if (pathLength < baseLength + 1 || (baseLength && pathData[baseLength] != '/')
            || std::memcmp(pathData, list.base.constData(), size_t(baseLength)) != 0)
            continue;
        int nameLength = baseLength ? pathLength - baseLength - 1 : pathLength;
        const char *name = pathData + pathLength - nameLength;
        if (prefix > 0) {
            if (prefix > nameLength || std::memcmp(text, name, size_t(prefix)) != 0)
                continue;
            text += prefix;
            textLength -= prefix;
            name += prefix;
            nameLength -= prefix;
            if (textLength == 0 && nameLength == 0)
                return &pattern;
        }
        if (Internal::wildMatch(text, name, true))
            return &pattern;
    }
    return nullptr;
}

IgnoreRules::Verdict IgnoreRules::match(const QByteArray &path, bool isDirectory) const
{
    const int slash = path.lastIndexOf('/');
    const int basenameOffset = slash + 1;

    for (int i = m_directoryLists.size() - 1; i >= 0; --i) {
        const PatternList &list = m_directoryLists.at(i);
        // A list applies only to paths strictly inside its directory.
        if (!list.base.isEmpty() && !path.startsWith(list.base))
            continue;
        if (const Pattern *hit = lastMatch(list, path, basenameOffset, isDirectory))
            return hit->negative ? Verdict::Included : Verdict::Ignored;
    }
    for (int i = m_rootLists.size() - 1; i >= 0; --i) {
        if (const Pattern *hit = lastMatch(m_rootLists.at(i), path, basenameOffset, isDirectory))
            return hit->negative ? Verdict::Included : Verdict::Ignored;
    }
    return Verdict::None;
}

bool IgnoreRules::isIgnored(const QByteArray &path, bool isDirectory) const
{
    int slash = path.indexOf('/');
    while (slash > 0) {
        if (match(path.left(slash), true) == Verdict::Ignored)
            return true;
        slash = path.indexOf('/', slash + 1);
    }
    return match(path, isDirectory) == Verdict::Ignored;
}

} // namespace BuildService
