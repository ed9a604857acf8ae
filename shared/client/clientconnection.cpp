// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: LGPL-2.1-only OR LGPL-3.0-only

// ClientConnection: connection set-up and message decoding on the client side.
#include "clientconnection.h"

#include "protocol/protocol.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QFile>
#include <QHostAddress>
#include <QRegularExpression>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslError>
#include <QWebSocket>

namespace BuildService {

int ClientConnection::defaultConnectTimeoutMs()
{
    bool ok = false;
    const double sec = qEnvironmentVariable("BUILD_SERVICE_CONNECT_TIMEOUT").toDouble(&ok);
    if (ok && sec > 0 && sec < 24 * 3600)
        return qMax(1, int(sec * 1000));
    return Protocol::DefaultConnectTimeoutSec * 1000;
}

QString ClientTlsOptions::normalizedPin(const QString &pin)
{
    QString hex = pin.trimmed().toLower();
    hex.remove(QLatin1Char(':'));
    static const QRegularExpression valid(QStringLiteral("^[0-9a-f]{64}$"));
    return valid.match(hex).hasMatch() ? hex : QString();
}

bool ClientConnection::isLoopbackHost(const QString &host)
{
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

ClientConnection::ClientConnection(QObject *parent)
    : QObject(parent)
    , m_socket(new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this))
    , m_connectTimeoutMs(defaultConnectTimeoutMs())
    , m_timer(new QTimer(this))
{
    connect(m_timer, &QTimer::timeout, this, &ClientConnection::checkHeartbeat);
    const auto heard = [this] { m_sinceHeard.restart(); };
    connect(m_socket, &QWebSocket::pong, this, heard);
    connect(m_socket, &QWebSocket::textFrameReceived, this, heard);
    connect(m_socket, &QWebSocket::binaryFrameReceived, this, heard);
    // Output and archives come in many frames; the server bounds their size.
    m_socket->setMaxAllowedIncomingMessageSize(64 << 20);
    connect(m_socket, &QWebSocket::connected, this, &ClientConnection::onConnected);
    connect(m_socket, &QWebSocket::textMessageReceived, this, &ClientConnection::onText);
    connect(m_socket, &QWebSocket::binaryMessageReceived, this, &ClientConnection::binaryMessage);
    connect(m_socket, &QWebSocket::disconnected, this, &ClientConnection::onDisconnected);
    connect(m_socket, &QWebSocket::sslErrors, this, &ClientConnection::onSslErrors);
    connect(m_socket, &QWebSocket::bytesWritten, this, [this](qint64 n) {
        m_pending = std::max<qint64>(0, m_pending - n);
        Q_EMIT bytesWritten();
    });
}

ClientConnection::~ClientConnection() = default;

void ClientConnection::setConnectTimeout(int ms)
{
    Q_ASSERT(ms > 0);
    m_connectTimeoutMs = qMax(1, ms);
}

void ClientConnection::checkHeartbeat()
{
    if (m_failed)
        return;
    if (!m_ready) {
        const double sec = m_connectTimeoutMs / 1000.0;
        fail(makeError(ErrorCode::ConnectionFailed,
                       tr("no answer from %1 within %2 seconds. Check the address and port, that the server is running "
                          "(build-service-server) and that no firewall drops the connection; wait longer with "
                          "--connect-timeout or BUILD_SERVICE_CONNECT_TIMEOUT.")
                           .arg(m_url.toString())
                           .arg(sec)));
        return;
    }
    if (m_sinceHeard.elapsed() >= qint64(m_welcome.heartbeatTimeoutSec) * 1000) {
        fail(makeError(ErrorCode::ConnectionFailed,
                       tr("the server at %1 stopped answering: nothing received for %2 seconds")
                           .arg(m_url.toString())
                           .arg(m_sinceHeard.elapsed() / 1000)));
        return;
    }
    m_socket->ping();
}

void ClientConnection::open(const QUrl &url, const QString &token)
{
    m_url = url;
    m_token = token;
    if (!url.isValid() || url.host().isEmpty() || (url.scheme() != QLatin1String("ws") && url.scheme() != QLatin1String("wss"))) {
        // An invalid QUrl prints as ""; its error string quotes the text the user has to fix.
        const QString message = url.isValid()
            ? tr("invalid server URL \"%1\": use ws://host:port or wss://host:port").arg(url.toString())
            : tr("invalid server URL (%1): use ws://host:port or wss://host:port").arg(url.errorString());
        QMetaObject::invokeMethod(this, [this, message] { fail(makeError(ErrorCode::ConnectionFailed, message)); }, Qt::QueuedConnection);
        return;
    }
    // Decided before any packet leaves: whoever sees plain ws:// traffic sees the token.
    if (!token.isEmpty() && url.scheme() == QLatin1String("ws") && !isLoopbackHost(url.host())) {
        const QString message = tr("refusing to send the access token over unencrypted ws:// to %1; use wss:// (the server needs "
                                   "[server] tls_certificate and tls_private_key), or reach the server through a loopback address, "
                                   "for example an SSH tunnel")
                                    .arg(url.host());
        QMetaObject::invokeMethod(this, [this, message] { fail(makeError(ErrorCode::ConnectionFailed, message)); }, Qt::QueuedConnection);
        return;
    }
    if (!m_tls.pinSha256.isEmpty() && ClientTlsOptions::normalizedPin(m_tls.pinSha256).isEmpty()) {
        const QString message = tr("--pin-sha256 expects the 64 hex digits of a SHA-256 fingerprint (':' between pairs allowed), got \"%1\"")
                                    .arg(m_tls.pinSha256);
        QMetaObject::invokeMethod(this, [this, message] { fail(makeError(ErrorCode::ConnectionFailed, message)); }, Qt::QueuedConnection);
        return;
    }
    if (url.scheme() == QLatin1String("wss")) {
        QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
        if (!m_tls.pinSha256.isEmpty()) {
            // No CA can vouch for a pinned certificate: every chain "fails" verification and
            // onSslErrors() accepts exactly the pinned one.
            ssl.setCaCertificates({});
        } else if (!m_tls.caFile.isEmpty()) {
            QFile file(m_tls.caFile);
            const QList<QSslCertificate> cas = file.open(QIODevice::ReadOnly) ? QSslCertificate::fromData(file.readAll(), QSsl::Pem)
                                                                              : QList<QSslCertificate>();
            if (cas.isEmpty()) {
                const QString message = tr("cannot use the CA file %1: %2").arg(m_tls.caFile,
                    file.error() != QFileDevice::NoError ? file.errorString() : tr("it holds no PEM certificate"));
                QMetaObject::invokeMethod(this, [this, message] { fail(makeError(ErrorCode::ConnectionFailed, message)); }, Qt::QueuedConnection);
                return;
            }
            ssl.setCaCertificates(cas);
        }
        m_socket->setSslConfiguration(ssl);
    }
    // Both ends agree on the default port; QWebSocket would otherwise pick 80 or 443.
    if (m_url.port() < 0)
        m_url.setPort(Protocol::DefaultPort);
    m_timer->setSingleShot(true);
    m_timer->start(m_connectTimeoutMs);
    m_socket->open(m_url);
}

void ClientConnection::onSslErrors(const QList<QSslError> &errors)
{
    const QString pin = ClientTlsOptions::normalizedPin(m_tls.pinSha256);
    if (!m_tls.pinSha256.isEmpty()) {
        // Every complaint must be about the pinned certificate itself: a chain that merely
        // contains it (behind someone else's leaf) is refused.
        bool allPinned = !errors.isEmpty();
        QString seen;
        for (const QSslError &error : errors) {
            const QString digest = error.certificate().isNull()
                ? QString()
                : QString::fromLatin1(error.certificate().digest(QCryptographicHash::Sha256).toHex());
            if (digest != pin || pin.isEmpty())
                allPinned = false;
            if (seen.isEmpty() && !digest.isEmpty())
                seen = digest;
        }
        if (allPinned) {
            m_socket->ignoreSslErrors(errors);
            return;
        }
        fail(makeError(ErrorCode::ConnectionFailed,
                       tr("the TLS certificate of %1 does not match the pinned SHA-256 %2 (the server presented %3). If the "
                          "certificate was replaced on purpose, pin the new one; otherwise someone may be intercepting the connection.")
                           .arg(m_url.toString(), m_tls.pinSha256, seen.isEmpty() ? tr("no certificate") : seen)));
        return;
    }
    QStringList texts;
    for (const QSslError &error : errors)
        texts.append(error.errorString());
    texts.removeDuplicates();
    fail(makeError(ErrorCode::ConnectionFailed,
                   tr("cannot verify the TLS certificate of %1: %2. If the server uses a self-signed certificate or its own CA, pass "
                      "the CA certificate with --ca-file FILE, or pin the server's certificate with --pin-sha256 HEX (its admin prints "
                      "it with: openssl x509 -in CERT -noout -fingerprint -sha256).")
                       .arg(m_url.toString(), texts.join(QStringLiteral("; ")))));
}

void ClientConnection::close()
{
    m_closing = true;
    m_timer->stop();
    m_socket->close();
}

void ClientConnection::send(const QJsonObject &message)
{
    // After a failure the socket is gone; the owner learns that from failed(), not from Qt warnings.
    if (m_failed)
        return;
    m_pending += m_socket->sendTextMessage(encodeMessage(message));
}

void ClientConnection::sendBinary(const QByteArray &data)
{
    if (m_failed)
        return;
    m_pending += m_socket->sendBinaryMessage(data);
}

void ClientConnection::onConnected()
{
    HelloMessage hello;
    hello.client = QCoreApplication::applicationName() + QLatin1Char('/') + QCoreApplication::applicationVersion();
    hello.token = m_token;
    send(hello.toJson());
}

void ClientConnection::onText(const QString &text)
{
    const Result<Message> decoded = decodeMessage(text.toUtf8(), 64 << 20);
    if (!decoded) {
        fail(makeError(decoded.errorCode(), tr("the server sent an invalid message: %1").arg(decoded.errorString())));
        return;
    }
    const Message &incoming = decoded.value();
    if (incoming.type == Protocol::Type::Error) {
        const ErrorEvent error = ErrorEvent::fromJson(incoming.json);
        if (!m_ready) {
            fail(makeError(error.code, error.message));
            return;
        }
        Q_EMIT serverError(error);
        return;
    }
    if (!m_ready) {
        if (incoming.type != Protocol::Type::Welcome) {
            fail(makeError(ErrorCode::BadMessage, tr("the server did not answer \"hello\" with \"welcome\"")));
            return;
        }
        m_welcome = WelcomeMessage::fromJson(incoming.json);
        // Qt splits a message into frames of this size; the server closes on a larger frame.
        m_socket->setOutgoingFrameSize(quint64(std::clamp<qint64>(m_welcome.maxFrameBytes, 1024, 16 << 20)));
        if (m_welcome.protocol != Protocol::Version) {
            fail(makeError(ErrorCode::ProtocolMismatch,
                           tr("protocol version mismatch: this client speaks version %1, the server (%2) speaks version %3; "
                              "install matching versions of client and server")
                               .arg(Protocol::Version).arg(m_welcome.server).arg(m_welcome.protocol)));
            return;
        }
        m_ready = true;
        m_sinceHeard.start();
        m_timer->setSingleShot(false);
        m_timer->start(m_welcome.heartbeatIntervalSec * 1000);
        Q_EMIT ready(m_welcome);
        return;
    }
    Q_EMIT message(incoming);
}

void ClientConnection::onDisconnected()
{
    if (m_closing)
        return;
    if (!m_ready && m_socket->error() != QAbstractSocket::UnknownSocketError) {
        fail(makeError(ErrorCode::ConnectionFailed,
                       tr("cannot connect to %1: %2. Is the server running? Start it with build-service-server.")
                           .arg(m_url.toString(), m_socket->errorString())));
        return;
    }
    QString reason = m_socket->closeReason();
    if (reason.isEmpty())
        reason = m_socket->errorString();
    fail(makeError(ErrorCode::ConnectionFailed, tr("the connection to %1 was closed: %2").arg(m_url.toString(), reason)));
}

void ClientConnection::fail(const Error &error)
{
    if (m_failed)
        return;
    m_failed = true;
    m_closing = true;
    m_timer->stop();
    m_socket->abort();
    Q_EMIT failed(error);
}

} // namespace BuildService
