// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: GPL-2.0-or-later

// CachedBuild: decision, restore, replay and recording of workspace changes for one build.
#include "cachedbuild.h"

#include "cache/buildcache.h"
#include "cache/cachekey.h"
#include "cache/cachelog.h"
#include "cache/changeapplier.h"
#include "cache/eventrecorder.h"
#include "cache/recordingcomparer.h"
#include "cache/replayer.h"
#include "runner/buildprocess.h"

#include <QDateTime>
#include <QFile>
#include <QFutureWatcher>
#include <QPointer>
#include <QtConcurrent>

#include <csignal>

namespace BuildService {

namespace {
QString describeState(const WorkspaceState &state)
{
    return state.isClean() ? QStringLiteral("clean") : state.digest();
}
} // namespace

CachedBuild::CachedBuild(BuildCache &cache, const BuildRequest &request, const Manifest &tree, Target target, EventSink *sink,
                         WorkspaceState prior, QString environmentStamp, QString baseKey, QObject *parent)
    : QObject(parent)
    , m_cache(cache)
    , m_request(request)
    , m_tree(tree)
    , m_target(std::move(target))
    , m_sink(sink)
    , m_prior(std::move(prior))
    , m_environmentStamp(std::move(environmentStamp))
    , m_baseKey(std::move(baseKey))
{
}

CachedBuild::~CachedBuild()
{
    if (m_replayer)
        m_replayer->stop();
    releaseClaim();
}

void CachedBuild::releaseClaim()
{
    if (m_claimed) {
        m_claimed = false;
        m_cache.release(m_key);
    }
}

void CachedBuild::start()
{
    decide();
}

void CachedBuild::miss(const QString &reason, bool record)
{
    m_info.status = QStringLiteral("miss");
    m_info.reason = reason;
    m_cache.countMiss(reason, m_target.owner);
    qCInfo(lcCache) << m_target.buildId << "cache miss:" << reason << "key" << m_key << "inputs" << m_baseKey
                    << "prior state" << m_info.priorState << "environment" << m_environmentStamp;
    if (record && !m_claimed && !m_cache.isClaimed(m_key)) {
        m_cache.claim(m_key);
        m_claimed = true;
    }
    startLive(record);
}

void CachedBuild::decide()
{
    if (m_state == State::Done || m_state == State::Live || m_state == State::Replaying || m_state == State::Restoring)
        return;
    if (!m_cache.enabled()) {
        m_info.status = QStringLiteral("disabled");
        startLive(false);
        return;
    }
    if (m_request.cache.mode == CacheSpec::Mode::Off) {
        m_info.status = QStringLiteral("off");
        m_cache.countOff(m_target.owner);
        qCInfo(lcCache) << m_target.buildId << "cache off (requested)";
        startLive(false);
        return;
    }
    if (m_request.stdinForwarded) {
        // What the command reads is not part of the key, and a replay would not read it.
        miss(QStringLiteral("stdin"), false);
        return;
    }
    if (!m_cache.isReady()) {
        m_state = State::WaitingForToolchain;
        m_cache.whenReady(this, [this] { decide(); });
        return;
    }
    if (m_key.isEmpty()) {
        if (m_baseKey.isEmpty())
            m_baseKey = m_cache.keyFor(m_tree, m_request, m_environmentStamp, m_target.owner, m_target.contentDigest, m_target.keyPath);
        m_key = CacheKey::withState(m_baseKey, m_prior.digest(), m_cache.strongKeys());
        m_info.key = m_key;
        m_info.priorState = describeState(m_prior);
    }
    if (!m_prior.isTracked()) {
        // Nothing is known about what the workspace holds: neither replay onto it nor record
        // a result whose starting point nobody could match.
        qCInfo(lcCache) << m_target.buildId << "workspace state unknown:" << m_prior.untrackedReason();
        miss(QStringLiteral("not_cacheable"), false);
        return;
    }
    if (m_request.cache.mode == CacheSpec::Mode::Fresh) {
        miss(QStringLiteral("fresh_requested"), true);
        return;
    }
    if (m_request.cache.mode == CacheSpec::Mode::Verify) {
        m_verifyAgainst = m_cache.findLive(m_key);
        miss(QStringLiteral("verify_requested"), true);
        return;
    }
    if (m_cache.isClaimed(m_key)) {
        qCInfo(lcCache) << m_target.buildId << "waits for an identical build of" << m_key;
        m_state = State::WaitingForIdentical;
        m_cache.waitFor(m_key, this, [this] { decide(); });
        return;
    }
    const std::optional<CacheEntry> entry = m_cache.findLive(m_key);
    if (!entry) {
        miss(m_cache.hasOtherState(m_baseKey) ? QStringLiteral("different_prior_state") : QStringLiteral("no_entry"), true);
        return;
    }
    m_state = State::Preparing;
    const CacheEntry hit = *entry;
    m_cache.prepareReplay(hit, m_target.artifactsZip, this, [this, hit](Result<BuildCache::Prepared> prepared) {
        if (m_state != State::Preparing)
            return;
        if (!prepared) {
            m_cache.drop(hit, prepared.errorString());
            m_state = State::Idle;
            decide();
            return;
        }
        restore(hit, prepared->reader, prepared->summary.changes);
    });
}

void CachedBuild::restore(const CacheEntry &entry, std::shared_ptr<RecordingReader> reader, const QList<WorkspaceChange> &changes)
{
    if (m_target.statePath.isEmpty()) {
        // A temporary build directory is deleted after the build: nobody would see the outputs.
        startReplay(entry, std::move(reader));
        return;
    }
    m_state = State::Restoring;
    auto *watcher = new QFutureWatcher<Result<ChangeApplier::Applied>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, entry, reader] {
        watcher->deleteLater();
        if (m_state != State::Restoring)
            return;
        if (m_cancelPending) {
            m_state = State::Done;
            Q_EMIT failed(makeError(ErrorCode::Cancelled, QStringLiteral("the build was cancelled before it started")));
            return;
        }
        const Result<ChangeApplier::Applied> applied = watcher->result();
        if (!applied) {
            qCWarning(lcCache) << m_target.buildId << "could not restore the outputs of" << entry.key << ":" << applied.errorString()
                               << "- running the build live";
            m_prior = WorkspaceState::untracked(QStringLiteral("a restore failed"));
            miss(QStringLiteral("not_cacheable"), false);
            return;
        }
        qCInfo(lcCache) << m_target.buildId << "restored" << applied->files << "outputs (" << applied->bytesWritten << "bytes)";
        startReplay(entry, reader);
    });
    watcher->setFuture(QtConcurrent::run([root = m_target.workspacePath, statePath = m_target.statePath, sources = m_tree,
                                          prior = m_prior, changes, blobs = &m_cache.blobs(), from = reader->header().realPath.toUtf8(),
                                          to = m_target.realPath.toUtf8()]() -> Result<ChangeApplier::Applied> {
        const qint64 now = QDateTime::currentMSecsSinceEpoch() * 1000000LL;
        Result<ChangeApplier::Applied> applied = ChangeApplier::apply(root, sources, prior, changes, *blobs, now, from, to);
        const WorkspaceState after = applied ? applied->state : WorkspaceState::untracked(QStringLiteral("a restore failed"));
        const Result<void> saved = after.save(statePath);
        if (!saved)
            qCWarning(lcCache) << "cannot save the workspace state:" << saved.errorString();
        return applied;
    }));
}

void CachedBuild::startLive(bool record)
{
    m_state = State::Live;
    if (record) {
        auto writer = std::make_unique<RecordingWriter>(m_cache.temporaryRecordingPath(m_target.buildId));
        RecordingHeader header;
        header.key = m_key;
        header.buildId = m_target.buildId;
        header.workspaceId = m_target.workspaceId;
        header.workspacePath = m_target.shownPath.isEmpty() ? m_target.workspacePath : m_target.shownPath;
        header.command = m_request.command;
        header.startedMs = m_cache.clock()();
        header.priorState = m_prior.digest();
        header.realPath = m_target.realPath;
        m_startedMs = header.startedMs;
        const Result<void> opened = writer->open(header);
        if (opened) {
            m_recorder = std::make_unique<EventRecorder>(m_sink, std::move(writer), m_cache.options().maxBytes, Replayer::steadyClock());
        } else {
            qCWarning(lcCache) << "not recording" << m_target.buildId << ":" << opened.errorString();
            releaseClaim();
        }
    }
    Q_EMIT runLive();
}

EventSink *CachedBuild::liveSink()
{
    return m_recorder ? static_cast<EventSink *>(m_recorder.get()) : m_sink;
}

bool CachedBuild::wantsCapture(const BuildExit &exit) const
{
    ExitEvent event;
    event.code = exit.code;
    event.signal = exit.signal;
    event.timedOut = exit.timedOut;
    event.cancelled = exit.cancelled;
    const QString outcome = BuildCache::outcomeOf(event);
    return m_recorder && m_recorder->usable() && !outcome.isEmpty() && m_cache.ttlMs(outcome) > 0;
}

CacheEntry CachedBuild::entryFor(const ExitEvent &exit, const QString &outcome) const
{
    const qint64 now = m_cache.clock()();
    CacheEntry e;
    e.key = m_key;
    e.baseKey = m_baseKey;
    e.priorState = m_prior.digest();
    e.buildId = m_target.buildId;
    e.workspaceId = m_target.workspaceId;
    e.owner = m_target.owner;
    e.command = m_request.command;
    e.outcome = outcome;
    e.exitCode = exit.code;
    e.durationMs = exit.durationMs;
    e.createdMs = m_startedMs;
    e.lastAccessMs = now;
    e.expiresMs = now + m_cache.ttlMs(outcome);
    e.toolchain = m_cache.fingerprintWith(m_environmentStamp);
    return e;
}

void CachedBuild::completeLive(const ExitEvent &exit, const StateScanner::Scan &scan, std::function<void(const CacheInfo &)> done)
{
    if (m_info.status == QLatin1String("miss"))
        m_info.rebuildSeconds = double(exit.durationMs) / 1000.0;
    if (m_state != State::Live || !m_recorder) {
        m_state = State::Done;
        m_cache.discardBlobs(scan.addedBlobs);
        done(m_info);
        return;
    }
    m_state = State::Done;
    const QString outcome = BuildCache::outcomeOf(exit);
    const qint64 ttl = m_cache.ttlMs(outcome);
    QString problem;
    if (outcome.isEmpty())
        problem = exit.code == 126 || exit.code == 127 ? QStringLiteral("exit code %1 (command not runnable or not found)").arg(exit.code)
                                                       : QStringLiteral("timed out or cancelled");
    else if (ttl <= 0)
        problem = QStringLiteral("the TTL for %1 is 0").arg(outcome);
    else if (!m_recorder->usable())
        problem = m_recorder->problem();
    else if (!scan.state.isTracked())
        problem = QStringLiteral("the workspace state is not tracked: %1").arg(scan.state.untrackedReason());
    else if (!scan.captured())
        problem = scan.captureProblem;
    std::unique_ptr<RecordingWriter> writer = m_recorder->takeWriter();
    if (problem.isEmpty()) {
        const Result<void> appended = writer->append(exit.durationMs, exit.toJson());
        if (!appended)
            problem = appended.errorString();
    }
    if (!problem.isEmpty()) {
        qCInfo(lcCache) << m_target.buildId << "is not cached:" << problem;
        writer.reset(); // discards the file
        m_cache.discardBlobs(scan.addedBlobs);
        releaseClaim();
        done(m_info);
        return;
    }
    QList<WorkspaceChange> changes = WorkspaceState::diff(m_prior, scan.state);
    for (WorkspaceChange &change : changes)
        change.relocate = change.op == WorkspaceChange::Op::File && scan.pathBearing.contains(change.path);
    if (m_verifyAgainst) {
        // Compare, and keep the stored recording: a verify run never replaces it.
        std::shared_ptr<RecordingWriter> live(std::move(writer));
        auto *watcher = new QFutureWatcher<VerifyResult>(this);
        connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, done, added = scan.addedBlobs] {
            watcher->deleteLater();
            m_info.verify = watcher->result();
            qCInfo(lcCache) << m_target.buildId << "verify:" << m_info.verify.result << m_info.verify.detail;
            m_cache.discardBlobs(added);
            releaseClaim();
            done(m_info);
        });
        watcher->setFuture(QtConcurrent::run([live, changes, after = scan.state.digest(), recorded = m_cache.recordingPath(*m_verifyAgainst),
                                              blobs = &m_cache.blobs()] {
            for (const WorkspaceChange &change : changes)
                (void)live->appendChange(change);
            if (const Result<void> finished = live->finish(0, QString(), after); !finished)
                return VerifyResult{QStringLiteral("differs"), QStringLiteral("cannot compare: %1").arg(finished.errorString())};
            const VerifyResult result = RecordingComparer::compare(recorded, live->fileName(), *blobs);
            live->discard();
            return result;
        }));
        return;
    }
    if (m_request.cache.mode == CacheSpec::Mode::Verify)
        m_info.verify = {QStringLiteral("no_recording"), QStringLiteral("there was no recording of this build; it is recorded now")};
    BuildCache::Recorded recorded;
    recorded.writer = std::move(writer);
    recorded.changes = changes;
    recorded.afterState = scan.state.digest();
    recorded.addedBlobs = scan.addedBlobs;
    recorded.entry = entryFor(exit, outcome);
    recorded.artifactsZip = exit.artifactsBytes > 0 ? m_target.artifactsZip : QString();
    recorded.releaseClaim = m_claimed;
    m_claimed = false; // the store releases it once the entry is visible
    m_cache.store(std::move(recorded));
    done(m_info);
}

void CachedBuild::startReplay(const CacheEntry &entry, std::shared_ptr<RecordingReader> reader)
{
    m_state = State::Replaying;
    m_hit = entry;
    m_info.status = QStringLiteral("hit");
    m_info.originalBuildId = entry.buildId;
    m_info.originalDateMs = entry.createdMs;
    m_info.originalDurationMs = entry.durationMs;
    qCInfo(lcCache) << m_target.buildId << "cache hit: replays" << entry.key << "recorded by" << entry.buildId;

    StartedMessage started;
    started.buildId = m_target.buildId;
    started.workspacePath = reader->header().workspacePath;
    started.cache = m_info;
    m_sink->sendEvent(started.toJson());

    m_replayer = std::make_unique<Replayer>(std::move(reader), m_sink, m_request.cache.replaySpeed);
    connect(m_replayer.get(), &Replayer::finished, this, [this](const QJsonObject &recordedExit) {
        finishReplay(recordedExit, false);
    });
    connect(m_replayer.get(), &Replayer::failed, this, [this](const Error &error) {
        // Verified moments ago, so the file changed under us; the client already has part of the
        // output, so end the build with an error rather than mixing in a live run.
        m_cache.drop(m_hit, error.message);
        m_state = State::Done;
        Q_EMIT failed(makeError(ErrorCode::IoError, QStringLiteral("the cached recording could not be replayed: %1").arg(error.message)));
    });
    m_replayer->start();
}

void CachedBuild::finishReplay(const QJsonObject &recordedExit, bool cancelled)
{
    m_state = State::Done;
    const ExitEvent recorded = ExitEvent::fromJson(recordedExit);
    ExitEvent exit;
    exit.workspaceId = m_target.workspaceId;
    exit.buildId = m_target.buildId;
    exit.durationMs = m_replayer->elapsedMs();
    exit.cached = true;
    if (cancelled) {
        // As for a live command stopped by cancel: it "got" SIGTERM.
        exit.code = 128 + SIGTERM;
        exit.signal = SIGTERM;
        exit.cancelled = true;
    } else {
        exit.code = recorded.code;
        exit.signal = recorded.signal;
        exit.outputTruncated = recorded.outputTruncated;
        exit.artifacts = recorded.artifacts;
        exit.artifactsBytes = recorded.artifactsBytes;
    }
    // The recording was made from the same workspace state, so its duration is what the live
    // build would have taken here.
    const qint64 saved = cancelled ? 0 : std::max<qint64>(0, m_hit.durationMs - exit.durationMs);
    m_info.secondsSaved = double(saved) / 1000.0;
    exit.cache = m_info;
    m_cache.countHit(m_hit, saved, m_target.owner);
    m_sink->sendEvent(exit.toJson());
    Q_EMIT replayed();
}

void CachedBuild::cancel()
{
    switch (m_state) {
    case State::Restoring:
        // The restore is writing into the workspace: the job must keep its lock until it ends.
        m_cancelPending = true;
        break;
    case State::Idle:
    case State::WaitingForToolchain:
    case State::WaitingForIdentical:
    case State::Preparing:
        m_state = State::Done;
        Q_EMIT failed(makeError(ErrorCode::Cancelled, QStringLiteral("the build was cancelled before it started")));
        break;
    case State::Replaying:
        m_replayer->stop();
        finishReplay(QJsonObject(), true);
        break;
    case State::Live:
    case State::Done:
        break;
    }
}

void CachedBuild::sinkDrained()
{
    if (m_state == State::Replaying && m_replayer)
        m_replayer->sinkDrained();
}

} // namespace BuildService
