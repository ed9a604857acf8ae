// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: LGPL-2.1-only OR LGPL-3.0-only

// RemoteLaunchCommand: turns a remote-command launch configuration into a `build-service` call.
#include "launcher/remotelaunchcommand.h"

#include "core/shellwords.h"

#include "remotecommand.h"

#include <QDir>
#include <QRegularExpression>

namespace BuildService::Plugin {

Result<QStringList> RemoteLaunchCommand::parseEnvironment(const QString &text)
{
    static const QRegularExpression assignment(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]*="));
    static const QRegularExpression nonBlank(QStringLiteral("\\S"));
    QStringList assignments;
    const QStringList lines = text.split(QLatin1Char('\n'));
    for (int i = 0; i < lines.size(); ++i) {
        QString line = lines.at(i);
        if (line.endsWith(QLatin1Char('\r')))
            line.chop(1);
        // Leading blanks are indentation, not part of the name; the value is kept verbatim.
        const int start = line.indexOf(nonBlank);
        if (start < 0)
            continue;
        const QString trimmedStart = line.mid(start);
        if (trimmedStart.startsWith(QLatin1Char('#')))
            continue;
        const QRegularExpressionMatch match = assignment.match(trimmedStart);
        if (!match.hasMatch()) {
            return makeError(ErrorCode::ConfigInvalid,
                             tr("Line %1 of the environment is not NAME=VALUE: \"%2\". Write one variable per line, "
                                "e.g. LANG=C.")
                                 .arg(i + 1)
                                 .arg(line));
        }
        assignments << trimmedStart;
    }
    return assignments;
}

Result<QString> RemoteLaunchCommand::relativeWorkingDirectory(const QString &dir, const QString &projectRoot)
{
    const QString root = QDir::cleanPath(projectRoot);
    const QString trimmed = dir.trimmed();
    if (trimmed.isEmpty())
        return QStringLiteral(".");
    const QString absolute = QDir::cleanPath(QDir::isAbsolutePath(trimmed) ? trimmed : root + QLatin1Char('/') + trimmed);
    if (!RemoteCommand::isInside(absolute, root)) {
        return makeError(ErrorCode::ConfigInvalid,
                         tr("The working directory \"%1\" is outside the project %2. Enter a directory relative to "
                            "the project root, e.g. build.")
                             .arg(dir, root));
    }
    const QString relative = QDir(root).relativeFilePath(absolute);
    return relative.isEmpty() ? QStringLiteral(".") : relative;
}

QString RemoteLaunchCommand::remoteShellCommand(const QString &command, const QString &relativeDir)
{
    const QString trimmed = command.trimmed();
    if (relativeDir.isEmpty() || relativeDir == QLatin1String("."))
        return trimmed; // the CLI hands a single word to /bin/sh -c as it is
    return QLatin1String("cd ") + ShellWords::quotePath(relativeDir) + QLatin1String(" && exec /bin/sh -c ")
        + RemoteCommand::shellQuote(trimmed);
}

Result<QStringList> RemoteLaunchCommand::commandLine(const Input &input)
{
    if (input.command.trimmed().isEmpty()) {
        return makeError(ErrorCode::ConfigInvalid,
                         tr("No command is configured. Enter the command to run on the server, e.g. ./build/hello, "
                            "in Run → Configure Launches."));
    }
    const Result<QStringList> environment = parseEnvironment(input.environment);
    if (!environment)
        return environment.error();
    const Result<QString> relativeDir = relativeWorkingDirectory(input.workingDirectory, input.projectRoot);
    if (!relativeDir)
        return relativeDir.error();

    QStringList argv{input.cliPath,
                     QStringLiteral("build"),
                     QStringLiteral("--no-cache"),
                     QStringLiteral("--server"), input.serverUrl,
                     QStringLiteral("-C"), QDir::cleanPath(input.projectRoot),
                     // The run view gives no input and is no terminal (the IDE's pipe would never end).
                     QStringLiteral("--no-stdin"), QStringLiteral("--no-tty")};
    for (const QString &assignment : environment.value())
        argv << QStringLiteral("-e") << assignment;
    argv << QStringLiteral("--") << remoteShellCommand(input.command, relativeDir.value());
    return argv;
}

} // namespace BuildService::Plugin
