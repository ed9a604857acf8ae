// ServerOptions: shared connection options of the CLI.
#include "serveroptions.h"

#include "protocol/protocol.h"

#include <QCoreApplication>

namespace BuildService::Cli {

namespace {
QString defaultServer()
{
    const QString fromEnv = qEnvironmentVariable("BUILD_SERVICE_SERVER");
    return fromEnv.isEmpty() ? QStringLiteral("ws://127.0.0.1:%1").arg(Protocol::DefaultPort) : fromEnv;
}
} // namespace

ServerOptions::ServerOptions(QCommandLineParser &parser)
    : m_server(QStringLiteral("server"),
               QCoreApplication::translate("ServerOptions", "Server URL (default: $BUILD_SERVICE_SERVER or ws://127.0.0.1:%1).")
                   .arg(Protocol::DefaultPort),
               QStringLiteral("url"), defaultServer())
    , m_token(QStringLiteral("token"), QCoreApplication::translate("ServerOptions", "Access token (default: $BUILD_SERVICE_TOKEN)."),
              QStringLiteral("token"), qEnvironmentVariable("BUILD_SERVICE_TOKEN"))
{
    parser.addOption(m_server);
    parser.addOption(m_token);
}

} // namespace BuildService::Cli
