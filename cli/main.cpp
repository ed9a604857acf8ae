// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: GPL-2.0-or-later

// build-service: the command-line client (build, status, workspaces).
#include "attachcommand.h"
#include "debugcommand.h"
#include "buildcommand.h"
#include "cachecommand.h"
#include "commandline.h"
#include "i18n/translationloader.h"
#include "querycommand.h"

#include <QCoreApplication>

#include <csignal>
#include <cstdio>

using namespace BuildService;

/** Options every command accepts, also before the command name; each takes a value. */
static const QStringList s_globalOptions{QStringLiteral("--server"), QStringLiteral("--token"), QStringLiteral("--connect-timeout"),
                                        QStringLiteral("--ca-file"), QStringLiteral("--pin-sha256")};

static void printUsage(FILE *stream)
{
    const QString usage = QCoreApplication::translate("main",
        "Usage: build-service <command> [options]\n"
        "\n"
        "Remote builds: runs a build command on a build-service server in a workspace that is kept\n"
        "between builds of this checkout, and streams the output back.\n"
        "\n"
        "Commands:\n"
        "  build [options] -- <command>   upload this checkout and run <command> remotely\n"
        "  debug [options] -- <program>   run <program> under gdbserver remotely, for gdb on a local port\n"
        "  attach <build-id>              follow a build that lost its client (kept running by the server)\n"
        "  status                         show the server's status\n"
        "  workspaces                     list the workspaces the server holds\n"
        "  cache stats|clear|export|import  build cache statistics, remove, move recorded builds\n"
        "  help <command>                 show the options of <command> (also: build-service <command> --help)\n"
        "\n"
        "Options for all commands, before or after the command: --server URL (or $BUILD_SERVICE_SERVER; the\n"
        "port defaults to 7468), --token TOKEN (or $BUILD_SERVICE_TOKEN), --connect-timeout SECONDS,\n"
        "--ca-file FILE and --pin-sha256 HEX (to verify a wss:// server's certificate).\n"
        "  -h, --help     show this help\n"
        "  -v, --version  show the version\n"
        "\n"
        "Exit codes: 0 success; 2 usage error (bad option, argument or URL); 125 build-service failed\n"
        "(server unreachable, upload refused, ...); 130 interrupted (Ctrl-C); otherwise, for build and\n"
        "attach, the remote command's exit code.\n");
    std::fputs(qPrintable(usage), stream);
}

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("build-service"));
    QCoreApplication::setApplicationVersion(QStringLiteral(BUILD_SERVICE_VERSION));
    installTranslations(app);
    ::signal(SIGPIPE, SIG_IGN);

    QStringList arguments = app.arguments().mid(1);
    // Options for all commands may come before the command; they are handed to it.
    QStringList globalOptions;
    while (!arguments.isEmpty() && arguments.first().startsWith(QLatin1Char('-'))) {
        const QString option = arguments.takeFirst();
        if (option == QLatin1String("-h") || option == QLatin1String("--help")) {
            printUsage(stdout);
            return Cli::ExitCode::Success;
        }
        if (option == QLatin1String("-v") || option == QLatin1String("--version")) {
            std::printf("build-service %s (protocol %d)\n", BUILD_SERVICE_VERSION, Protocol::Version);
            return Cli::ExitCode::Success;
        }
        const QString name = option.section(QLatin1Char('='), 0, 0);
        if (!s_globalOptions.contains(name)) {
            std::fprintf(stderr, "%s\n", qPrintable(QCoreApplication::translate("main", "build-service: unknown option \"%1\" before the command").arg(option)));
            printUsage(stderr);
            return Cli::ExitCode::UsageError;
        }
        globalOptions << option;
        if (!option.contains(QLatin1Char('='))) {
            if (arguments.isEmpty()) {
                std::fprintf(stderr, "%s\n", qPrintable(QCoreApplication::translate("main", "build-service: %1 needs a value").arg(option)));
                return Cli::ExitCode::UsageError;
            }
            globalOptions << arguments.takeFirst();
        }
    }
    if (arguments.isEmpty()) {
        printUsage(stderr);
        return Cli::ExitCode::UsageError;
    }
    QString command = arguments.takeFirst();
    if (command == QLatin1String("help")) {
        if (arguments.isEmpty()) {
            printUsage(stdout);
            return Cli::ExitCode::Success;
        }
        // "help cache stats" -> "cache stats --help"
        command = arguments.takeFirst();
        arguments.append(QStringLiteral("--help"));
    }
    // Subcommands take their options anywhere before "--"; the global ones go first (after
    // the action of "cache", which picks its subcommand from the first word).
    const int insertAt = command == QLatin1String("cache") && !arguments.isEmpty() ? 1 : 0;
    for (int i = 0; i < globalOptions.size(); ++i)
        arguments.insert(insertAt + i, globalOptions.at(i));
    if (command == QLatin1String("build"))
        return Cli::BuildCommand().run(arguments);
    if (command == QLatin1String("debug"))
        return Cli::DebugCommand().run(arguments);
    if (command == QLatin1String("attach"))
        return Cli::AttachCommand().run(arguments);
    if (command == QLatin1String("status"))
        return Cli::QueryCommand(Cli::QueryCommand::Kind::Status).run(arguments);
    if (command == QLatin1String("workspaces"))
        return Cli::QueryCommand(Cli::QueryCommand::Kind::Workspaces).run(arguments);
    if (command == QLatin1String("cache"))
        return Cli::CacheCommand().run(arguments);
    std::fprintf(stderr, "%s\n", qPrintable(QCoreApplication::translate("main", "build-service: unknown command \"%1\"").arg(command)));
    printUsage(stderr);
    return Cli::ExitCode::UsageError;
}
