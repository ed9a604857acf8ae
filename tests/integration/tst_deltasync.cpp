// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: BSD-2-Clause

// Delta sync: only changes travel, and the workspace always ends up equal to the checkout.
#include "rawclient.h"
#include "serverprocess.h"
#include "tarbuilder.h"

#include <QDirIterator>
#include <QTemporaryDir>
#include <QTest>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace BuildService::Test;

class TestDeltaSync : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void unchangedTreeSendsNothing();
    void sameSizeSameMtimeChangeIsSynced();
    void fileReplacedByDirectoryAndBack();
    void symlinkRetargeted();
    void modeChangeOnly();
    void editOnServerIsRepaired();
    void sameSizeEditByBuildIsRepaired_data();
    void sameSizeEditByBuildIsRepaired();
    void workspaceDeletedBehindClientsBack();
    void interruptedUploadIsRedone();
    void missingOrCorruptCacheFallsBackToFullSync_data();
    void missingOrCorruptCacheFallsBackToFullSync();
    void twoCheckoutsDoNotMix();

private:
    CliResult build(const QString &checkout, const QString &command = QStringLiteral("true"));
    QString workspaceOf(const QString &checkout) const;
    /** Every uploaded file of @p checkout equals the workspace's, and the workspace has no extra synced files. */
    void verifySameTree(const QString &checkout);
    static qint64 writtenCount(const QByteArray &err);
    /** Bytes from "(N B uploaded" in the CLI's synced line; -1 when absent or not in bytes. */
    static qint64 uploadedBytes(const QByteArray &err);

    std::unique_ptr<QTemporaryDir> m_tmp;
    std::unique_ptr<ServerProcess> m_server;
    QString m_checkout;
};

void TestDeltaSync::init()
{
    m_tmp = std::make_unique<QTemporaryDir>();
    m_checkout = m_tmp->filePath(QStringLiteral("checkout"));
    QVERIFY(QDir().mkpath(m_checkout));
    QVERIFY(copyTree(sourcePath(QStringLiteral("examples/hello-cmake")), m_checkout));
    m_server = std::make_unique<ServerProcess>();
    QVERIFY(m_server->start(m_tmp->filePath(QStringLiteral("data"))));
    QCOMPARE(build(m_checkout).exitCode, 0);
}

void TestDeltaSync::cleanup()
{
    if (m_server)
        QVERIFY(m_server->stop());
    m_server.reset();
    m_tmp.reset();
}

CliResult TestDeltaSync::build(const QString &checkout, const QString &command)
{
    return runCli({QStringLiteral("build"), QStringLiteral("--server"), m_server->url(), QStringLiteral("--"), command}, checkout);
}

QString TestDeltaSync::workspaceOf(const QString &checkout) const
{
    return m_server->workspacePath(QString::fromUtf8(readFile(checkout + QLatin1String("/.build-service/workspace-id"))).trimmed());
}

qint64 TestDeltaSync::writtenCount(const QByteArray &err)
{
    const int at = err.indexOf("synced: ");
    return at < 0 ? -1 : err.mid(at + 8).split(' ').first().toLongLong();
}

qint64 TestDeltaSync::uploadedBytes(const QByteArray &err)
{
    const int at = err.indexOf(" B uploaded");
    if (at < 0)
        return -1;
    const int open = err.lastIndexOf('(', at);
    return err.mid(open + 1, at - open - 1).toLongLong();
}

void TestDeltaSync::verifySameTree(const QString &checkout)
{
    const QString ws = workspaceOf(checkout);
    QDirIterator it(checkout, QDir::Files | QDir::System | QDir::Hidden | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    int files = 0;
    while (it.hasNext()) {
        const QString path = it.next();
        const QString rel = path.mid(checkout.size() + 1);
        if (rel.startsWith(QLatin1String(".build-service/")) || rel.startsWith(QLatin1String("build/")))
            continue;
        ++files;
        const QFileInfo local(path);
        const QFileInfo remote(ws + QLatin1Char('/') + rel);
        QVERIFY2(remote.exists() || remote.isSymLink(), qPrintable(rel));
        QCOMPARE(remote.isSymLink(), local.isSymLink());
        if (local.isSymLink()) {
            QCOMPARE(QFile::symLinkTarget(remote.filePath()).mid(ws.size()), QFile::symLinkTarget(path).mid(checkout.size()));
            continue;
        }
        QCOMPARE(readFile(remote.filePath()), readFile(path));
        QCOMPARE(remote.permissions() & QFile::ExeOwner, local.permissions() & QFile::ExeOwner);
    }
    QVERIFY(files > 5);
}

void TestDeltaSync::unchangedTreeSendsNothing()
{
    const CliResult r = build(m_checkout);
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(writtenCount(r.err), 0);
    QVERIFY2(r.err.contains("changes only;"), r.err.constData());
    QVERIFY2(uploadedBytes(r.err) < 200, r.err.constData());
    verifySameTree(m_checkout);
}

void TestDeltaSync::sameSizeSameMtimeChangeIsSynced()
{
    const QString file = m_checkout + QLatin1String("/greeting/format.cpp");
    QByteArray content = readFile(file);
    struct stat before;
    QCOMPARE(::stat(QFile::encodeName(file).constData(), &before), 0);
    content[content.size() - 2] = content[content.size() - 2] == 'x' ? 'y' : 'x';
    QVERIFY(writeFile(file, content));
    // Put the old mtime back: only the ctime (which nobody can set) still tells.
    const struct timespec times[2] = {before.st_atim, before.st_mtim};
    QCOMPARE(::utimensat(AT_FDCWD, QFile::encodeName(file).constData(), times, 0), 0);
    const CliResult r = build(m_checkout);
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(writtenCount(r.err), 1);
    QVERIFY2(r.err.contains("changes only;"), r.err.constData());
    verifySameTree(m_checkout);
}

void TestDeltaSync::fileReplacedByDirectoryAndBack()
{
    QVERIFY(QFile::remove(m_checkout + QLatin1String("/calc/calculator.h")));
    QVERIFY(writeFile(m_checkout + QLatin1String("/calc/calculator.h/inner.txt"), "inner\n"));
    QCOMPARE(build(m_checkout).exitCode, 0);
    verifySameTree(m_checkout);
    QVERIFY(QFileInfo(workspaceOf(m_checkout) + QLatin1String("/calc/calculator.h")).isDir());

    QVERIFY(QDir(m_checkout + QLatin1String("/calc/calculator.h")).removeRecursively());
    QVERIFY(writeFile(m_checkout + QLatin1String("/calc/calculator.h"), "// back to a file\n"));
    QCOMPARE(build(m_checkout).exitCode, 0);
    verifySameTree(m_checkout);
    QVERIFY(QFileInfo(workspaceOf(m_checkout) + QLatin1String("/calc/calculator.h")).isFile());
}

void TestDeltaSync::symlinkRetargeted()
{
    const QString link = m_checkout + QLatin1String("/current");
    QVERIFY(QFile::link(QStringLiteral("hello"), link));
    QCOMPARE(build(m_checkout).exitCode, 0);
    QCOMPARE(QFile::symLinkTarget(workspaceOf(m_checkout) + QLatin1String("/current")), workspaceOf(m_checkout) + QLatin1String("/hello"));
    QVERIFY(QFile::remove(link));
    QVERIFY(QFile::link(QStringLiteral("calc"), link));
    const CliResult r = build(m_checkout);
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(writtenCount(r.err), 1);
    QCOMPARE(QFile::symLinkTarget(workspaceOf(m_checkout) + QLatin1String("/current")), workspaceOf(m_checkout) + QLatin1String("/calc"));
}

void TestDeltaSync::modeChangeOnly()
{
    const QString file = m_checkout + QLatin1String("/hello/main.cpp");
    QVERIFY(QFile::setPermissions(file, QFile::permissions(file) | QFile::ExeOwner | QFile::ExeGroup | QFile::ExeOther));
    const CliResult r = build(m_checkout, QStringLiteral("test -x hello/main.cpp"));
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(writtenCount(r.err), 1);
    verifySameTree(m_checkout);
}

void TestDeltaSync::editOnServerIsRepaired()
{
    const QString ws = workspaceOf(m_checkout);
    QVERIFY(writeFile(ws + QLatin1String("/calc/main.cpp"), "edited on the server\n"));
    QVERIFY(QFile::remove(ws + QLatin1String("/greeting/format.h")));
    const CliResult r = build(m_checkout);
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(writtenCount(r.err), 2);
    verifySameTree(m_checkout);
}

void TestDeltaSync::sameSizeEditByBuildIsRepaired_data()
{
    QTest::addColumn<bool>("dropClientCache");
    QTest::newRow("delta upload") << false;
    QTest::newRow("full upload") << true;
}

void TestDeltaSync::sameSizeEditByBuildIsRepaired()
{
    QFETCH(bool, dropClientCache);
    // The build rewrites a source file in place with content of the same size.
    QCOMPARE(build(m_checkout, QStringLiteral("tr a-z A-Z < calc/main.cpp > up.tmp && cat up.tmp > calc/main.cpp")).exitCode, 0);
    const QString remote = workspaceOf(m_checkout) + QLatin1String("/calc/main.cpp");
    QVERIFY(readFile(remote) != readFile(m_checkout + QLatin1String("/calc/main.cpp")));
    if (dropClientCache) {
        const QString id = QString::fromUtf8(readFile(m_checkout + QLatin1String("/.build-service/workspace-id"))).trimmed();
        QVERIFY(QFile::remove(m_checkout + QLatin1String("/.build-service/manifest-") + id));
    }
    const CliResult r = build(m_checkout);
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.err.contains(dropClientCache ? "whole tree;" : "changes only;"), r.err.constData());
    QCOMPARE(writtenCount(r.err), 1);
    QCOMPARE(readFile(remote), readFile(m_checkout + QLatin1String("/calc/main.cpp")));
}

void TestDeltaSync::workspaceDeletedBehindClientsBack()
{
    const QString id = QString::fromUtf8(readFile(m_checkout + QLatin1String("/.build-service/workspace-id"))).trimmed();
    QVERIFY(QDir(m_server->workspacePath(id)).removeRecursively());
    QVERIFY(QDir(m_server->dataDir() + QLatin1String("/workspace-meta/") + id).removeRecursively());
    const CliResult r = build(m_checkout);
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.err.contains("new workspace"), r.err.constData());
    QVERIFY(writtenCount(r.err) > 5);
    verifySameTree(m_checkout);
}

void TestDeltaSync::interruptedUploadIsRedone()
{
    // A client that claims the right base but vanishes halfway: the workspace keeps its tree.
    const QString id = QString::fromUtf8(readFile(m_checkout + QLatin1String("/.build-service/workspace-id"))).trimmed();
    const QByteArray cache = readFile(m_checkout + QLatin1String("/.build-service/manifest-") + id);
    QVERIFY(!cache.isEmpty());
    {
        RawClient raw;
        QVERIFY(raw.handshake(m_server->url()));
        BuildService::BuildRequest request;
        request.command = QStringLiteral("true");
        request.workspaceId = id;
        raw.send(request.toJson());
        QCOMPARE(raw.waitFor(QStringLiteral("accepted")).value(QLatin1String("type")).toString(), QStringLiteral("accepted"));
        const QByteArray archive = TarBuilder().file("calc/main.cpp", QByteArray(100000, 'z')).zstd();
        raw.sendBinary(archive.left(archive.size() / 2));
        raw.flush();
        raw.abort();
    }
    QVERIFY(writeFile(m_checkout + QLatin1String("/calc/main.cpp"), readFile(m_checkout + QLatin1String("/calc/main.cpp")) + "// more\n"));
    const CliResult r = build(m_checkout);
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.err.contains("reusing workspace"), r.err.constData());
    verifySameTree(m_checkout);
}

void TestDeltaSync::missingOrCorruptCacheFallsBackToFullSync_data()
{
    QTest::addColumn<QByteArray>("cacheContent");
    QTest::newRow("deleted") << QByteArray();
    QTest::newRow("truncated") << QByteArray("build-service-manifest 1\nf\t644\t3");
    QTest::newRow("lies about hashes") << QByteArray();
}

void TestDeltaSync::missingOrCorruptCacheFallsBackToFullSync()
{
    QFETCH(QByteArray, cacheContent);
    const QString id = QString::fromUtf8(readFile(m_checkout + QLatin1String("/.build-service/workspace-id"))).trimmed();
    const QString cacheFile = m_checkout + QLatin1String("/.build-service/manifest-") + id;
    if (QByteArray(QTest::currentDataTag()) == "lies about hashes") {
        // A cache that claims other content: its digest no longer matches the server's.
        QByteArray text = readFile(cacheFile);
        const int tab = text.indexOf('\t', text.indexOf("\nf\t") + 3);
        QVERIFY(tab > 0);
        text[tab + 1] = text[tab + 1] == '9' ? '8' : '9';
        QVERIFY(writeFile(cacheFile, text));
    } else if (cacheContent.isEmpty()) {
        QVERIFY(QFile::remove(cacheFile));
    } else {
        QVERIFY(writeFile(cacheFile, cacheContent));
    }
    QVERIFY(writeFile(m_checkout + QLatin1String("/greeting/greeting.cpp"), "// replaced\n"));
    const CliResult r = build(m_checkout);
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.err.contains("reusing workspace"), r.err.constData());
    QCOMPARE(writtenCount(r.err), 1); // the full upload still only rewrites what changed
    QVERIFY2(r.err.contains("whole tree;"), r.err.constData());
    verifySameTree(m_checkout);
    // And the next build is a delta again.
    const CliResult again = build(m_checkout);
    QCOMPARE(writtenCount(again.err), 0);
    QVERIFY2(again.err.contains("changes only;"), again.err.constData());
}

void TestDeltaSync::twoCheckoutsDoNotMix()
{
    const QString second = m_tmp->filePath(QStringLiteral("second"));
    QVERIFY(QDir().mkpath(second));
    QVERIFY(copyTree(sourcePath(QStringLiteral("examples/hello-cmake")), second));
    QVERIFY(writeFile(second + QLatin1String("/only-in-second.txt"), "second\n"));
    QVERIFY(writeFile(m_checkout + QLatin1String("/hello/main.cpp"), "// first checkout's edit\n"));
    QCOMPARE(build(second).exitCode, 0);
    QCOMPARE(build(m_checkout).exitCode, 0);
    QVERIFY(workspaceOf(second) != workspaceOf(m_checkout));
    verifySameTree(second);
    verifySameTree(m_checkout);
    QVERIFY(!QFileInfo::exists(workspaceOf(m_checkout) + QLatin1String("/only-in-second.txt")));
    QVERIFY(readFile(workspaceOf(second) + QLatin1String("/hello/main.cpp")) != "// first checkout's edit\n");
}

QTEST_GUILESS_MAIN(TestDeltaSync)
#include "tst_deltasync.moc"
