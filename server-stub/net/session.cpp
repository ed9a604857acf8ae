// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: GPL-2.0-or-later

// Session: protocol handling for one connection.
#include "session.h"

#include "auth/authenticator.h"
#include "build/buildjob.h"
#include "net/buildregistry.h"
#include "net/buildstream.h"
#include "cache/buildcache.h"
#include "workspace/workspacelocks.h"
#include "workspace/workspacestore.h"

#include <QJsonArray>

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QRegularExpression>
#include <QTimer>
#include <QUuid>
#include <QWebSocket>

Q_LOGGING_CATEGORY(lcSession, "buildservice.server.session")

namespace BuildService {

namespace PT = Protocol::Type;

namespace {
constexpr qint64 s_artifactChunk = 256 * 1024;
constexpr int s_helloTimeoutMs = 10000;
constexpr qint64 s_artifactWindow = 2 << 20;
}

Session::Session(QWebSocket *socket, const BuildContext &context, StatusProvider status, QObject *parent)
    : QObject(parent)
    , m_socket(socket)
    , m_context(context)
    , m_status(std::move(status))
{
    m_socket->setParent(this);
    m_socket->setMaxAllowedIncomingMessageSize(quint64(context.config.server.maxMessageBytes));
    m_socket->setMaxAllowedIncomingFrameSize(quint64(context.config.server.maxFrameBytes));
    connect(m_socket, &QWebSocket::textMessageReceived, this, &Session::onText);
    connect(m_socket, &QWebSocket::binaryMessageReceived, this, &Session::onBinary);
    connect(m_socket, &QWebSocket::bytesWritten, this, &Session::onBytesWritten);
    connect(m_socket, &QWebSocket::disconnected, this, &Session::onDisconnected);
    // Heartbeats: a ping every interval; a client that sends nothing at all (not even the pong
    // its WebSocket stack answers on its own) for the timeout is gone (a closed laptop, a
    // stopped process, a dead route), and is handled like a disconnect.
    m_sinceHeard.start();
    const auto heard = [this] { m_sinceHeard.restart(); };
    connect(m_socket, &QWebSocket::pong, this, heard);
    connect(m_socket, &QWebSocket::textFrameReceived, this, heard);
    connect(m_socket, &QWebSocket::binaryFrameReceived, this, heard);
    m_heartbeat = new QTimer(this);
    m_heartbeat->setInterval(int(qBound<qint64>(1, context.config.server.heartbeatIntervalSec, 3600) * 1000));
    connect(m_heartbeat, &QTimer::timeout, this, &Session::checkHeartbeat);
    m_heartbeat->start();
    qCInfo(lcSession) << "connection from" << m_socket->peerAddress().toString() << m_socket->peerPort();
    // A peer that never introduces itself must not hold a socket (and a file descriptor) forever.
    QTimer::singleShot(s_helloTimeoutMs, this, [this] {
        if (m_state == State::AwaitingHello)
            sendError(ErrorCode::NotReady, QStringLiteral("no \"hello\" within %1 seconds").arg(s_helloTimeoutMs / 1000), true);
    });
}

Session::~Session() = default;

bool Session::hasActiveBuild() const
{
    return m_job && m_job->state() != BuildJob::State::Finished;
}

void Session::sendEvent(const QJsonObject &event)
{
    if (m_state == State::Closed)
        return;
    m_pending += m_socket->sendTextMessage(encodeMessage(event));
}

void Session::sendEncodedEvent(const QByteArray &json)
{
    if (m_state == State::Closed)
        return;
    m_pending += m_socket->sendTextMessage(QString::fromUtf8(json));
}

void Session::onBytesWritten(qint64 bytes)
{
    // bytesWritten counts frame headers too, so the estimate may dip below zero: clamp it.
    m_pending = std::max<qint64>(0, m_pending - bytes);
    if (m_job)
        m_job->sinkDrained();
    if (m_artifactFile)
        sendArtifactChunks();
}

void Session::sendError(ErrorCode code, const QString &message, bool close)
{
    qCInfo(lcSession) << "error" << errorCodeName(code) << message;
    sendEvent(errorMessage(makeError(code, message)));
    if (close) {
        m_socket->flush();
        m_socket->close(QWebSocketProtocol::CloseCodePolicyViolated, errorCodeName(code));
    }
}

bool Session::requireAdmin(const QString &what)
{
    if (m_identity.isAdmin())
        return true;
    sendError(ErrorCode::Forbidden, QStringLiteral("%1 is for admins; %2 has the role \"user\" (ask an admin, or use a token with the role \"admin\")")
                                        .arg(what, m_identity.name));
    return false;
}

void Session::onText(const QString &text)
{
    const Result<Message> decoded = decodeMessage(text.toUtf8(), m_context.config.server.maxMessageBytes);
    if (!decoded) {
        // Before "hello" the peer has not shown it speaks our protocol at all: do not keep
        // the connection open for it (docs/protocol.md, "Handshake").
        sendError(decoded.errorCode(), decoded.errorString(), m_state == State::AwaitingHello);
        return;
    }
    const Message &message = decoded.value();
    if (m_state == State::AwaitingHello) {
        if (message.type != PT::Hello) {
            sendError(ErrorCode::NotReady, QStringLiteral("the first message must be \"hello\""), true);
            return;
        }
        handleHello(message.json);
        return;
    }
    if (message.type == PT::Build) {
        handleBuild(message.json);
    } else if (message.type == PT::UploadEnd) {
        if (!hasActiveBuild()) {
            sendError(ErrorCode::NotReady, QStringLiteral("\"upload_end\" without a build"));
            return;
        }
        m_job->receiveUploadEnd(UploadEnd::fromJson(message.json));
    } else if (message.type == PT::Input) {
        // Input still in flight when the build ended is dropped silently: the client could
        // not have known.
        if (!m_job) {
            sendError(ErrorCode::NotReady, QStringLiteral("\"input\" without a build"));
            return;
        }
        if (hasActiveBuild()) {
            if (const Result<void> taken = m_job->receiveInput(InputMessage::fromJson(message.json)); !taken)
                sendError(taken.errorCode(), taken.errorString());
        }
    } else if (message.type == PT::Resize) {
        const Result<WindowSize> size = windowSizeFromJson(message.json);
        if (!size)
            sendError(size.errorCode(), size.errorString());
        else if (hasActiveBuild())
            m_job->resizeTerminal(size.value());
    } else if (message.type == PT::Cancel) {
        if (hasActiveBuild())
            m_job->cancel(QStringLiteral("cancelled by the client"));
        else
            sendError(ErrorCode::NotReady, QStringLiteral("nothing to cancel: no build is running on this connection"));
    } else if (message.type == PT::Status) {
        QJsonObject reply = m_status(m_identity);
        reply.insert(QStringLiteral("type"), PT::StatusReply);
        sendEvent(reply);
    } else if (message.type == PT::ListWorkspaces) {
        QJsonArray list;
        for (const auto &info : m_context.store.list()) {
            if (!m_identity.mayAccess(info.owner))
                continue;
            list.append(QJsonObject{{QStringLiteral("id"), info.id},
                                    {QStringLiteral("owner"), info.owner},
                                    {QStringLiteral("last_used_ms"), info.lastUsedMs},
                                    {QStringLiteral("bytes"), info.bytes},
                                    {QStringLiteral("files"), info.files},
                                    {QStringLiteral("dirty"), info.dirty},
                                    {QStringLiteral("busy"), m_context.locks.isBusy(info.id)}});
        }
        sendEvent(QJsonObject{{QStringLiteral("type"), PT::Workspaces}, {QStringLiteral("workspaces"), list}});
    } else if (message.type == PT::FetchArtifacts) {
        handleFetchArtifacts(message.json);
    } else if (message.type == PT::CacheStats) {
        const int top = std::clamp(message.json.value(QLatin1String("top")).toInt(10), 0, 100);
        QJsonObject reply = m_context.cache ? m_context.cache->stats(top, m_identity)
                                            : QJsonObject{{QStringLiteral("enabled"), false}, {QStringLiteral("entries"), 0},
                                                          {QStringLiteral("bytes"), 0}};
        reply.insert(QStringLiteral("type"), PT::CacheStatsReply);
        sendEvent(reply);
    } else if (message.type == PT::CacheClear) {
        handleCacheClear(message.json);
    } else if (message.type == PT::CacheExport) {
        handleCacheExport(message.json);
    } else if (message.type == PT::CacheImport) {
        handleCacheImport(message.json);
    } else if (message.type == PT::CacheImportEnd) {
        handleCacheImportEnd(message.json);
    } else if (message.type == PT::Attach) {
        handleAttach(message.json);
    } else if (message.type == PT::Hello) {
        sendError(ErrorCode::NotReady, QStringLiteral("\"hello\" was already received"));
    } else {
        sendError(ErrorCode::UnknownMessage, QStringLiteral("\"%1\" is not a message a client may send").arg(message.type));
    }
}

void Session::handleHello(const QJsonObject &json)
{
    const HelloMessage hello = HelloMessage::fromJson(json);
    const QString server = QCoreApplication::applicationName() + QLatin1Char('/') + QCoreApplication::applicationVersion();
    if (hello.protocol != Protocol::Version) {
        sendError(ErrorCode::ProtocolMismatch,
                  QStringLiteral("protocol version mismatch: the client (%1) speaks version %2, the server (%3) speaks version %4; "
                                 "install matching versions of client and server")
                      .arg(hello.client.isEmpty() ? QStringLiteral("unknown client") : hello.client)
                      .arg(hello.protocol)
                      .arg(server)
                      .arg(Protocol::Version),
                  true);
        return;
    }
    const std::optional<Identity> identity = m_context.auth ? m_context.auth->authenticate(hello.token) : Identity::local();
    if (!identity) {
        sendError(ErrorCode::Unauthorized,
                  hello.token.isEmpty() ? QStringLiteral("this server requires an access token; pass --token or set BUILD_SERVICE_TOKEN")
                                        : QStringLiteral("the access token was not accepted"),
                  true);
        return;
    }
    m_identity = *identity;
    qCInfo(lcSession).noquote() << "authenticated as" << QStringLiteral("%1 (%2)").arg(m_identity.name, Identity::roleName(m_identity.role));
    m_state = State::Ready;
    WelcomeMessage welcome;
    welcome.server = server;
    welcome.maxMessageBytes = m_context.config.server.maxMessageBytes;
    welcome.maxFrameBytes = m_context.config.server.maxFrameBytes;
    welcome.uploadWindowBytes = m_context.config.server.uploadWindowBytes;
    welcome.inputWindowBytes = Protocol::DefaultInputWindowBytes;
    welcome.heartbeatIntervalSec = int(m_context.config.server.heartbeatIntervalSec);
    welcome.heartbeatTimeoutSec = int(m_context.config.server.heartbeatTimeoutSec);
    welcome.disconnectPolicy = m_context.config.build.disconnectPolicy;
    sendEvent(welcome.toJson());
}

void Session::handleBuild(const QJsonObject &json)
{
    if (hasActiveBuild()) {
        sendError(ErrorCode::NotReady, QStringLiteral("a build is already running on this connection; open another connection for a parallel build"));
        return;
    }
    if (m_closing || m_refuseBuilds) {
        sendError(ErrorCode::ShuttingDown, QStringLiteral("the server is shutting down; retry in a moment"));
        return;
    }
    Result<BuildRequest> request = BuildRequest::fromJson(json);
    if (!request) {
        sendError(request.errorCode(), request.errorString());
        return;
    }
    // A job still winding down after its exit event (it records the workspace size, then
    // releases the workspace) deletes itself once it has finished; see below.
    if (m_job && m_jobFinished)
        m_job->deleteLater();
    BuildRequest buildRequest = std::move(request).value();
    BuildJob *job = nullptr;
    if (m_context.registry) {
        // The job writes into a numbered, buffered stream that this session reads; it can
        // outlive this connection (detach) and be read by another one (attach).
        job = new BuildJob(m_context, std::move(buildRequest), nullptr, this);
        // Events are only kept for a later reader when the build may outlive this connection.
        const bool detach = m_context.config.build.disconnectPolicy == QLatin1String("detach");
        BuildStream *stream = m_context.registry->add(job, job->buildId(), detach ? m_context.config.build.detachBufferBytes : 0,
                                                      m_identity.name);
        job->setSink(stream);
        stream->attach(this, 0);
    } else {
        job = new BuildJob(m_context, std::move(buildRequest), this, this);
    }
    job->setIdentity(m_identity);
    job->setClient(m_socket->peerAddress().toString() + QLatin1Char(':') + QString::number(m_socket->peerPort()));
    watchJob(job);
    job->start();
}

void Session::watchJob(BuildJob *job)
{
    m_job = job;
    m_jobFinished = false;
    ++m_unfinishedJobs;
    connect(job, &BuildJob::finished, this, [this, job] {
        --m_unfinishedJobs;
        if (job == m_job)
            m_jobFinished = true;
        else
            job->deleteLater();
        if (m_state == State::Closed || m_closing)
            closeWhenIdle();
    });
}

void Session::handleAttach(const QJsonObject &json)
{
    const QString buildId = json.value(QLatin1String("build_id")).toString();
    if (!isValidBuildId(buildId)) {
        sendError(ErrorCode::InvalidRequest, QStringLiteral("\"build_id\" is not of the form bld_<uuid>"));
        return;
    }
    if (hasActiveBuild()) {
        sendError(ErrorCode::NotReady, QStringLiteral("a build is already running on this connection; attach on another connection"));
        return;
    }
    BuildStream *stream = m_context.registry ? m_context.registry->stream(buildId) : nullptr;
    // Another identity's build gets exactly the answer of an unknown one.
    if (!stream || !m_identity.mayAccess(m_context.registry->owner(buildId))) {
        sendError(ErrorCode::UnknownId, QStringLiteral("no build %1 to attach to (unknown to this server run, or finished more than %2 minutes ago)")
                                            .arg(buildId).arg(BuildRegistry::keepAfterFinishMs() / 60000));
        return;
    }
    if (stream->attachedSession() && stream->attachedSession() != this) {
        sendError(ErrorCode::NotReady, QStringLiteral("build %1 is still attached to another connection").arg(buildId));
        return;
    }
    const qint64 afterSeq = qMax<qint64>(0, qint64(json.value(QLatin1String("after_seq")).toDouble()));
    BuildJob *job = m_context.registry->runningJob(buildId);
    const qint64 lost = qMax<qint64>(0, stream->firstBufferedSeq() - (afterSeq + 1));
    sendEvent(QJsonObject{{QStringLiteral("type"), PT::Attached}, {QStringLiteral("build_id"), buildId},
                          {QStringLiteral("running"), job != nullptr}, {QStringLiteral("last_seq"), stream->lastSeq()},
                          {QStringLiteral("lost"), lost}});
    qCInfo(lcSession).noquote() << "attach to" << buildId << "after event" << afterSeq << (lost > 0 ? QStringLiteral("(%1 events lost)").arg(lost) : QString());
    if (job) {
        if (m_job && m_jobFinished)
            m_job->deleteLater();
        m_context.registry->adopt(job, this);
        watchJob(job);
    }
    stream->attach(this, afterSeq);
    if (job)
        job->sinkDrained();
}

void Session::handleCacheClear(const QJsonObject &json)
{
    const Result<CacheClearRequest> request = CacheClearRequest::fromJson(json);
    if (!request) {
        sendError(request.errorCode(), request.errorString());
        return;
    }
    const CacheClearRequest::Scope scope = request->scope;
    if (scope == CacheClearRequest::Scope::All && !requireAdmin(QStringLiteral("clearing the whole build cache")))
        return;
    if (scope == CacheClearRequest::Scope::OldToolchains && !requireAdmin(QStringLiteral("clearing the entries of old toolchains")))
        return;
    qint64 bytes = 0;
    const Result<int> removed = m_context.cache ? m_context.cache->clear(request.value(), m_identity, &bytes) : Result<int>(0);
    if (!removed) {
        sendError(removed.errorCode(), removed.errorString());
        return;
    }
    qCInfo(lcSession) << "cache_clear removed" << removed.value() << "entries," << bytes << "bytes";
    sendEvent(QJsonObject{{QStringLiteral("type"), PT::CacheCleared}, {QStringLiteral("removed"), removed.value()},
                          {QStringLiteral("bytes"), bytes}});
}

void Session::handleFetchArtifacts(const QJsonObject &json)
{
    const QString buildId = json.value(QLatin1String("build_id")).toString();
    if (!isValidBuildId(buildId)) {
        sendError(ErrorCode::InvalidRequest, QStringLiteral("\"build_id\" is not of the form bld_<uuid>"));
        return;
    }
    if (m_artifactFile) {
        sendError(ErrorCode::NotReady, QStringLiteral("an artifact download is already in progress"));
        return;
    }
    auto file = std::make_unique<QFile>(m_context.store.artifactsPath(buildId) + QLatin1String("/artifacts.zip"));
    // Another identity's artifacts get exactly the answer of missing ones.
    // (The registry knows the owner of a build that has just ended before its file is written.)
    const QString running = m_context.registry ? m_context.registry->owner(buildId) : QString();
    const QString owner = running.isEmpty() ? m_context.store.artifactsOwner(buildId) : running;
    if (!m_identity.mayAccess(owner) || !file->open(QIODevice::ReadOnly)) {
        sendError(ErrorCode::UnknownId, QStringLiteral("no artifacts for build %1 (never produced, or expired)").arg(buildId));
        return;
    }
    startDownload(std::move(file), PT::ArtifactsBegin, PT::ArtifactsEnd, QStringLiteral("build_id"), buildId);
}

void Session::startDownload(std::unique_ptr<QFile> file, const QString &beginType, const QString &endType, const QString &idField,
                            const QString &id)
{
    sendEvent(QJsonObject{{QStringLiteral("type"), beginType}, {idField, id}, {QStringLiteral("bytes"), file->size()}});
    m_artifactFile = std::move(file);
    m_downloadEndType = endType;
    m_downloadIdField = idField;
    m_artifactBuildId = id;
    m_artifactSent = 0;
    sendArtifactChunks();
}

void Session::handleCacheExport(const QJsonObject &json)
{
    const QString key = json.value(QLatin1String("key")).toString();
    static const QRegularExpression hex(QStringLiteral("^[0-9a-f]{32}$"));
    if (!hex.match(key).hasMatch()) {
        sendError(ErrorCode::InvalidRequest, QStringLiteral("\"key\" is not a cache key (32 hex digits): %1").arg(key.left(64)));
        return;
    }
    if (!m_context.cache || !m_context.cache->enabled()) {
        sendError(ErrorCode::InvalidRequest, QStringLiteral("the build cache is disabled on this server"));
        return;
    }
    if (m_artifactFile || m_exportPending) {
        sendError(ErrorCode::NotReady, QStringLiteral("a download is already in progress on this connection"));
        return;
    }
    m_exportPending = true;
    m_context.cache->exportEntry(key, m_identity, this, [this, key](Result<QString> bundle) {
        m_exportPending = false;
        if (!bundle) {
            sendError(bundle.errorCode(), bundle.errorString());
            return;
        }
        auto file = std::make_unique<QFile>(bundle.value());
        const bool opened = file->open(QIODevice::ReadOnly);
        QFile::remove(bundle.value()); // the open file stays readable; nothing is left behind
        if (!opened || m_state == State::Closed) {
            if (!opened)
                sendError(ErrorCode::IoError, QStringLiteral("cannot read the export of %1").arg(key));
            return;
        }
        startDownload(std::move(file), PT::CacheExportBegin, PT::CacheExportEnd, QStringLiteral("key"), key);
    });
}

void Session::handleCacheImport(const QJsonObject &json)
{
    const qint64 bytes = qint64(json.value(QLatin1String("bytes")).toDouble(-1));
    const qint64 limit = m_context.config.limits.maxUploadBytes;
    // An imported recording replays as if this server had built it: only admins vouch for that.
    if (!requireAdmin(QStringLiteral("importing into the build cache")))
        return;
    if (!m_context.cache || !m_context.cache->enabled()) {
        sendError(ErrorCode::InvalidRequest, QStringLiteral("the build cache is disabled on this server"));
        return;
    }
    if (m_importFile || m_importChecking || hasActiveBuild()) {
        sendError(ErrorCode::NotReady, QStringLiteral("an import or a build is already in progress on this connection"));
        return;
    }
    if (bytes <= 0 || bytes > limit) {
        sendError(ErrorCode::LimitExceeded, QStringLiteral("a cache import must announce its size: 1 to %1 bytes ([limits] max_upload_bytes), got %2")
                                                .arg(limit).arg(bytes));
        return;
    }
    m_importFile = std::make_unique<QFile>(m_context.cache->directory() + QLatin1String("/tmp/upload-")
                                           + QUuid::createUuid().toString(QUuid::Id128) + QLatin1String(".tar"));
    if (!m_importFile->open(QIODevice::WriteOnly)) {
        sendError(ErrorCode::IoError, QStringLiteral("cannot store the import: %1").arg(m_importFile->errorString()));
        m_importFile.reset();
        return;
    }
    m_importExpected = bytes;
    m_importReceived = 0;
    sendEvent(QJsonObject{{QStringLiteral("type"), PT::CacheImportReady}});
}

void Session::abortImport()
{
    if (!m_importFile)
        return;
    m_importFile->remove();
    m_importFile.reset();
}

void Session::handleCacheImportEnd(const QJsonObject &json)
{
    if (!m_importFile) {
        sendError(ErrorCode::NotReady, QStringLiteral("\"cache_import_end\" without \"cache_import\""));
        return;
    }
    const qint64 bytes = qint64(json.value(QLatin1String("bytes")).toDouble(-1));
    if (bytes != m_importReceived || bytes != m_importExpected || !m_importFile->flush()) {
        sendError(ErrorCode::UploadIncomplete, QStringLiteral("the import announced %1 bytes, %2 arrived").arg(m_importExpected).arg(m_importReceived));
        abortImport();
        return;
    }
    const QString path = m_importFile->fileName();
    m_importFile->close();
    m_importFile.reset();
    m_importChecking = true;
    // An uncompressed tar does not unpack to more than its own size; a header that claims
    // more is cut off (upload_incomplete) or lies, and the limit stops it either way.
    m_context.cache->importBundle(path, m_context.config.limits.maxUploadBytes, m_identity.name, this, [this](Result<CacheEntry> imported) {
        m_importChecking = false;
        if (!imported) {
            sendError(imported.errorCode(), imported.errorString());
            return;
        }
        sendEvent(QJsonObject{{QStringLiteral("type"), PT::CacheImported},
                              {QStringLiteral("key"), imported->key},
                              {QStringLiteral("outcome"), imported->outcome},
                              {QStringLiteral("command"), imported->command},
                              {QStringLiteral("bytes"), imported->bytes}});
    });
}

void Session::sendArtifactChunks()
{
    while (m_artifactFile && m_pending < s_artifactWindow && m_state != State::Closed) {
        const QByteArray chunk = m_artifactFile->read(s_artifactChunk);
        if (chunk.isEmpty()) {
            const bool complete = m_artifactFile->atEnd();
            sendEvent(QJsonObject{{QStringLiteral("type"), m_downloadEndType}, {m_downloadIdField, m_artifactBuildId},
                                  {QStringLiteral("bytes"), m_artifactSent}});
            if (!complete)
                sendError(ErrorCode::ArtifactsFailed, QStringLiteral("reading the artifacts failed: %1").arg(m_artifactFile->errorString()));
            m_artifactFile.reset();
            return;
        }
        m_pending += m_socket->sendBinaryMessage(chunk);
        m_artifactSent += chunk.size();
    }
}

void Session::onBinary(const QByteArray &data)
{
    if (m_state == State::AwaitingHello) {
        sendError(ErrorCode::NotReady, QStringLiteral("the first message must be \"hello\""), true);
        return;
    }
    if (m_state == State::Ready && m_importFile) {
        m_importReceived += data.size();
        if (m_importReceived > m_importExpected) {
            sendError(ErrorCode::LimitExceeded, QStringLiteral("the import sends more than the %1 bytes it announced").arg(m_importExpected));
            abortImport();
            return;
        }
        if (m_importFile->write(data) != data.size()) {
            sendError(ErrorCode::IoError, QStringLiteral("cannot store the import: %1").arg(m_importFile->errorString()));
            abortImport();
        }
        return;
    }
    if (m_state != State::Ready || !hasActiveBuild()) {
        sendError(ErrorCode::NotReady, QStringLiteral("binary data is only accepted during an upload"));
        return;
    }
    m_job->receiveUploadBytes(data);
}

void Session::checkHeartbeat()
{
    if (m_disconnectHandled)
        return;
    const qint64 silentMs = m_sinceHeard.elapsed();
    if (silentMs >= m_context.config.server.heartbeatTimeoutSec * 1000) {
        qCWarning(lcSession).noquote() << "client" << m_socket->peerAddress().toString() + QLatin1Char(':') + QString::number(m_socket->peerPort())
                                       << "stopped answering: nothing received for" << silentMs / 1000
                                       << "s ([server] heartbeat_timeout_sec" << m_context.config.server.heartbeatTimeoutSec
                                       << "s); treating it as disconnected";
        m_heartbeat->stop();
        m_socket->abort();
        onDisconnected();
        return;
    }
    m_socket->ping();
}

void Session::onDisconnected()
{
    // After a heartbeat timeout abort() may report the disconnect once more.
    if (m_disconnectHandled)
        return;
    m_disconnectHandled = true;
    if (m_heartbeat)
        m_heartbeat->stop();
    qCInfo(lcSession) << "disconnected:" << m_socket->closeCode() << m_socket->closeReason();
    m_state = State::Closed;
    m_artifactFile.reset();
    abortImport();
    if (hasActiveBuild()) {
        const BuildJob::State state = m_job->state();
        // Without a client an upload cannot go on; once the sources are in, the build can.
        const bool detachable = state == BuildJob::State::Syncing || state == BuildJob::State::Running
            || state == BuildJob::State::CollectingArtifacts;
        if (m_context.registry && m_context.config.build.disconnectPolicy == QLatin1String("detach") && detachable) {
            BuildJob *job = m_job;
            disconnect(job, &BuildJob::finished, this, nullptr);
            --m_unfinishedJobs;
            m_job = nullptr;
            m_jobFinished = false;
            m_context.registry->detach(job);
        } else {
            m_job->cancel(QStringLiteral("client disconnected"));
        }
    }
    closeWhenIdle();
}

void Session::shutdown()
{
    m_closing = true;
    if (hasActiveBuild()) {
        m_job->cancel(QStringLiteral("server shutting down"));
        return;
    }
    closeWhenIdle();
}

void Session::closeWhenIdle()
{
    // Deleting the session deletes its jobs: wait until they have finished for good, or a
    // client that disconnects right after "exit" would cut the workspace bookkeeping short.
    if (hasActiveBuild() || m_unfinishedJobs > 0 || m_closeStarted)
        return;
    m_closeStarted = true;
    if (m_state == State::Closed) {
        deleteLater();
        return;
    }
    // We close: wait for the close handshake so queued events (the exit event) reach the
    // client, but not forever.
    m_state = State::Closed;
    connect(m_socket, &QWebSocket::disconnected, this, &QObject::deleteLater);
    QTimer::singleShot(3000, this, &QObject::deleteLater);
    m_socket->close(QWebSocketProtocol::CloseCodeGoingAway, QStringLiteral("server shutting down"));
}

} // namespace BuildService
