// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: BSD-2-Clause

// The workspace a CLI build uses: the checkout root found from a subdirectory, ids per server.
#include "serverprocess.h"

#include <QFileInfo>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace BuildService::Test;

class TestClientWorkspace : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void subdirectoryBuildUsesRootWorkspaceAndRunsInSubdirectory();
    void ignoredSubdirectoryIsCreatedRemotely();
    void artifactGlobsAreRelativeToTheSubdirectory();
    void legacyWorkspaceIdKeepsWorkingForTheFirstServer();
    void twoServersAlternateWithoutReupload();

private:
    CliResult build(const ServerProcess &server, const QString &workDir, const QString &command);

    std::unique_ptr<QTemporaryDir> m_tmp;
    std::unique_ptr<ServerProcess> m_server;
    QString m_checkout;
};

/** The workspace id named by the "new workspace ..." or "reusing workspace ..." line. */
static QString workspaceOf(const CliResult &r)
{
    static const QRegularExpression line(QStringLiteral("(?:new|reusing) workspace (ws_\\S+)"));
    return line.match(QString::fromUtf8(r.err)).captured(1);
}

void TestClientWorkspace::init()
{
    m_tmp = std::make_unique<QTemporaryDir>();
    QVERIFY(m_tmp->isValid());
    m_checkout = m_tmp->filePath(QStringLiteral("checkout"));
    // A git checkout as far as the lookup cares: .git exists (it is never uploaded).
    QVERIFY(QDir().mkpath(m_checkout + QLatin1String("/.git")));
    QVERIFY(writeFile(m_checkout + QLatin1String("/top.txt"), "top\n"));
    QVERIFY(writeFile(m_checkout + QLatin1String("/src/lib/inner.txt"), "inner\n"));
    QVERIFY(writeFile(m_checkout + QLatin1String("/.gitignore"), "out/\n"));
    m_server = std::make_unique<ServerProcess>();
    QVERIFY2(m_server->start(m_tmp->filePath(QStringLiteral("data"))), m_server->standardError().constData());
}

void TestClientWorkspace::cleanup()
{
    if (m_server)
        QVERIFY2(m_server->stop(), "server did not exit cleanly on SIGTERM");
    m_server.reset();
    m_tmp.reset();
}

CliResult TestClientWorkspace::build(const ServerProcess &server, const QString &workDir, const QString &command)
{
    return runCli({QStringLiteral("build"), QStringLiteral("--server"), server.url(), QStringLiteral("--"), command}, workDir);
}

void TestClientWorkspace::subdirectoryBuildUsesRootWorkspaceAndRunsInSubdirectory()
{
    // Started in src/lib of a checkout that has never been built: the whole checkout goes up.
    const QString sub = m_checkout + QLatin1String("/src/lib");
    const CliResult first = build(*m_server, sub, QStringLiteral("pwd && cat inner.txt ../../top.txt"));
    QVERIFY2(first.exitCode == 0, first.err.constData());
    // pwd prints the remote directory, mapped back to the local path.
    QCOMPARE(QString::fromUtf8(first.out), sub + QLatin1String("\ninner\ntop\n"));
    const QString id = workspaceOf(first);
    QVERIFY2(!id.isEmpty(), first.err.constData());
    QCOMPARE(QString::fromUtf8(readFile(m_checkout + QLatin1String("/.build-service/workspace-id"))).trimmed(), id);
    QVERIFY(!QFileInfo::exists(sub + QLatin1String("/.build-service")));
    QVERIFY(!QFileInfo::exists(m_checkout + QLatin1String("/src/.build-service")));

    // From the root and from another subdirectory: the same workspace, changes only.
    const CliResult root = build(*m_server, m_checkout, QStringLiteral("pwd"));
    QVERIFY2(root.exitCode == 0, root.err.constData());
    QCOMPARE(QString::fromUtf8(root.out), m_checkout + QLatin1Char('\n'));
    QCOMPARE(workspaceOf(root), id);
    QVERIFY2(root.err.contains("reusing workspace"), root.err.constData());
    QVERIFY2(root.err.contains("synced: 0 written"), root.err.constData());
    QVERIFY2(root.err.contains("changes only"), root.err.constData());

    const CliResult src = build(*m_server, m_checkout + QLatin1String("/src"), QStringLiteral("pwd && ls"));
    QVERIFY2(src.exitCode == 0, src.err.constData());
    QCOMPARE(QString::fromUtf8(src.out), m_checkout + QLatin1String("/src\nlib\n"));
    QCOMPARE(workspaceOf(src), id);
    QVERIFY(!QFileInfo::exists(m_checkout + QLatin1String("/src/.build-service")));
    QCOMPARE(m_server->workspaceIds(), QStringList{id});
}

void TestClientWorkspace::ignoredSubdirectoryIsCreatedRemotely()
{
    // out/ is ignored, so nothing in it is uploaded; a build started there still runs there.
    const QString out = m_checkout + QLatin1String("/out");
    QVERIFY(writeFile(out + QLatin1String("/local-only.txt"), "x\n"));
    const CliResult r = build(*m_server, out, QStringLiteral("pwd && ls -A && cat ../top.txt"));
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QCOMPARE(QString::fromUtf8(r.out), out + QLatin1String("\ntop\n"));
    QVERIFY(!QFileInfo::exists(out + QLatin1String("/.build-service")));
}

void TestClientWorkspace::artifactGlobsAreRelativeToTheSubdirectory()
{
    // A directory name with glob characters is taken literally.
    const QString sub = m_checkout + QLatin1String("/src/we[ir]d*");
    QVERIFY(writeFile(sub + QLatin1String("/keep.txt"), "k\n"));
    const CliResult r = runCli({QStringLiteral("build"), QStringLiteral("--server"), m_server->url(), QStringLiteral("-a"),
                                QStringLiteral("out/*.bin"), QStringLiteral("--"), QStringLiteral("mkdir -p out && echo made > out/made.bin")},
                               sub);
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QCOMPARE(readFile(sub + QLatin1String("/out/made.bin")), QByteArray("made\n"));
    QVERIFY(!QFileInfo::exists(m_checkout + QLatin1String("/out/made.bin")));
    QVERIFY2(!r.err.contains("matched no file"), r.err.constData());
}

void TestClientWorkspace::legacyWorkspaceIdKeepsWorkingForTheFirstServer()
{
    const CliResult first = build(*m_server, m_checkout, QStringLiteral("true"));
    QVERIFY2(first.exitCode == 0, first.err.constData());
    const QString id = workspaceOf(first);
    // What a checkout from before per-server ids holds: workspace-id and the manifest, no server file.
    QVERIFY(QFile::remove(m_checkout + QLatin1String("/.build-service/server")));
    const CliResult again = build(*m_server, m_checkout, QStringLiteral("true"));
    QVERIFY2(again.exitCode == 0, again.err.constData());
    QCOMPARE(workspaceOf(again), id);
    QVERIFY2(again.err.contains("changes only"), again.err.constData());
}

void TestClientWorkspace::twoServersAlternateWithoutReupload()
{
    ServerProcess other;
    QVERIFY2(other.start(m_tmp->filePath(QStringLiteral("data-other"))), other.standardError().constData());

    const CliResult a1 = build(*m_server, m_checkout, QStringLiteral("cat top.txt"));
    QVERIFY2(a1.exitCode == 0, a1.err.constData());
    const CliResult b1 = build(other, m_checkout, QStringLiteral("cat top.txt"));
    QVERIFY2(b1.exitCode == 0, b1.err.constData());
    const QString idA = workspaceOf(a1);
    const QString idB = workspaceOf(b1);
    QVERIFY(!idA.isEmpty() && !idB.isEmpty());
    QCOMPARE(m_server->workspaceIds(), QStringList{idA});
    QCOMPARE(other.workspaceIds(), QStringList{idB});

    for (int round = 0; round < 2; ++round) {
        const CliResult a = build(*m_server, m_checkout, QStringLiteral("cat top.txt"));
        QVERIFY2(a.exitCode == 0, a.err.constData());
        QCOMPARE(workspaceOf(a), idA);
        QVERIFY2(a.err.contains("reusing workspace"), a.err.constData());
        QVERIFY2(a.err.contains("synced: 0 written") && a.err.contains("changes only"), a.err.constData());
        const CliResult b = build(other, m_checkout, QStringLiteral("cat top.txt"));
        QVERIFY2(b.exitCode == 0, b.err.constData());
        QCOMPARE(workspaceOf(b), idB);
        QVERIFY2(b.err.contains("reusing workspace"), b.err.constData());
        QVERIFY2(b.err.contains("synced: 0 written") && b.err.contains("changes only"), b.err.constData());
    }
    // The first server stays the default one, in the file older clients and tools read.
    QCOMPARE(QString::fromUtf8(readFile(m_checkout + QLatin1String("/.build-service/workspace-id"))).trimmed(), idA);
    QVERIFY2(other.stop(), "second server did not exit cleanly on SIGTERM");
}

QTEST_GUILESS_MAIN(TestClientWorkspace)
#include "tst_clientworkspace.moc"
