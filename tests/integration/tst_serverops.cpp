// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: BSD-2-Clause

// End-to-end: what an administrator sees and does: the log format (timestamps and levels, or
// journald priorities under systemd), one log line per build, and the drain on SIGTERM.
#include "lifecyclehelpers.h"
#include "serverprocess.h"

#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace BuildService::Test;

class TestServerOps : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void logLinesCarryTimeLevelAndCategory();
    void underSystemdLinesCarryJournalPriorities();
    void drainLetsARunningBuildFinishAndRefusesNewOnes();
    void drainTimeoutCancelsTheRestAndExitsZero();
    void secondSigtermCancelsAtOnce();

private:
    bool startServer(const QString &toml, const QStringList &launcher = {});
    QByteArray serverLog();
    QString checkout();
    QStringList buildArgs(const QString &command) const
    {
        return {QStringLiteral("build"), QStringLiteral("--server"), m_server->url(), QStringLiteral("--"), command};
    }
    QString goFile() const { return m_tmp->filePath(QStringLiteral("go")); }
    /** Prints "started", waits for goFile(), prints "after" and exits with 7. */
    QString waitingCommand() const
    {
        return QStringLiteral("echo started; while [ ! -e '%1' ]; do sleep 0.05; done; echo after; exit 7").arg(goFile());
    }
    /** Waits until the server process has exited; true when it exited normally with status 0. */
    bool serverExitedCleanly(int timeoutMs = 60000);

    std::unique_ptr<QTemporaryDir> m_tmp;
    std::unique_ptr<ServerProcess> m_server;
    QByteArray m_log;
};

void TestServerOps::init()
{
    // The drain tests release their builds through a file outside the workspace, which the
    // sandbox hides (that is tested in tst_sandbox).
    ServerProcess::baseConfig() = QStringLiteral("[sandbox]\nenabled = false\n");
    m_tmp = std::make_unique<QTemporaryDir>();
    QVERIFY(m_tmp->isValid());
    m_log.clear();
}

void TestServerOps::cleanup()
{
    (void)writeFile(goFile(), "go\n");
    if (m_server && m_server->process().state() != QProcess::NotRunning)
        QVERIFY2(m_server->stop(), "server did not exit cleanly on SIGTERM");
    m_server.reset();
    m_tmp.reset();
}

bool TestServerOps::startServer(const QString &toml, const QStringList &launcher)
{
    m_server = std::make_unique<ServerProcess>();
    m_server->setLauncher(launcher);
    if (!m_server->start(m_tmp->filePath(QStringLiteral("data")), QStringLiteral("[cache]\nenabled = false\n") + toml)) {
        qWarning() << "server did not start:" << m_server->standardError();
        return false;
    }
    return true;
}

QByteArray TestServerOps::serverLog()
{
    m_log += m_server->standardError();
    return m_log;
}

QString TestServerOps::checkout()
{
    const QString dir = m_tmp->filePath(QStringLiteral("checkout"));
    return writeFile(dir + QLatin1String("/a.txt"), "a\n") ? dir : QString();
}

bool TestServerOps::serverExitedCleanly(int timeoutMs)
{
    QProcess &process = m_server->process();
    QElapsedTimer timer;
    timer.start();
    while (process.state() != QProcess::NotRunning && timer.elapsed() < timeoutMs)
        QTest::qWait(10);
    serverLog();
    return process.state() == QProcess::NotRunning && process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0;
}

void TestServerOps::logLinesCarryTimeLevelAndCategory()
{
    QVERIFY(startServer(QString()));
    const CliResult r = runCli(buildArgs(QStringLiteral("echo hi; exit 3")), checkout());
    QCOMPARE(r.exitCode, 3);
    // One line per build: how it ended, how long it took, the workspace, from where and for whom.
    static const QRegularExpression finished(
        QStringLiteral("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z info buildservice\\.server\\.build: "
                       "bld_[0-9a-f-]{36} finished: exit code 3 in \\d+\\.\\d{3} s \\(workspace ws_[0-9a-f-]{36}, client 127\\.0\\.0\\.1:\\d+, user local\\)$"),
        QRegularExpression::MultilineOption);
    QTRY_VERIFY2_WITH_TIMEOUT(finished.match(QString::fromUtf8(serverLog())).hasMatch(), serverLog().constData(), 20000);
    QVERIFY2(m_server->stop(), "server did not exit cleanly on SIGTERM");
    // Every line of the log has the prefix, not only the build's.
    const QList<QByteArray> lines = serverLog().trimmed().split('\n');
    QVERIFY(lines.size() > 3);
    static const QRegularExpression prefix(QStringLiteral("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z (debug|info|warning|critical) [a-z.]+: "));
    for (const QByteArray &line : lines)
        QVERIFY2(prefix.match(QString::fromUtf8(line)).hasMatch(), line.constData());
}

void TestServerOps::underSystemdLinesCarryJournalPriorities()
{
    // systemd sets JOURNAL_STREAM to the device and inode of the journal stream on stderr; a
    // shell does the same for the pipe the test reads, then becomes the server.
    QVERIFY(startServer(QString(), {QStringLiteral("/bin/sh"), QStringLiteral("-c"),
                                    QStringLiteral("export JOURNAL_STREAM=\"$(stat -L -c %d:%i /proc/self/fd/2)\"; exec \"$0\" \"$@\"")}));
    const CliResult r = runCli(buildArgs(QStringLiteral("echo hi")), checkout());
    QCOMPARE(r.exitCode, 0);
    static const QRegularExpression finished(
        QStringLiteral("^<6>buildservice\\.server\\.build: bld_[0-9a-f-]{36} finished: exit code 0 in \\d+\\.\\d{3} s "),
        QRegularExpression::MultilineOption);
    QTRY_VERIFY2_WITH_TIMEOUT(finished.match(QString::fromUtf8(serverLog())).hasMatch(), serverLog().constData(), 20000);
    QVERIFY2(m_server->stop(), "server did not exit cleanly on SIGTERM");
    // journald adds its own time: no line carries one, every line a priority.
    for (const QByteArray &line : serverLog().trimmed().split('\n'))
        QVERIFY2(QRegularExpression(QStringLiteral("^<[2-7]>[a-z.]+: ")).match(QString::fromUtf8(line)).hasMatch(), line.constData());
}

void TestServerOps::drainLetsARunningBuildFinishAndRefusesNewOnes()
{
    QVERIFY(startServer(QStringLiteral("[server]\ndrain_timeout_sec = 3600\n")));
    const QString dir = checkout();
    BackgroundCli running;
    QVERIFY(running.start(buildArgs(waitingCommand()), dir));
    QTRY_VERIFY_WITH_TIMEOUT(running.out().contains("started\n"), 60000);

    ::kill(pid_t(m_server->pid()), SIGTERM);
    QTRY_VERIFY_WITH_TIMEOUT(serverLog().contains("draining: refusing new builds"), 20000);

    // A new build (on a new connection) is refused with a reason.
    const CliResult refused = runCli(buildArgs(QStringLiteral("echo never")), dir);
    QCOMPARE(refused.exitCode, 125);
    QVERIFY2(refused.err.contains("error (shutting_down): the server is shutting down"), refused.err.constData());
    QVERIFY(!refused.out.contains("never"));
    QVERIFY(running.isRunning());
    QVERIFY(!running.out().contains("after"));

    // The running build ends on its own, with its real exit code and output.
    QVERIFY(writeFile(goFile(), "go\n"));
    QVERIFY(running.waitFinished(60000));
    QCOMPARE(running.exitCode(), 7);
    QCOMPARE(running.out(), QByteArray("started\nafter\n"));
    QVERIFY2(!running.err().contains("shutting down"), running.err().constData());

    QVERIFY2(serverExitedCleanly(), serverLog().constData());
    const QByteArray log = serverLog();
    QVERIFY2(log.contains("drained: all builds finished"), log.constData());
    QVERIFY(!log.contains("cancel requested"));
    QVERIFY(!log.contains("drain timeout"));
}

void TestServerOps::drainTimeoutCancelsTheRestAndExitsZero()
{
    QVERIFY(startServer(QStringLiteral("[server]\ndrain_timeout_sec = 1\n")));
    BackgroundCli running;
    QVERIFY(running.start(buildArgs(waitingCommand()), checkout()));
    QTRY_VERIFY_WITH_TIMEOUT(running.out().contains("started\n"), 60000);

    ::kill(pid_t(m_server->pid()), SIGTERM);
    QVERIFY2(serverExitedCleanly(), serverLog().constData());
    QVERIFY(running.waitFinished(30000));
    QCOMPARE(running.exitCode(), 125);
    QVERIFY2(running.err().contains("the server stopped the build (shutting down)"), running.err().constData());
    QVERIFY(!running.out().contains("after"));

    // First the drain, then the timeout, then the cancel: in this order.
    const QByteArray log = serverLog();
    const qsizetype draining = log.indexOf("draining: refusing new builds");
    const qsizetype timeout = log.indexOf("drain timeout ([server] drain_timeout_sec = 1 s) reached with 1 build(s) still running");
    const qsizetype cancel = log.indexOf("cancel requested: \"server shutting down\"");
    QVERIFY2(draining >= 0 && timeout > draining && cancel > timeout, log.constData());
    QVERIFY(log.contains("finished: cancelled in"));
}

void TestServerOps::secondSigtermCancelsAtOnce()
{
    QVERIFY(startServer(QStringLiteral("[server]\ndrain_timeout_sec = 3600\n")));
    BackgroundCli running;
    QVERIFY(running.start(buildArgs(waitingCommand()), checkout()));
    QTRY_VERIFY_WITH_TIMEOUT(running.out().contains("started\n"), 60000);

    ::kill(pid_t(m_server->pid()), SIGTERM);
    QTRY_VERIFY_WITH_TIMEOUT(serverLog().contains("draining: refusing new builds"), 20000);
    ::kill(pid_t(m_server->pid()), SIGTERM);
    // Far less than the hour of drain the configuration allows.
    QVERIFY2(serverExitedCleanly(), serverLog().constData());
    QVERIFY(running.waitFinished(30000));
    QCOMPARE(running.exitCode(), 125);
    QVERIFY2(running.err().contains("the server stopped the build (shutting down)"), running.err().constData());
    const QByteArray log = serverLog();
    QVERIFY2(log.contains("asked again to stop: not waiting for the running build(s) any longer"), log.constData());
    QVERIFY(!log.contains("drain timeout"));
}

QTEST_GUILESS_MAIN(TestServerOps)
#include "tst_serverops.moc"
