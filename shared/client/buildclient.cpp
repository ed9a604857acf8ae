// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: LGPL-2.1-only OR LGPL-3.0-only

// BuildClient: the client side of the build protocol.
#include "buildclient.h"

#include "artifacts/artifactunpacker.h"
#include "client/clientconnection.h"
#include "client/inputforwarder.h"
#include "client/manifestcache.h"
#include "client/uploadsource.h"
#include "client/workspaceidstore.h"
#include "core/shellwords.h"

#include <algorithm>

#include <QDebug>
#include <QDir>
#include <QTimer>

namespace BuildService {

namespace PT = Protocol::Type;

BuildClient::BuildClient(QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<UploadProgress>();
    qRegisterMetaType<ExitEvent>();
    qRegisterMetaType<Error>();
    qRegisterMetaType<AcceptedMessage>();
    qRegisterMetaType<SyncedMessage>();
    qRegisterMetaType<StartedMessage>();
    qRegisterMetaType<OutputStream>();
}

BuildClient::~BuildClient() = default;

void BuildClient::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

void BuildClient::start(const BuildOptions &options)
{
    Q_ASSERT(m_state == State::Idle);
    m_options = options;
    m_options.request.stdinForwarded = options.stdinFd >= 0;
    m_options.checkoutDir = QDir(options.checkoutDir).absolutePath();
    // A server that shows builds the client's own path ([sandbox] workspace_path = "client")
    // needs it; output, debug info and compile_commands.json then need no rewriting.
    m_options.request.checkoutPath = m_options.checkoutDir;
    if (!QFileInfo(m_options.checkoutDir).isDir()) {
        QTimer::singleShot(0, this, [this] {
            fail(makeError(ErrorCode::IoError, tr("the checkout directory %1 does not exist").arg(m_options.checkoutDir)));
        });
        return;
    }
    if (!m_options.subdirectory.isEmpty()) {
        // The command runs where the user is; the directory may hold no uploaded file (an
        // ignored build directory), so it is created. The mirror's prologue goes before this.
        const QString dir = ShellWords::quotePath(m_options.subdirectory);
        m_options.request.command.prepend(QStringLiteral("mkdir -p %1 && cd %1 || exit 125\n").arg(dir));
    }
    if (!m_options.cmakeBuildDir.isEmpty()) {
        const Result<void> mirrored = setUpMirror();
        if (!mirrored) {
            QTimer::singleShot(0, this, [this, error = mirrored.error()] { fail(error); });
            return;
        }
    }
    if (!m_options.freshWorkspace)
        m_options.request.workspaceId = workspaceIdStore().read();

    // Scanning and packing start at once and overlap with connecting; the bounded chunk queue
    // holds the packer until the server accepts the upload.
    m_source = std::make_unique<UploadSource>(m_options.checkoutDir, m_options.scan, workspaceIdStore().folderPath(),
                                              m_options.request.workspaceId);
    connect(m_source.get(), &UploadSource::baseLoaded, this, [this](const QString &digest) {
        // Ask for a delta when we know what the workspace holds; the server checks the claim.
        m_options.request.upload.mode = digest.isEmpty() ? QStringLiteral("full") : QStringLiteral("delta");
        m_options.request.upload.base = digest;
        if (digest.isEmpty())
            m_source->setPlan(false); // a full upload can be packed while we connect
        m_baseKnown = true;
        sendRequestWhenReady();
    });
    connect(m_source.get(), &UploadSource::scanned, this, [this](int files, qint64 bytes, const QStringList &skipped) {
        m_progress.filesTotal = files;
        m_progress.bytesTotal = bytes;
        Q_EMIT scanned(files, bytes, skipped);
    });
    connect(m_source.get(), &UploadSource::progress, this, [this](const PackProgress &p) {
        m_progress.filesDone = p.filesDone;
        m_progress.filesTotal = p.filesTotal;
        m_progress.bytesTotal = p.bytesTotal;
        m_progress.bytesPacked = p.bytesIn;
        emitProgress();
    });
    connect(m_source.get(), &UploadSource::chunkAvailable, this, &BuildClient::pumpUpload);
    connect(m_source.get(), &UploadSource::failed, this, &BuildClient::fail);
    m_source->start();

    setState(State::Connecting);
    openConnection();
}

void BuildClient::openConnection()
{
    if (m_connection) {
        m_connection->disconnect(this);
        m_connection->deleteLater();
    }
    m_connectionReady = false;
    m_connection = new ClientConnection(this);
    connect(m_connection, &ClientConnection::ready, this, &BuildClient::onReady);
    connect(m_connection, &ClientConnection::message, this, &BuildClient::onMessage);
    connect(m_connection, &ClientConnection::binaryMessage, this, &BuildClient::onBinary);
    connect(m_connection, &ClientConnection::serverError, this, &BuildClient::onServerError);
    connect(m_connection, &ClientConnection::bytesWritten, this, &BuildClient::pumpUpload);
    connect(m_connection, &ClientConnection::failed, this, &BuildClient::onConnectionFailed);
    if (m_options.connectTimeoutMs > 0)
        m_connection->setConnectTimeout(m_options.connectTimeoutMs);
    m_connection->setTlsOptions(m_options.tls);
    m_connection->open(QUrl(m_options.serverUrl), m_options.token);
}

bool BuildClient::canReattach() const
{
    // The server keeps only builds past their upload ("detach" policy); before that, or once
    // the exit event arrived, there is nothing to resume.
    return m_detachPolicy && !m_buildId.isEmpty() && !m_cancelRequested && m_options.reattachTimeoutMs > 0
        && (m_state == State::Syncing || m_state == State::Running);
}

void BuildClient::onConnectionFailed(const Error &error)
{
    if (!m_reattaching && !canReattach()) {
        fail(error);
        return;
    }
    if (!m_reattaching) {
        m_reattaching = true;
        m_reattachTimer.start();
        m_reattachDelayMs = 250;
        Q_EMIT warning(tr("connection to the server lost (%1); reconnecting to follow build %2 from event %3")
                           .arg(error.message, m_buildId).arg(m_lastSeq));
    } else if (m_reattachTimer.elapsed() + m_reattachDelayMs > m_options.reattachTimeoutMs) {
        m_reattaching = false;
        fail(makeError(error.code, tr("%1; could not follow build %2 again within %3 s (it may still be running: "
                                      "build-service attach %2 --after %4)")
                                       .arg(error.message, m_buildId).arg(m_options.reattachTimeoutMs / 1000).arg(m_lastSeq)));
        return;
    }
    // Retry with growing pauses: a server that restarts or a network that comes back is
    // given time without hammering it.
    QTimer::singleShot(m_reattachDelayMs, this, [this] {
        if (m_reattaching)
            openConnection();
    });
    m_reattachDelayMs = std::min(m_reattachDelayMs * 2, 4000);
}

WorkspaceIdStore BuildClient::workspaceIdStore() const
{
    return WorkspaceIdStore(m_options.checkoutDir, m_options.serverUrl);
}

Result<void> BuildClient::setUpMirror()
{
    Result<CMakeMirror> mirror = CMakeMirror::create(m_options.checkoutDir, m_options.cmakeBuildDir);
    if (!mirror)
        return mirror.error();
    const Result<QString> prologue = mirror.value().queryPrologue();
    if (!prologue)
        return prologue.error();
    const Result<void> ignored = mirror.value().markIgnored();
    if (!ignored)
        return ignored.error();
    m_options.scan.extraExcludes << mirror.value().excludePattern();
    m_options.request.artifacts << mirror.value().artifactGlobs();
    m_options.request.command.prepend(prologue.value());
    m_mirror = mirror.value();
    return {};
}

void BuildClient::onReady()
{
    if (m_reattaching) {
        m_connection->send(QJsonObject{{QStringLiteral("type"), PT::Attach}, {QStringLiteral("build_id"), m_buildId},
                                       {QStringLiteral("after_seq"), m_lastSeq}});
        return;
    }
    m_detachPolicy = m_connection->welcome().disconnectPolicy == QLatin1String("detach");
    m_window = std::max<qint64>(m_connection->welcome().uploadWindowBytes, 1);
    m_connectionReady = true;
    sendRequestWhenReady();
}

void BuildClient::sendRequestWhenReady()
{
    if (!m_connectionReady || !m_baseKnown || m_state != State::Connecting)
        return;
    setState(State::Requesting);
    m_connection->send(m_options.request.toJson());
}

void BuildClient::onMessage(const Message &message)
{
    const QJsonObject &json = message.json;
    // Events of our build carry consecutive numbers; the last one is where a re-attach resumes.
    if (const QJsonValue seq = json.value(QLatin1String("seq")); seq.isDouble())
        m_lastSeq = std::max(m_lastSeq, qint64(seq.toDouble()));
    if (message.type == PT::Attached) {
        m_reattaching = false;
        const qint64 lost = qint64(json.value(QLatin1String("lost")).toDouble());
        Q_EMIT warning(lost > 0 ? tr("following build %1 again; %2 event(s) of its output are no longer kept by the server and are missing")
                                      .arg(m_buildId).arg(lost)
                                : tr("following build %1 again; no output was lost").arg(m_buildId));
        if (m_cancelRequested)
            m_connection->send(QJsonObject{{QStringLiteral("type"), PT::Cancel}});
        return;
    }
    if (message.type == PT::Queued) {
        setState(State::Queued);
        Q_EMIT queued(json.value(QLatin1String("position")).toInt());
    } else if (message.type == PT::Accepted) {
        const AcceptedMessage accepted = AcceptedMessage::fromJson(json);
        if (!accepted.workspaceId.isEmpty()) {
            const Result<void> stored = workspaceIdStore().write(accepted.workspaceId);
            if (!stored)
                Q_EMIT warning(stored.errorString());
        }
        m_workspaceId = accepted.workspaceId;
        m_buildId = accepted.buildId;
        m_delta = accepted.uploadMode == QLatin1String("delta");
        if (m_options.request.upload.mode == QLatin1String("delta"))
            m_source->setPlan(m_delta, accepted.need);
        Q_EMIT this->accepted(accepted);
        m_uploadTimer.start();
        setState(State::Uploading);
        m_uploadAllowed = true;
        pumpUpload();
    } else if (message.type == PT::UploadAck) {
        m_progress.bytesAcked = qint64(json.value(QLatin1String("bytes")).toDouble());
        emitProgress();
        pumpUpload();
    } else if (message.type == PT::Synced) {
        const SyncedMessage syncedMessage = SyncedMessage::fromJson(json);
        if (m_uploadTimer.isValid())
            m_uploadDurationMs = std::max<qint64>(0, m_uploadTimer.elapsed() - syncedMessage.durationMs);
        for (const SyncWarning &w : syncedMessage.warnings)
            Q_EMIT warning(tr("warning from the server: %1").arg(w.message));
        // Remember what the workspace holds only when it is exactly what we scanned (a file
        // edited while packing makes them differ): the next build then sends a delta.
        const ManifestCache cache(workspaceIdStore().folderPath());
        if (!m_workspaceId.isEmpty() && syncedMessage.manifest == m_source->target().digest()) {
            if (!m_delta || !m_source->targetIsBase())
                if (const Result<void> saved = cache.save(m_workspaceId, m_source->target()); !saved)
                    qWarning().noquote() << "build-service: cannot remember the synced file list, the next build sends everything:"
                                         << saved.errorString();
        } else {
            cache.clear();
        }
        Q_EMIT synced(syncedMessage);
    } else if (message.type == PT::Started) {
        const StartedMessage startedMessage = StartedMessage::fromJson(json);
        m_remoteRoot = startedMessage.workspacePath;
        if (m_options.rewritePaths) {
            m_stdoutRewriter = PathRewriter(startedMessage.workspacePath.toUtf8(), m_options.checkoutDir.toUtf8());
            m_stderrRewriter = m_stdoutRewriter;
        }
        setState(State::Running);
        // The terminal may have been resized since the request was sent (the kernel signals
        // the command only when the size really changes).
        if (m_options.request.terminal && !startedMessage.cache.hit())
            resizeTerminal(m_options.request.terminal->size);
        if (m_options.stdinFd >= 0 && !startedMessage.cache.hit()) {
            m_input = std::make_unique<InputForwarder>(m_options.stdinFd, m_connection->welcome().inputWindowBytes,
                                                       [this](const QByteArray &data, bool eof) {
                                                           m_connection->send(InputMessage{data, eof}.toJson());
                                                       });
            m_input->start();
        }
        Q_EMIT started(startedMessage);
    } else if (message.type == PT::InputAck) {
        if (m_input)
            m_input->acknowledged(qint64(json.value(QLatin1String("bytes")).toDouble()), json.value(QLatin1String("closed")).toBool());
    } else if (message.type == PT::Output) {
        const OutputEvent event = OutputEvent::fromJson(json);
        PathRewriter &rewriter = event.stream == OutputStream::Stdout ? m_stdoutRewriter : m_stderrRewriter;
        const QByteArray data = rewriter.process(event.data);
        if (!data.isEmpty())
            Q_EMIT output(event.stream, data);
    } else if (message.type == PT::Exit) {
        onExit(ExitEvent::fromJson(json));
    } else if (message.type == PT::ArtifactsBegin) {
        m_artifacts = std::make_unique<QTemporaryFile>(QDir::tempPath() + QLatin1String("/build-service-artifacts-XXXXXX.zip"));
        if (!m_artifacts->open()) {
            fail(makeError(ErrorCode::IoError, tr("cannot create a temporary file for the artifacts: %1").arg(m_artifacts->errorString())));
            return;
        }
    } else if (message.type == PT::ArtifactsEnd) {
        finishArtifacts(qint64(json.value(QLatin1String("bytes")).toDouble()));
    }
}

void BuildClient::onBinary(const QByteArray &data)
{
    if (m_state != State::Downloading || !m_artifacts) {
        fail(makeError(ErrorCode::BadMessage, tr("the server sent binary data outside an artifact download")));
        return;
    }
    if (m_artifacts->write(data) != data.size())
        fail(makeError(ErrorCode::IoError, tr("cannot write the artifacts: %1").arg(m_artifacts->errorString())));
}

void BuildClient::onServerError(const ErrorEvent &error)
{
    if (m_reattaching && error.code == ErrorCode::UnknownId) {
        // A server that restarted has forgotten its builds: the result is lost, say so plainly.
        m_reattaching = false;
        fail(makeError(ErrorCode::ConnectionFailed,
                       tr("the connection to the server was lost and the server no longer knows build %1 (it was restarted); "
                          "its output and result are lost: run the build again")
                           .arg(m_buildId)));
        return;
    }
    if (m_reattaching && error.code == ErrorCode::NotReady) {
        // The server has not yet noticed that the old connection is gone (it may take up to
        // its heartbeat timeout): try again shortly.
        m_connection->disconnect(this);
        m_connection->close();
        onConnectionFailed(makeError(error.code, error.message));
        return;
    }
    if (error.code == ErrorCode::ArtifactsFailed || (error.code == ErrorCode::LimitExceeded && m_state == State::Running)) {
        // Reported before the exit event: the build itself finished; tell, then go on.
        Q_EMIT warning(error.message);
        return;
    }
    fail(makeError(error.code, error.message));
}

void BuildClient::pumpUpload()
{
    if (!m_uploadAllowed || m_uploadEndSent || !m_source)
        return;
    // Never more than the announced window unacknowledged (the server enforces it), and no
    // message above the announced message limit (the server closes the connection on one).
    const qint64 messageLimit = std::max<qint64>(m_connection->welcome().maxMessageBytes, 1);
    for (;;) {
        if (m_pendingChunk.isEmpty())
            m_pendingChunk = m_source->takeChunk();
        if (m_pendingChunk.isEmpty())
            break;
        const qint64 room = m_window - (m_progress.bytesSent - m_progress.bytesAcked);
        if (room <= 0)
            break;
        const int piece = int(std::min({room, messageLimit, qint64(m_pendingChunk.size())}));
        m_connection->sendBinary(m_pendingChunk.left(piece));
        m_pendingChunk.remove(0, piece);
        m_progress.bytesSent += piece;
    }
    if (m_pendingChunk.isEmpty() && m_source->atEnd()) {
        m_uploadEndSent = true;
        UploadEnd end;
        end.bytes = m_progress.bytesSent;
        end.entries = m_source->entries();
        if (m_delta)
            end.removed = m_source->removed();
        m_connection->send(end.toJson());
        setState(State::Syncing);
    }
    emitProgress();
}

void BuildClient::emitProgress()
{
    // Throttled so that a fast upload does not flood a terminal or the IDE with updates.
    if (m_progressThrottle.isValid() && m_progressThrottle.elapsed() < 50 && !m_uploadEndSent)
        return;
    m_progressThrottle.start();
    Q_EMIT uploadProgress(m_progress);
}

void BuildClient::onExit(const ExitEvent &exit)
{
    m_exit = exit;
    if (m_input)
        m_input->stop();
    const QByteArray out = m_stdoutRewriter.flush();
    if (!out.isEmpty())
        Q_EMIT output(OutputStream::Stdout, out);
    const QByteArray err = m_stderrRewriter.flush();
    if (!err.isEmpty())
        Q_EMIT output(OutputStream::Stderr, err);
    if (!exit.workspaceId.isEmpty() && exit.workspaceId != m_options.request.workspaceId) {
        const Result<void> stored = workspaceIdStore().write(exit.workspaceId);
        if (!stored)
            Q_EMIT warning(stored.errorString());
    }
    if (exit.artifactsBytes > 0 && !exit.buildId.isEmpty()) {
        setState(State::Downloading);
        m_connection->send(QJsonObject{{QStringLiteral("type"), PT::FetchArtifacts}, {QStringLiteral("build_id"), exit.buildId}});
        return;
    }
    complete();
}

void BuildClient::finishArtifacts(qint64 announced)
{
    if (!m_artifacts || m_artifacts->size() != announced || announced != m_exit.artifactsBytes) {
        fail(makeError(ErrorCode::ArtifactsFailed, tr("the artifact download was incomplete")));
        return;
    }
    m_artifacts->flush();
    const Result<QStringList> unpacked = ArtifactUnpacker::unpack(m_artifacts->fileName(), m_options.checkoutDir);
    m_artifacts.reset();
    if (!unpacked) {
        Q_EMIT warning(tr("the artifacts could not be unpacked: %1").arg(unpacked.errorString()));
    } else {
        if (m_mirror) {
            const Result<void> mapped = m_mirror->finish(m_remoteRoot, unpacked.value());
            if (!mapped)
                Q_EMIT warning(tr("the CMake configuration could not be mirrored: %1").arg(mapped.errorString()));
        }
        Q_EMIT artifactsUnpacked(unpacked.value());
    }
    complete();
}

void BuildClient::complete()
{
    setState(State::Finished);
    m_connection->close();
    Q_EMIT finished(m_exit);
}

void BuildClient::cancel()
{
    if (m_cancelRequested || m_state == State::Finished || m_state == State::Failed)
        return;
    m_cancelRequested = true;
    if (m_reattaching)
        return; // sent once the build is followed again
    // Before the request and after the exit event there is nothing to cancel on the server.
    if (m_state == State::Idle || m_state == State::Connecting || m_state == State::Requesting || m_state == State::Downloading) {
        fail(makeError(ErrorCode::Cancelled, tr("the build was cancelled")));
        return;
    }
    m_connection->send(QJsonObject{{QStringLiteral("type"), PT::Cancel}});
}

void BuildClient::resizeTerminal(const WindowSize &size)
{
    if (m_options.request.terminal && m_state == State::Running && m_connection)
        m_connection->send(QJsonObject{{QStringLiteral("type"), PT::Resize}, {QStringLiteral("rows"), size.rows},
                                       {QStringLiteral("columns"), size.columns}});
    if (m_options.request.terminal)
        m_options.request.terminal->size = size;
}

void BuildClient::fail(const Error &error)
{
    if (m_state == State::Finished || m_state == State::Failed)
        return;
    setState(State::Failed);
    if (m_input)
        m_input->stop();
    if (m_source)
        m_source->cancel();
    if (m_connection)
        m_connection->close();
    Q_EMIT errorOccurred(error);
}

} // namespace BuildService
