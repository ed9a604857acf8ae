// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: GPL-2.0-or-later

// Listener: accepts WebSocket connections, enforces Origin rules, creates sessions.
#pragma once

#include "build/buildcontext.h"
#include "net/session.h"

#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QPointer>

class QWebSocketServer;
class QWebSocketCorsAuthenticator;
class QSslError;

namespace BuildService {

/**
 * Listens on the configured address. Connections from a browser page whose Origin is not in
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
    /** Starts listening; IoError naming address and port on failure. */
    Result<void> listen(const QHostAddress &address, quint16 port);
    quint16 port() const;
    QString url() const;
    /** Stops accepting and shuts every session down; drained() follows once all are closed. */
    void shutdown();
    int sessionCount() const;
    int activeBuilds() const;

Q_SIGNALS:
    void drained();

private:
    void onNewConnection();
    void onOriginCheck(QWebSocketCorsAuthenticator *authenticator);
    void checkDrained();
    void onSslErrors(const QList<QSslError> &errors);

    BuildContext m_context;
    Session::StatusProvider m_status;
    QWebSocketServer *m_server;
    QList<QPointer<Session>> m_sessions;
    bool m_shuttingDown = false;
    bool m_drained = false;
};

} // namespace BuildService
