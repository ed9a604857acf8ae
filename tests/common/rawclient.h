// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: BSD-2-Clause

// RawClient: a protocol-level WebSocket client for tests that need to send bad input.
#pragma once

#include "protocol/messages.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>
#include <QWebSocket>

namespace BuildService::Test {

/** Collects every text message; waitFor() spins the event loop until one of a type arrives. */
class RawClient : public QObject
{
public:
    explicit RawClient(const QString &origin = QString())
        : m_socket(origin, QWebSocketProtocol::VersionLatest)
    {
        m_socket.setMaxAllowedIncomingMessageSize(64 << 20);
        QObject::connect(&m_socket, &QWebSocket::textMessageReceived, this, [this](const QString &text) {
            m_messages.append(QJsonDocument::fromJson(text.toUtf8()).object());
        });
        QObject::connect(&m_socket, &QWebSocket::binaryMessageReceived, this, [this](const QByteArray &data) {
            m_binary.append(data);
        });
        QObject::connect(&m_socket, &QWebSocket::disconnected, this, [this] { m_disconnected = true; });
    }

    bool open(const QString &url)
    {
        QSignalSpy connected(&m_socket, &QWebSocket::connected);
        m_socket.open(QUrl(url));
        return connected.wait(10000) || m_socket.state() == QAbstractSocket::ConnectedState;
    }

    /** Connects and completes the hello/welcome handshake. */
    bool handshake(const QString &url, const QString &token = QString(), int protocol = Protocol::Version)
    {
        if (!open(url))
            return false;
        HelloMessage hello;
        hello.client = QStringLiteral("rawclient/test");
        hello.token = token;
        hello.protocol = protocol;
        send(hello.toJson());
        return !waitFor(QStringLiteral("welcome")).isEmpty();
    }

    void send(const QJsonObject &json) { m_socket.sendTextMessage(encodeMessage(json)); }
    void sendText(const QString &text) { m_socket.sendTextMessage(text); }
    void sendBinary(const QByteArray &data) { m_socket.sendBinaryMessage(data); }
    void flush() { m_socket.flush(); }
    void abort() { m_socket.abort(); }
    void close() { m_socket.close(); }

    /** Waits for the next message of @p type (or an "error" when @p orError); empty on timeout. */
    QJsonObject waitFor(const QString &type, int timeoutMs = 60000, bool orError = true)
    {
        QElapsedTimer timer;
        timer.start();
        while (timer.elapsed() < timeoutMs) {
            for (int i = m_consumed; i < m_messages.size(); ++i) {
                const QString t = m_messages[i].value(QLatin1String("type")).toString();
                if (t == type || (orError && t == QLatin1String("error"))) {
                    m_consumed = i + 1;
                    return m_messages[i];
                }
            }
            if (m_disconnected)
                return {};
            QTest::qWait(5);
        }
        return {};
    }

    /** All output text received so far, per stream. */
    QByteArray output(const QString &stream) const
    {
        QByteArray all;
        for (const QJsonObject &m : m_messages) {
            if (m.value(QLatin1String("type")).toString() == QLatin1String("output")
                && m.value(QLatin1String("stream")).toString() == stream)
                all += OutputEvent::fromJson(m).data;
        }
        return all;
    }

    bool waitForDisconnect(int timeoutMs = 10000)
    {
        QElapsedTimer timer;
        timer.start();
        while (!m_disconnected && timer.elapsed() < timeoutMs)
            QTest::qWait(5);
        return m_disconnected;
    }

    const QList<QJsonObject> &messages() const { return m_messages; }
    bool isDisconnected() const { return m_disconnected; }
    QWebSocket &socket() { return m_socket; }
    QWebSocketProtocol::CloseCode closeCode() const { return m_socket.closeCode(); }

private:
    QWebSocket m_socket;
    QList<QJsonObject> m_messages;
    QList<QByteArray> m_binary;
    int m_consumed = 0;
    bool m_disconnected = false;
};

} // namespace BuildService::Test
