// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: BSD-2-Clause

// End-to-end trust in the build cache: real server, real CLI, real make and cmake. A replay
// leaves the workspace as the live build would have, or the build runs live; the output a
// user sees is what happened to that workspace.
#include "rawclient.h"
#include "serverprocess.h"
#include "tarbuilder.h"

#include <QDir>
#include <QDirIterator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QFileInfo>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace BuildService;
using namespace BuildService::Test;

namespace {
const QString s_make = QStringLiteral("make");
const QString s_cmakeBuild = QStringLiteral("cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null && cmake --build build");
} // namespace

class TestCacheTrust : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void repeatedBuildInOneCheckoutRunsTheRealIncrementalBuild();
    void secondCheckoutReplaysWithOutputsThenBuildsIncrementally();
    void cleanThenBuildRestoresTheOutputs();
    void removedBuildDirectoryIsNeverAnsweredWithAnOldSuccess();
    void freshWorkspaceReplayLeavesTheOutputs();
    void cmakeOutputsAreRelocatedIntoTheNewWorkspace_data();
    void cmakeOutputsAreRelocatedIntoTheNewWorkspace();
    void changedSoftwareOnTheServerRunsLive();
    void missingToolIsNotCachedAndRunsOnceInstalled();
    void failuresAreNotCachedByDefault();
    void missingStoredOutputsMakeTheBuildRunLive();
    void verifyTellsReproducibleBuildsFromOthers();
    void statsCountMissesByReason();
    void exportedRecordingReplaysOnAnotherServer();
    void hostileImportIsRefused_data();
    void hostileImportIsRefused();

private:
    QString checkout(const QString &name, const QString &example = QStringLiteral("examples/hello-make"));
    CliResult build(const QString &dir, const QString &command, const QStringList &extra = {});
    QString workspaceOf(const QString &dir) const;
    QJsonObject cacheStats();
    bool waitForEntries(int count);
    QString exportFirstEntry(const QString &file);
    QMap<QByteArray, QByteArray> bundleEntries(const QString &file);

    std::unique_ptr<QTemporaryDir> m_tmp;
    std::unique_ptr<ServerProcess> m_server;
    QString m_tools;
};

void TestCacheTrust::init()
{
    // The commands of this suite talk to the test through tools "installed" into a directory on the server's PATH and counters outside the workspace, which the
    // sandbox hides (that is tested in tst_sandbox).
    ServerProcess::baseConfig() = QStringLiteral("[sandbox]\nenabled = false\n");
    m_tmp = std::make_unique<QTemporaryDir>();
    QVERIFY(m_tmp->isValid());
    // A directory on the server's PATH where tests "install software".
    m_tools = m_tmp->filePath(QStringLiteral("tools"));
    QVERIFY(QDir().mkpath(m_tools));
    qputenv("PATH", (m_tools + QLatin1Char(':')).toUtf8() + qgetenv("PATH"));
    m_server = std::make_unique<ServerProcess>();
    QVERIFY2(m_server->start(m_tmp->filePath(QStringLiteral("data"))), m_server->standardError().constData());
}

void TestCacheTrust::cleanup()
{
    if (m_server)
        QVERIFY2(m_server->stop(), "server did not exit cleanly on SIGTERM");
    m_server.reset();
    qputenv("PATH", qgetenv("PATH").mid(m_tools.toUtf8().size() + 1));
    m_tmp.reset();
}

QString TestCacheTrust::checkout(const QString &name, const QString &example)
{
    const QString dir = m_tmp->filePath(name);
    QDir().mkpath(dir);
    return copyTree(sourcePath(example), dir) ? dir : QString();
}

CliResult TestCacheTrust::build(const QString &dir, const QString &command, const QStringList &extra)
{
    QStringList args{QStringLiteral("build"), QStringLiteral("--server"), m_server->url()};
    args << extra << QStringLiteral("--") << command;
    return runCli(args, dir);
}

QString TestCacheTrust::workspaceOf(const QString &dir) const
{
    return m_server->workspacePath(QString::fromUtf8(readFile(dir + QLatin1String("/.build-service/workspace-id")).trimmed()));
}

QJsonObject TestCacheTrust::cacheStats()
{
    RawClient client;
    if (!client.handshake(m_server->url()))
        return {};
    client.send(QJsonObject{{QStringLiteral("type"), QStringLiteral("cache_stats")}, {QStringLiteral("top"), 10}});
    return client.waitFor(QStringLiteral("cache_stats_reply"));
}

bool TestCacheTrust::waitForEntries(int count)
{
    return QTest::qWaitFor([&] { return cacheStats().value(QLatin1String("entries")).toInt() >= count; }, 20000);
}

void TestCacheTrust::repeatedBuildInOneCheckoutRunsTheRealIncrementalBuild()
{
    const QString a = checkout(QStringLiteral("a"));
    const CliResult first = build(a, s_make);
    QVERIFY2(first.exitCode == 0, first.err.constData());
    QVERIFY(first.out.contains("-c -o build/main.o main.c"));
    QVERIFY(waitForEntries(1));

    // The workspace now holds outputs: the recording (made from an empty one) does not apply.
    const CliResult second = build(a, s_make);
    QVERIFY2(second.exitCode == 0, second.err.constData());
    QVERIFY2(!second.err.contains("replay"), second.err.constData());
    QVERIFY2(second.out.contains("Nothing to be done"), second.out.constData());
    QVERIFY(!second.out.contains("-c -o build/main.o"));
}

void TestCacheTrust::secondCheckoutReplaysWithOutputsThenBuildsIncrementally()
{
    const QString a = checkout(QStringLiteral("a"));
    QCOMPARE(build(a, s_make).exitCode, 0);
    QVERIFY(waitForEntries(1));

    const QString b = checkout(QStringLiteral("b"));
    const CliResult replayed = build(b, s_make);
    QVERIFY2(replayed.exitCode == 0, replayed.err.constData());
    QVERIFY2(replayed.err.contains("replayed from cache"), replayed.err.constData());
    // The notice comes before the replayed output (both on one terminal, stderr first).
    QVERIFY(replayed.err.indexOf("replaying from cache") < replayed.err.indexOf("replayed from cache"));
    const QString ws = workspaceOf(b);
    QVERIFY(QFileInfo(ws + QLatin1String("/app")).isExecutable());
    QVERIFY(QFileInfo::exists(ws + QLatin1String("/build/strutil.o")));
    QVERIFY(QFileInfo::exists(ws + QLatin1String("/build/main.d")));

    const CliResult run = build(b, QStringLiteral("./app"));
    QVERIFY2(run.exitCode == 0, run.err.constData());
    QCOMPARE(run.out, QByteArray("Hello, world!\n"));

    QFile edit(b + QLatin1String("/strutil.c"));
    QVERIFY(edit.open(QIODevice::Append));
    edit.write("int strutil_unused(void) { return 1; }\n");
    edit.close();
    const CliResult incremental = build(b, s_make);
    QVERIFY2(incremental.exitCode == 0, incremental.err.constData());
    QVERIFY2(!incremental.err.contains("replay"), incremental.err.constData());
    QCOMPARE(incremental.out.count(" -c -o "), 1);
    QVERIFY(incremental.out.contains("-c -o build/strutil.o strutil.c"));
}

void TestCacheTrust::cleanThenBuildRestoresTheOutputs()
{
    const QString a = checkout(QStringLiteral("a"));
    QCOMPARE(build(a, s_make).exitCode, 0);
    QVERIFY(waitForEntries(1));
    const CliResult clean = build(a, QStringLiteral("make clean"));
    QVERIFY2(clean.exitCode == 0, clean.err.constData());
    QVERIFY(!clean.err.contains("replay"));
    const QString ws = workspaceOf(a);
    QVERIFY(!QFileInfo::exists(ws + QLatin1String("/app")));

    // Only the sources are left: exactly the state the first build started from.
    const CliResult again = build(a, s_make);
    QVERIFY2(again.exitCode == 0, again.err.constData());
    QVERIFY2(again.err.contains("replayed from cache"), again.err.constData());
    QVERIFY(QFileInfo(ws + QLatin1String("/app")).isExecutable());
    QCOMPARE(build(a, QStringLiteral("./app")).out, QByteArray("Hello, world!\n"));
}

void TestCacheTrust::removedBuildDirectoryIsNeverAnsweredWithAnOldSuccess()
{
    const QString c = checkout(QStringLiteral("c"), QStringLiteral("examples/hello-cmake"));
    QCOMPARE(build(c, s_cmakeBuild).exitCode, 0);
    const QString onlyBuild = QStringLiteral("cmake --build build");
    QCOMPARE(build(c, onlyBuild).exitCode, 0); // recorded from the configured state
    QVERIFY(waitForEntries(2));
    QCOMPARE(build(c, QStringLiteral("rm -rf build")).exitCode, 0);

    const CliResult afterRemoval = build(c, onlyBuild);
    QVERIFY2(!afterRemoval.err.contains("replay"), afterRemoval.err.constData());
    QVERIFY(afterRemoval.exitCode != 0); // the real result: there is nothing to build in
    QVERIFY(!QFileInfo::exists(workspaceOf(c) + QLatin1String("/build/hello")));
}

void TestCacheTrust::freshWorkspaceReplayLeavesTheOutputs()
{
    const QString a = checkout(QStringLiteral("a"));
    QCOMPARE(build(a, s_make).exitCode, 0);
    QVERIFY(waitForEntries(1));
    const QString before = workspaceOf(a);
    const CliResult fresh = build(a, s_make, {QStringLiteral("--fresh-workspace")});
    QVERIFY2(fresh.err.contains("replayed from cache"), fresh.err.constData());
    const QString after = workspaceOf(a);
    QVERIFY(after != before);
    QVERIFY(QFileInfo(after + QLatin1String("/app")).isExecutable());
    QCOMPARE(build(a, QStringLiteral("./app")).out, QByteArray("Hello, world!\n"));
}

void TestCacheTrust::cmakeOutputsAreRelocatedIntoTheNewWorkspace_data()
{
    QTest::addColumn<QString>("generator");
    QTest::addColumn<QByteArray>("noWork");
    QTest::addColumn<QByteArray>("compile");
    QTest::newRow("Makefiles") << QStringLiteral("Unix Makefiles") << QByteArray("Built target hello") << QByteArray("Building CXX object");
    QTest::newRow("Ninja") << QStringLiteral("Ninja") << QByteArray("ninja: no work to do.") << QByteArray("Building CXX object");
}

void TestCacheTrust::cmakeOutputsAreRelocatedIntoTheNewWorkspace()
{
    QFETCH(QString, generator);
    QFETCH(QByteArray, noWork);
    QFETCH(QByteArray, compile);
    const QString command = QStringLiteral("cmake -S . -B build -G '%1' -DCMAKE_BUILD_TYPE=Release >/dev/null && cmake --build build").arg(generator);
    const QString c1 = checkout(QStringLiteral("c1"), QStringLiteral("examples/hello-cmake"));
    QCOMPARE(build(c1, command).exitCode, 0);
    QVERIFY(waitForEntries(1));
    const QString c2 = checkout(QStringLiteral("c2"), QStringLiteral("examples/hello-cmake"));
    const CliResult replayed = build(c2, command);
    QVERIFY2(replayed.err.contains("replayed from cache"), replayed.err.constData());

    // CMake's cache names the workspace it was configured in: this one, not the recording's.
    const QString ws = QFileInfo(workspaceOf(c2)).canonicalFilePath();
    const QByteArray cmakeCache = readFile(ws + QLatin1String("/build/CMakeCache.txt"));
    QVERIFY(cmakeCache.contains("CMAKE_HOME_DIRECTORY:INTERNAL=" + ws.toUtf8()));
    QVERIFY(!cmakeCache.contains(QFileInfo(workspaceOf(c1)).canonicalFilePath().toUtf8()));

    // The next build in the restored workspace is incremental: nothing to do...
    const CliResult noop = build(c2, command, {QStringLiteral("--no-cache")});
    QVERIFY2(noop.exitCode == 0, noop.err.constData());
    QVERIFY2(noop.out.contains(noWork), noop.out.constData());
    QVERIFY2(!noop.out.contains(compile), noop.out.constData());
    QFile edit(c2 + QLatin1String("/calc/calculator.cpp"));
    QVERIFY(edit.open(QIODevice::Append));
    edit.write("// edited\n");
    edit.close();
    // ... and an edit recompiles one file.
    const CliResult incremental = build(c2, command);
    QVERIFY2(incremental.exitCode == 0, incremental.err.constData());
    QCOMPARE(incremental.out.count(compile), 1);
    QVERIFY(incremental.out.contains("calculator.cpp.o"));
}

void TestCacheTrust::changedSoftwareOnTheServerRunsLive()
{
    const QString tool = m_tools + QLatin1String("/bs-test-tool");
    QVERIFY(writeFile(tool, "#!/bin/sh\necho tool v1\n"));
    QVERIFY(QFile::setPermissions(tool, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
    const QString a = checkout(QStringLiteral("a"));
    QCOMPARE(build(a, QStringLiteral("bs-test-tool")).out, QByteArray("tool v1\n"));
    QVERIFY(waitForEntries(1));
    const CliResult replayed = build(a, QStringLiteral("bs-test-tool"), {QStringLiteral("--fresh-workspace")});
    QVERIFY2(replayed.err.contains("replayed from cache"), replayed.err.constData());

    // An upgrade in place: same directory entries, new content.
    QVERIFY(writeFile(tool, "#!/bin/sh\necho tool v2\n"));
    const CliResult upgraded = build(a, QStringLiteral("bs-test-tool"), {QStringLiteral("--fresh-workspace")});
    QVERIFY2(!upgraded.err.contains("replay"), upgraded.err.constData());
    QCOMPARE(upgraded.out, QByteArray("tool v2\n"));
}

void TestCacheTrust::missingToolIsNotCachedAndRunsOnceInstalled()
{
    const QString a = checkout(QStringLiteral("a"));
    const CliResult missing = build(a, QStringLiteral("bs-test-later"));
    QCOMPARE(missing.exitCode, 127);
    QVERIFY(missing.err.contains("not found"));
    const QString tool = m_tools + QLatin1String("/bs-test-later");
    QVERIFY(writeFile(tool, "#!/bin/sh\necho installed\n"));
    QVERIFY(QFile::setPermissions(tool, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
    const CliResult installed = build(a, QStringLiteral("bs-test-later"), {QStringLiteral("--fresh-workspace")});
    QVERIFY2(!installed.err.contains("replay"), installed.err.constData());
    QCOMPARE(installed.exitCode, 0);
    QCOMPARE(installed.out, QByteArray("installed\n"));
    QCOMPARE(cacheStats().value(QLatin1String("entries")).toInt(), 1); // only the success
}

void TestCacheTrust::failuresAreNotCachedByDefault()
{
    const QString a = checkout(QStringLiteral("a"));
    const QString counter = m_tmp->filePath(QStringLiteral("runs"));
    const QString failing = QStringLiteral("echo run >> '%1'; exit 3").arg(counter);
    QCOMPARE(build(a, failing).exitCode, 3);
    const CliResult second = build(a, failing, {QStringLiteral("--fresh-workspace")});
    QCOMPARE(second.exitCode, 3);
    QVERIFY(!second.err.contains("replay"));
    QCOMPARE(readFile(counter), QByteArray("run\nrun\n"));
    QCOMPARE(cacheStats().value(QLatin1String("entries")).toInt(), 0);
}

void TestCacheTrust::missingStoredOutputsMakeTheBuildRunLive()
{
    const QString a = checkout(QStringLiteral("a"));
    QCOMPARE(build(a, s_make).exitCode, 0);
    QVERIFY(waitForEntries(1));
    // The recording is intact, but what it would restore is gone.
    QVERIFY(QDir(m_server->dataDir() + QLatin1String("/cache/blobs")).removeRecursively());
    const QString b = checkout(QStringLiteral("b"));
    const CliResult second = build(b, s_make);
    QVERIFY2(second.exitCode == 0, second.err.constData());
    QVERIFY2(!second.err.contains("replay"), second.err.constData());
    QVERIFY(second.out.contains("-c -o build/main.o main.c"));
    QVERIFY(QFileInfo(workspaceOf(b) + QLatin1String("/app")).isExecutable());
    QCOMPARE(build(b, QStringLiteral("./app")).out, QByteArray("Hello, world!\n"));
}

void TestCacheTrust::verifyTellsReproducibleBuildsFromOthers()
{
    const QString a = checkout(QStringLiteral("a"));
    const CliResult none = build(a, s_make, {QStringLiteral("--verify")});
    QVERIFY2(none.err.contains("verify: there was no recording of this build"), none.err.constData());
    QVERIFY(waitForEntries(1));
    const CliResult same = build(a, s_make, {QStringLiteral("--fresh-workspace"), QStringLiteral("--verify")});
    QVERIFY2(same.exitCode == 0, same.err.constData());
    QVERIFY2(same.err.contains("verify: reproducible"), same.err.constData());
    QVERIFY(!same.err.contains("replay"));

    const QString date = QStringLiteral("echo start; date +%s%N");
    QCOMPARE(build(a, date, {QStringLiteral("--fresh-workspace")}).exitCode, 0);
    QVERIFY(waitForEntries(2));
    const CliResult differs = build(a, date, {QStringLiteral("--fresh-workspace"), QStringLiteral("--verify")});
    QVERIFY2(differs.err.contains("verify: not reproducible: output line 2"), differs.err.constData());

    const QString stamp = QStringLiteral("date +%s%N > stamp.txt");
    QCOMPARE(build(a, stamp, {QStringLiteral("--fresh-workspace")}).exitCode, 0);
    QVERIFY(waitForEntries(3));
    const CliResult file = build(a, stamp, {QStringLiteral("--fresh-workspace"), QStringLiteral("--verify")});
    QVERIFY2(file.err.contains("verify: not reproducible: file stamp.txt"), file.err.constData());
    QCOMPARE(cacheStats().value(QLatin1String("entries")).toInt(), 3); // a verify never replaces a recording
}

void TestCacheTrust::statsCountMissesByReason()
{
    const QString a = checkout(QStringLiteral("a"));
    QCOMPARE(build(a, s_make).exitCode, 0);                                   // no_entry
    QVERIFY(waitForEntries(1));
    QCOMPARE(build(a, s_make).exitCode, 0);                                   // different_prior_state
    QCOMPARE(build(a, s_make, {QStringLiteral("--fresh")}).exitCode, 0);      // fresh_requested
    QCOMPARE(build(a, s_make, {QStringLiteral("--no-cache")}).exitCode, 0);   // off
    QCOMPARE(build(a, s_make, {QStringLiteral("--fresh-workspace")}).exitCode, 0); // hit
    const QJsonObject stats = cacheStats();
    const QJsonObject reasons = stats.value(QLatin1String("misses_by_reason")).toObject();
    QCOMPARE(reasons.value(QLatin1String("no_entry")).toInt(), 1);
    QCOMPARE(reasons.value(QLatin1String("different_prior_state")).toInt(), 1);
    QCOMPARE(reasons.value(QLatin1String("fresh_requested")).toInt(), 1);
    QCOMPARE(stats.value(QLatin1String("off")).toInt(), 1);
    QCOMPARE(stats.value(QLatin1String("hits")).toInt(), 1);
    QCOMPARE(stats.value(QLatin1String("misses")).toInt(), 3);
}

QString TestCacheTrust::exportFirstEntry(const QString &file)
{
    const QString key = cacheStats().value(QLatin1String("top")).toArray().first().toObject().value(QLatin1String("key")).toString();
    const CliResult exported = runCli({QStringLiteral("cache"), QStringLiteral("export"), QStringLiteral("--server"), m_server->url(), key, file},
                                      m_tmp->path());
    return exported.exitCode == 0 && exported.out.startsWith("exported " + key.toUtf8()) ? key : QString();
}

QMap<QByteArray, QByteArray> TestCacheTrust::bundleEntries(const QString &file)
{
    const QString dir = m_tmp->filePath(QStringLiteral("unpacked"));
    QDir(dir).removeRecursively();
    QDir().mkpath(dir);
    QProcess tar;
    tar.start(QStringLiteral("tar"), {QStringLiteral("-xf"), file, QStringLiteral("-C"), dir});
    tar.waitForFinished();
    QMap<QByteArray, QByteArray> entries;
    QDirIterator it(dir, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        entries.insert(QDir(dir).relativeFilePath(path).toUtf8(), readFile(path));
    }
    return entries;
}

void TestCacheTrust::exportedRecordingReplaysOnAnotherServer()
{
    const QString a = checkout(QStringLiteral("a"));
    QCOMPARE(build(a, s_make).exitCode, 0);
    QVERIFY(waitForEntries(1));
    const QString bundle = m_tmp->filePath(QStringLiteral("entry.tar"));
    const QString key = exportFirstEntry(bundle);
    QVERIFY(!key.isEmpty());
    QVERIFY(bundleEntries(bundle).contains("recording.rec.zst"));

    // A second server with a data directory whose path has the same length (so outputs that
    // name the workspace can be relocated).
    ServerProcess other;
    QVERIFY(other.start(m_tmp->filePath(QStringLiteral("dat2"))));
    const CliResult imported = runCli({QStringLiteral("cache"), QStringLiteral("import"), QStringLiteral("--server"), other.url(), bundle},
                                      m_tmp->path());
    QVERIFY2(imported.exitCode == 0, imported.err.constData());
    QVERIFY2(imported.out.startsWith("imported " + key.toUtf8() + " (success"), imported.out.constData());

    const QString b = checkout(QStringLiteral("b"));
    const CliResult replayed = runCli({QStringLiteral("build"), QStringLiteral("--server"), other.url(), QStringLiteral("--"), s_make}, b);
    QVERIFY2(replayed.err.contains("replayed from cache"), replayed.err.constData());
    const CliResult run = runCli({QStringLiteral("build"), QStringLiteral("--server"), other.url(), QStringLiteral("--"), QStringLiteral("./app")}, b);
    QCOMPARE(run.out, QByteArray("Hello, world!\n"));
    QVERIFY2(other.stop(), other.standardError().right(3000).constData());
}

void TestCacheTrust::hostileImportIsRefused_data()
{
    QTest::addColumn<QString>("attack");
    QTest::addColumn<QByteArray>("error");
    QTest::newRow("parent directory") << QStringLiteral("dotdot") << QByteArray("error (archive_rejected)");
    QTest::newRow("absolute path") << QStringLiteral("absolute") << QByteArray("error (archive_rejected)");
    QTest::newRow("symlink") << QStringLiteral("symlink") << QByteArray("is not a regular file");
    QTest::newRow("unexpected file") << QStringLiteral("extra") << QByteArray("unexpected entry \"notes.txt\"");
    QTest::newRow("blob that lies about its content") << QStringLiteral("blob") << QByteArray("does not match its content");
    QTest::newRow("tampered recording") << QStringLiteral("recording") << QByteArray("the cache bundle is not valid: corrupt recording");
    QTest::newRow("missing output") << QStringLiteral("missing-blob") << QByteArray("is neither in the bundle nor stored here");
    QTest::newRow("entry for another key") << QStringLiteral("key") << QByteArray("the recording holds key");
    QTest::newRow("cut off") << QStringLiteral("truncated") << QByteArray("error (upload_incomplete)");
}

void TestCacheTrust::hostileImportIsRefused()
{
    QFETCH(QString, attack);
    QFETCH(QByteArray, error);
    const QString a = checkout(QStringLiteral("a"));
    QCOMPARE(build(a, s_make).exitCode, 0);
    QVERIFY(waitForEntries(1));
    const QString bundle = m_tmp->filePath(QStringLiteral("entry.tar"));
    QVERIFY(!exportFirstEntry(bundle).isEmpty());
    QMap<QByteArray, QByteArray> entries = bundleEntries(bundle);
    QByteArray firstBlob;
    for (auto it = entries.cbegin(); it != entries.cend(); ++it) {
        if (it.key().startsWith("blobs/"))
            firstBlob = it.key();
    }
    QVERIFY(!firstBlob.isEmpty());

    TarBuilder tar;
    if (attack == QLatin1String("dotdot"))
        tar.file("../escaped.txt", "x");
    else if (attack == QLatin1String("absolute"))
        tar.file(m_tmp->filePath(QStringLiteral("escaped.txt")).toUtf8(), "x");
    else if (attack == QLatin1String("symlink"))
        tar.symlink("recording.rec.zst", "/etc/passwd");
    else if (attack == QLatin1String("extra"))
        tar.file("notes.txt", "x");
    else if (attack == QLatin1String("blob"))
        entries[firstBlob] = "not what the name says";
    else if (attack == QLatin1String("recording"))
    {
        QByteArray &recording = entries["recording.rec.zst"];
        recording[recording.size() / 2] = char(recording.at(recording.size() / 2) ^ 0x55);
    }
    else if (attack == QLatin1String("missing-blob"))
        entries.remove(firstBlob);
    else if (attack == QLatin1String("key"))
    {
        // Another key: change its first digit (to one it is not already).
        QByteArray &entry = entries["build-service-cache-entry.json"];
        const int at = entry.indexOf("\"key\":\"") + 7;
        entry[at] = entry.at(at) == '0' ? '1' : '0';
    }
    for (auto it = entries.cbegin(); it != entries.cend(); ++it)
        tar.file(it.key(), it.value());
    QByteArray bytes = tar.tar();
    if (attack == QLatin1String("truncated"))
        bytes.truncate(bytes.size() / 2 / 512 * 512);
    const QString hostile = m_tmp->filePath(QStringLiteral("hostile.tar"));
    QVERIFY(writeFile(hostile, bytes));

    ServerProcess other;
    QVERIFY(other.start(m_tmp->filePath(QStringLiteral("dat2"))));
    const CliResult imported = runCli({QStringLiteral("cache"), QStringLiteral("import"), QStringLiteral("--server"), other.url(), hostile},
                                      m_tmp->path());
    QCOMPARE(imported.exitCode, 125);
    QVERIFY2(imported.err.contains(error), imported.err.constData());
    // Nothing was added, nothing is left over, nothing was written outside the cache.
    RawClient client;
    QVERIFY(client.handshake(other.url()));
    client.send(QJsonObject{{QStringLiteral("type"), QStringLiteral("cache_stats")}});
    QCOMPARE(client.waitFor(QStringLiteral("cache_stats_reply")).value(QLatin1String("entries")).toInt(), 0);
    // Stored outputs are deleted on a worker thread.
    QTRY_VERIFY(!QDirIterator(other.dataDir() + QLatin1String("/cache/blobs"), QDir::Files, QDirIterator::Subdirectories).hasNext());
    QTRY_VERIFY(!QDirIterator(other.dataDir() + QLatin1String("/cache/tmp"), QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot).hasNext());
    QVERIFY(!QFileInfo::exists(m_tmp->filePath(QStringLiteral("escaped.txt"))));
    QVERIFY(!QFileInfo::exists(other.dataDir() + QLatin1String("/cache/escaped.txt")));
    QVERIFY(other.stop());
}

QTEST_GUILESS_MAIN(TestCacheTrust)
#include "tst_cachetrust.moc"
