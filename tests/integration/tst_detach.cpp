// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: BSD-2-Clause

// End-to-end: [build] disconnect_policy = "detach": a build outlives its client and is
// followed again with `attach`, resuming the event stream by sequence number.
#include "lifecyclehelpers.h"
#include "rawclient.h"
#include "serverprocess.h"
#include "tarbuilder.h"
#include "tcpproxy.h"

#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace BuildService::Test;

class TestDetach : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void attachFromANewProcessAfterKill9IsByteForByte();
    void attachResumesAfterTheLastEventReceived();
    void aLostConnectionIsResumedAutomatically();
    void withoutReattachTheClientNamesTheAttachCommand();
    void aRestartedServerIsReportedAsLostBuild();

private:
    bool startServer();
    QByteArray serverLog();
    QString command() const;
    QString goFile() const { return m_tmp->filePath(QStringLiteral("go")); }
    /** stdout of an uninterrupted run of command(). */
    QByteArray uninterruptedStdout();

    std::unique_ptr<QTemporaryDir> m_tmp;
    std::unique_ptr<ServerProcess> m_server;
    QByteArray m_log;
};

void TestDetach::init()
{
    // The commands of this suite talk to the test through a go file outside the workspace, which the
    // sandbox hides (that is tested in tst_sandbox).
    ServerProcess::baseConfig() = QStringLiteral("[sandbox]\nenabled = false\n");
    m_tmp = std::make_unique<QTemporaryDir>();
    QVERIFY(m_tmp->isValid());
    m_log.clear();
}

void TestDetach::cleanup()
{
    (void)writeFile(goFile(), "go\n");
    if (m_server)
        QVERIFY2(m_server->stop(), "server did not exit cleanly on SIGTERM");
    m_server.reset();
    m_tmp.reset();
}

bool TestDetach::startServer()
{
    m_server = std::make_unique<ServerProcess>();
    const bool started = m_server->start(m_tmp->filePath(QStringLiteral("data")),
                                         QStringLiteral("[build]\ndisconnect_policy = \"detach\"\n[cache]\nenabled = false\n"));
    if (!started)
        qWarning() << "server did not start:" << m_server->standardError();
    return started;
}

QByteArray TestDetach::serverLog()
{
    m_log += m_server->standardError();
    return m_log;
}

QString TestDetach::command() const
{
    // Output on both streams, a pause the test controls, more output, a telling exit code.
    return QStringLiteral("for i in $(seq 1 300); do echo \"out $i\"; echo \"err $i\" >&2; done; "
                          "while [ ! -e '%1' ]; do sleep 0.05; done; "
                          "for i in $(seq 301 600); do echo \"out $i\"; done; exit 3").arg(goFile());
}

QByteArray TestDetach::uninterruptedStdout()
{
    const QString checkout = m_tmp->filePath(QStringLiteral("whole"));
    if (!writeFile(checkout + QLatin1String("/a.txt"), "a\n") || !writeFile(goFile(), "go\n"))
        return QByteArray();
    const CliResult r = runCli({QStringLiteral("build"), QStringLiteral("--server"), m_server->url(), QStringLiteral("--"), command()}, checkout);
    QFile::remove(goFile());
    return r.exitCode == 3 ? r.out : QByteArray();
}

void TestDetach::attachFromANewProcessAfterKill9IsByteForByte()
{
    QVERIFY(startServer());
    const QByteArray expected = uninterruptedStdout();
    QVERIFY(expected.endsWith("out 600\n"));

    const QString checkout = m_tmp->filePath(QStringLiteral("checkout"));
    QVERIFY(writeFile(checkout + QLatin1String("/a.txt"), "a\n"));
    BackgroundCli first;
    QVERIFY(first.start({QStringLiteral("build"), QStringLiteral("--server"), m_server->url(), QStringLiteral("--"), command()}, checkout));
    QTRY_VERIFY_WITH_TIMEOUT(first.out().contains("out 300\n"), 60000);
    // The last build the server was asked for is this one.
    QRegularExpressionMatchIterator requests = QRegularExpression(QStringLiteral("(bld_[0-9a-f-]{36})\"? requested:")).globalMatch(QString::fromUtf8(serverLog()));
    QString buildId;
    while (requests.hasNext())
        buildId = requests.next().captured(1);
    QVERIFY(!buildId.isEmpty());

    first.signal(SIGKILL);
    QVERIFY(first.waitFinished());
    QTRY_VERIFY_WITH_TIMEOUT(serverLog().contains(buildId.toUtf8() + " detached"), 30000);

    // A new process follows it: everything kept so far, then live, then the exit code.
    BackgroundCli attached;
    QVERIFY(attached.start({QStringLiteral("attach"), QStringLiteral("--server"), m_server->url(), buildId}, checkout));
    QTRY_VERIFY_WITH_TIMEOUT(attached.out().contains("out 300\n"), 30000);
    QVERIFY(!attached.out().contains("out 301\n"));
    QVERIFY(writeFile(goFile(), "go\n"));
    QVERIFY(attached.waitFinished(60000));
    QCOMPARE(attached.exitCode(), 3);
    QCOMPARE(attached.out(), expected);
    QByteArray stderrExpected;
    for (int i = 1; i <= 300; ++i)
        stderrExpected += "err " + QByteArray::number(i) + '\n';
    QVERIFY2(attached.err().contains(stderrExpected), attached.err().constData());
    QVERIFY(attached.err().contains("attached to " + buildId.toUtf8() + " (running)"));
}

void TestDetach::attachResumesAfterTheLastEventReceived()
{
    QVERIFY(startServer());
    const QByteArray expected = uninterruptedStdout();
    QVERIFY(expected.endsWith("out 600\n"));

    RawClient first;
    QVERIFY(first.handshake(m_server->url()));
    first.send(QJsonObject{{QStringLiteral("type"), QStringLiteral("build")}, {QStringLiteral("command"), command()}});
    const QJsonObject accepted = first.waitFor(QStringLiteral("accepted"));
    QCOMPARE(accepted.value(QLatin1String("type")).toString(), QStringLiteral("accepted"));
    const QString buildId = accepted.value(QLatin1String("build_id")).toString();
    const QByteArray upload = TarBuilder().file("a.txt", "a\n").zstd();
    first.sendBinary(upload);
    first.send(QJsonObject{{QStringLiteral("type"), QStringLiteral("upload_end")}, {QStringLiteral("bytes"), upload.size()},
                           {QStringLiteral("entries"), 1}});
    QTRY_VERIFY_WITH_TIMEOUT(first.output(QStringLiteral("stdout")).contains("out 300\n"), 60000);
    first.abort();

    // Every build event carries seq 1, 2, 3, ...
    qint64 lastSeq = 0;
    for (const QJsonObject &m : first.messages()) {
        if (!m.contains(QLatin1String("seq")))
            continue;
        QCOMPARE(qint64(m.value(QLatin1String("seq")).toDouble()), lastSeq + 1);
        ++lastSeq;
    }
    QVERIFY(lastSeq > 3);
    QTRY_VERIFY_WITH_TIMEOUT(serverLog().contains(buildId.toUtf8() + " detached"), 30000);

    RawClient second;
    QVERIFY(second.handshake(m_server->url()));
    second.send(QJsonObject{{QStringLiteral("type"), QStringLiteral("attach")}, {QStringLiteral("build_id"), buildId},
                            {QStringLiteral("after_seq"), lastSeq}});
    const QJsonObject attached = second.waitFor(QStringLiteral("attached"));
    QCOMPARE(attached.value(QLatin1String("type")).toString(), QStringLiteral("attached"));
    QCOMPARE(attached.value(QLatin1String("running")).toBool(), true);
    QCOMPARE(attached.value(QLatin1String("lost")).toInt(), 0);
    QVERIFY(writeFile(goFile(), "go\n"));
    const QJsonObject exit = second.waitFor(QStringLiteral("exit"), 60000, false);
    QCOMPARE(exit.value(QLatin1String("code")).toInt(), 3);

    // No event twice, none missing, and the output adds up to the uninterrupted run's.
    qint64 seq = lastSeq;
    for (const QJsonObject &m : second.messages()) {
        if (!m.contains(QLatin1String("seq")))
            continue;
        QCOMPARE(qint64(m.value(QLatin1String("seq")).toDouble()), seq + 1);
        ++seq;
    }
    QCOMPARE(first.output(QStringLiteral("stdout")) + second.output(QStringLiteral("stdout")), expected);
}

void TestDetach::aLostConnectionIsResumedAutomatically()
{
    QVERIFY(startServer());
    const QByteArray expected = uninterruptedStdout();
    QVERIFY(expected.endsWith("out 600\n"));

    // The CLI talks to the server through a proxy; cutting it is a network failure.
    TcpProxy proxy(QUrl(m_server->url()).port());
    QVERIFY(proxy.listen());
    const QString viaProxy = QStringLiteral("ws://127.0.0.1:%1").arg(proxy.port());
    const QString checkout = m_tmp->filePath(QStringLiteral("checkout"));
    QVERIFY(writeFile(checkout + QLatin1String("/a.txt"), "a\n"));
    BackgroundCli cli;
    QVERIFY(cli.start({QStringLiteral("build"), QStringLiteral("--server"), viaProxy, QStringLiteral("--"), command()}, checkout));
    QTRY_VERIFY_WITH_TIMEOUT(cli.out().contains("out 300\n"), 60000);
    QCOMPARE(proxy.connectionsMade(), 1);

    proxy.cutAll();
    QTRY_VERIFY_WITH_TIMEOUT(cli.err().contains("reconnecting to follow build bld_"), 30000);
    QTRY_VERIFY_WITH_TIMEOUT(cli.err().contains(" again; no output was lost"), 60000);
    QVERIFY(proxy.connectionsMade() >= 2);
    QVERIFY(serverLog().contains(" detached"));
    QVERIFY(writeFile(goFile(), "go\n"));
    QVERIFY(cli.waitFinished(60000));
    // The same exit code and the same output, with nothing lost or repeated at the cut.
    QCOMPARE(cli.exitCode(), 3);
    QCOMPARE(cli.out(), expected);
    QByteArray stderrExpected;
    for (int i = 1; i <= 300; ++i)
        stderrExpected += "err " + QByteArray::number(i) + '\n';
    QVERIFY2(cli.err().contains(stderrExpected), cli.err().constData());
}

void TestDetach::withoutReattachTheClientNamesTheAttachCommand()
{
    QVERIFY(startServer());
    TcpProxy proxy(QUrl(m_server->url()).port());
    QVERIFY(proxy.listen());
    const QString checkout = m_tmp->filePath(QStringLiteral("checkout"));
    QVERIFY(writeFile(checkout + QLatin1String("/a.txt"), "a\n"));
    BackgroundCli cli;
    QVERIFY(cli.start({QStringLiteral("build"), QStringLiteral("--server"), QStringLiteral("ws://127.0.0.1:%1").arg(proxy.port()),
                       QStringLiteral("--reattach-timeout"), QStringLiteral("0"), QStringLiteral("--"), command()}, checkout));
    QTRY_VERIFY_WITH_TIMEOUT(cli.out().contains("out 300\n"), 60000);
    proxy.cutAll();
    QVERIFY(cli.waitFinished(30000));
    QCOMPARE(cli.exitCode(), 125);
    QVERIFY2(cli.err().contains("follow it with: build-service attach bld_"), cli.err().constData());
    QVERIFY(!cli.err().contains("reconnecting"));
    QCOMPARE(proxy.connectionsMade(), 1);
}

void TestDetach::aRestartedServerIsReportedAsLostBuild()
{
    QVERIFY(startServer());
    const QString checkout = m_tmp->filePath(QStringLiteral("checkout"));
    QVERIFY(writeFile(checkout + QLatin1String("/a.txt"), "a\n"));
    BackgroundCli cli;
    QVERIFY(cli.start({QStringLiteral("build"), QStringLiteral("--server"), m_server->url(), QStringLiteral("--"), command()}, checkout));
    QTRY_VERIFY_WITH_TIMEOUT(cli.out().contains("out 300\n"), 60000);
    const QString port = QString::number(QUrl(m_server->url()).port());
    m_server->kill9();
    QTRY_VERIFY_WITH_TIMEOUT(cli.err().contains("reconnecting to follow build bld_"), 30000);
    // The same server comes back, without the build: the client must not wait in vain.
    m_server = std::make_unique<ServerProcess>();
    QVERIFY(m_server->start(m_tmp->filePath(QStringLiteral("data")), QStringLiteral("[build]\ndisconnect_policy = \"detach\"\n[cache]\nenabled = false\n"),
                            {QStringLiteral("--port"), port}));
    QVERIFY(cli.waitFinished(60000));
    QCOMPARE(cli.exitCode(), 125);
    QVERIFY2(cli.err().contains("the server no longer knows build bld_"), cli.err().constData());
    QVERIFY2(cli.err().contains("run the build again"), cli.err().constData());
}

QTEST_GUILESS_MAIN(TestDetach)
#include "tst_detach.moc"
