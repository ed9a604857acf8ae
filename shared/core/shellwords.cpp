// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: LGPL-2.1-only OR LGPL-3.0-only

// ShellWords: quoting for /bin/sh, shared by everything that builds a remote command line.
#include "core/shellwords.h"

#include <QRegularExpression>

namespace BuildService::ShellWords {

QString quote(const QString &word)
{
    static const QRegularExpression safe(QStringLiteral("^[A-Za-z0-9_@%+=:,./-]+$"));
    if (!word.isEmpty() && safe.match(word).hasMatch())
        return word;
    // Inside single quotes nothing is special except the quote itself: close, escape, reopen.
    return QLatin1Char('\'') + QString(word).replace(QLatin1String("'"), QLatin1String("'\\''")) + QLatin1Char('\'');
}

QString quotePath(const QString &path)
{
    return quote(path.startsWith(QLatin1Char('-')) ? QLatin1String("./") + path : path);
}

QString join(const QStringList &words)
{
    QStringList quoted;
    quoted.reserve(words.size());
    for (const QString &word : words)
        quoted.append(quote(word));
    return quoted.join(QLatin1Char(' '));
}

} // namespace BuildService::ShellWords
