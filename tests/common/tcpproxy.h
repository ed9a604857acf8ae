// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: BSD-2-Clause

// TcpProxy: a loopback TCP forwarder whose connections a test can cut.
#pragma once

#include <QHostAddress>
#include <QObject>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>

#include <vector>

namespace BuildService::Test {

/**
 * Forwards every connection made to port() to 127.0.0.1:targetPort, byte for byte. cutAll()
 * resets the connections open now (both sides see the connection drop, as on a network
 * failure); new connections are forwarded as before. Lives on the test's thread.
 */
class TcpProxy : public QObject
{
public:
    explicit TcpProxy(quint16 targetPort)
        : m_targetPort(targetPort)
    {
        QObject::connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *client = m_server.nextPendingConnection())
                forward(client);
        });
    }

    bool listen() { return m_server.listen(QHostAddress::LocalHost, 0); }
    quint16 port() const { return m_server.serverPort(); }
    int connectionsMade() const { return m_connections; }

    void cutAll()
    {
        for (auto &pair : m_pairs) {
            if (pair.first)
                pair.first->abort();
            if (pair.second)
                pair.second->abort();
        }
        m_pairs.clear();
    }

private:
    void forward(QTcpSocket *client)
    {
        ++m_connections;
        client->setParent(this);
        auto *upstream = new QTcpSocket(this);
        m_pairs.emplace_back(client, upstream);
        QObject::connect(client, &QTcpSocket::readyRead, upstream, [client, upstream] {
            if (upstream->state() == QAbstractSocket::ConnectedState)
                upstream->write(client->readAll());
        });
        QObject::connect(upstream, &QTcpSocket::connected, client, [client, upstream] { upstream->write(client->readAll()); });
        QObject::connect(upstream, &QTcpSocket::readyRead, client, [client, upstream] { client->write(upstream->readAll()); });
        QObject::connect(client, &QTcpSocket::disconnected, upstream, &QTcpSocket::disconnectFromHost);
        QObject::connect(upstream, &QTcpSocket::disconnected, client, &QTcpSocket::disconnectFromHost);
        upstream->connectToHost(QHostAddress::LocalHost, m_targetPort);
    }

    QTcpServer m_server;
    quint16 m_targetPort;
    int m_connections = 0;
    std::vector<std::pair<QPointer<QTcpSocket>, QPointer<QTcpSocket>>> m_pairs;
};

} // namespace BuildService::Test
