// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: BSD-2-Clause

// End-to-end: the server never stalls on and never loses to its file system: tree removal off
// the event loop, trees deeper than PATH_MAX, metadata that survives errors and a full disk.
#include "lifecyclehelpers.h"
#include "rawclient.h"
#include "serverprocess.h"
#include "tarbuilder.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

using namespace BuildService::Test;

class TestResilience : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void deepDirectoryWorkspaceIsCollectedAndServerRestarts();
    void outputKeepsFlowingWhileALargeWorkspaceIsRemoved();
    void emptyOrUnreadableLastUsedKeepsTheWorkspace_data();
    void emptyOrUnreadableLastUsedKeepsTheWorkspace();
    void fullStateDiskKeepsTheWorkspaceAndItsOutputs();

private:
    bool startServer(const QString &toml);
    QString makeCheckout(const QString &name, const QMap<QString, QByteArray> &files);
    CliResult build(const QString &checkout, const QString &command);
    QByteArray serverLog();

    std::unique_ptr<QTemporaryDir> m_tmp;
    std::unique_ptr<ServerProcess> m_server;
    QByteArray m_log;
};

namespace {

QJsonObject buildMessage(const QString &command, const QString &workspaceId = QString())
{
    QJsonObject json{{QStringLiteral("type"), QStringLiteral("build")}, {QStringLiteral("command"), command},
                     {QStringLiteral("upload"), QJsonObject{{QStringLiteral("format"), QStringLiteral("tar+zstd")},
                                                            {QStringLiteral("mode"), QStringLiteral("full")}}}};
    if (!workspaceId.isEmpty())
        json.insert(QStringLiteral("workspace_id"), workspaceId);
    return json;
}

QJsonObject uploadEnd(qint64 bytes)
{
    return QJsonObject{{QStringLiteral("type"), QStringLiteral("upload_end")}, {QStringLiteral("bytes"), bytes},
                       {QStringLiteral("entries"), 0}};
}

} // namespace

void TestResilience::init()
{
    m_tmp = std::make_unique<QTemporaryDir>();
    QVERIFY(m_tmp->isValid());
    m_log.clear();
}

void TestResilience::cleanup()
{
    if (m_server)
        QVERIFY2(m_server->stop(), "server did not exit cleanly on SIGTERM");
    m_server.reset();
    // Trees deeper than PATH_MAX defeat QTemporaryDir's own removal; GNU rm walks them by descriptor.
    QProcess::execute(QStringLiteral("rm"), {QStringLiteral("-rf"), m_tmp->path()});
    m_tmp.reset();
}

bool TestResilience::startServer(const QString &toml)
{
    // A restart is the same server to the client only at the same URL (workspace ids are kept
    // per server URL): reuse the port.
    const QString port = m_server ? QString::number(QUrl(m_server->url()).port()) : QStringLiteral("0");
    m_server = std::make_unique<ServerProcess>();
    const bool started = m_server->start(m_tmp->filePath(QStringLiteral("data")), toml, {QStringLiteral("--port"), port});
    if (!started)
        qWarning() << "server did not start:" << m_server->standardError();
    return started;
}

QString TestResilience::makeCheckout(const QString &name, const QMap<QString, QByteArray> &files)
{
    return writeTree(m_tmp->filePath(name), files);
}

CliResult TestResilience::build(const QString &checkout, const QString &command)
{
    return runCli({QStringLiteral("build"), QStringLiteral("--server"), m_server->url(), QStringLiteral("--"), command}, checkout, 120000);
}

QByteArray TestResilience::serverLog()
{
    m_log += m_server->standardError();
    return m_log;
}

void TestResilience::deepDirectoryWorkspaceIsCollectedAndServerRestarts()
{
    const QString config = QStringLiteral("[build]\nworkspace_ttl_sec = 1\ngc_interval_sec = 1\n[cache]\nenabled = false\n");
    QVERIFY(startServer(config));
    const QString checkout = makeCheckout(QStringLiteral("deep"), {{QStringLiteral("a.txt"), "a\n"}});
    // The command of the issue: /bin/sh stops being able to cd at PATH_MAX, so the chain ends
    // there, and the workspace path in front of it makes every full path longer than PATH_MAX.
    const CliResult r = build(checkout, QStringLiteral("for i in $(seq 1 2500); do mkdir dd && cd dd; done 2>/dev/null; true"));
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QString id = storedWorkspaceId(checkout);
    QVERIFY(id.startsWith(QLatin1String("ws_")));
    QVERIFY(QFileInfo(m_server->workspacePath(id) + QLatin1String("/dd/dd/dd")).isDir());

    // The GC expires it, the trash deletes it on its worker thread.
    QTRY_VERIFY_WITH_TIMEOUT(serverLog().contains("removed workspace " + id.toUtf8() + " reason: expired"), 20000);
    QTRY_VERIFY_WITH_TIMEOUT(serverLog().contains("removed " + id.toUtf8() + " in"), 60000);
    QVERIFY(!QFileInfo::exists(m_server->workspacePath(id)));
    QVERIFY(!serverLog().contains("File name too long"));
    QVERIFY2(m_server->stop(), "server did not exit cleanly on SIGTERM");

    // And the server starts again, without the workspace.
    QVERIFY(startServer(config));
    QVERIFY(!QFileInfo::exists(m_server->workspacePath(id)));
    QVERIFY(QDir(m_server->dataDir() + QLatin1String("/trash")).isEmpty());
}

void TestResilience::outputKeepsFlowingWhileALargeWorkspaceIsRemoved()
{
    QVERIFY(startServer(QStringLiteral("[build]\nworkspace_ttl_sec = 3\ngc_interval_sec = 1\n[cache]\nenabled = false\n")));

    // A build that streams output until it is cancelled, on its own workspace (busy: never collected).
    RawClient client;
    QVERIFY(client.handshake(m_server->url()));
    client.send(buildMessage(QStringLiteral("while :; do echo tick; sleep 0.002; done")));
    const QJsonObject accepted = client.waitFor(QStringLiteral("accepted"));
    QCOMPARE(accepted.value(QLatin1String("type")).toString(), QStringLiteral("accepted"));
    const QByteArray upload = TarBuilder().file("a.txt", "a\n").zstd();
    client.sendBinary(upload);
    client.send(uploadEnd(upload.size()));
    QVERIFY(!client.waitFor(QStringLiteral("started")).isEmpty());

    // A large workspace, idle: it expires after its TTL and the GC removes it.
    const QString checkout = makeCheckout(QStringLiteral("big"), {{QStringLiteral("b.txt"), "b\n"}});
    const CliResult r = build(checkout, QStringLiteral("for d in $(seq 1 100); do mkdir $d && (cd $d && seq 1 800 | xargs touch); done"));
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QString bigId = storedWorkspaceId(checkout);
    QVERIFY(QFileInfo::exists(m_server->workspacePath(bigId) + QLatin1String("/100/800")));

    // Ask for the status on the build's own connection, again and again: replies and output
    // events are ordered on it. An output event between two replies that both say the big
    // workspace is being removed was sent while the removal was in progress.
    enum class Phase { BeforeRemoval, Removing, OutputSeenWhileRemoving, Proven } phase = Phase::BeforeRemoval;
    int checked = 0;
    int replies = 0;
    bool removalEnded = false;
    const auto statusSeen = [&]() -> bool {
        const QList<QJsonObject> &messages = client.messages();
        for (; checked < messages.size(); ++checked) {
            const QJsonObject &m = messages.at(checked);
            const QString type = m.value(QLatin1String("type")).toString();
            if (type == QLatin1String("output")) {
                if (phase == Phase::Removing)
                    phase = Phase::OutputSeenWhileRemoving;
                continue;
            }
            if (type != QLatin1String("status_reply"))
                continue;
            ++replies;
            const QJsonObject trash = m.value(QLatin1String("trash")).toObject();
            const bool removingBig = trash.value(QLatin1String("removing")).toString() == bigId;
            if (removingBig && phase == Phase::BeforeRemoval)
                phase = Phase::Removing;
            else if (removingBig && phase == Phase::OutputSeenWhileRemoving)
                phase = Phase::Proven;
            else if (!removingBig && phase != Phase::BeforeRemoval && phase != Phase::Proven)
                removalEnded = true;
            client.send(QJsonObject{{QStringLiteral("type"), QStringLiteral("status")}});
        }
        return phase == Phase::Proven || removalEnded;
    };
    client.send(QJsonObject{{QStringLiteral("type"), QStringLiteral("status")}});
    QTRY_VERIFY_WITH_TIMEOUT(statusSeen() || serverLog().contains("removed " + bigId.toUtf8() + " in"), 60000);
    // Replies the server sent before the removal ended may still be on their way.
    QTRY_VERIFY_WITH_TIMEOUT(statusSeen() || phase == Phase::BeforeRemoval, 10000);
    QVERIFY2(phase == Phase::Proven,
             qPrintable(QStringLiteral("no output event arrived between two status replies that reported the removal in progress "
                                       "(phase %1 after %2 status replies); server log:\n%3")
                            .arg(int(phase)).arg(replies).arg(QString::fromUtf8(serverLog().right(3000)))));
    // The server reports how late its event loop ran (its watchdog), for admins and benchmarks.
    for (const QJsonObject &m : client.messages()) {
        if (m.value(QLatin1String("type")).toString() == QLatin1String("status_reply")) {
            QVERIFY(m.value(QLatin1String("loop_lag_max_ms")).isDouble());
            break;
        }
    }
    QTRY_VERIFY_WITH_TIMEOUT(serverLog().contains("removed " + bigId.toUtf8() + " in"), 60000);
    QVERIFY(!QFileInfo::exists(m_server->workspacePath(bigId)));

    client.send(QJsonObject{{QStringLiteral("type"), QStringLiteral("cancel")}});
    const QJsonObject exit = client.waitFor(QStringLiteral("exit"), 60000, false);
    QCOMPARE(exit.value(QLatin1String("cancelled")).toBool(), true);
}

void TestResilience::emptyOrUnreadableLastUsedKeepsTheWorkspace_data()
{
    QTest::addColumn<QString>("damage");
    QTest::newRow("empty") << QStringLiteral("empty");
    QTest::newRow("unreadable") << QStringLiteral("unreadable");
}

void TestResilience::emptyOrUnreadableLastUsedKeepsTheWorkspace()
{
    QFETCH(QString, damage);
    // The GC runs every second; the TTL is long, so only a misread last-used could expire it.
    QVERIFY(startServer(QStringLiteral("[build]\ngc_interval_sec = 1\n[cache]\nenabled = false\n")));
    const QString checkout = makeCheckout(QStringLiteral("c"), {{QStringLiteral("a.txt"), "a\n"}});
    const CliResult first = build(checkout, QStringLiteral("echo built > out.txt"));
    QVERIFY2(first.exitCode == 0, first.err.constData());
    const QString id = storedWorkspaceId(checkout);
    const QString lastUsed = m_server->dataDir() + QLatin1String("/workspace-meta/") + id + QLatin1String("/last-used");
    // Damaged while the server is down (the running server keeps what it wrote in memory).
    QVERIFY2(m_server->stop(), "server did not exit cleanly on SIGTERM");
    QVERIFY(QFile::remove(lastUsed));
    if (damage == QLatin1String("empty"))
        QVERIFY(writeFile(lastUsed, ""));
    else
        QVERIFY(QDir().mkpath(lastUsed)); // reading it fails like an I/O error would
    m_log.clear();
    QVERIFY(startServer(QStringLiteral("[build]\ngc_interval_sec = 1\n[cache]\nenabled = false\n")));

    // The GC sees it, keeps it and says so; for "empty" it also repairs the file.
    QTRY_VERIFY_WITH_TIMEOUT(serverLog().contains("workspace " + id.toUtf8() + " :"), 20000);
    QVERIFY(serverLog().contains("- kept"));
    QVERIFY(!serverLog().contains("removed workspace " + id.toUtf8()));
    if (damage == QLatin1String("empty"))
        QTRY_VERIFY_WITH_TIMEOUT(readFile(lastUsed).toLongLong() > 0, 20000);
    else
        QVERIFY(QDir(lastUsed).removeRecursively());

    // The next build reuses it, outputs included.
    QVERIFY(writeFile(checkout + QLatin1String("/a.txt"), "b\n"));
    const CliResult second = build(checkout, QStringLiteral("cat out.txt a.txt"));
    QVERIFY2(second.exitCode == 0, second.err.constData());
    QCOMPARE(storedWorkspaceId(checkout), id);
    QCOMPARE(second.out, QByteArray("built\nb\n"));
}

void TestResilience::fullStateDiskKeepsTheWorkspaceAndItsOutputs()
{
    // The scenario of issue #11: the data directory on an 8 MiB tmpfs that fills up.
    const QString data = m_tmp->filePath(QStringLiteral("data"));
    QVERIFY(QDir().mkpath(data));
    if (QProcess::execute(QStringLiteral("mount"), {QStringLiteral("-t"), QStringLiteral("tmpfs"), QStringLiteral("-o"),
                                                    QStringLiteral("size=8m"), QStringLiteral("none"), data}) != 0)
        QSKIP("cannot mount a tmpfs here (the test needs root)");
    const auto unmount = qScopeGuard([this, data] {
        if (m_server)
            QVERIFY(m_server->stop());
        m_server.reset();
        QProcess::execute(QStringLiteral("umount"), {data});
    });
    QVERIFY(startServer(QStringLiteral("[cache]\nenabled = false\n")));
    const QString checkout = makeCheckout(QStringLiteral("c"), {{QStringLiteral("a.txt"), "a\n"}});
    const CliResult first = build(checkout, QStringLiteral("echo built > out.txt"));
    QVERIFY2(first.exitCode == 0, first.err.constData());
    const QString id = storedWorkspaceId(checkout);
    const QString lastUsed = data + QLatin1String("/workspace-meta/") + id + QLatin1String("/last-used");
    const QByteArray lastUsedBefore = readFile(lastUsed);
    QVERIFY(lastUsedBefore.toLongLong() > 0);

    // Fill the file system to the last block.
    {
        QFile fill(data + QLatin1String("/filler"));
        QVERIFY(fill.open(QIODevice::WriteOnly | QIODevice::Unbuffered));
        const QByteArray block(4096, 'x');
        while (fill.write(block) == block.size()) {
        }
    }
    QVERIFY(writeFile(checkout + QLatin1String("/a.txt"), QByteArray(64 * 1024, 'c')));
    const CliResult full = build(checkout, QStringLiteral("cat out.txt"));
    QVERIFY(full.exitCode != 0);
    QVERIFY2(full.err.contains("disk_full"), full.err.constData());
    // Every metadata file still holds its old value.
    QCOMPARE(readFile(lastUsed), lastUsedBefore);
    QCOMPARE(storedWorkspaceId(checkout), id);

    // Space comes back: the same workspace, with the earlier build's output.
    QVERIFY(QFile::remove(data + QLatin1String("/filler")));
    const CliResult again = build(checkout, QStringLiteral("cat out.txt; wc -c < a.txt"));
    QVERIFY2(again.exitCode == 0, again.err.constData());
    QCOMPARE(storedWorkspaceId(checkout), id);
    QVERIFY2(again.err.contains("reusing workspace " + id.toUtf8()), again.err.constData());
    QCOMPARE(again.out, QByteArray("built\n65536\n"));
}

QTEST_GUILESS_MAIN(TestResilience)
#include "tst_resilience.moc"
