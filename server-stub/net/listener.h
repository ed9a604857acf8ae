// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: GPL-2.0-or-later

// Listener: owns the port; WebSocket connections become sessions, plain HTTP goes to the endpoints.
#pragma once

#include "build/buildcontext.h"
#include "net/httpendpoints.h"
#include "net/session.h"

#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QPointer>

class QWebSocketServer;
class QWebSocketCorsAuthenticator;
class QSslError;
class QTcpSocket;

namespace BuildService {

class SocketServer;

/**
 * Listens on the configured address (TCP, or TLS with [server] tls_certificate). The head of
 * each connection's first request is read by an HttpConnection: a WebSocket handshake is handed
 * to the QWebSocketServer, which performs it as before; other requests are answered by the
 * HttpEndpoints (see setHttpProviders()). Connections from a browser page whose Origin is not in
 * [server] allowed_origins are refused during the handshake; non-browser clients send no
 * Origin and are let through to the token check of the session.
 */
class Listener : public QObject
{
    Q_OBJECT
public:
    Listener(const BuildContext &context, Session::StatusProvider status, QObject *parent = nullptr);
    ~Listener() override;

    /**
     * With [server] tls_certificate set: (re)reads the PEM certificate and key; connections
     * accepted from now on use them (a running connection keeps its session keys). Errors
     * (ConfigInvalid) name the file and what is wrong with it; the previous pair stays in use.
     * Without TLS: nothing to do.
     */
    Result<void> loadTls();
    /** What /readyz and /metrics report; until called, /readyz says ready and /metrics is empty. */
    void setHttpProviders(const HttpEndpoints::Providers &providers);
    /** How long a new connection may take to send its request head (and finish TLS). */
    static constexpr int requestHeadTimeoutMs() { return 5000; }
    /** Starts listening; IoError naming address and port on failure. */
    Result<void> listen(const QHostAddress &address, quint16 port);
    quint16 port() const;
    QString url() const;
    /**
     * Graceful first step of a shutdown: new build requests are refused with shutting_down
     * (on open and on new connections), running builds go on. buildsDrained() follows once
     * activeBuilds() is 0. Connections are still accepted, so that a client learns why its
     * build is refused and the client of a detached build can attach to see it end.
     */
    void drain();
    /** Stops accepting and shuts every session down; drained() follows once all are closed. */
    void shutdown();
    int sessionCount() const;
    int activeBuilds() const;

Q_SIGNALS:
    void drained();
    /** After drain(): no build is running any more. */
    void buildsDrained();

private:
    void onTcpConnection();
    void onNewConnection();
    void onOriginCheck(QWebSocketCorsAuthenticator *authenticator);
    void checkDrained();
    void onSslErrors(const QList<QSslError> &errors);
    void checkBuildsDrained();

    BuildContext m_context;
    Session::StatusProvider m_status;
    SocketServer *m_tcp;
    QWebSocketServer *m_server;  ///< does not listen: performs handshakes of connections m_tcp accepted
    HttpEndpoints m_http;
    QList<QPointer<Session>> m_sessions;
    bool m_shuttingDown = false;
    bool m_draining = false;
    bool m_buildsDrained = false;
    bool m_drained = false;
};

} // namespace BuildService
