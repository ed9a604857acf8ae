// build-service: the command-line client (build, status, workspaces).
#include "attachcommand.h"
#include "buildcommand.h"
#include "cachecommand.h"
#include "i18n/translationloader.h"
#include "querycommand.h"

#include <QCoreApplication>

#include <csignal>
#include <cstdio>

using namespace BuildService;

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
        "  attach <build-id>              follow a build that lost its client (kept running by the server)\n"
        "  status                         show the server's status\n"
        "  workspaces                     list the workspaces the server holds\n"
        "  cache stats|clear              build cache statistics, or remove recorded builds\n"
        "\n"
        "Run 'build-service <command> --help' for the options of a command.\n"
        "Options for all commands: --server URL (or $BUILD_SERVICE_SERVER), --token TOKEN (or $BUILD_SERVICE_TOKEN).\n"
        "  -h, --help     show this help\n"
        "  -v, --version  show the version\n");
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
    if (arguments.isEmpty()) {
        printUsage(stderr);
        return 2;
    }
    const QString command = arguments.takeFirst();
    if (command == QLatin1String("-h") || command == QLatin1String("--help") || command == QLatin1String("help")) {
        printUsage(stdout);
        return 0;
    }
    if (command == QLatin1String("-v") || command == QLatin1String("--version")) {
        std::printf("build-service %s (protocol %d)\n", BUILD_SERVICE_VERSION, Protocol::Version);
        return 0;
    }
    if (command == QLatin1String("build"))
        return Cli::BuildCommand().run(arguments);
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
    return 2;
}
