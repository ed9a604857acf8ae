// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: BSD-2-Clause

// End-to-end: builds run in a bubblewrap sandbox on the real server: what they cannot see,
// write or reach, their limits, and that nothing of them survives a cancel or a timeout.
#include "lifecyclehelpers.h"
#include "rawclient.h"
#include "sandboxprobe.h"
#include "serverprocess.h"

#include <QFileInfo>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTemporaryFile>
#include <QTest>

#include <sys/resource.h>
#include <QUrl>

#include <csignal>
#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace BuildService;
using namespace BuildService::Test;

class TestSandbox : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void buildCannotReadSecretsOrOtherWorkspaces();
    void buildWritesOnlyItsWorkspaceAndAPrivateTmp();
    void environmentIsTheAllowListPlusTheRequest();
    void onlyStandardDescriptorsAreOpen();
    void buildsRunBelowTheServersPriority_data();
    void buildsRunBelowTheServersPriority();
    void networkIsOffByDefault();
    void networkCanBeAllowed();
    void daemonsDieWhenTheBuildIsCancelled();
    void daemonsDieWhenTheBuildTimesOut();
    void forkBombHitsTheProcessLimit();
    void memoryHogIsStoppedWithAReason();
    void cpuHogIsStoppedWithAReason();
    void oversizedFileIsStoppedWithAReason();
    void sandboxedBuildIsRecordedAndReplayed();
    void changedSandboxSettingsAreNotReplayed();
    void unavailableSandboxRefusesAServerWithTokens_data();
    void unavailableSandboxRefusesAServerWithTokens();
    void unavailableSandboxWithoutTokensWarnsAndRunsUnconfined();
    void explicitlyDisabledSandboxIsAcceptedWithTokens();

private:
    bool startServer(const QString &sandboxToml = QString());
    QString checkout(const QString &name, const QMap<QString, QByteArray> &files = {{QStringLiteral("a.txt"), "a\n"}});
    CliResult build(const QString &dir, const QString &command, const QStringList &extra = {});
    QStringList buildArgs(const QString &command, const QStringList &extra = {}) const;
    bool serverAnswersStatus(bool sandboxed = true, const QString &token = QString());
    void daemonDiesWith(const QStringList &extra, bool cancel);

    QString m_skip;
    std::unique_ptr<QTemporaryDir> m_tmp;
    std::unique_ptr<ServerProcess> m_server;
    QString m_sentinel;
};

void TestSandbox::initTestCase()
{
    // Decided once, by the same means the server uses: bwrap must create the namespaces here.
    m_skip = sandboxSkipReason();
}

void TestSandbox::init()
{
    if (!m_skip.isEmpty())
        QSKIP(qPrintable(m_skip));
    m_tmp = std::make_unique<QTemporaryDir>();
    QVERIFY(m_tmp->isValid());
    m_sentinel = m_tmp->filePath(QStringLiteral("outside/sentinel.txt"));
    QVERIFY(writeFile(m_sentinel, "keep me\n"));
}

void TestSandbox::cleanup()
{
    if (m_server && m_server->process().state() != QProcess::NotRunning)
        QVERIFY2(m_server->stop(), "server did not exit cleanly on SIGTERM");
    m_server.reset();
    if (m_tmp)
        QCOMPARE(readFile(m_sentinel), QByteArray("keep me\n"));
    m_tmp.reset();
}

bool TestSandbox::startServer(const QString &sandboxToml)
{
    // A config file with a secret in it, as a multi-user server's would have.
    const QString toml = QStringLiteral("# secret-in-config\n[sandbox]\n") + sandboxToml;
    m_server = std::make_unique<ServerProcess>();
    if (!m_server->start(m_tmp->filePath(QStringLiteral("data")), toml)) {
        qWarning() << "server did not start:" << m_server->standardError();
        return false;
    }
    if (!serverAnswersStatus()) {
        qWarning() << "the server does not sandbox builds:" << m_server->standardError();
        return false;
    }
    return true;
}

QString TestSandbox::checkout(const QString &name, const QMap<QString, QByteArray> &files)
{
    return writeTree(m_tmp->filePath(name), files);
}

QStringList TestSandbox::buildArgs(const QString &command, const QStringList &extra) const
{
    QStringList args{QStringLiteral("build"), QStringLiteral("--server"), m_server->url()};
    args << extra << QStringLiteral("--") << command;
    return args;
}

CliResult TestSandbox::build(const QString &dir, const QString &command, const QStringList &extra)
{
    return runCli(buildArgs(command, extra), dir, 120000);
}

bool TestSandbox::serverAnswersStatus(bool sandboxed, const QString &token)
{
    RawClient client;
    if (!client.handshake(m_server->url(), token))
        return false;
    client.send(QJsonObject{{QStringLiteral("type"), QStringLiteral("status")}});
    const QJsonObject status = client.waitFor(QStringLiteral("status_reply"), 20000);
    return status.contains(QLatin1String("sandboxed")) && status.value(QLatin1String("sandboxed")).toBool() == sandboxed;
}

void TestSandbox::buildCannotReadSecretsOrOtherWorkspaces()
{
    QVERIFY(startServer());
    const QString first = checkout(QStringLiteral("first"), {{QStringLiteral("secret.txt"), "first's secret\n"}});
    QCOMPARE(build(first, QStringLiteral("cat secret.txt")).exitCode, 0);
    const QString firstWs = m_server->workspacePath(storedWorkspaceId(first));
    const QString config = m_tmp->filePath(QStringLiteral("data.toml"));
    const QString data = m_tmp->filePath(QStringLiteral("data"));
    // Everything probed is there on the host: a failure to read it inside means it is hidden.
    QVERIFY(readFile(config).contains("secret-in-config"));
    QCOMPARE(readFile(firstWs + QLatin1String("/secret.txt")), QByteArray("first's secret\n"));
    QVERIFY(QDir(data).entryList(QDir::NoDotAndDotDot | QDir::AllEntries).size() > 2);

    const QString second = checkout(QStringLiteral("second"));
    const QString script = QStringLiteral(
        "for f in '%1' '%2/secret.txt' /etc/shadow; do cat \"$f\" 2>/dev/null && echo \"READ $f\"; done; "
        "echo LIST; find '%3' -maxdepth 3 2>/dev/null | sort; echo END; ls .. 2>/dev/null; ls -ld \"$PWD\" >/dev/null && echo OWN")
                               .arg(config, firstWs, data);
    const CliResult r = build(second, script);
    // The build can reach its own workspace by its absolute path.
    QVERIFY2(r.out.contains("OWN\n"), r.err.constData());
    QVERIFY2(!r.out.contains("READ"), r.out.constData());
    QVERIFY(!r.out.contains("secret-in-config"));
    QVERIFY(!r.out.contains("first's secret"));
    // Of the data directory only the way to this build's own workspace exists.
    const QString ownWs = m_server->workspacePath(storedWorkspaceId(second));
    const QByteArray listing = r.out.mid(r.out.indexOf("LIST\n") + 5);
    const QList<QByteArray> seen = listing.left(listing.indexOf("END\n")).split('\n');
    for (const QByteArray &line : seen) {
        if (line.isEmpty())
            continue;
        // The client shows the workspace's path as the checkout's.
        const QString path = QString::fromUtf8(line);
        QVERIFY2(ownWs.startsWith(path) || path.startsWith(ownWs) || path.startsWith(second),
                 qPrintable(QStringLiteral("visible in the sandbox: %1").arg(path)));
    }
    QVERIFY2(!r.out.contains(storedWorkspaceId(first).toUtf8()), r.out.constData());
}

void TestSandbox::buildWritesOnlyItsWorkspaceAndAPrivateTmp()
{
    QVERIFY(startServer());
    QTemporaryFile hostTmp(QStringLiteral("/tmp/bs-sandbox-host-XXXXXX"));
    QVERIFY(hostTmp.open());
    const QString hostName = QFileInfo(hostTmp.fileName()).fileName();
    const QString dir = checkout(QStringLiteral("co"));
    const QString data = m_tmp->filePath(QStringLiteral("data"));
    const QString script = QStringLiteral(
        "ls -a /tmp; echo inside > /tmp/bs-sandbox-made-inside && cat /tmp/bs-sandbox-made-inside; "
        "for f in /usr/bs-x /etc/bs-x '%1/bs-x' '%2' ../bs-x; do (echo x > \"$f\") 2>/dev/null && echo \"WROTE $f\"; done; "
        "echo built > out.txt")
                               .arg(data, m_sentinel);
    const CliResult r = build(dir, script);
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY2(!r.out.contains("WROTE"), r.out.constData());
    QVERIFY2(r.out.contains("inside\n"), r.out.constData());
    QVERIFY2(!r.out.contains(hostName.toUtf8()), "the host's /tmp is visible in the sandbox");
    QVERIFY(!QFileInfo::exists(QStringLiteral("/tmp/bs-sandbox-made-inside")));
    QVERIFY(!QFileInfo::exists(QStringLiteral("/usr/bs-x")));
    QVERIFY(!QFileInfo::exists(QStringLiteral("/etc/bs-x")));
    QVERIFY(!QFileInfo::exists(data + QLatin1String("/bs-x")));
    const QString ws = m_server->workspacePath(storedWorkspaceId(dir));
    QVERIFY(!QFileInfo::exists(QFileInfo(ws).path() + QLatin1String("/bs-x")));
    // The workspace itself is writable, and what the build wrote is the server's to use.
    QCOMPARE(readFile(ws + QLatin1String("/out.txt")), QByteArray("built\n"));
    QCOMPARE(build(dir, QStringLiteral("cat out.txt && rm out.txt && echo again > a.txt")).exitCode, 0);
}

void TestSandbox::environmentIsTheAllowListPlusTheRequest()
{
    qputenv("BS_SANDBOX_SERVER_SECRET", "do-not-leak");
    const bool started = startServer();
    qunsetenv("BS_SANDBOX_SERVER_SECRET");
    QVERIFY(started);
    const QString dir = checkout(QStringLiteral("co"));
    CliResult r = build(dir, QStringLiteral("env | sort"), {QStringLiteral("--env"), QStringLiteral("FROM_REQUEST=yes")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    r.out.prepend('\n');
    QVERIFY2(!r.out.contains("do-not-leak"), r.out.constData());
    QVERIFY(r.out.contains("\nFROM_REQUEST=yes\n"));
    QVERIFY(r.out.contains("\nBUILD_SERVICE=1\n"));
    QVERIFY(r.out.contains("\nHOME=/tmp\n"));
    QVERIFY(r.out.contains("\nPATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\n"));
    for (const QByteArray &line : r.out.split('\n')) {
        const QByteArray name = line.left(line.indexOf('='));
        static const QList<QByteArray> allowed{"BUILD_SERVICE", "BUILD_SERVICE_BUILD_ID", "BUILD_SERVICE_WORKSPACE_ID", "FROM_REQUEST",
                                               "HOME", "PATH", "PWD", "TMPDIR", "TERM", "LANG", "LANGUAGE", "TZ", "OLDPWD", "SHLVL", "_", ""};
        QVERIFY2(allowed.contains(name) || name.startsWith("LC_"), line.constData());
    }
}

void TestSandbox::onlyStandardDescriptorsAreOpen()
{
    QVERIFY(startServer());
    const QString dir = checkout(QStringLiteral("co"));
    // ls itself holds the directory it lists open: that one must point at /proc.
    const CliResult r = build(dir, QStringLiteral("ls -l /proc/self/fd/ | tail -n +2 | awk '{print $9, $11}'"));
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QStringList fds;
    for (const QByteArray &line : r.out.trimmed().split('\n')) {
        const QList<QByteArray> parts = line.split(' ');
        const int fd = parts.value(0).toInt();
        if (fd > 2)
            QVERIFY2(parts.value(1).startsWith("/proc/"), line.constData());
        fds << QString::fromUtf8(parts.value(0));
    }
    QCOMPARE(fds, QStringList({QStringLiteral("0"), QStringLiteral("1"), QStringLiteral("2"), QStringLiteral("3")}));
}

void TestSandbox::buildsRunBelowTheServersPriority_data()
{
    QTest::addColumn<QString>("buildToml");
    QTest::addColumn<QByteArray>("niceness");
    QTest::newRow("default") << QString() << QByteArray("10");
    QTest::newRow("configured") << QStringLiteral("[build]\nnice = 3\n") << QByteArray("3");
    QTest::newRow("off") << QStringLiteral("[build]\nnice = 0\n") << QByteArray("0");
}

void TestSandbox::buildsRunBelowTheServersPriority()
{
    QFETCH(QString, buildToml);
    QFETCH(QByteArray, niceness);
    QVERIFY(startServer(QStringLiteral("enabled = true\n") + buildToml));
    const CliResult r = build(checkout(QStringLiteral("co")), QStringLiteral("nice"));
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QCOMPARE(r.out.trimmed(), niceness);
    // The server itself keeps its priority: only what it starts for builds is lowered.
    QCOMPARE(::getpriority(PRIO_PROCESS, id_t(m_server->pid())), 0);
}

void TestSandbox::networkIsOffByDefault()
{
    QVERIFY(startServer());
    const QString dir = checkout(QStringLiteral("co"));
    const int port = QUrl(m_server->url()).port();
    const CliResult r = build(dir, QStringLiteral("socat -u OPEN:/dev/null TCP:127.0.0.1:%1 && echo CONNECTED; ip -o link 2>/dev/null | wc -l").arg(port));
    QVERIFY2(!r.out.contains("CONNECTED"), r.out.constData());
    QVERIFY2(r.err.contains("Connection refused") || r.err.contains("Network is unreachable"), r.err.constData());
}

void TestSandbox::networkCanBeAllowed()
{
    QVERIFY(startServer(QStringLiteral("network = true\n")));
    const QString dir = checkout(QStringLiteral("co"));
    const int port = QUrl(m_server->url()).port();
    const CliResult r = build(dir, QStringLiteral("socat -u OPEN:/dev/null TCP:127.0.0.1:%1 && echo CONNECTED").arg(port));
    QVERIFY2(r.out.contains("CONNECTED"), r.err.constData());
}

void TestSandbox::daemonDiesWith(const QStringList &extra, bool cancel)
{
    QVERIFY(startServer());
    const QString dir = checkout(QStringLiteral("co"));
    // A daemon that leaves the session and a double-forked child both hold the FIFO's write
    // end until they die: EOF on our read end means every one of them is gone.
    const QString command = QStringLiteral(
        "rm -f alive; mkfifo alive; "
        "setsid sh -c 'exec 3>alive; echo up >&3; while :; do sleep 1; done' </dev/null >/dev/null 2>&1 & "
        "( (sh -c 'while :; do sleep 1; done' 3>alive &) & ) ; "
        "sleep 1000");
    BackgroundCli cli;
    QVERIFY(cli.start(buildArgs(command, extra), dir));
    QString fifo;
    QTRY_VERIFY_WITH_TIMEOUT(!storedWorkspaceId(dir).isEmpty()
                                 && QFileInfo(fifo = m_server->workspacePath(storedWorkspaceId(dir)) + QLatin1String("/alive")).exists(),
                             20000);
    const int fd = ::open(QFile::encodeName(fifo).constData(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    QVERIFY(fd >= 0);
    QByteArray got;
    QTRY_VERIFY_WITH_TIMEOUT(([&] {
                                 char buf[16];
                                 const ssize_t n = ::read(fd, buf, sizeof buf);
                                 if (n > 0)
                                     got.append(buf, int(n));
                                 return got.contains("up\n");
                             }()),
                             20000);
    if (cancel)
        cli.signal(SIGINT);
    QVERIFY(cli.waitFinished(60000));
    QCOMPARE(cli.exitCode(), cancel ? 130 : 143);
    // POLLHUP: the last writer closed the FIFO, that is, the last process holding it died.
    QTRY_VERIFY_WITH_TIMEOUT(([&] {
                                 pollfd p{fd, POLLIN, 0};
                                 char buf[16];
                                 return ::poll(&p, 1, 0) == 1 && (p.revents & POLLHUP) && ::read(fd, buf, sizeof buf) == 0;
                             }()),
                             10000);
    ::close(fd);
    QVERIFY(serverAnswersStatus());
}

void TestSandbox::daemonsDieWhenTheBuildIsCancelled()
{
    daemonDiesWith({}, true);
}

void TestSandbox::daemonsDieWhenTheBuildTimesOut()
{
    daemonDiesWith({QStringLiteral("--timeout"), QStringLiteral("5")}, false);
}

void TestSandbox::forkBombHitsTheProcessLimit()
{
    QVERIFY(startServer(QStringLiteral("max_processes = 100\n")));
    const QString dir = checkout(QStringLiteral("co"));
    const CliResult r = build(dir, QStringLiteral("i=0; while [ $i -lt 2000 ]; do sleep 1000 & i=$((i+1)); done; echo ALL STARTED"));
    QVERIFY2(!r.out.contains("ALL STARTED"), r.out.constData());
    QVERIFY(r.exitCode != 0);
    QVERIFY2(r.err.contains("[build-service] process limit reached: the build could not start more than 100 processes at once "
                            "([sandbox] max_processes)"),
             r.err.constData());
    QVERIFY(serverAnswersStatus());
    // The limit is the build's, not the server's: the next build runs.
    const CliResult next = build(dir, QStringLiteral("echo fine"));
    QCOMPARE(next.exitCode, 0);
    QVERIFY(next.out.contains("fine"));
}

void TestSandbox::memoryHogIsStoppedWithAReason()
{
    QVERIFY(startServer(QStringLiteral("max_memory_bytes = 268435456\n")));
    const QString dir = checkout(QStringLiteral("co"));
    // tail keeps a whole "line" of 600 MB in memory.
    const CliResult r = build(dir, QStringLiteral("head -c 600000000 /dev/zero | tail -n 1 > /dev/null"));
    QVERIFY(r.exitCode != 0);
    QVERIFY2(r.err.contains("[build-service] out of memory: a process of the build needed more than 268435456 bytes of address space "
                            "([sandbox] max_memory_bytes)"),
             r.err.constData());
    QVERIFY(serverAnswersStatus());
}

void TestSandbox::cpuHogIsStoppedWithAReason()
{
    QVERIFY(startServer(QStringLiteral("max_cpu_sec = 1\n")));
    const QString dir = checkout(QStringLiteral("co"));
    const CliResult r = build(dir, QStringLiteral("while :; do :; done"));
    QCOMPARE(r.exitCode, 128 + SIGXCPU);
    QVERIFY2(r.err.contains("[build-service] CPU time limit reached: a process of the build used more than 1 s of CPU time "
                            "([sandbox] max_cpu_sec)"),
             r.err.constData());
}

void TestSandbox::oversizedFileIsStoppedWithAReason()
{
    QVERIFY(startServer(QStringLiteral("max_file_bytes = 1048576\n")));
    const QString dir = checkout(QStringLiteral("co"));
    const CliResult r = build(dir, QStringLiteral("head -c 2000000 /dev/zero > big"));
    QCOMPARE(r.exitCode, 128 + SIGXFSZ);
    QVERIFY2(r.err.contains("[build-service] file size limit reached: a process of the build wrote a file larger than 1048576 bytes "
                            "([sandbox] max_file_bytes)"),
             r.err.constData());
    QCOMPARE(QFileInfo(m_server->workspacePath(storedWorkspaceId(dir)) + QLatin1String("/big")).size(), qint64(1048576));
}

void TestSandbox::sandboxedBuildIsRecordedAndReplayed()
{
    QVERIFY(startServer());
    const QString dir = checkout(QStringLiteral("co"));
    // The build's uid inside, and that it may write its own outputs: both recorded.
    const QString command = QStringLiteral("mkdir -p out && echo built > out/result.txt && echo compiled");
    const CliResult first = build(dir, command);
    QVERIFY2(first.exitCode == 0, first.err.constData());
    QVERIFY2(!first.err.contains("replayed from cache"), first.err.constData());
    const QString ws = m_server->workspacePath(storedWorkspaceId(dir));
    QCOMPARE(readFile(ws + QLatin1String("/out/result.txt")), QByteArray("built\n"));
    // The same sources in a new workspace start from the same (clean) state: replayed.
    const QString again = checkout(QStringLiteral("again"));
    const CliResult second = build(again, command);
    QVERIFY2(second.exitCode == 0, second.err.constData());
    QVERIFY2(second.err.contains("replayed from cache"), second.err.constData());
    QVERIFY(second.out.contains("compiled"));
    const QString replayedWs = m_server->workspacePath(storedWorkspaceId(again));
    QVERIFY(replayedWs != ws);
    QCOMPARE(readFile(replayedWs + QLatin1String("/out/result.txt")), QByteArray("built\n"));
    // A replayed (server-written) tree is still the build's to change.
    const CliResult third = build(again, QStringLiteral("echo changed > out/result.txt && rm -r out && mkdir out && echo ok"));
    QVERIFY2(third.exitCode == 0, third.err.constData());
    QVERIFY(!QFileInfo::exists(replayedWs + QLatin1String("/out/result.txt")));
}

void TestSandbox::changedSandboxSettingsAreNotReplayed()
{
    QVERIFY(startServer());
    const QString dir = checkout(QStringLiteral("co"));
    const QString command = QStringLiteral("echo compiled");
    QCOMPARE(build(dir, command).exitCode, 0);
    QVERIFY(build(dir, command).err.contains("replayed from cache"));
    // The same server data with network access: what the build could do differs.
    const QString port = QString::number(QUrl(m_server->url()).port());
    QVERIFY(m_server->stop());
    m_server = std::make_unique<ServerProcess>();
    QVERIFY(m_server->start(m_tmp->filePath(QStringLiteral("data")), QStringLiteral("[sandbox]\nnetwork = true\n"),
                            {QStringLiteral("--port"), port}));
    const CliResult r = build(dir, command);
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(!r.err.contains("replayed from cache"), r.err.constData());
}

void TestSandbox::unavailableSandboxRefusesAServerWithTokens_data()
{
    QTest::addColumn<QString>("identities");
    QTest::newRow("tokens") << QStringLiteral("tokens = [\"t0k3n\"]\n");
    // The identities file is the recommended way; it must not open a way around the check.
    QTest::newRow("tokens_file") << QStringLiteral("tokens_file = \"%1\"\n");
}

void TestSandbox::unavailableSandboxRefusesAServerWithTokens()
{
    QFETCH(QString, identities);
    const QString tokensFile = m_tmp->filePath(QStringLiteral("tokens"));
    QVERIFY(writeFile(tokensFile, "alice user sha256:" + QByteArray(64, 'a') + "\n"));
    m_server = std::make_unique<ServerProcess>();
    QVERIFY(!m_server->start(m_tmp->filePath(QStringLiteral("data")),
                             QStringLiteral("[server]\n") + identities.arg(tokensFile) + QStringLiteral("[sandbox]\nbwrap = \"/nonexistent/bwrap\"\n")));
    QCOMPARE(m_server->process().exitCode(), 1);
    const QByteArray err = m_server->standardError();
    QVERIFY2(err.contains("builds cannot be sandboxed on this machine: /nonexistent/bwrap is not an executable (install bubblewrap). "
                          "Refusing to serve several users ([server] tokens or tokens_file is set)"),
             err.constData());
    QVERIFY2(err.contains("set [sandbox] enabled = false to accept unconfined builds"), err.constData());
}

void TestSandbox::unavailableSandboxWithoutTokensWarnsAndRunsUnconfined()
{
    m_server = std::make_unique<ServerProcess>();
    QVERIFY(m_server->start(m_tmp->filePath(QStringLiteral("data")), QStringLiteral("[sandbox]\nbwrap = \"/nonexistent/bwrap\"\n")));
    const QByteArray err = m_server->standardError();
    QVERIFY2(err.contains("WARNING: builds cannot be sandboxed on this machine: /nonexistent/bwrap is not an "
                          "executable (install bubblewrap) - they run UNCONFINED"),
             err.constData());
    QVERIFY(serverAnswersStatus(false));
    // Unconfined indeed: the build reads a file beside the data directory.
    const CliResult r = build(checkout(QStringLiteral("co")), QStringLiteral("cat '%1'").arg(m_sentinel));
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.out.contains("keep me"));
}

void TestSandbox::explicitlyDisabledSandboxIsAcceptedWithTokens()
{
    m_server = std::make_unique<ServerProcess>();
    QVERIFY(m_server->start(m_tmp->filePath(QStringLiteral("data")),
                            QStringLiteral("[server]\ntokens = [\"t0k3n\"]\n[sandbox]\nenabled = false\nbwrap = \"/nonexistent/bwrap\"\n")));
    const QByteArray err = m_server->standardError();
    QVERIFY2(err.contains("[sandbox] enabled = false: builds run unconfined"), err.constData());
    QVERIFY(serverAnswersStatus(false, QStringLiteral("t0k3n")));
}

QTEST_GUILESS_MAIN(TestSandbox)
#include "tst_sandbox.moc"
