// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: GPL-2.0-or-later

// ServerOptions: shared connection options of the CLI.
#include "serveroptions.h"

#include "protocol/protocol.h"

#include <QCoreApplication>
#include <QUrl>

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
               QCoreApplication::translate("ServerOptions", "Server URL, ws://host[:port] or wss://host[:port]; the port defaults to %1 (default: $BUILD_SERVICE_SERVER or ws://127.0.0.1:%1).")
                   .arg(Protocol::DefaultPort),
               QStringLiteral("url"), defaultServer())
    , m_token(QStringLiteral("token"), QCoreApplication::translate("ServerOptions", "Access token (default: $BUILD_SERVICE_TOKEN)."),
              QStringLiteral("token"), qEnvironmentVariable("BUILD_SERVICE_TOKEN"))
    , m_connectTimeout(QStringLiteral("connect-timeout"),
                       QCoreApplication::translate("ServerOptions", "Give up connecting after <seconds> without an answer "
                                                                    "(default: $BUILD_SERVICE_CONNECT_TIMEOUT or %1).")
                           .arg(Protocol::DefaultConnectTimeoutSec),
                       QStringLiteral("seconds"))
    , m_caFile(QStringLiteral("ca-file"),
               QCoreApplication::translate("ServerOptions", "Trust the CA certificate(s) in the PEM <file> for a wss:// server instead of the system's "
                                                            "(default: $BUILD_SERVICE_CA_FILE)."),
               QStringLiteral("file"), qEnvironmentVariable("BUILD_SERVICE_CA_FILE"))
    , m_pin(QStringLiteral("pin-sha256"),
            QCoreApplication::translate("ServerOptions", "Accept a wss:// server only with the certificate whose SHA-256 is <hex> (for self-signed "
                                                         "certificates; default: $BUILD_SERVICE_PIN_SHA256)."),
            QStringLiteral("hex"), qEnvironmentVariable("BUILD_SERVICE_PIN_SHA256"))
{
    parser.addOption(m_server);
    parser.addOption(m_token);
    parser.addOption(m_connectTimeout);
    parser.addOption(m_caFile);
    parser.addOption(m_pin);
}

Result<QString> ServerOptions::completeServerUrl(const QString &url)
{
    QUrl parsed(url, QUrl::StrictMode);
    const QString scheme = parsed.scheme();
    if (!parsed.isValid() || parsed.host().isEmpty() || (scheme != QLatin1String("ws") && scheme != QLatin1String("wss"))) {
        return makeError(ErrorCode::InvalidRequest,
                         QCoreApplication::translate("ServerOptions", "invalid server URL \"%1\": use ws://host[:port] or wss://host[:port]")
                             .arg(url));
    }
    if (parsed.port() < 0)
        parsed.setPort(Protocol::DefaultPort);
    return parsed.toString();
}

Result<QString> ServerOptions::checkedServer(const QCommandLineParser &parser) const
{
    return completeServerUrl(parser.value(m_server));
}

QString ServerOptions::server(const QCommandLineParser &parser) const
{
    const Result<QString> checked = checkedServer(parser);
    return checked ? checked.value() : parser.value(m_server);
}

int ServerOptions::connectTimeoutMs(const QCommandLineParser &parser) const
{
    if (!parser.isSet(m_connectTimeout))
        return 0;
    bool ok = false;
    const double sec = parser.value(m_connectTimeout).toDouble(&ok);
    if (!ok || !(sec > 0) || sec > 24 * 3600)
        return -1;
    return qMax(1, int(sec * 1000));
}

} // namespace BuildService::Cli
