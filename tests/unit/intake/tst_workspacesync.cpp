// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: BSD-2-Clause

// WorkspaceSync: seed semantics (delete removed, keep build outputs and unchanged mtimes), never through symlinks.
#include "intake/uploadintake.h"
#include "intake/workspacesync.h"

#include "../archive/tartestutil.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <fcntl.h>
#include <sys/stat.h>

using namespace BuildService;
using namespace TarTest;

namespace {
// One workspace plus a fresh staging dir per sync, like the server does it.
struct Fixture {
    QTemporaryDir root;
    QString workspace;
    Manifest previous;
    int syncs = 0;
    Fixture() { workspace = root.filePath(QStringLiteral("ws")); }

    Result<WorkspaceSync::SyncStats> sync(const QByteArray &tarBody)
    {
        const QString staging = root.filePath(QStringLiteral("staging%1").arg(++syncs));
        QDir().mkpath(staging);
        UploadIntake intake(staging, {}, false);
        Result<void> fed = intake.feed(tarBody + endMarker());
        if (!fed)
            return fed.error();
        Result<Manifest> incoming = intake.finish();
        if (!incoming)
            return incoming.error();
        Result<WorkspaceSync::SyncStats> stats = WorkspaceSync::apply(staging, incoming.value(), workspace, previous);
        if (stats)
            previous = incoming.value();
        QDir(staging).removeRecursively();
        return stats;
    }
    QString path(const char *rel) const { return workspace + QLatin1Char('/') + QString::fromUtf8(rel); }
};

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("<missing>");
}

bool writeFile(const QString &path, const QByteArray &data)
{
    QDir().mkpath(QFileInfo(path).path());
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(data) == data.size();
}

qint64 mtimeNs(const QString &path)
{
    struct stat st;
    if (::lstat(QFile::encodeName(path).constData(), &st) != 0)
        return -1;
    return qint64(st.st_mtim.tv_sec) * 1000000000LL + st.st_mtim.tv_nsec;
}

bool setOldMtime(const QString &path)
{
    const struct timespec times[2] = {{978307200, 0}, {978307200, 0}}; // 2001-01-01
    return ::utimensat(AT_FDCWD, QFile::encodeName(path).constData(), times, AT_SYMLINK_NOFOLLOW) == 0;
}

QByteArray symlink(const QByteArray &name, const QByteArray &target)
{
    return header(name, '2', 0, target, 0777);
}

quint32 modeOf(const QString &path)
{
    struct stat st;
    return ::lstat(QFile::encodeName(path).constData(), &st) == 0 ? quint32(st.st_mode & 07777) : 0;
}
} // namespace

class TestWorkspaceSync : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void firstSyncWritesEverything();
    void deletesRemovedFilesAndKeepsBuildOutputs();
    void unchangedFilesKeepTheirMtime();
    void rewritesFilesTheBuildChanged();
    void fileBecomesDirectoryAndBack();
    void retargetsSymlink();
    void appliesModeOnlyChange();
    void replacesSymlinkLeftByBuildAtParentPosition();
    void deletionDoesNotFollowSymlinkLeftByBuild();
};

void TestWorkspaceSync::firstSyncWritesEverything()
{
    Fixture fx;
    const auto stats = fx.sync(file("a.txt", "a") + file("src/b.cpp", "bb", 0755) + symlink("l", "a.txt"));
    QVERIFY2(stats, qPrintable(stats.errorString()));
    QCOMPARE(stats->written, 3);
    QCOMPARE(stats->unchanged, 0);
    QCOMPARE(stats->deleted, 0);
    QCOMPARE(stats->bytes, 3);
    QCOMPARE(readAll(fx.path("src/b.cpp")), QByteArrayLiteral("bb"));
    QCOMPARE(modeOf(fx.path("src/b.cpp")), 0755u);
    QCOMPARE(QFileInfo(fx.path("l")).symLinkTarget(), fx.path("a.txt"));
}

void TestWorkspaceSync::deletesRemovedFilesAndKeepsBuildOutputs()
{
    Fixture fx;
    QVERIFY(fx.sync(file("a.txt", "a") + file("dir/b.txt", "b") + file("gone.txt", "g") + file("olddir/sub/x.txt", "x")
                    + symlink("oldlink", "a.txt")));
    // The build leaves outputs, one of them inside a source directory.
    QVERIFY(writeFile(fx.path("build/out.o"), "object"));
    QVERIFY(writeFile(fx.path("dir/generated.h"), "gen"));
    const auto stats = fx.sync(file("a.txt", "a") + file("dir/b.txt", "b"));
    QVERIFY2(stats, qPrintable(stats.errorString()));
    QCOMPARE(stats->deleted, 3);
    QCOMPARE(stats->unchanged, 2);
    QCOMPARE(stats->written, 0);
    QVERIFY(!QFileInfo::exists(fx.path("gone.txt")));
    QVERIFY(!QFileInfo(fx.path("oldlink")).isSymLink());
    QVERIFY(!QFileInfo::exists(fx.path("olddir"))); // emptied source directories are pruned
    QCOMPARE(readAll(fx.path("build/out.o")), QByteArrayLiteral("object"));
    QCOMPARE(readAll(fx.path("dir/generated.h")), QByteArrayLiteral("gen"));
    QCOMPARE(readAll(fx.path("dir/b.txt")), QByteArrayLiteral("b"));
}

void TestWorkspaceSync::unchangedFilesKeepTheirMtime()
{
    Fixture fx;
    QVERIFY(fx.sync(file("same.txt", "same") + file("changed.txt", "old!") + symlink("link", "same.txt")));
    QVERIFY(setOldMtime(fx.path("same.txt")));
    QVERIFY(setOldMtime(fx.path("changed.txt")));
    QVERIFY(setOldMtime(fx.path("link")));
    const qint64 old = mtimeNs(fx.path("same.txt"));
    const auto stats = fx.sync(file("same.txt", "same") + file("changed.txt", "new!") + symlink("link", "same.txt"));
    QVERIFY2(stats, qPrintable(stats.errorString()));
    QCOMPARE(stats->unchanged, 2);
    QCOMPARE(stats->written, 1);
    QCOMPARE(mtimeNs(fx.path("same.txt")), old);
    QCOMPARE(mtimeNs(fx.path("link")), old);
    QVERIFY(mtimeNs(fx.path("changed.txt")) > old + 1000000000LL * 3600 * 24 * 365);
    QCOMPARE(readAll(fx.path("changed.txt")), QByteArrayLiteral("new!"));
}

void TestWorkspaceSync::rewritesFilesTheBuildChanged()
{
    QTemporaryDir outside;
    const QString outsideFile = outside.filePath(QStringLiteral("secret"));
    QVERIFY(writeFile(outsideFile, "1234"));
    Fixture fx;
    QVERIFY(fx.sync(file("edited.txt", "orig") + file("swapped.txt", "1234")));
    QVERIFY(writeFile(fx.path("edited.txt"), "edited by the build"));
    // A symlink of the same size where the file was: must be replaced, never written through.
    QVERIFY(QFile::remove(fx.path("swapped.txt")));
    QVERIFY(QFile::link(outsideFile, fx.path("swapped.txt")));
    const auto stats = fx.sync(file("edited.txt", "orig") + file("swapped.txt", "1234"));
    QVERIFY2(stats, qPrintable(stats.errorString()));
    QCOMPARE(stats->written, 2);
    QCOMPARE(readAll(fx.path("edited.txt")), QByteArrayLiteral("orig"));
    QVERIFY(!QFileInfo(fx.path("swapped.txt")).isSymLink());
    QCOMPARE(readAll(fx.path("swapped.txt")), QByteArrayLiteral("1234"));
    QCOMPARE(readAll(outsideFile), QByteArrayLiteral("1234"));
    QCOMPARE(QDir(outside.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot), QStringList{QStringLiteral("secret")});
}

void TestWorkspaceSync::fileBecomesDirectoryAndBack()
{
    Fixture fx;
    QVERIFY(fx.sync(file("x", "file") + file("keep.txt", "k")));
    auto stats = fx.sync(file("x/y.txt", "inside") + file("keep.txt", "k"));
    QVERIFY2(stats, qPrintable(stats.errorString()));
    QVERIFY(QFileInfo(fx.path("x")).isDir());
    QCOMPARE(readAll(fx.path("x/y.txt")), QByteArrayLiteral("inside"));
    QVERIFY(writeFile(fx.path("x/build-output.o"), "o"));
    stats = fx.sync(file("x", "file again") + file("keep.txt", "k"));
    QVERIFY2(stats, qPrintable(stats.errorString()));
    QVERIFY(QFileInfo(fx.path("x")).isFile());
    QCOMPARE(readAll(fx.path("x")), QByteArrayLiteral("file again"));
    QCOMPARE(stats->deleted, 1);
    QCOMPARE(stats->written, 1);
    QCOMPARE(stats->unchanged, 1);
}

void TestWorkspaceSync::retargetsSymlink()
{
    Fixture fx;
    QVERIFY(fx.sync(file("a.txt", "a") + file("b.txt", "b") + symlink("l", "a.txt")));
    const auto stats = fx.sync(file("a.txt", "a") + file("b.txt", "b") + symlink("l", "b.txt"));
    QVERIFY2(stats, qPrintable(stats.errorString()));
    QCOMPARE(stats->written, 1);
    QCOMPARE(QFile::symLinkTarget(fx.path("l")), fx.path("b.txt"));
    QCOMPARE(readAll(fx.path("a.txt")), QByteArrayLiteral("a"));
}

void TestWorkspaceSync::appliesModeOnlyChange()
{
    Fixture fx;
    QVERIFY(fx.sync(file("run.sh", "#!/bin/sh\n", 0644)));
    const auto stats = fx.sync(file("run.sh", "#!/bin/sh\n", 0755));
    QVERIFY2(stats, qPrintable(stats.errorString()));
    QCOMPARE(stats->written, 1);
    QCOMPARE(modeOf(fx.path("run.sh")), 0755u);
}

void TestWorkspaceSync::replacesSymlinkLeftByBuildAtParentPosition()
{
    QTemporaryDir outside;
    QVERIFY(writeFile(outside.filePath(QStringLiteral("file.txt")), "outside"));
    Fixture fx;
    QVERIFY(fx.sync(file("a.txt", "a")));
    QVERIFY(QFile::link(outside.path(), fx.path("sub")));
    const auto stats = fx.sync(file("a.txt", "a") + file("sub/file.txt", "inside"));
    QVERIFY2(stats, qPrintable(stats.errorString()));
    QVERIFY(!QFileInfo(fx.path("sub")).isSymLink());
    QVERIFY(QFileInfo(fx.path("sub")).isDir());
    QCOMPARE(readAll(fx.path("sub/file.txt")), QByteArrayLiteral("inside"));
    QCOMPARE(readAll(outside.filePath(QStringLiteral("file.txt"))), QByteArrayLiteral("outside"));
    QCOMPARE(QDir(outside.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot), QStringList{QStringLiteral("file.txt")});
}

void TestWorkspaceSync::deletionDoesNotFollowSymlinkLeftByBuild()
{
    QTemporaryDir outside;
    QVERIFY(writeFile(outside.filePath(QStringLiteral("x.txt")), "outside"));
    Fixture fx;
    QVERIFY(fx.sync(file("gone/x.txt", "x") + file("keep.txt", "k")));
    QVERIFY(QDir(fx.path("gone")).removeRecursively());
    QVERIFY(QFile::link(outside.path(), fx.path("gone")));
    const auto stats = fx.sync(file("keep.txt", "k"));
    QVERIFY2(stats, qPrintable(stats.errorString()));
    QCOMPARE(stats->deleted, 0);
    QCOMPARE(readAll(outside.filePath(QStringLiteral("x.txt"))), QByteArrayLiteral("outside"));
}

QTEST_GUILESS_MAIN(TestWorkspaceSync)
#include "tst_workspacesync.moc"
