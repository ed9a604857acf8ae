// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: BSD-2-Clause

// Tests for BuildCache (the cache policy): TTL by outcome (injected clock), LRU budget, single flight, invalidation,
// corruption handling, stats, and an index that survives reopening.
#include "resultverify.h"
#include "cache/buildcache.h"
#include "cache/environmentstamp.h"
#include "cachetestutil.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace BuildService;
using namespace BuildService::Test;

namespace {

struct FakeClock {
    qint64 now = 1800000000000LL;
    Clock clock()
    {
        return [this] { return now; };
    }
};

BuildCache::Options options(qint64 ttlSuccessSec = 1000, qint64 ttlFailureSec = 100, qint64 maxBytes = 1 << 30)
{
    BuildCache::Options o;
    o.ttlSuccessSec = ttlSuccessSec;
    o.ttlFailureSec = ttlFailureSec;
    o.maxBytes = maxBytes;
    o.gcIntervalMs = 0;
    return o;
}

QString keyOf(int n)
{
    return QStringLiteral("%1").arg(n, 32, 16, QLatin1Char('0'));
}

QString buildIdOf(int n)
{
    return QStringLiteral("bld_00000000-0000-0000-0000-%1").arg(n, 12, 10, QLatin1Char('0'));
}

/** Records and stores an entry like CachedBuild would; false when it was not stored. */
bool storeEntry(BuildCache &cache, FakeClock &fc, int n, int exitCode, const QByteArray &output = "output\n",
                const QString &workspace = QStringLiteral("ws_00000000-0000-0000-0000-000000000001"),
                const QString &toolchain = QString(), const QString &artifactsZip = QString())
{
    const QString key = keyOf(n);
    auto writer = std::make_unique<RecordingWriter>(cache.temporaryRecordingPath(buildIdOf(n)));
    RecordingHeader header;
    header.key = key;
    header.buildId = buildIdOf(n);
    if (!writer->open(header) || !writer->append(5, outputEvent(OutputStream::Stdout, output)))
        return false;
    ExitEvent exit;
    exit.code = exitCode;
    exit.durationMs = 2000;
    exit.artifactsBytes = artifactsZip.isEmpty() ? 0 : QFileInfo(artifactsZip).size();
    if (!writer->append(2000, exit.toJson()))
        return false;
    BuildCache::Recorded recorded;
    recorded.writer = std::move(writer);
    CacheEntry &e = recorded.entry;
    e.key = key;
    e.buildId = buildIdOf(n);
    e.workspaceId = workspace;
    e.command = QStringLiteral("make %1").arg(n);
    e.outcome = BuildCache::outcomeOf(exit);
    e.exitCode = exitCode;
    e.durationMs = 2000;
    e.createdMs = fc.now;
    e.lastAccessMs = fc.now;
    e.expiresMs = fc.now + cache.ttlMs(e.outcome);
    // What a build records: the toolchain fingerprint and this environment's stamp.
    e.toolchain = toolchain.isEmpty() ? cache.fingerprintWith(EnvironmentStamp::compute(EnvironmentStamp::pathDirectories(qEnvironmentVariable("PATH")))) : toolchain;
    recorded.artifactsZip = artifactsZip;
    cache.claim(key);
    QSignalSpy stored(&cache, &BuildCache::stored);
    QSignalSpy failed(&cache, &BuildCache::storeFailed);
    cache.store(std::move(recorded));
    if (!QTest::qWaitFor([&] { return stored.count() + failed.count() > 0; }, 10000))
        return false;
    return stored.count() == 1 && !cache.isClaimed(key);
}

QStringList filesIn(const QString &dir)
{
    return QDir(dir).entryList(QDir::Files);
}

} // namespace

class TestCachePolicy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void outcomeDecidesWhatMayBeCached_data()
    {
        QTest::addColumn<int>("code");
        QTest::addColumn<int>("signal");
        QTest::addColumn<bool>("timedOut");
        QTest::addColumn<bool>("cancelled");
        QTest::addColumn<QString>("outcome");
        QTest::newRow("exit 0") << 0 << 0 << false << false << QStringLiteral("success");
        QTest::newRow("exit 2") << 2 << 0 << false << false << QStringLiteral("failure");
        QTest::newRow("killed by signal") << 137 << 9 << false << false << QStringLiteral("failure");
        QTest::newRow("timed out") << 143 << 15 << true << false << QString();
        QTest::newRow("cancelled") << 143 << 15 << false << true << QString();
        QTest::newRow("cancelled after exit 0") << 0 << 0 << false << true << QString();
    }

    void outcomeDecidesWhatMayBeCached()
    {
        QFETCH(int, code);
        QFETCH(int, signal);
        QFETCH(bool, timedOut);
        QFETCH(bool, cancelled);
        QFETCH(QString, outcome);
        ExitEvent exit;
        exit.code = code;
        exit.signal = signal;
        exit.timedOut = timedOut;
        exit.cancelled = cancelled;
        QCOMPARE(BuildCache::outcomeOf(exit), outcome);
        BuildCache cache(QStringLiteral("/nonexistent"), options(1000, 100));
        QCOMPARE(cache.ttlMs(outcome), outcome == QLatin1String("success") ? 1000000 : outcome.isEmpty() ? 0 : 100000);
    }

    void entriesExpireByOutcome()
    {
        QTemporaryDir dir;
        FakeClock fc;
        BuildCache cache(dir.path(), options(1000, 100), fc.clock());
        QVERIFY_RESULT(cache.open());
        QVERIFY(storeEntry(cache, fc, 1, 0));
        QVERIFY(storeEntry(cache, fc, 2, 1));
        const QString recordings = dir.path() + QLatin1String("/cache/recordings");
        QCOMPARE(filesIn(recordings).size(), 2);

        fc.now += 99 * 1000;
        QVERIFY(cache.findLive(keyOf(1)));
        QVERIFY(cache.findLive(keyOf(2)));
        fc.now += 2 * 1000; // 101 s: the failure's TTL is over
        QVERIFY(cache.findLive(keyOf(1)));
        QVERIFY(!cache.findLive(keyOf(2)));
        QCOMPARE(filesIn(recordings).size(), 1);
        fc.now += 900 * 1000; // 1001 s: the success's TTL is over too; GC removes it
        cache.collectGarbage();
        QCOMPARE(filesIn(recordings).size(), 0);
        QVERIFY(!cache.findLive(keyOf(1)));
        QCOMPARE(cache.stats(10).value(QLatin1String("entries")).toInt(), 0);
    }

    void leastRecentlyUsedEntriesGoFirstAboveTheBudget()
    {
        QTemporaryDir dir;
        FakeClock fc;
        // Incompressible output so each recording has a predictable size (~20 KB).
        auto noise = [](int seed) {
            QByteArray b;
            quint32 s = quint32(seed);
            for (int i = 0; i < 20000; ++i) {
                s = s * 1103515245u + 12345u;
                b += char('!' + (s >> 16) % 90);
            }
            return b;
        };
        BuildCache cache(dir.path(), options(100000, 100000, 50000), fc.clock());
        QVERIFY_RESULT(cache.open());
        QVERIFY(storeEntry(cache, fc, 1, 0, noise(1)));
        fc.now += 1000;
        QVERIFY(storeEntry(cache, fc, 2, 0, noise(2)));
        fc.now += 1000;
        // Entry 1 is replayed, so entry 2 is now the least recently used.
        cache.countHit(*cache.findLive(keyOf(1)), 100);
        fc.now += 1000;
        QVERIFY(storeEntry(cache, fc, 3, 0, noise(3)));
        QVERIFY(cache.findLive(keyOf(1)));
        QVERIFY(!cache.findLive(keyOf(2)));
        QVERIFY(cache.findLive(keyOf(3)));
        QVERIFY(cache.stats(0).value(QLatin1String("bytes")).toDouble() <= 50000);
        QCOMPARE(filesIn(dir.path() + QLatin1String("/cache/recordings")).size(), 2);
    }

    void recordingLargerThanTheBudgetIsNotStored()
    {
        QTemporaryDir dir;
        FakeClock fc;
        BuildCache cache(dir.path(), options(1000, 1000, 200), fc.clock());
        QVERIFY_RESULT(cache.open());
        QVERIFY(!storeEntry(cache, fc, 1, 0, QByteArray(5000, 'x')));
        QVERIFY(!cache.findLive(keyOf(1)));
        QVERIFY(!cache.isClaimed(keyOf(1)));
        QCOMPARE(filesIn(dir.path() + QLatin1String("/cache/recordings")).size(), 0);
    }

    void identicalRequestsWaitForTheClaim()
    {
        QTemporaryDir dir;
        BuildCache cache(dir.path(), options());
        QVERIFY_RESULT(cache.open());
        QObject context;
        QStringList woken;
        cache.claim(keyOf(7));
        QVERIFY(cache.isClaimed(keyOf(7)));
        cache.waitFor(keyOf(7), &context, [&] { woken << QStringLiteral("first"); });
        cache.waitFor(keyOf(7), &context, [&] { woken << QStringLiteral("second"); });
        // Waking is a queued call: once every posted event has run, whatever was due has run.
        QCoreApplication::sendPostedEvents();
        QVERIFY(woken.isEmpty());
        cache.release(keyOf(7));
        QVERIFY(!cache.isClaimed(keyOf(7)));
        QTRY_COMPARE(woken, (QStringList{QStringLiteral("first"), QStringLiteral("second")}));
        // A waiter whose context is gone is skipped.
        cache.claim(keyOf(8));
        {
            QObject gone;
            cache.waitFor(keyOf(8), &gone, [&] { woken << QStringLiteral("gone"); });
        }
        cache.release(keyOf(8));
        QCoreApplication::sendPostedEvents();
        QCOMPARE(woken.size(), 2);
    }

    void clearsByKeyWorkspaceAllAndOldToolchains()
    {
        QTemporaryDir dir;
        FakeClock fc;
        BuildCache cache(dir.path(), options(), fc.clock());
        QVERIFY_RESULT(cache.open());
        cache.setToolchainFingerprint(QStringLiteral("00000000000000aa"));
        const QString wsA = QStringLiteral("ws_00000000-0000-0000-0000-00000000000a");
        const QString wsB = QStringLiteral("ws_00000000-0000-0000-0000-00000000000b");
        QVERIFY(storeEntry(cache, fc, 1, 0, "a", wsA));
        QVERIFY(storeEntry(cache, fc, 2, 0, "b", wsA));
        QVERIFY(storeEntry(cache, fc, 3, 0, "c", wsB));
        QVERIFY(storeEntry(cache, fc, 4, 0, "d", wsB, QStringLiteral("00000000000000bb")));
        QVERIFY(storeEntry(cache, fc, 5, 0, "e", wsB));

        CacheClearRequest r;
        r.scope = CacheClearRequest::Scope::OldToolchains;
        qint64 bytes = 0;
        QCOMPARE(cache.clear(r, Identity::local(), &bytes).value(), 1);
        QVERIFY(bytes > 0);
        QVERIFY(!cache.findLive(keyOf(4)));

        r.scope = CacheClearRequest::Scope::Key;
        r.value = keyOf(3);
        QCOMPARE(cache.clear(r, Identity::local()).value(), 1);
        QCOMPARE(cache.clear(r, Identity::local()).value(), 0);
        QVERIFY(!cache.findLive(keyOf(3)));

        r.scope = CacheClearRequest::Scope::Workspace;
        r.value = wsA;
        QCOMPARE(cache.clear(r, Identity::local()).value(), 2);
        QVERIFY(!cache.findLive(keyOf(1)));
        QVERIFY(!cache.findLive(keyOf(2)));
        QVERIFY(cache.findLive(keyOf(5)));

        r.scope = CacheClearRequest::Scope::All;
        QCOMPARE(cache.clear(r, Identity::local()).value(), 1);
        QCOMPARE(filesIn(dir.path() + QLatin1String("/cache/recordings")), QStringList());
        QCOMPARE(cache.stats(10).value(QLatin1String("entries")).toInt(), 0);
    }

    void corruptRecordingIsReportedAndDropped_data()
    {
        QTest::addColumn<QString>("damage");
        QTest::newRow("truncated recording") << QStringLiteral("truncate");
        QTest::newRow("garbled recording") << QStringLiteral("garble");
        QTest::newRow("recording deleted") << QStringLiteral("delete");
        QTest::newRow("artifacts changed") << QStringLiteral("artifacts");
    }

    void corruptRecordingIsReportedAndDropped()
    {
        QFETCH(QString, damage);
        QTemporaryDir dir;
        FakeClock fc;
        BuildCache cache(dir.path(), options(), fc.clock());
        QVERIFY_RESULT(cache.open());
        const QString zip = dir.filePath(QStringLiteral("artifacts.zip"));
        QVERIFY(writeFile(zip, "PK fake zip content"));
        QVERIFY(storeEntry(cache, fc, 1, 0, QByteArray(3000, 'y'), QString(), QString(), zip));
        const CacheEntry entry = *cache.findLive(keyOf(1));
        QCOMPARE(entry.artifactsBytes, qint64(19));

        QFile rec(cache.recordingPath(entry));
        if (damage == QLatin1String("truncate")) {
            QVERIFY(rec.resize(rec.size() - 3));
        } else if (damage == QLatin1String("garble")) {
            QVERIFY(rec.open(QIODevice::ReadWrite));
            rec.seek(rec.size() / 2);
            rec.write("\x13\x37");
            rec.close();
        } else if (damage == QLatin1String("delete")) {
            QVERIFY(rec.remove());
        } else {
            QVERIFY(writeFile(cache.artifactsPath(entry), "PK other zip content"));
        }

        QObject context;
        std::optional<Result<BuildCache::Prepared>> prepared;
        const QString target = dir.filePath(QStringLiteral("artifacts/bld_new/artifacts.zip"));
        cache.prepareReplay(entry, target, &context, [&](Result<BuildCache::Prepared> r) { prepared = r; });
        QTRY_VERIFY(prepared.has_value());
        QVERIFY(!prepared->ok());
        QCOMPARE(prepared->errorCode(), ErrorCode::IoError);
        cache.drop(entry, prepared->errorString());
        QVERIFY(!cache.findLive(keyOf(1)));
        QVERIFY(!QFileInfo::exists(cache.recordingPath(entry)));
        QVERIFY(!QFileInfo::exists(cache.artifactsPath(entry)));
    }

    void intactRecordingIsPreparedWithItsArtifacts()
    {
        QTemporaryDir dir;
        FakeClock fc;
        BuildCache cache(dir.path(), options(), fc.clock());
        QVERIFY_RESULT(cache.open());
        const QString zip = dir.filePath(QStringLiteral("artifacts.zip"));
        QVERIFY(writeFile(zip, "PK zip"));
        QVERIFY(storeEntry(cache, fc, 1, 0, "hello\n", QString(), QString(), zip));
        // The build's own artifacts may expire; the cache keeps its own link.
        QVERIFY(QFile::remove(zip));
        const CacheEntry entry = *cache.findLive(keyOf(1));
        QObject context;
        std::optional<Result<BuildCache::Prepared>> prepared;
        const QString target = dir.filePath(QStringLiteral("artifacts/bld_new/artifacts.zip"));
        cache.prepareReplay(entry, target, &context, [&](Result<BuildCache::Prepared> r) { prepared = r; });
        QTRY_VERIFY(prepared.has_value());
        QVERIFY2(prepared->ok(), qPrintable(prepared->errorString()));
        QCOMPARE(readFile(target), QByteArray("PK zip"));
        RecordedEvent event;
        QVERIFY(prepared->value().reader->next(&event).value());
        QCOMPARE(OutputEvent::fromJson(event.object()).data, QByteArray("hello\n"));
    }

    void indexAndCountersSurviveReopening()
    {
        QTemporaryDir dir;
        FakeClock fc;
        {
            BuildCache cache(dir.path(), options(), fc.clock());
            QVERIFY_RESULT(cache.open());
            QVERIFY(storeEntry(cache, fc, 1, 0));
            cache.countMiss(QStringLiteral("no_entry"));
            cache.countHit(*cache.findLive(keyOf(1)), 1500);
        }
        BuildCache again(dir.path(), options(), fc.clock());
        QVERIFY_RESULT(again.open());
        const std::optional<CacheEntry> entry = again.findLive(keyOf(1));
        QVERIFY(entry);
        QCOMPARE(entry->accessCount, qint64(1));
        const QJsonObject stats = again.stats(10);
        QCOMPARE(stats.value(QLatin1String("entries")).toInt(), 1);
        QCOMPARE(stats.value(QLatin1String("hits")).toInt(), 1);
        QCOMPARE(stats.value(QLatin1String("misses")).toInt(), 1);
        QCOMPARE(stats.value(QLatin1String("hit_rate")).toDouble(), 0.5);
        QCOMPARE(stats.value(QLatin1String("seconds_saved")).toDouble(), 1.5);
        const QJsonArray top = stats.value(QLatin1String("top")).toArray();
        QCOMPARE(top.size(), 1);
        QCOMPARE(top.first().toObject().value(QLatin1String("key")).toString(), keyOf(1));
        QCOMPARE(top.first().toObject().value(QLatin1String("access_count")).toInt(), 1);
    }

    void openRemovesLeftoversOfACrash()
    {
        QTemporaryDir dir;
        FakeClock fc;
        CacheEntry kept;
        {
            BuildCache cache(dir.path(), options(), fc.clock());
            QVERIFY_RESULT(cache.open());
            QVERIFY(storeEntry(cache, fc, 1, 0));
            QVERIFY(storeEntry(cache, fc, 2, 0));
            kept = *cache.findLive(keyOf(1));
            // Entry 2 lost its file (e.g. a disk problem): the row must go at the next start.
            QVERIFY(QFile::remove(cache.recordingPath(*cache.findLive(keyOf(2)))));
        }
        const QString cacheDir = dir.path() + QLatin1String("/cache");
        QVERIFY(writeFile(cacheDir + QLatin1String("/tmp/bld_x.rec.zst"), "half written"));
        QVERIFY(writeFile(cacheDir + QLatin1String("/recordings/") + keyOf(9) + QLatin1String("-bld_y.rec.zst"), "orphan"));
        QVERIFY(writeFile(cacheDir + QLatin1String("/artifacts/") + keyOf(9) + QLatin1String("-bld_y.zip"), "orphan"));

        BuildCache cache(dir.path(), options(), fc.clock());
        QVERIFY_RESULT(cache.open());
        QCOMPARE(filesIn(cacheDir + QLatin1String("/tmp")), QStringList());
        QCOMPARE(filesIn(cacheDir + QLatin1String("/recordings")), QStringList{QFileInfo(cache.recordingPath(kept)).fileName()});
        QCOMPARE(filesIn(cacheDir + QLatin1String("/artifacts")), QStringList());
        QVERIFY(cache.findLive(keyOf(1)));
        QVERIFY(!cache.findLive(keyOf(2)));
    }

    void damagedIndexIsSetAsideAndTheCacheStartsEmpty()
    {
        QTemporaryDir dir;
        FakeClock fc;
        {
            BuildCache cache(dir.path(), options(), fc.clock());
            QVERIFY_RESULT(cache.open());
            QVERIFY(storeEntry(cache, fc, 1, 0));
        }
        const QString cacheDir = dir.path() + QLatin1String("/cache");
        QFile::remove(cacheDir + QLatin1String("/index.sqlite-wal"));
        QFile::remove(cacheDir + QLatin1String("/index.sqlite-shm"));
        QVERIFY(writeFile(cacheDir + QLatin1String("/index.sqlite"), QByteArray(8192, 'z')));
        BuildCache cache(dir.path(), options(), fc.clock());
        const Result<void> opened = cache.open();
        QVERIFY2(opened.ok(), qPrintable(opened.errorString()));
        QVERIFY(!cache.findLive(keyOf(1)));
        QCOMPARE(filesIn(cacheDir + QLatin1String("/recordings")), QStringList());
        QCOMPARE(QDir(cacheDir).entryList({QStringLiteral("index.sqlite.broken-*")}, QDir::Files).size(), 1);
        QVERIFY(storeEntry(cache, fc, 2, 0));
    }

    void toolchainCommandsAreRunInTheBackground()
    {
        QTemporaryDir dir;
        BuildCache::Options o = options();
        o.toolchainCommands = QStringList{QStringLiteral("echo toolchain 1")};
        BuildCache cache(dir.path(), o);
        QVERIFY_RESULT(cache.open());
        QObject context;
        bool ready = false;
        cache.whenReady(&context, [&] { ready = true; });
        QTRY_VERIFY(ready);
        QCOMPARE(cache.toolchainFingerprint().size(), 16);
        BuildCache::Options other = o;
        other.salt = QStringLiteral("x");
        BuildCache salted(dir.path() + QLatin1String("/2"), other);
        QVERIFY_RESULT(salted.open());
        QTRY_VERIFY(salted.isReady());
        QVERIFY(salted.toolchainFingerprint() != cache.toolchainFingerprint());
    }

    void disabledCacheTouchesNothing()
    {
        QTemporaryDir dir;
        BuildCache::Options o = options();
        o.enabled = false;
        BuildCache cache(dir.path(), o);
        QVERIFY_RESULT(cache.open());
        QVERIFY(!cache.enabled());
        QVERIFY(!QFileInfo::exists(dir.path() + QLatin1String("/cache")));
        QCOMPARE(cache.stats(10).value(QLatin1String("enabled")).toBool(), false);
    }
};

QTEST_GUILESS_MAIN(TestCachePolicy)
#include "tst_cachepolicy.moc"
