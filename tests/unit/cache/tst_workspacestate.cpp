// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: BSD-2-Clause

// Tests of the workspace state the build cache keys on: scanning, syncing, diffing, restoring.
#include "resultverify.h"
#include "cache/blobstore.h"
#include "cache/changeapplier.h"
#include "cache/statescanner.h"
#include "cache/workspacestate.h"
#include "cache/ninjalogs.h"
#include "archive/safetreewriter.h"
#include "sync/manifest.h"
#include "sync/treestat.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>
#include <QtEndian>

using namespace BuildService;

namespace {

bool writeFile(const QString &path, const QByteArray &content)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(content) == content.size();
}

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

/** A workspace with two synced sources, as a sync leaves it (stat recorded in the manifest). */
Manifest syncedSources(const QString &root)
{
    Manifest m;
    for (const char *path : {"main.c", "src/util.c"}) {
        const QByteArray content = QByteArray("// ") + path + "\n";
        writeFile(root + QLatin1Char('/') + QLatin1String(path), content);
        ManifestEntry e;
        e.path = QLatin1String(path);
        e.size = content.size();
        e.mode = 0644;
        m.insert(e);
    }
    QFile::setPermissions(root + QLatin1String("/main.c"), QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther);
    QFile::setPermissions(root + QLatin1String("/src/util.c"), QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther);
    TreeStat::record(root, m);
    return m;
}

WorkspaceState scan(const QString &root, const Manifest &sources, const WorkspaceState &previous, BlobStore *capture = nullptr)
{
    StateScanner::Options options;
    options.previous = &previous;
    options.capture = capture;
    options.maxCaptureBytes = 1 << 30;
    options.workspacePath = QFile::encodeName(root);
    const Result<StateScanner::Scan> scanned = StateScanner::scan(root, sources, options);
    return scanned ? scanned->state : WorkspaceState::untracked(scanned.errorString());
}

/** A recording workspace, a target workspace and a blob store, each in its own directory. */
struct RestoreFixture {
    QTemporaryDir recorder;
    QTemporaryDir target;
    QTemporaryDir cache;
    BlobStore blobs{cache.path()};
    Manifest sources = syncedSources(recorder.path());  ///< of the recording workspace
    RestoreFixture() { (void)blobs.open(); }  // a failure shows as a missing blob in the test
};

} // namespace

class TestWorkspaceState : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void onlySourcesIsCleanWhateverTheTimes();
    void outputsModifiedAndDeletedSourcesAreTheState();
    void stateIsKeyedByContentNotTime();
    void syncReplacesWhatItWrites();
    void diffRemovesFirstThenDirectoriesThenFiles();
    void saveAndLoadRoundTripAndDamageIsAnError();
    void restoreRecreatesTheRecordedOutputsWithOneTime();
    void restoreRelocatesTheWorkspacePathOfTheSameLength();
    void restoreRefusesAStoredOutputThatChanged();
    void ninjaLogEntriesOfRestoredOutputsGetTheRestoreTime();
    void ninjaCommandHashIsNinjas_data();
    void ninjaCommandHashIsNinjas();
};

void TestWorkspaceState::onlySourcesIsCleanWhateverTheTimes()
{
    QTemporaryDir dir;
    const Manifest sources = syncedSources(dir.path());
    const WorkspaceState state = scan(dir.path(), sources, WorkspaceState::clean());
    QVERIFY2(state.isTracked(), qPrintable(state.untrackedReason()));
    QVERIFY(state.isClean());
    QCOMPARE(state.digest(), WorkspaceState::cleanDigest());
}

void TestWorkspaceState::outputsModifiedAndDeletedSourcesAreTheState()
{
    QTemporaryDir dir;
    const Manifest sources = syncedSources(dir.path());
    QVERIFY(writeFile(dir.filePath(QStringLiteral("build/app")), "binary"));
    QVERIFY(writeFile(dir.filePath(QStringLiteral("main.c")), "// changed by the build\n"));
    QVERIFY(QFile::remove(dir.filePath(QStringLiteral("src/util.c"))));
    QVERIFY(QFile::link(QStringLiteral("app"), dir.filePath(QStringLiteral("build/latest"))));
    const WorkspaceState state = scan(dir.path(), sources, WorkspaceState::clean());
    QVERIFY(!state.isClean());
    QCOMPARE(state.entries().keys(), (QStringList{QStringLiteral("build"), QStringLiteral("build/app"), QStringLiteral("build/latest"),
                                                  QStringLiteral("main.c"), QStringLiteral("src/util.c")}));
    QCOMPARE(state.find(QStringLiteral("build"))->type, StateEntry::Type::Directory);
    QCOMPARE(state.find(QStringLiteral("build/latest"))->linkTarget, QStringLiteral("app"));
    QCOMPARE(state.find(QStringLiteral("src/util.c"))->type, StateEntry::Type::Gone);
    // SHA-256 of "binary".
    QCOMPARE(state.find(QStringLiteral("build/app"))->sha256,
             QByteArray("9a3a45d01531a20e89ac6ae10b0b0beb0492acd7216a368aa062d1a5fecaf9cd"));
}

void TestWorkspaceState::stateIsKeyedByContentNotTime()
{
    QTemporaryDir a;
    QTemporaryDir b;
    const Manifest sa = syncedSources(a.path());
    const Manifest sb = syncedSources(b.path());
    QVERIFY(writeFile(a.filePath(QStringLiteral("out.o")), "object"));
    QVERIFY(writeFile(b.filePath(QStringLiteral("out.o")), "object"));
    const WorkspaceState stateA = scan(a.path(), sa, WorkspaceState::clean());
    const WorkspaceState stateB = scan(b.path(), sb, WorkspaceState::clean());
    QCOMPARE(stateA.digest(), stateB.digest());
    QVERIFY(writeFile(b.filePath(QStringLiteral("out.o")), "other object"));
    QVERIFY(scan(b.path(), sb, stateB).digest() != stateA.digest());
    // Untracked states never equal anything.
    QVERIFY(WorkspaceState::untracked(QStringLiteral("x")).digest() != WorkspaceState::untracked(QStringLiteral("x")).digest());
}

void TestWorkspaceState::syncReplacesWhatItWrites()
{
    WorkspaceState state;
    for (const char *path : {"build", "build/app", "generated.h", "docs/old.txt"}) {
        StateEntry e;
        e.path = QLatin1String(path);
        e.type = qstrcmp(path, "build") == 0 ? StateEntry::Type::Directory : StateEntry::Type::File;
        e.sha256 = QByteArray(64, 'a');
        state.insert(e);
    }
    StateEntry gone;
    gone.path = QStringLiteral("src/deleted.c");
    gone.type = StateEntry::Type::Gone;
    state.insert(gone);
    Manifest sources;
    for (const char *path : {"generated.h", "docs", "build/README"}) {
        ManifestEntry e;
        e.path = QLatin1String(path);
        sources.insert(e);
    }
    const WorkspaceState after = state.afterSync(sources);
    // generated.h is now a source; docs/ is a file, so docs/old.txt is gone; build/ holds a
    // source now; the tombstone is replaced by whatever the sync did.
    QCOMPARE(after.entries().keys(), QStringList{QStringLiteral("build/app")});
}

void TestWorkspaceState::diffRemovesFirstThenDirectoriesThenFiles()
{
    WorkspaceState before;
    WorkspaceState after;
    auto entry = [](const char *path, StateEntry::Type type, char content = 'a') {
        StateEntry e;
        e.path = QLatin1String(path);
        e.type = type;
        e.mode = type == StateEntry::Type::Directory ? 0755 : 0644;
        if (type == StateEntry::Type::File)
            e.sha256 = QByteArray(64, content);
        return e;
    };
    before.insert(entry("old", StateEntry::Type::Directory));
    before.insert(entry("old/x.o", StateEntry::Type::File));
    before.insert(entry("same.o", StateEntry::Type::File));
    before.insert(entry("changed.o", StateEntry::Type::File));
    after.insert(entry("same.o", StateEntry::Type::File));
    after.insert(entry("changed.o", StateEntry::Type::File, 'b'));
    after.insert(entry("new", StateEntry::Type::Directory));
    after.insert(entry("new/deep", StateEntry::Type::Directory));
    after.insert(entry("new/deep/y.o", StateEntry::Type::File));
    after.insert(entry("main.c", StateEntry::Type::Gone));
    const QList<WorkspaceChange> changes = WorkspaceState::diff(before, after);
    QStringList described;
    for (const WorkspaceChange &c : changes)
        described << QString(QLatin1Char(char(c.op))) + QLatin1Char(' ') + c.path;
    QCOMPARE(described, (QStringList{QStringLiteral("r old"), QStringLiteral("r main.c"), QStringLiteral("d new"),
                                     QStringLiteral("d new/deep"), QStringLiteral("f changed.o"), QStringLiteral("f new/deep/y.o")}));
}

void TestWorkspaceState::saveAndLoadRoundTripAndDamageIsAnError()
{
    QTemporaryDir dir;
    const Manifest sources = syncedSources(dir.path());
    QVERIFY(writeFile(dir.filePath(QStringLiteral("out/a b.o")), "object"));
    const WorkspaceState state = scan(dir.path(), sources, WorkspaceState::clean());
    const QString file = dir.filePath(QStringLiteral("state"));
    QVERIFY_RESULT(state.save(file));
    const Result<WorkspaceState> loaded = WorkspaceState::load(file);
    QVERIFY2(loaded.ok(), qPrintable(loaded.errorString()));
    QCOMPARE(loaded->digest(), state.digest());
    QCOMPARE(loaded->find(QStringLiteral("out/a b.o"))->mtimeNs, state.find(QStringLiteral("out/a b.o"))->mtimeNs);

    QVERIFY(!WorkspaceState::load(dir.filePath(QStringLiteral("missing"))).value().isTracked());
    QByteArray cut = readFile(file);
    cut.chop(4);
    QVERIFY(writeFile(file, cut));
    const Result<WorkspaceState> damaged = WorkspaceState::load(file);
    QVERIFY(!damaged.ok());
    QVERIFY2(damaged.errorString().contains(QLatin1String("is damaged")), qPrintable(damaged.errorString()));
}

void TestWorkspaceState::restoreRecreatesTheRecordedOutputsWithOneTime()
{
    RestoreFixture f;
    const QTemporaryDir &recorder = f.recorder, &target = f.target;
    BlobStore &blobs = f.blobs;
    const Manifest &sources = f.sources;
    QVERIFY(writeFile(recorder.filePath(QStringLiteral("build/app")), "program"));
    QVERIFY(writeFile(recorder.filePath(QStringLiteral("build/app.o")), "object"));
    QVERIFY(QFile::link(QStringLiteral("app"), recorder.filePath(QStringLiteral("build/current"))));
    QVERIFY(QFile::remove(recorder.filePath(QStringLiteral("src/util.c"))));
    const WorkspaceState after = scan(recorder.path(), sources, WorkspaceState::clean(), &blobs);
    const QList<WorkspaceChange> changes = WorkspaceState::diff(WorkspaceState::clean(), after);

    const Manifest targetSources = syncedSources(target.path());
    QVERIFY_RESULT(ChangeApplier::checkBlobs(changes, blobs));
    const qint64 when = 1700000000123456789LL;
    const Result<ChangeApplier::Applied> applied = ChangeApplier::apply(target.path(), targetSources, WorkspaceState::clean(), changes,
                                                                        blobs, when);
    QVERIFY2(applied.ok(), qPrintable(applied.errorString()));
    QCOMPARE(readFile(target.filePath(QStringLiteral("build/app"))), QByteArray("program"));
    QCOMPARE(QFileInfo(target.filePath(QStringLiteral("build/current"))).symLinkTarget(), target.filePath(QStringLiteral("build/app")));
    QVERIFY(!QFileInfo::exists(target.filePath(QStringLiteral("src/util.c"))));
    QCOMPARE(QFileInfo(target.filePath(QStringLiteral("build/app"))).lastModified().toMSecsSinceEpoch(), when / 1000000);
    QCOMPARE(QFileInfo(target.filePath(QStringLiteral("build/app.o"))).lastModified().toMSecsSinceEpoch(), when / 1000000);
    // The state after the restore is the recorded one, and a scan of the workspace agrees.
    QCOMPARE(applied->state.digest(), after.digest());
    QCOMPARE(scan(target.path(), targetSources, applied->state).digest(), after.digest());
}

void TestWorkspaceState::restoreRelocatesTheWorkspacePathOfTheSameLength()
{
    QTemporaryDir base;
    const QString from = base.filePath(QStringLiteral("ws_aaaa"));
    const QString to = base.filePath(QStringLiteral("ws_bbbb"));
    QTemporaryDir cache;
    BlobStore blobs(cache.path());
    QVERIFY_RESULT(blobs.open());
    QDir().mkpath(from);
    QDir().mkpath(to);
    const Manifest sources = syncedSources(from);
    // Long enough that the path spans two read chunks of the copy.
    const QByteArray content = QByteArray(1 << 20, 'x').left((1 << 20) - 5) + from.toUtf8() + "/src\nend " + from.toUtf8();
    QVERIFY(writeFile(from + QLatin1String("/build/CMakeCache.txt"), content));
    StateScanner::Options options;
    const WorkspaceState clean = WorkspaceState::clean();
    options.previous = &clean;
    options.capture = &blobs;
    options.maxCaptureBytes = 1 << 30;
    options.workspacePath = from.toUtf8();
    const Result<StateScanner::Scan> scanned = StateScanner::scan(from, sources, options);
    QVERIFY_RESULT(scanned);
    QVERIFY(scanned->pathBearing.contains(QStringLiteral("build/CMakeCache.txt")));
    QList<WorkspaceChange> changes = WorkspaceState::diff(clean, scanned->state);
    for (WorkspaceChange &c : changes)
        c.relocate = scanned->pathBearing.contains(c.path);

    const Manifest targetSources = syncedSources(to);
    const Result<ChangeApplier::Applied> applied =
        ChangeApplier::apply(to, targetSources, clean, changes, blobs, 1700000000000000000LL, from.toUtf8(), to.toUtf8());
    QVERIFY2(applied.ok(), qPrintable(applied.errorString()));
    QByteArray expected = content;
    expected.replace(from.toUtf8(), to.toUtf8());
    QCOMPARE(readFile(to + QLatin1String("/build/CMakeCache.txt")), expected);

    const Result<ChangeApplier::Applied> longer = ChangeApplier::apply(to, targetSources, clean, changes, blobs, 0, from.toUtf8(),
                                                                       (to + QLatin1String("-longer")).toUtf8());
    QVERIFY(!longer.ok());
    QVERIFY2(longer.errorString().contains(QLatin1String("cannot be relocated")), qPrintable(longer.errorString()));
}

void TestWorkspaceState::restoreRefusesAStoredOutputThatChanged()
{
    RestoreFixture f;
    const QTemporaryDir &recorder = f.recorder, &target = f.target;
    BlobStore &blobs = f.blobs;
    const Manifest &sources = f.sources;
    QVERIFY(writeFile(recorder.filePath(QStringLiteral("app")), "program"));
    const WorkspaceState after = scan(recorder.path(), sources, WorkspaceState::clean(), &blobs);
    const QList<WorkspaceChange> changes = WorkspaceState::diff(WorkspaceState::clean(), after);
    QCOMPARE(changes.size(), 1);
    QVERIFY(writeFile(blobs.path(changes.first().sha256), "progrAm")); // same size, other bytes
    const Manifest targetSources = syncedSources(target.path());
    const Result<ChangeApplier::Applied> applied =
        ChangeApplier::apply(target.path(), targetSources, WorkspaceState::clean(), changes, blobs, 0);
    QVERIFY(!applied.ok());
    QVERIFY2(applied.errorString().contains(QLatin1String("does not match its checksum")), qPrintable(applied.errorString()));
    QVERIFY(!QFileInfo::exists(target.filePath(QStringLiteral("app"))));
    QVERIFY(QFile::remove(blobs.path(changes.first().sha256)));
    QVERIFY(!ChangeApplier::checkBlobs(changes, blobs).ok());
}

void TestWorkspaceState::ninjaLogEntriesOfRestoredOutputsGetTheRestoreTime()
{
    QTemporaryDir dir;
    QVERIFY(writeFile(dir.filePath(QStringLiteral("build/.ninja_log")),
                      "# ninja log v5\n1\t5\t111\tapp.o\tabc\n2\t6\t222\tother.o\tdef\n"));
    // A deps log (v4): header, two path records (ids 0, 1), one deps record for id 0.
    auto u32 = [](quint32 v) { QByteArray b(4, '\0'); qToLittleEndian<quint32>(v, b.data()); return b; };
    const QByteArray deps = QByteArray("# ninjadeps\n") + u32(4) + u32(12) + QByteArray("app.o\0\0\0", 8) + u32(~0u)
           + u32(12) + QByteArray("main.c\0\0", 8) + u32(~1u) + u32(0x80000000u | 16) + u32(0) + u32(111) + u32(0) + u32(1);
    QVERIFY(writeFile(dir.filePath(QStringLiteral("build/.ninja_deps")), deps));
    SafeTreeWriter writer;
    QVERIFY_RESULT(writer.open(dir.path()));
    const qint64 when = 0x0000000500000007LL;
    const Result<QStringList> changed = NinjaLogs::retime(
        dir.path(), writer, {QStringLiteral("build/.ninja_log"), QStringLiteral("build/.ninja_deps"), QStringLiteral("build/app.o")}, when);
    QVERIFY2(changed.ok(), qPrintable(changed.errorString()));
    QCOMPARE(changed.value(), (QStringList{QStringLiteral("build/.ninja_log"), QStringLiteral("build/.ninja_deps")}));
    QCOMPARE(readFile(dir.filePath(QStringLiteral("build/.ninja_log"))),
             QByteArray("# ninja log v5\n1\t5\t") + QByteArray::number(when) + "\tapp.o\tabc\n2\t6\t222\tother.o\tdef\n");
    const QByteArray rewritten = readFile(dir.filePath(QStringLiteral("build/.ninja_deps")));
    const int record = rewritten.size() - 20;
    QCOMPARE(qFromLittleEndian<quint32>(rewritten.constData() + record + 8), quint32(7));
    QCOMPARE(qFromLittleEndian<quint32>(rewritten.constData() + record + 12), quint32(5));
}

void TestWorkspaceState::ninjaCommandHashIsNinjas_data()
{
    QTest::addColumn<QByteArray>("command");
    QTest::addColumn<quint64>("hash");
    // Values as ninja 1.11 writes them into .ninja_log (checked against real logs).
    QTest::newRow("empty") << QByteArray() << quint64(0x87c2bc0beaf1d91dULL);
    QTest::newRow("exactly eight bytes") << QByteArray("12345678") << quint64(0x2d1ccbcd8d67231fULL);
    QTest::newRow("with a tail") << QByteArray("cc -c main.c -o main.o") << quint64(0x49608694aba730d2ULL);
}

void TestWorkspaceState::ninjaCommandHashIsNinjas()
{
    QFETCH(QByteArray, command);
    QFETCH(quint64, hash);
    QCOMPARE(NinjaLogs::commandHash(command), hash);
}

QTEST_GUILESS_MAIN(TestWorkspaceState)
#include "tst_workspacestate.moc"
