// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: GPL-2.0-or-later

// HttpConnection: reads the head of a new connection's first request and decides what it is.
#pragma once

#include "net/httpendpoints.h"
#include "net/httprequesthead.h"

#include <QObject>
#include <QPointer>
#include <QTcpSocket>
#include <QTimer>

#include <functional>

namespace BuildService {

/**
 * One accepted connection until its request head is known. The head is parsed from
 * QTcpSocket::peek(), so its bytes stay in the socket: a WebSocket upgrade goes to
 * upgradeRequested() with the socket untouched, for QWebSocketServer::handleConnection() to
 * read the handshake itself. Any other request is answered by @p endpoints and the connection
 * closed; a malformed or oversized head gets 400 (431) and is closed; a client that has not sent
 * a whole head within @p timeoutMs (slowloris, or a TLS handshake that never ends) is aborted.
 * Nothing blocks: every step runs from the socket's signals.
 *
 * Owns itself: it deletes itself (and, unless handed over, the socket) when done.
 */
class HttpConnection : public QObject
{
    Q_OBJECT
public:
    static constexpr int maxHeadBytes() { return 32 * 1024; }

    HttpConnection(QTcpSocket *socket, const HttpEndpoints &endpoints, int timeoutMs, QObject *parent = nullptr);

Q_SIGNALS:
    /** A WebSocket handshake: the receiver owns @p socket from now on; this object is gone after it. */
    void upgradeRequested(QTcpSocket *socket);

private:
    void onReadyRead();
    void onTimeout();
    void respond(const HttpResponse &response);
    void close();

    QPointer<QTcpSocket> m_socket;
    const HttpEndpoints &m_endpoints;
    QTimer m_timer;
    bool m_answered = false;
};

} // namespace BuildService
