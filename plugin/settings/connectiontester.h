// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: LGPL-2.1-only OR LGPL-3.0-only

// ConnectionTester: "Test Connection" on the Build Servers page, without blocking the UI.
#pragma once

#include "client/clientconnection.h"

#include <QObject>
#include <QPointer>
#include <QString>
#include <QTimer>
#include <QUrl>

class QTcpSocket;

namespace BuildService {
class ClientConnection;
struct Error;
struct WelcomeMessage;
}

namespace BuildService::Plugin {

/**
 * Checks that a build server answers, the way a build would connect: first a TCP connection to
 * the URL's host and port (so a refused connection, an unknown host and a timeout are told
 * apart and the text says what to do), then the client library's hello/welcome handshake
 * with the token (ClientConnection), which checks the token and the protocol version.
 * finished() reports "Connected: server <version>, protocol <n>" or an error text.
 * Asynchronous; one test at a time (start() cancels the previous one). Main thread only.
 */
class ConnectionTester : public QObject
{
    Q_OBJECT
public:
    explicit ConnectionTester(QObject *parent = nullptr);
    ~ConnectionTester() override;

    /** Starts testing @p url with @p token; finished() follows exactly once (unless cancelled). */
    void start(const QString &url, const QString &token, const ClientTlsOptions &tls = ClientTlsOptions());
    /** Abandons a running test; no finished() for it. */
    void cancel();
    bool isRunning() const { return m_running; }

    /** The success text for a server that introduced itself as @p server ("name/version"). */
    static QString successText(const QString &server, int protocol);

Q_SIGNALS:
    /** The outcome: @p ok and a one-line text for the user. */
    void finished(bool ok, const QString &text);

private:
    void onProbeConnected();
    void onProbeError();
    void onReady(const BuildService::WelcomeMessage &welcome);
    void onFailed(const BuildService::Error &error);
    void onTimeout();
    void finish(bool ok, const QString &text);
    QString hostAndPort() const;

    QTimer m_timer;
    QUrl m_url;
    QString m_token;
    ClientTlsOptions m_tls;
    QPointer<QTcpSocket> m_probe;
    QPointer<ClientConnection> m_connection;
    bool m_running = false;
};

} // namespace BuildService::Plugin
