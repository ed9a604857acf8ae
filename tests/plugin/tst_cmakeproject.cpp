// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: BSD-2-Clause

// Tests a CMake project in a real KDevelop core with the remote runtime: configure and build run
// on a real build-service-server, and the IDE's import reads the mirrored build directory.
#include "serverprocess.h"
#include "testcore.h"

#include <interfaces/icore.h>
#include <interfaces/iplugincontroller.h>
#include <interfaces/iproject.h>
#include <interfaces/iprojectcontroller.h>
#include <interfaces/iruncontroller.h>
#include <interfaces/iruntime.h>
#include <interfaces/iruntimecontroller.h>
#include <outputview/filtereditem.h>
#include <outputview/outputexecutejob.h>
#include <outputview/outputmodel.h>
#include <project/interfaces/ibuildsystemmanager.h>
#include <project/interfaces/iprojectbuilder.h>
#include <project/projectmodel.h>
#include <serialization/indexedstring.h>
#include <shell/core.h>
#include <shell/session.h>
#include <shell/sessioncontroller.h>
#include <shell/shellextension.h>
#include <util/path.h>

#include <KConfigGroup>
#include <KSharedConfig>

#include <QDir>
#include <QPointer>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using namespace BuildService::Test;
using KDevelop::ICore;

namespace {

const QLatin1String ServerName("testserver");
const QLatin1String RuntimeName("Remote: testserver");

QStringList targetNames(KDevelop::ProjectBaseItem *item)
{
    QStringList names;
    const auto targets = item->targetList();
    for (KDevelop::ProjectTargetItem *target : targets)
        names << target->text();
    const auto folders = item->folderList();
    for (KDevelop::ProjectFolderItem *folder : folders)
        names << targetNames(folder);
    return names;
}

QStringList outputLines(KDevelop::OutputModel *model)
{
    QStringList lines;
    for (int row = 0; model && row < model->rowCount(); ++row)
        lines << model->index(row, 0).data().toString();
    return lines;
}

} // namespace

class TestCMakeProject : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void importFindsTargetsAfterRemoteConfigure();
    void mirroredBuildDirectoryPointsAtCheckout();
    void includePathsPointAtCheckout();
    void buildsRemotelyThroughStockBuilder();
    void buildMirrorsConfigurationOnlyWhenCMakeMayRerun();
    void compileErrorBecomesErrorItemWithLocalPath();
    void cleanRunsRemotely();
    void reconfigureRunsRemotelyAndReplacesReplies();
    void ideFilesChangeNeitherUploadNorBuild();
    void freshWorkspaceConfiguresFirstWithTheProjectsGenerator();
    void reconfigureInFreshWorkspaceKeepsTheGenerator();
    void switchingToRemoteRuntimeGivesItsOwnBuildDirectory();

private:
    QString workspace() const;
    void requestFreshWorkspace();
    QStringList buildOutput();
    QString buildDir() const { return m_root + QLatin1String("/build"); }

    QTemporaryDir m_dir;
    ServerProcess m_server;
    QString m_root;
    KDevelop::IProject *m_project = nullptr;
};

void TestCMakeProject::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY(m_server.start(m_dir.filePath(QStringLiteral("server-data"))));

    prepareTestEnvironment({{ServerName, m_server.url()}});

    QVERIFY(startTestCore(QStringLiteral("tst_cmakeproject"), {QStringLiteral("kdevbuildservice"), QStringLiteral("KDevCMakeManager"), QStringLiteral("KDevCMakeBuilder"), QStringLiteral("KDevMakeBuilder"), QStringLiteral("KDevNinjaBuilder"), QStringLiteral("KDevStandardOutputView")}));
    QVERIFY(ICore::self()->pluginController()->loadPlugin(QStringLiteral("kdevbuildservice")));

    // The runtime is chosen before the project opens: switching reloads CMake projects.
    auto *controller = ICore::self()->runtimeController();
    const auto runtimes = controller->availableRuntimes();
    for (KDevelop::IRuntime *runtime : runtimes) {
        if (runtime->name() == RuntimeName)
            controller->setCurrentRuntime(runtime);
    }
    QCOMPARE(controller->currentRuntime()->name(), QString(RuntimeName));

    m_root = m_dir.filePath(QStringLiteral("hello-cmake"));
    QVERIFY(QDir().mkpath(m_root));
    QVERIFY(copyTree(sourcePath(QStringLiteral("examples/hello-cmake")), m_root));
    QVERIFY(writeFile(m_root + QLatin1String("/hello-cmake.kdev4"), "[Project]\nName=hello-cmake\nManager=KDevCMakeManager\n"));
    // The build directory as KDevelop's dialog would store it, so no modal dialog opens.
    const QByteArray projectConfig = "[CMake]\nBuild Directory Count=1\nCurrent Build Directory Index-" + QByteArray(RuntimeName.data())
        + "=0\n\n[CMake][CMake Build Directory 0]\nBuild Directory Path=" + buildDir().toUtf8()
        + "\nBuild Type=Debug\nCMake Executable=/usr/bin/cmake\nExtra Arguments=\nInstall Directory=\nRuntime="
        + QByteArray(RuntimeName.data()) + "\n";
    QVERIFY(writeFile(m_root + QLatin1String("/.kdev4/hello-cmake.kdev4"), projectConfig));

    m_project = openTestProject(m_root + QLatin1String("/hello-cmake.kdev4"), 120000);
    QVERIFY(m_project && m_project->buildSystemManager());
}

void TestCMakeProject::cleanupTestCase()
{
    stopTestCore();
    QVERIFY(m_server.stop());
}

QString TestCMakeProject::workspace() const
{
    const QString id = QString::fromUtf8(readFile(m_root + QLatin1String("/.build-service/workspace-id")).trimmed());
    return id.isEmpty() ? QString() : m_server.workspacePath(id);
}

void TestCMakeProject::importFindsTargetsAfterRemoteConfigure()
{
    QStringList targets = targetNames(m_project->projectItem());
    targets.sort();
    QCOMPARE(targets, (QStringList{QStringLiteral("calc"), QStringLiteral("greeting"), QStringLiteral("greeting_test"),
                                   QStringLiteral("hello")}));
    // CMake ran on the server: the workspace has its full build directory, the checkout only
    // the mirrored configuration (a local configure would have written CMakeFiles/CMakeOutput.log).
    QVERIFY(!workspace().isEmpty());
    QVERIFY(QFileInfo::exists(workspace() + QLatin1String("/build/CMakeFiles/CMakeOutput.log")));
    QVERIFY(!QFileInfo::exists(buildDir() + QLatin1String("/CMakeFiles/CMakeOutput.log")));
    // KDevelop picks the builder by the generator's file it finds locally (Ninja when installed).
    QVERIFY(QFileInfo::exists(buildDir() + QLatin1String("/Makefile")) || QFileInfo::exists(buildDir() + QLatin1String("/build.ninja")));
}

void TestCMakeProject::mirroredBuildDirectoryPointsAtCheckout()
{
    const QByteArray cache = readFile(buildDir() + QLatin1String("/CMakeCache.txt"));
    QVERIFY2(cache.contains("CMAKE_HOME_DIRECTORY:INTERNAL=" + m_root.toUtf8() + '\n'), cache.constData());
    QVERIFY(cache.contains("CMAKE_CACHEFILE_DIR:INTERNAL=" + buildDir().toUtf8() + '\n'));

    const QByteArray commands = readFile(buildDir() + QLatin1String("/compile_commands.json"));
    QVERIFY2(commands.contains(m_root.toUtf8() + "/hello/main.cpp"), commands.constData());
    const QByteArray serverData = m_dir.filePath(QStringLiteral("server-data")).toUtf8();
    QVERIFY(!commands.contains(serverData));

    const QDir replies(buildDir() + QLatin1String("/.cmake/api/v1/reply"));
    const QStringList files = replies.entryList(QDir::Files);
    QVERIFY(!files.isEmpty());
    for (const QString &name : files)
        QVERIFY2(!readFile(replies.filePath(name)).contains(serverData), qPrintable(name));
}

void TestCMakeProject::includePathsPointAtCheckout()
{
    const auto files = m_project->filesForPath(KDevelop::IndexedString(m_root + QLatin1String("/hello/main.cpp")));
    QVERIFY(!files.isEmpty());
    const KDevelop::Path::List includes = m_project->buildSystemManager()->includeDirectories(files.first());
    QVERIFY2(includes.contains(KDevelop::Path(m_root)), qPrintable(KDevelop::Path(m_root).toLocalFile()));
}

void TestCMakeProject::buildsRemotelyThroughStockBuilder()
{
    KJob *job = m_project->buildSystemManager()->builder()->build(m_project->projectItem());
    QVERIFY(job);
    QVERIFY2(job->exec(), qPrintable(job->errorString()));
    QVERIFY(QFileInfo(workspace() + QLatin1String("/build/hello")).isExecutable());
    QVERIFY(!QFileInfo::exists(buildDir() + QLatin1String("/hello")));
}

QStringList TestCMakeProject::buildOutput()
{
    KJob *job = m_project->buildSystemManager()->builder()->build(m_project->projectItem());
    auto *makeJob = qobject_cast<KDevelop::OutputExecuteJob *>(job);
    if (!makeJob)
        return {QStringLiteral("not an OutputExecuteJob")};
    makeJob->setAutoDelete(false);
    makeJob->exec();
    QPointer<KDevelop::OutputModel> model = makeJob->model();
    // The model takes lines in on a worker thread: wait for the client's closing line.
    (void)QTest::qWaitFor([&model] { return !outputLines(model).filter(QStringLiteral("finished with exit code")).isEmpty(); }, 10000); // callers check the lines
    const QStringList lines = outputLines(model);
    delete makeJob;
    return lines;
}

void TestCMakeProject::buildMirrorsConfigurationOnlyWhenCMakeMayRerun()
{
    // Nothing CMake reads changed since the configuration came back: it is not sent again.
    const QStringList unchanged = buildOutput();
    QVERIFY2(!unchanged.filter(QStringLiteral("finished with exit code 0")).isEmpty(), qPrintable(unchanged.join(QLatin1Char('\n'))));
    QVERIFY2(unchanged.filter(QStringLiteral("CMake configuration of build mirrored")).isEmpty(), qPrintable(unchanged.join(QLatin1Char('\n'))));

    // An edited CMakeLists.txt makes the build re-run CMake on the server: the new
    // configuration comes back, and a reply newer than the edit marks it current again.
    const QString lists = m_root + QLatin1String("/CMakeLists.txt");
    QVERIFY(writeFile(lists, readFile(lists) + "# edited\n"));
    const QStringList edited = buildOutput();
    QVERIFY2(!edited.filter(QStringLiteral("CMake configuration of build mirrored")).isEmpty(), qPrintable(edited.join(QLatin1Char('\n'))));
    const QStringList again = buildOutput();
    QVERIFY2(again.filter(QStringLiteral("CMake configuration of build mirrored")).isEmpty(), qPrintable(again.join(QLatin1Char('\n'))));
}

void TestCMakeProject::compileErrorBecomesErrorItemWithLocalPath()
{
    const QString source = m_root + QLatin1String("/hello/main.cpp");
    const QByteArray original = readFile(source);
    QVERIFY(writeFile(source, original + "\nint broken() { return undeclared_symbol; }\n"));

    KJob *job = m_project->buildSystemManager()->builder()->build(m_project->projectItem());
    auto *makeJob = qobject_cast<KDevelop::OutputExecuteJob *>(job);
    QVERIFY2(makeJob, job ? job->metaObject()->className() : "no job");
    makeJob->setAutoDelete(false);
    QVERIFY(!makeJob->exec());
    QPointer<KDevelop::OutputModel> model = makeJob->model();
    QVERIFY(model);

    const auto errorLine = [&model, &source]() -> QString {
        for (int row = 0; model && row < model->rowCount(); ++row) {
            const QModelIndex index = model->index(row, 0);
            if (index.data(KDevelop::OutputModel::OutputItemTypeRole).toInt() == KDevelop::FilteredItem::ErrorItem
                && index.data().toString().contains(QLatin1String("undeclared_symbol")))
                return index.data().toString();
        }
        return QString();
    };
    QTRY_VERIFY_WITH_TIMEOUT(!errorLine().isEmpty(), 10000);
    QVERIFY2(errorLine().startsWith(source + QLatin1Char(':')), qPrintable(errorLine()));
    // The build tool's own failure status came back through the client.
    const QRegularExpression failed(QStringLiteral("finished with exit code [1-9]"));
    QTRY_VERIFY_WITH_TIMEOUT(!outputLines(model).filter(failed).isEmpty(), 10000);
    delete makeJob;
    QVERIFY(writeFile(source, original));
}

void TestCMakeProject::cleanRunsRemotely()
{
    const QString program = workspace() + QLatin1String("/build/greeting_test");
    QVERIFY(QFileInfo::exists(program)); // linked by the first build
    KJob *job = m_project->buildSystemManager()->builder()->clean(m_project->projectItem());
    QVERIFY(job);
    QVERIFY2(job->exec(), qPrintable(job->errorString()));
    QVERIFY(!QFileInfo::exists(program));
    QVERIFY(QFileInfo::exists(workspace() + QLatin1String("/build/CMakeCache.txt"))); // clean keeps the configuration
}

void TestCMakeProject::reconfigureRunsRemotelyAndReplacesReplies()
{
    KDevelop::IProjectBuilder *builder = m_project->buildSystemManager()->builder();
    const QDir replies(buildDir() + QLatin1String("/.cmake/api/v1/reply"));
    const QStringList before = replies.entryList({QStringLiteral("index-*.json")}, QDir::Files);
    QCOMPARE(before.size(), 1);
    QVERIFY(writeFile(buildDir() + QLatin1String("/.cmake/api/v1/reply/target-stale.json"), "{}"));

    KJob *job = builder->configure(m_project);
    QVERIFY(job);
    QVERIFY2(job->exec(), qPrintable(job->errorString()));
    const QStringList after = replies.entryList({QStringLiteral("index-*.json")}, QDir::Files);
    QCOMPARE(after.size(), 1);
    QVERIFY(after != before); // a new reply, written by the server's CMake run
    QVERIFY(!replies.exists(QStringLiteral("target-stale.json")));
    QVERIFY(!QFileInfo::exists(buildDir() + QLatin1String("/CMakeFiles/CMakeOutput.log")));

    // The identical configure again runs again: a replay would hand back the recorded reply and
    // leave the server's build directory as the recording found it.
    KJob *again = builder->configure(m_project);
    QVERIFY(again);
    QVERIFY2(again->exec(), qPrintable(again->errorString()));
    const QStringList third = replies.entryList({QStringLiteral("index-*.json")}, QDir::Files);
    QCOMPARE(third.size(), 1);
    QVERIFY2(third != after, qPrintable(third.join(QLatin1Char(' '))));
}

void TestCMakeProject::ideFilesChangeNeitherUploadNorBuild()
{
    QVERIFY(!buildOutput().filter(QStringLiteral("finished with exit code 0")).isEmpty());
    // What saving a launch configuration or a setting does to the project's files.
    const QString projectConfig = m_root + QLatin1String("/.kdev4/hello-cmake.kdev4");
    QVERIFY(writeFile(projectConfig, readFile(projectConfig) + "\n[Launch]\nLaunch Configurations=\n"));
    QVERIFY(writeFile(m_root + QLatin1String("/hello-cmake.kdev4"), readFile(m_root + QLatin1String("/hello-cmake.kdev4")) + "# saved\n"));
    const QStringList lines = buildOutput();
    QVERIFY2(!lines.filter(QStringLiteral("synced: 0 written,")).isEmpty(), qPrintable(lines.join(QLatin1Char('\n'))));
    QVERIFY(!QFileInfo::exists(workspace() + QLatin1String("/.kdev4")));
    QVERIFY(!QFileInfo::exists(workspace() + QLatin1String("/hello-cmake.kdev4")));
}

void TestCMakeProject::requestFreshWorkspace()
{
    // What ticking "Use a fresh workspace for the next build" on the Remote Build page stores.
    KConfigGroup group = m_project->projectConfiguration()->group("BuildService");
    group.writeEntry("FreshWorkspace", true);
    group.sync();
}

void TestCMakeProject::freshWorkspaceConfiguresFirstWithTheProjectsGenerator()
{
    if (QStandardPaths::findExecutable(QStringLiteral("ninja")).isEmpty())
        QSKIP("needs ninja: the point is a generator other than CMake's default");
    QVERIFY(readFile(buildDir() + QLatin1String("/CMakeCache.txt")).contains("CMAKE_GENERATOR:INTERNAL=Ninja\n"));
    const QString before = workspace();
    requestFreshWorkspace();

    // A build (ninja in the build directory) in a new, empty workspace: the build directory
    // does not exist there, so it is configured first, with the project's generator.
    const QStringList lines = buildOutput();
    QVERIFY2(!lines.filter(QStringLiteral("finished with exit code 0")).isEmpty(), qPrintable(lines.join(QLatin1Char('\n'))));
    QVERIFY(workspace() != before);
    QVERIFY(readFile(workspace() + QLatin1String("/build/CMakeCache.txt")).contains("CMAKE_GENERATOR:INTERNAL=Ninja\n"));
    QVERIFY(QFileInfo::exists(workspace() + QLatin1String("/build/build.ninja")));
    QVERIFY(!QFileInfo::exists(workspace() + QLatin1String("/build/Makefile")));
    QVERIFY(QFileInfo(workspace() + QLatin1String("/build/hello")).isExecutable());
    // The new configuration came back; the setting was a one-shot.
    QVERIFY(readFile(buildDir() + QLatin1String("/CMakeCache.txt")).contains("CMAKE_GENERATOR:INTERNAL=Ninja\n"));
    QVERIFY(!m_project->projectConfiguration()->group("BuildService").readEntry("FreshWorkspace", false));
}

void TestCMakeProject::reconfigureInFreshWorkspaceKeepsTheGenerator()
{
    if (QStandardPaths::findExecutable(QStringLiteral("ninja")).isEmpty())
        QSKIP("needs ninja: the point is a generator other than CMake's default");
    const QString before = workspace();
    requestFreshWorkspace();
    // KDevelop names no generator because the local build directory has a CMakeCache.txt.
    KJob *job = m_project->buildSystemManager()->builder()->configure(m_project);
    QVERIFY(job);
    QVERIFY2(job->exec(), qPrintable(job->errorString()));
    QVERIFY(workspace() != before);
    QVERIFY(QFileInfo::exists(workspace() + QLatin1String("/build/build.ninja")));
    QVERIFY(!QFileInfo::exists(workspace() + QLatin1String("/build/Makefile")));
    QVERIFY(QFileInfo::exists(buildDir() + QLatin1String("/build.ninja")));
    QVERIFY(!QFileInfo::exists(buildDir() + QLatin1String("/Makefile")));
}

void TestCMakeProject::switchingToRemoteRuntimeGivesItsOwnBuildDirectory()
{
    // A project configured locally with the host runtime, as after "open project" in a new IDE.
    // The earlier tests' project may still be reloading (a result for a closed project crashes
    // KDevelop's CMake manager): close it once it is idle.
    QVERIFY(m_project);
    QTRY_VERIFY_WITH_TIMEOUT(m_project->isReady() && ICore::self()->runController()->currentJobs().isEmpty(), 60000);
    ICore::self()->projectController()->closeProject(m_project);
    m_project = nullptr;
    auto *controller = ICore::self()->runtimeController();
    KDevelop::IRuntime *host = controller->availableRuntimes().first();
    KDevelop::IRuntime *remote = controller->currentRuntime();
    controller->setCurrentRuntime(host);

    const QString root = m_dir.filePath(QStringLiteral("switch"));
    QVERIFY(QDir().mkpath(root));
    QVERIFY(copyTree(sourcePath(QStringLiteral("examples/hello-cmake")), root));
    QVERIFY(writeFile(root + QLatin1String("/switch.kdev4"), "[Project]\nName=switch\nManager=KDevCMakeManager\n"));
    const QByteArray hostName = host->name().toUtf8();
    QVERIFY(writeFile(root + QLatin1String("/.kdev4/switch.kdev4"),
                      "[CMake]\nBuild Directory Count=1\nCurrent Build Directory Index-" + hostName
                          + "=0\n\n[CMake][CMake Build Directory 0]\nBuild Directory Path=" + root.toUtf8()
                          + "/build\nBuild Type=Debug\nCMake Executable=/usr/bin/cmake\nExtra Arguments=\nInstall Directory="
                          + root.toUtf8() + "/inst\nRuntime=" + hostName + "\n"));
    auto *project = openTestProject(root + QLatin1String("/switch.kdev4"), 120000);
    QVERIFY(QFileInfo::exists(root + QLatin1String("/build/CMakeFiles/CMakeOutput.log"))); // configured on this machine
    QTRY_VERIFY_WITH_TIMEOUT(ICore::self()->runController()->currentJobs().isEmpty(), 60000);

    // Selecting the remote runtime must not stop at KDevelop's build-directory dialog (the test
    // would hang): the plugin adds a build directory for it, which CMake configures remotely.
    controller->setCurrentRuntime(remote);
    const QString remoteBuild = root + QLatin1String("/build-remote-testserver");
    QTRY_VERIFY_WITH_TIMEOUT(QFileInfo::exists(remoteBuild + QLatin1String("/.cmake/api/v1/reply")), 60000);
    QTRY_VERIFY_WITH_TIMEOUT(ICore::self()->runController()->currentJobs().isEmpty(), 60000);
    QCOMPARE(project->buildSystemManager()->buildDirectory(project->projectItem()).toLocalFile(), remoteBuild);
    QVERIFY(readFile(remoteBuild + QLatin1String("/CMakeCache.txt")).contains("CMAKE_HOME_DIRECTORY:INTERNAL=" + root.toUtf8() + '\n'));
    // The host build directory's install prefix inside the project carries over (mapped back here).
    QVERIFY(readFile(remoteBuild + QLatin1String("/CMakeCache.txt")).contains("CMAKE_INSTALL_PREFIX:PATH=" + root.toUtf8() + "/inst\n"));
    QVERIFY(!QFileInfo::exists(remoteBuild + QLatin1String("/CMakeFiles/CMakeOutput.log")));
    const QString id = QString::fromUtf8(readFile(root + QLatin1String("/.build-service/workspace-id")).trimmed());
    QVERIFY(QFileInfo::exists(m_server.workspacePath(id) + QLatin1String("/build-remote-testserver/CMakeFiles/CMakeOutput.log")));

    // Back on the host, its own build directory is used again.
    controller->setCurrentRuntime(host);
    QTRY_VERIFY_WITH_TIMEOUT(ICore::self()->runController()->currentJobs().isEmpty(), 60000);
    QCOMPARE(project->buildSystemManager()->buildDirectory(project->projectItem()).toLocalFile(), root + QLatin1String("/build"));
    // The switch reloads the project; closing it while that reload still runs would hand
    // KDevelop's CMake manager a result for a project that is gone.
    QTRY_VERIFY_WITH_TIMEOUT(project->isReady() && ICore::self()->runController()->currentJobs().isEmpty(), 60000);
    ICore::self()->projectController()->closeProject(project);
}

QTEST_MAIN(TestCMakeProject)
#include "tst_cmakeproject.moc"
