// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: GPL-2.0-or-later

// GdbTunnel: a local TCP port bridged to a remote gdbserver's stdin and stdout.
#include "gdbtunnel.h"

#include <QHostAddress>
#include <QSocketNotifier>
#include <QTcpServer>
#include <QTcpSocket>

#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <unistd.h>

namespace BuildService::Cli {

GdbTunnel::GdbTunnel(QObject *parent)
    : QObject(parent)
    , m_server(new QTcpServer(this))
{
    connect(m_server, &QTcpServer::newConnection, this, &GdbTunnel::onNewConnection);
}

GdbTunnel::~GdbTunnel()
{
    m_writable.reset();
    if (m_writeFd >= 0)
        ::close(m_writeFd);
    if (m_readFd >= 0)
        ::close(m_readFd);
}

bool GdbTunnel::listen(quint16 port)
{
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) {
        m_error = tr("cannot create a pipe: %1").arg(QString::fromLocal8Bit(std::strerror(errno)));
        return false;
    }
    m_readFd = fds[0];
    m_writeFd = fds[1];
    // Only our end is non-blocking: a slow remote side must not stall the event loop.
    ::fcntl(m_writeFd, F_SETFL, ::fcntl(m_writeFd, F_GETFL) | O_NONBLOCK);
    m_writable = std::make_unique<QSocketNotifier>(m_writeFd, QSocketNotifier::Write);
    m_writable->setEnabled(false);
    connect(m_writable.get(), &QSocketNotifier::activated, this, &GdbTunnel::flushToPipe);
    // Loopback only: the remote program is as open to whoever connects as to gdb.
    if (!m_server->listen(QHostAddress::LocalHost, port)) {
        m_error = tr("cannot listen on 127.0.0.1:%1: %2").arg(port).arg(m_server->errorString());
        return false;
    }
    return true;
}

quint16 GdbTunnel::port() const
{
    return m_server->serverPort();
}

void GdbTunnel::deliver(const QByteArray &data)
{
    if (m_socket && m_socket->state() == QAbstractSocket::ConnectedState)
        m_socket->write(data);
    else if (!m_socket)
        m_toGdb += data;
}

void GdbTunnel::onNewConnection()
{
    while (QTcpSocket *socket = m_server->nextPendingConnection()) {
        if (m_socket) {
            // gdbserver in stdio mode serves one session: a second client would corrupt it.
            socket->abort();
            socket->deleteLater();
            continue;
        }
        m_socket = socket;
        m_server->close();
        socket->setParent(this);
        connect(socket, &QTcpSocket::readyRead, this, &GdbTunnel::onReadyRead);
        connect(socket, &QTcpSocket::disconnected, this, [this] {
            m_closeWhenFlushed = true;
            flushToPipe();
            Q_EMIT disconnected();
        });
        if (!m_toGdb.isEmpty())
            socket->write(m_toGdb);
        m_toGdb.clear();
        Q_EMIT connected();
    }
}

void GdbTunnel::onReadyRead()
{
    m_toPipe += m_socket->readAll();
    flushToPipe();
}

void GdbTunnel::flushToPipe()
{
    while (!m_toPipe.isEmpty() && m_writeFd >= 0) {
        const ssize_t n = ::write(m_writeFd, m_toPipe.constData(), size_t(m_toPipe.size()));
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && errno == EAGAIN)
            break;
        if (n < 0) {
            m_toPipe.clear(); // the reading side is gone: the build is over
            break;
        }
        m_toPipe.remove(0, int(n));
    }
    if (m_writable)
        m_writable->setEnabled(!m_toPipe.isEmpty());
    if (m_toPipe.isEmpty() && m_closeWhenFlushed)
        closePipe();
}

void GdbTunnel::closePipe()
{
    m_writable.reset();
    if (m_writeFd >= 0)
        ::close(m_writeFd);
    m_writeFd = -1;
}

} // namespace BuildService::Cli
