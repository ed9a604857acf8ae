// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: GPL-2.0-or-later

// GdbTunnel: a local TCP port bridged to a remote gdbserver's stdin and stdout.
#pragma once

#include <QByteArray>
#include <QObject>
#include <QPointer>
#include <QString>

#include <memory>

class QSocketNotifier;
class QTcpServer;
class QTcpSocket;

namespace BuildService::Cli {

/**
 * The local end of `build-service debug`: gdb connects to 127.0.0.1:port(); what it sends is
 * written into a pipe whose read end (inputFd()) the build client forwards as the remote
 * command's stdin, and the remote command's stdout goes back to gdb through deliver(). The
 * remote command is `gdbserver - <program>`, which speaks the remote protocol on its stdin and
 * stdout. One gdb connection; when it ends, the pipe is closed, so gdbserver reads end of file
 * and exits. Output that arrives before gdb connects is kept for it.
 *
 * Main thread only.
 */
class GdbTunnel : public QObject
{
    Q_OBJECT
public:
    explicit GdbTunnel(QObject *parent = nullptr);
    ~GdbTunnel() override;

    /** Listens on 127.0.0.1:@p port (0: any free port) and makes the pipe; false with errorString(). */
    bool listen(quint16 port);
    quint16 port() const;
    QString errorString() const { return m_error; }

    /** The descriptor to forward as the remote stdin (the pipe's read end; owned by the tunnel). */
    int inputFd() const { return m_readFd; }

    /** Bytes from the remote stdout, for gdb. */
    void deliver(const QByteArray &data);

Q_SIGNALS:
    /** gdb connected (once). */
    void connected();
    /** gdb's connection ended; the remote stdin has been closed. */
    void disconnected();

private:
    void onNewConnection();
    void onReadyRead();
    void flushToPipe();
    void closePipe();

    QTcpServer *m_server = nullptr;
    QPointer<QTcpSocket> m_socket;
    QByteArray m_toGdb;   ///< remote output waiting for gdb to connect
    QByteArray m_toPipe;  ///< gdb's bytes the pipe did not take yet
    std::unique_ptr<QSocketNotifier> m_writable;
    int m_readFd = -1;
    int m_writeFd = -1;
    bool m_closeWhenFlushed = false;
    QString m_error;
};

} // namespace BuildService::Cli
