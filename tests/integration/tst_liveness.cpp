// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: BSD-2-Clause

// End-to-end: liveness of client and server: connect timeout, heartbeats both ways.
#include "lifecyclehelpers.h"
#include "serverprocess.h"

#include <QProcessEnvironment>
#include <QProcess>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace BuildService::Test;

class TestLiveness : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void connectTimeoutNamesTheAddress_data();
    void connectTimeoutNamesTheAddress();
    void connectTimeoutWhenPacketsAreDropped();
    void stoppedClientIsTreatedAsDisconnected();
    void clientNoticesAStoppedServer();

private:
    bool startServer(const QString &toml);
    QByteArray serverLog();
    QString goFile() const { return m_tmp->filePath(QStringLiteral("go")); }

    std::unique_ptr<QTemporaryDir> m_tmp;
    std::unique_ptr<ServerProcess> m_server;
    QByteArray m_log;
};

void TestLiveness::init()
{
    // The commands of this suite talk to the test through pid files and markers outside the workspace, which the
    // sandbox hides (that is tested in tst_sandbox).
    ServerProcess::baseConfig() = QStringLiteral("[sandbox]\nenabled = false\n");
    m_tmp = std::make_unique<QTemporaryDir>();
    QVERIFY(m_tmp->isValid());
    m_log.clear();
}

void TestLiveness::cleanup()
{
    (void)writeFile(goFile(), "go\n");
    if (m_server) {
        ::kill(pid_t(m_server->pid()), SIGCONT);
        QVERIFY2(m_server->stop(), "server did not exit cleanly on SIGTERM");
    }
    m_server.reset();
    m_tmp.reset();
}

bool TestLiveness::startServer(const QString &toml)
{
    m_server = std::make_unique<ServerProcess>();
    const bool started = m_server->start(m_tmp->filePath(QStringLiteral("data")), toml);
    if (!started)
        qWarning() << "server did not start:" << m_server->standardError();
    return started;
}

QByteArray TestLiveness::serverLog()
{
    m_log += m_server->standardError();
    return m_log;
}

void TestLiveness::connectTimeoutNamesTheAddress_data()
{
    QTest::addColumn<QStringList>("options");
    QTest::addColumn<QString>("envTimeout");
    QTest::addColumn<QByteArray>("within");
    QTest::newRow("option") << QStringList{QStringLiteral("--connect-timeout"), QStringLiteral("1")} << QString() << QByteArray("within 1 seconds");
    QTest::newRow("environment") << QStringList() << QStringLiteral("2") << QByteArray("within 2 seconds");
    QTest::newRow("default") << QStringList() << QString() << QByteArray("within 10 seconds");
}

void TestLiveness::connectTimeoutNamesTheAddress()
{
    QFETCH(QStringList, options);
    QFETCH(QString, envTimeout);
    QFETCH(QByteArray, within);
    // Accepts TCP connections (the kernel completes them) but never answers the WebSocket handshake.
    QTcpServer silent;
    QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
    const QString url = QStringLiteral("ws://127.0.0.1:%1").arg(silent.serverPort());
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("BUILD_SERVICE_CONNECT_TIMEOUT"));
    if (!envTimeout.isEmpty())
        env.insert(QStringLiteral("BUILD_SERVICE_CONNECT_TIMEOUT"), envTimeout);
    for (const QString &command : {QStringLiteral("status"), QStringLiteral("build")}) {
        QStringList args{command, QStringLiteral("--server"), url};
        args += options;
        if (command == QLatin1String("build"))
            args << QStringLiteral("--") << QStringLiteral("true");
        // Without a connect timeout the client waits for minutes: this run would not finish.
        const CliResult r = runCli(args, m_tmp->path(), 60000, env);
        QVERIFY2(r.finished, qPrintable(command));
        QCOMPARE(r.exitCode, 125);
        QVERIFY2(r.err.contains("no answer from " + url.toUtf8() + " " + within), r.err.constData());
        QVERIFY2(r.err.contains("Check the address and port, that the server is running"), r.err.constData());
    }
}

void TestLiveness::connectTimeoutWhenPacketsAreDropped()
{
    // A server behind a firewall that drops packets: in a network namespace of its own (only
    // its loopback exists, nothing leaves this test), an iptables rule drops every packet to
    // one port, so not even the TCP handshake completes.
    const QString script = QStringLiteral(
        "ip link set lo up && iptables -A INPUT -p tcp --dport 7777 -j DROP || exit 99; "
        "exec '%1' status --server ws://127.0.0.1:7777 --connect-timeout 1").arg(binaryPath("build-service"));
    QProcess namespaced;
    namespaced.start(QStringLiteral("unshare"), {QStringLiteral("--net"), QStringLiteral("sh"), QStringLiteral("-c"), script});
    QVERIFY(namespaced.waitForStarted(10000));
    QVERIFY(namespaced.waitForFinished(60000));
    const QByteArray err = namespaced.readAllStandardError();
    if (namespaced.exitCode() == 99 || (namespaced.exitCode() == 1 && err.contains("unshare")))
        QSKIP(qPrintable(QStringLiteral("cannot create a network namespace with an iptables rule here (needs root and iptables): %1")
                             .arg(QString::fromUtf8(err.trimmed()))));
    QCOMPARE(namespaced.exitCode(), 125);
    QVERIFY2(err.contains("no answer from ws://127.0.0.1:7777 within 1 seconds"), err.constData());
    QVERIFY2(err.contains("that no firewall drops the connection"), err.constData());
}

void TestLiveness::stoppedClientIsTreatedAsDisconnected()
{
    QVERIFY(startServer(QStringLiteral("[server]\nheartbeat_interval_sec = 1\nheartbeat_timeout_sec = 3\n[build]\ndisconnect_policy = \"cancel\"\n[cache]\nenabled = false\n")));
    const QString checkout = m_tmp->filePath(QStringLiteral("checkout"));
    QVERIFY(writeFile(checkout + QLatin1String("/a.txt"), "a\n"));
    const QString pidFile = m_tmp->filePath(QStringLiteral("build.pid"));
    BackgroundCli stopped;
    QVERIFY(stopped.start({QStringLiteral("build"), QStringLiteral("--server"), m_server->url(), QStringLiteral("--"),
                           QStringLiteral("echo $$ > '%1'; while [ ! -e '%2' ]; do sleep 0.05; done; echo finished").arg(pidFile, goFile())},
                          checkout));
    QTRY_VERIFY_WITH_TIMEOUT(readPidFile(pidFile) > 0, 30000);
    const qint64 buildPid = readPidFile(pidFile);
    const QString id = storedWorkspaceId(checkout);

    // A closed laptop: the process stops answering, its TCP connection stays open.
    stopped.signal(SIGSTOP);
    QTRY_VERIFY_WITH_TIMEOUT(serverLog().contains("stopped answering"), 30000);
    QVERIFY(serverLog().contains("treating it as disconnected"));
    // The policy for a vanished client: the build is cancelled and its command stopped ...
    QTRY_VERIFY_WITH_TIMEOUT(processGone(buildPid), 30000);
    // ... and the workspace is free: the next build from this checkout runs at once.
    QTRY_VERIFY_WITH_TIMEOUT(serverLog().contains("cancel requested: \"client disconnected\""), 10000);
    const CliResult next = runCli({QStringLiteral("build"), QStringLiteral("--server"), m_server->url(), QStringLiteral("--"),
                                   QStringLiteral("echo second")}, checkout, 60000);
    QVERIFY2(next.exitCode == 0, next.err.constData());
    QCOMPARE(next.out, QByteArray("second\n"));
    QVERIFY2(!next.err.contains("queued"), next.err.constData());
    QCOMPARE(storedWorkspaceId(checkout), id);
    stopped.signal(SIGKILL);
    QVERIFY(stopped.waitFinished());
}

void TestLiveness::clientNoticesAStoppedServer()
{
    QVERIFY(startServer(QStringLiteral("[server]\nheartbeat_interval_sec = 1\nheartbeat_timeout_sec = 3\n[build]\ndisconnect_policy = \"cancel\"\n[cache]\nenabled = false\n")));
    const QString checkout = m_tmp->filePath(QStringLiteral("checkout"));
    QVERIFY(writeFile(checkout + QLatin1String("/a.txt"), "a\n"));
    const QString marker = m_tmp->filePath(QStringLiteral("started"));
    BackgroundCli cli;
    QVERIFY(cli.start({QStringLiteral("build"), QStringLiteral("--server"), m_server->url(), QStringLiteral("--"),
                       QStringLiteral("touch '%1'; while [ ! -e '%2' ]; do sleep 0.05; done").arg(marker, goFile())},
                      checkout));
    QTRY_VERIFY_WITH_TIMEOUT(QFileInfo::exists(marker), 30000);
    ::kill(pid_t(m_server->pid()), SIGSTOP);
    // The welcome told the client: ping every second, gone after three silent seconds.
    QVERIFY(cli.waitFinished(30000));
    ::kill(pid_t(m_server->pid()), SIGCONT);
    QCOMPARE(cli.exitCode(), 125);
    QVERIFY2(cli.err().contains("the server at " + m_server->url().toUtf8() + " stopped answering"), cli.err().constData());
    // And it says how to follow the build, should the server keep it running.
    QVERIFY2(cli.err().contains("follow it with: build-service attach bld_"), cli.err().constData());
}

QTEST_GUILESS_MAIN(TestLiveness)
#include "tst_liveness.moc"
