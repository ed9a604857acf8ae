// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: BSD-2-Clause

// Tests the "Remote Command (Build Server)" run configuration in a real KDevelop core and server.
#include "launcher/remotelaunchcommand.h"
#include "launcher/remotelaunchsettings.h"
#include "rawclient.h"
#include "serverprocess.h"
#include "testcore.h"

#include <project/interfaces/ibuildsystemmanager.h>
#include <project/interfaces/iprojectbuilder.h>
#include <project/projectmodel.h>

#include <interfaces/ilaunchconfiguration.h>
#include <interfaces/ilauncher.h>
#include <interfaces/iplugincontroller.h>
#include <interfaces/iproject.h>
#include <interfaces/iprojectcontroller.h>
#include <interfaces/iruncontroller.h>
#include <interfaces/iruntime.h>
#include <interfaces/iruntimecontroller.h>
#include <interfaces/launchconfigurationpage.h>
#include <interfaces/launchconfigurationtype.h>
#include <outputview/outputexecutejob.h>
#include <outputview/outputmodel.h>
#include <shell/core.h>
#include <shell/session.h>
#include <shell/shellextension.h>

#include <KConfig>
#include <KConfigGroup>
#include <KSharedConfig>

#include <QLineEdit>
#include <QPointer>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

#include <memory>

using namespace BuildService::Test;
using BuildService::Plugin::RemoteLaunchCommand;
using BuildService::Plugin::RemoteLaunchSettings;
using KDevelop::ICore;

namespace {

const QLatin1String TypeId("BuildService Remote Command");
const QLatin1String LauncherId("buildServiceRemoteCommand");
// Sorted before "testserver", so it is the first configured server; nothing listens there.
const QLatin1String UnreachableUrl("ws://127.0.0.1:9");

// What a finished launch left behind (the job deletes itself; its model stays with the Run view).
struct LaunchResult {
    bool finished = false;
    int error = -1;
    QString errorText;
    QString title;
    QStringList commandLine;
    QPointer<KDevelop::OutputModel> model;

    QStringList lines() const
    {
        QStringList result;
        for (int row = 0; model && row < model->rowCount(); ++row)
            result << model->index(row, 0).data().toString();
        return result;
    }
    bool hasLine(const QString &text) const { return !lines().filter(text).isEmpty(); }
};

} // namespace

class TestRemoteLauncher : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void remoteShellCommandEntersWorkingDirectory_data();
    void remoteShellCommandEntersWorkingDirectory();
    void environmentLinesAreParsed_data();
    void environmentLinesAreParsed();
    void registersRemoteCommandConfigurationType();
    void runsCommandInServerWorkspace();
    void nonZeroExitFailsTheJob();
    void honoursEnvironmentAndWorkingDirectory();
    void defaultServerIsCurrentRemoteRuntimeElseFirst();
    void runFollowsProjectServerAndExcludes();
    void reportsWhatToConfigure_data();
    void reportsWhatToConfigure();
    void pageRoundTripsSettings();
    void cacheKeepsTheWorkspaceMatchingTheSources();

private:
    KDevelop::ILaunchConfiguration *createConfig(const QString &name, const RemoteLaunchSettings &settings,
                                                 KDevelop::IProject *project);
    LaunchResult launch(KDevelop::ILaunchConfiguration *config);
    QString workspaceFile(const QString &relative) const;
    KDevelop::LaunchConfigurationType *type() const;

    QTemporaryDir m_dir;
    ServerProcess m_server;
    QString m_projectRoot;
    KDevelop::IProject *m_project = nullptr;
    int m_configCount = 0;
};

void TestRemoteLauncher::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY(m_server.start(m_dir.filePath(QStringLiteral("server-data"))));

    prepareTestEnvironment({{QStringLiteral("testserver"), m_server.url()}, {QStringLiteral("aaa-unreachable"), QString(UnreachableUrl)}});

    // Default (not NoUi): creating launch configurations needs the run controller's UI parts.
    QVERIFY(startTestCore(QStringLiteral("tst_remotelauncher"), {QStringLiteral("kdevbuildservice"), QStringLiteral("KDevGenericManager"),
                                                                 QStringLiteral("KDevCustomMakeManager"), QStringLiteral("KDevMakeBuilder"),
                                                                 QStringLiteral("KDevStandardOutputView")}));
    QVERIFY2(ICore::self()->pluginController()->loadPlugin(QStringLiteral("kdevbuildservice")),
             "the plugin did not load; is it built into " BS_BINARY_DIR "/plugins?");

    m_projectRoot = m_dir.filePath(QStringLiteral("proj"));
    QVERIFY(writeFile(m_projectRoot + QLatin1String("/README"), "a project run remotely\n"));
    QVERIFY(writeFile(m_projectRoot + QLatin1String("/sub/dir/data.txt"), "data\n"));
    QVERIFY(writeFile(m_projectRoot + QLatin1String("/proj.kdev4"), "[Project]\nName=proj\nManager=KDevGenericManager\n"));
    m_project = openTestProject(m_projectRoot + QLatin1String("/proj.kdev4"));
    QVERIFY(m_project);
}

void TestRemoteLauncher::cleanupTestCase()
{
    stopTestCore();
    QVERIFY(m_server.stop());
}

KDevelop::LaunchConfigurationType *TestRemoteLauncher::type() const
{
    return ICore::self()->runController()->launchConfigurationTypeForId(TypeId);
}

KDevelop::ILaunchConfiguration *TestRemoteLauncher::createConfig(const QString &name, const RemoteLaunchSettings &settings,
                                                                 KDevelop::IProject *project)
{
    if (!type())
        return nullptr;
    // Unique names: the run controller keeps every configuration for the session.
    const QString unique = QStringLiteral("%1 %2").arg(name).arg(++m_configCount);
    KDevelop::ILaunchConfiguration *config = ICore::self()->runController()->createLaunchConfiguration(
        type(), {QStringLiteral("execute"), QString(LauncherId)}, project, unique);
    KConfigGroup group = config->config();
    settings.write(group);
    group.sync();
    return config;
}

LaunchResult TestRemoteLauncher::launch(KDevelop::ILaunchConfiguration *config)
{
    LaunchResult result;
    // The run controller unregisters a job when it finishes, also one that fails while starting.
    auto *runController = ICore::self()->runController();
    QSignalSpy unregistered(runController, &KDevelop::IRunController::jobUnregistered);
    const QMetaObject::Connection recorder =
        connect(runController, &KDevelop::IRunController::jobUnregistered, this, [&result](KJob *done) {
            result.finished = true;
            result.error = done->error();
            result.errorText = done->errorText();
        });
    // As Run → Execute Launch does: the run controller asks the launcher and starts the job.
    KJob *job = runController->execute(QStringLiteral("execute"), config);
    if (job) {
        result.title = job->objectName();
        if (auto *executeJob = qobject_cast<KDevelop::OutputExecuteJob *>(job)) {
            result.commandLine = executeJob->commandLine();
            result.model = executeJob->model();
        }
        if (unregistered.isEmpty())
            unregistered.wait(60000);
    }
    disconnect(recorder);
    return result;
}

QString TestRemoteLauncher::workspaceFile(const QString &relative) const
{
    const QString id = QString::fromUtf8(readFile(m_projectRoot + QLatin1String("/.build-service/workspace-id")).trimmed());
    return id.isEmpty() ? QString() : m_server.workspacePath(id) + QLatin1Char('/') + relative;
}

void TestRemoteLauncher::remoteShellCommandEntersWorkingDirectory_data()
{
    QTest::addColumn<QString>("command");
    QTest::addColumn<QString>("dir");
    QTest::addColumn<QString>("expected");
    QTest::newRow("root") << "./build/hello --x" << "." << "./build/hello --x";
    QTest::newRow("empty dir is the root") << "ctest" << "" << "ctest";
    QTest::newRow("subdirectory") << "ctest --test-dir build" << "build"
                                  << "cd build && exec /bin/sh -c 'ctest --test-dir build'";
    QTest::newRow("compound command keeps its meaning") << "make && ./app; echo done" << "a b"
                                                        << "cd 'a b' && exec /bin/sh -c 'make && ./app; echo done'";
    QTest::newRow("quotes in the command") << "echo 'hi'" << "sub" << "cd sub && exec /bin/sh -c 'echo '\\''hi'\\'''";
}

void TestRemoteLauncher::remoteShellCommandEntersWorkingDirectory()
{
    QFETCH(QString, command);
    QFETCH(QString, dir);
    QFETCH(QString, expected);
    QCOMPARE(RemoteLaunchCommand::remoteShellCommand(command, dir), expected);
}

void TestRemoteLauncher::environmentLinesAreParsed_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("expected");
    QTest::addColumn<QString>("error");
    QTest::newRow("empty") << "" << QStringList() << "";
    QTest::newRow("two, blank lines and a comment") << "A=1\n\n# note\nB_2=x y \n" << QStringList{QStringLiteral("A=1"), QStringLiteral("B_2=x y ")} << "";
    QTest::newRow("indented, CRLF, empty value") << "  LANG=C\r\nEMPTY=\r\n" << QStringList{QStringLiteral("LANG=C"), QStringLiteral("EMPTY=")} << "";
    QTest::newRow("value with =") << "OPTS=a=b" << QStringList{QStringLiteral("OPTS=a=b")} << "";
    QTest::newRow("no =") << "A=1\nJUSTNAME" << QStringList()
                          << "Line 2 of the environment is not NAME=VALUE: \"JUSTNAME\". Write one variable per line, e.g. LANG=C.";
    QTest::newRow("bad name") << "1X=2" << QStringList()
                              << "Line 1 of the environment is not NAME=VALUE: \"1X=2\". Write one variable per line, e.g. LANG=C.";
    QTest::newRow("space before =") << "A =1" << QStringList()
                                    << "Line 1 of the environment is not NAME=VALUE: \"A =1\". Write one variable per line, e.g. LANG=C.";
}

void TestRemoteLauncher::environmentLinesAreParsed()
{
    QFETCH(QString, text);
    QFETCH(QStringList, expected);
    QFETCH(QString, error);
    const auto parsed = RemoteLaunchCommand::parseEnvironment(text);
    if (error.isEmpty()) {
        QVERIFY2(parsed.ok(), qPrintable(parsed.errorString()));
        QCOMPARE(parsed.value(), expected);
    } else {
        QVERIFY(!parsed.ok());
        QCOMPARE(parsed.errorString(), error);
    }
}

void TestRemoteLauncher::registersRemoteCommandConfigurationType()
{
    KDevelop::LaunchConfigurationType *remote = type();
    QVERIFY(remote);
    QCOMPARE(remote->name(), QStringLiteral("Remote Command (Build Server)"));
    KDevelop::ILauncher *launcher = remote->launcherForId(LauncherId);
    QVERIFY(launcher);
    QCOMPARE(launcher->supportedModes(), QStringList{QStringLiteral("execute")});
    QCOMPARE(remote->configPages().size(), 1);
}

void TestRemoteLauncher::runsCommandInServerWorkspace()
{
    RemoteLaunchSettings settings;
    settings.server = QStringLiteral("testserver");
    settings.command = QStringLiteral("echo hello-remote; echo made-remotely > created.txt");
    KDevelop::ILaunchConfiguration *config = createConfig(QStringLiteral("hello"), settings, m_project);
    QVERIFY(config);

    const LaunchResult result = launch(config);
    QVERIFY(result.finished);
    QCOMPARE(result.error, 0);
    QCOMPARE(result.title, QStringLiteral("Remote: ") + config->name());
    QCOMPARE(result.commandLine.mid(0, 7),
             (QStringList{binaryPath("build-service"), QStringLiteral("build"), QStringLiteral("--no-cache"),
                          QStringLiteral("--server"), m_server.url(), QStringLiteral("-C"), m_projectRoot}));
    QVERIFY(result.model);
    // The model takes lines in on a worker thread.
    QTRY_VERIFY2_WITH_TIMEOUT(result.hasLine(QStringLiteral("hello-remote")), qPrintable(result.lines().join(QLatin1Char('\n'))), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(result.hasLine(QStringLiteral("finished with exit code 0")), 10000);

    // Created in the server's workspace of this checkout, not locally.
    QVERIFY(!QFile::exists(m_projectRoot + QLatin1String("/created.txt")));
    const QString remoteFile = workspaceFile(QStringLiteral("created.txt"));
    QVERIFY(!remoteFile.isEmpty());
    QCOMPARE(readFile(remoteFile), QByteArray("made-remotely\n"));

    // A second run runs again (never replayed from the build cache).
    QVERIFY(QFile::remove(remoteFile));
    const LaunchResult again = launch(config);
    QCOMPARE(again.error, 0);
    QVERIFY(QFile::exists(remoteFile));
}

void TestRemoteLauncher::nonZeroExitFailsTheJob()
{
    RemoteLaunchSettings settings;
    settings.server = QStringLiteral("testserver");
    settings.command = QStringLiteral("echo about-to-fail; exit 3");
    KDevelop::ILaunchConfiguration *config = createConfig(QStringLiteral("failing"), settings, m_project);
    QVERIFY(config);

    const LaunchResult result = launch(config);
    QVERIFY(result.finished);
    QCOMPARE(result.error, int(KDevelop::OutputJob::FailedShownError));
    QVERIFY2(result.errorText.contains(QLatin1Char('3')), qPrintable(result.errorText));
    QTRY_VERIFY_WITH_TIMEOUT(result.hasLine(QStringLiteral("finished with exit code 3")), 10000);
    QVERIFY(result.hasLine(QStringLiteral("about-to-fail")));
}

void TestRemoteLauncher::honoursEnvironmentAndWorkingDirectory()
{
    RemoteLaunchSettings settings;
    settings.server = QStringLiteral("testserver");
    settings.workingDirectory = QStringLiteral("sub/dir");
    settings.environment = QStringLiteral("GREETING=hello there\n# a comment\nOTHER=x\n");
    settings.command = QStringLiteral("printf '%s|%s\\n' \"$GREETING\" \"$OTHER\" > env.txt && cat data.txt && echo \"in:$(pwd)\"");
    KDevelop::ILaunchConfiguration *config = createConfig(QStringLiteral("env"), settings, m_project);
    QVERIFY(config);

    const LaunchResult result = launch(config);
    QVERIFY(result.finished);
    QCOMPARE(result.error, 0);
    // The remote directory, shown with the local checkout's path (the CLI maps it back).
    const QString expectedDir = QStringLiteral("in:") + m_projectRoot + QLatin1String("/sub/dir");
    QTRY_VERIFY2_WITH_TIMEOUT(result.lines().contains(expectedDir), qPrintable(result.lines().join(QLatin1Char('\n'))), 10000);
    QVERIFY(result.lines().contains(QStringLiteral("data")));
    QCOMPARE(readFile(workspaceFile(QStringLiteral("sub/dir/env.txt"))), QByteArray("hello there|x\n"));
    QVERIFY(!QFile::exists(m_projectRoot + QLatin1String("/sub/dir/env.txt")));
}

void TestRemoteLauncher::defaultServerIsCurrentRemoteRuntimeElseFirst()
{
    RemoteLaunchSettings settings;
    settings.command = QStringLiteral("true");
    KDevelop::ILaunchConfiguration *config = createConfig(QStringLiteral("default server"), settings, m_project);
    QVERIFY(config);
    KDevelop::ILauncher *launcher = type()->launcherForId(LauncherId);
    QVERIFY(launcher);
    // The URL the job would contact, without starting it.
    const auto serverOf = [launcher, config]() -> QString {
        std::unique_ptr<KJob> job(launcher->start(QStringLiteral("execute"), config));
        auto *executeJob = qobject_cast<KDevelop::OutputExecuteJob *>(job.get());
        if (!executeJob || job->error() != 0)
            return QStringLiteral("error: ") + (job ? job->errorText() : QString());
        const QStringList argv = executeJob->commandLine();
        const int at = argv.indexOf(QStringLiteral("--server"));
        return at >= 0 ? argv.value(at + 1) : QString();
    };

    auto *controller = ICore::self()->runtimeController();
    KDevelop::IRuntime *host = controller->availableRuntimes().first();
    KDevelop::IRuntime *remote = nullptr;
    const auto runtimes = controller->availableRuntimes();
    for (KDevelop::IRuntime *runtime : runtimes) {
        if (runtime->name() == QLatin1String("Remote: testserver"))
            remote = runtime;
    }
    QVERIFY(remote);

    controller->setCurrentRuntime(host);
    QCOMPARE(serverOf(), QString(UnreachableUrl)); // the first configured server by name
    controller->setCurrentRuntime(remote);
    QCOMPARE(serverOf(), m_server.url());

    // A named server wins over the runtime.
    controller->setCurrentRuntime(host);
    KConfigGroup group = config->config();
    group.writeEntry(RemoteLaunchSettings::ServerEntry, QStringLiteral("testserver"));
    QCOMPARE(serverOf(), m_server.url());
}

void TestRemoteLauncher::runFollowsProjectServerAndExcludes()
{
    // The project's Remote Build settings: its builds go to "testserver" and leave secret.txt out.
    KConfigGroup project = m_project->projectConfiguration()->group("BuildService");
    project.writeEntry("Server", QStringLiteral("testserver"));
    project.writeEntry("Excludes", QStringList{QStringLiteral("secret.txt")});
    project.sync();
    QVERIFY(writeFile(m_projectRoot + QLatin1String("/secret.txt"), "local only\n"));
    auto *controller = ICore::self()->runtimeController();
    controller->setCurrentRuntime(controller->availableRuntimes().first()); // would pick aaa-unreachable

    RemoteLaunchSettings settings;
    settings.command = QStringLiteral("test -e secret.txt && echo secret-present || echo secret-absent");
    KDevelop::ILaunchConfiguration *config = createConfig(QStringLiteral("project settings"), settings, m_project);
    QVERIFY(config);
    const LaunchResult result = launch(config);
    project.deleteEntry("Server");
    project.deleteEntry("Excludes");
    project.sync();
    QVERIFY(result.finished);
    QCOMPARE(result.error, 0);
    QVERIFY(result.commandLine.contains(m_server.url()));
    // Whole lines: the model's first line is the command, which names both answers.
    QTRY_VERIFY2_WITH_TIMEOUT(result.lines().contains(QStringLiteral("secret-absent")), qPrintable(result.lines().join(QLatin1Char('\n'))), 10000);
    QVERIFY(!result.lines().contains(QStringLiteral("secret-present")));
}

void TestRemoteLauncher::reportsWhatToConfigure_data()
{
    QTest::addColumn<bool>("inProject");
    QTest::addColumn<QString>("project");
    QTest::addColumn<QString>("server");
    QTest::addColumn<QString>("command");
    QTest::addColumn<QString>("workingDirectory");
    QTest::addColumn<QString>("environment");
    QTest::addColumn<QString>("cli"); // "" = the real one; "none" = not found
    QTest::addColumn<QString>("error");

    const QString prefix = QStringLiteral("Cannot run \"%1\" on the build server: ");
    QTest::newRow("no project") << false << "" << "testserver" << "true" << "" << "" << ""
                                << prefix + QStringLiteral("No project is configured. Choose the project whose checkout is uploaded in "
                                            "Run → Configure Launches.");
    QTest::newRow("project not open") << false << "elsewhere" << "testserver" << "true" << "" << "" << ""
                                      << prefix + QStringLiteral("The project \"elsewhere\" is not open. Open it, or choose another "
                                                  "project in Run → Configure Launches.");
    QTest::newRow("server not configured")
        << true << "" << "gone" << "true" << "" << "" << ""
        << prefix + QStringLiteral("The build server \"gone\" is not configured. Add it (a [Server gone] group with Url= in the "
                    "[BuildService] group of kdeveloprc), or choose another server in Run → Configure Launches.");
    QTest::newRow("CLI not found")
        << true << "" << "testserver" << "true" << "" << "" << "none"
        << prefix + QStringLiteral("The build-service command-line tool was not found. Install it, put it in PATH, or name it in the "
                    "environment variable BUILD_SERVICE_CLI or with Executable= in the [BuildService] group of kdeveloprc.");
    QTest::newRow("CLI missing at the configured path")
        << true << "" << "testserver" << "true" << "" << "" << "/nonexistent/build-service"
        << prefix + QStringLiteral("The build-service command-line tool /nonexistent/build-service does not exist or is not executable. "
                    "Install it, or fix BUILD_SERVICE_CLI or Executable= in the [BuildService] group of kdeveloprc.");
    QTest::newRow("no command") << true << "" << "testserver" << "  " << "" << "" << ""
                                << prefix + QStringLiteral("No command is configured. Enter the command to run on the server, e.g. "
                                            "./build/hello, in Run → Configure Launches.");
    QTest::newRow("bad environment") << true << "" << "testserver" << "true" << "" << "X=1\nnot valid" << ""
                                     << prefix + QStringLiteral("Line 2 of the environment is not NAME=VALUE: \"not valid\". Write one "
                                                 "variable per line, e.g. LANG=C.");
    QTest::newRow("working directory outside the project")
        << true << "" << "testserver" << "true" << "../elsewhere" << "" << ""
        << prefix + QStringLiteral("The working directory \"../elsewhere\" is outside the project %2. Enter a directory relative to "
                    "the project root, e.g. build.");
}

void TestRemoteLauncher::reportsWhatToConfigure()
{
    QFETCH(bool, inProject);
    QFETCH(QString, project);
    QFETCH(QString, server);
    QFETCH(QString, command);
    QFETCH(QString, workingDirectory);
    QFETCH(QString, environment);
    QFETCH(QString, cli);
    QFETCH(QString, error);

    const QByteArray savedCli = qgetenv("BUILD_SERVICE_CLI");
    const QByteArray savedPath = qgetenv("PATH");
    const auto restore = qScopeGuard([&] {
        qputenv("BUILD_SERVICE_CLI", savedCli);
        qputenv("PATH", savedPath);
    });
    if (cli == QLatin1String("none")) {
        // Nothing set, nothing installed in the build's prefix (tests run uninstalled), nothing in PATH.
        if (QFile::exists(QStringLiteral("/usr/bin/build-service")) || QFile::exists(QStringLiteral("/usr/local/bin/build-service")))
            QSKIP("a build-service CLI is installed on this machine");
        qunsetenv("BUILD_SERVICE_CLI");
        qputenv("PATH", m_dir.filePath(QStringLiteral("empty-path")).toLocal8Bit());
    } else if (!cli.isEmpty()) {
        qputenv("BUILD_SERVICE_CLI", cli.toLocal8Bit());
    }

    RemoteLaunchSettings settings;
    settings.project = project;
    settings.server = server;
    settings.command = command;
    settings.workingDirectory = workingDirectory;
    settings.environment = environment;
    KDevelop::ILaunchConfiguration *config = createConfig(QStringLiteral("misconfigured"), settings, inProject ? m_project : nullptr);
    QVERIFY(config);
    const LaunchResult result = launch(config);
    QVERIFY(result.finished);
    QCOMPARE(result.error, int(KDevelop::OutputExecuteJob::UserDefinedError));
    QCOMPARE(result.errorText, error.arg(config->name(), m_projectRoot));
}

void TestRemoteLauncher::pageRoundTripsSettings()
{
    KDevelop::LaunchConfigurationType *remote = type();
    QVERIFY(remote);
    std::unique_ptr<KDevelop::LaunchConfigurationPage> page(remote->configPages().first()->createWidget(nullptr));
    QVERIFY(page);
    QCOMPARE(page->title(), QStringLiteral("Remote Command"));

    KConfig store(QString(), KConfig::SimpleConfig);
    KConfigGroup in = store.group("in");
    RemoteLaunchSettings settings;
    settings.project = QStringLiteral("proj");
    settings.server = QStringLiteral("testserver");
    settings.command = QStringLiteral("ctest --test-dir build");
    settings.workingDirectory = QStringLiteral("sub/dir");
    settings.environment = QStringLiteral("A=1\nB=two words");
    settings.write(in);

    QSignalSpy changed(page.get(), &KDevelop::LaunchConfigurationPage::changed);
    page->loadFromConfiguration(in, m_project);
    QCOMPARE(changed.count(), 0); // loading is not an edit
    KConfigGroup out = store.group("out");
    page->saveToConfiguration(out, m_project);
    QCOMPARE(RemoteLaunchSettings::read(out), settings);

    // Values not available right now (project closed, server removed) survive an untouched save.
    settings.project = QStringLiteral("closed-project");
    settings.server = QStringLiteral("removed-server");
    settings.write(in);
    page->loadFromConfiguration(in, m_project);
    page->saveToConfiguration(out, m_project);
    QCOMPARE(RemoteLaunchSettings::read(out), settings);

    // Defaults stay defaults (empty), and editing emits changed().
    page->loadFromConfiguration(store.group("empty"), m_project);
    auto *command = page->findChild<QLineEdit *>(QStringLiteral("command"));
    QVERIFY(command);
    QTest::keyClicks(command, QStringLiteral("./app"));
    QVERIFY(changed.count() > 0);
    page->saveToConfiguration(out, m_project);
    RemoteLaunchSettings expected;
    expected.command = QStringLiteral("./app");
    QCOMPARE(RemoteLaunchSettings::read(out), expected);
}

void TestRemoteLauncher::cacheKeepsTheWorkspaceMatchingTheSources()
{
    // Builds go remote through the runtime; programs run in the workspace through a Remote
    // Command. Whatever the build cache does, Execute must run what the sources say.
    auto *controller = ICore::self()->runtimeController();
    KDevelop::IRuntime *remote = nullptr;
    for (KDevelop::IRuntime *runtime : controller->availableRuntimes()) {
        if (runtime->name() == QLatin1String("Remote: testserver"))
            remote = runtime;
    }
    QVERIFY(remote);
    controller->setCurrentRuntime(remote);
    const auto restoreHost = qScopeGuard([controller] { controller->setCurrentRuntime(controller->availableRuntimes().first()); });

    const QByteArray makefile = "app: main.c\n\tcc -o app main.c\nclean:\n\trm -f app\n";
    const auto source = [](const QByteArray &message) -> QByteArray {
        return "#include <stdio.h>\nint main(void) { puts(\"" + message + "\"); return 0; }\n";
    };
    const auto openCheckout = [&](const QString &name) -> KDevelop::IProject * {
        const QString root = m_dir.filePath(name);
        if (!writeFile(root + QLatin1String("/Makefile"), makefile) || !writeFile(root + QLatin1String("/main.c"), source("one"))
            || !writeFile(root + QLatin1Char('/') + name + QLatin1String(".kdev4"),
                          "[Project]\nName=" + name.toUtf8() + "\nManager=KDevCustomMakeManager\n"))
            return nullptr;
        return openTestProject(root + QLatin1Char('/') + name + QLatin1String(".kdev4"));
    };
    const auto build = [](KDevelop::IProject *project, bool clean = false) {
        KDevelop::IProjectBuilder *builder = project->buildSystemManager()->builder();
        KJob *job = clean ? builder->clean(project->projectItem()) : builder->build(project->projectItem());
        return job && job->exec();
    };
    RemoteLaunchSettings settings;
    settings.server = QStringLiteral("testserver");
    settings.command = QStringLiteral("./app");
    const auto execute = [&](KDevelop::IProject *project) -> QString {
        const LaunchResult result = launch(createConfig(QStringLiteral("app"), settings, project));
        if (!result.finished || result.error != 0)
            return QStringLiteral("(failed: %1)").arg(result.errorText);
        // The model takes lines in on a worker thread: wait for the client's last line.
        if (!QTest::qWaitFor([&] { return result.hasLine(QStringLiteral("finished with exit code")); }, 10000))
            return QStringLiteral("(no end line: %1)").arg(result.lines().join(QLatin1Char('|')));
        const QStringList lines = result.lines();
        for (const char *word : {"one", "two"}) {
            if (lines.contains(QLatin1String(word)))
                return QLatin1String(word);
        }
        return lines.join(QLatin1Char('|'));
    };
    const auto cacheHits = [this] {
        RawClient client;
        client.handshake(m_server.url());
        client.send(QJsonObject{{QStringLiteral("type"), QStringLiteral("cache_stats")}});
        return client.waitFor(QStringLiteral("cache_stats_reply")).value(QLatin1String("hits")).toInt();
    };

    KDevelop::IProject *a = openCheckout(QStringLiteral("trust-a"));
    QVERIFY(a);
    const QString mainA = m_dir.filePath(QStringLiteral("trust-a/main.c"));
    QVERIFY(build(a));
    QCOMPARE(execute(a), QStringLiteral("one"));
    // Edit, build, revert, build: the revert must rebuild, not replay an old success.
    QVERIFY(writeFile(mainA, source("two")));
    QVERIFY(build(a));
    QCOMPARE(execute(a), QStringLiteral("two"));
    QVERIFY(writeFile(mainA, source("one")));
    QVERIFY(build(a));
    QCOMPARE(execute(a), QStringLiteral("one"));
    // Clean, Build: the outputs are back (restored or built), not just a replayed log.
    QVERIFY(build(a, true));
    QVERIFY(build(a));
    QCOMPARE(execute(a), QStringLiteral("one"));
    // Clean, Build stopped at once, Build.
    QVERIFY(build(a, true));
    KJob *stopped = a->buildSystemManager()->builder()->build(a->projectItem());
    QVERIFY(stopped);
    stopped->start();
    stopped->kill();
    QVERIFY(build(a));
    QCOMPARE(execute(a), QStringLiteral("one"));

    // A second checkout of the same sources: its first Build is a replay that leaves the program.
    const int hitsBefore = cacheHits();
    KDevelop::IProject *b = openCheckout(QStringLiteral("trust-b"));
    QVERIFY(b);
    QVERIFY(build(b));
    QCOMPARE(cacheHits(), hitsBefore + 1);
    QCOMPARE(execute(b), QStringLiteral("one"));
    // Clean there really removes the program.
    QVERIFY(build(b, true));
    const QString idB = QString::fromUtf8(readFile(m_dir.filePath(QStringLiteral("trust-b/.build-service/workspace-id"))).trimmed());
    QVERIFY(!QFileInfo::exists(m_server.workspacePath(idB) + QLatin1String("/app")));
    ICore::self()->projectController()->closeProject(a);
    ICore::self()->projectController()->closeProject(b);
}

QTEST_MAIN(TestRemoteLauncher)
#include "tst_remotelauncher.moc"
