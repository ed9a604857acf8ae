// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: LGPL-2.1-only OR LGPL-3.0-only

// RemoteCommand: decides which processes are build tools and turns them into a remote build.
#include "remotecommand.h"

#include "core/shellwords.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

#include <algorithm>

namespace BuildService::Plugin {

namespace {

// The shell variable holding the workspace root on the server; only emitted when needed.
const QLatin1String RootVariable("BS_ROOT");

bool isCMake(const QString &tool)
{
    return tool == QLatin1String("cmake");
}

bool isNinjaCleanTool(const QString &name)
{
    return name == QLatin1String("clean") || name == QLatin1String("cleandead");
}

// Arguments that make a build tool answer a question instead of building: the IDE asks
// them of the local installation (e.g. the file-API support check runs `cmake --version`).
bool isQueryArgument(const QString &tool, const QString &arg)
{
    if (arg == QLatin1String("--version") || arg.startsWith(QLatin1String("--help")))
        return true;
    if (isCMake(tool)) {
        static const QStringList cmakeQueries{
            QStringLiteral("-E"), QStringLiteral("-P"), QStringLiteral("-h"), QStringLiteral("-version"),
            QStringLiteral("/V"), QStringLiteral("/?"), QStringLiteral("--system-information"),
            QStringLiteral("--find-package"), QStringLiteral("-N"), QStringLiteral("-L"), QStringLiteral("-LA"),
            QStringLiteral("-LH"), QStringLiteral("-LAH")};
        return cmakeQueries.contains(arg);
    }
    if (tool == QLatin1String("ninja") || tool == QLatin1String("ninja-build"))
        return arg.startsWith(QLatin1String("-t")); // -t <tool> (compdb, targets, ...) is a query; see isBuildTool
    return arg == QLatin1String("-v"); // make -v prints the version
}

// Rewrites one argument: local paths inside the project become "$BS_ROOT"/... so they name
// the uploaded copy. Returns the shell-quoted word and sets @p usesRoot when it did so.
QString rewriteArgument(const QString &arg, const QString &root, bool *usesRoot)
{
    // Candidates: the whole argument, or what follows the first '=' (-DVAR=/path, DESTDIR=/path).
    int start = -1;
    if (arg.startsWith(root))
        start = 0;
    else if (const int eq = arg.indexOf(QLatin1Char('=')); eq >= 0 && arg.midRef(eq + 1).startsWith(root))
        start = eq + 1;
    if (start >= 0) {
        const int end = start + root.size();
        if (end == arg.size() || arg.at(end) == QLatin1Char('/')) {
            *usesRoot = true;
            QString word = start > 0 ? RemoteCommand::shellQuote(arg.left(start)) : QString();
            word += QLatin1String("\"$") + RootVariable + QLatin1Char('"');
            if (end < arg.size())
                word += RemoteCommand::shellQuote(arg.mid(end));
            return word;
        }
    }
    return RemoteCommand::shellQuote(arg);
}

} // namespace

bool RemoteCommand::isBuildTool(const QStringList &argv)
{
    if (argv.isEmpty())
        return false;
    const QString tool = QFileInfo(argv.first()).fileName();
    static const QStringList tools{QStringLiteral("make"), QStringLiteral("gmake"), QStringLiteral("ninja"),
                                   QStringLiteral("ninja-build"), QStringLiteral("cmake")};
    if (!tools.contains(tool))
        return false;
    const bool ninja = tool == QLatin1String("ninja") || tool == QLatin1String("ninja-build");
    for (int i = 1; i < argv.size(); ++i) {
        // Ninja's clean tools change the build directory: they are what Clean runs.
        if (ninja && argv.at(i) == QLatin1String("-t") && i + 1 < argv.size() && isNinjaCleanTool(argv.at(i + 1))) {
            ++i;
            continue;
        }
        if (ninja && argv.at(i).startsWith(QLatin1String("-t")) && isNinjaCleanTool(argv.at(i).mid(2)))
            continue;
        if (isQueryArgument(tool, argv.at(i)))
            return false;
    }
    // A bare `cmake` prints its usage; nothing to build.
    return !(isCMake(tool) && argv.size() == 1);
}

bool RemoteCommand::isInside(const QString &path, const QString &root)
{
    if (path.isEmpty() || root.isEmpty())
        return false;
    const QString p = QDir::cleanPath(path);
    const QString r = QDir::cleanPath(root);
    if (p == r)
        return true;
    return p.startsWith(r.endsWith(QLatin1Char('/')) ? r : r + QLatin1Char('/'));
}

bool RemoteCommand::isCMakeConfigure(const QStringList &argv)
{
    if (argv.isEmpty() || !isCMake(QFileInfo(argv.first()).fileName()))
        return false;
    static const QStringList modes{QStringLiteral("--build"), QStringLiteral("--install"), QStringLiteral("--open")};
    return std::none_of(argv.begin() + 1, argv.end(), [](const QString &arg) { return modes.contains(arg); });
}

QString RemoteCommand::cmakeBuildDir(const QStringList &argv, const QString &workingDir, const QString &projectRoot,
                                     const std::function<bool(const QString &dir)> &hasCache)
{
    if (argv.isEmpty())
        return {};
    const QString root = QDir::cleanPath(projectRoot);
    const QString dir = QDir::cleanPath(workingDir);
    const auto strictlyInside = [&root](const QString &path) {
        return isInside(path, root) && QDir::cleanPath(path) != root ? QDir::cleanPath(path) : QString();
    };
    if (isCMake(QFileInfo(argv.first()).fileName())) {
        for (int i = 1; i < argv.size(); ++i) {
            const QString &arg = argv.at(i);
            QString named;
            if ((arg == QLatin1String("-B") || arg == QLatin1String("--build") || arg == QLatin1String("--install"))
                && i + 1 < argv.size())
                named = argv.at(i + 1);
            else if (arg.startsWith(QLatin1String("-B")) && arg.size() > 2)
                named = arg.mid(2);
            if (!named.isEmpty())
                return strictlyInside(QDir(dir).absoluteFilePath(named));
        }
        return strictlyInside(dir);
    }
    for (QString candidate = dir; isInside(candidate, root) && candidate != root;
         candidate = QFileInfo(candidate).path()) {
        if (hasCache(candidate))
            return candidate;
    }
    return {};
}

QString RemoteCommand::shellQuote(const QString &word)
{
    return ShellWords::quote(word);
}

QString RemoteCommand::remoteShellCommand(const QStringList &argv, const QString &workingDir, const QString &projectRoot)
{
    Q_ASSERT(isInside(workingDir, projectRoot));
    const QString root = QDir::cleanPath(projectRoot);
    const QString relativeDir = QDir(root).relativeFilePath(QDir::cleanPath(workingDir));

    bool usesRoot = false;
    QStringList words;
    // The local program path (e.g. /usr/bin/make) means nothing on the server: use the name.
    words << shellQuote(QFileInfo(argv.first()).fileName());
    for (int i = 1; i < argv.size(); ++i)
        words << rewriteArgument(argv.at(i), root, &usesRoot);

    QString command;
    if (usesRoot)
        command += RootVariable + QLatin1String("=$(pwd) && ");
    if (!relativeDir.isEmpty() && relativeDir != QLatin1String("."))
        command += QLatin1String("cd ") + ShellWords::quotePath(relativeDir) + QLatin1String(" && ");
    command += QLatin1String("exec ") + words.join(QLatin1Char(' '));
    return command;
}

QStringList RemoteCommand::wrap(const Input &input)
{
    // One stream: the Build view reads stdout and stderr in turn, which would put our notices
    // ("replaying from cache") after the output they announce. No stdin: the IDE's pipe never
    // ends and is not meant for the build; no terminal: the Build view is none.
    return {input.cliPath,
            QStringLiteral("build"),
            QStringLiteral("--one-stream"),
            QStringLiteral("--no-stdin"),
            QStringLiteral("--no-tty"),
            QStringLiteral("--server"), input.serverUrl,
            QStringLiteral("-C"), QDir::cleanPath(input.projectRoot),
            QStringLiteral("--"),
            remoteCommand(input)};
}

QString RemoteCommand::remoteCommand(const Input &input)
{
    const QString command = remoteShellCommand(input.argv, input.workingDir, input.projectRoot);
    if (input.buildDir.isEmpty())
        return command;
    const QString dir = QDir(QDir::cleanPath(input.projectRoot)).relativeFilePath(QDir::cleanPath(input.buildDir));
    const QString mkdir = QLatin1String("mkdir -p ") + ShellWords::quotePath(dir) + QLatin1String(" && ");
    if (input.configureFirst.isEmpty())
        return mkdir + command;
    // Subshells: each part ends in exec, and the second must still start in the root.
    return mkdir + QLatin1Char('(') + remoteShellCommand(input.configureFirst, input.buildDir, input.projectRoot)
        + QLatin1String(") && (") + command + QLatin1Char(')');
}

QString RemoteCommand::summary(const QStringList &argv, const QString &workingDir, const QString &projectRoot,
                               const QString &serverUrl)
{
    QStringList words{QFileInfo(argv.value(0)).fileName()};
    for (int i = 1; i < argv.size(); ++i)
        words << shellQuote(argv.at(i));
    const QString relativeDir = QDir(QDir::cleanPath(projectRoot)).relativeFilePath(QDir::cleanPath(workingDir));
    if (relativeDir.isEmpty() || relativeDir == QLatin1String("."))
        return QCoreApplication::translate("RemoteCommand", "remote build on %1: %2").arg(serverUrl, words.join(QLatin1Char(' ')));
    return QCoreApplication::translate("RemoteCommand", "remote build on %1 in %2: %3")
        .arg(serverUrl, relativeDir, words.join(QLatin1Char(' ')));
}

} // namespace BuildService::Plugin
