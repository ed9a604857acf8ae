// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: GPL-2.0-or-later

// BuildJob: the life of one build on the server.
#include "buildjob.h"

#include "artifacts/artifactcollector.h"
#include "archive/entrypolicy.h"
#include "build/uploadpipeline.h"
#include "runner/runningbuilds.h"
#include "runner/stdinfeeder.h"
#include "runner/sandbox.h"
#include "cache/buildcache.h"
#include "cache/cachedbuild.h"
#include "cache/cachekey.h"
#include "cache/environmentstamp.h"
#include "sync/treestat.h"
#include "workspace/workspacelocks.h"
#include "workspace/trashbin.h"
#include "workspace/workspacestore.h"
#include "core/atomicfile.h"
#include "core/treeremover.h"

#include <QDir>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QLoggingCategory>
#include <QUuid>
#include <QtConcurrent>

Q_LOGGING_CATEGORY(lcBuild, "buildservice.server.build")

namespace BuildService {

namespace {
// Output back-pressure: stop reading the build's pipes above the high mark of undelivered
// bytes, resume below the low mark. Keeps server memory flat for any amount of output.
constexpr qint64 s_outputHighWater = 4 << 20;
constexpr qint64 s_outputLowWater = 1 << 20;

IntakeLimits intakeLimits(const ServerConfig &config)
{
    IntakeLimits limits;
    // Our protocol requires the tar end marker, so an upload cut between two entries is
    // detected instead of silently deleting the files that never arrived.
    limits.requireEndMarker = true;
    limits.maxEntries = config.limits.maxEntries;
    limits.maxTotalBytes = config.limits.maxUploadBytes;
    limits.maxFileBytes = config.limits.maxFileBytes;
    limits.maxCompressionRatio = config.limits.maxCompressionRatio;
    limits.compressionAllowanceBytes = config.limits.compressionAllowanceBytes;
    limits.nameTwins = config.limits.nameTwins == QLatin1String("refuse") ? IntakeLimits::NameTwins::Refuse
                                                                          : IntakeLimits::NameTwins::Warn;
    limits.maxPathLength = config.limits.maxPathLength;
    return limits;
}
} // namespace

BuildJob::BuildJob(const BuildContext &context, BuildRequest request, EventSink *sink, QObject *parent)
    : QObject(parent)
    , m_context(context)
    , m_request(std::move(request))
    , m_sink(sink)
    , m_clientSink(sink)
    , m_buildId(QLatin1String("bld_") + QUuid::createUuid().toString(QUuid::WithoutBraces))
{
}

BuildJob::~BuildJob()
{
    if (m_pipeline)
        m_pipeline->abort();
    m_stdin.reset();
    m_process.reset();
    releaseWorkspace();
}

bool BuildJob::temporary() const
{
    return m_context.config.build.workspaceTtlSec == 0;
}

QString BuildJob::workDir() const
{
    return temporary() ? m_context.store.temporaryBuildPath(m_buildId) : m_context.store.workspacePath(m_workspaceId);
}

QString BuildJob::shownPath() const
{
    if (!sandboxed() || m_context.sandbox->workspacePath.isEmpty())
        return workDir();
    if (m_context.sandbox->workspacePath == Sandbox::ClientMode)
        return m_clientPath;
    return m_context.sandbox->workspacePath;
}

QString BuildJob::realPath() const
{
    // A path of the sandbox's own has no symlinks to resolve (and need not exist here).
    return keyPath().isEmpty() ? QFileInfo(workDir()).canonicalFilePath() : shownPath();
}

QString BuildJob::keyPath() const
{
    // The workspace's own path is relocated by the cache; any other shown path stays in the
    // outputs, so only builds that saw the same one may share a recording.
    return sandboxed() && !m_context.sandbox->workspacePath.isEmpty() ? shownPath() : QString();
}

void BuildJob::choosePathFromClient()
{
    if (!sandboxed() || m_context.sandbox->workspacePath != Sandbox::ClientMode)
        return;
    const QString path = m_request.checkoutPath;
    const Result<void> usable = path.isEmpty()
        ? Result<void>(makeError(ErrorCode::InvalidRequest, QStringLiteral("the client did not send its checkout path (\"checkout_path\")")))
        : Sandbox::checkWorkspacePath(path);
    if (usable) {
        m_clientPath = path;
        return;
    }
    m_clientPath = Sandbox::FallbackWorkspacePath;
    const QString text = QStringLiteral("the build cannot see its workspace at the checkout's path: %1; it runs in %2 instead")
                             .arg(usable.errorString(), m_clientPath);
    qCInfo(lcBuild).noquote() << m_buildId << "warning:" << text;
    m_syncWarnings.append(SyncWarning{QStringLiteral("checkout_path"), text, {}});
}

void BuildJob::start()
{
    m_sinceRequest.start();
    qCInfo(lcBuild) << m_buildId << "requested:" << m_request.command << "workspace" << m_request.workspaceId << "by" << m_identity.name
                    << "client" << m_client;
    choosePathFromClient();
    if (temporary()) {
        if (!QDir().mkpath(workDir())) {
            fail(makeError(ErrorCode::IoError, QStringLiteral("cannot create the build directory %1").arg(workDir())));
            return;
        }
        m_reason = QStringLiteral("temporary");
        beginUpload();
        return;
    }
    acquireWorkspace();
}

void BuildJob::acquireWorkspace()
{
    WorkspaceStore &store = m_context.store;
    WorkspaceLocks &locks = m_context.locks;
    const QString requested = m_request.workspaceId;

    // Another identity's workspace is treated exactly like an unknown id: a new workspace,
    // reason "unknown", so nobody learns that the id exists.
    if (!requested.isEmpty() && !m_identity.mayAccess(store.owner(requested))) {
        qCInfo(lcBuild) << m_buildId << ":" << m_identity.name << "may not use workspace" << requested << "- treated as unknown";
        m_reason = QStringLiteral("unknown");
    } else if (!requested.isEmpty()) {
        const auto lookup = store.lookup(requested);
        // A workspace that is in use is alive even if its idle time says otherwise.
        const bool live = lookup == WorkspaceStore::Lookup::Live || locks.isBusy(requested);
        if (live) {
            if (locks.tryAcquire(requested)) {
                m_holdsLock = true;
                m_workspaceId = requested;
                m_reused = true;
                beginUpload();
                return;
            }
            if (m_context.config.build.concurrentBuilds == ServerConfig::ConcurrentBuilds::Reject) {
                fail(makeError(ErrorCode::WorkspaceBusy,
                               QStringLiteral("workspace %1 is busy with another build; retry when it has finished "
                                              "(the server is configured with [build] concurrent_builds = \"reject\")")
                                   .arg(requested)));
                return;
            }
            const int position = locks.enqueue(requested, this, [this, requested] {
                m_holdsLock = true;
                if (m_context.store.lookup(requested) == WorkspaceStore::Lookup::Unknown) {
                    // Removed while we waited (e.g. by an admin): start over with a new one.
                    m_context.locks.release(requested);
                    m_holdsLock = false;
                    m_request.workspaceId.clear();
                    m_reason = QStringLiteral("unknown");
                    acquireWorkspace();
                    return;
                }
                m_workspaceId = requested;
                m_reused = true;
                beginUpload();
            });
            m_sink->sendEvent(QJsonObject{{QStringLiteral("type"), Protocol::Type::Queued},
                                          {QStringLiteral("build_id"), m_buildId},
                                          {QStringLiteral("workspace_id"), requested},
                                          {QStringLiteral("position"), position}});
            return;
        }
        if (lookup == WorkspaceStore::Lookup::Expired) {
            qCInfo(lcBuild) << "workspace" << requested << "expired; creating a new one";
            const Result<void> removed = store.remove(requested);
            if (!removed)
                qCWarning(lcBuild) << "could not remove expired workspace" << requested << removed.errorString();
            m_reason = QStringLiteral("expired");
        } else {
            m_reason = QStringLiteral("unknown");
        }
    } else if (m_reason.isEmpty()) {
        m_reason = QStringLiteral("requested");
    }

    // A mkdir and a few metadata writes: they can wait long for a busy disk, so not on the
    // event loop. The watcher belongs to the long-lived locks object so that a workspace made
    // for a job that ended meanwhile is still found and removed again.
    auto *watcher = new QFutureWatcher<Result<QString>>(&locks);
    connect(watcher, &QFutureWatcherBase::finished, &locks, [watcher, self = QPointer<BuildJob>(this), &store] {
        watcher->deleteLater();
        const Result<QString> created = watcher->result();
        if (created)
            store.adoptCreated(created.value());
        if (!self || self->m_state != State::WaitingForWorkspace) {
            if (created) {
                if (const Result<void> removed = store.remove(created.value()); !removed)
                    qCWarning(lcBuild).noquote() << "cannot remove the unused workspace" << created.value() << ":" << removed.errorString();
            }
            return;
        }
        if (!created) {
            self->fail(created.error());
            return;
        }
        self->m_workspaceId = created.value();
        self->m_holdsLock = self->m_context.locks.tryAcquire(self->m_workspaceId);
        Q_ASSERT(self->m_holdsLock);
        self->beginUpload();
    });
    watcher->setFuture(store.createInBackground(m_identity.name));
}

void BuildJob::beginUpload()
{
    WorkspaceStore &store = m_context.store;
    if (m_reused) {
        if (store.isDirty(m_workspaceId)) {
            // An earlier sync did not complete: never build on a half-synced tree.
            qCInfo(lcBuild) << "workspace" << m_workspaceId << "is dirty; re-extracting it";
            const Result<void> cleared = store.clearContents(m_workspaceId);
            if (!cleared) {
                fail(cleared.error());
                return;
            }
            m_reason = QStringLiteral("dirty");
        } else {
            Result<Manifest> previous = store.manifest(m_workspaceId);
            if (previous) {
                m_previous = std::move(previous).value();
            } else {
                qCWarning(lcBuild) << "unreadable manifest of" << m_workspaceId << previous.errorString() << "- re-extracting";
                const Result<void> cleared = store.clearContents(m_workspaceId);
                if (!cleared) {
                    fail(cleared.error());
                    return;
                }
                m_reason = QStringLiteral("dirty");
            }
        }
    }

    const QString staging = store.stagingPath(m_buildId);
    if (!QDir().mkpath(staging)) {
        fail(makeError(ErrorCode::IoError, QStringLiteral("cannot create the staging directory %1").arg(staging)));
        return;
    }
    const bool zstd = m_request.upload.format == Protocol::FormatTarZstd;
    m_pipeline = std::make_unique<UploadPipeline>(staging, intakeLimits(m_context.config), zstd);
    connect(m_pipeline.get(), &UploadPipeline::consumed, this, [this](qint64 bytes) {
        m_bytesConsumed += bytes;
        m_sink->sendEvent(QJsonObject{{QStringLiteral("type"), Protocol::Type::UploadAck},
                                      {QStringLiteral("bytes"), m_bytesConsumed}});
    });
    connect(m_pipeline.get(), &UploadPipeline::nameTwinsFound, this, [this](const QList<QStringList> &twins, const QString &text) {
        qCInfo(lcBuild).noquote() << m_buildId << "warning:" << text;
        m_syncWarnings.append(SyncWarning{QStringLiteral("name_twins"), text, twins});
    });
    connect(m_pipeline.get(), &UploadPipeline::validated, this, &BuildJob::onValidated);
    connect(m_pipeline.get(), &UploadPipeline::synced, this, &BuildJob::onSynced);
    connect(m_pipeline.get(), &UploadPipeline::failed, this, &BuildJob::fail);

    AcceptedMessage accepted;
    accepted.buildId = m_buildId;
    accepted.workspaceId = m_workspaceId;
    accepted.workspace = temporary() ? QStringLiteral("temporary") : (m_reused && m_reason != QLatin1String("dirty") ? QStringLiteral("reused") : QStringLiteral("new"));
    accepted.reason = m_reused && m_reason.isEmpty() ? QString() : m_reason;
    accepted.manifest = m_previous.isEmpty() ? QString() : m_previous.digest();
    // A delta is only safe against the exact tree the client believes we hold; anything the
    // workspace lost or that was edited in place since the last sync is asked for explicitly.
    if (m_request.upload.mode == QLatin1String("delta") && !m_previous.isEmpty() && accepted.manifest == m_request.upload.base) {
        m_plan.delta = true;
        accepted.uploadMode = QStringLiteral("delta");
        // One lstat per entry costs tens of milliseconds on a big tree: not on the event loop.
        // The lock is held meanwhile, so the workspace cannot change under the check.
        auto *watcher = new QFutureWatcher<QStringList>(this);
        connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, accepted]() mutable {
            watcher->deleteLater();
            if (m_state != State::WaitingForWorkspace)
                return; // cancelled or failed meanwhile
            m_plan.need = watcher->result();
            accepted.need = m_plan.need;
            sendAccepted(accepted);
        });
        watcher->setFuture(QtConcurrent::run([dir = workDir(), previous = m_previous] { return TreeStat::changed(dir, previous); }));
        return;
    }
    sendAccepted(accepted);
}

void BuildJob::sendAccepted(const AcceptedMessage &accepted)
{
    m_state = State::Uploading;
    m_sink->sendEvent(accepted.toJson());
}

void BuildJob::receiveUploadBytes(const QByteArray &bytes)
{
    if (m_state != State::Uploading || m_uploadEnded) {
        fail(makeError(ErrorCode::NotReady, QStringLiteral("binary data is only accepted between \"accepted\" and \"upload_end\"")));
        return;
    }
    m_bytesReceived += bytes.size();
    // A client that ignores upload_ack would make us queue unbounded memory.
    const qint64 window = m_context.config.server.uploadWindowBytes;
    if (m_bytesReceived - m_bytesConsumed > 2 * window + m_context.config.server.maxMessageBytes) {
        fail(makeError(ErrorCode::LimitExceeded,
                       QStringLiteral("the client sent %1 bytes beyond the acknowledged ones; the upload window is %2 bytes")
                           .arg(m_bytesReceived - m_bytesConsumed).arg(window)));
        return;
    }
    m_pipeline->feed(bytes);
}

void BuildJob::receiveUploadEnd(const UploadEnd &end)
{
    if (m_state != State::Uploading || m_uploadEnded) {
        fail(makeError(ErrorCode::NotReady, QStringLiteral("\"upload_end\" is only accepted while uploading")));
        return;
    }
    m_uploadEnded = true;
    if (!end.removed.isEmpty() && !m_plan.delta) {
        fail(makeError(ErrorCode::InvalidRequest, QStringLiteral("\"removed\" is only valid in a delta upload")));
        return;
    }
    for (const QString &path : end.removed) {
        const Result<QString> valid = EntryPolicy::validateEntryPath(path, int(m_context.config.limits.maxPathLength));
        if (!valid) {
            fail(makeError(ErrorCode::ArchiveRejected, valid.errorString()));
            return;
        }
    }
    m_plan.removed = end.removed;
    if (end.bytes != m_bytesReceived) {
        fail(makeError(ErrorCode::UploadIncomplete,
                       QStringLiteral("upload_end announces %1 bytes but %2 arrived").arg(end.bytes).arg(m_bytesReceived)));
        return;
    }
    m_state = State::Syncing;
    m_syncTimer.start();
    // The metadata a sync ends with is written by the pipeline's worker, not on the event loop.
    if (!temporary())
        m_plan.persist = m_context.store.syncPersister(m_workspaceId);
    m_pipeline->finish(workDir(), m_previous, m_plan);
}

void BuildJob::onValidated()
{
    if (temporary())
        return;
    const Result<void> dirty = m_context.store.setDirty(m_workspaceId, true);
    if (!dirty)
        qCWarning(lcBuild) << "cannot mark" << m_workspaceId << "dirty:" << dirty.errorString();
}

void BuildJob::onSynced(const Manifest &manifest, const SyncStats &stats, bool changed)
{
    WorkspaceStore &store = m_context.store;
    if (!temporary() && changed) {
        // Manifest, state and last-used were written by the pipeline's worker (Plan::persist).
        store.syncPersisted(m_workspaceId, manifest);
    } else if (!temporary()) {
        const Result<void> touched = store.touch(m_workspaceId);
        if (!touched)
            qCWarning(lcBuild) << "cannot update last-used of" << m_workspaceId << touched.errorString();
    }
    discardStaging();
    m_pipeline.reset();

    SyncedMessage synced;
    synced.written = stats.written;
    synced.unchanged = stats.unchanged;
    synced.deleted = stats.deleted;
    synced.bytes = stats.bytes;
    synced.durationMs = m_syncTimer.elapsed();
    synced.manifest = manifest.digest();
    synced.warnings = m_syncWarnings;
    m_sink->sendEvent(synced.toJson());
    qCInfo(lcBuild) << m_buildId << "synced:" << stats.written << "written," << stats.unchanged << "unchanged,"
                    << stats.deleted << "deleted in" << synced.durationMs << "ms";
    if (m_cancelled) {
        fail(makeError(ErrorCode::Cancelled, QStringLiteral("the build was cancelled before it started")));
        return;
    }
    prepareCache(manifest);
}

bool BuildJob::tracksState() const
{
    return m_context.cache && m_context.cache->enabled();
}

QString BuildJob::statePath() const
{
    return temporary() ? QString() : m_context.store.outputsStatePath(m_workspaceId);
}

void BuildJob::prepareCache(const Manifest &manifest)
{
    if (!tracksState()) {
        // Nobody records what this build does: a state saved earlier would be stale once the
        // cache is enabled again.
        if (!temporary() && !QFile::remove(statePath()) && QFile::exists(statePath()))
            qCWarning(lcBuild) << "cannot remove the stale workspace state" << statePath();
        runOrReplay(manifest);
        return;
    }
    m_state = State::Running;
    m_sources = manifest;
    // A new, emptied or temporary workspace holds nothing but its sources; any other holds
    // what the last build left, as recorded after it (the sync then overwrote the sources).
    const bool clean = temporary() || !m_reused || m_reason == QLatin1String("dirty");
    struct Prepared {
        WorkspaceState prior;
        QString stamp;
        QString baseKey;  ///< empty when the toolchain fingerprint was not known yet
        QByteArray contentDigest;  ///< SHA-256 of the sources ([cache] share = "all")
    };
    auto *watcher = new QFutureWatcher<Prepared>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, manifest] {
        watcher->deleteLater();
        if (m_state != State::Running)
            return;
        if (m_cancelled) {
            fail(makeError(ErrorCode::Cancelled, QStringLiteral("the build was cancelled before it started")));
            return;
        }
        const Prepared prepared = watcher->result();
        m_prior = prepared.prior;
        m_environmentStamp = prepared.stamp;
        m_baseKey = prepared.baseKey;
        m_contentDigest = prepared.contentDigest;
        // Until the build has ended and its scan is saved, nobody knows the state: a crash in
        // between must leave "unknown", never the old state.
        if (!temporary() && !QFile::remove(statePath()) && QFile::exists(statePath())) {
            qCWarning(lcBuild) << "cannot remove" << statePath() << "before the build; not using the cache for it";
            m_prior = WorkspaceState::untracked(QStringLiteral("the saved state could not be invalidated"));
        }
        runOrReplay(manifest);
    });
    // Hashing the whole tree into the key grows with the tree: not on the event loop.
    const bool keyReady = m_context.cache->isReady();
    const bool strong = m_context.cache->strongKeys();
    // keyInputFor() wants the content digest, which is computed below: filled in there.
    CacheKeyInput keyInput = keyReady ? m_context.cache->keyInputFor(m_request, QString(), m_identity.name, QByteArray(strong ? 32 : 0, '\0'),
                                                                     keyPath())
                                      : CacheKeyInput();
    // What the build will see: its request's PATH or the default one, and (sandboxed) the
    // allow-listed variables and the sandbox's settings.
    const QString path = m_request.env.value(QStringLiteral("PATH"), m_context.cache->buildPath());
    const QByteArray environment = m_context.cache->buildEnvironment();
    watcher->setFuture(QtConcurrent::run([clean, file = statePath(), manifest, keyReady, keyInput, strong, dir = workDir(), path,
                                          environment]() mutable {
        Prepared prepared;
        bool keyKnown = keyReady;
        if (clean) {
            prepared.prior = WorkspaceState::clean();
        } else {
            Result<WorkspaceState> loaded = WorkspaceState::load(file);
            prepared.prior = loaded ? loaded->afterSync(manifest) : WorkspaceState::untracked(loaded.errorString());
        }
        if (strong) {
            // The manifest carries XXH3 hashes from the client; a shared cache needs a hash
            // nobody can collide, so the synced sources are read once more here.
            Result<QByteArray> digest = CacheKey::contentDigest(dir, manifest);
            if (digest) {
                prepared.contentDigest = digest.value();
            } else {
                prepared.prior = WorkspaceState::untracked(digest.errorString());
                keyKnown = false;
            }
        }
        prepared.stamp = EnvironmentStamp::compute(EnvironmentStamp::pathDirectories(path), {QStringLiteral("/var/lib/dpkg/status")},
                                                   environment);
        if (keyKnown) {
            keyInput.toolchainFingerprint += prepared.stamp; // keyInputFor() left the stamp out
            if (strong)
                keyInput.contentDigest = prepared.contentDigest;
            prepared.baseKey = CacheKey::compute(manifest, keyInput);
        }
        return prepared;
    }));
}

void BuildJob::runOrReplay(const Manifest &manifest)
{
    if (!m_context.cache) {
        runCommand();
        return;
    }
    m_state = State::Running;
    CachedBuild::Target target{m_buildId, m_workspaceId, workDir(),
                               m_context.store.artifactsPath(m_buildId) + QLatin1String("/artifacts.zip"), statePath(),
                               realPath(), m_identity.name, m_contentDigest, shownPath(), keyPath()};
    m_cached = std::make_unique<CachedBuild>(*m_context.cache, m_request, manifest, target, m_sink, m_prior, m_environmentStamp,
                                             m_baseKey);
    connect(m_cached.get(), &CachedBuild::runLive, this, [this] {
        // While the command runs, its events pass through the cache's recorder.
        m_sink = m_cached->liveSink();
        runCommand();
    });
    connect(m_cached.get(), &CachedBuild::replayed, this, [this] {
        m_outcome = QStringLiteral("replayed from the cache");
        finish();
    });
    connect(m_cached.get(), &CachedBuild::failed, this, &BuildJob::fail);
    m_cached->start();
}

bool BuildJob::sandboxed() const
{
    return m_context.sandbox && m_context.sandbox->enabled;
}

void BuildJob::runCommand()
{
    m_state = State::Running;
    m_process = std::make_unique<BuildProcess>();
    connect(m_process.get(), &BuildProcess::output, this, &BuildJob::onOutput);
    connect(m_process.get(), &BuildProcess::finished, this, &BuildJob::onProcessFinished);
    if (!sandboxed() || m_context.sandbox->uid < 0) {
        startProcess();
        return;
    }
    // The server (root) wrote the sources and replayed outputs; the build user must be able to
    // change them. One lchown per entry that is not yet its: not on the event loop.
    auto *watcher = new QFutureWatcher<Result<void>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher] {
        watcher->deleteLater();
        if (m_state != State::Running)
            return;
        const Result<void> given = watcher->result();
        if (m_cancelled) {
            fail(makeError(ErrorCode::Cancelled, QStringLiteral("the build was cancelled before it started")));
            return;
        }
        if (!given) {
            fail(given.error());
            return;
        }
        startProcess();
    });
    watcher->setFuture(QtConcurrent::run([dir = workDir(), uid = m_context.sandbox->uid, gid = m_context.sandbox->gid] {
        return Sandbox::giveTree(dir, uid, gid);
    }));
}

void BuildJob::startProcess()
{
    BuildProcessOptions options;
    if (sandboxed())
        options.sandbox = *m_context.sandbox;
    options.command = m_request.command;
    options.workingDirectory = workDir();
    if (shownPath() != workDir())
        options.sandboxWorkingDirectory = shownPath();
    options.env = m_request.env;
    options.env.insert(QStringLiteral("BUILD_SERVICE_BUILD_ID"), m_buildId);
    if (!m_workspaceId.isEmpty())
        options.env.insert(QStringLiteral("BUILD_SERVICE_WORKSPACE_ID"), m_workspaceId);
    const qint64 timeoutSec = m_request.timeoutSec > 0 ? m_request.timeoutSec : m_context.config.build.timeoutSec;
    options.timeoutMs = timeoutSec * 1000;
    options.maxOutputBytes = m_context.config.build.maxOutputBytes;
    options.killGraceMs = m_context.config.build.killGraceMs;
    options.nice = int(m_context.config.build.nice);
    // Large chunks under heavy output keep per-event overhead low; they do not add latency
    // because whatever the pipe holds is sent at once.
    options.chunkBytes = 256 * 1024;
    options.stdinPipe = m_request.stdinForwarded;
    if (m_request.terminal) {
        options.terminal = m_request.terminal->size;
        options.env.insert(QStringLiteral("TERM"),
                           m_request.terminal->term.isEmpty() ? QStringLiteral("xterm-256color") : m_request.terminal->term);
    }

    m_sink->sendEvent(StartedMessage{m_buildId, shownPath(), {}}.toJson());
    m_buildTimer.start();
    const Result<void> started = m_process->start(options);
    if (!started) {
        m_process.reset();
        fail(started.error());
        return;
    }
    if (m_context.running) {
        const Result<void> recorded = m_context.running->add(m_buildId, m_process->pid());
        if (!recorded)
            qCWarning(lcBuild) << recorded.errorString();
    }
    if (const int inputFd = m_process->takeInputFd(); inputFd >= 0) {
        m_stdin = std::make_unique<StdinFeeder>(inputFd, m_request.terminal.has_value());
        if (m_request.stdinForwarded) {
            connect(m_stdin.get(), &StdinFeeder::consumed, this, [this](qint64 total) {
                m_sink->sendEvent(QJsonObject{{QStringLiteral("type"), Protocol::Type::InputAck}, {QStringLiteral("bytes"), total}});
            });
            connect(m_stdin.get(), &StdinFeeder::readerGone, this, [this] {
                // The client stops sending; what it already sent counts as taken.
                m_sink->sendEvent(QJsonObject{{QStringLiteral("type"), Protocol::Type::InputAck},
                                              {QStringLiteral("bytes"), m_inputReceived}, {QStringLiteral("closed"), true}});
            });
        } else {
            // A terminal without forwarded input reads end-of-file, as /dev/null would give.
            m_stdin->finish();
        }
    }
}

Result<void> BuildJob::receiveInput(const InputMessage &input)
{
    if (!m_request.stdinForwarded)
        return makeError(ErrorCode::InvalidRequest, QStringLiteral("\"input\" for a build that did not ask for stdin (\"stdin\": true)"));
    if (m_inputEnded)
        return makeError(ErrorCode::InvalidRequest, QStringLiteral("\"input\" after the input was ended (\"eof\": true)"));
    m_inputEnded = input.eof;
    m_inputReceived += input.data.size();
    // Only while the command runs; after it ended, input still in flight is of no use.
    if (!m_stdin || m_stdin->isReaderGone())
        return {};
    if (m_inputReceived - m_stdin->written() > Protocol::DefaultInputWindowBytes) {
        const Error error = makeError(ErrorCode::LimitExceeded,
                                      QStringLiteral("the client sent more than %1 bytes of stdin the command had not read yet (input_window_bytes)")
                                          .arg(Protocol::DefaultInputWindowBytes));
        fail(error);
        return {};
    }
    m_stdin->write(input.data);
    if (input.eof)
        m_stdin->finish();
    return {};
}

void BuildJob::resizeTerminal(const WindowSize &size)
{
    if (!m_process || !m_process->isRunning() || !m_request.terminal)
        return;
    if (const Result<void> resized = m_process->setWindowSize(size); !resized)
        qCInfo(lcBuild) << m_buildId << "resize:" << resized.errorString();
}

void BuildJob::onOutput(OutputStream stream, const QByteArray &data)
{
    m_sink->sendEvent(OutputEvent{stream, data}.toJson());
    if (m_process && m_sink->pendingBytes() > s_outputHighWater)
        m_process->setOutputPaused(true);
}

void BuildJob::sinkDrained()
{
    if (m_process && m_sink->pendingBytes() < s_outputLowWater)
        m_process->setOutputPaused(false);
    if (m_cached)
        m_cached->sinkDrained();
}

void BuildJob::onProcessFinished(const BuildExit &exit)
{
    m_stdin.reset();
    if (m_context.running)
        m_context.running->remove(m_buildId);
    qCInfo(lcBuild) << m_buildId << "command finished: code" << exit.code << "signal" << exit.signal
                    << (exit.timedOut ? "timed out" : "") << (exit.cancelled ? "cancelled" : "");
    if (tracksState()) {
        scanWorkspace(exit);
        return;
    }
    afterCommand(exit);
}

void BuildJob::scanWorkspace(const BuildExit &exit)
{
    m_state = State::CollectingArtifacts;
    StateScanner::Options options;
    options.capture = m_cached && m_cached->wantsCapture(exit) ? &m_context.cache->blobs() : nullptr;
    options.maxCaptureBytes = m_context.cache->options().maxOutputBytes;
    options.maxEntries = m_context.cache->options().maxStateEntries;
    // The path the outputs name: files holding it are marked for relocation (a no-op when
    // every build sees the same path).
    options.workspacePath = QFile::encodeName(realPath());
    auto *watcher = new QFutureWatcher<StateScanner::Scan>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, exit] {
        watcher->deleteLater();
        m_scan = watcher->result();
        afterCommand(exit);
    });
    // The lock is held: nothing else touches the workspace while it is read.
    watcher->setFuture(QtConcurrent::run([dir = workDir(), sources = m_sources, prior = m_prior, options, file = statePath()]() mutable {
        options.previous = &prior;
        Result<StateScanner::Scan> scanned = StateScanner::scan(dir, sources, options);
        StateScanner::Scan scan;
        if (scanned) {
            scan = std::move(scanned).value();
        } else {
            qCWarning(lcBuild) << "cannot scan" << dir << ":" << scanned.errorString();
            scan.state = WorkspaceState::untracked(scanned.errorString());
            scan.captureProblem = scanned.errorString();
        }
        if (!file.isEmpty()) {
            const Result<void> saved = scan.state.save(file);
            if (!saved)
                qCWarning(lcBuild) << "cannot save the workspace state:" << saved.errorString();
        }
        return scan;
    }));
}

void BuildJob::afterCommand(const BuildExit &exit)
{
    if (m_request.artifacts.isEmpty() || exit.cancelled) {
        sendExit(exit, {}, 0);
        return;
    }
    collectArtifacts(exit);
}

void BuildJob::collectArtifacts(const BuildExit &exit)
{
    m_state = State::CollectingArtifacts;
    const QString zipPath = m_context.store.artifactsPath(m_buildId) + QLatin1String("/artifacts.zip");
    auto *watcher = new QFutureWatcher<Result<ArtifactResult>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, exit] {
        watcher->deleteLater();
        const Result<ArtifactResult> result = watcher->result();
        if (!result) {
            m_sink->sendEvent(errorMessage(result.error(), m_buildId));
            sendExit(exit, {}, 0);
            return;
        }
        sendExit(exit, result->files, result->zipBytes);
    });
    // The owner is written with the zip, before the exit event names it: artifacts without
    // an owner are for admins only.
    watcher->setFuture(QtConcurrent::run([dir = workDir(), globs = m_request.artifacts, zipPath,
                                          max = m_context.config.artifacts.maxBytes, owner = m_identity.name] {
        Result<ArtifactResult> result = ArtifactCollector::collect(dir, globs, zipPath, max);
        if (result && QFileInfo::exists(zipPath)) {
            if (const Result<void> owned = AtomicFile::write(QFileInfo(zipPath).path() + QLatin1String("/owner"), owner.toUtf8()); !owned)
                return Result<ArtifactResult>(owned.error());
        }
        return result;
    }));
}

void BuildJob::sendExit(const BuildExit &exit, const QList<ArtifactFile> &files, qint64 zipBytes)
{
    ExitEvent event;
    event.code = exit.code;
    event.signal = exit.signal;
    event.workspaceId = m_workspaceId;
    event.buildId = m_buildId;
    event.durationMs = exit.durationMs;
    event.timedOut = exit.timedOut;
    event.cancelled = exit.cancelled || m_cancelled;
    event.outputTruncated = exit.outputTruncated;
    event.artifacts = files;
    event.artifactsBytes = zipBytes;
    if (event.cancelled)
        m_outcome = QStringLiteral("cancelled");
    else if (event.timedOut)
        m_outcome = QStringLiteral("timed out");
    else if (exit.signal != 0)
        m_outcome = QStringLiteral("killed by signal %1").arg(exit.signal);
    else
        m_outcome = QStringLiteral("exit code %1").arg(exit.code);
    if (!m_cached) {
        m_sink->sendEvent(event.toJson());
        finish();
        return;
    }
    // The recording is finished (and a --verify compared) before the client hears the end.
    m_cached->completeLive(event, m_scan ? *m_scan : StateScanner::Scan(), [this, event](const CacheInfo &info) {
        ExitEvent withCache = event;
        withCache.cache = info;
        m_sink->sendEvent(withCache.toJson());
        finish();
    });
}

void BuildJob::fail(const Error &error)
{
    if (m_state == State::Finished)
        return;
    qCInfo(lcBuild) << m_buildId << "failed:" << errorCodeName(error.code) << error.message;
    m_outcome = QStringLiteral("error ") + errorCodeName(error.code);
    m_sink->sendEvent(errorMessage(error, m_buildId));
    if (m_process && m_process->isRunning()) {
        // The exit of the command ends the job; do not leave it running.
        disconnect(m_process.get(), &BuildProcess::finished, this, &BuildJob::onProcessFinished);
        connect(m_process.get(), &BuildProcess::finished, this, &BuildJob::finish);
        m_process->cancel();
        return;
    }
    finish();
}

void BuildJob::cancel(const QString &reason)
{
    if (m_state == State::Finished || m_cancelled)
        return;
    m_cancelled = true;
    qCInfo(lcBuild) << m_buildId << "cancel requested:" << reason;
    switch (m_state) {
    case State::WaitingForWorkspace:
    case State::Uploading:
        m_context.locks.cancelWaiting(this);
        fail(makeError(ErrorCode::Cancelled, QStringLiteral("the build was cancelled (%1)").arg(reason)));
        break;
    case State::Syncing:
        // The sync finishes on its own (it must not be torn apart); onSynced() then stops.
        break;
    case State::Running:
        if (m_process)
            m_process->cancel();
        else if (m_cached)
            m_cached->cancel(); // waiting for an identical build, or replaying
        break;
    case State::CollectingArtifacts:
    case State::Finished:
        break;
    }
}

void BuildJob::releaseCache()
{
    if (!m_cached)
        return;
    // Whatever the cache still waits for (an identical build, a replay step) must not bring
    // this job back to life; deleting it also gives up a claim an unfinished live build held.
    disconnect(m_cached.get(), nullptr, this, nullptr);
    m_sink = m_clientSink;
    m_cached.release()->deleteLater();
}

void BuildJob::finish()
{
    if (m_state == State::Finished)
        return;
    m_state = State::Finished;
    // A replay linked a recorded zip into place; the session knew the owner from the registry
    // until now, the file keeps it for later fetches.
    const QString zip = m_context.store.artifactsPath(m_buildId) + QLatin1String("/artifacts.zip");
    if (QFileInfo::exists(zip) && m_context.store.artifactsOwner(m_buildId).isEmpty()) {
        if (const Result<void> owned = m_context.store.setArtifactsOwner(m_buildId, m_identity.name); !owned)
            qCWarning(lcBuild).noquote() << m_buildId << "cannot record the owner of its artifacts:" << owned.errorString();
    }
    // One line per build with what an admin asks first: how it ended, how long it took, for whom.
    qCInfo(lcBuild).noquote() << m_buildId << "finished:" << (m_outcome.isEmpty() ? QStringLiteral("ended") : m_outcome) << "in"
                              << QString::number(double(m_sinceRequest.elapsed()) / 1000.0, 'f', 3) << "s (workspace"
                              << (m_workspaceId.isEmpty() ? QStringLiteral("none") : m_workspaceId) + QLatin1String(", client")
                              << (m_client.isEmpty() ? QStringLiteral("unknown") : m_client) + QLatin1String(", user") << m_identity.name + QLatin1Char(')');
    releaseCache();
    if (m_context.running)
        m_context.running->remove(m_buildId);
    if (m_pipeline) {
        // The worker may be in the middle of a sync that cannot be torn apart. Waiting for it
        // here would freeze every connection; waiting without the lock would let the next
        // build into a workspace that is still being written. So keep the lock and go on
        // once the worker is idle.
        UploadPipeline *pipeline = m_pipeline.release();
        connect(pipeline, &UploadPipeline::stopped, this, &BuildJob::completeFinish);
        pipeline->stopWhenIdle();
        return;
    }
    completeFinish();
}

void BuildJob::completeFinish()
{
    WorkspaceStore &store = m_context.store;
    discardStaging();
    if (!temporary() && !m_workspaceId.isEmpty() && m_holdsLock) {
        if (const Result<void> touched = store.touch(m_workspaceId); !touched)
            qCWarning(lcBuild).noquote() << "cannot update last-used of" << m_workspaceId << ":" << touched.errorString()
                                         << "(the old value stays)";
    }
    // The next build of this workspace may start right away: the lock goes before the slow
    // tail (deleting a temporary tree, measuring a kept one), which runs off the event loop.
    releaseWorkspace();
    auto *watcher = new QFutureWatcher<qint64>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher] {
        watcher->deleteLater();
        if (!temporary() && !m_workspaceId.isEmpty() && m_context.store.lookup(m_workspaceId) != WorkspaceStore::Lookup::Unknown)
            if (const Result<void> recorded = m_context.store.recordSize(m_workspaceId, watcher->result()); !recorded)
                qCWarning(lcBuild).noquote() << "cannot record the size of" << m_workspaceId << ":" << recorded.errorString()
                                             << "(the disk budget uses the old size)";
        Q_EMIT finished();
    });
    if (temporary()) {
        watcher->setFuture(QtConcurrent::run([dir = workDir(), buildId = m_buildId] {
            if (const Result<void> removed = TreeRemover::removeTree(dir); !removed)
                qCWarning(lcBuild).noquote() << buildId << "cannot remove its temporary build directory:" << removed.errorString();
            return qint64(0);
        }));
    } else if (!m_workspaceId.isEmpty() && m_scan) {
        // The scan after the command already measured the tree.
        watcher->setFuture(QtConcurrent::run([bytes = m_scan->diskBytes] { return bytes; }));
    } else if (!m_workspaceId.isEmpty()) {
        watcher->setFuture(QtConcurrent::run([dir = workDir()] { return WorkspaceStore::measureSize(dir); }));
    } else {
        watcher->setFuture(QtConcurrent::run([] { return qint64(0); }));
    }
}

void BuildJob::discardStaging()
{
    // One rename on the event loop; the trash deletes the tree on its worker thread.
    if (TrashBin *trash = m_context.store.trash())
        trash->discard(m_context.store.stagingPath(m_buildId), m_buildId + QLatin1String("-staging"));
}

void BuildJob::releaseWorkspace()
{
    m_context.locks.cancelWaiting(this);
    if (m_holdsLock) {
        m_holdsLock = false;
        m_context.locks.release(m_workspaceId);
    }
}

} // namespace BuildService
