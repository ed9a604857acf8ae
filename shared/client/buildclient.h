// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: LGPL-2.1-only OR LGPL-3.0-only

// BuildClient: runs one remote build of a checkout, from packaging to the exit event.
#pragma once

#include "client/clientconnection.h"
#include "client/cmakemirror.h"
#include "client/pathrewriter.h"
#include "client/workspaceidstore.h"
#include "core/result.h"
#include "packaging/treescanner.h"
#include "protocol/messages.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QTemporaryFile>

#include <memory>
#include <optional>

namespace BuildService {

class ClientConnection;
class InputForwarder;
class UploadSource;

/** Everything one remote build needs. */
struct BuildOptions {
    QString serverUrl;
    QString token;
    ClientTlsOptions tls;              ///< certificate checks for wss://
    QString checkoutDir;               ///< the tree that is uploaded, and where artifacts land
    QString subdirectory;              ///< where in the checkout the command runs (relative; empty: the root)
    BuildRequest request;              ///< command, env, artifact globs, timeout; workspace id is filled in
    TreeScanner::Options scan;         ///< extra excludes
    bool freshWorkspace = false;       ///< ignore the stored workspace id
    bool rewritePaths = true;          ///< map the remote workspace path to checkoutDir in output
    QString cmakeBuildDir;             ///< CMake build directory to mirror locally (CMakeMirror); empty: none
    int connectTimeoutMs = 0;          ///< 0: ClientConnection::defaultConnectTimeoutMs()
    /**
     * When the connection is lost while the build runs on a server that keeps such builds
     * ([build] disconnect_policy = "detach"), reconnect and resume the output after the last
     * event received, for up to this long. 0: give up at once.
     */
    int reattachTimeoutMs = 60000;
    /**
     * Forward this descriptor (e.g. 0) as the command's stdin, end of file included; -1: the
     * command reads /dev/null. Sets request.stdinForwarded. Not closed; must stay open.
     */
    int stdinFd = -1;
};

/** Upload progress as the user sees it. */
struct UploadProgress {
    qint64 filesDone = 0;
    qint64 filesTotal = 0;
    qint64 bytesPacked = 0;     ///< uncompressed bytes read from the checkout
    qint64 bytesTotal = 0;
    qint64 bytesSent = 0;       ///< compressed bytes handed to the socket
    qint64 bytesAcked = 0;      ///< compressed bytes the server has processed
};

/**
 * One build per instance. Signals report every phase; exactly one of finished() (with the
 * exit event) or errorOccurred() ends it. The workspace id is stored in the checkout (per
 * server, WorkspaceIdStore) as soon as the server assigns it. Output is passed on with remote paths rewritten to local ones.
 * Lives on the GUI/main thread; packing runs on a worker thread.
 */
class BuildClient : public QObject
{
    Q_OBJECT
public:
    enum class State { Idle, Connecting, Requesting, Queued, Uploading, Syncing, Running, Downloading, Finished, Failed };
    Q_ENUM(State)

    explicit BuildClient(QObject *parent = nullptr);
    ~BuildClient() override;

    void start(const BuildOptions &options);
    /** Asks the server to stop the build; finished() (cancelled) or errorOccurred() follows. */
    void cancel();
    /** The local terminal changed size: tell a --tty build (request.terminal); ignored otherwise. */
    void resizeTerminal(const WindowSize &size);

    State state() const { return m_state; }
    const ExitEvent &exitEvent() const { return m_exit; }
    /** Compressed bytes sent for the upload so far. */
    qint64 bytesUploaded() const { return m_progress.bytesSent; }
    /**
     * How long the upload took as this client saw it: from the server's `accepted` until its
     * `synced`, less the time the server reports for applying the upload (`duration_ms`), so
     * transfer and server-side unpacking are not mixed up. -1 before synced().
     */
    qint64 uploadDurationMs() const { return m_uploadDurationMs; }
    /** True when the server accepted a delta: only changes were (or are being) sent. */
    bool isDeltaUpload() const { return m_delta; }

Q_SIGNALS:
    void stateChanged(BuildService::BuildClient::State state);
    void scanned(int files, qint64 bytes, const QStringList &skipped);
    void queued(int position);
    void accepted(const BuildService::AcceptedMessage &accepted);
    void uploadProgress(const BuildService::UploadProgress &progress);
    void synced(const BuildService::SyncedMessage &synced);
    void started(const BuildService::StartedMessage &started);
    void output(BuildService::OutputStream stream, const QByteArray &data);
    /** Non-fatal problem, e.g. artifacts could not be collected. */
    void warning(const QString &message);
    void artifactsUnpacked(const QStringList &paths);
    void finished(const BuildService::ExitEvent &exit);
    void errorOccurred(const BuildService::Error &error);

private:
    void setState(State state);
    Result<void> setUpMirror();
    void openConnection();
    bool canReattach() const;
    void onConnectionFailed(const Error &error);
    void onReady();
    void sendRequestWhenReady();
    void onMessage(const Message &message);
    void onBinary(const QByteArray &data);
    void onServerError(const ErrorEvent &error);
    void pumpUpload();
    void onExit(const ExitEvent &exit);
    void finishArtifacts(qint64 announced);
    void complete();
    void fail(const Error &error);
    void emitProgress();
    WorkspaceIdStore workspaceIdStore() const;

    BuildOptions m_options;
    State m_state = State::Idle;
    ClientConnection *m_connection = nullptr;
    std::unique_ptr<UploadSource> m_source;
    std::unique_ptr<InputForwarder> m_input;  ///< stdinFd while the command runs
    UploadProgress m_progress;
    bool m_uploadAllowed = false;
    bool m_delta = false;
    QByteArray m_pendingChunk;  ///< part of a packed chunk still waiting for window room
    bool m_connectionReady = false;
    bool m_baseKnown = false;
    QString m_workspaceId;
    QString m_buildId;
    qint64 m_lastSeq = 0;          ///< seq of the last event of this build processed
    bool m_detachPolicy = false;   ///< the server keeps builds of lost clients
    bool m_reattaching = false;
    QElapsedTimer m_reattachTimer;
    int m_reattachDelayMs = 250;
    bool m_uploadEndSent = false;
    bool m_cancelRequested = false;
    qint64 m_window = Protocol::DefaultUploadWindowBytes;
    PathRewriter m_stdoutRewriter;
    PathRewriter m_stderrRewriter;
    ExitEvent m_exit;
    std::unique_ptr<QTemporaryFile> m_artifacts;
    std::optional<CMakeMirror> m_mirror;
    QString m_remoteRoot;       ///< the workspace path the output and the artifacts refer to
    QElapsedTimer m_progressThrottle;
    QElapsedTimer m_uploadTimer;
    qint64 m_uploadDurationMs = -1;
};

} // namespace BuildService

Q_DECLARE_METATYPE(BuildService::UploadProgress)
