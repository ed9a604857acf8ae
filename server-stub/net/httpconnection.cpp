// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: GPL-2.0-or-later

// HttpConnection: peek, parse, then hand over, answer or close.
#include "httpconnection.h"

#include <QHostAddress>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcHttp, "buildservice.server.http")

namespace BuildService {

HttpConnection::HttpConnection(QTcpSocket *socket, const HttpEndpoints &endpoints, int timeoutMs, QObject *parent)
    : QObject(parent)
    , m_socket(socket)
    , m_endpoints(endpoints)
{
    m_timer.setSingleShot(true);
    m_timer.setInterval(timeoutMs);
    connect(&m_timer, &QTimer::timeout, this, &HttpConnection::onTimeout);
    connect(socket, &QTcpSocket::readyRead, this, &HttpConnection::onReadyRead);
    connect(socket, &QTcpSocket::disconnected, this, &HttpConnection::close);
    connect(socket, &QObject::destroyed, this, &QObject::deleteLater);
    m_timer.start();
    // Bytes that arrived before the connections above were made.
    if (socket->bytesAvailable() > 0)
        QMetaObject::invokeMethod(this, &HttpConnection::onReadyRead, Qt::QueuedConnection);
}

void HttpConnection::onReadyRead()
{
    if (!m_socket)
        return;
    if (m_answered) {
        // Unread bytes at close() make the kernel reset the connection, which can destroy the answer in flight.
        m_socket->readAll();
        return;
    }
    const HttpRequestHead head = HttpRequestHead::parse(m_socket->peek(maxHeadBytes()), maxHeadBytes());
    switch (head.state) {
    case HttpRequestHead::State::Incomplete:
        return;
    case HttpRequestHead::State::Malformed: {
        qCInfo(lcHttp).noquote() << "malformed HTTP request from" << m_socket->peerAddress().toString() + QLatin1Char(':')
                                 << head.error;
        const bool tooLarge = head.error == "request head too large";
        respond(HttpResponse::text(tooLarge ? 431 : 400, "bad request: " + head.error));
        return;
    }
    case HttpRequestHead::State::Complete:
        break;
    }
    if (head.upgrade && head.header("Upgrade").trimmed().toLower() == "websocket") {
        m_timer.stop();
        QTcpSocket *socket = m_socket;
        disconnect(socket, nullptr, this, nullptr);
        m_socket = nullptr;
        deleteLater();
        Q_EMIT upgradeRequested(socket);
        return;
    }
    respond(m_endpoints.answer(head));
}

void HttpConnection::respond(const HttpResponse &response)
{
    m_answered = true;
    // A client that neither reads nor closes is aborted when the timer fires again.
    m_timer.start();
    m_socket->readAll();
    m_socket->write(response.encode());
    m_socket->disconnectFromHost();
}

void HttpConnection::onTimeout()
{
    if (m_socket && !m_answered)
        qCInfo(lcHttp).noquote() << "closed a connection from" << m_socket->peerAddress().toString()
                                 << "that sent no complete request head in" << m_timer.interval() << "ms";
    if (m_socket)
        m_socket->abort();
    close();
}

void HttpConnection::close()
{
    m_timer.stop();
    if (m_socket) {
        disconnect(m_socket, nullptr, this, nullptr);
        m_socket->deleteLater();
        m_socket = nullptr;
    }
    deleteLater();
}

} // namespace BuildService
