// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: GPL-2.0-or-later

// SocketServer: accept, and start the server side of TLS.
#include "socketserver.h"

#include <QSslSocket>

namespace BuildService {

SocketServer::SocketServer(QObject *parent)
    : QTcpServer(parent)
{
}

void SocketServer::incomingConnection(qintptr descriptor)
{
    if (!m_tls) {
        QTcpServer::incomingConnection(descriptor);
        return;
    }
    auto *socket = new QSslSocket(this);
    if (!socket->setSocketDescriptor(descriptor)) {
        delete socket;
        return;
    }
    socket->setSslConfiguration(*m_tls);
    connect(socket, QOverload<const QList<QSslError> &>::of(&QSslSocket::sslErrors), this, &SocketServer::tlsErrorsOccurred);
    socket->startServerEncryption();
    addPendingConnection(socket);
}

} // namespace BuildService
