// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: BSD-2-Clause

// Tests for WorkspaceGc: TTL expiry that spares busy workspaces, LRU eviction, artifact expiry, timer.
#include "resultverify.h"
#include "workspace/workspacegc.h"
#include "workspace/workspacelocks.h"
#include "workspace/workspacestore.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace BuildService;

namespace {

struct FakeClock {
    qint64 now = 1700000000000LL;
    Clock clock()
    {
        return [this] { return now; };
    }
};

ServerConfig gcConfig(qint64 ttlSec, qint64 maxWorkspaces = 0, qint64 maxTotalBytes = 0)
{
    ServerConfig c;
    c.build.workspaceTtlSec = ttlSec;
    c.build.maxWorkspaces = maxWorkspaces;
    c.build.maxTotalBytes = maxTotalBytes;
    return c;
}

bool writeFile(const QString &fileName, const QByteArray &content, const QDateTime &mtime = QDateTime())
{
    QDir().mkpath(QFileInfo(fileName).absolutePath());
    QFile f(fileName);
    if (!f.open(QIODevice::WriteOnly) || f.write(content) != content.size())
        return false;
    // Flush first: writing the buffered data later would bump the time again.
    return f.flush() && (!mtime.isValid() || f.setFileTime(mtime, QFileDevice::FileModificationTime));
}

} // namespace

class TestWorkspaceGc : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void expiresIdleWorkspaceButNeverBusyOne()
    {
        QTemporaryDir dir;
        FakeClock fc;
        WorkspaceStore store(dir.path(), 100, fc.clock());
        QVERIFY_RESULT(store.open());
        WorkspaceLocks locks;
        WorkspaceGc gc(store, locks, gcConfig(100), fc.clock());

        const QString busy = store.create().value();
        const QString idle = store.create().value();
        fc.now += 50 * 1000;
        const QString fresh = store.create().value();

        QVERIFY(gc.runOnce().expired.isEmpty());
        fc.now += 51 * 1000;
        QVERIFY(locks.tryAcquire(busy));
        const WorkspaceGc::Report report = gc.runOnce();
        QCOMPARE(report.expired, QStringList{idle});
        QVERIFY(report.evicted.isEmpty());
        QCOMPARE(store.lookup(idle), WorkspaceStore::Lookup::Unknown);
        QVERIFY(!QFileInfo::exists(store.workspacePath(idle)));
        QCOMPARE(store.lookup(busy), WorkspaceStore::Lookup::Expired);
        QVERIFY(QFileInfo::exists(store.workspacePath(busy)));
        QCOMPARE(store.lookup(fresh), WorkspaceStore::Lookup::Live);

        locks.release(busy);
        QCOMPARE(gc.runOnce().expired, QStringList{busy});
        QCOMPARE(store.lookup(busy), WorkspaceStore::Lookup::Unknown);
        QCOMPARE(store.lookup(fresh), WorkspaceStore::Lookup::Live);
    }

    void zeroTtlRemovesEveryIdleWorkspace()
    {
        QTemporaryDir dir;
        FakeClock fc;
        WorkspaceStore store(dir.path(), 0, fc.clock());
        QVERIFY_RESULT(store.open());
        WorkspaceLocks locks;
        WorkspaceGc gc(store, locks, gcConfig(0), fc.clock());
        const QString id = store.create().value();
        QCOMPARE(gc.runOnce().expired, QStringList{id});
        QVERIFY(store.list().isEmpty());
    }

    void countLimitEvictsLeastRecentlyUsed()
    {
        QTemporaryDir dir;
        FakeClock fc;
        WorkspaceStore store(dir.path(), 100000, fc.clock());
        QVERIFY_RESULT(store.open());
        WorkspaceLocks locks;
        WorkspaceGc gc(store, locks, gcConfig(100000, 2), fc.clock());

        QStringList ids;  // created one second apart: ids[0] is the oldest
        for (int i = 0; i < 5; ++i) {
            ids.append(store.create().value());
            fc.now += 1000;
        }
        QVERIFY_RESULT(store.touch(ids[1]));  // ids[1] becomes the most recently used
        QVERIFY(locks.tryAcquire(ids[0]));  // the least recently used one is busy

        const WorkspaceGc::Report report = gc.runOnce();
        QVERIFY(report.expired.isEmpty());
        QCOMPARE(report.evicted, (QStringList{ids[2], ids[3], ids[4]}));
        QCOMPARE(store.list().size(), 2);
        QCOMPARE(store.lookup(ids[0]), WorkspaceStore::Lookup::Live);
        QCOMPARE(store.lookup(ids[1]), WorkspaceStore::Lookup::Live);

        // Released, the busy one is evicted on a later run only if still over the limit: it is not.
        locks.release(ids[0]);
        QVERIFY(gc.runOnce().evicted.isEmpty());
    }

    void sizeLimitEvictsLeastRecentlyUsed()
    {
        QTemporaryDir dir;
        FakeClock fc;
        WorkspaceStore store(dir.path(), 100000, fc.clock());
        QVERIFY_RESULT(store.open());
        WorkspaceLocks locks;
        WorkspaceGc gc(store, locks, gcConfig(100000, 0, 1000), fc.clock());

        const QString a = store.create().value();
        fc.now += 1000;
        const QString b = store.create().value();
        fc.now += 1000;
        const QString c = store.create().value();
        fc.now += 1000;
        QVERIFY_RESULT(store.recordSize(a, 300));
        QVERIFY_RESULT(store.recordSize(b, 600));
        QVERIFY_RESULT(store.recordSize(c, 300));
        QVERIFY_RESULT(store.touch(a));  // order now: b, c, a

        const WorkspaceGc::Report report = gc.runOnce();
        QCOMPARE(report.evicted, QStringList{b});
        QCOMPARE(store.list().size(), 2);

        QVERIFY_RESULT(store.recordSize(c, 800));  // 300 + 800 > 1000: c is now the oldest
        QCOMPARE(gc.runOnce().evicted, QStringList{c});
        QCOMPARE(store.lookup(a), WorkspaceStore::Lookup::Live);
    }

    void expiresOldArtifacts()
    {
        QTemporaryDir dir;
        const qint64 realNow = QDateTime::currentMSecsSinceEpoch();
        Clock clock = [realNow] { return realNow; };
        WorkspaceStore store(dir.path(), 3600, clock);
        QVERIFY_RESULT(store.open());
        WorkspaceLocks locks;
        ServerConfig config = gcConfig(3600);
        config.artifacts.ttlSec = 100;
        WorkspaceGc gc(store, locks, config, clock);

        const QString oldBuild = QStringLiteral("bld_00000000-0000-4000-8000-000000000001");
        const QString newBuild = QStringLiteral("bld_00000000-0000-4000-8000-000000000002");
        QVERIFY(writeFile(store.artifactsPath(oldBuild) + QLatin1String("/artifacts.zip"), "old",
                          QDateTime::fromMSecsSinceEpoch(realNow - 200 * 1000)));
        QVERIFY(writeFile(store.artifactsPath(newBuild) + QLatin1String("/artifacts.zip"), "new",
                          QDateTime::fromMSecsSinceEpoch(realNow - 50 * 1000)));

        const WorkspaceGc::Report report = gc.runOnce();
        QCOMPARE(report.artifactsRemoved, QStringList{oldBuild});
        QVERIFY(!QFileInfo::exists(store.artifactsPath(oldBuild)));
        QVERIFY(QFileInfo::exists(store.artifactsPath(newBuild) + QLatin1String("/artifacts.zip")));
    }

    void timerRunsCollection()
    {
        QTemporaryDir dir;
        FakeClock fc;
        WorkspaceStore store(dir.path(), 10, fc.clock());
        QVERIFY_RESULT(store.open());
        WorkspaceLocks locks;
        ServerConfig config = gcConfig(10);
        config.build.gcIntervalSec = 1;
        WorkspaceGc gc(store, locks, config, fc.clock());
        const QString id = store.create().value();
        fc.now += 11 * 1000;

        QSignalSpy spy(&gc, &WorkspaceGc::collected);
        gc.start();
        QVERIFY(spy.wait(5000));
        gc.stop();
        const auto report = spy.at(0).at(0).value<WorkspaceGc::Report>();
        QCOMPARE(report.expired, QStringList{id});
        QVERIFY(store.list().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestWorkspaceGc)
#include "tst_workspacegc.moc"
