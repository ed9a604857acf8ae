// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: BSD-2-Clause

// Tests for CachedBuild: miss -> record -> replay byte for byte, modes, single flight,
// never caching timeouts/cancels, corrupt recordings, cancel while waiting or replaying.
#include "resultverify.h"
#include "cache/buildcache.h"
#include "cache/cachedbuild.h"
#include "cachetestutil.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace BuildService;
using namespace BuildService::Test;

namespace {

BuildRequest request(const QString &command = QStringLiteral("make"), CacheSpec::Mode mode = CacheSpec::Mode::Use)
{
    BuildRequest r;
    r.command = command;
    r.cache.mode = mode;
    return r;
}

Manifest tree()
{
    Manifest m;
    ManifestEntry e;
    e.path = QStringLiteral("main.c");
    e.size = 10;
    e.hash = 42;
    m.insert(e);
    return m;
}

/** One build against the cache, with its own sink and the ids a BuildJob would give it. */
struct Build {
    Build(BuildCache &cache, const BuildRequest &r, int n, const QString &dataDir)
        : target{QStringLiteral("bld_00000000-0000-0000-0000-%1").arg(n, 12, 10, QLatin1Char('0')),
                 QStringLiteral("ws_00000000-0000-0000-0000-%1").arg(n, 12, 10, QLatin1Char('0')),
                 QStringLiteral("/srv/ws%1").arg(n), dataDir + QStringLiteral("/artifacts/%1/artifacts.zip").arg(n), QString(), QString(), QStringLiteral("tester"), QByteArray(), QString(), QString()}
        , cached(cache, r, tree(), target, &sink, WorkspaceState::clean(), QStringLiteral("stamp"))
        , live(&cached, &CachedBuild::runLive)
        , replayed(&cached, &CachedBuild::replayed)
        , failed(&cached, &CachedBuild::failed)
    {
    }

    /** What a BuildJob does for a live run: started, the output, then the exit event. */
    ExitEvent runLive(const QList<QPair<OutputStream, QByteArray>> &output, int code = 0, bool timedOut = false,
                      bool cancelled = false, bool errorEvent = false)
    {
        EventSink *s = cached.liveSink();
        s->sendEvent(StartedMessage{target.buildId, target.workspacePath, {}}.toJson());
        for (const auto &chunk : output)
            s->sendEvent(outputEvent(chunk.first, chunk.second));
        if (errorEvent)
            s->sendEvent(errorMessage(makeError(ErrorCode::ArtifactsFailed, QStringLiteral("zip failed")), target.buildId));
        ExitEvent exit;
        exit.code = code;
        exit.timedOut = timedOut;
        exit.cancelled = cancelled;
        exit.durationMs = 4000;
        exit.buildId = target.buildId;
        exit.workspaceId = target.workspaceId;
        StateScanner::Scan scan;
        CacheInfo info;
        bool done = false;
        cached.completeLive(exit, scan, [&](const CacheInfo &i) {
            info = i;
            done = true;
        });
        if (!done)
            return exit;
        exit.cache = info;
        s->sendEvent(exit.toJson());
        return exit;
    }

    QJsonObject exitJson() const { return sink.ofType(QStringLiteral("exit")).value(0); }

    CachedBuild::Target target;
    CaptureSink sink;
    CachedBuild cached;
    QSignalSpy live;
    QSignalSpy replayed;
    QSignalSpy failed;
};

const QList<QPair<OutputStream, QByteArray>> s_output{
    {OutputStream::Stdout, "[1/3] compiling main.c\n"},
    {OutputStream::Stderr, "main.c:3: warning: unused variable\n"},
    {OutputStream::Stdout, "[2/3] compiling"},
    {OutputStream::Stdout, " util.c\n"},
    {OutputStream::Stderr, QByteArray("\xff\xfe not utf-8\n", 13)},
    {OutputStream::Stdout, "[3/3] linking\n"},
};

QByteArray interleaved(const QList<QPair<OutputStream, QByteArray>> &output)
{
    QByteArray all;
    for (const auto &chunk : output)
        all += (chunk.first == OutputStream::Stdout ? "1:" : "2:") + chunk.second;
    return all;
}

} // namespace

class TestCachedBuild : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<BuildCache> m_cache;

    bool waitStored()
    {
        QSignalSpy stored(m_cache.get(), &BuildCache::stored);
        return stored.wait(10000);
    }

private Q_SLOTS:
    void initTestCase()
    {
        qRegisterMetaType<Error>();
    }

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        BuildCache::Options o;
        o.gcIntervalMs = 0;
        o.ttlFailureSec = 100;
        m_cache = std::make_unique<BuildCache>(m_dir->path(), o);
        QVERIFY_RESULT(m_cache->open());
        QVERIFY(m_cache->isReady());
    }

    void cleanup()
    {
        m_cache.reset();
        m_dir.reset();
    }

    void missRecordsAndTheNextBuildReplaysByteForByte()
    {
        Build first(*m_cache, request(), 1, m_dir->path());
        first.cached.start();
        QCOMPARE(first.live.count(), 1);
        QCOMPARE(first.cached.liveInfo().status, QStringLiteral("miss"));
        QVERIFY(m_cache->isClaimed(first.cached.liveInfo().key));
        first.runLive(s_output, 2);
        QVERIFY(waitStored());
        QCOMPARE(first.sink.interleaved(), interleaved(s_output));

        Build second(*m_cache, request(), 2, m_dir->path());
        second.cached.start();
        QTRY_COMPARE(second.replayed.count(), 1);
        QCOMPARE(second.live.count(), 0);
        QCOMPARE(second.sink.interleaved(), interleaved(s_output));
        // Each output message is the recorded one, JSON and all.
        QCOMPARE(second.sink.ofType(QStringLiteral("output")), first.sink.ofType(QStringLiteral("output")));

        const StartedMessage started = StartedMessage::fromJson(second.sink.ofType(QStringLiteral("started")).value(0));
        QCOMPARE(started.buildId, second.target.buildId);
        QCOMPARE(started.workspacePath, first.target.workspacePath); // the paths the output refers to
        QVERIFY(started.cache.hit());
        const ExitEvent exit = ExitEvent::fromJson(second.exitJson());
        QCOMPARE(exit.code, 2);
        QVERIFY(exit.cached);
        QCOMPARE(exit.buildId, second.target.buildId);
        QCOMPARE(exit.workspaceId, second.target.workspaceId);
        QVERIFY(exit.cache.hit());
        QCOMPARE(exit.cache.key, first.cached.liveInfo().key);
        QCOMPARE(exit.cache.originalBuildId, first.target.buildId);
        QCOMPARE(exit.cache.originalDurationMs, qint64(4000));
        QVERIFY(exit.durationMs < 4000);
        QVERIFY(exit.cache.secondsSaved > 3.0);
        QVERIFY(exit.cache.originalDateMs > 0);
        QCOMPARE(m_cache->stats(1).value(QLatin1String("hits")).toInt(), 1);
        QCOMPARE(m_cache->stats(1).value(QLatin1String("misses")).toInt(), 1);
    }

    void otherCommandIsAMiss()
    {
        Build first(*m_cache, request(), 1, m_dir->path());
        first.cached.start();
        first.runLive(s_output);
        QVERIFY(waitStored());
        Build other(*m_cache, request(QStringLiteral("make check")), 2, m_dir->path());
        other.cached.start();
        QCOMPARE(other.live.count(), 1);
        QCOMPARE(other.cached.liveInfo().status, QStringLiteral("miss"));
    }

    void timedOutCancelledAndErroredBuildsAreNeverCached_data()
    {
        QTest::addColumn<bool>("timedOut");
        QTest::addColumn<bool>("cancelled");
        QTest::addColumn<bool>("errorEvent");
        QTest::newRow("timed out") << true << false << false;
        QTest::newRow("cancelled") << false << true << false;
        QTest::newRow("error during the build") << false << false << true;
    }

    void timedOutCancelledAndErroredBuildsAreNeverCached()
    {
        QFETCH(bool, timedOut);
        QFETCH(bool, cancelled);
        QFETCH(bool, errorEvent);
        Build first(*m_cache, request(), 1, m_dir->path());
        first.cached.start();
        const QString key = first.cached.liveInfo().key;
        first.runLive(s_output, 143, timedOut, cancelled, errorEvent);
        QVERIFY(!m_cache->isClaimed(key));
        QTest::qWait(20);
        QCOMPARE(m_cache->stats(0).value(QLatin1String("entries")).toInt(), 0);
        QCOMPARE(QDir(m_dir->path() + QLatin1String("/cache/tmp")).entryList(QDir::Files), QStringList());
        Build second(*m_cache, request(), 2, m_dir->path());
        second.cached.start();
        QCOMPARE(second.live.count(), 1);
    }

    void failureIsNotCachedWhenItsTtlIsZero()
    {
        m_cache.reset();
        BuildCache::Options o;
        o.gcIntervalMs = 0;
        o.ttlFailureSec = 0;
        m_cache = std::make_unique<BuildCache>(m_dir->path(), o);
        QVERIFY_RESULT(m_cache->open());
        Build first(*m_cache, request(), 1, m_dir->path());
        first.cached.start();
        first.runLive(s_output, 1);
        Build second(*m_cache, request(), 2, m_dir->path());
        second.cached.start();
        QCOMPARE(second.live.count(), 1);
    }

    void freshBuildRunsAndReplacesTheRecording()
    {
        Build first(*m_cache, request(), 1, m_dir->path());
        first.cached.start();
        first.runLive({{OutputStream::Stdout, "old\n"}});
        QVERIFY(waitStored());
        Build fresh(*m_cache, request(QStringLiteral("make"), CacheSpec::Mode::Fresh), 2, m_dir->path());
        fresh.cached.start();
        QCOMPARE(fresh.live.count(), 1);
        QCOMPARE(fresh.cached.liveInfo().status, QStringLiteral("miss"));
        QCOMPARE(fresh.cached.liveInfo().reason, QStringLiteral("fresh_requested"));
        QCOMPARE(fresh.cached.liveInfo().key, first.cached.liveInfo().key);
        fresh.runLive({{OutputStream::Stdout, "new\n"}});
        QVERIFY(waitStored());
        Build third(*m_cache, request(), 3, m_dir->path());
        third.cached.start();
        QTRY_COMPARE(third.replayed.count(), 1);
        QCOMPARE(third.sink.interleaved(), QByteArray("1:new\n"));
        QCOMPARE(ExitEvent::fromJson(third.exitJson()).cache.originalBuildId, fresh.target.buildId);
        QCOMPARE(QDir(m_dir->path() + QLatin1String("/cache/recordings")).entryList(QDir::Files).size(), 1);
    }

    void offNeitherReplaysNorRecords()
    {
        Build first(*m_cache, request(), 1, m_dir->path());
        first.cached.start();
        first.runLive(s_output);
        QVERIFY(waitStored());
        Build off(*m_cache, request(QStringLiteral("make"), CacheSpec::Mode::Off), 2, m_dir->path());
        off.cached.start();
        QCOMPARE(off.live.count(), 1);
        QCOMPARE(off.cached.liveInfo().status, QStringLiteral("off"));
        QCOMPARE(off.cached.liveSink(), static_cast<EventSink *>(&off.sink));
    }

    void identicalBuildWaitsForTheRunningOneAndReplaysIt()
    {
        Build first(*m_cache, request(), 1, m_dir->path());
        first.cached.start();
        Build second(*m_cache, request(), 2, m_dir->path());
        second.cached.start();
        QCOMPARE(second.cached.state(), CachedBuild::State::WaitingForIdentical);
        QTest::qWait(20);
        QCOMPARE(second.live.count(), 0);
        first.runLive(s_output);
        QTRY_COMPARE(second.replayed.count(), 1);
        QCOMPARE(second.live.count(), 0);
        QCOMPARE(second.sink.interleaved(), interleaved(s_output));
    }

    void waiterBuildsLiveWhenTheRunningOneIsNotCached()
    {
        Build first(*m_cache, request(), 1, m_dir->path());
        first.cached.start();
        Build second(*m_cache, request(), 2, m_dir->path());
        second.cached.start();
        Build third(*m_cache, request(), 3, m_dir->path());
        third.cached.start();
        first.runLive(s_output, 143, false, true); // cancelled: nothing to replay
        // One waiter takes over the build; the other waits for it in turn.
        QTRY_COMPARE(second.live.count(), 1);
        QTest::qWait(20);
        QCOMPARE(third.live.count(), 0);
        QCOMPARE(third.cached.state(), CachedBuild::State::WaitingForIdentical);
        second.runLive(s_output);
        QTRY_COMPARE(third.replayed.count(), 1);
    }

    void corruptRecordingIsDroppedAndTheBuildRunsLive()
    {
        Build first(*m_cache, request(), 1, m_dir->path());
        first.cached.start();
        first.runLive(s_output);
        QVERIFY(waitStored());
        const QString recordings = m_dir->path() + QLatin1String("/cache/recordings");
        const QStringList files = QDir(recordings).entryList(QDir::Files);
        QCOMPARE(files.size(), 1);
        QFile rec(recordings + QLatin1Char('/') + files.first());
        QVERIFY(rec.resize(rec.size() - 5));

        Build second(*m_cache, request(), 2, m_dir->path());
        second.cached.start();
        QTRY_COMPARE(second.live.count(), 1);
        QCOMPARE(second.replayed.count(), 0);
        QVERIFY(second.sink.events.isEmpty()); // nothing of the broken recording reached the client
        QCOMPARE(second.cached.liveInfo().status, QStringLiteral("miss"));
        QCOMPARE(QDir(recordings).entryList(QDir::Files), QStringList());
        second.runLive(s_output);
        QVERIFY(waitStored());
    }

    void cancelWhileWaitingEndsTheBuild()
    {
        Build first(*m_cache, request(), 1, m_dir->path());
        first.cached.start();
        Build second(*m_cache, request(), 2, m_dir->path());
        second.cached.start();
        second.cached.cancel();
        QCOMPARE(second.failed.count(), 1);
        QCOMPARE(second.failed.first().first().value<Error>().code, ErrorCode::Cancelled);
        first.runLive(s_output);
        QVERIFY(waitStored());
        QTest::qWait(20);
        QCOMPARE(second.replayed.count(), 0);
        QVERIFY(second.sink.events.isEmpty());
    }

    void cancelDuringAReplayStopsIt()
    {
        Build first(*m_cache, request(), 1, m_dir->path());
        first.cached.start();
        first.runLive(s_output);
        QVERIFY(waitStored());
        BuildRequest realtime = request();
        realtime.cache.replaySpeed = 0.1; // 4 s recorded -> 40 s: still running when cancelled
        Build second(*m_cache, realtime, 2, m_dir->path());
        second.cached.start();
        QTRY_COMPARE(second.cached.state(), CachedBuild::State::Replaying);
        second.cached.cancel();
        QCOMPARE(second.replayed.count(), 1);
        const ExitEvent exit = ExitEvent::fromJson(second.exitJson());
        QVERIFY(exit.cancelled);
        QVERIFY(exit.cached);
    }
};

QTEST_GUILESS_MAIN(TestCachedBuild)
#include "tst_cachedbuild.moc"
