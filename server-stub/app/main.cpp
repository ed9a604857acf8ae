// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: GPL-2.0-or-later

// build-service-server: command line, configuration, and the event loop.
#include "app/buildserver.h"
#include "app/logformat.h"
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
    parser.addOptions({configOption, listenOption, portOption, dataOption, checkOption});
    parser.process(app);

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
    if (parser.isSet(checkOption)) {
        std::printf("configuration OK; data directory: %s\n", qPrintable(config.resolvedDataDir()));
        return 0;
    }

    BuildServer server(config);
    UnixSignalWatcher signalWatcher({SIGTERM, SIGINT, SIGHUP});
    QObject::connect(&signalWatcher, &UnixSignalWatcher::unixSignal, &server, [&server](int) { server.stop(); });
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
