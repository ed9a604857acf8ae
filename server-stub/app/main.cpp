// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: GPL-2.0-or-later

// build-service-server: command line, configuration, and the event loop.
#include "app/buildserver.h"
#include "app/logformat.h"
#include "auth/tokenstore.h"
#include "config/datadircheck.h"
#include "config/serverconfig.h"
#include "core/unixsignalwatcher.h"
#include "i18n/translationloader.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QHostAddress>

#include <csignal>
#include <cstdio>

using namespace BuildService;

int main(int argc, char **argv)
{
    // Before anything logs: timestamps and levels, or journald priorities under systemd.
    LogFormat::install(LogFormat::detectStyle());
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("build-service-server"));
    QCoreApplication::setApplicationVersion(QStringLiteral(BUILD_SERVICE_VERSION));
    installTranslations(app);
    ::signal(SIGPIPE, SIG_IGN);

    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate("main",
        "Remote build server: keeps build workspaces, syncs sources, runs builds and streams their output."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption configOption(QStringLiteral("config"),
        QCoreApplication::translate("main", "Read the TOML configuration <file> (see docs/configuration.md)."), QStringLiteral("file"));
    const QCommandLineOption listenOption(QStringLiteral("listen"),
        QCoreApplication::translate("main", "Listen on <address> instead of [server] listen (default 127.0.0.1)."), QStringLiteral("address"));
    const QCommandLineOption portOption(QStringLiteral("port"),
        QCoreApplication::translate("main", "Listen on <port> instead of [server] port (default %1; 0 picks a free port).").arg(Protocol::DefaultPort),
        QStringLiteral("port"));
    const QCommandLineOption dataOption(QStringLiteral("data-dir"),
        QCoreApplication::translate("main", "Keep workspaces and metadata under <dir> instead of [storage] data_dir."), QStringLiteral("dir"));
    const QCommandLineOption checkOption(QStringLiteral("check-config"),
        QCoreApplication::translate("main", "Only validate the configuration, print the data directory and exit."));
    const QCommandLineOption generateTokenOption(QStringLiteral("generate-token"),
        QCoreApplication::translate("main", "Print a new access token for the identity <name> and the line for [server] tokens_file, then exit."),
        QStringLiteral("name"));
    const QCommandLineOption roleOption(QStringLiteral("role"),
        QCoreApplication::translate("main", "With --generate-token: the role, \"user\" (default) or \"admin\"."), QStringLiteral("role"),
        QStringLiteral("user"));
    parser.addOptions({configOption, listenOption, portOption, dataOption, checkOption, generateTokenOption, roleOption});
    parser.process(app);

    if (parser.isSet(generateTokenOption)) {
        const QString name = parser.value(generateTokenOption);
        const QString role = parser.value(roleOption);
        if (!TokenStore::isValidName(name)) {
            std::fprintf(stderr, "build-service-server: %s\n",
                         qPrintable(QCoreApplication::translate("main", "invalid name \"%1\": use 1 to 64 letters, digits, '.', '_' or '-'").arg(name)));
            return 2;
        }
        if (role != QLatin1String("user") && role != QLatin1String("admin")) {
            std::fprintf(stderr, "build-service-server: %s\n",
                         qPrintable(QCoreApplication::translate("main", "--role must be \"user\" or \"admin\", got \"%1\"").arg(role)));
            return 2;
        }
        const QString token = TokenStore::generateToken();
        const Identity::Role parsedRole = role == QLatin1String("admin") ? Identity::Role::Admin : Identity::Role::User;
        // The token is shown once: the server keeps only its hash.
        std::printf("%s\n", qPrintable(QCoreApplication::translate("main", "token: %1").arg(token)));
        std::printf("%s\n", qPrintable(QCoreApplication::translate("main", "tokens file line: %1").arg(TokenStore::fileLine(name, parsedRole, token))));
        std::fprintf(stderr, "%s\n",
                     qPrintable(QCoreApplication::translate("main", "Give the token to %1 (it is not stored anywhere); add the line to the "
                                                                    "[server] tokens_file and send the server SIGHUP.").arg(name)));
        return 0;
    }

    Result<ServerConfig> loaded = parser.isSet(configOption) ? ServerConfig::load(parser.value(configOption))
                                                             : Result<ServerConfig>(ServerConfig::defaults());
    if (!loaded) {
        std::fprintf(stderr, "build-service-server: %s\n", qPrintable(loaded.errorString()));
        return 2;
    }
    ServerConfig config = std::move(loaded).value();
    if (parser.isSet(listenOption))
        config.server.listen = parser.value(listenOption);
    if (parser.isSet(portOption)) {
        bool ok = false;
        const uint port = parser.value(portOption).toUInt(&ok);
        if (!ok || port > 65535) {
            std::fprintf(stderr, "build-service-server: %s\n",
                         qPrintable(QCoreApplication::translate("main", "--port must be a number from 0 to 65535")));
            return 2;
        }
        config.server.port = quint16(port);
    }
    if (parser.isSet(dataOption))
        config.storage.dataDir = parser.value(dataOption);
    const Result<void> valid = config.validate();
    if (!valid) {
        std::fprintf(stderr, "build-service-server: %s\n", qPrintable(valid.errorString()));
        return 2;
    }
    // A data directory that cannot work is a configuration error, found before anything runs.
    if (const Result<void> usable = DataDirCheck::check(config.resolvedDataDir()); !usable) {
        std::fprintf(stderr, "build-service-server: %s\n", qPrintable(usable.errorString()));
        return 2;
    }
    if (parser.isSet(checkOption)) {
        Authenticator tokens(config.server.tokens, config.server.tokensFile);
        if (const Result<void> read = tokens.reload(); !read) {
            std::fprintf(stderr, "build-service-server: %s\n", qPrintable(read.errorString()));
            return 2;
        }
        for (const QString &warning : config.warnings())
            std::fprintf(stderr, "build-service-server: warning: %s\n", qPrintable(warning));
        std::printf("configuration OK; data directory: %s\n", qPrintable(config.resolvedDataDir()));
        return 0;
    }

    BuildServer server(config);
    UnixSignalWatcher signalWatcher({SIGTERM, SIGINT, SIGHUP});
    QObject::connect(&signalWatcher, &UnixSignalWatcher::unixSignal, &server, [&server](int signalNumber) {
        // SIGHUP: rotate tokens and certificates without dropping builds.
        if (signalNumber == SIGHUP)
            (void)server.reload();
        else
            server.stop();
    });
    QObject::connect(&server, &BuildServer::stopped, &app, [] { QCoreApplication::exit(0); }, Qt::QueuedConnection);

    const Result<void> started = server.start();
    if (!started) {
        std::fprintf(stderr, "build-service-server: %s\n", qPrintable(started.errorString()));
        return 1;
    }
    // Tests and scripts read this line to learn the port (port 0 picks a free one).
    std::printf("build-service-server %s listening on %s (data: %s)\n", BUILD_SERVICE_VERSION, qPrintable(server.url()),
                qPrintable(config.resolvedDataDir()));
    std::fflush(stdout);
    return app.exec();
}
