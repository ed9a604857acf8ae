// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: GPL-2.0-or-later

// Session: one client connection: handshake, message dispatch, and the build it runs.
#pragma once

#include "auth/identity.h"
#include "build/buildcontext.h"
#include "build/eventsink.h"
#include "protocol/messages.h"

#include <QElapsedTimer>
#include <QFile>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <functional>
#include <memory>

class QWebSocket;

namespace BuildService {

class BuildJob;

/**
 * Owns its QWebSocket. At most one build per connection at a time. When the client goes away
 * the running build is cancelled, or, with [build] disconnect_policy = "detach", handed to the
 * BuildRegistry and kept running (a later "attach" on any connection takes it back); the
 * session deletes itself once the socket is closed and its build has finished cleaning up
 * (watch QObject::destroyed).
 */
class Session : public QObject, public EventSink
{
    Q_OBJECT
public:
    enum class State { AwaitingHello, Ready, Closed };
    Q_ENUM(State)

    /** The status reply for a connection of @p identity (admins get server-wide figures). */
    using StatusProvider = std::function<QJsonObject(const Identity &identity)>;

    Session(QWebSocket *socket, const BuildContext &context, StatusProvider status, QObject *parent = nullptr);
    ~Session() override;

    /** Server shutdown: cancel the build (its exit event is still sent), then close. */
    void shutdown();
    /** The server drains: a running build goes on, new build requests get shutting_down. */
    void refuseNewBuilds() { m_refuseBuilds = true; }
    bool hasActiveBuild() const;

    void sendEvent(const QJsonObject &event) override;
    void sendEncodedEvent(const QByteArray &json) override;
    qint64 pendingBytes() const override { return m_pending; }

private:
    void onText(const QString &text);
    void onBinary(const QByteArray &data);
    void onBytesWritten(qint64 bytes);
    void onDisconnected();
    void handleHello(const QJsonObject &json);
    void handleBuild(const QJsonObject &json);
    void handleFetchArtifacts(const QJsonObject &json);
    void handleCacheClear(const QJsonObject &json);
    void handleCacheExport(const QJsonObject &json);
    void handleCacheImport(const QJsonObject &json);
    void handleCacheImportEnd(const QJsonObject &json);
    void abortImport();
    void startDownload(std::unique_ptr<QFile> file, const QString &beginType, const QString &endType, const QString &idField,
                       const QString &id);
    void handleAttach(const QJsonObject &json);
    void watchJob(BuildJob *job);
    void sendArtifactChunks();
    void sendError(ErrorCode code, const QString &message, bool close = false);
    /** Refuses an admin-only operation; returns false (the caller stops) for a non-admin. */
    bool requireAdmin(const QString &what);
    void closeWhenIdle();
    void checkHeartbeat();

    QWebSocket *m_socket;
    BuildContext m_context;
    StatusProvider m_status;
    State m_state = State::AwaitingHello;
    Identity m_identity;  ///< set by a successful hello
    qint64 m_pending = 0;
    QPointer<BuildJob> m_job;
    bool m_jobFinished = false; ///< m_job has emitted finished()
    int m_unfinishedJobs = 0;   ///< jobs of this session that have not emitted finished() yet
    bool m_closing = false;
    bool m_refuseBuilds = false;  ///< the server drains (refuseNewBuilds())
    bool m_closeStarted = false;
    // One download at a time (artifacts or a cache export): the file, how its end is announced.
    std::unique_ptr<QFile> m_artifactFile;
    QString m_downloadEndType;
    QString m_downloadIdField;
    QString m_artifactBuildId;
    qint64 m_artifactSent = 0;
    bool m_exportPending = false;
    // A cache import being received.
    std::unique_ptr<QFile> m_importFile;
    qint64 m_importExpected = 0;
    qint64 m_importReceived = 0;
    bool m_importChecking = false;
    QTimer *m_heartbeat = nullptr;
    QElapsedTimer m_sinceHeard;  ///< restarted by every frame and pong from the client
    bool m_disconnectHandled = false;
};

} // namespace BuildService
