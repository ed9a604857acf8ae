// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: BSD-2-Clause

// Tests for WorkspaceStore: lifecycle, TTL via an injected clock, metadata, locking, crash recovery.
#include "resultverify.h"
#include "protocol/messages.h"
#include "workspace/trashbin.h"
#include "workspace/workspacestore.h"
#include "core/treeremover.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QSet>
#include <QTemporaryDir>
#include <QJsonObject>
#include <QScopeGuard>
#include <QTest>

#include <cstdlib>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace BuildService;

namespace {

struct FakeClock {
    qint64 now = 1700000000000LL;
    Clock clock()
    {
        return [this] { return now; };
    }
};

bool writeFile(const QString &fileName, const QByteArray &content)
{
    QDir().mkpath(QFileInfo(fileName).absolutePath());
    QFile f(fileName);
    return f.open(QIODevice::WriteOnly) && f.write(content) == content.size();
}

QByteArray readFile(const QString &fileName)
{
    QFile f(fileName);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool exists(const QString &path)
{
    struct stat st;
    return ::lstat(QFile::encodeName(path).constData(), &st) == 0;
}

} // namespace

class TestWorkspaceStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void createdWorkspaceIsLive()
    {
        QTemporaryDir dir;
        FakeClock fc;
        WorkspaceStore store(dir.path(), 3600, fc.clock());
        QVERIFY_RESULT(store.open());
        const Result<QString> id = store.create();
        QVERIFY2(id.ok(), qPrintable(id.errorString()));
        QVERIFY(isValidWorkspaceId(id.value()));
        QCOMPARE(store.lookup(id.value()), WorkspaceStore::Lookup::Live);
        QVERIFY(QFileInfo(store.workspacePath(id.value())).isDir());
        QCOMPARE(store.workspacePath(id.value()), dir.path() + QLatin1String("/persistent/") + id.value());
        QCOMPARE(store.metaPath(id.value()), dir.path() + QLatin1String("/workspace-meta/") + id.value());
        QCOMPARE(readFile(store.metaPath(id.value()) + QLatin1String("/state")), QByteArray("ready"));
        QCOMPARE(readFile(store.metaPath(id.value()) + QLatin1String("/last-used")), QByteArray::number(fc.now));
        QCOMPARE(store.lastUsed(id.value()).value(), fc.now);
        QVERIFY(!store.isDirty(id.value()));
    }

    void createsUniqueIds()
    {
        QTemporaryDir dir;
        WorkspaceStore store(dir.path(), 3600);
        QVERIFY_RESULT(store.open());
        QSet<QString> ids;
        for (int i = 0; i < 20; ++i) {
            const Result<QString> id = store.create();
            QVERIFY_RESULT(id);
            QVERIFY(isValidWorkspaceId(id.value()));
            ids.insert(id.value());
        }
        QCOMPARE(ids.size(), 20);
        QCOMPARE(store.list().size(), 20);
    }

    void createsLayout()
    {
        QTemporaryDir dir;
        const QString data = dir.filePath(QStringLiteral("nested/data"));
        WorkspaceStore store(data, 3600);
        QVERIFY_RESULT(store.open());
        for (const char *sub : {"persistent", "workspace-meta", "workspaces/builds", "staging", "artifacts"})
            QVERIFY2(QFileInfo(data + QLatin1Char('/') + QLatin1String(sub)).isDir(), sub);
        QVERIFY(QFileInfo::exists(data + QLatin1String("/server.lock")));
        const QString bld = QStringLiteral("bld_12345678-1234-1234-1234-123456789abc");
        QCOMPARE(store.stagingPath(bld), data + QLatin1String("/staging/") + bld);
        QCOMPARE(store.temporaryBuildPath(bld), data + QLatin1String("/workspaces/builds/") + bld);
        QCOMPARE(store.artifactsPath(bld), data + QLatin1String("/artifacts/") + bld);
        QCOMPARE(store.stagingPath(QStringLiteral("bld_../../etc")), QString());
    }

    void unknownIds_data()
    {
        QTest::addColumn<QString>("id");
        QTest::newRow("random well-formed") << QStringLiteral("ws_0f0e0d0c-0b0a-4909-8807-060504030201");
        QTest::newRow("traversal") << QStringLiteral("ws_../../x");
        QTest::newRow("empty") << QString();
        QTest::newRow("uppercase") << QStringLiteral("ws_0F0E0D0C-0B0A-4909-8807-060504030201");
        QTest::newRow("no prefix") << QStringLiteral("0f0e0d0c-0b0a-4909-8807-060504030201");
    }

    void unknownIds()
    {
        QFETCH(QString, id);
        QTemporaryDir dir;
        WorkspaceStore store(dir.path(), 3600);
        QVERIFY_RESULT(store.open());
        QCOMPARE(store.lookup(id), WorkspaceStore::Lookup::Unknown);
        QVERIFY(!store.touch(id).ok());
        QVERIFY(!store.setDirty(id, true).ok());
    }

    void rejectsMalformedIdWithoutTouchingDisk()
    {
        QTemporaryDir dir;
        WorkspaceStore store(dir.filePath(QStringLiteral("data")), 3600);
        QVERIFY_RESULT(store.open());
        // A directory a traversal id would reach if it were used as a path.
        QVERIFY(QDir().mkpath(dir.filePath(QStringLiteral("x"))));
        const QString evil = QStringLiteral("ws_../../x");
        QCOMPARE(store.workspacePath(evil), QString());
        QCOMPARE(store.metaPath(evil), QString());
        const Result<void> r = store.remove(evil);
        QVERIFY(!r.ok());
        QCOMPARE(r.errorCode(), ErrorCode::UnknownId);
        QVERIFY(QFileInfo(dir.filePath(QStringLiteral("x"))).isDir());
        QVERIFY(!store.saveManifest(evil, Manifest()).ok());
    }

    void expiresAfterTtl()
    {
        QTemporaryDir dir;
        FakeClock fc;
        WorkspaceStore store(dir.path(), 100, fc.clock());
        QVERIFY_RESULT(store.open());
        const QString id = store.create().value();
        fc.now += 100 * 1000;
        QCOMPARE(store.lookup(id), WorkspaceStore::Lookup::Live);
        fc.now += 1;
        QCOMPARE(store.lookup(id), WorkspaceStore::Lookup::Expired);
    }

    void zeroTtlNeverReuses()
    {
        QTemporaryDir dir;
        FakeClock fc;
        WorkspaceStore store(dir.path(), 0, fc.clock());
        QVERIFY_RESULT(store.open());
        const QString id = store.create().value();
        QCOMPARE(store.lookup(id), WorkspaceStore::Lookup::Expired);
    }

    void touchRefreshesLastUsed()
    {
        QTemporaryDir dir;
        FakeClock fc;
        WorkspaceStore store(dir.path(), 100, fc.clock());
        QVERIFY_RESULT(store.open());
        const QString id = store.create().value();
        fc.now += 90 * 1000;
        QVERIFY_RESULT(store.touch(id));
        QCOMPARE(store.lastUsed(id).value(), fc.now);
        fc.now += 90 * 1000;
        QCOMPARE(store.lookup(id), WorkspaceStore::Lookup::Live);
        fc.now += 11 * 1000;
        QCOMPARE(store.lookup(id), WorkspaceStore::Lookup::Expired);
    }

    void manifestRoundTrip()
    {
        QTemporaryDir dir;
        WorkspaceStore store(dir.path(), 3600);
        QVERIFY_RESULT(store.open());
        const QString id = store.create().value();
        const Result<Manifest> empty = store.manifest(id);
        QVERIFY_RESULT(empty);
        QVERIFY(empty->isEmpty());

        Manifest m;
        m.insert({QStringLiteral("src/main.cpp"), ManifestEntry::Type::File, 0644, 12, 0x1234, QString()});
        m.insert({QStringLiteral("run.sh"), ManifestEntry::Type::File, 0755, 3, 0x99, QString()});
        m.insert({QStringLiteral("link"), ManifestEntry::Type::Symlink, 0777, 0, 0x5, QStringLiteral("run.sh")});
        QVERIFY_RESULT(store.saveManifest(id, m));
        const Result<Manifest> back = store.manifest(id);
        QVERIFY2(back.ok(), qPrintable(back.errorString()));
        QCOMPARE(back->digest(), m.digest());
        QCOMPARE(back->size(), 3);
        QCOMPARE(store.list().value(0).files, 3);
        // The manifest lives outside the workspace, so it never comes back as an artifact.
        QVERIFY(!QFileInfo::exists(store.workspacePath(id) + QLatin1String("/file-list.txt")));
        QVERIFY(QFileInfo::exists(store.metaPath(id) + QLatin1String("/file-list.txt")));
    }

    void corruptManifestIsAnError()
    {
        QTemporaryDir dir;
        WorkspaceStore store(dir.path(), 3600);
        QVERIFY_RESULT(store.open());
        const QString id = store.create().value();
        QVERIFY(writeFile(store.metaPath(id) + QLatin1String("/file-list.txt"), "build-service-manifest 1\nf\t644\n"));
        const Result<Manifest> m = store.manifest(id);
        QVERIFY(!m.ok());
        QCOMPARE(m.errorCode(), ErrorCode::IoError);
    }

    void dirtyFlagPersistsAcrossInstances()
    {
        QTemporaryDir dir;
        QString id;
        {
            WorkspaceStore store(dir.path(), 3600);
            QVERIFY_RESULT(store.open());
            id = store.create().value();
            QVERIFY_RESULT(store.setDirty(id, true));
            QVERIFY(store.isDirty(id));
        }
        WorkspaceStore again(dir.path(), 3600);
        QVERIFY_RESULT(again.open());
        QVERIFY(again.isDirty(id));
        QCOMPARE(again.lookup(id), WorkspaceStore::Lookup::Live);
        QVERIFY(again.list().value(0).dirty);
        QVERIFY_RESULT(again.setDirty(id, false));
        QVERIFY(!again.isDirty(id));
    }

    void refusesSecondStoreOnSameDir()
    {
        QTemporaryDir dir;
        WorkspaceStore first(dir.path(), 3600);
        QVERIFY_RESULT(first.open());
        WorkspaceStore second(dir.path(), 3600);
        const Result<void> r = second.open();
        QVERIFY(!r.ok());
        QCOMPARE(r.errorCode(), ErrorCode::IoError);
        const QString lock = dir.path() + QLatin1String("/server.lock");
        QVERIFY2(r.errorString().startsWith(QStringLiteral("data directory %1 is in use by another server: %2 is held by pid %3")
                                                .arg(dir.path(), lock)
                                                .arg(QCoreApplication::applicationPid())),
                 qPrintable(r.errorString()));
    }

    void recordsSize()
    {
        QTemporaryDir dir;
        WorkspaceStore store(dir.path(), 3600);
        QVERIFY_RESULT(store.open());
        const QString id = store.create().value();
        QVERIFY(writeFile(store.workspacePath(id) + QLatin1String("/a/b.txt"), QByteArray(1000, 'x')));
        QVERIFY(writeFile(store.workspacePath(id) + QLatin1String("/c.txt"), QByteArray(24, 'y')));
        const QString outside = dir.filePath(QStringLiteral("outside.bin"));
        QVERIFY(writeFile(outside, QByteArray(100000, 'z')));
        const QByteArray target = QFile::encodeName(outside);
        QVERIFY(::symlink(target.constData(), QFile::encodeName(store.workspacePath(id) + QLatin1String("/big")).constData()) == 0);
        // The symlink counts with its own size (the target path), never the 100000 bytes it points to.
        const qint64 measured = WorkspaceStore::measureSize(store.workspacePath(id));
        QCOMPARE(measured, qint64(1000 + 24 + target.size()));
        QVERIFY_RESULT(store.recordSize(id, measured));
        QCOMPARE(store.recordedSize(id), measured);
        QCOMPARE(store.list().value(0).bytes, measured);
    }

    void clearContentsEmptiesWorkspaceAndManifest()
    {
        QTemporaryDir dir;
        WorkspaceStore store(dir.path(), 3600);
        QVERIFY_RESULT(store.open());
        const QString id = store.create().value();
        QVERIFY(writeFile(store.workspacePath(id) + QLatin1String("/a/b.txt"), "x"));
        QVERIFY(writeFile(store.workspacePath(id) + QLatin1String("/.hidden"), "x"));
        Manifest m;
        m.insert({QStringLiteral("a/b.txt"), ManifestEntry::Type::File, 0644, 1, 1, QString()});
        QVERIFY_RESULT(store.saveManifest(id, m));
        QVERIFY_RESULT(store.setDirty(id, true));
        QVERIFY_RESULT(store.recordSize(id, 2));

        QVERIFY_RESULT(store.clearContents(id));
        QVERIFY(QFileInfo(store.workspacePath(id)).isDir());
        QVERIFY(QDir(store.workspacePath(id)).isEmpty(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot));
        QVERIFY(store.manifest(id)->isEmpty());
        QCOMPARE(store.recordedSize(id), qint64(0));
        QVERIFY(store.isDirty(id));
    }

    void removeDeletesWorkspaceAndMeta()
    {
        QTemporaryDir dir;
        WorkspaceStore store(dir.path(), 3600);
        QVERIFY_RESULT(store.open());
        const QString id = store.create().value();
        QVERIFY_RESULT(store.remove(id));
        QVERIFY(!exists(store.workspacePath(id)));
        QVERIFY(!exists(store.metaPath(id)));
        QCOMPARE(store.lookup(id), WorkspaceStore::Lookup::Unknown);
        QVERIFY_RESULT(store.remove(id));
    }

    void removeHandlesReadOnlyDirsAndOutsideSymlinks()
    {
        QTemporaryDir dir;
        WorkspaceStore store(dir.filePath(QStringLiteral("data")), 3600);
        QVERIFY_RESULT(store.open());
        const QString id = store.create().value();
        const QString ws = store.workspacePath(id);

        const QString outsideDir = dir.filePath(QStringLiteral("outside"));
        QVERIFY(writeFile(outsideDir + QLatin1String("/keep.txt"), "precious"));
        QVERIFY(::symlink(QFile::encodeName(outsideDir).constData(), QFile::encodeName(ws + QLatin1String("/to-outside")).constData()) == 0);
        QVERIFY(::symlink(QFile::encodeName(outsideDir + QLatin1String("/keep.txt")).constData(),
                          QFile::encodeName(ws + QLatin1String("/file-link")).constData()) == 0);

        QVERIFY(writeFile(ws + QLatin1String("/ro/inner/file.o"), "obj"));
        QVERIFY(::chmod(QFile::encodeName(ws + QLatin1String("/ro/inner/file.o")).constData(), 0444) == 0);
        QVERIFY(::chmod(QFile::encodeName(ws + QLatin1String("/ro/inner")).constData(), 0555) == 0);
        QVERIFY(::chmod(QFile::encodeName(ws + QLatin1String("/ro")).constData(), 0500) == 0);
        QVERIFY(QDir().mkpath(ws + QLatin1String("/noaccess/sub")));
        QVERIFY(::chmod(QFile::encodeName(ws + QLatin1String("/noaccess")).constData(), 0) == 0);

        const Result<void> r = store.remove(id);
        QVERIFY2(r.ok(), qPrintable(r.errorString()));
        QVERIFY(!exists(ws));
        // The trash deletes it on its worker thread.
        QTRY_COMPARE(store.trash()->pendingCount(), 0);
        QVERIFY(QDir(dir.filePath(QStringLiteral("data/trash"))).isEmpty());
        QVERIFY(store.trash()->quarantined().isEmpty());
        QCOMPARE(readFile(outsideDir + QLatin1String("/keep.txt")), QByteArray("precious"));
        QVERIFY(QFileInfo(outsideDir).isDir());
        // Permissions of the symlink targets were not changed through the links.
        QVERIFY(QFileInfo(outsideDir + QLatin1String("/keep.txt")).isWritable());
    }

    void recoversFromCrash()
    {
        QTemporaryDir dir;
        const QString data = dir.path();
        QString good, dirty, creating, metaOnly, wsOnly;
        {
            WorkspaceStore store(data, 3600);
            QVERIFY_RESULT(store.open());
            good = store.create().value();
            dirty = store.create().value();
            creating = store.create().value();
            metaOnly = store.create().value();
            wsOnly = store.create().value();
            QVERIFY(writeFile(store.workspacePath(good) + QLatin1String("/out/app"), "binary"));
            QVERIFY_RESULT(store.setDirty(dirty, true));
            QVERIFY(writeFile(store.metaPath(creating) + QLatin1String("/state"), "creating"));
            QVERIFY_RESULT(TreeRemover::removeTree(store.workspacePath(metaOnly)));
            QVERIFY_RESULT(TreeRemover::removeTree(store.metaPath(wsOnly)));
            // What a killed server leaves: staging and temporary build dirs, a QSaveFile temporary.
            QVERIFY(writeFile(data + QLatin1String("/staging/bld_12345678-1234-1234-1234-123456789abc/part.tar"), "x"));
            QVERIFY(writeFile(data + QLatin1String("/workspaces/builds/bld_x/obj.o"), "x"));
            QVERIFY(writeFile(store.metaPath(good) + QLatin1String("/last-used.aB3xYz"), "17"));
        }
        // An artifact of an earlier build is not crash debris.
        QVERIFY(writeFile(data + QLatin1String("/artifacts/bld_12345678-1234-1234-1234-123456789abc/artifacts.zip"), "zip"));

        WorkspaceStore store(data, 3600);
        const Result<void> r = store.open();
        QVERIFY2(r.ok(), qPrintable(r.errorString()));

        QVERIFY(QDir(data + QLatin1String("/staging")).isEmpty());
        QVERIFY(QDir(data + QLatin1String("/workspaces/builds")).isEmpty());
        QCOMPARE(store.lookup(good), WorkspaceStore::Lookup::Live);
        QCOMPARE(readFile(store.workspacePath(good) + QLatin1String("/out/app")), QByteArray("binary"));
        QVERIFY(!exists(store.metaPath(good) + QLatin1String("/last-used.aB3xYz")));
        QCOMPARE(store.lookup(dirty), WorkspaceStore::Lookup::Live);
        QVERIFY(store.isDirty(dirty));
        for (const QString &gone : {creating, metaOnly, wsOnly}) {
            QVERIFY2(!exists(store.workspacePath(gone)), qPrintable(gone));
            QVERIFY2(!exists(store.metaPath(gone)), qPrintable(gone));
        }
        QCOMPARE(store.list().size(), 2);
        QVERIFY(QFileInfo::exists(data + QLatin1String("/artifacts/bld_12345678-1234-1234-1234-123456789abc/artifacts.zip")));
    }

    void openEmptiesTheTrashAndQuarantinesWhatCannotBeRemoved()
    {
        QTemporaryDir dir;
        const QString data = dir.filePath(QStringLiteral("data"));
        // What an earlier run left in the trash: a tree deeper than PATH_MAX, and a tree with a
        // mount point inside, which nobody can delete (rmdir says EBUSY).
        const QString deep = data + QLatin1String("/trash/ws_deep.0000aaaa");
        QVERIFY(QDir().mkpath(deep));
        int fd = ::open(QFile::encodeName(deep).constData(), O_RDONLY | O_DIRECTORY);
        for (int i = 0; i < 2500 && fd >= 0; ++i) {
            const int next = ::mkdirat(fd, "d", 0755) == 0 ? ::openat(fd, "d", O_RDONLY | O_DIRECTORY) : -1;
            ::close(fd);
            fd = next;
        }
        QVERIFY(fd >= 0);
        ::close(fd);
        const QString stuck = data + QLatin1String("/trash/ws_stuck.0000bbbb");
        const QString mountPoint = stuck + QLatin1String("/mnt");
        QVERIFY(QDir().mkpath(mountPoint));
        const bool mounted = ::system(qPrintable(QStringLiteral("mount -t tmpfs -o size=1m none '%1' 2>/dev/null").arg(mountPoint))) == 0;
        {
            WorkspaceStore store(data, 3600);
            const Result<void> r = store.open();
            QVERIFY2(r.ok(), qPrintable(r.errorString()));
            QTRY_COMPARE(store.trash()->pendingCount(), 0);
            QVERIFY(!exists(deep));
            if (mounted) {
                QCOMPARE(store.trash()->quarantined(), QStringList{QStringLiteral("ws_stuck.0000bbbb")});
                QCOMPARE(store.trash()->status().value(QLatin1String("quarantined")).toInt(), 1);
            }
        }
        if (!mounted)
            QSKIP("cannot mount a tmpfs here (needs root): the quarantine part was not tested");
        // Quarantined trees are reported at every start, never a reason to refuse to start.
        {
            WorkspaceStore store(data, 3600);
            const Result<void> r = store.open();
            QVERIFY2(r.ok(), qPrintable(r.errorString()));
            QCOMPARE(store.trash()->quarantined().size(), 1);
        }
        QVERIFY(::system(qPrintable(QStringLiteral("umount '%1'").arg(data + QLatin1String("/quarantine/ws_stuck.0000bbbb/mnt")))) == 0);
    }

    void damagedLastUsedKeepsTheWorkspaceAndIsRepaired_data()
    {
        QTest::addColumn<QString>("damage");
        QTest::newRow("empty") << QStringLiteral("empty");
        QTest::newRow("garbage") << QStringLiteral("garbage");
        QTest::newRow("missing") << QStringLiteral("missing");
        QTest::newRow("unreadable") << QStringLiteral("unreadable");
    }

    void damagedLastUsedKeepsTheWorkspaceAndIsRepaired()
    {
        QFETCH(QString, damage);
        QTemporaryDir dir;
        FakeClock fc;
        QString id;
        QString lastUsed;
        {
            WorkspaceStore store(dir.path(), 100, fc.clock());
            QVERIFY_RESULT(store.open());
            id = store.create().value();
            lastUsed = store.metaPath(id) + QLatin1String("/last-used");
        }
        QVERIFY(QFile::remove(lastUsed));
        if (damage == QLatin1String("empty"))
            QVERIFY(writeFile(lastUsed, ""));
        else if (damage == QLatin1String("garbage"))
            QVERIFY(writeFile(lastUsed, "\x01\x02 not a time"));
        else if (damage == QLatin1String("unreadable"))
            QVERIFY(QDir().mkpath(lastUsed)); // read() fails: it is a directory
        fc.now += 1000 * 1000; // far past the TTL, had the time been readable

        // The next start reads it: an error, kept, sorted as "just used".
        WorkspaceStore store(dir.path(), 100, fc.clock());
        QVERIFY_RESULT(store.open());
        QVERIFY(!store.lastUsed(id).ok());
        const QList<WorkspaceStore::WorkspaceInfo> infos = store.list();
        QCOMPARE(infos.size(), 1);
        QVERIFY(!infos.first().lastUsedError.isEmpty());
        QCOMPARE(infos.first().lastUsedMs, fc.now);
        if (damage == QLatin1String("unreadable"))
            QVERIFY(QDir(lastUsed).removeRecursively()); // so that the repair can write it

        QCOMPARE(store.lookup(id), WorkspaceStore::Lookup::Live);
        QCOMPARE(store.lastUsed(id).value(), fc.now);
        QCOMPARE(readFile(lastUsed), QByteArray::number(fc.now));
        QVERIFY(store.list().first().lastUsedError.isEmpty());
    }

    void metadataWriteOnAFullDiskKeepsTheOldValue()
    {
        QTemporaryDir dir;
        const QString data = dir.filePath(QStringLiteral("data"));
        QVERIFY(QDir().mkpath(data));
        if (::system(qPrintable(QStringLiteral("mount -t tmpfs -o size=1m none '%1' 2>/dev/null").arg(data))) != 0)
            QSKIP("cannot mount a small tmpfs here (needs root)");
        // Unmounted however the test ends.
        const auto unmount = qScopeGuard([data] { (void)::system(qPrintable(QStringLiteral("umount '%1' 2>/dev/null").arg(data))); });
        FakeClock fc;
        QString id;
        const qint64 created = fc.now;
        {
            WorkspaceStore store(data, 100, fc.clock());
            QVERIFY_RESULT(store.open());
            id = store.create().value();
            // Fill the file system to the last byte.
            QFile fill(data + QLatin1String("/fill"));
            QVERIFY(fill.open(QIODevice::WriteOnly | QIODevice::Unbuffered));
            const QByteArray block(4096, 'x');
            while (fill.write(block) == block.size()) {
            }
            fill.close();
            fc.now += 1000;
            const Result<void> touched = store.touch(id);
            QVERIFY(!touched.ok());
            QCOMPARE(touched.errorCode(), ErrorCode::DiskFull);
            QCOMPARE(readFile(store.metaPath(id) + QLatin1String("/last-used")), QByteArray::number(created));
            QCOMPARE(store.lastUsed(id).value(), created);
            // No temporary file left behind: state, last-used, size, owner.
            QCOMPARE(QDir(store.metaPath(id)).entryList(QDir::Files).size(), 4);
        }
        QVERIFY(::system(qPrintable(QStringLiteral("umount '%1'").arg(data))) == 0);
    }

    void fileCountComesFromMetadataNotFromTheManifest()
    {
        QTemporaryDir dir;
        QString id;
        {
            WorkspaceStore store(dir.path(), 3600);
            QVERIFY_RESULT(store.open());
            id = store.create().value();
            Manifest m;
            m.insert({QStringLiteral("a.txt"), ManifestEntry::Type::File, 0644, 1, 1, QString()});
            m.insert({QStringLiteral("b.txt"), ManifestEntry::Type::File, 0644, 1, 2, QString()});
            m.insert({QStringLiteral("c.txt"), ManifestEntry::Type::File, 0644, 1, 3, QString()});
            QVERIFY_RESULT(store.saveManifest(id, m));
            QCOMPARE(readFile(store.metaPath(id) + QLatin1String("/files")), QByteArray("3"));
            // Make the manifest's line count lie: the count must not come from there.
            QVERIFY(writeFile(store.metaPath(id) + QLatin1String("/file-list.txt"), "x\nx\nx\nx\nx\nx\nx\nx\n"));
        }
        WorkspaceStore reopened(dir.path(), 3600); // a restart: nothing cached
        QVERIFY_RESULT(reopened.open());
        QCOMPARE(reopened.list().first().files, 3);
    }

    void listIsLeastRecentlyUsedFirst()
    {
        QTemporaryDir dir;
        FakeClock fc;
        WorkspaceStore store(dir.path(), 3600, fc.clock());
        QVERIFY_RESULT(store.open());
        const QString a = store.create().value();
        fc.now += 1000;
        const QString b = store.create().value();
        fc.now += 1000;
        QVERIFY_RESULT(store.touch(a));
        const QList<WorkspaceStore::WorkspaceInfo> infos = store.list();
        QCOMPARE(infos.size(), 2);
        QCOMPARE(infos[0].id, b);
        QCOMPARE(infos[1].id, a);
        QCOMPARE(infos[1].lastUsedMs, fc.now);
    }
};

QTEST_GUILESS_MAIN(TestWorkspaceStore)
#include "tst_workspacestore.moc"
