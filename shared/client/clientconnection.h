// ClientConnection: a WebSocket to the server with the hello/welcome handshake done.
#pragma once

#include "core/result.h"
#include "protocol/messages.h"

#include <QObject>
#include <QUrl>

class QWebSocket;

namespace BuildService {

/**
 * Opens the socket, sends "hello" with the token, checks the server's "welcome" (protocol
 * version), then hands every decoded message to the owner. Failures (cannot connect,
 * handshake refused, connection lost, garbage from the server) end in exactly one failed().
 * Lives on the thread that created it; no blocking calls.
 */
class ClientConnection : public QObject
{
    Q_OBJECT
public:
    explicit ClientConnection(QObject *parent = nullptr);
    ~ClientConnection() override;

    /** Connects to @p url (ws:// or wss://). ready() or failed() follows. */
    void open(const QUrl &url, const QString &token);
    void close();

    void send(const QJsonObject &message);
    void sendBinary(const QByteArray &data);
    /** Bytes handed to send*() and not yet written to the socket (approximate). */
    qint64 pendingBytes() const { return m_pending; }
    const WelcomeMessage &welcome() const { return m_welcome; }
    QUrl url() const { return m_url; }

Q_SIGNALS:
    void ready(const BuildService::WelcomeMessage &welcome);
    void message(const BuildService::Message &message);
    void binaryMessage(const QByteArray &data);
    /** Server error events arrive here, not through message(). */
    void serverError(const BuildService::ErrorEvent &error);
    void bytesWritten();
    void failed(const BuildService::Error &error);

private:
    void onConnected();
    void onText(const QString &text);
    void onDisconnected();
    void fail(const Error &error);

    QWebSocket *m_socket;
    QUrl m_url;
    QString m_token;
    WelcomeMessage m_welcome;
    bool m_ready = false;
    bool m_failed = false;
    bool m_closing = false;
    qint64 m_pending = 0;
};

} // namespace BuildService

Q_DECLARE_METATYPE(BuildService::WelcomeMessage)
Q_DECLARE_METATYPE(BuildService::Message)
Q_DECLARE_METATYPE(BuildService::ErrorEvent)
