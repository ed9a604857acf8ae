// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: BSD-2-Clause

// CheckoutLocator and WorkspaceIdStore: which checkout a directory belongs to, and where its ids live.
#include "resultverify.h"
#include "client/checkoutlocator.h"
#include "client/workspaceidstore.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace BuildService;

class TestWorkspaceIdStore : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void locatesCheckoutRoot_data();
    void locatesCheckoutRoot();
    void normalizesServerUrls_data();
    void normalizesServerUrls();
    void firstServerClaimsTheRootFolder();
    void seedLayoutKeepsWorkingForTheFirstServer();
};

static bool touch(const QString &path)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    return f.open(QIODevice::WriteOnly);
}

void TestWorkspaceIdStore::locatesCheckoutRoot_data()
{
    QTest::addColumn<QStringList>("markers");  // created below the temporary root
    QTest::addColumn<QString>("start");
    QTest::addColumn<QString>("root");
    QTest::addColumn<QString>("subdirectory");
    QTest::newRow("git directory above") << QStringList{QStringLiteral("repo/.git/")} << QStringLiteral("repo/src/lib") << QStringLiteral("repo") << QStringLiteral("src/lib");
    QTest::newRow("git file (worktree)") << QStringList{QStringLiteral("repo/.git")} << QStringLiteral("repo/src") << QStringLiteral("repo") << QStringLiteral("src");
    QTest::newRow("at the root") << QStringList{QStringLiteral("repo/.git/")} << QStringLiteral("repo") << QStringLiteral("repo") << QStringLiteral("");
    QTest::newRow(".build-service folder") << QStringList{QStringLiteral("co/.build-service/")} << QStringLiteral("co/a/b") << QStringLiteral("co") << QStringLiteral("a/b");
    QTest::newRow("nearest wins (submodule)") << QStringList{QStringLiteral("repo/.git/"), QStringLiteral("repo/sub/.git")} << QStringLiteral("repo/sub/x") << QStringLiteral("repo/sub") << QStringLiteral("x");
    QTest::newRow(".build-service file is no marker") << QStringList{QStringLiteral("co/.git/"), QStringLiteral("co/a/.build-service")} << QStringLiteral("co/a") << QStringLiteral("co") << QStringLiteral("a");
    QTest::newRow("no marker: the start directory") << QStringList() << QStringLiteral("plain/dir") << QStringLiteral("plain/dir") << QStringLiteral("");
}

void TestWorkspaceIdStore::locatesCheckoutRoot()
{
    QFETCH(QStringList, markers);
    QFETCH(QString, start);
    QFETCH(QString, root);
    QFETCH(QString, subdirectory);
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    for (const QString &marker : markers) {
        if (marker.endsWith(QLatin1Char('/')))
            QVERIFY(QDir().mkpath(tmp.filePath(marker)));
        else
            QVERIFY(touch(tmp.filePath(marker)));
    }
    QVERIFY(QDir().mkpath(tmp.filePath(start)));
    const CheckoutLocation location = CheckoutLocator::locate(tmp.filePath(start));
    QCOMPARE(location.root, QDir::cleanPath(tmp.filePath(root)));
    QCOMPARE(location.subdirectory, subdirectory);
}

void TestWorkspaceIdStore::normalizesServerUrls_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("normalized");
    QTest::addColumn<QString>("key");
    QTest::newRow("default port") << QStringLiteral("ws://Build.Example.org") << QStringLiteral("ws://build.example.org:7468") << QStringLiteral("build.example.org-7468");
    QTest::newRow("explicit port, trailing slash") << QStringLiteral("ws://127.0.0.1:19000/") << QStringLiteral("ws://127.0.0.1:19000") << QStringLiteral("127.0.0.1-19000");
    QTest::newRow("wss with path") << QStringLiteral("wss://h:443/build/") << QStringLiteral("wss://h:443/build") << QStringLiteral("wss-h-443_build");
    QTest::newRow("IPv6") << QStringLiteral("ws://[::1]:7000") << QStringLiteral("ws://[::1]:7000") << QStringLiteral("__1-7000");
    QTest::newRow("not a WebSocket URL") << QStringLiteral("http://h") << QStringLiteral("") << QStringLiteral("");
    QTest::newRow("no host") << QStringLiteral("ws://") << QStringLiteral("") << QStringLiteral("");
}

void TestWorkspaceIdStore::normalizesServerUrls()
{
    QFETCH(QString, url);
    QFETCH(QString, normalized);
    QFETCH(QString, key);
    QCOMPARE(WorkspaceIdStore::normalizedServer(url), normalized);
    if (!normalized.isEmpty())
        QCOMPARE(WorkspaceIdStore::serverKey(normalized), key);
}

void TestWorkspaceIdStore::firstServerClaimsTheRootFolder()
{
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const QString idA = QStringLiteral("ws_00000000-0000-4000-8000-00000000000a");
    const QString idB = QStringLiteral("ws_00000000-0000-4000-8000-00000000000b");
    QVERIFY_RESULT(WorkspaceIdStore(tmp.path(), QStringLiteral("ws://a:1")).write(idA));
    QVERIFY_RESULT(WorkspaceIdStore(tmp.path(), QStringLiteral("ws://b:2")).write(idB));
    QCOMPARE(WorkspaceIdStore(tmp.path(), QStringLiteral("ws://A:1/")).read(), idA);
    QCOMPARE(WorkspaceIdStore(tmp.path(), QStringLiteral("ws://b:2")).read(), idB);
    QCOMPARE(WorkspaceIdStore(tmp.path(), QStringLiteral("ws://c:3")).read(), QString());
    QCOMPARE(WorkspaceIdStore(tmp.path(), QStringLiteral("ws://a:1")).filePath(), tmp.filePath(QStringLiteral(".build-service/workspace-id")));
    QCOMPARE(WorkspaceIdStore(tmp.path(), QStringLiteral("ws://b:2")).filePath(),
             tmp.filePath(QStringLiteral(".build-service/servers/b-2/workspace-id")));
    QFile ignore(tmp.filePath(QStringLiteral(".build-service/.gitignore")));
    QVERIFY(ignore.open(QIODevice::ReadOnly));
    QCOMPARE(ignore.readAll(), QByteArray("*\n"));
}

void TestWorkspaceIdStore::seedLayoutKeepsWorkingForTheFirstServer()
{
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const QString id = QStringLiteral("ws_00000000-0000-4000-8000-00000000000a");
    QFile seed(tmp.filePath(QStringLiteral(".build-service/workspace-id")));
    QVERIFY(QDir().mkpath(tmp.filePath(QStringLiteral(".build-service"))));
    QVERIFY(seed.open(QIODevice::WriteOnly) && seed.write(id.toUtf8() + '\n') > 0);
    seed.close();
    const WorkspaceIdStore store(tmp.path(), QStringLiteral("ws://127.0.0.1:7468"));
    QCOMPARE(store.read(), id);
    QVERIFY_RESULT(store.write(id));
    QCOMPARE(WorkspaceIdStore(tmp.path(), QStringLiteral("ws://127.0.0.1")).read(), id);
    QCOMPARE(WorkspaceIdStore(tmp.path(), QStringLiteral("ws://127.0.0.1:9")).read(), QString());
}

QTEST_GUILESS_MAIN(TestWorkspaceIdStore)
#include "tst_workspaceidstore.moc"
