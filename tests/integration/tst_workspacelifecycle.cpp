// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: BSD-2-Clause

// End-to-end: workspace lifecycle on the real server: TTL garbage collection, LRU eviction under
// count and size limits, concurrent builds on one workspace, expired workspace ids.
#include "lifecyclehelpers.h"
#include "serverprocess.h"

#include <QFileInfo>
#include <QProcessEnvironment>
#include <QTemporaryDir>
#include <QTest>

using namespace BuildService::Test;

class TestWorkspaceLifecycle : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void idleWorkspaceIsCollectedAfterTtl();
    void busyWorkspaceSurvivesGcRoundsPastItsTtl();
    void countLimitEvictsLeastRecentlyUsed();
    void sizeLimitEvictsLeastRecentlyUsed();
    void busyWorkspaceIsNeverEvicted();
    void queuedBuildStartsAfterTheRunningOneFinishes();
    void busyWorkspaceIsRejectedWhenConfigured();
    void expiredWorkspaceIdIsReplacedAndReported();

private:
    bool startServer(const QString &toml, bool gcDebugLog = false);
    QString makeCheckout(const QString &name, const QMap<QString, QByteArray> &files);
    QStringList buildArgs(const QString &command) const;
    CliResult build(const QString &checkout, const QString &command);
    /** A command that writes @p marker, waits until the go file exists, then prints "finished". */
    QString blockingCommand(const QString &marker) const;
    QString goFile() const { return m_tmp->filePath(QStringLiteral("go")); }
    QString metaPath(const QString &id) const { return m_server->dataDir() + QLatin1String("/workspace-meta/") + id; }
    bool workspaceGone(const QString &id) const;
    QByteArray serverLog();

    std::unique_ptr<QTemporaryDir> m_tmp;
    std::unique_ptr<ServerProcess> m_server;
    QByteArray m_log;
    QString m_sentinel;
};

void TestWorkspaceLifecycle::init()
{
    // The commands of this suite talk to the test through marker files outside the workspace, which the
    // sandbox hides (that is tested in tst_sandbox).
    ServerProcess::baseConfig() = QStringLiteral("[sandbox]\nenabled = false\n");
    m_tmp = std::make_unique<QTemporaryDir>();
    QVERIFY(m_tmp->isValid());
    m_log.clear();
    // Outside the data directory: no GC or eviction may ever touch it.
    m_sentinel = m_tmp->filePath(QStringLiteral("outside/sentinel.txt"));
    QVERIFY(writeFile(m_sentinel, "keep me\n"));
}

void TestWorkspaceLifecycle::cleanup()
{
    // Let any build that still waits finish, so a failed test leaves nothing running.
    (void)writeFile(goFile(), "go\n");
    if (m_server)
        QVERIFY2(m_server->stop(), "server did not exit cleanly on SIGTERM");
    m_server.reset();
    QCOMPARE(readFile(m_sentinel), QByteArray("keep me\n"));
    m_tmp.reset();
}

bool TestWorkspaceLifecycle::startServer(const QString &toml, bool gcDebugLog)
{
    m_server = std::make_unique<ServerProcess>();
    if (gcDebugLog) {
        // The GC says at debug level that it kept a busy workspace past its TTL.
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("buildservice.workspace.gc.debug=true"));
        m_server->process().setProcessEnvironment(env);
    }
    const bool started = m_server->start(m_tmp->filePath(QStringLiteral("data")), toml);
    if (!started)
        qWarning() << "server did not start:" << m_server->standardError();
    return started;
}

QString TestWorkspaceLifecycle::makeCheckout(const QString &name, const QMap<QString, QByteArray> &files)
{
    return writeTree(m_tmp->filePath(name), files);
}

QStringList TestWorkspaceLifecycle::buildArgs(const QString &command) const
{
    return {QStringLiteral("build"), QStringLiteral("--server"), m_server->url(), QStringLiteral("--"), command};
}

CliResult TestWorkspaceLifecycle::build(const QString &checkout, const QString &command)
{
    return runCli(buildArgs(command), checkout, 60000);
}

QString TestWorkspaceLifecycle::blockingCommand(const QString &marker) const
{
    return QStringLiteral("echo started > '%1'; while [ ! -e '%2' ]; do sleep 0.05; done; echo finished").arg(marker, goFile());
}

bool TestWorkspaceLifecycle::workspaceGone(const QString &id) const
{
    return !QFileInfo::exists(m_server->workspacePath(id)) && !QFileInfo::exists(metaPath(id));
}

QByteArray TestWorkspaceLifecycle::serverLog()
{
    m_log += m_server->standardError();
    return m_log;
}

static int countLines(const QByteArray &text, const QByteArray &a, const QByteArray &b)
{
    int n = 0;
    for (const QByteArray &line : text.split('\n'))
        n += line.contains(a) && line.contains(b) ? 1 : 0;
    return n;
}

void TestWorkspaceLifecycle::idleWorkspaceIsCollectedAfterTtl()
{
    QVERIFY(startServer(QStringLiteral("[build]\nworkspace_ttl_sec = 1\ngc_interval_sec = 1\n")));
    const QString checkout = makeCheckout(QStringLiteral("a"), {{QStringLiteral("src/a.txt"), "a\n"}});
    const CliResult r = build(checkout, QStringLiteral("cat src/a.txt > out.txt"));
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QString id = storedWorkspaceId(checkout);
    QVERIFY(QFileInfo::exists(m_server->workspacePath(id) + QLatin1String("/out.txt")));
    QVERIFY(QFileInfo::exists(metaPath(id) + QLatin1String("/last-used")));

    QTRY_VERIFY_WITH_TIMEOUT(workspaceGone(id), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(serverLog().contains("removed workspace " + id.toUtf8() + " reason: expired"), 5000);
    QVERIFY(m_server->workspaceIds().isEmpty());
    // The checkout itself is never touched by the server's GC.
    QCOMPARE(readFile(checkout + QLatin1String("/src/a.txt")), QByteArray("a\n"));
}

void TestWorkspaceLifecycle::busyWorkspaceSurvivesGcRoundsPastItsTtl()
{
    QVERIFY(startServer(QStringLiteral("[build]\nworkspace_ttl_sec = 1\ngc_interval_sec = 1\n"), true));
    const QString busyCheckout = makeCheckout(QStringLiteral("busy"), {{QStringLiteral("a.txt"), "busy\n"}});
    const QString marker = m_tmp->filePath(QStringLiteral("busy.started"));
    BackgroundCli busy;
    QVERIFY(busy.start(buildArgs(blockingCommand(marker)), busyCheckout));
    QTRY_VERIFY_WITH_TIMEOUT(QFileInfo::exists(marker), 20000);
    const QString busyId = storedWorkspaceId(busyCheckout);
    QVERIFY(busyId.startsWith(QLatin1String("ws_")));

    // A later, idle workspace: once the GC has collected it, the busy one (used earlier) was
    // past its TTL in that same run.
    const QString idleCheckout = makeCheckout(QStringLiteral("idle"), {{QStringLiteral("b.txt"), "idle\n"}});
    const CliResult idle = build(idleCheckout, QStringLiteral("true"));
    QVERIFY2(idle.exitCode == 0, idle.err.constData());
    const QString idleId = storedWorkspaceId(idleCheckout);
    QVERIFY(idleId != busyId);
    QTRY_VERIFY_WITH_TIMEOUT(workspaceGone(idleId), 10000);

    // Several GC rounds saw the busy workspace past its TTL and kept it.
    QTRY_VERIFY_WITH_TIMEOUT(countLines(serverLog(), busyId.toUtf8(), "is past its TTL but in use; kept for now") >= 3, 10000);
    QVERIFY(busy.isRunning());
    QVERIFY(QFileInfo::exists(m_server->workspacePath(busyId) + QLatin1String("/a.txt")));
    QVERIFY(QFileInfo::exists(metaPath(busyId) + QLatin1String("/file-list.txt")));
    QVERIFY(!serverLog().contains("removed workspace " + busyId.toUtf8()));

    QVERIFY(writeFile(goFile(), "go\n"));
    QVERIFY(busy.waitFinished());
    QVERIFY2(busy.exitCode() == 0, busy.err().constData());
    QVERIFY(busy.out().contains("finished\n"));
    // Once idle it ages like any other workspace.
    QTRY_VERIFY_WITH_TIMEOUT(workspaceGone(busyId), 10000);
}

void TestWorkspaceLifecycle::countLimitEvictsLeastRecentlyUsed()
{
    QVERIFY(startServer(QStringLiteral("[build]\nmax_workspaces = 2\ngc_interval_sec = 1\n")));
    QStringList checkouts;
    QStringList ids;
    for (int i = 1; i <= 3; ++i)
        checkouts << makeCheckout(QStringLiteral("c%1").arg(i), {{QStringLiteral("file.txt"), QByteArray::number(i) + '\n'}});
    for (int i = 0; i < 2; ++i) {
        const CliResult r = build(checkouts[i], QStringLiteral("true"));
        QVERIFY2(r.exitCode == 0, r.err.constData());
        ids << storedWorkspaceId(checkouts[i]);
    }
    // c1 is used again: now c2 is the least recently used one.
    const CliResult again = build(checkouts[0], QStringLiteral("true"));
    QVERIFY2(again.exitCode == 0, again.err.constData());
    QVERIFY(again.err.contains("reusing workspace " + ids[0].toUtf8()));
    const CliResult third = build(checkouts[2], QStringLiteral("true"));
    QVERIFY2(third.exitCode == 0, third.err.constData());
    ids << storedWorkspaceId(checkouts[2]);

    QTRY_VERIFY_WITH_TIMEOUT(workspaceGone(ids[1]), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(serverLog().contains("removed workspace " + ids[1].toUtf8()
                                                  + " reason: evicted as least recently used, 3 workspaces exceed max_workspaces 2"),
                             5000);
    QCOMPARE(readFile(m_server->workspacePath(ids[0]) + QLatin1String("/file.txt")), QByteArray("1\n"));
    QCOMPARE(readFile(m_server->workspacePath(ids[2]) + QLatin1String("/file.txt")), QByteArray("3\n"));
    QStringList expected{ids[0], ids[2]};
    expected.sort();
    QCOMPARE(m_server->workspaceIds(), expected);

    // The evicted checkout builds again in a new workspace and is told why.
    const CliResult back = build(checkouts[1], QStringLiteral("cat file.txt"));
    QVERIFY2(back.exitCode == 0, back.err.constData());
    QCOMPARE(back.out, QByteArray("2\n"));
    QVERIFY2(back.err.contains("(the server no longer knows the previous one)"), back.err.constData());
    QVERIFY(storedWorkspaceId(checkouts[1]) != ids[1]);
}

void TestWorkspaceLifecycle::sizeLimitEvictsLeastRecentlyUsed()
{
    // Each checkout holds 100000 bytes; two of them exceed the budget, one does not.
    QVERIFY(startServer(QStringLiteral("[build]\nmax_total_bytes = 150000\ngc_interval_sec = 1\n")));
    const QString c1 = makeCheckout(QStringLiteral("c1"), {{QStringLiteral("blob.bin"), QByteArray(100000, '1')}});
    const QString c2 = makeCheckout(QStringLiteral("c2"), {{QStringLiteral("blob.bin"), QByteArray(100000, '2')}});
    const CliResult r1 = build(c1, QStringLiteral("true"));
    QVERIFY2(r1.exitCode == 0, r1.err.constData());
    const QString id1 = storedWorkspaceId(c1);
    QTRY_COMPARE_WITH_TIMEOUT(readFile(metaPath(id1) + QLatin1String("/size")), QByteArray("100000"), 5000);
    const CliResult r2 = build(c2, QStringLiteral("true"));
    QVERIFY2(r2.exitCode == 0, r2.err.constData());
    const QString id2 = storedWorkspaceId(c2);

    QTRY_VERIFY_WITH_TIMEOUT(workspaceGone(id1), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(serverLog().contains("removed workspace " + id1.toUtf8()
                                                  + " reason: evicted as least recently used, 200000 bytes exceed max_total_bytes 150000"),
                             5000);
    // The run that evicted c1 stopped there: c2 alone fits.
    QCOMPARE(m_server->workspaceIds(), QStringList{id2});
    QCOMPARE(readFile(m_server->workspacePath(id2) + QLatin1String("/blob.bin")), QByteArray(100000, '2'));
    QVERIFY(!serverLog().contains("removed workspace " + id2.toUtf8()));
}

void TestWorkspaceLifecycle::busyWorkspaceIsNeverEvicted()
{
    QVERIFY(startServer(QStringLiteral("[build]\nmax_workspaces = 2\ngc_interval_sec = 1\n")));
    const QString c1 = makeCheckout(QStringLiteral("c1"), {{QStringLiteral("file.txt"), "1\n"}});
    const QString c2 = makeCheckout(QStringLiteral("c2"), {{QStringLiteral("file.txt"), "2\n"}});
    const QString c3 = makeCheckout(QStringLiteral("c3"), {{QStringLiteral("file.txt"), "3\n"}});
    const QString marker = m_tmp->filePath(QStringLiteral("c1.started"));
    BackgroundCli busy;
    QVERIFY(busy.start(buildArgs(blockingCommand(marker)), c1));
    QTRY_VERIFY_WITH_TIMEOUT(QFileInfo::exists(marker), 20000);
    const QString id1 = storedWorkspaceId(c1);

    // c1 is the least recently used workspace, but busy: c2, the oldest idle one, goes.
    QCOMPARE(build(c2, QStringLiteral("true")).exitCode, 0);
    const QString id2 = storedWorkspaceId(c2);
    QCOMPARE(build(c3, QStringLiteral("true")).exitCode, 0);
    const QString id3 = storedWorkspaceId(c3);
    QTRY_VERIFY_WITH_TIMEOUT(workspaceGone(id2), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(serverLog().contains("removed workspace " + id2.toUtf8() + " reason: evicted"), 5000);
    QVERIFY(busy.isRunning());
    QVERIFY(!serverLog().contains("removed workspace " + id1.toUtf8()));
    QCOMPARE(readFile(m_server->workspacePath(id1) + QLatin1String("/file.txt")), QByteArray("1\n"));
    QCOMPARE(readFile(m_server->workspacePath(id3) + QLatin1String("/file.txt")), QByteArray("3\n"));

    QVERIFY(writeFile(goFile(), "go\n"));
    QVERIFY(busy.waitFinished());
    QVERIFY2(busy.exitCode() == 0, busy.err().constData());
    QVERIFY(QFileInfo::exists(m_server->workspacePath(id1) + QLatin1String("/file.txt")));
}

void TestWorkspaceLifecycle::queuedBuildStartsAfterTheRunningOneFinishes()
{
    QVERIFY(startServer(QString()));
    const QString first = makeCheckout(QStringLiteral("first"), {{QStringLiteral("file.txt"), "same\n"}});
    QCOMPARE(build(first, QStringLiteral("true")).exitCode, 0);
    const QString id = storedWorkspaceId(first);
    // A second copy of the same checkout, workspace id included.
    const QString second = m_tmp->filePath(QStringLiteral("second"));
    QVERIFY(QDir().mkpath(second));
    QVERIFY(copyTree(first, second));
    QCOMPARE(storedWorkspaceId(second), id);
    const QString ws = m_server->workspacePath(id);

    BackgroundCli one;
    QVERIFY(one.start(buildArgs(QStringLiteral("date +%s%N > first.start; while [ ! -e '%1' ]; do sleep 0.05; done; "
                                               "date +%s%N > first.end").arg(goFile())),
                      first));
    QTRY_VERIFY_WITH_TIMEOUT(QFileInfo::exists(ws + QLatin1String("/first.start")), 20000);
    BackgroundCli two;
    QVERIFY(two.start(buildArgs(QStringLiteral("date +%s%N > second.start")), second));
    QTRY_VERIFY_WITH_TIMEOUT(two.err().contains("the workspace is busy; waiting (position 1 in the queue)"), 20000);
    QVERIFY(!QFileInfo::exists(ws + QLatin1String("/second.start")));
    QVERIFY(two.isRunning());

    QVERIFY(writeFile(goFile(), "go\n"));
    QVERIFY(one.waitFinished());
    QVERIFY(two.waitFinished());
    QVERIFY2(one.exitCode() == 0, one.err().constData());
    QVERIFY2(two.exitCode() == 0, two.err().constData());
    QVERIFY(two.err().contains("reusing workspace " + id.toUtf8()));
    bool ok1 = false;
    bool ok2 = false;
    const qint64 firstEnd = readFile(ws + QLatin1String("/first.end")).trimmed().toLongLong(&ok1);
    const qint64 secondStart = readFile(ws + QLatin1String("/second.start")).trimmed().toLongLong(&ok2);
    QVERIFY(ok1 && ok2);
    QVERIFY2(secondStart >= firstEnd, qPrintable(QStringLiteral("second started at %1, first ended at %2").arg(secondStart).arg(firstEnd)));
    QCOMPARE(storedWorkspaceId(second), id);
    QCOMPARE(m_server->workspaceIds(), QStringList{id});
}

void TestWorkspaceLifecycle::busyWorkspaceIsRejectedWhenConfigured()
{
    QVERIFY(startServer(QStringLiteral("[build]\nconcurrent_builds = \"reject\"\n")));
    const QString first = makeCheckout(QStringLiteral("first"), {{QStringLiteral("file.txt"), "same\n"}});
    QCOMPARE(build(first, QStringLiteral("true")).exitCode, 0);
    const QString id = storedWorkspaceId(first);
    const QString second = m_tmp->filePath(QStringLiteral("second"));
    QVERIFY(QDir().mkpath(second));
    QVERIFY(copyTree(first, second));
    const QString ws = m_server->workspacePath(id);

    const QString marker = m_tmp->filePath(QStringLiteral("first.started"));
    BackgroundCli one;
    QVERIFY(one.start(buildArgs(blockingCommand(marker)), first));
    QTRY_VERIFY_WITH_TIMEOUT(QFileInfo::exists(marker), 20000);

    const CliResult two = build(second, QStringLiteral("touch second.ran"));
    QCOMPARE(two.exitCode, 125);
    QVERIFY2(two.err.contains("error (workspace_busy): workspace " + id.toUtf8() + " is busy with another build"), two.err.constData());
    QVERIFY(two.err.contains("concurrent_builds = \"reject\""));
    QVERIFY(!QFileInfo::exists(ws + QLatin1String("/second.ran")));
    QCOMPARE(storedWorkspaceId(second), id);

    QVERIFY(writeFile(goFile(), "go\n"));
    QVERIFY(one.waitFinished());
    QVERIFY2(one.exitCode() == 0, one.err().constData());
    // Free again: the rejected checkout builds now.
    const CliResult retry = build(second, QStringLiteral("touch second.ran"));
    QVERIFY2(retry.exitCode == 0, retry.err.constData());
    QVERIFY(QFileInfo::exists(ws + QLatin1String("/second.ran")));
}

void TestWorkspaceLifecycle::expiredWorkspaceIdIsReplacedAndReported()
{
    // The GC never runs during the test: expiry is decided when the build asks for the workspace.
    QVERIFY(startServer(QStringLiteral("[build]\nworkspace_ttl_sec = 1\ngc_interval_sec = 3600\n")));
    const QString checkout = makeCheckout(QStringLiteral("a"), {{QStringLiteral("file.txt"), "v1\n"}});
    QCOMPARE(build(checkout, QStringLiteral("touch output.o")).exitCode, 0);
    const QString oldId = storedWorkspaceId(checkout);
    QVERIFY(QFileInfo::exists(m_server->workspacePath(oldId) + QLatin1String("/output.o")));
    // Last used long ago (1970): deterministic instead of waiting for the TTL.
    QVERIFY(writeFile(metaPath(oldId) + QLatin1String("/last-used"), "1000\n"));

    QVERIFY(writeFile(checkout + QLatin1String("/file.txt"), "v2\n"));
    const CliResult r = build(checkout, QStringLiteral("cat file.txt; ls"));
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QString newId = storedWorkspaceId(checkout);
    QVERIFY(newId.startsWith(QLatin1String("ws_")));
    QVERIFY(newId != oldId);
    QVERIFY2(r.err.contains("new workspace " + newId.toUtf8() + " (the previous one expired)"), r.err.constData());
    // A fresh workspace: the old build output is not there, the sources are.
    QCOMPARE(r.out, QByteArray("v2\nfile.txt\n"));
    QVERIFY(workspaceGone(oldId));
    QCOMPARE(m_server->workspaceIds(), QStringList{newId});
}

QTEST_GUILESS_MAIN(TestWorkspaceLifecycle)
#include "tst_workspacelifecycle.moc"
