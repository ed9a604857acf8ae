// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: GPL-2.0-or-later

// BuildCache: storing, finding, verifying and evicting recordings.
#include "buildcache.h"

#include "cache/cachebundle.h"
#include "cache/cachekey.h"
#include "cache/changeapplier.h"
#include "cache/environmentstamp.h"
#include "cache/cachelog.h"
#include "cache/toolchainfingerprint.h"
#include "core/treeremover.h"
#include "config/serverconfig.h"
#include "sync/manifest.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QJsonArray>
#include <QSet>
#include <QPointer>
#include <QUuid>
#include <QtConcurrent>

#include <xxhash.h>

#include <unistd.h>

Q_LOGGING_CATEGORY(lcCache, "buildservice.server.cache")

namespace BuildService {

namespace {

struct FileHash {
    qint64 bytes = 0;
    QString hash;
};

/** XXH3-64 of a file, streamed. */
Result<FileHash> hashFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return makeError(ErrorCode::IoError, QStringLiteral("cannot read %1: %2").arg(path, file.errorString()));
    std::unique_ptr<XXH3_state_t, XXH_errorcode (*)(XXH3_state_t *)> state(XXH3_createState(), &XXH3_freeState);
    XXH3_64bits_reset(state.get());
    QByteArray buffer(1 << 20, Qt::Uninitialized);
    FileHash result;
    for (;;) {
        const qint64 n = file.read(buffer.data(), buffer.size());
        if (n < 0)
            return makeError(ErrorCode::IoError, QStringLiteral("cannot read %1: %2").arg(path, file.errorString()));
        if (n == 0)
            break;
        XXH3_64bits_update(state.get(), buffer.constData(), size_t(n));
        result.bytes += n;
    }
    result.hash = QStringLiteral("%1").arg(XXH3_64bits_digest(state.get()), 16, 16, QLatin1Char('0'));
    return result;
}

/** Hard-links @p from to @p to (same file system, no copy); copies when linking is impossible. */
Result<void> linkOrCopy(const QString &from, const QString &to)
{
    QFile::remove(to);
    if (::link(QFile::encodeName(from).constData(), QFile::encodeName(to).constData()) == 0)
        return {};
    if (!QFile::copy(from, to))
        return makeError(ErrorCode::IoError, QStringLiteral("cannot copy %1 to %2").arg(from, to));
    return {};
}

QJsonObject entryJson(const CacheEntry &e)
{
    return {{QStringLiteral("key"), e.key},
            {QStringLiteral("build_id"), e.buildId},
            {QStringLiteral("workspace_id"), e.workspaceId},
            {QStringLiteral("command"), e.command},
            {QStringLiteral("outcome"), e.outcome},
            {QStringLiteral("exit_code"), e.exitCode},
            {QStringLiteral("bytes"), e.bytes},
            {QStringLiteral("duration_ms"), e.durationMs},
            {QStringLiteral("created_ms"), e.createdMs},
            {QStringLiteral("last_access_ms"), e.lastAccessMs},
            {QStringLiteral("access_count"), e.accessCount},
            {QStringLiteral("expires_ms"), e.expiresMs},
            {QStringLiteral("toolchain"), e.toolchain},
            {QStringLiteral("owner"), e.owner}};
}

} // namespace

BuildCache::Options BuildCache::Options::fromConfig(const ServerConfig &config)
{
    Options o;
    o.enabled = config.cache.enabled;
    o.ttlSuccessSec = config.cache.ttlSuccessSec;
    o.ttlFailureSec = config.cache.ttlFailureSec;
    o.maxBytes = config.cache.maxBytes;
    o.maxOutputBytes = config.cache.maxRecordedFilesBytes;
    o.toolchainCommands = config.cache.toolchainCommands;
    o.salt = config.cache.salt;
    o.shareAll = config.cache.share == QLatin1String("all");
    o.gcIntervalMs = config.build.gcIntervalSec * 1000;
    return o;
}

BuildCache::BuildCache(const QString &dataDir, Options options, Clock clock, QObject *parent)
    : QObject(parent)
    , m_dir(dataDir + QLatin1String("/cache"))
    , m_options(std::move(options))
    , m_clock(std::move(clock))
    , m_blobs(m_dir + QLatin1String("/blobs"))
{
    connect(&m_gcTimer, &QTimer::timeout, this, &BuildCache::collectGarbage);
}

BuildCache::~BuildCache() = default;

Result<void> BuildCache::open()
{
    if (!m_options.enabled) {
        setToolchainFingerprint(QString());
        return {};
    }
    for (const char *sub : {"recordings", "artifacts", "tmp"}) {
        const QString path = m_dir + QLatin1Char('/') + QLatin1String(sub);
        if (!QDir().mkpath(path))
            return makeError(ErrorCode::IoError, QStringLiteral("cannot create the cache directory %1").arg(path));
    }
    if (Result<void> blobs = m_blobs.open(); !blobs)
        return blobs;
    const QString indexFile = m_dir + QLatin1String("/index.sqlite");
    m_index = std::make_unique<CacheIndex>(indexFile);
    Result<void> opened = m_index->open();
    if (!opened) {
        // A damaged index must not keep the server down: the recordings are only a cache.
        // Keep the file for inspection and start over; the orphaned recordings are swept below.
        const QString kept = indexFile + QLatin1String(".broken-") + QString::number(m_clock());
        qCWarning(lcCache) << opened.errorString() << "- moving it to" << kept << "and starting with an empty cache";
        m_index.reset();
        QFile::rename(indexFile, kept);
        QFile::remove(indexFile + QLatin1String("-wal"));
        QFile::remove(indexFile + QLatin1String("-shm"));
        m_index = std::make_unique<CacheIndex>(indexFile);
        opened = m_index->open();
        if (!opened)
            return opened;
    }
    sweepOrphans();
    collectGarbage();
    if (m_options.gcIntervalMs > 0)
        m_gcTimer.start(int(std::min<qint64>(m_options.gcIntervalMs, std::numeric_limits<int>::max())));

    if (m_options.toolchainCommands.isEmpty()) {
        setToolchainFingerprint(ToolchainFingerprint::hashOutputs({}, {}, m_options.salt));
        return {};
    }
    auto *watcher = new QFutureWatcher<QString>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher] {
        watcher->deleteLater();
        setToolchainFingerprint(watcher->result());
    });
    watcher->setFuture(QtConcurrent::run([commands = m_options.toolchainCommands, salt = m_options.salt] {
        return ToolchainFingerprint::compute(commands, salt);
    }));
    return {};
}

void BuildCache::setToolchainFingerprint(const QString &fingerprint)
{
    m_fingerprint = fingerprint;
    m_ready = true;
    const auto waiters = std::exchange(m_readyWaiters, {});
    for (const auto &waiter : waiters) {
        if (waiter.first)
            QMetaObject::invokeMethod(waiter.first, waiter.second, Qt::QueuedConnection);
    }
}

void BuildCache::whenReady(QObject *context, std::function<void()> callback)
{
    if (m_ready) {
        QMetaObject::invokeMethod(context, std::move(callback), Qt::QueuedConnection);
        return;
    }
    m_readyWaiters.append({QPointer<QObject>(context), std::move(callback)});
}

QString BuildCache::fingerprintWith(const QString &environmentStamp) const
{
    return m_fingerprint + QLatin1Char('/') + environmentStamp;
}

CacheKeyInput BuildCache::keyInputFor(const BuildRequest &request, const QString &environmentStamp, const QString &owner,
                                      const QByteArray &contentDigest, const QString &workspacePath) const
{
    CacheKeyInput input;
    input.workspacePath = workspacePath;
    input.command = request.command;
    input.env = request.env;
    input.artifactGlobs = request.artifacts;
    input.protocolVersion = Protocol::Version;
    input.toolchainFingerprint = fingerprintWith(environmentStamp);
    input.salt = m_options.salt;
    input.terminal = request.terminal.has_value();
    // Shared: everyone's identical inputs meet, so only a collision-resistant key will do.
    // Per user: the identity is part of the inputs, so nobody replays anyone else's recording.
    // Without the digest (the sources could not be read) the build is not shared.
    if (m_options.shareAll && !contentDigest.isEmpty()) {
        input.contentDigest = contentDigest;
    } else {
        input.scope = QStringLiteral("user:") + owner;
    }
    return input;
}

QString BuildCache::keyFor(const Manifest &tree, const BuildRequest &request, const QString &environmentStamp, const QString &owner,
                           const QByteArray &contentDigest, const QString &workspacePath) const
{
    return CacheKey::compute(tree, keyInputFor(request, environmentStamp, owner, contentDigest, workspacePath));
}

bool BuildCache::hasOtherState(const QString &baseKey) const
{
    if (!m_index)
        return false;
    const Result<bool> found = m_index->hasBaseKey(baseKey);
    if (!found)
        qCWarning(lcCache) << found.errorString();
    return found && found.value();
}

void BuildCache::discardBlobs(const QByteArrayList &added)
{
    if (added.isEmpty())
        return;
    const Result<QByteArrayList> unused = m_index ? m_index->unreferenced(added) : Result<QByteArrayList>(added);
    if (!unused) {
        qCWarning(lcCache) << unused.errorString() << "- keeping" << added.size() << "stored outputs";
        return;
    }
    removeBlobs(unused.value());
}

void BuildCache::removeBlobs(const QByteArrayList &blobs)
{
    if (blobs.isEmpty())
        return;
    // One unlink per output: thousands for a big build, so not on the event loop. Should a new
    // recording name one of them in between, its replay finds it missing and runs live.
    (void)QtConcurrent::run([store = m_blobs, blobs] {
        for (const QByteArray &sha : blobs)
            store.remove(sha);
    });
}

QString BuildCache::recordingPath(const CacheEntry &entry) const
{
    return m_dir + QLatin1String("/recordings/") + entry.key + QLatin1Char('-') + entry.buildId + QLatin1String(".rec.zst");
}

QString BuildCache::artifactsPath(const CacheEntry &entry) const
{
    return m_dir + QLatin1String("/artifacts/") + entry.key + QLatin1Char('-') + entry.buildId + QLatin1String(".zip");
}

QString BuildCache::temporaryRecordingPath(const QString &buildId) const
{
    return m_dir + QLatin1String("/tmp/") + buildId + QLatin1String(".rec.zst");
}

std::optional<CacheEntry> BuildCache::findLive(const QString &key)
{
    if (!m_index)
        return std::nullopt;
    const Result<std::optional<CacheEntry>> found = m_index->find(key);
    if (!found) {
        qCWarning(lcCache) << found.errorString();
        return std::nullopt;
    }
    if (!found.value())
        return std::nullopt;
    const CacheEntry &entry = *found.value();
    if (entry.expiresMs <= m_clock()) {
        removeEntries({entry}, nullptr, QStringLiteral("expired"));
        return std::nullopt;
    }
    return entry;
}

void BuildCache::claim(const QString &key)
{
    Q_ASSERT(!m_claims.contains(key));
    m_claims.insert(key, Claim());
}

void BuildCache::waitFor(const QString &key, QObject *context, std::function<void()> callback)
{
    auto it = m_claims.find(key);
    if (it == m_claims.end()) {
        QMetaObject::invokeMethod(context, std::move(callback), Qt::QueuedConnection);
        return;
    }
    it->waiters.append({QPointer<QObject>(context), std::move(callback)});
}

void BuildCache::release(const QString &key)
{
    const auto it = m_claims.find(key);
    if (it == m_claims.end())
        return;
    const auto waiters = it->waiters;
    m_claims.erase(it);
    // Queued and in arrival order: the first waiter looks up first and, on a miss, claims the
    // key again; the others then wait for it in turn.
    for (const auto &waiter : waiters) {
        if (waiter.first)
            QMetaObject::invokeMethod(waiter.first, waiter.second, Qt::QueuedConnection);
    }
}

void BuildCache::prepareReplay(const CacheEntry &entry, const QString &artifactsZip, QObject *context,
                               std::function<void(Result<Prepared>)> done)
{
    auto reader = std::make_shared<RecordingReader>(recordingPath(entry));
    auto *watcher = new QFutureWatcher<Result<Prepared>>(this);
    QPointer<QObject> guard(context);
    connect(watcher, &QFutureWatcherBase::finished, this, [watcher, guard, done = std::move(done)] {
        watcher->deleteLater();
        if (guard)
            done(watcher->result());
    });
    watcher->setFuture(QtConcurrent::run([reader, blobStore = &m_blobs, key = entry.key, zip = artifactsPath(entry),
                                          target = artifactsZip]() -> Result<Prepared> {
        const Result<RecordingHeader> header = reader->open();
        if (!header)
            return header.error();
        if (header->key != key)
            return makeError(ErrorCode::IoError, QStringLiteral("the recording for %1 holds key %2").arg(key, header->key));
        const Result<RecordingSummary> summary = reader->verify();
        if (!summary)
            return summary.error();
        const Result<void> blobs = ChangeApplier::checkBlobs(summary->changes, *blobStore);
        if (!blobs)
            return blobs.error();
        if (summary->artifactsBytes > 0) {
            const Result<FileHash> hashed = hashFile(zip);
            if (!hashed)
                return hashed.error();
            if (hashed->bytes != summary->artifactsBytes || hashed->hash != summary->artifactsHash)
                return makeError(ErrorCode::IoError, QStringLiteral("the artifacts %1 do not match their checksum").arg(zip));
            if (!QDir().mkpath(QFileInfo(target).absolutePath()))
                return makeError(ErrorCode::IoError, QStringLiteral("cannot create %1").arg(QFileInfo(target).absolutePath()));
            const Result<void> linked = linkOrCopy(zip, target);
            if (!linked)
                return linked.error();
        }
        return Prepared{reader, summary.value()};
    }));
}

void BuildCache::drop(const CacheEntry &entry, const QString &why)
{
    qCWarning(lcCache) << "dropping cache entry" << entry.key << "of build" << entry.buildId << ":" << why;
    removeEntries({entry}, nullptr, why);
}

QString BuildCache::outcomeOf(const ExitEvent &exit)
{
    // 126/127: the command could not be run or was not found. That is a fact about the
    // server's software (which may be installed a minute later), not about the sources.
    if (exit.timedOut || exit.cancelled || exit.code == 126 || exit.code == 127)
        return QString();
    return exit.code == 0 && exit.signal == 0 ? QStringLiteral("success") : QStringLiteral("failure");
}

qint64 BuildCache::ttlMs(const QString &outcome) const
{
    if (outcome == QLatin1String("success"))
        return m_options.ttlSuccessSec * 1000;
    if (outcome == QLatin1String("failure"))
        return m_options.ttlFailureSec * 1000;
    return 0;
}

void BuildCache::store(Recorded recorded)
{
    std::shared_ptr<RecordingWriter> writer(std::move(recorded.writer));
    const CacheEntry entry = recorded.entry;
    const QString key = entry.key;
    const bool releaseClaim = recorded.releaseClaim;
    const QByteArrayList addedBlobs = recorded.addedBlobs;
    auto done = [this, key, releaseClaim] {
        if (releaseClaim)
            release(key);
    };
    if (!m_index || !writer) {
        discardBlobs(addedBlobs);
        done();
        return;
    }
    auto *watcher = new QFutureWatcher<Result<CacheEntry>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, key, done, addedBlobs] {
        watcher->deleteLater();
        const Result<CacheEntry> result = watcher->result();
        if (!result) {
            qCWarning(lcCache) << "could not store the recording of" << key << ":" << result.errorString();
            discardBlobs(addedBlobs);
            done();
            Q_EMIT storeFailed(key, result.errorString());
            return;
        }
        const CacheEntry &e = result.value();
        QString problem;
        if (e.bytes > m_options.maxBytes)
            problem = QStringLiteral("the recording takes %1 bytes, more than [cache] max_bytes (%2)").arg(e.bytes).arg(m_options.maxBytes);
        std::optional<CacheEntry> previous;
        if (problem.isEmpty()) {
            const Result<std::optional<CacheEntry>> found = m_index->find(e.key);
            if (found)
                previous = found.value();
            const Result<void> stored = m_index->upsert(e);
            if (!stored)
                problem = stored.errorString();
        }
        if (!problem.isEmpty()) {
            qCWarning(lcCache) << "not caching" << key << ":" << problem;
            QFile::remove(recordingPath(e));
            QFile::remove(artifactsPath(e));
            discardBlobs(addedBlobs);
            done();
            Q_EMIT storeFailed(key, problem);
            return;
        }
        if (previous && previous->buildId != e.buildId) {
            QFile::remove(recordingPath(*previous));
            QFile::remove(artifactsPath(*previous));
            const Result<QByteArrayList> unused = m_index->releaseBlobs(previous->buildId);
            removeBlobs(unused ? unused.value() : QByteArrayList());
        }
        qCInfo(lcCache) << "stored" << e.key << "(" << e.outcome << ", exit code" << e.exitCode << "," << e.bytes
                        << "bytes, expires in" << (e.expiresMs - m_clock()) / 1000 << "s)";
        enforceBudget(e.key);
        done();
        Q_EMIT stored(key);
    });
    const QString recording = recordingPath(entry);
    const QString zip = artifactsPath(entry);
    watcher->setFuture(QtConcurrent::run([writer, entry, recording, zip, source = recorded.artifactsZip,
                                          changes = std::move(recorded.changes), after = recorded.afterState]() -> Result<CacheEntry> {
        CacheEntry e = entry;
        QSet<QByteArray> blobs;
        for (const WorkspaceChange &change : changes) {
            const Result<void> appended = writer->appendChange(change);
            if (!appended)
                return appended.error();
            if (change.op == WorkspaceChange::Op::File && !blobs.contains(change.sha256)) {
                blobs.insert(change.sha256);
                e.blobs.append(change.sha256);
                e.bytes += change.size;
            }
        }
        FileHash artifacts;
        if (!source.isEmpty()) {
            const QString part = zip + QLatin1String(".part");
            Result<void> linked = linkOrCopy(source, part);
            if (!linked)
                return linked.error();
            const Result<FileHash> hashed = hashFile(part);
            if (!hashed || !QFile::rename(part, zip)) {
                QFile::remove(part);
                return hashed ? makeError(ErrorCode::IoError, QStringLiteral("cannot rename %1 to %2").arg(part, zip)) : hashed.error();
            }
            artifacts = hashed.value();
        }
        const Result<void> finished = writer->finish(artifacts.bytes, artifacts.hash, after);
        if (!finished || !QFile::rename(writer->fileName(), recording)) {
            writer->discard();
            QFile::remove(zip);
            return finished ? makeError(ErrorCode::IoError, QStringLiteral("cannot rename %1 to %2").arg(writer->fileName(), recording))
                            : finished.error();
        }
        e.artifactsBytes = artifacts.bytes;
        // Outputs shared with other recordings are counted for each: the budget errs on the safe side.
        e.bytes += QFileInfo(recording).size() + artifacts.bytes;
        return e;
    }));
}

void BuildCache::exportEntry(const QString &key, const Identity &identity, QObject *context, std::function<void(Result<QString>)> done)
{
    const std::optional<CacheEntry> entry = findLive(key);
    if (!entry || !identity.mayAccess(entry->owner)) {
        done(makeError(ErrorCode::UnknownId, QStringLiteral("no cache entry with key %1").arg(key)));
        return;
    }
    CacheEntry withBlobs = *entry;
    auto *watcher = new QFutureWatcher<Result<QString>>(this);
    QPointer<QObject> guard(context);
    connect(watcher, &QFutureWatcherBase::finished, this, [watcher, guard, done = std::move(done)] {
        watcher->deleteLater();
        if (guard)
            done(watcher->result());
    });
    watcher->setFuture(QtConcurrent::run([e = withBlobs, recording = recordingPath(*entry), artifacts = artifactsPath(*entry),
                                          file = QString(m_dir + QLatin1String("/tmp/export-") + QUuid::createUuid().toString(QUuid::Id128) + QLatin1String(".tar")),
                                          blobs = &m_blobs]() mutable -> Result<QString> {
        // The blobs are the ones the recording's changes name.
        RecordingReader reader(recording);
        const Result<RecordingSummary> summary = reader.verify();
        if (!summary)
            return summary.error();
        QSet<QByteArray> named;
        for (const WorkspaceChange &change : summary->changes) {
            if (change.op == WorkspaceChange::Op::File && !named.contains(change.sha256)) {
                named.insert(change.sha256);
                e.blobs.append(change.sha256);
            }
        }
        const Result<qint64> written = CacheBundle::write(file, e, recording, artifacts, *blobs);
        if (!written)
            return written.error();
        return QString(file);
    }));
}

void BuildCache::importBundle(const QString &file, qint64 maxBytes, const QString &owner, QObject *context,
                              std::function<void(Result<CacheEntry>)> done)
{
    const QString scratch = m_dir + QLatin1String("/tmp/import-") + QUuid::createUuid().toString(QUuid::Id128);
    auto *watcher = new QFutureWatcher<Result<CacheBundle::Imported>>(this);
    QPointer<QObject> guard(context);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, guard, scratch, owner, done = std::move(done)] {
        watcher->deleteLater();
        Result<CacheBundle::Imported> imported = watcher->result();
        auto finish = [&](Result<CacheEntry> result) {
            if (const Result<void> removed = TreeRemover::removeTree(scratch); !removed)
                qCWarning(lcCache) << "cannot remove the import scratch directory:" << removed.errorString();
            if (guard)
                done(result);
        };
        if (!imported) {
            finish(imported.error());
            return;
        }
        CacheEntry e = imported->entry;
        const qint64 ttl = ttlMs(e.outcome);
        if (ttl <= 0 || !m_index) {
            discardBlobs(imported->addedBlobs);
            finish(makeError(ErrorCode::InvalidRequest, QStringLiteral("this server does not cache %1 builds ([cache] ttl_%1_sec = 0)").arg(e.outcome)));
            return;
        }
        const qint64 now = m_clock();
        e.workspaceId = QString();
        e.owner = owner;
        e.lastAccessMs = now;
        e.expiresMs = now + ttl;
        e.accessCount = 0;
        e.bytes += QFileInfo(imported->recording).size() + e.artifactsBytes;
        const Result<std::optional<CacheEntry>> previous = m_index->find(e.key);
        QFile::remove(recordingPath(e));
        QFile::remove(artifactsPath(e));
        const bool moved = QFile::rename(imported->recording, recordingPath(e))
                           && (imported->artifacts.isEmpty() || QFile::rename(imported->artifacts, artifactsPath(e)));
        const Result<void> stored = moved ? m_index->upsert(e) : makeError(ErrorCode::IoError, QStringLiteral("cannot move the imported recording into the cache"));
        if (!stored) {
            QFile::remove(recordingPath(e));
            QFile::remove(artifactsPath(e));
            discardBlobs(imported->addedBlobs);
            finish(stored.error());
            return;
        }
        // The replaced entry's outputs go only where the new one does not name them too.
        if (previous && previous.value() && previous.value()->buildId != e.buildId) {
            QFile::remove(recordingPath(*previous.value()));
            QFile::remove(artifactsPath(*previous.value()));
            const Result<QByteArrayList> unused = m_index->releaseBlobs(previous.value()->buildId);
            removeBlobs(unused ? unused.value() : QByteArrayList());
        }
        qCInfo(lcCache) << "imported" << e.key << "(" << e.outcome << "," << e.bytes << "bytes )";
        enforceBudget(e.key);
        finish(e);
    });
    watcher->setFuture(QtConcurrent::run([file, scratch, maxBytes, blobs = &m_blobs]() -> Result<CacheBundle::Imported> {
        if (!QDir().mkpath(scratch))
            return makeError(ErrorCode::IoError, QStringLiteral("cannot create %1").arg(scratch));
        Result<CacheBundle::Imported> imported = CacheBundle::read(file, scratch, *blobs, maxBytes);
        QFile::remove(file);
        return imported;
    }));
}

void BuildCache::countHit(const CacheEntry &entry, qint64 savedMs, const QString &owner)
{
    if (!m_index)
        return;
    Result<void> r = m_index->addCounters(1, 0, savedMs);
    if (r && !owner.isEmpty())
        r = m_index->addCounter(CacheIndex::userCounter(owner, QStringLiteral("hits")), 1);
    if (r && !owner.isEmpty())
        r = m_index->addCounter(CacheIndex::userCounter(owner, QStringLiteral("saved_ms")), savedMs);
    if (r)
        r = m_index->recordAccess(entry.key, m_clock());
    if (!r)
        qCWarning(lcCache) << r.errorString();
}

void BuildCache::countMiss(const QString &reason, const QString &owner)
{
    if (!m_index)
        return;
    Result<void> r = m_index->addCounters(0, 1, 0);
    if (r)
        r = m_index->addCounter(QStringLiteral("miss:") + reason, 1);
    if (r && !owner.isEmpty())
        r = m_index->addCounter(CacheIndex::userCounter(owner, QStringLiteral("misses")), 1);
    if (r && !owner.isEmpty())
        r = m_index->addCounter(CacheIndex::userCounter(owner, QStringLiteral("miss:") + reason), 1);
    if (!r)
        qCWarning(lcCache) << r.errorString();
}

void BuildCache::countOff(const QString &owner)
{
    if (!m_index)
        return;
    Result<void> r = m_index->addCounter(QStringLiteral("off"), 1);
    if (r && !owner.isEmpty())
        r = m_index->addCounter(CacheIndex::userCounter(owner, QStringLiteral("off")), 1);
    if (!r)
        qCWarning(lcCache) << r.errorString();
}

QJsonObject BuildCache::stats(int top, const Identity &identity) const
{
    const QString only = identity.isAdmin() ? QString() : identity.name;
    QJsonObject reply{{QStringLiteral("enabled"), m_options.enabled},
                      {QStringLiteral("max_bytes"), m_options.maxBytes},
                      {QStringLiteral("ttl_success_sec"), m_options.ttlSuccessSec},
                      {QStringLiteral("ttl_failure_sec"), m_options.ttlFailureSec},
                      {QStringLiteral("toolchain"), m_fingerprint},
                      {QStringLiteral("share"), m_options.shareAll ? QStringLiteral("all") : QStringLiteral("user")},
                      {QStringLiteral("building"), m_claims.size()}};
    qint64 entries = 0;
    qint64 bytes = 0;
    CacheCounters counters;
    QJsonArray topList;
    if (m_index) {
        const Result<qint64> count = m_index->count(only);
        const Result<qint64> total = m_index->totalBytes(only);
        const Result<CacheCounters> c = m_index->counters(only);
        const Result<QList<CacheEntry>> most = m_index->mostUsed(top, only);
        entries = count ? count.value() : 0;
        bytes = total ? total.value() : 0;
        if (c)
            counters = c.value();
        if (most) {
            for (const CacheEntry &e : most.value())
                topList.append(entryJson(e));
        }
        // A figure that could not be read is reported as such, not as a zero.
        QJsonArray errors;
        for (const Error *error : {count ? nullptr : &count.error(), total ? nullptr : &total.error(), c ? nullptr : &c.error(),
                                   most ? nullptr : &most.error()}) {
            if (error) {
                qCWarning(lcCache) << "cache stats:" << error->message;
                errors.append(error->message);
            }
        }
        if (!errors.isEmpty())
            reply.insert(QStringLiteral("errors"), errors);
    }
    if (!only.isEmpty())
        reply.remove(QStringLiteral("building"));  // counts other users' builds
    const qint64 lookups = counters.hits + counters.misses;
    reply.insert(QStringLiteral("entries"), entries);
    reply.insert(QStringLiteral("bytes"), bytes);
    reply.insert(QStringLiteral("hits"), counters.hits);
    reply.insert(QStringLiteral("misses"), counters.misses);
    reply.insert(QStringLiteral("lookups"), lookups);
    reply.insert(QStringLiteral("hit_rate"), lookups > 0 ? double(counters.hits) / double(lookups) : 0.0);
    reply.insert(QStringLiteral("seconds_saved"), double(counters.savedMs) / 1000.0);
    QJsonObject byReason;
    for (const char *reason : {"no_entry", "different_prior_state", "fresh_requested", "verify_requested", "not_cacheable"})
        byReason.insert(QLatin1String(reason), counters.missesByReason.value(QLatin1String(reason)));
    reply.insert(QStringLiteral("misses_by_reason"), byReason);
    reply.insert(QStringLiteral("off"), counters.off);
    reply.insert(QStringLiteral("top"), topList);
    return reply;
}

Result<int> BuildCache::clear(const CacheClearRequest &request, const Identity &identity, qint64 *bytes)
{
    if (bytes)
        *bytes = 0;
    if (!m_index)
        return 0;
    Result<QList<CacheEntry>> selected = QList<CacheEntry>();
    QString why;
    switch (request.scope) {
    case CacheClearRequest::Scope::Key: {
        const Result<std::optional<CacheEntry>> found = m_index->find(request.value);
        if (!found)
            return found.error();
        selected = found.value() ? QList<CacheEntry>{*found.value()} : QList<CacheEntry>();
        why = QStringLiteral("cleared by key");
        break;
    }
    case CacheClearRequest::Scope::Workspace:
        selected = m_index->forWorkspace(request.value);
        why = QStringLiteral("cleared by workspace %1").arg(request.value);
        break;
    case CacheClearRequest::Scope::All:
        selected = m_index->all();
        why = QStringLiteral("cleared entirely");
        break;
    case CacheClearRequest::Scope::OldToolchains:
        if (!m_ready)
            return makeError(ErrorCode::NotReady, QStringLiteral("the toolchain fingerprint is still being computed; retry in a moment"));
        selected = m_index->withToolchainOtherThan(
            fingerprintWith(EnvironmentStamp::compute(EnvironmentStamp::pathDirectories(m_buildPath), {QStringLiteral("/var/lib/dpkg/status")},
                                                      m_buildEnvironment)));
        why = QStringLiteral("recorded with an older toolchain");
        break;
    }
    if (!selected)
        return selected.error();
    QList<CacheEntry> allowed;
    for (const CacheEntry &e : selected.value()) {
        if (identity.mayAccess(e.owner))
            allowed.append(e);
    }
    return removeEntries(allowed, bytes, why);
}

void BuildCache::collectGarbage()
{
    if (!m_index)
        return;
    const Result<QList<CacheEntry>> expired = m_index->expired(m_clock());
    if (expired)
        removeEntries(expired.value(), nullptr, QStringLiteral("expired"));
    else
        qCWarning(lcCache) << expired.errorString();
    enforceBudget(QString());
}

int BuildCache::removeEntries(const QList<CacheEntry> &entries, qint64 *bytes, const QString &why, const QString &keep)
{
    int removed = 0;
    for (const CacheEntry &e : entries) {
        if (e.key == keep)
            continue;
        const Result<bool> gone = m_index->remove(e.key, e.buildId);
        if (!gone) {
            qCWarning(lcCache) << gone.errorString();
            continue;
        }
        QFile::remove(recordingPath(e));
        QFile::remove(artifactsPath(e));
        if (!gone.value())
            continue;
        const Result<QByteArrayList> unused = m_index->releaseBlobs(e.buildId);
        if (unused)
            removeBlobs(unused.value());
        else
            qCWarning(lcCache) << unused.errorString();
        qCInfo(lcCache) << "removed" << e.key << "(" << why << ")";
        ++removed;
        if (bytes)
            *bytes += e.bytes;
    }
    return removed;
}

void BuildCache::enforceBudget(const QString &keep)
{
    const Result<qint64> total = m_index->totalBytes();
    if (!total || total.value() <= m_options.maxBytes)
        return;
    const Result<QList<CacheEntry>> lru = m_index->leastRecentlyUsed();
    if (!lru)
        return;
    qint64 bytes = total.value();
    for (const CacheEntry &e : lru.value()) {
        if (bytes <= m_options.maxBytes)
            break;
        if (e.key == keep)
            continue;
        if (removeEntries({e}, nullptr, QStringLiteral("least recently used, above [cache] max_bytes")) == 1)
            bytes -= e.bytes;
    }
}

void BuildCache::sweepOrphans()
{
    const QDir tmp(m_dir + QLatin1String("/tmp"));
    for (const QString &name : tmp.entryList(QDir::Files | QDir::Hidden))
        QFile::remove(tmp.filePath(name));
    for (const QString &name : tmp.entryList(QDir::Dirs | QDir::NoDotAndDotDot | QDir::Hidden))
        if (const Result<void> removed = TreeRemover::removeTree(tmp.filePath(name)); !removed) // import scratch
            qCWarning(lcCache) << removed.errorString();
    const Result<QList<CacheEntry>> entries = m_index->all();
    if (!entries) {
        qCWarning(lcCache) << entries.errorString();
        return;
    }
    QSet<QString> expected;
    QList<CacheEntry> missing;
    for (const CacheEntry &e : entries.value()) {
        expected.insert(recordingPath(e));
        expected.insert(artifactsPath(e));
        if (!QFileInfo::exists(recordingPath(e)) || (e.artifactsBytes > 0 && !QFileInfo::exists(artifactsPath(e))))
            missing.append(e);
    }
    for (const char *sub : {"recordings", "artifacts"}) {
        const QDir dir(m_dir + QLatin1Char('/') + QLatin1String(sub));
        for (const QString &name : dir.entryList(QDir::Files | QDir::Hidden)) {
            const QString path = dir.filePath(name);
            if (!expected.contains(path)) {
                qCInfo(lcCache) << "removing leftover cache file" << path;
                QFile::remove(path);
            }
        }
    }
    removeEntries(missing, nullptr, QStringLiteral("its files are missing"));
}

} // namespace BuildService
