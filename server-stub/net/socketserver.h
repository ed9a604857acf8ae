// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: GPL-2.0-or-later

// SocketServer: the listening TCP socket; wraps each accepted connection in TLS when configured.
#pragma once

#include <QSslConfiguration>
#include <QTcpServer>

#include <optional>

namespace BuildService {

/**
 * A QTcpServer whose pending connections are QSslSocket in server mode (the TLS handshake
 * already started with the configuration at accept time) once setTls() was called, plain
 * QTcpSocket otherwise. Changing the configuration affects only connections accepted later.
 */
class SocketServer : public QTcpServer
{
    Q_OBJECT
public:
    explicit SocketServer(QObject *parent = nullptr);

    void setTls(const QSslConfiguration &configuration) { m_tls = configuration; }

Q_SIGNALS:
    /** A TLS error with a client (logged by the listener). */
    void tlsErrorsOccurred(const QList<QSslError> &errors);

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    std::optional<QSslConfiguration> m_tls;
};

} // namespace BuildService
