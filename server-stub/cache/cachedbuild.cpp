// CachedBuild: decision, replay and hand-over of recordings for one build.
#include "cachedbuild.h"

#include "cache/buildcache.h"
#include "cache/cachelog.h"
#include "cache/eventrecorder.h"
#include "cache/replayer.h"

#include <QJsonArray>

#include <csignal>

namespace BuildService {

CachedBuild::CachedBuild(BuildCache &cache, const BuildRequest &request, const Manifest &tree, Target target, EventSink *sink,
                         QObject *parent)
    : QObject(parent)
    , m_cache(cache)
    , m_request(request)
    , m_tree(tree)
    , m_target(std::move(target))
    , m_sink(sink)
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

void CachedBuild::decide()
{
    if (m_state == State::Done || m_state == State::Live || m_state == State::Replaying)
        return;
    if (!m_cache.enabled()) {
        m_info.status = QStringLiteral("disabled");
        startLive(false);
        return;
    }
    if (m_request.cache.mode == CacheSpec::Mode::Off) {
        m_info.status = QStringLiteral("off");
        startLive(false);
        return;
    }
    if (!m_cache.isReady()) {
        m_state = State::WaitingForToolchain;
        m_cache.whenReady(this, [this] { decide(); });
        return;
    }
    if (m_key.isEmpty()) {
        m_key = m_cache.keyFor(m_tree, m_request);
        m_info.key = m_key;
        m_tree = Manifest(); // not needed any more; a large tree should not stay in memory
    }
    if (m_request.cache.mode == CacheSpec::Mode::Fresh) {
        m_info.status = QStringLiteral("fresh");
        if (!m_cache.isClaimed(m_key)) {
            m_cache.claim(m_key);
            m_claimed = true;
        }
        startLive(true);
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
        m_cache.countMiss();
        m_info.status = QStringLiteral("miss");
        m_cache.claim(m_key);
        m_claimed = true;
        startLive(true);
        return;
    }
    m_state = State::Preparing;
    const CacheEntry hit = *entry;
    m_cache.prepareReplay(hit, m_target.artifactsZip, this, [this, hit](Result<std::shared_ptr<RecordingReader>> prepared) {
        if (m_state != State::Preparing)
            return;
        if (!prepared) {
            m_cache.drop(hit, prepared.errorString());
            m_state = State::Idle;
            decide();
            return;
        }
        startReplay(hit, prepared.value());
    });
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
        header.workspacePath = m_target.workspacePath;
        header.command = m_request.command;
        header.startedMs = m_cache.clock()();
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

void CachedBuild::liveFinished(const ExitEvent &exit)
{
    if (m_state != State::Live || !m_recorder)
        return;
    m_state = State::Done;
    const QString outcome = BuildCache::outcomeOf(exit);
    const qint64 ttl = m_cache.ttlMs(outcome);
    if (outcome.isEmpty() || ttl <= 0 || !m_recorder->usable()) {
        qCInfo(lcCache) << m_target.buildId << "is not cached:"
                        << (outcome.isEmpty() ? QStringLiteral("timed out or cancelled")
                                              : ttl <= 0 ? QStringLiteral("the TTL for %1 is 0").arg(outcome) : m_recorder->problem());
        m_recorder->takeWriter(); // discards the file
        releaseClaim();
        return;
    }
    std::unique_ptr<RecordingWriter> writer = m_recorder->takeWriter();
    const Result<void> appended = writer->append(exit.durationMs, exit.toJson());
    if (!appended) {
        qCWarning(lcCache) << "not caching" << m_target.buildId << ":" << appended.errorString();
        releaseClaim();
        return;
    }
    const qint64 now = m_cache.clock()();
    BuildCache::Recorded recorded;
    recorded.writer = std::move(writer);
    CacheEntry &e = recorded.entry;
    e.key = m_key;
    e.buildId = m_target.buildId;
    e.workspaceId = m_target.workspaceId;
    e.command = m_request.command;
    e.outcome = outcome;
    e.exitCode = exit.code;
    e.durationMs = exit.durationMs;
    e.createdMs = m_startedMs;
    e.lastAccessMs = now;
    e.expiresMs = now + ttl;
    e.toolchain = m_cache.toolchainFingerprint();
    recorded.artifactsZip = exit.artifactsBytes > 0 ? m_target.artifactsZip : QString();
    recorded.releaseClaim = m_claimed;
    m_claimed = false; // the store releases it once the entry is visible
    m_cache.store(std::move(recorded));
}

void CachedBuild::startReplay(const CacheEntry &entry, std::shared_ptr<RecordingReader> reader)
{
    m_state = State::Replaying;
    m_hit = entry;
    m_info.status = QStringLiteral("hit");
    m_info.originalBuildId = entry.buildId;
    m_info.originalDateMs = entry.createdMs;
    m_info.originalDurationMs = entry.durationMs;
    qCInfo(lcCache) << m_target.buildId << "replays" << entry.key << "recorded by" << entry.buildId;

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
    const qint64 saved = cancelled ? 0 : std::max<qint64>(0, m_hit.durationMs - exit.durationMs);
    m_info.secondsSaved = double(saved) / 1000.0;
    exit.cache = m_info;
    m_cache.countHit(m_hit, saved);
    m_sink->sendEvent(exit.toJson());
    Q_EMIT replayed();
}

void CachedBuild::cancel()
{
    switch (m_state) {
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
