// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: BSD-2-Clause

// Tests the remote runtime inside a real KDevelop core against a real build-service-server.
#include "rawclient.h"
#include "serverprocess.h"
#include "testcore.h"

#include <interfaces/iplugincontroller.h>
#include <project/interfaces/ibuildsystemmanager.h>
#include <project/interfaces/iprojectbuilder.h>
#include <project/projectmodel.h>
#include <interfaces/iproject.h>
#include <interfaces/iprojectcontroller.h>
#include <interfaces/iruntime.h>
#include <interfaces/iruntimecontroller.h>
#include <outputview/filtereditem.h>
#include <outputview/outputexecutejob.h>
#include <outputview/outputmodel.h>
#include <shell/core.h>
#include <shell/session.h>
#include <shell/sessioncontroller.h>
#include <shell/shellextension.h>

#include <KConfigGroup>
#include <KProcess>
#include <KSharedConfig>

#include <QPointer>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QElapsedTimer>
#include <QTest>

using namespace BuildService::Test;
using KDevelop::ICore;
using KDevelop::IRuntime;

namespace {

const QLatin1String RuntimeName("Remote: testserver");

const QByteArray Makefile =
    "all:\n"
    "\t@echo hello-from-make\n"
    "\t@touch built-marker\n"
    "fail:\n"
    "\t@echo about-to-fail; exit 3\n"
    "greet:\n"
    "\t@echo greeting-from-make\n"
    // The absolute (remote) path makes the compiler print it; the client maps it back.
    "broken:\n"
    "\t@gcc -c $(CURDIR)/src/broken.c -o broken.o\n";

const QByteArray BrokenSource =
    "int answer(void)\n"
    "{\n"
    "    return undeclared_symbol;\n"
    "}\n";

struct ProcessResult {
    bool finished = false;
    int exitCode = -1;
    QByteArray output;
    QStringList program;  ///< what was actually started
};

ProcessResult runThrough(const IRuntime *runtime, const QStringList &argv, const QString &workingDir)
{
    KProcess process;
    process.setProgram(argv);
    process.setWorkingDirectory(workingDir);
    process.setOutputChannelMode(KProcess::MergedChannels);
    runtime->startProcess(&process);
    ProcessResult result;
    result.program = process.program();
    result.finished = process.waitForFinished(120000);
    result.exitCode = process.exitCode();
    result.output = process.readAll();
    return result;
}

} // namespace

class TestRemoteRuntime : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void registersOneRuntimePerConfiguredServer();
    void buildToolInProjectRunsRemotely();
    void remoteExitCodePropagates();
    void compilerProbeStaysLocal();
    void cmakeQueriesStayLocal();
    void buildToolOutsideProjectsStaysLocal();
    void buildToolInProjectReachedThroughSymlinkRunsRemotely();
    void hostRuntimeChangesNothing();
    void compileErrorBecomesErrorItemWithLocalPath();
    void customMakefileProjectBuildsInstallsAndCleansRemotely();
    void buildFreshRunsDespiteTheCache();
    void verifyBuildComparesWithTheRecording();
    void buildPaneShowsReplayFromCache();

private:
    IRuntime *remoteRuntime() const;

    QTemporaryDir m_dir;
    ServerProcess m_server;
    QString m_projectRoot;
    KDevelop::IProject *m_project = nullptr;
};

void TestRemoteRuntime::initTestCase()
{
    // The commands of this suite talk to the test through a counter file outside the workspace, which the
    // sandbox hides (that is tested in tst_sandbox).
    ServerProcess::baseConfig() = QStringLiteral("[sandbox]\nenabled = false\n");
    QVERIFY(m_dir.isValid());
    QVERIFY(m_server.start(m_dir.filePath(QStringLiteral("server-data"))));

    // A configured server replaces the default "localhost" one.
    prepareTestEnvironment({{QStringLiteral("testserver"), m_server.url()}});

    QVERIFY(startTestCore(QStringLiteral("tst_remoteruntime"), {QStringLiteral("kdevbuildservice"), QStringLiteral("KDevGenericManager"), QStringLiteral("KDevCustomMakeManager"), QStringLiteral("KDevMakeBuilder"), QStringLiteral("KDevStandardOutputView")}));
    QVERIFY2(ICore::self()->pluginController()->loadPlugin(QStringLiteral("kdevbuildservice")),
             "the plugin did not load; is it built into " BS_BINARY_DIR "/plugins?");

    m_projectRoot = m_dir.filePath(QStringLiteral("proj"));
    QVERIFY(writeFile(m_projectRoot + QLatin1String("/Makefile"), Makefile));
    QVERIFY(writeFile(m_projectRoot + QLatin1String("/src/broken.c"), BrokenSource));
    QVERIFY(writeFile(m_projectRoot + QLatin1String("/proj.kdev4"),
                      "[Project]\nName=proj\nManager=KDevGenericManager\n"));
    m_project = openTestProject(m_projectRoot + QLatin1String("/proj.kdev4"));
    QVERIFY(m_project);
}

void TestRemoteRuntime::cleanupTestCase()
{
    stopTestCore();
    QVERIFY(m_server.stop());
}

IRuntime *TestRemoteRuntime::remoteRuntime() const
{
    const auto runtimes = ICore::self()->runtimeController()->availableRuntimes();
    for (IRuntime *runtime : runtimes) {
        if (runtime->name() == RuntimeName)
            return runtime;
    }
    return nullptr;
}

void TestRemoteRuntime::registersOneRuntimePerConfiguredServer()
{
    QStringList names;
    const auto runtimes = ICore::self()->runtimeController()->availableRuntimes();
    for (IRuntime *runtime : runtimes)
        names << runtime->name();
    QVERIFY2(names.contains(RuntimeName), qPrintable(names.join(QLatin1String(", "))));
    QVERIFY2(!names.contains(QLatin1String("Remote: localhost")), qPrintable(names.join(QLatin1String(", "))));
    QCOMPARE(names.size(), 2); // the host runtime and ours
}

void TestRemoteRuntime::buildToolInProjectRunsRemotely()
{
    IRuntime *runtime = remoteRuntime();
    QVERIFY(runtime);
    ICore::self()->runtimeController()->setCurrentRuntime(runtime);
    const int workspacesBefore = m_server.workspaceIds().size();

    const ProcessResult result = runThrough(ICore::self()->runtimeController()->currentRuntime(),
                                            {QStringLiteral("make")}, m_projectRoot);
    QVERIFY(result.finished);
    QVERIFY2(result.exitCode == 0, result.output.constData());
    QCOMPARE(result.program.first(), binaryPath("build-service"));
    QVERIFY2(result.output.contains("hello-from-make"), result.output.constData());

    // The marker exists in the server's workspace only, and the checkout remembers the workspace.
    QVERIFY(!QFile::exists(m_projectRoot + QLatin1String("/built-marker")));
    const QStringList workspaces = m_server.workspaceIds();
    QCOMPARE(workspaces.size(), workspacesBefore + 1);
    const QString id = QString::fromUtf8(readFile(m_projectRoot + QLatin1String("/.build-service/workspace-id")).trimmed());
    QVERIFY(workspaces.contains(id));
    QVERIFY(QFile::exists(m_server.workspacePath(id) + QLatin1String("/built-marker")));
}

void TestRemoteRuntime::remoteExitCodePropagates()
{
    IRuntime *runtime = remoteRuntime();
    QVERIFY(runtime);
    const ProcessResult result = runThrough(runtime, {QStringLiteral("make"), QStringLiteral("fail")}, m_projectRoot);
    QVERIFY(result.finished);
    QCOMPARE(result.program.first(), binaryPath("build-service"));
    QVERIFY2(result.output.contains("about-to-fail"), result.output.constData());
    // make reports the failed recipe with its own exit status 2.
    QCOMPARE(result.exitCode, 2);
}

void TestRemoteRuntime::compilerProbeStaysLocal()
{
    IRuntime *runtime = remoteRuntime();
    QVERIFY(runtime);
    const QString compiler = QStandardPaths::findExecutable(QStringLiteral("gcc"));
    if (compiler.isEmpty())
        QSKIP("gcc is not installed");
    const QStringList argv{compiler, QStringLiteral("-xc++"), QStringLiteral("-dM"), QStringLiteral("-E"), QStringLiteral("/dev/null")};
    const ProcessResult result = runThrough(runtime, argv, m_projectRoot);
    QVERIFY(result.finished);
    QCOMPARE(result.program, argv);
    QCOMPARE(result.exitCode, 0);
    QVERIFY(result.output.contains("#define __GNUC__"));
}

void TestRemoteRuntime::cmakeQueriesStayLocal()
{
    IRuntime *runtime = remoteRuntime();
    QVERIFY(runtime);
    const QStringList version{QStringLiteral("cmake"), QStringLiteral("--version")};
    const ProcessResult result = runThrough(runtime, version, m_projectRoot);
    QCOMPARE(result.program, version);
    QVERIFY(result.output.startsWith("cmake version"));

    const QStringList touch{QStringLiteral("cmake"), QStringLiteral("-E"), QStringLiteral("touch"), QStringLiteral("local-touch")};
    const ProcessResult touched = runThrough(runtime, touch, m_projectRoot);
    QCOMPARE(touched.program, touch);
    QCOMPARE(touched.exitCode, 0);
    QVERIFY(QFile::exists(m_projectRoot + QLatin1String("/local-touch")));
}

void TestRemoteRuntime::buildToolOutsideProjectsStaysLocal()
{
    IRuntime *runtime = remoteRuntime();
    QVERIFY(runtime);
    const QString elsewhere = m_dir.filePath(QStringLiteral("not-a-project"));
    QVERIFY(writeFile(elsewhere + QLatin1String("/Makefile"), Makefile));
    const ProcessResult result = runThrough(runtime, {QStringLiteral("make")}, elsewhere);
    QVERIFY(result.finished);
    QCOMPARE(result.program, QStringList{QStringLiteral("make")});
    QCOMPARE(result.exitCode, 0);
    QVERIFY(QFile::exists(elsewhere + QLatin1String("/built-marker")));
}

void TestRemoteRuntime::buildToolInProjectReachedThroughSymlinkRunsRemotely()
{
    IRuntime *runtime = remoteRuntime();
    QVERIFY(runtime);
    // The project is open as m_projectRoot; the process starts in a directory reached
    // through a symbolic link to it.
    const QString link = m_dir.filePath(QStringLiteral("link-to-proj"));
    QVERIFY(QFile::link(m_projectRoot, link));
    QVERIFY(QDir().mkpath(m_projectRoot + QLatin1String("/sub")));
    QVERIFY(writeFile(m_projectRoot + QLatin1String("/sub/Makefile"), "all:\n\t@echo in-sub-$(notdir $(CURDIR))\n"));
    const ProcessResult result = runThrough(runtime, {QStringLiteral("make")}, link + QLatin1String("/sub"));
    QVERIFY(result.finished);
    QCOMPARE(result.program.first(), binaryPath("build-service"));
    QVERIFY2(result.program.contains(m_projectRoot), qPrintable(result.program.join(QLatin1Char(' '))));
    QVERIFY2(result.output.contains("in-sub-sub"), result.output.constData());
    QCOMPARE(result.exitCode, 0);
}

void TestRemoteRuntime::hostRuntimeChangesNothing()
{
    auto *controller = ICore::self()->runtimeController();
    controller->setCurrentRuntime(controller->availableRuntimes().first());
    QVERIFY(controller->currentRuntime() != remoteRuntime());
    const ProcessResult result = runThrough(controller->currentRuntime(), {QStringLiteral("make")}, m_projectRoot);
    QVERIFY(result.finished);
    QCOMPARE(result.program, QStringList{QStringLiteral("make")});
    QCOMPARE(result.exitCode, 0);
    QVERIFY(QFile::exists(m_projectRoot + QLatin1String("/built-marker")));
    QFile::remove(m_projectRoot + QLatin1String("/built-marker"));
}

void TestRemoteRuntime::compileErrorBecomesErrorItemWithLocalPath()
{
    IRuntime *runtime = remoteRuntime();
    QVERIFY(runtime);
    auto *controller = ICore::self()->runtimeController();
    controller->setCurrentRuntime(runtime);

    // The stock job every builder uses, through the current runtime.
    auto *job = new KDevelop::OutputExecuteJob();
    job->setWorkingDirectory(QUrl::fromLocalFile(m_projectRoot));
    *job << QStringLiteral("make") << QStringLiteral("broken");
    job->setFilteringStrategy(KDevelop::OutputModel::CompilerFilter);
    job->setProperties(KDevelop::OutputExecuteJob::DisplayStdout | KDevelop::OutputExecuteJob::DisplayStderr
                       | KDevelop::OutputExecuteJob::IsBuilderHint);
    job->setAutoDelete(false);
    const bool succeeded = job->exec();
    QPointer<KDevelop::OutputModel> model = job->model();
    QVERIFY(!succeeded);
    QVERIFY(model);

    const QString localFile = m_projectRoot + QLatin1String("/src/broken.c");
    auto findError = [&model, &localFile]() -> QString {
        for (int row = 0; row < model->rowCount(); ++row) {
            const QModelIndex index = model->index(row, 0);
            const QString line = index.data(Qt::DisplayRole).toString();
            if (index.data(KDevelop::OutputModel::OutputItemTypeRole).toInt() == KDevelop::FilteredItem::ErrorItem
                && line.contains(QLatin1String("undeclared_symbol")))
                return line;
        }
        return QString();
    };
    // The model parses lines on a worker thread.
    QTRY_VERIFY_WITH_TIMEOUT(!findError().isEmpty(), 10000);
    const QString errorLine = findError();
    QVERIFY2(errorLine.startsWith(localFile + QLatin1String(":3:")), qPrintable(errorLine));
    // The client's own summary proves the build ran remotely.
    bool summarySeen = false;
    for (int row = 0; row < model->rowCount(); ++row)
        summarySeen = summarySeen || model->index(row, 0).data().toString().contains(QLatin1String("finished with exit code 2"));
    QVERIFY(summarySeen);
    // The Build pane also shows what happened before the remote output: workspace and sync.
    QStringList lines;
    for (int row = 0; row < model->rowCount(); ++row)
        lines << model->index(row, 0).data().toString();
    QVERIFY2(!lines.filter(QRegularExpression(QStringLiteral("^build-service: (reusing|new) workspace ws_"))).isEmpty(),
             qPrintable(lines.join(QLatin1Char('\n'))));
    QVERIFY(!lines.filter(QRegularExpression(QStringLiteral("^build-service: synced: \\d+ written, \\d+ unchanged, \\d+ deleted"))).isEmpty());
    // The first line says what runs where, short; KDevelop's "<dir>> <long CLI call>" follows it.
    QCOMPARE(lines.value(0), QStringLiteral("remote build on %1: make broken").arg(m_server.url()));
    QVERIFY2(lines.value(1).contains(QLatin1String("build-service build")), qPrintable(lines.join(QLatin1Char('\n'))));
    delete job;
    controller->setCurrentRuntime(controller->availableRuntimes().first());
}

void TestRemoteRuntime::customMakefileProjectBuildsInstallsAndCleansRemotely()
{
    IRuntime *runtime = remoteRuntime();
    QVERIFY(runtime);
    auto *controller = ICore::self()->runtimeController();
    controller->setCurrentRuntime(runtime);

    const QString root = m_dir.filePath(QStringLiteral("hello-make"));
    QVERIFY(QDir().mkpath(root));
    QVERIFY(copyTree(sourcePath(QStringLiteral("examples/hello-make")), root));
    QVERIFY(writeFile(root + QLatin1String("/hello-make.kdev4"),
                      "[Project]\nName=hello-make\nManager=KDevCustomMakeManager\n"));
    auto *project = openTestProject(root + QLatin1String("/hello-make.kdev4"));
    QVERIFY(project && project->buildSystemManager());

    const int workspacesBefore = m_server.workspaceIds().size();
    KJob *job = project->buildSystemManager()->builder()->build(project->projectItem());
    QVERIFY(job);
    QVERIFY2(job->exec(), qPrintable(job->errorString()));

    // The program was linked in the workspace, not in the checkout.
    QVERIFY(!QFile::exists(root + QLatin1String("/app")));
    QCOMPARE(m_server.workspaceIds().size(), workspacesBefore + 1);
    const QString id = QString::fromUtf8(readFile(root + QLatin1String("/.build-service/workspace-id")).trimmed());
    QVERIFY(!id.isEmpty());
    QVERIFY(QFileInfo(m_server.workspacePath(id) + QLatin1String("/app")).isExecutable());

    // The same checkout built from a terminal uses the IDE's workspace.
    const CliResult fromTerminal = runCli({QStringLiteral("build"), QStringLiteral("--server"), m_server.url(),
                                           QStringLiteral("--"), QStringLiteral("test -x app")}, root);
    QVERIFY2(fromTerminal.exitCode == 0, fromTerminal.err.constData());
    QVERIFY2(fromTerminal.err.contains("reusing workspace " + id.toUtf8()), fromTerminal.err.constData());

    // Install, with a staging path inside the checkout: it names the workspace's copy remotely.
    KJob *install = project->buildSystemManager()->builder()->install(project->projectItem(),
                                                                       QUrl::fromLocalFile(root + QLatin1String("/stage")));
    QVERIFY(install);
    QVERIFY2(install->exec(), qPrintable(install->errorString()));
    QVERIFY(QFileInfo(m_server.workspacePath(id) + QLatin1String("/stage/usr/local/bin/app")).isExecutable());
    QVERIFY(!QFileInfo::exists(root + QLatin1String("/stage")));

    // Clean removes the remote build outputs.
    KJob *clean = project->buildSystemManager()->builder()->clean(project->projectItem());
    QVERIFY(clean);
    QVERIFY2(clean->exec(), qPrintable(clean->errorString()));
    QVERIFY(!QFileInfo::exists(m_server.workspacePath(id) + QLatin1String("/app")));

    ICore::self()->projectController()->closeProject(project);
    controller->setCurrentRuntime(controller->availableRuntimes().first());
}

void TestRemoteRuntime::buildFreshRunsDespiteTheCache()
{
    IRuntime *runtime = remoteRuntime();
    QVERIFY(runtime);
    auto *controller = ICore::self()->runtimeController();
    controller->setCurrentRuntime(runtime);

    // Each live run of this Makefile appends a line to a file outside every workspace; the
    // workspace keeps only its sources, so an identical build is answered from the cache.
    const QString root = m_dir.filePath(QStringLiteral("fresh"));
    const QString counter = m_dir.filePath(QStringLiteral("fresh-runs.txt"));
    QVERIFY(writeFile(root + QLatin1String("/Makefile"), ".PHONY: all\nall:\n\t@echo run >> " + counter.toUtf8() + "\n"));
    QVERIFY(writeFile(root + QLatin1String("/fresh.kdev4"), "[Project]\nName=fresh\nManager=KDevCustomMakeManager\n"));
    auto *project = openTestProject(root + QLatin1String("/fresh.kdev4"));
    QVERIFY(project && project->buildSystemManager());
    const auto build = [project] {
        KJob *job = project->buildSystemManager()->builder()->build(project->projectItem());
        return job && job->exec();
    };
    const auto runs = [counter] { return readFile(counter).count('\n'); };

    QVERIFY(build());
    QCOMPARE(runs(), 1);
    QVERIFY(build()); // identical: answered from the server's build cache
    QCOMPARE(runs(), 1);

    KDevelop::IPlugin *plugin = ICore::self()->pluginController()->loadPlugin(QStringLiteral("kdevbuildservice"));
    QVERIFY(plugin);
    KJob *fresh = nullptr;
    QVERIFY(QMetaObject::invokeMethod(plugin, "buildFresh", Q_RETURN_ARG(KJob *, fresh), Q_ARG(KDevelop::IProject *, project)));
    QVERIFY(fresh);
    QSignalSpy done(fresh, &KJob::finished);
    QVERIFY(done.wait(60000));
    QCOMPARE(fresh->error(), 0);
    QCOMPARE(runs(), 2);
    // Only that build was fresh: the next one is a replay again.
    QVERIFY(build());
    QCOMPARE(runs(), 2);

    ICore::self()->projectController()->closeProject(project);
    controller->setCurrentRuntime(controller->availableRuntimes().first());
}

void TestRemoteRuntime::verifyBuildComparesWithTheRecording()
{
    IRuntime *runtime = remoteRuntime();
    QVERIFY(runtime);
    auto *controller = ICore::self()->runtimeController();
    controller->setCurrentRuntime(runtime);
    const QString root = m_dir.filePath(QStringLiteral("verify"));
    QVERIFY(writeFile(root + QLatin1String("/Makefile"), ".PHONY: all\nall:\n\t@echo the same every time\n"));
    QVERIFY(writeFile(root + QLatin1String("/verify.kdev4"), "[Project]\nName=verify\nManager=KDevCustomMakeManager\n"));
    auto *project = openTestProject(root + QLatin1String("/verify.kdev4"));
    QVERIFY(project && project->buildSystemManager());
    KJob *first = project->buildSystemManager()->builder()->build(project->projectItem());
    QVERIFY(first && first->exec());
    const auto verified = [this] {
        RawClient client;
        client.handshake(m_server.url());
        client.send(QJsonObject{{QStringLiteral("type"), QStringLiteral("cache_stats")}});
        return client.waitFor(QStringLiteral("cache_stats_reply")).value(QLatin1String("misses_by_reason")).toObject()
            .value(QLatin1String("verify_requested")).toInt();
    };
    QCOMPARE(verified(), 0);

    KDevelop::IPlugin *plugin = ICore::self()->pluginController()->loadPlugin(QStringLiteral("kdevbuildservice"));
    QVERIFY(plugin);
    KJob *verify = nullptr;
    QVERIFY(QMetaObject::invokeMethod(plugin, "verifyBuild", Q_RETURN_ARG(KJob *, verify), Q_ARG(KDevelop::IProject *, project)));
    QVERIFY(verify);
    QSignalSpy done(verify, &KJob::finished);
    QVERIFY(done.wait(60000));
    QCOMPARE(verify->error(), 0);
    QCOMPARE(verified(), 1);
    ICore::self()->projectController()->closeProject(project);
    controller->setCurrentRuntime(controller->availableRuntimes().first());
}

void TestRemoteRuntime::buildPaneShowsReplayFromCache()
{
    IRuntime *runtime = remoteRuntime();
    QVERIFY(runtime);
    auto *controller = ICore::self()->runtimeController();
    controller->setCurrentRuntime(runtime);
    // Twice the same build through the stock job: the second is answered from the cache, and
    // the Build pane must say so, with the date of the recorded build.
    const auto runMake = [this]() -> QStringList {
        auto *job = new KDevelop::OutputExecuteJob();
        job->setWorkingDirectory(QUrl::fromLocalFile(m_projectRoot));
        *job << QStringLiteral("make") << QStringLiteral("greet");
        job->setProperties(KDevelop::OutputExecuteJob::DisplayStdout | KDevelop::OutputExecuteJob::DisplayStderr
                           | KDevelop::OutputExecuteJob::IsBuilderHint);
        job->setAutoDelete(false);
        job->exec();
        QStringList lines;
        // The model takes the lines in on a worker thread: wait for the client's last line.
        QElapsedTimer waited;
        waited.start();
        while (waited.elapsed() < 10000) {
            lines.clear();
            if (KDevelop::OutputModel *model = job->model()) {
                for (int row = 0; row < model->rowCount(); ++row)
                    lines << model->index(row, 0).data().toString();
            }
            if (!lines.filter(QStringLiteral("finished with exit code")).isEmpty())
                break;
            QTest::qWait(20);
        }
        delete job;
        return lines;
    };
    const QStringList live = runMake();
    QVERIFY2(live.filter(QStringLiteral("greeting-from-make")).size() == 1, qPrintable(live.join(QLatin1Char('\n'))));
    QVERIFY(live.filter(QStringLiteral("replayed from cache")).isEmpty());
    const QStringList replayed = runMake();
    QVERIFY2(replayed.filter(QStringLiteral("greeting-from-make")).size() == 1, qPrintable(replayed.join(QLatin1Char('\n'))));
    // The notice comes before the replayed output.
    const auto lineOf = [&replayed](const QString &text) {
        for (int i = 0; i < replayed.size(); ++i) {
            if (replayed[i].contains(text))
                return i;
        }
        return -1;
    };
    QVERIFY2(lineOf(QStringLiteral("replaying from cache")) >= 0
                 && lineOf(QStringLiteral("replaying from cache")) < lineOf(QStringLiteral("greeting-from-make")),
             qPrintable(replayed.join(QLatin1Char('\n'))));
    const QStringList notice = replayed.filter(QStringLiteral("replayed from cache: build of "));
    QCOMPARE(notice.size(), 1);
    // "build of yyyy-MM-dd hh:mm": when the replayed build originally ran.
    QVERIFY2(notice.first().contains(QDateTime::currentDateTime().toString(QStringLiteral("yyyy-MM-dd"))), qPrintable(notice.first()));
    controller->setCurrentRuntime(controller->availableRuntimes().first());
}

QTEST_MAIN(TestRemoteRuntime)
#include "tst_remoteruntime.moc"
