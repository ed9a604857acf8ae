// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: GPL-2.0-or-later

// Listener: the server socket, shared by the WebSocket and HTTP.
#include "listener.h"

#include "net/buildregistry.h"
#include "net/httpconnection.h"
#include "net/socketserver.h"

#include <QFile>
#include <QLoggingCategory>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QWebSocket>
#include <QWebSocketCorsAuthenticator>
#include <QWebSocketServer>

#include <openssl/pem.h>
#include <openssl/x509.h>

#include <memory>

Q_LOGGING_CATEGORY(lcListener, "buildservice.server.listener")

namespace BuildService {

namespace {
// An encrypted key must fail, not make OpenSSL ask for a passphrase on the terminal.
int noPassword(char *, int, int, void *)
{
    return 0;
}

/** True when the first certificate of @p certPem belongs to the private key @p keyPem. */
bool keyMatchesCertificate(const QByteArray &certPem, const QByteArray &keyPem)
{
    std::unique_ptr<BIO, decltype(&BIO_free)> certBio(BIO_new_mem_buf(certPem.constData(), certPem.size()), &BIO_free);
    std::unique_ptr<BIO, decltype(&BIO_free)> keyBio(BIO_new_mem_buf(keyPem.constData(), keyPem.size()), &BIO_free);
    if (!certBio || !keyBio)
        return false;
    std::unique_ptr<X509, decltype(&X509_free)> cert(PEM_read_bio_X509(certBio.get(), nullptr, nullptr, nullptr), &X509_free);
    std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(PEM_read_bio_PrivateKey(keyBio.get(), nullptr, noPassword, nullptr),
                                                            &EVP_PKEY_free);
    return cert && key && X509_check_private_key(cert.get(), key.get()) == 1;
}
} // namespace

Listener::Listener(const BuildContext &context, Session::StatusProvider status, QObject *parent)
    : QObject(parent)
    , m_context(context)
    , m_status(std::move(status))
    , m_tcp(new SocketServer(this))
    , m_server(new QWebSocketServer(QStringLiteral("build-service-server"),
                                    context.config.usesTls() ? QWebSocketServer::SecureMode : QWebSocketServer::NonSecureMode, this))
    , m_http(HttpEndpoints::Providers{})
{
    connect(m_tcp, &QTcpServer::newConnection, this, &Listener::onTcpConnection);
    connect(m_tcp, &SocketServer::tlsErrorsOccurred, this, &Listener::onSslErrors);
    connect(m_server, &QWebSocketServer::newConnection, this, &Listener::onNewConnection);
    connect(m_server, &QWebSocketServer::serverError, this, [](QWebSocketProtocol::CloseCode code) {
        qCInfo(lcListener) << "handshake refused:" << code;
    });
    connect(m_server, &QWebSocketServer::originAuthenticationRequired, this, &Listener::onOriginCheck);
}

Listener::~Listener() = default;

Result<void> Listener::loadTls()
{
    if (!m_context.config.usesTls())
        return {};
    const QString certFile = m_context.config.server.tlsCertificate;
    const QString keyFile = m_context.config.server.tlsPrivateKey;
    const auto fail = [](const QString &message) { return makeError(ErrorCode::ConfigInvalid, message); };
    QFile cert(certFile);
    if (!cert.open(QIODevice::ReadOnly))
        return fail(QStringLiteral("[server] tls_certificate: cannot read %1: %2").arg(certFile, cert.errorString()));
    const QByteArray certPem = cert.readAll();
    const QList<QSslCertificate> chain = QSslCertificate::fromData(certPem, QSsl::Pem);
    if (chain.isEmpty() || chain.first().isNull())
        return fail(QStringLiteral("[server] tls_certificate: %1 holds no PEM certificate").arg(certFile));
    QFile key(keyFile);
    if (!key.open(QIODevice::ReadOnly))
        return fail(QStringLiteral("[server] tls_private_key: cannot read %1: %2").arg(keyFile, key.errorString()));
    const QByteArray keyPem = key.readAll();
    QSslKey privateKey(keyPem, QSsl::Rsa, QSsl::Pem);
    if (privateKey.isNull())
        privateKey = QSslKey(keyPem, QSsl::Ec, QSsl::Pem);
    if (privateKey.isNull())
        return fail(QStringLiteral("[server] tls_private_key: %1 holds no unencrypted PEM RSA or EC private key").arg(keyFile));
    if (!keyMatchesCertificate(certPem, keyPem))
        return fail(QStringLiteral("[server] tls_private_key: %1 is not the private key of the certificate in %2").arg(keyFile, certFile));
    QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
    ssl.setLocalCertificateChain(chain);
    ssl.setPrivateKey(privateKey);
    ssl.setPeerVerifyMode(QSslSocket::VerifyNone);  // clients authenticate with tokens, not certificates
    ssl.setProtocol(QSsl::TlsV1_2OrLater);
    m_tcp->setTls(ssl);
    qCInfo(lcListener).noquote() << "TLS certificate" << chain.first().subjectDisplayName() << "valid until"
                                 << chain.first().expiryDate().toString(Qt::ISODate) << "from" << certFile;
    return {};
}

void Listener::onSslErrors(const QList<QSslError> &errors)
{
    for (const QSslError &error : errors)
        qCInfo(lcListener) << "TLS error with a client:" << error.errorString();
}

Result<void> Listener::listen(const QHostAddress &address, quint16 port)
{
    if (!m_tcp->listen(address, port)) {
        return makeError(ErrorCode::IoError, QStringLiteral("cannot listen on %1:%2: %3")
                                                 .arg(address.toString()).arg(port).arg(m_tcp->errorString()));
    }
    return {};
}

void Listener::setHttpProviders(const HttpEndpoints::Providers &providers)
{
    m_http = HttpEndpoints(providers);
}

quint16 Listener::port() const
{
    return m_tcp->serverPort();
}

QString Listener::url() const
{
    QString host = m_tcp->serverAddress().toString();
    if (m_tcp->serverAddress().protocol() == QAbstractSocket::IPv6Protocol)
        host = QLatin1Char('[') + host + QLatin1Char(']');
    return QStringLiteral("%1://%2:%3").arg(m_context.config.usesTls() ? QStringLiteral("wss") : QStringLiteral("ws"), host).arg(port());
}

void Listener::onOriginCheck(QWebSocketCorsAuthenticator *authenticator)
{
    const QString origin = authenticator->origin();
    const bool allowed = origin.isEmpty() || m_context.config.server.allowedOrigins.contains(origin);
    if (!allowed)
        qCWarning(lcListener) << "refused connection from foreign Origin" << origin;
    authenticator->setAllowed(allowed);
}

void Listener::onTcpConnection()
{
    while (QTcpSocket *socket = m_tcp->nextPendingConnection()) {
        auto *connection = new HttpConnection(socket, m_http, requestHeadTimeoutMs(), this);
        // The handshake bytes are still in the socket: QWebSocketServer reads them as if it had accepted it.
        connect(connection, &HttpConnection::upgradeRequested, this, [this](QTcpSocket *upgraded) { m_server->handleConnection(upgraded); });
    }
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
    m_tcp->close();
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
