// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: BSD-2-Clause

// End-to-end: controlling running builds on the real server: cancel, timeout, huge output,
// a full disk, kill -9 of the server mid-build and mid-sync, SIGTERM of the server.
#include "lifecyclehelpers.h"
#include "rawclient.h"
#include "serverprocess.h"
#include "tarbuilder.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QUrl>
#include <QTest>

#include <csignal>

using namespace BuildService;
using namespace BuildService::Test;

class TestBuildControl : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void interruptCancelsRemoteBuildAndLeavesNoProcess();
    void timeoutStopsTheCommand();
    void hundredMegabytesOfOutputArriveWithFlatServerMemory();
    void diskFullDuringSyncIsReportedAndServerRecovers();
    void serverKilledMidBuildThenRestartedBuildsCorrectly();
    void serverKilledMidUploadLeavesNoStagingAndWorkspaceIntact();
    void serverKilledMidApplyLeavesWorkspaceDirtyAndNextBuildRepairsIt();
    void serverShutdownStopsBuildWithClearMessage();

private:
    bool startServer(const QString &toml = QString());
    bool restartServer();
    QString makeCheckout(const QString &name, const QMap<QString, QByteArray> &files);
    QStringList buildArgs(const QString &command, const QStringList &extra = {}) const;
    CliResult build(const QString &checkout, const QString &command, const QStringList &extra = {});
    QString goFile() const { return m_tmp->filePath(QStringLiteral("go")); }
    QString dataDir() const { return m_tmp->filePath(QStringLiteral("data")); }
    QStringList leftovers(const QString &sub) const;
    QString state(const QString &id) const;

    std::unique_ptr<QTemporaryDir> m_tmp;
    std::unique_ptr<ServerProcess> m_server;
    QString m_mounted;
    QString m_sentinel;
};

void TestBuildControl::init()
{
    // The commands of this suite talk to the test through pid files and markers outside the workspace, which the
    // sandbox hides (that is tested in tst_sandbox).
    ServerProcess::baseConfig() = QStringLiteral("[sandbox]\nenabled = false\n");
    m_tmp = std::make_unique<QTemporaryDir>();
    QVERIFY(m_tmp->isValid());
    m_sentinel = m_tmp->filePath(QStringLiteral("outside/sentinel.txt"));
    QVERIFY(writeFile(m_sentinel, "keep me\n"));
}

void TestBuildControl::cleanup()
{
    // Builds orphaned by a killed server wait for this file; then nothing of ours keeps running.
    (void)writeFile(goFile(), "go\n");
    if (m_server && m_server->process().state() != QProcess::NotRunning)
        QVERIFY2(m_server->stop(), "server did not exit cleanly on SIGTERM");
    m_server.reset();
    QElapsedTimer timer;
    timer.start();
    while (!processesWithCwdUnder(m_tmp->path()).isEmpty() && timer.elapsed() < 5000)
        QTest::qWait(20);
    const QList<qint64> stray = processesWithCwdUnder(m_tmp->path());
    // Unconditional clean-up first, the verdict after it.
    killProcessesUnder(m_tmp->path());
    if (!m_mounted.isEmpty()) {
        QProcess umount;
        umount.start(QStringLiteral("umount"), {m_mounted});
        umount.waitForFinished(10000);
        m_mounted.clear();
    }
    QVERIFY2(stray.isEmpty(), "processes of a build were left running in the test directory");
    QCOMPARE(readFile(m_sentinel), QByteArray("keep me\n"));
    m_tmp.reset();
}

bool TestBuildControl::startServer(const QString &toml)
{
    m_server = std::make_unique<ServerProcess>();
    if (!m_server->start(dataDir(), toml)) {
        qWarning() << "server did not start:" << m_server->standardError();
        return false;
    }
    return true;
}

bool TestBuildControl::restartServer()
{
    // The same server again: same data and the same URL (the client keeps workspace ids per
    // server URL, so a restart on another port would be another server to it).
    const QString port = m_server ? QString::number(QUrl(m_server->url()).port()) : QStringLiteral("0");
    m_server = std::make_unique<ServerProcess>();
    return m_server->start(dataDir(), QString(), {QStringLiteral("--port"), port});
}

QString TestBuildControl::makeCheckout(const QString &name, const QMap<QString, QByteArray> &files)
{
    return writeTree(m_tmp->filePath(name), files);
}

QStringList TestBuildControl::buildArgs(const QString &command, const QStringList &extra) const
{
    QStringList args{QStringLiteral("build"), QStringLiteral("--server"), m_server->url()};
    args << extra << QStringLiteral("--") << command;
    return args;
}

CliResult TestBuildControl::build(const QString &checkout, const QString &command, const QStringList &extra)
{
    return runCli(buildArgs(command, extra), checkout, 60000);
}

QStringList TestBuildControl::leftovers(const QString &sub) const
{
    return QDir(dataDir() + QLatin1Char('/') + sub).entryList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot);
}

QString TestBuildControl::state(const QString &id) const
{
    return QString::fromUtf8(readFile(dataDir() + QLatin1String("/workspace-meta/") + id + QLatin1String("/state"))).trimmed();
}

/** @p count files "f/NNNN.txt" whose content names the file and @p version (about 2 KB each). */
static QMap<QString, QByteArray> versionedFiles(int count, const QByteArray &version)
{
    QMap<QString, QByteArray> files;
    for (int i = 0; i < count; ++i) {
        const QString name = QStringLiteral("f/%1.txt").arg(i, 4, 10, QLatin1Char('0'));
        files.insert(name, QByteArray(version + ' ' + name.toUtf8() + '\n').repeated(100));
    }
    return files;
}

void TestBuildControl::interruptCancelsRemoteBuildAndLeavesNoProcess()
{
    QVERIFY(startServer());
    const QString checkout = makeCheckout(QStringLiteral("co"), {{QStringLiteral("a.txt"), "a\n"}});
    const QString pidFile = m_tmp->filePath(QStringLiteral("bg.pid"));
    BackgroundCli cli;
    QVERIFY(cli.start(buildArgs(QStringLiteral("sleep 1000 & echo $! > '%1'; sleep 1000").arg(pidFile)), checkout));
    QTRY_VERIFY_WITH_TIMEOUT(readPidFile(pidFile) > 0, 20000);
    const qint64 background = readPidFile(pidFile);
    const QString ws = m_server->workspacePath(storedWorkspaceId(checkout));
    QVERIFY(!processesWithCwdUnder(ws).isEmpty());

    cli.signal(SIGINT);
    QVERIFY(cli.waitFinished(30000));
    QCOMPARE(cli.exitCode(), 130);
    QVERIFY2(cli.err().contains("cancelling the remote build"), cli.err().constData());
    QVERIFY(!cli.err().contains("the server stopped the build"));
    QTRY_VERIFY_WITH_TIMEOUT(processGone(background), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(processesWithCwdUnder(ws).isEmpty(), 10000);
    // The workspace stays for the next build.
    QCOMPARE(readFile(ws + QLatin1String("/a.txt")), QByteArray("a\n"));
}

void TestBuildControl::timeoutStopsTheCommand()
{
    QVERIFY(startServer());
    const QString checkout = makeCheckout(QStringLiteral("co"), {{QStringLiteral("a.txt"), "a\n"}});
    QElapsedTimer timer;
    timer.start();
    const CliResult r = build(checkout, QStringLiteral("sleep 30"), {QStringLiteral("--timeout"), QStringLiteral("1")});
    QVERIFY2(timer.elapsed() < 20000, "the timeout did not stop the build early");
    // SIGTERM ended the command: 128 + 15.
    QCOMPARE(r.exitCode, 143);
    QVERIFY2(r.err.contains("the build was stopped after exceeding its time limit"), r.err.constData());
    QTRY_VERIFY_WITH_TIMEOUT(processesWithCwdUnder(m_server->workspacePath(storedWorkspaceId(checkout))).isEmpty(), 10000);
}

void TestBuildControl::hundredMegabytesOfOutputArriveWithFlatServerMemory()
{
#ifdef __SANITIZE_ADDRESS__
    QSKIP("AddressSanitizer keeps freed memory in quarantine, so the server's RSS says nothing here; the normal build runs this check");
#endif
    QVERIFY(startServer());
    const QString checkout = makeCheckout(QStringLiteral("co"), {{QStringLiteral("a.txt"), "a\n"}});
    QCOMPARE(build(checkout, QStringLiteral("echo warm-up")).exitCode, 0);
    const qint64 rssBefore = m_server->peakRssKiB();
    QVERIFY(rssBefore > 0);

    constexpr qint64 total = 100000000;
    const QString outFile = m_tmp->filePath(QStringLiteral("stdout.txt"));
    BackgroundCli cli;
    QVERIFY(cli.start(buildArgs(QStringLiteral("head -c %1 /dev/zero | tr '\\0' x").arg(total), {QStringLiteral("-q")}), checkout,
                      outFile));
    QVERIFY(cli.waitFinished(120000));
    QVERIFY2(cli.exitCode() == 0, cli.err().constData());
    QCOMPARE(QFileInfo(outFile).size(), total);
    QFile out(outFile);
    QVERIFY(out.open(QIODevice::ReadOnly));
    const QByteArray expected(1 << 20, 'x');
    qint64 checked = 0;
    while (!out.atEnd()) {
        const QByteArray chunk = out.read(1 << 20);
        QVERIFY(chunk == expected.left(chunk.size()));
        checked += chunk.size();
    }
    QCOMPARE(checked, total);

    const qint64 growthKiB = m_server->peakRssKiB() - rssBefore;
    qInfo("server peak RSS: %lld KiB before, grew by %lld KiB for 100 MB of output", rssBefore, growthKiB);
    QVERIFY2(growthKiB < 60 * 1024, qPrintable(QStringLiteral("server peak RSS grew by %1 KiB").arg(growthKiB)));
}

void TestBuildControl::diskFullDuringSyncIsReportedAndServerRecovers()
{
    QVERIFY(QDir().mkpath(dataDir()));
    QProcess mount;
    mount.start(QStringLiteral("mount"), {QStringLiteral("-t"), QStringLiteral("tmpfs"), QStringLiteral("-o"), QStringLiteral("size=8m"),
                                          QStringLiteral("tmpfs"), dataDir()});
    if (!mount.waitForFinished(10000) || mount.exitStatus() != QProcess::NormalExit || mount.exitCode() != 0)
        QSKIP(qPrintable(QStringLiteral("cannot mount a small tmpfs (needs root / CAP_SYS_ADMIN): %1")
                             .arg(QString::fromLocal8Bit(mount.readAllStandardError()).trimmed())));
    m_mounted = dataDir();
    QVERIFY(startServer());

    const QString checkout = makeCheckout(QStringLiteral("co"), {{QStringLiteral("a.txt"), "small a\n"}, {QStringLiteral("dir/b.txt"), "small b\n"}});
    // 20 MB of random bytes: zstd cannot shrink them below the 8 MB the data dir has.
    {
        QFile big(checkout + QLatin1String("/big.bin"));
        QVERIFY(big.open(QIODevice::WriteOnly));
        QByteArray chunk(1 << 20, Qt::Uninitialized);
        for (int i = 0; i < 20; ++i) {
            QRandomGenerator::global()->fillRange(reinterpret_cast<quint32 *>(chunk.data()), chunk.size() / 4);
            QCOMPARE(big.write(chunk), qint64(chunk.size()));
        }
    }
    const CliResult full = build(checkout, QStringLiteral("ls"));
    QCOMPARE(full.exitCode, 125);
    QVERIFY2(full.err.contains("error (disk_full): no space left on device"), full.err.constData());
    QVERIFY(full.out.isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(leftovers(QStringLiteral("staging")).isEmpty(), 5000);

    QVERIFY(QFile::remove(checkout + QLatin1String("/big.bin")));
    const CliResult again = build(checkout, QStringLiteral("cat a.txt dir/b.txt"));
    QVERIFY2(again.exitCode == 0, again.err.constData());
    QCOMPARE(again.out, QByteArray("small a\nsmall b\n"));
    const QString ws = m_server->workspacePath(storedWorkspaceId(checkout));
    QCOMPARE(readFile(ws + QLatin1String("/a.txt")), QByteArray("small a\n"));
    QCOMPARE(readFile(ws + QLatin1String("/dir/b.txt")), QByteArray("small b\n"));
    QVERIFY(!QFileInfo::exists(ws + QLatin1String("/big.bin")));
    QVERIFY(leftovers(QStringLiteral("staging")).isEmpty());
}

void TestBuildControl::serverKilledMidBuildThenRestartedBuildsCorrectly()
{
    // A client that gives up at once (the detach policy's reconnecting client: tst_detach).
    QVERIFY(startServer(QStringLiteral("[build]\ndisconnect_policy = \"cancel\"\n")));
    const QString checkout = makeCheckout(QStringLiteral("co"), {{QStringLiteral("a.txt"), "v1\n"}, {QStringLiteral("sub/b.txt"), "b\n"}});
    const QString marker = m_tmp->filePath(QStringLiteral("running"));
    BackgroundCli cli;
    QVERIFY(cli.start(buildArgs(QStringLiteral("echo run > '%1'; while [ ! -e '%2' ]; do sleep 0.05; done").arg(marker, goFile())),
                      checkout));
    QTRY_VERIFY_WITH_TIMEOUT(QFileInfo::exists(marker), 20000);
    const QString id = storedWorkspaceId(checkout);

    m_server->kill9();
    QVERIFY(cli.waitFinished(30000));
    QCOMPARE(cli.exitCode(), 125);
    QVERIFY2(cli.err().contains("error (connection_failed): the connection to"), cli.err().constData());
    // The command runs in its own session, so it outlives the killed server...
    QVERIFY(!processesWithCwdUnder(m_tmp->path()).isEmpty());
    // ...until the restarted server, which takes over the data directory, stops it.
    QVERIFY(restartServer());
    QTRY_VERIFY_WITH_TIMEOUT(processesWithCwdUnder(m_tmp->path()).isEmpty(), 30000);
    QVERIFY(!QFileInfo::exists(goFile()));
    QVERIFY(writeFile(checkout + QLatin1String("/a.txt"), "v2\n"));
    QVERIFY(QFile::remove(checkout + QLatin1String("/sub/b.txt")));
    QVERIFY(writeFile(checkout + QLatin1String("/c.txt"), "c\n"));
    const CliResult r = build(checkout, QStringLiteral("cat a.txt c.txt"));
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QCOMPARE(r.out, QByteArray("v2\nc\n"));
    // The sync had completed before the kill: the workspace is reused as it is.
    QVERIFY2(r.err.contains("reusing workspace " + id.toUtf8()), r.err.constData());
    const QString ws = m_server->workspacePath(id);
    QCOMPARE(readFile(ws + QLatin1String("/a.txt")), QByteArray("v2\n"));
    QCOMPARE(readFile(ws + QLatin1String("/c.txt")), QByteArray("c\n"));
    QVERIFY(!QFileInfo::exists(ws + QLatin1String("/sub/b.txt")));
    QCOMPARE(state(id), QStringLiteral("ready"));
}

void TestBuildControl::serverKilledMidUploadLeavesNoStagingAndWorkspaceIntact()
{
    QVERIFY(startServer());
    const auto v1 = versionedFiles(50, "v1");
    const QString checkout = makeCheckout(QStringLiteral("co"), v1);
    QCOMPARE(build(checkout, QStringLiteral("true")).exitCode, 0);
    const QString id = storedWorkspaceId(checkout);
    const QString ws = m_server->workspacePath(id);

    // Half of an upload of new contents, processed by the server, then kill -9.
    TarBuilder tar;
    for (auto it = v1.cbegin(); it != v1.cend(); ++it)
        tar.file(it.key().toUtf8(), "v2 " + it.key().toUtf8() + '\n');
    const QByteArray archive = tar.tar();
    RawClient client;
    QVERIFY(client.handshake(m_server->url()));
    client.send(QJsonObject{{QStringLiteral("type"), QStringLiteral("build")},
                            {QStringLiteral("command"), QStringLiteral("true")},
                            {QStringLiteral("workspace_id"), id},
                            {QStringLiteral("upload"), QJsonObject{{QStringLiteral("format"), QStringLiteral("tar")},
                                                                   {QStringLiteral("mode"), QStringLiteral("full")}}}});
    const QJsonObject accepted = client.waitFor(QStringLiteral("accepted"));
    QCOMPARE(accepted.value(QLatin1String("workspace")).toString(), QStringLiteral("reused"));
    client.sendBinary(archive.left(archive.size() / 2));
    QVERIFY(!client.waitFor(QStringLiteral("upload_ack")).isEmpty());
    QVERIFY(!leftovers(QStringLiteral("staging")).isEmpty());
    m_server->kill9();

    QVERIFY(restartServer());
    QVERIFY(leftovers(QStringLiteral("staging")).isEmpty());
    QVERIFY(leftovers(QStringLiteral("workspaces/builds")).isEmpty());
    QCOMPARE(state(id), QStringLiteral("ready"));
    QCOMPARE(treeContents(ws), v1);

    const CliResult r = build(checkout, QStringLiteral("cat f/0007.txt | head -n 1"));
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY(r.err.contains("reusing workspace " + id.toUtf8()));
    QCOMPARE(r.out, QByteArray("v1 f/0007.txt\n"));
    QCOMPARE(treeContents(ws), v1);
}

void TestBuildControl::serverKilledMidApplyLeavesWorkspaceDirtyAndNextBuildRepairsIt()
{
    QVERIFY(startServer(QStringLiteral("[build]\ndisconnect_policy = \"cancel\"\n")));
    const QString checkout = makeCheckout(QStringLiteral("co"), versionedFiles(1000, "v1"));
    QCOMPARE(build(checkout, QStringLiteral("true")).exitCode, 0);
    const QString id = storedWorkspaceId(checkout);
    const QString ws = m_server->workspacePath(id);

    const auto v2 = versionedFiles(1000, "v2");
    for (auto it = v2.cbegin(); it != v2.cend(); ++it)
        QVERIFY(writeFile(checkout + QLatin1Char('/') + it.key(), it.value()));
    BackgroundCli cli;
    QVERIFY(cli.start(buildArgs(QStringLiteral("true")), checkout));
    // The server marks the workspace dirty before it starts changing it; kill it right then.
    // (Tight polling of a file: the window is the sync of 1000 files.)
    const QString stateFile = dataDir() + QLatin1String("/workspace-meta/") + id + QLatin1String("/state");
    QElapsedTimer timer;
    timer.start();
    bool sawDirty = false;
    while (!sawDirty && timer.elapsed() < 30000 && cli.isRunning()) {
        QFile f(stateFile);
        sawDirty = f.open(QIODevice::ReadOnly) && f.readAll().trimmed() == "dirty";
        if (!sawDirty)
            QCoreApplication::processEvents();
    }
    QVERIFY2(sawDirty, "the sync never marked the workspace dirty");
    m_server->kill9();
    QVERIFY(cli.waitFinished(30000));
    QCOMPARE(cli.exitCode(), 125);

    QVERIFY(restartServer());
    QVERIFY(leftovers(QStringLiteral("staging")).isEmpty());
    // The kill came microseconds after "dirty", long before the sync could end: the
    // half-synced workspace must still say so after the restart.
    QCOMPARE(state(id), QStringLiteral("dirty"));
    QVERIFY(treeContents(ws) != v2);

    const CliResult r = build(checkout, QStringLiteral("head -n 1 f/0999.txt"));
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QCOMPARE(r.out, QByteArray("v2 f/0999.txt\n"));
    QVERIFY2(r.err.contains("new workspace " + id.toUtf8() + " (the previous sync was interrupted; re-uploading everything)"),
             r.err.constData());
    QVERIFY(r.err.contains("synced: 1000 written, 0 unchanged"));
    QCOMPARE(treeContents(ws), v2);
    QCOMPARE(state(id), QStringLiteral("ready"));
}

void TestBuildControl::serverShutdownStopsBuildWithClearMessage()
{
    // No drain: SIGTERM cancels running builds at once (tst_serverops covers the drain).
    QVERIFY(startServer(QStringLiteral("[server]\ndrain_timeout_sec = 0\n")));
    const QString checkout = makeCheckout(QStringLiteral("co"), {{QStringLiteral("a.txt"), "a\n"}});
    const QString marker = m_tmp->filePath(QStringLiteral("running"));
    BackgroundCli cli;
    QVERIFY(cli.start(buildArgs(QStringLiteral("echo run > '%1'; sleep 1000").arg(marker)), checkout));
    QTRY_VERIFY_WITH_TIMEOUT(QFileInfo::exists(marker), 20000);
    const QString ws = m_server->workspacePath(storedWorkspaceId(checkout));

    QVERIFY2(m_server->stop(), "server did not exit 0 after SIGTERM");
    QVERIFY(cli.waitFinished(30000));
    // Not a user interrupt (130): the user did not ask for it.
    QCOMPARE(cli.exitCode(), 125);
    QVERIFY2(cli.err().contains("the server stopped the build (shutting down)"), cli.err().constData());
    QVERIFY(!cli.err().contains("cancelling"));
    QTRY_VERIFY_WITH_TIMEOUT(processesWithCwdUnder(ws).isEmpty(), 10000);
}

QTEST_GUILESS_MAIN(TestBuildControl)
#include "tst_buildcontrol.moc"
