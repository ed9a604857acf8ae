// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: LGPL-2.1-only OR LGPL-3.0-only

// ClientConnection: a WebSocket to the server with the hello/welcome handshake done.
#pragma once

#include "core/result.h"
#include "protocol/messages.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>
#include <QUrl>

class QWebSocket;
class QSslError;

namespace BuildService {

/** How a wss:// server's certificate is checked (docs/cli.md, "TLS"). */
struct ClientTlsOptions {
    /** PEM file with the CA certificate(s) to trust instead of the system's; empty: the system CAs. */
    QString caFile;
    /**
     * SHA-256 of the server's certificate (64 hex digits, ':' allowed): the connection is
     * accepted if and only if the server presents exactly this certificate (meant for
     * self-signed ones); the CAs are then not consulted.
     */
    QString pinSha256;

    /** @p pin without ':' and in lower case, or empty when it is not 64 hex digits. */
    static QString normalizedPin(const QString &pin);
};

/**
 * Opens the socket, sends "hello" with the token, checks the server's "welcome" (protocol
 * version), then hands every decoded message to the owner. Failures (cannot connect,
 * handshake refused, connection lost, garbage from the server) end in exactly one failed().
 *
 * Liveness: without "welcome" within connectTimeoutMs() of open() the connection fails with
 * a message that names the address and what to check (a server address whose packets are
 * dropped would otherwise hang for minutes). After "welcome" it pings the server every
 * heartbeat_interval_sec the server announced; when nothing at all arrives for
 * heartbeat_timeout_sec the connection fails ("the server stopped answering").
 *
 * Lives on the thread that created it; no blocking calls.
 */
class ClientConnection : public QObject
{
    Q_OBJECT
public:
    explicit ClientConnection(QObject *parent = nullptr);
    ~ClientConnection() override;

    /**
     * The connect timeout: $BUILD_SERVICE_CONNECT_TIMEOUT (seconds, a positive number) or
     * Protocol::DefaultConnectTimeoutSec.
     */
    static int defaultConnectTimeoutMs();
    /** Overrides defaultConnectTimeoutMs() for the next open(); @p ms > 0. */
    void setConnectTimeout(int ms);
    int connectTimeoutMs() const { return m_connectTimeoutMs; }

    /** Certificate checks for wss:// URLs; call before open(). */
    void setTlsOptions(const ClientTlsOptions &options) { m_tls = options; }

    /**
     * Connects to @p url (ws:// or wss://). ready() or failed() follows. A non-empty @p token is
     * never sent over ws:// to a host that is not loopback: failed() follows without any
     * connection attempt. A wss:// certificate that does not verify fails with a message
     * naming the server and the options that help (--ca-file, --pin-sha256).
     */
    void open(const QUrl &url, const QString &token);
    /** True for "localhost" and loopback IP addresses (a token may go there over ws://). */
    static bool isLoopbackHost(const QString &host);
    void close();

    void send(const QJsonObject &message);
    void sendBinary(const QByteArray &data);
    /** Bytes handed to send*() and not yet written to the socket (approximate). */
    qint64 pendingBytes() const { return m_pending; }
    const WelcomeMessage &welcome() const { return m_welcome; }
    QUrl url() const { return m_url; }

Q_SIGNALS:
    void ready(const BuildService::WelcomeMessage &welcome);
    void message(const BuildService::Message &message);
    void binaryMessage(const QByteArray &data);
    /** Server error events arrive here, not through message(). */
    void serverError(const BuildService::ErrorEvent &error);
    void bytesWritten();
    void failed(const BuildService::Error &error);

private:
    void onConnected();
    void onText(const QString &text);
    void onDisconnected();
    void fail(const Error &error);
    void checkHeartbeat();
    void onSslErrors(const QList<QSslError> &errors);

    QWebSocket *m_socket;
    QUrl m_url;
    QString m_token;
    ClientTlsOptions m_tls;
    WelcomeMessage m_welcome;
    bool m_ready = false;
    bool m_failed = false;
    bool m_closing = false;
    qint64 m_pending = 0;
    int m_connectTimeoutMs;
    QTimer *m_timer;             ///< connect timeout, then heartbeat
    QElapsedTimer m_sinceHeard;  ///< restarted by every frame and pong from the server
};

} // namespace BuildService

Q_DECLARE_METATYPE(BuildService::WelcomeMessage)
Q_DECLARE_METATYPE(BuildService::Message)
Q_DECLARE_METATYPE(BuildService::ErrorEvent)
