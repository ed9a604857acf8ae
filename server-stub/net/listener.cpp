// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: GPL-2.0-or-later

// Listener: the WebSocket server socket.
#include "listener.h"

#include "net/buildregistry.h"

#include <QLoggingCategory>
#include <QWebSocket>
#include <QWebSocketCorsAuthenticator>
#include <QWebSocketServer>

Q_LOGGING_CATEGORY(lcListener, "buildservice.server.listener")

namespace BuildService {

Listener::Listener(const BuildContext &context, Session::StatusProvider status, QObject *parent)
    : QObject(parent)
    , m_context(context)
    , m_status(std::move(status))
    , m_server(new QWebSocketServer(QStringLiteral("build-service-server"), QWebSocketServer::NonSecureMode, this))
{
    connect(m_server, &QWebSocketServer::newConnection, this, &Listener::onNewConnection);
    connect(m_server, &QWebSocketServer::originAuthenticationRequired, this, &Listener::onOriginCheck);
}

Listener::~Listener() = default;

Result<void> Listener::listen(const QHostAddress &address, quint16 port)
{
    if (!m_server->listen(address, port)) {
        return makeError(ErrorCode::IoError, QStringLiteral("cannot listen on %1:%2: %3")
                                                 .arg(address.toString()).arg(port).arg(m_server->errorString()));
    }
    return {};
}

quint16 Listener::port() const
{
    return m_server->serverPort();
}

QString Listener::url() const
{
    QString host = m_server->serverAddress().toString();
    if (m_server->serverAddress().protocol() == QAbstractSocket::IPv6Protocol)
        host = QLatin1Char('[') + host + QLatin1Char(']');
    return QStringLiteral("ws://%1:%2").arg(host).arg(port());
}

void Listener::onOriginCheck(QWebSocketCorsAuthenticator *authenticator)
{
    const QString origin = authenticator->origin();
    const bool allowed = origin.isEmpty() || m_context.config.server.allowedOrigins.contains(origin);
    if (!allowed)
        qCWarning(lcListener) << "refused connection from foreign Origin" << origin;
    authenticator->setAllowed(allowed);
}

void Listener::onNewConnection()
{
    while (QWebSocket *socket = m_server->nextPendingConnection()) {
        if (m_shuttingDown) {
            socket->close(QWebSocketProtocol::CloseCodeGoingAway, QStringLiteral("server shutting down"));
            socket->deleteLater();
            continue;
        }
        auto *session = new Session(socket, m_context, m_status, this);
        if (m_draining)
            session->refuseNewBuilds();
        m_sessions.append(session);
        connect(session, &QObject::destroyed, this, &Listener::checkDrained, Qt::QueuedConnection);
    }
}

void Listener::drain()
{
    m_draining = true;
    for (const QPointer<Session> &session : qAsConst(m_sessions)) {
        if (session)
            session->refuseNewBuilds();
    }
    if (m_context.registry)
        connect(m_context.registry, &BuildRegistry::buildFinished, this, &Listener::checkBuildsDrained,
                Qt::ConnectionType(Qt::QueuedConnection | Qt::UniqueConnection));
    checkBuildsDrained();
}

void Listener::checkBuildsDrained()
{
    if (m_draining && !m_buildsDrained && activeBuilds() == 0) {
        m_buildsDrained = true;
        Q_EMIT buildsDrained();
    }
}

void Listener::shutdown()
{
    m_shuttingDown = true;
    if (m_context.registry) {
        connect(m_context.registry, &BuildRegistry::idle, this, &Listener::checkDrained, Qt::UniqueConnection);
        m_context.registry->shutdown();
    }
    m_server->close();
    const auto sessions = m_sessions;
    for (const QPointer<Session> &session : sessions) {
        if (session)
            session->shutdown();
    }
    checkDrained();
}

int Listener::sessionCount() const
{
    int count = 0;
    for (const QPointer<Session> &session : m_sessions)
        count += session ? 1 : 0;
    return count;
}

int Listener::activeBuilds() const
{
    int count = m_context.registry ? m_context.registry->detachedRunning() : 0;
    for (const QPointer<Session> &session : m_sessions)
        count += session && session->hasActiveBuild() ? 1 : 0;
    return count;
}

void Listener::checkDrained()
{
    m_sessions.removeAll(nullptr);
    // Detached builds have no session but must end (and send nobody their exit) first, too.
    const bool detachedDone = !m_context.registry || m_context.registry->detachedRunning() == 0;
    if (m_shuttingDown && m_sessions.isEmpty() && detachedDone && !m_drained) {
        m_drained = true;
        Q_EMIT drained();
    }
}

} // namespace BuildService
