// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: LGPL-2.1-only OR LGPL-3.0-only

// ConnectionTester: "Test Connection" on the Build Servers page, without blocking the UI.
#include "connectiontester.h"

#include "client/clientconnection.h"
#include "debug.h"

#include <QTcpSocket>

namespace BuildService::Plugin {

namespace {
int defaultPort(const QUrl &url)
{
    return url.port(url.scheme() == QLatin1String("wss") ? 443 : 80);
}
} // namespace

ConnectionTester::ConnectionTester(QObject *parent)
    : QObject(parent)
{
    m_timer.setSingleShot(true);
    m_timer.setInterval(10000);
    connect(&m_timer, &QTimer::timeout, this, &ConnectionTester::onTimeout);
}

ConnectionTester::~ConnectionTester()
{
    cancel();
}

QString ConnectionTester::successText(const QString &server, int protocol)
{
    // The server says "name/version"; the user wants the version.
    const int slash = server.lastIndexOf(QLatin1Char('/'));
    const QString version = slash >= 0 ? server.mid(slash + 1) : server;
    return tr("Connected: server %1, protocol %2").arg(version.isEmpty() ? server : version).arg(protocol);
}

QString ConnectionTester::hostAndPort() const
{
    return QStringLiteral("%1:%2").arg(m_url.host()).arg(defaultPort(m_url));
}

void ConnectionTester::start(const QString &url, const QString &token, const ClientTlsOptions &tls)
{
    cancel();
    m_tls = tls;
    m_running = true;
    m_url = QUrl(url.trimmed(), QUrl::StrictMode);
    m_token = token.trimmed();
    const QString scheme = m_url.scheme();
    if (!m_url.isValid() || m_url.host().isEmpty() || (scheme != QLatin1String("ws") && scheme != QLatin1String("wss"))) {
        const QString text = tr("\"%1\" is not a build server URL: use ws://host:port or wss://host:port.").arg(url.trimmed());
        // Keep the promise that finished() comes after start() returns.
        QMetaObject::invokeMethod(this, [this, text] { finish(false, text); }, Qt::QueuedConnection);
        return;
    }
    m_timer.start();
    m_probe = new QTcpSocket(this);
    connect(m_probe, &QTcpSocket::connected, this, &ConnectionTester::onProbeConnected);
    connect(m_probe, &QTcpSocket::errorOccurred, this, &ConnectionTester::onProbeError);
    m_probe->connectToHost(m_url.host(), quint16(defaultPort(m_url)));
}

void ConnectionTester::cancel()
{
    m_timer.stop();
    m_running = false;
    if (m_probe) {
        m_probe->disconnect(this);
        m_probe->abort();
        m_probe->deleteLater();
    }
    if (m_connection) {
        m_connection->disconnect(this);
        m_connection->close();
        m_connection->deleteLater();
    }
}

void ConnectionTester::onProbeConnected()
{
    // The port is open; now talk to it exactly as a build would.
    m_probe->disconnect(this);
    m_probe->abort();
    m_probe->deleteLater();
    m_connection = new ClientConnection(this);
    connect(m_connection, &ClientConnection::ready, this, &ConnectionTester::onReady);
    connect(m_connection, &ClientConnection::failed, this, &ConnectionTester::onFailed);
    m_connection->setTlsOptions(m_tls);
    m_connection->open(m_url, m_token);
}

void ConnectionTester::onProbeError()
{
    switch (m_probe->error()) {
    case QAbstractSocket::ConnectionRefusedError:
        finish(false, tr("Connection refused: is build-service-server running on %1?").arg(hostAndPort()));
        break;
    case QAbstractSocket::HostNotFoundError:
        finish(false, tr("Host \"%1\" not found: check the host name in the URL.").arg(m_url.host()));
        break;
    case QAbstractSocket::SocketTimeoutError:
        onTimeout();
        break;
    default:
        finish(false, tr("Cannot reach %1: %2. Check the URL and the network.").arg(hostAndPort(), m_probe->errorString()));
        break;
    }
}

void ConnectionTester::onReady(const WelcomeMessage &welcome)
{
    finish(true, successText(welcome.server, welcome.protocol));
}

void ConnectionTester::onFailed(const Error &error)
{
    // The connection has aborted its socket; closing it again would write to a closed socket.
    m_connection->disconnect(this);
    m_connection->deleteLater();
    m_connection = nullptr;
    switch (error.code) {
    case ErrorCode::Unauthorized:
        finish(false, m_token.isEmpty()
                          ? tr("The server requires an access token: enter one of its [server] tokens in the Token field.")
                          : tr("The server rejected the access token: check the Token field against the server's [server] tokens."));
        break;
    case ErrorCode::ProtocolMismatch:
        finish(false, error.message);
        break;
    case ErrorCode::ConnectionFailed:
        finish(false, tr("%1 accepts connections but the handshake failed (%2): is it a build-service-server, and does "
                         "the URL's scheme (ws:// or wss://) match its TLS setting?")
                          .arg(hostAndPort(), error.message));
        break;
    default:
        finish(false, tr("The server refused the connection: %1").arg(error.message));
        break;
    }
}

void ConnectionTester::onTimeout()
{
    finish(false, tr("No answer from %1 within %2 s: check the URL and whether a firewall blocks the port.")
                      .arg(hostAndPort())
                      .arg(m_timer.interval() / 1000));
}

void ConnectionTester::finish(bool ok, const QString &text)
{
    if (!m_running)
        return;
    cancel();
    qCDebug(BS_PLUGIN) << "connection test of" << m_url.toString() << (ok ? "succeeded:" : "failed:") << text;
    Q_EMIT finished(ok, text);
}

} // namespace BuildService::Plugin
