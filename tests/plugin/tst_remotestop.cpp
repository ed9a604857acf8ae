// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: BSD-2-Clause

// Tests that stopping a remote build or a remote launch in the IDE leaves no remote process.
#include "launcher/remotelaunchsettings.h"
#include "serverprocess.h"
#include "testcore.h"

#include <interfaces/ilaunchconfiguration.h>
#include <interfaces/iplugincontroller.h>
#include <interfaces/iproject.h>
#include <interfaces/iprojectcontroller.h>
#include <interfaces/iruncontroller.h>
#include <interfaces/iruntime.h>
#include <interfaces/iruntimecontroller.h>
#include <interfaces/launchconfigurationtype.h>
#include <outputview/outputexecutejob.h>
#include <outputview/outputmodel.h>
#include <project/interfaces/ibuildsystemmanager.h>
#include <project/interfaces/iprojectbuilder.h>
#include <project/projectmodel.h>
#include <shell/core.h>
#include <shell/session.h>
#include <shell/shellextension.h>

#include <KConfigGroup>
#include <KSharedConfig>

#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

#include <cerrno>
#include <csignal>

using namespace BuildService::Test;
using BuildService::Plugin::RemoteLaunchSettings;
using KDevelop::ICore;

namespace {

// The default target writes the PID of the process that becomes `sleep` and then sleeps:
// a remote build that only stops when it is cancelled.
const QByteArray Makefile =
    "all:\n"
    "\tsh -c 'echo $$$$ > build.pid; exec sleep 300'\n";

// True when @p pid no longer runs. A killed process whose parent died too may stay a zombie
// until init reaps it (containers often have no reaping init), and it runs nothing either.
bool processGone(qint64 pid)
{
    if (::kill(pid_t(pid), 0) == -1 && errno == ESRCH)
        return true;
    const QByteArray stat = readFile(QStringLiteral("/proc/%1/stat").arg(pid));
    const int afterName = stat.lastIndexOf(')');
    return afterName > 0 && stat.size() > afterName + 2 && (stat.at(afterName + 2) == 'Z' || stat.at(afterName + 2) == 'X');
}

QStringList modelLines(KDevelop::OutputModel *model)
{
    QStringList lines;
    for (int row = 0; model && row < model->rowCount(); ++row)
        lines << model->index(row, 0).data().toString();
    return lines;
}

} // namespace

class TestRemoteStop : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void stoppingRemoteBuildLeavesNoRemoteProcess();
    void killingRemoteLaunchLeavesNoRemoteProcess();

private:
    /** The PID written to @p fileName in any workspace of the server, or 0 while there is none. */
    qint64 remotePid(const QString &fileName) const;
    int buildsRunning();

    QTemporaryDir m_dir;
    ServerProcess m_server;
    QString m_projectRoot;
    KDevelop::IProject *m_project = nullptr;
};

void TestRemoteStop::initTestCase()
{
    // The commands report their pid ($$) for the test to watch on the host; inside the
    // sandbox's PID namespace that is not a host pid (the sandbox is tested in tst_sandbox).
    ServerProcess::baseConfig() = QStringLiteral("[sandbox]\nenabled = false\n");
    QVERIFY(m_dir.isValid());
    QVERIFY(m_server.start(m_dir.filePath(QStringLiteral("server-data"))));

    prepareTestEnvironment({{QStringLiteral("testserver"), m_server.url()}});

    QVERIFY(startTestCore(QStringLiteral("tst_remotestop"), {QStringLiteral("kdevbuildservice"), QStringLiteral("KDevCustomMakeManager"), QStringLiteral("KDevMakeBuilder"), QStringLiteral("KDevStandardOutputView")}));
    QVERIFY(ICore::self()->pluginController()->loadPlugin(QStringLiteral("kdevbuildservice")));

    m_projectRoot = m_dir.filePath(QStringLiteral("sleeper"));
    QVERIFY(writeFile(m_projectRoot + QLatin1String("/Makefile"), Makefile));
    QVERIFY(writeFile(m_projectRoot + QLatin1String("/sleeper.kdev4"),
                      "[Project]\nName=sleeper\nManager=KDevCustomMakeManager\n"));
    m_project = openTestProject(m_projectRoot + QLatin1String("/sleeper.kdev4"));
    QVERIFY(m_project && m_project->buildSystemManager());
}

void TestRemoteStop::cleanupTestCase()
{
    stopTestCore();
    QVERIFY(m_server.stop());
}

qint64 TestRemoteStop::remotePid(const QString &fileName) const
{
    const QStringList ids = m_server.workspaceIds();
    for (const QString &id : ids) {
        const QByteArray content = readFile(m_server.workspacePath(id) + QLatin1Char('/') + fileName);
        if (content.endsWith('\n'))
            return content.trimmed().toLongLong();
    }
    return 0;
}

int TestRemoteStop::buildsRunning()
{
    const CliResult status = runCli({QStringLiteral("status"), QStringLiteral("--server"), m_server.url(), QStringLiteral("--json")},
                                    m_dir.path(), 10000);
    if (status.exitCode != 0)
        return -1;
    return QJsonDocument::fromJson(status.out).object().value(QStringLiteral("builds_running")).toInt(-1);
}

void TestRemoteStop::stoppingRemoteBuildLeavesNoRemoteProcess()
{
    auto *controller = ICore::self()->runtimeController();
    const auto runtimes = controller->availableRuntimes();
    for (KDevelop::IRuntime *runtime : runtimes) {
        if (runtime->name() == QLatin1String("Remote: testserver"))
            controller->setCurrentRuntime(runtime);
    }
    QCOMPARE(controller->currentRuntime()->name(), QStringLiteral("Remote: testserver"));

    // Build as the IDE does: the project's builder job, registered with (and started by) the run controller.
    KJob *job = m_project->buildSystemManager()->builder()->build(m_project->projectItem());
    QVERIFY(job);
    QPointer<KJob> guard(job);
    QSignalSpy finished(job, &KJob::finished);
    ICore::self()->runController()->registerJob(job);
    auto *executeJob = qobject_cast<KDevelop::OutputExecuteJob *>(job);
    if (!executeJob)
        executeJob = job->findChild<KDevelop::OutputExecuteJob *>();
    QVERIFY(executeJob);
    QPointer<KDevelop::OutputModel> model = executeJob->model();

    qint64 pid = 0;
    QTRY_VERIFY_WITH_TIMEOUT((pid = remotePid(QStringLiteral("build.pid"))) > 0, 30000);
    QVERIFY(!processGone(pid));
    QCOMPARE(buildsRunning(), 1);

    // Run → Stop All: kills every killable job of the run controller.
    ICore::self()->runController()->stopAllProcesses();
    QVERIFY(finished.count() == 1 || finished.wait(10000));
    QTRY_VERIFY_WITH_TIMEOUT(processGone(pid), 15000);
    QTRY_COMPARE_WITH_TIMEOUT(buildsRunning(), 0, 15000);
    // The CLI got the terminate signal and cancelled the build (rather than being killed).
    QTRY_VERIFY2_WITH_TIMEOUT(!modelLines(model).filter(QStringLiteral("cancelling the remote build")).isEmpty(),
                              qPrintable(modelLines(model).join(QLatin1Char('\n'))), 10000);
    // The view says the build was cancelled, not that it finished with make's status.
    QTRY_VERIFY2_WITH_TIMEOUT(!modelLines(model).filter(QStringLiteral("build-service: cancelled: ")).isEmpty(),
                              qPrintable(modelLines(model).join(QLatin1Char('\n'))), 10000);
    QVERIFY2(modelLines(model).filter(QStringLiteral("finished with exit code")).isEmpty(), qPrintable(modelLines(model).join(QLatin1Char('\n'))));
    controller->setCurrentRuntime(controller->availableRuntimes().first());
}

void TestRemoteStop::killingRemoteLaunchLeavesNoRemoteProcess()
{
    auto *runController = ICore::self()->runController();
    KDevelop::LaunchConfigurationType *type = runController->launchConfigurationTypeForId(QStringLiteral("BuildService Remote Command"));
    QVERIFY(type);
    KDevelop::ILaunchConfiguration *config = runController->createLaunchConfiguration(
        type, {QStringLiteral("execute"), QStringLiteral("buildServiceRemoteCommand")}, m_project, QStringLiteral("sleeper"));
    KConfigGroup group = config->config();
    RemoteLaunchSettings settings;
    settings.command = QStringLiteral("echo $$ > run.pid; exec sleep 300");
    settings.write(group);
    group.sync();

    KJob *job = runController->execute(QStringLiteral("execute"), config);
    QVERIFY(job);
    auto *executeJob = qobject_cast<KDevelop::OutputExecuteJob *>(job);
    QVERIFY(executeJob);
    QPointer<KDevelop::OutputModel> model = executeJob->model();
    QSignalSpy finished(job, &KJob::finished);

    qint64 pid = 0;
    QTRY_VERIFY_WITH_TIMEOUT((pid = remotePid(QStringLiteral("run.pid"))) > 0, 30000);
    QVERIFY(!processGone(pid));
    QCOMPARE(buildsRunning(), 1);

    // What Run → Stop <job> does.
    QVERIFY(job->capabilities() & KJob::Killable);
    job->kill();
    QVERIFY(finished.count() == 1 || finished.wait(10000));
    QTRY_VERIFY_WITH_TIMEOUT(processGone(pid), 15000);
    QTRY_COMPARE_WITH_TIMEOUT(buildsRunning(), 0, 15000);
    QTRY_VERIFY2_WITH_TIMEOUT(!modelLines(model).filter(QStringLiteral("cancelling the remote build")).isEmpty(),
                              qPrintable(modelLines(model).join(QLatin1Char('\n'))), 10000);
    QTRY_VERIFY2_WITH_TIMEOUT(!modelLines(model).filter(QStringLiteral("build-service: cancelled: ")).isEmpty(),
                              qPrintable(modelLines(model).join(QLatin1Char('\n'))), 10000);
    QVERIFY2(modelLines(model).filter(QStringLiteral("finished with exit code")).isEmpty(), qPrintable(modelLines(model).join(QLatin1Char('\n'))));
}

QTEST_MAIN(TestRemoteStop)
#include "tst_remotestop.moc"
