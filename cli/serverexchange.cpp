// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: GPL-2.0-or-later

// exchangeWithServer: request/reply over a ClientConnection.
#include "serverexchange.h"

#include "client/clientconnection.h"
#include "terminal.h"

#include <QCoreApplication>
#include <QEventLoop>

namespace BuildService::Cli {

int exchangeWithServer(const QString &server, const QString &token, const ClientTlsOptions &tls, const QJsonObject &request, const QString &replyType,
                       const std::function<void(const QJsonObject &)> &onReply, int connectTimeoutMs)
{
    Terminal terminal(false);
    if (connectTimeoutMs < 0) {
        terminal.error(QCoreApplication::translate("exchangeWithServer", "--connect-timeout expects a positive number of seconds"));
        return 2;
    }
    ClientConnection connection;
    if (connectTimeoutMs > 0)
        connection.setConnectTimeout(connectTimeoutMs);
    QEventLoop loop;
    int exitCode = 125;
    const auto reportError = [&](ErrorCode code, const QString &message) {
        terminal.error(QCoreApplication::translate("exchangeWithServer", "error (%1): %2").arg(errorCodeName(code), message));
        loop.quit();
    };
    QObject::connect(&connection, &ClientConnection::ready, &loop, [&] { connection.send(request); });
    QObject::connect(&connection, &ClientConnection::message, &loop, [&](const Message &message) {
        if (message.type != replyType)
            return;
        onReply(message.json);
        exitCode = 0;
        connection.close();
        loop.quit();
    });
    QObject::connect(&connection, &ClientConnection::serverError, &loop,
                     [&](const ErrorEvent &error) { reportError(error.code, error.message); });
    QObject::connect(&connection, &ClientConnection::failed, &loop, [&](const Error &error) { reportError(error.code, error.message); });
    connection.setTlsOptions(tls);
    connection.open(QUrl(server), token);
    loop.exec();
    return exitCode;
}

} // namespace BuildService::Cli
