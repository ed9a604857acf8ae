// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: GPL-2.0-or-later

// Cache transfers over a ClientConnection, with the same flow control as uploads.
#include "cachetransfer.h"

#include "client/clientconnection.h"
#include "terminal.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QFile>
#include <QSaveFile>

#include <functional>

namespace BuildService::Cli {

namespace {
constexpr qint64 s_chunk = 1 << 20;
constexpr qint64 s_window = 8 << 20;

/** Opens the connection, routes refusals and failures to @p fail, and runs until the exchange ends. */
int runExchange(ClientConnection &connection, QEventLoop &loop, const QString &server, const QString &token, const ClientTlsOptions &tls,
                const std::function<void(const QString &, const QString &)> &fail, const int &exitCode)
{
    QObject::connect(&connection, &ClientConnection::serverError, &loop,
                     [&](const ErrorEvent &error) { fail(errorCodeName(error.code), error.message); });
    QObject::connect(&connection, &ClientConnection::failed, &loop, [&](const Error &error) { fail(errorCodeName(error.code), error.message); });
    connection.setTlsOptions(tls);
    connection.open(QUrl(server), token);
    loop.exec();
    return exitCode;
}

} // namespace

int CacheTransfer::exportEntry(const QString &server, const QString &token, const ClientTlsOptions &tls, const QString &key, const QString &file)
{
    Terminal terminal(false);
    ClientConnection connection;
    QEventLoop loop;
    QSaveFile out(file);
    int exitCode = 125;
    qint64 expected = -1;
    qint64 received = 0;
    const auto fail = [&](const QString &code, const QString &message) {
        terminal.error(tr("error (%1): %2").arg(code, message));
        out.cancelWriting();
        loop.quit();
    };
    QObject::connect(&connection, &ClientConnection::ready, &loop, [&] {
        connection.send(QJsonObject{{QStringLiteral("type"), QStringLiteral("cache_export")}, {QStringLiteral("key"), key}});
    });
    QObject::connect(&connection, &ClientConnection::message, &loop, [&](const Message &message) {
        if (message.type == QLatin1String("cache_export_begin")) {
            expected = qint64(message.json.value(QLatin1String("bytes")).toDouble());
            if (!out.open(QIODevice::WriteOnly))
                fail(QStringLiteral("io_error"), tr("cannot write %1: %2").arg(file, out.errorString()));
        } else if (message.type == QLatin1String("cache_export_end")) {
            if (received != expected || !out.commit()) {
                fail(QStringLiteral("io_error"), tr("the export of %1 arrived incomplete (%2 of %3 bytes)").arg(key).arg(received).arg(expected));
                return;
            }
            terminal.out(tr("exported %1 to %2 (%3)\n").arg(key, file, formatBytes(received)).toUtf8());
            exitCode = 0;
            connection.close();
            loop.quit();
        }
    });
    QObject::connect(&connection, &ClientConnection::binaryMessage, &loop, [&](const QByteArray &data) {
        received += data.size();
        if (out.isOpen() && out.write(data) != data.size())
            fail(QStringLiteral("io_error"), tr("cannot write %1: %2").arg(file, out.errorString()));
    });
    return runExchange(connection, loop, server, token, tls, fail, exitCode);
}

int CacheTransfer::importEntry(const QString &server, const QString &token, const ClientTlsOptions &tls, const QString &file)
{
    Terminal terminal(false);
    QFile in(file);
    if (!in.open(QIODevice::ReadOnly)) {
        terminal.error(tr("cannot read %1: %2").arg(file, in.errorString()));
        return 2;
    }
    ClientConnection connection;
    QEventLoop loop;
    int exitCode = 125;
    bool sending = false;
    const auto fail = [&](const QString &code, const QString &message) {
        terminal.error(tr("error (%1): %2").arg(code, message));
        loop.quit();
    };
    // Keeps at most s_window bytes queued on the socket, like an upload.
    const auto pump = [&] {
        while (sending && connection.pendingBytes() < s_window) {
            const QByteArray chunk = in.read(s_chunk);
            if (chunk.isEmpty()) {
                sending = false;
                connection.send(QJsonObject{{QStringLiteral("type"), QStringLiteral("cache_import_end")}, {QStringLiteral("bytes"), in.size()}});
                return;
            }
            connection.sendBinary(chunk);
        }
    };
    QObject::connect(&connection, &ClientConnection::ready, &loop, [&] {
        connection.send(QJsonObject{{QStringLiteral("type"), QStringLiteral("cache_import")}, {QStringLiteral("bytes"), in.size()}});
    });
    QObject::connect(&connection, &ClientConnection::bytesWritten, &loop, pump);
    QObject::connect(&connection, &ClientConnection::message, &loop, [&](const Message &message) {
        if (message.type == QLatin1String("cache_import_ready")) {
            sending = true;
            pump();
        } else if (message.type == QLatin1String("cache_imported")) {
            terminal.out(tr("imported %1 (%2, %3): %4\n")
                             .arg(message.json.value(QLatin1String("key")).toString(),
                                  message.json.value(QLatin1String("outcome")).toString(),
                                  formatBytes(qint64(message.json.value(QLatin1String("bytes")).toDouble())),
                                  message.json.value(QLatin1String("command")).toString())
                             .toUtf8());
            exitCode = 0;
            connection.close();
            loop.quit();
        }
    });
    return runExchange(connection, loop, server, token, tls, fail, exitCode);
}

} // namespace BuildService::Cli
