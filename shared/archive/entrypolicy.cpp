// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: LGPL-2.1-only OR LGPL-3.0-only

// EntryPolicy: the path rules every archive entry and symlink target must pass before it is written.
#include "entrypolicy.h"

#include <QHash>

#include <algorithm>

namespace BuildService {

namespace {
constexpr int s_printableMax = 200;

Error entryError(const QString &path, const QString &reason)
{
    return makeError(ErrorCode::ArchiveRejected,
                     QStringLiteral("entry \"%1\" rejected: %2").arg(EntryPolicy::printable(path), reason));
}

Error symlinkError(const QString &path, const QString &reason)
{
    return makeError(ErrorCode::ArchiveRejected,
                     QStringLiteral("symlink \"%1\" rejected: %2").arg(EntryPolicy::printable(path), reason));
}

bool isControl(ushort c)
{
    return c < 0x20 || c == 0x7f;
}

// Bytes the UTF-16 unit takes in UTF-8; a surrogate pair counts 2 + 2.
int utf8Units(ushort c)
{
    if (c < 0x80)
        return 1;
    if (c < 0x800)
        return 2;
    if (c >= 0xd800 && c <= 0xdfff)
        return 2;
    return 3;
}

QString controlReason(ushort c, const char *what)
{
    return QStringLiteral("%1 contains a control character (0x%2)")
        .arg(QLatin1String(what))
        .arg(uint(c), 2, 16, QLatin1Char('0'));
}

// Checks characters common to entry paths and symlink targets; returns an empty string if fine.
QString characterProblem(const QString &s, int maxLength, const char *what, int *utf8Length)
{
    int bytes = 0;
    const int n = s.size();
    const QChar *d = s.constData();
    for (int i = 0; i < n; ++i) {
        const ushort c = d[i].unicode();
        if (isControl(c))
            return controlReason(c, what);
        if (c == '\\')
            return QStringLiteral("%1 contains a backslash").arg(QLatin1String(what));
        if (c >= 0xd800 && c <= 0xdbff) {
            if (i + 1 >= n || d[i + 1].unicode() < 0xdc00 || d[i + 1].unicode() > 0xdfff)
                return QStringLiteral("%1 is not valid Unicode").arg(QLatin1String(what));
            bytes += 2;
            ++i;
            bytes += 2;
            continue;
        }
        if (c >= 0xdc00 && c <= 0xdfff)
            return QStringLiteral("%1 is not valid Unicode").arg(QLatin1String(what));
        bytes += utf8Units(c);
    }
    if (bytes > maxLength)
        return QStringLiteral("%1 is longer than %2 bytes").arg(QLatin1String(what)).arg(maxLength);
    *utf8Length = bytes;
    return QString();
}
} // namespace

QString EntryPolicy::printable(const QString &path)
{
    QString out;
    const int n = qMin(path.size(), s_printableMax);
    out.reserve(n + 8);
    for (int i = 0; i < n; ++i) {
        const ushort c = path.at(i).unicode();
        if (isControl(c))
            out += QStringLiteral("\\x%1").arg(uint(c), 2, 16, QLatin1Char('0'));
        else
            out += path.at(i);
    }
    if (path.size() > s_printableMax)
        out += QStringLiteral("...");
    return out;
}

Result<QString> EntryPolicy::validateEntryPath(const QString &path, int maxLength, PathKind kind)
{
    if (path.isEmpty())
        return entryError(path, QStringLiteral("path is empty"));
    int utf8Length = 0;
    const QString problem = characterProblem(path, maxLength, "path", &utf8Length);
    if (!problem.isEmpty())
        return entryError(path, problem);
    if (path.startsWith(QLatin1Char('/')))
        return entryError(path, QStringLiteral("path is absolute"));

    QStringView rest(path);
    if (rest.startsWith(QLatin1String("./")))
        rest = rest.mid(2);
    if (kind == PathKind::Directory) {
        if (rest.isEmpty() || rest == QLatin1String("."))
            return QString(); // the root directory itself
        if (rest.endsWith(QLatin1Char('/')))
            rest.chop(1);
    }
    if (rest.isEmpty())
        return entryError(path, QStringLiteral("path is empty"));

    // Walk the components once: "..", ".", empty and over-long components are all rejected;
    // ".." is reported first because it is the one that matters for safety.
    bool sawDot = false;
    bool sawEmpty = false;
    bool sawLong = false;
    int start = 0;
    const int n = rest.size();
    for (int i = 0; i <= n; ++i) {
        if (i < n && rest.at(i) != QLatin1Char('/'))
            continue;
        const QStringView comp = rest.mid(start, i - start);
        if (comp == QLatin1String(".."))
            return entryError(path, QStringLiteral("path contains \"..\""));
        if (comp.isEmpty())
            sawEmpty = true;
        else if (comp == QLatin1String("."))
            sawDot = true;
        else if (comp.size() > MaxComponentLength / 3) {
            int bytes = 0;
            for (QChar c : comp)
                bytes += utf8Units(c.unicode());
            sawLong = sawLong || bytes > MaxComponentLength;
        }
        start = i + 1;
    }
    if (sawEmpty)
        return entryError(path, QStringLiteral("path contains an empty component"));
    if (sawDot)
        return entryError(path, QStringLiteral("path contains a \".\" component"));
    if (sawLong)
        return entryError(path, QStringLiteral("path has a component longer than %1 bytes").arg(MaxComponentLength));
    if (rest.size() == path.size())
        return path; // common case: no copy
    return rest.toString();
}

Result<void> EntryPolicy::validateSymlinkTarget(const QString &entryPath, const QString &target, int maxLength)
{
    const QString shown = QStringLiteral("target \"%1\"").arg(printable(target));
    if (target.isEmpty())
        return symlinkError(entryPath, QStringLiteral("target is empty"));
    int utf8Length = 0;
    const QString problem = characterProblem(target, maxLength, "target", &utf8Length);
    if (!problem.isEmpty())
        return symlinkError(entryPath, problem);
    if (target.startsWith(QLatin1Char('/')))
        return symlinkError(entryPath, shown + QLatin1String(" is absolute"));

    const int depth = int(entryPath.count(QLatin1Char('/')));
    int ups = 0;
    bool sawNormal = false;
    int start = 0;
    const int n = target.size();
    for (int i = 0; i <= n; ++i) {
        if (i < n && target.at(i) != QLatin1Char('/'))
            continue;
        const QStringView comp = QStringView(target).mid(start, i - start);
        start = i + 1;
        if (comp.isEmpty() || comp == QLatin1String("."))
            continue;
        if (comp == QLatin1String("..")) {
            if (sawNormal)
                return symlinkError(entryPath, shown + QLatin1String(" has \"..\" after a normal component"));
            ++ups;
            continue;
        }
        sawNormal = true;
    }
    if (ups > depth)
        return symlinkError(entryPath, shown + QLatin1String(" points outside the tree"));
    return {};
}

QList<QStringList> EntryPolicy::findTwins(const QStringList &paths, int maxGroups, int *total)
{
    QHash<QString, QStringList> byKey;
    byKey.reserve(paths.size());
    for (const QString &path : paths)
        byKey[path.normalized(QString::NormalizationForm_C).toCaseFolded()].append(path);
    QList<QStringList> groups;
    for (auto it = byKey.begin(); it != byKey.end(); ++it) {
        if (it.value().size() < 2)
            continue;
        it.value().sort();
        groups.append(it.value());
    }
    std::sort(groups.begin(), groups.end(), [](const QStringList &a, const QStringList &b) { return a.first() < b.first(); });
    if (total)
        *total = groups.size();
    if (groups.size() > maxGroups)
        groups.erase(groups.begin() + maxGroups, groups.end());
    return groups;
}

} // namespace BuildService
