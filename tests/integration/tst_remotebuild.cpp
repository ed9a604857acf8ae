// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: BSD-2-Clause

// End-to-end: real server process, real CLI, real cmake/g++ on the example project.
#include "serverprocess.h"

#include <QDirIterator>
#include <QFileInfo>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace BuildService::Test;

class TestRemoteBuild : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void firstBuildCreatesWorkspaceAndIdFile();
    void secondBuildReusesWorkspaceAndRecompilesNothing();
    void editedFileIsTheOnlyOneRecompiled();
    void deletedAndRenamedFilesDisappearOnServer();
    void syncedLineNamesUploadAndApplyTimesApart();
    void unknownWorkspaceIdGetsNewIdWritten();
    void exitCodesAreForwarded_data();
    void exitCodesAreForwarded();
    void deathBySignalIsReported();
    void stdoutAndStderrKeepTheirOrder();
    void compileErrorPointsAtLocalFile();
    void artifactsComeBackIntoCheckout();
    void cmakeBuildDirIsMirroredWithLocalPaths();
    void progressBecomesPlainLinesWithoutTerminal();
    void temporaryBuildDirWhenTtlIsZero();
    void statusAndWorkspacesCommands();

private:
    CliResult build(const QStringList &command, const QStringList &extra = {});
    QString workspaceId() const;
    QHash<QString, qint64> objectTimes(const QString &wsPath) const;

    std::unique_ptr<QTemporaryDir> m_tmp;
    std::unique_ptr<ServerProcess> m_server;
    QString m_checkout;
};

static const QStringList s_cmakeBuild{QStringLiteral("cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null && cmake --build build -- -j2")};

void TestRemoteBuild::init()
{
    m_tmp = std::make_unique<QTemporaryDir>();
    QVERIFY(m_tmp->isValid());
    m_checkout = m_tmp->filePath(QStringLiteral("checkout"));
    QVERIFY(QDir().mkpath(m_checkout));
    QVERIFY(copyTree(sourcePath(QStringLiteral("examples/hello-cmake")), m_checkout));
    m_server = std::make_unique<ServerProcess>();
    QVERIFY2(m_server->start(m_tmp->filePath(QStringLiteral("data"))), m_server->standardError().constData());
}

void TestRemoteBuild::cleanup()
{
    if (m_server)
        QVERIFY2(m_server->stop(), "server did not exit cleanly on SIGTERM");
    m_server.reset();
    m_tmp.reset();
}

CliResult TestRemoteBuild::build(const QStringList &command, const QStringList &extra)
{
    QStringList args{QStringLiteral("build"), QStringLiteral("--server"), m_server->url()};
    args << extra << QStringLiteral("--") << command;
    return runCli(args, m_checkout);
}

QString TestRemoteBuild::workspaceId() const
{
    return QString::fromUtf8(readFile(m_checkout + QLatin1String("/.build-service/workspace-id"))).trimmed();
}

QHash<QString, qint64> TestRemoteBuild::objectTimes(const QString &wsPath) const
{
    QHash<QString, qint64> times;
    QDirIterator it(wsPath + QLatin1String("/build"), {QStringLiteral("*.o")}, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        times.insert(it.filePath().mid(wsPath.size() + 1), it.fileInfo().lastModified().toMSecsSinceEpoch());
    }
    return times;
}

void TestRemoteBuild::firstBuildCreatesWorkspaceAndIdFile()
{
    const CliResult r = build(s_cmakeBuild);
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QString id = workspaceId();
    QVERIFY2(id.startsWith(QLatin1String("ws_")), qPrintable(id));
    QCOMPARE(m_server->workspaceIds(), QStringList{id});
    QVERIFY(QFileInfo::exists(m_server->workspacePath(id) + QLatin1String("/build/hello")));
    QVERIFY(QFileInfo::exists(m_server->dataDir() + QLatin1String("/workspace-meta/") + id + QLatin1String("/file-list.txt")));
    // The id folder ignores itself so that it is never uploaded or committed.
    QCOMPARE(readFile(m_checkout + QLatin1String("/.build-service/.gitignore")), QByteArray("*\n"));
    QVERIFY(r.err.contains("new workspace"));
    QVERIFY(!QFileInfo::exists(m_server->workspacePath(id) + QLatin1String("/.build-service")));
}

void TestRemoteBuild::secondBuildReusesWorkspaceAndRecompilesNothing()
{
    QCOMPARE(build(s_cmakeBuild).exitCode, 0);
    const QString id = workspaceId();
    const auto before = objectTimes(m_server->workspacePath(id));
    QVERIFY(before.size() >= 5);
    // The command must really run to show that it recompiles nothing; an identical request
    // would otherwise be replayed from the build cache (tst_buildcache covers that).
    const CliResult r = build(s_cmakeBuild, {QStringLiteral("--no-cache")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QCOMPARE(workspaceId(), id);
    QVERIFY(r.err.contains("reusing workspace " + id.toUtf8()));
    QCOMPARE(objectTimes(m_server->workspacePath(id)), before);
    QVERIFY2(!r.out.contains("Building CXX object"), r.out.constData());
}

void TestRemoteBuild::editedFileIsTheOnlyOneRecompiled()
{
    QCOMPARE(build(s_cmakeBuild).exitCode, 0);
    const QString id = workspaceId();
    const auto before = objectTimes(m_server->workspacePath(id));
    const QString file = m_checkout + QLatin1String("/calc/calculator.cpp");
    QVERIFY(writeFile(file, readFile(file) + "\n// edited\n"));
    const CliResult r = build(s_cmakeBuild);
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const auto after = objectTimes(m_server->workspacePath(id));
    QStringList changed;
    for (auto it = after.cbegin(); it != after.cend(); ++it) {
        if (before.value(it.key()) != it.value())
            changed << it.key();
    }
    QCOMPARE(changed, QStringList{QStringLiteral("build/CMakeFiles/calc.dir/calc/calculator.cpp.o")});
    QVERIFY(r.err.contains("synced: 1 written"));
}

void TestRemoteBuild::syncedLineNamesUploadAndApplyTimesApart()
{
    // The server's duration_ms covers only applying the upload; the transfer is the client's
    // own measurement. Each number is labelled with what it measures.
    const QRegularExpression line(QStringLiteral(
        "synced: (\\d+) written, (\\d+) unchanged, (\\d+) deleted \\((\\d+(?:\\.\\d+)? [KMG]?B) uploaded in (\\d+\\.\\d) s, "
        "(whole tree|changes only); applied on the server in (\\d+) ms\\)"));
    const CliResult first = build({QStringLiteral("true")});
    QVERIFY2(first.exitCode == 0, first.err.constData());
    QRegularExpressionMatch m = line.match(QString::fromUtf8(first.err));
    QVERIFY2(m.hasMatch(), first.err.constData());
    QCOMPARE(m.captured(6), QStringLiteral("whole tree"));
    QVERIFY(m.captured(1).toInt() > 0);

    QVERIFY(writeFile(m_checkout + QLatin1String("/extra.txt"), "extra\n"));
    const CliResult second = build({QStringLiteral("true")});
    QVERIFY2(second.exitCode == 0, second.err.constData());
    m = line.match(QString::fromUtf8(second.err));
    QVERIFY2(m.hasMatch(), second.err.constData());
    QCOMPARE(m.captured(1), QStringLiteral("1"));
    QCOMPARE(m.captured(6), QStringLiteral("changes only"));
    // The old label put the apply time where the upload time belongs: "deleted in N ms".
    QVERIFY2(!second.err.contains("deleted in "), second.err.constData());
}

void TestRemoteBuild::deletedAndRenamedFilesDisappearOnServer()
{
    QVERIFY(writeFile(m_checkout + QLatin1String("/notes/old.txt"), "old\n"));
    QVERIFY(writeFile(m_checkout + QLatin1String("/extra.txt"), "extra\n"));
    QCOMPARE(build({QStringLiteral("true")}).exitCode, 0);
    const QString ws = m_server->workspacePath(workspaceId());
    QVERIFY(QFileInfo::exists(ws + QLatin1String("/notes/old.txt")));
    QVERIFY(QFile::rename(m_checkout + QLatin1String("/notes/old.txt"), m_checkout + QLatin1String("/notes/new.txt")));
    QVERIFY(QFile::remove(m_checkout + QLatin1String("/extra.txt")));
    const CliResult r = build({QStringLiteral("ls notes; test ! -e extra.txt")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY(!QFileInfo::exists(ws + QLatin1String("/notes/old.txt")));
    QVERIFY(!QFileInfo::exists(ws + QLatin1String("/extra.txt")));
    QCOMPARE(readFile(ws + QLatin1String("/notes/new.txt")), QByteArray("old\n"));
    QCOMPARE(r.out, QByteArray("new.txt\n"));
    QVERIFY(r.err.contains("2 deleted") || r.err.contains("deleted"));
}

void TestRemoteBuild::unknownWorkspaceIdGetsNewIdWritten()
{
    const QString bogus = QStringLiteral("ws_00000000-0000-4000-8000-000000000000");
    QVERIFY(writeFile(m_checkout + QLatin1String("/.build-service/workspace-id"), bogus.toUtf8() + '\n'));
    const CliResult r = build({QStringLiteral("true")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QString id = workspaceId();
    QVERIFY(id != bogus);
    QVERIFY(id.startsWith(QLatin1String("ws_")));
    QVERIFY2(r.err.contains("no longer knows the previous one"), r.err.constData());
    QCOMPARE(m_server->workspaceIds(), QStringList{id});
}

void TestRemoteBuild::exitCodesAreForwarded_data()
{
    QTest::addColumn<QString>("command");
    QTest::addColumn<int>("code");
    QTest::newRow("0") << QStringLiteral("exit 0") << 0;
    QTest::newRow("1") << QStringLiteral("false") << 1;
    QTest::newRow("42") << QStringLiteral("exit 42") << 42;
}

void TestRemoteBuild::exitCodesAreForwarded()
{
    QFETCH(QString, command);
    QFETCH(int, code);
    const CliResult r = build({command});
    QCOMPARE(r.exitCode, code);
    QVERIFY(r.err.contains(QStringLiteral("finished with exit code %1").arg(code).toUtf8()));
}

void TestRemoteBuild::deathBySignalIsReported()
{
    const CliResult r = build({QStringLiteral("kill -SEGV $$")});
    QCOMPARE(r.exitCode, 128 + 11);
    QVERIFY2(r.err.contains("killed by signal 11"), r.err.constData());
}

void TestRemoteBuild::stdoutAndStderrKeepTheirOrder()
{
    // Each line waits a little so the server reads the streams in the order they were written.
    const CliResult r = build({QStringLiteral("for i in 1 2 3; do echo out$i; sleep 0.05; echo err$i >&2; sleep 0.05; done")},
                              {QStringLiteral("--quiet")});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.out, QByteArray("out1\nout2\nout3\n"));
    QCOMPARE(r.err, QByteArray("err1\nerr2\nerr3\n"));

    // Same stream order through one merged pipe: run the CLI with stderr joined into stdout.
    QProcess process;
    process.setWorkingDirectory(m_checkout);
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.setStandardInputFile(QProcess::nullDevice());
    process.start(binaryPath("build-service"),
                  {QStringLiteral("build"), QStringLiteral("-q"), QStringLiteral("--server"), m_server->url(), QStringLiteral("--"),
                   QStringLiteral("for i in 1 2 3; do echo out$i; sleep 0.05; echo err$i >&2; sleep 0.05; done")});
    QVERIFY(process.waitForFinished(60000));
    QCOMPARE(process.readAll(), QByteArray("out1\nerr1\nout2\nerr2\nout3\nerr3\n"));
}

void TestRemoteBuild::compileErrorPointsAtLocalFile()
{
    QVERIFY(writeFile(m_checkout + QLatin1String("/hello/main.cpp"), "int main() { return undefined_symbol; }\n"));
    const CliResult r = build(s_cmakeBuild);
    QVERIFY(r.exitCode != 0);
    const QByteArray expected = m_checkout.toUtf8() + "/hello/main.cpp:1:";
    QVERIFY2(r.err.contains(expected) || r.out.contains(expected), QByteArray(r.out + r.err).constData());
    QVERIFY(!r.err.contains(m_server->dataDir().toUtf8()));
}

void TestRemoteBuild::artifactsComeBackIntoCheckout()
{
    const CliResult r = build(s_cmakeBuild, {QStringLiteral("--artifacts"), QStringLiteral("build/hello"),
                                             QStringLiteral("--artifacts"), QStringLiteral("build/calc")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QFileInfo hello(m_checkout + QLatin1String("/build/hello"));
    QVERIFY(hello.exists());
    QVERIFY(hello.isExecutable());
    QProcess run;
    run.start(hello.filePath(), QStringList());
    QVERIFY(run.waitForFinished(10000));
    QCOMPARE(run.exitCode(), 0);
    QVERIFY(!run.readAllStandardOutput().isEmpty());
    QVERIFY(QFileInfo::exists(m_checkout + QLatin1String("/build/calc")));
    QVERIFY(r.err.contains("artifacts: 2 file(s)"));
}

void TestRemoteBuild::cmakeBuildDirIsMirroredWithLocalPaths()
{
    // The build directory is not ignored here, and holds a configuration made elsewhere: if it
    // were uploaded, the server's CMake would refuse the foreign CMakeCache.txt.
    QVERIFY(writeFile(m_checkout + QLatin1String("/.gitignore"), QByteArray()));
    QVERIFY(writeFile(m_checkout + QLatin1String("/build/CMakeCache.txt"),
                      "CMAKE_CACHEFILE_DIR:INTERNAL=/somewhere/else/build\nCMAKE_HOME_DIRECTORY:INTERNAL=/somewhere/else\n"));
    QVERIFY(writeFile(m_checkout + QLatin1String("/build/.cmake/api/v1/query/client-test/query.json"),
                      R"({"requests": [{"kind": "codemodel", "version": 2}]})"));
    const CliResult r = build({QStringLiteral("cmake -S . -B build -DCMAKE_EXPORT_COMPILE_COMMANDS=ON && cmake --build build --target hello")},
                              {QStringLiteral("--cmake-build-dir"), QStringLiteral("build"), QStringLiteral("-a"), QStringLiteral("build/hello")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QString remote = m_server->workspacePath(workspaceId());
    QVERIFY(readFile(remote + QLatin1String("/build/CMakeCache.txt")).contains("CMAKE_HOME_DIRECTORY:INTERNAL=" + remote.toUtf8() + '\n'));

    const QByteArray local = m_checkout.toUtf8();
    QVERIFY(readFile(m_checkout + QLatin1String("/build/CMakeCache.txt")).contains("CMAKE_HOME_DIRECTORY:INTERNAL=" + local + '\n'));
    QVERIFY(readFile(m_checkout + QLatin1String("/build/compile_commands.json")).contains(local + "/hello/main.cpp"));
    QVERIFY(QFileInfo::exists(m_checkout + QLatin1String("/build/Makefile")));
    // The query written locally was answered by the server's CMake.
    const QStringList indexes = QDir(m_checkout + QLatin1String("/build/.cmake/api/v1/reply")).entryList({QStringLiteral("index-*.json")});
    QCOMPARE(indexes.size(), 1);
    QVERIFY(readFile(m_checkout + QLatin1String("/build/.cmake/api/v1/reply/") + indexes.first()).contains("client-test"));
    QVERIFY2(r.err.contains("CMake configuration of build mirrored into the checkout"), r.err.constData());
    QVERIFY(r.err.contains("artifacts: 1 file(s) written into the checkout")); // build/hello, asked for with -a
    // Only the configuration came back, not CMake's internals.
    QVERIFY(!QFileInfo::exists(m_checkout + QLatin1String("/build/CMakeFiles")));

    // A build directory outside the checkout is refused before anything is sent.
    const CliResult outside = build({QStringLiteral("true")}, {QStringLiteral("--cmake-build-dir"), QStringLiteral("../elsewhere")});
    QCOMPARE(outside.exitCode, 2);
    QVERIFY2(outside.err.contains("must lie inside the checkout"), outside.err.constData());

    // A later build without the mirror (e.g. running a program) must not upload the local
    // copies over the server's configuration, or the next CMake run would refuse it.
    const CliResult plain = build({QStringLiteral("cmake --build build")});
    QVERIFY2(plain.exitCode == 0, plain.err.constData());
    QVERIFY(readFile(remote + QLatin1String("/build/CMakeCache.txt")).contains("CMAKE_HOME_DIRECTORY:INTERNAL=" + remote.toUtf8() + '\n'));
}

void TestRemoteBuild::progressBecomesPlainLinesWithoutTerminal()
{
    // stderr is a pipe here, as in an IDE's build pane: progress must arrive as whole lines.
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("BUILD_SERVICE_PROGRESS_MS"), QStringLiteral("0"));
    const CliResult r = runCli({QStringLiteral("build"), QStringLiteral("--server"), m_server->url(), QStringLiteral("--"),
                                QStringLiteral("true")}, m_checkout, 180000, env);
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY2(r.err.contains("build-service: packing "), r.err.constData());
    QVERIFY(r.err.contains("build-service: uploading: "));
    QVERIFY(!r.err.contains('\r')); // no terminal redraws
    // By default short work prints no progress at all, only the summaries.
    const CliResult quiet = build({QStringLiteral("true")});
    QVERIFY(!quiet.err.contains("uploading: "));
    QVERIFY(quiet.err.contains("synced: "));
}

void TestRemoteBuild::temporaryBuildDirWhenTtlIsZero()
{
    QVERIFY(m_server->stop());
    m_server = std::make_unique<ServerProcess>();
    QVERIFY(m_server->start(m_tmp->filePath(QStringLiteral("data0")), QStringLiteral("[build]\nworkspace_ttl_sec = 0\n")));
    const CliResult r = build({QStringLiteral("pwd; touch built.txt")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY(r.err.contains("temporary directory"));
    QVERIFY(m_server->workspaceIds().isEmpty());
    // The server removes the temporary directory once the build is over, which may be just
    // after the client has its exit event.
    QTRY_VERIFY(QDir(m_server->dataDir() + QLatin1String("/workspaces/builds")).entryList(QDir::NoDotAndDotDot | QDir::AllEntries).isEmpty());
    QVERIFY(workspaceId().isEmpty());
}

void TestRemoteBuild::statusAndWorkspacesCommands()
{
    QCOMPARE(build({QStringLiteral("true")}).exitCode, 0);
    const CliResult status = runCli({QStringLiteral("status"), QStringLiteral("--server"), m_server->url()}, m_checkout);
    QCOMPARE(status.exitCode, 0);
    QVERIFY2(status.out.contains("workspaces:        1"), status.out.constData());
    const CliResult list = runCli({QStringLiteral("workspaces"), QStringLiteral("--server"), m_server->url()}, m_checkout);
    QCOMPARE(list.exitCode, 0);
    QVERIFY(list.out.contains(workspaceId().toUtf8()));
    const CliResult json = runCli({QStringLiteral("workspaces"), QStringLiteral("--json"), QStringLiteral("--server"), m_server->url()}, m_checkout);
    QVERIFY(json.out.contains("\"workspaces\""));
    const CliResult down = runCli({QStringLiteral("status"), QStringLiteral("--server"), QStringLiteral("ws://127.0.0.1:1")}, m_checkout);
    QCOMPARE(down.exitCode, 125);
    QVERIFY2(down.err.contains("Is the server running?"), down.err.constData());
}

QTEST_GUILESS_MAIN(TestRemoteBuild)
#include "tst_remotebuild.moc"
