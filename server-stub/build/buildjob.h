// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: GPL-2.0-or-later

// BuildJob: one build from request to exit event: workspace, upload, sync, run, artifacts.
#pragma once

#include "auth/identity.h"
#include "build/buildcontext.h"
#include "build/eventsink.h"
#include "build/uploadpipeline.h"
#include "cache/statescanner.h"
#include "cache/workspacestate.h"
#include "protocol/messages.h"
#include "runner/buildprocess.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>

#include <memory>
#include <optional>

namespace BuildService {

class CachedBuild;
class StdinFeeder;

/**
 * Drives one build request. The session feeds it upload bytes and control messages; the job
 * answers through its EventSink. States advance strictly forward; finished() is emitted
 * exactly once, after which the job holds no workspace lock and no staging directory.
 */
class BuildJob : public QObject
{
    Q_OBJECT
public:
    enum class State { WaitingForWorkspace, Uploading, Syncing, Running, CollectingArtifacts, Finished };
    Q_ENUM(State)

    BuildJob(const BuildContext &context, BuildRequest request, EventSink *sink, QObject *parent = nullptr);
    ~BuildJob() override;

    /** Replaces the sink given to the constructor; only before start() (a sink that needs buildId()). */
    void setSink(EventSink *sink)
    {
        Q_ASSERT(m_state == State::WaitingForWorkspace && !m_cached);
        m_sink = sink;
        m_clientSink = sink;
    }
    /**
     * The identity the build runs for (before start()): it owns the workspaces it creates, the
     * artifacts and the cache entry, and may only reuse a workspace it owns (admins: any).
     */
    void setIdentity(const Identity &identity) { m_identity = identity; }
    const Identity &identity() const { return m_identity; }
    /**
     * Who asked for the build, as the server log names it ("127.0.0.1:50312"); the session sets
     * it before start(). Only for the log lines "requested:" and "finished:".
     */
    void setClient(const QString &client) { m_client = client; }
    /** Picks or creates the workspace (possibly waiting for it) and asks for the upload. */
    void start();
    /** Upload bytes (binary frames); only valid in Uploading. */
    void receiveUploadBytes(const QByteArray &bytes);
    /** The client's upload_end. */
    void receiveUploadEnd(const UploadEnd &end);
    /** Client cancel or disconnect: stops whatever runs; the exit event reports cancelled. */
    void cancel(const QString &reason);
    /**
     * The client's "input" for the command's stdin. Ignored once the command has ended or
     * closed its stdin; an error when the request did not ask for stdin (InvalidRequest) or
     * the client overran the input window (LimitExceeded, ends the build).
     */
    Result<void> receiveInput(const InputMessage &input);
    /** The client's "resize": the terminal of a --tty build gets @p size; otherwise ignored. */
    void resizeTerminal(const WindowSize &size);
    /** The sink delivered its backlog; resume forwarding build output. */
    void sinkDrained();

    State state() const { return m_state; }
    QString buildId() const { return m_buildId; }
    QString workspaceId() const { return m_workspaceId; }

Q_SIGNALS:
    void finished();

private:
    void acquireWorkspace();
    void beginUpload();
    void sendAccepted(const AcceptedMessage &accepted);
    void onValidated();
    void onSynced(const Manifest &manifest, const SyncStats &stats, bool changed);
    void prepareCache(const Manifest &manifest);
    void runOrReplay(const Manifest &manifest);
    void scanWorkspace(const BuildExit &exit);
    void afterCommand(const BuildExit &exit);
    bool tracksState() const;
    QString statePath() const;
    void runCommand();
    void startProcess();
    bool sandboxed() const;
    void onOutput(OutputStream stream, const QByteArray &data);
    void onProcessFinished(const BuildExit &exit);
    void collectArtifacts(const BuildExit &exit);
    void sendExit(const BuildExit &exit, const QList<ArtifactFile> &files, qint64 zipBytes);
    void fail(const Error &error);
    void finish();
    void releaseWorkspace();
    void discardStaging();
    void releaseCache();
    void completeFinish();
    QString workDir() const;
    void choosePathFromClient();
    QString shownPath() const;
    QString realPath() const;
    QString keyPath() const;
    bool temporary() const;

    BuildContext m_context;
    Identity m_identity = Identity::local();
    QByteArray m_contentDigest;  ///< SHA-256 of the sources, for shared cache keys
    BuildRequest m_request;
    EventSink *m_sink;
    EventSink *m_clientSink;  ///< the session; m_sink may point at a cache recorder instead
    State m_state = State::WaitingForWorkspace;
    QString m_buildId;
    QString m_workspaceId;
    QString m_reason;
    QString m_clientPath;  ///< "client" mode: where the build sees its workspace (checked, or the fallback)
    bool m_reused = false;
    bool m_holdsLock = false;
    bool m_cancelled = false;
    bool m_uploadEnded = false;
    qint64 m_bytesReceived = 0;
    qint64 m_bytesConsumed = 0;
    Manifest m_previous;
    Manifest m_sources;                      ///< the synced tree
    WorkspaceState m_prior;                  ///< what the workspace held beyond its sources before the command
    std::optional<StateScanner::Scan> m_scan; ///< the workspace after the command
    QString m_environmentStamp;
    QString m_baseKey;
    QList<SyncWarning> m_syncWarnings;  ///< sent with "synced"
    UploadPipeline::Plan m_plan;
    std::unique_ptr<UploadPipeline> m_pipeline;
    std::unique_ptr<BuildProcess> m_process;
    std::unique_ptr<StdinFeeder> m_stdin;  ///< the command's stdin while it runs (stdin or tty builds)
    qint64 m_inputReceived = 0;            ///< stdin bytes the client sent
    bool m_inputEnded = false;             ///< the client sent eof
    std::unique_ptr<CachedBuild> m_cached;  ///< the cache's part of the run (owns the recorder m_sink may point to)
    QElapsedTimer m_syncTimer;
    QElapsedTimer m_buildTimer;
    QElapsedTimer m_sinceRequest;  ///< for the duration in the "finished:" log line
    QString m_client;
    QString m_outcome;             ///< how it ended, for the "finished:" log line
};

} // namespace BuildService
