// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: LGPL-2.1-only OR LGPL-3.0-only

// BuildServicePlugin: registers one remote runtime per configured build server.
#include "buildserviceplugin.h"

#include "cmakebuilddirseeder.h"
#include "debug.h"
#include "i18n/translationloader.h"
#include "launcher/remotelauncher.h"
#include "launcher/remotelaunchconfigurationtype.h"
#include "projecttracker.h"
#include "remoteruntime.h"
#include "serverlist.h"
#include "settings/projectsettingspage.h"
#include "settings/serverspage.h"

#include <interfaces/icore.h>
#include <interfaces/idocument.h>
#include <interfaces/idocumentcontroller.h>
#include <interfaces/iproject.h>
#include <interfaces/iruncontroller.h>
#include <project/interfaces/iprojectbuilder.h>
#include <project/interfaces/ibuildsystemmanager.h>
#include <project/projectmodel.h>
#include <project/projectconfigpage.h>

#include <KActionCollection>
#include <KJob>
#include <QAction>
#include <interfaces/iprojectcontroller.h>
#include <interfaces/iruntimecontroller.h>

#include <KPluginFactory>
#include <KSharedConfig>

#include <QCoreApplication>
#include <QFileInfo>
#include <QStandardPaths>

#include <algorithm>

K_PLUGIN_FACTORY_WITH_JSON(BuildServicePluginFactory, "kdevbuildservice.json",
                           registerPlugin<BuildService::Plugin::BuildServicePlugin>();)

namespace BuildService::Plugin {

namespace {
const QLatin1String CliName("build-service");

bool isExecutableFile(const QString &path)
{
    const QFileInfo info(path);
    return info.isFile() && info.isExecutable();
}
} // namespace

BuildServicePlugin::BuildServicePlugin(QObject *parent, const QVariantList &)
    : KDevelop::IPlugin(QStringLiteral("kdevbuildservice"), parent)
    , m_tracker(new ProjectTracker(core()->projectController(), this))
{
    // KDevelop's KI18n catalogues do not cover our tr() strings (plugin and shared client): install
    // the catalogue embedded in this module for the UI locale. A reload replaces, not stacks, it.
    if (QCoreApplication *app = QCoreApplication::instance())
        BuildService::installTranslations(*app);
    // Before the CMake manager reacts to the same runtime switch (it loads with the first project).
    new CMakeBuildDirSeeder(core()->runtimeController(), this);
    reloadServers();
    m_launchType = new RemoteLaunchConfigurationType;
    m_launchType->addLauncher(new RemoteLauncher);
    core()->runController()->addConfigurationType(m_launchType);
}

BuildServicePlugin::~BuildServicePlugin() = default;

QString BuildServicePlugin::locateCli()
{
    const QString fromEnv = qEnvironmentVariable("BUILD_SERVICE_CLI");
    if (!fromEnv.isEmpty())
        return fromEnv;
    const KConfigGroup group = KSharedConfig::openConfig()->group(ServerList::GroupName);
    const QString configured = group.readEntry("Executable", QString());
    if (!configured.isEmpty())
        return configured;
    const QString installed = QStringLiteral(BS_INSTALL_BINDIR "/") + CliName;
    if (isExecutableFile(installed))
        return installed;
    return QStandardPaths::findExecutable(CliName);
}

void BuildServicePlugin::reloadServers()
{
    const QString cli = locateCli();
    if (cli.isEmpty())
        qCWarning(BS_PLUGIN) << "the build-service executable was not found; remote runtimes will build locally";
    const QVector<ServerEntry> servers = ServerList::load(KSharedConfig::openConfig()->group(ServerList::GroupName));
    auto *controller = core()->runtimeController();
    for (const ServerEntry &server : servers) {
        RemoteRuntime *existing = nullptr;
        // Reuse a runtime left by an earlier load of the plugin in this session: the
        // controller cannot remove runtimes, and duplicate names would confuse the user.
        const auto available = controller->availableRuntimes();
        for (KDevelop::IRuntime *runtime : available) {
            auto *remote = qobject_cast<RemoteRuntime *>(runtime);
            if (remote && remote->name() == RemoteRuntime::runtimeName(server.name))
                existing = remote;
        }
        if (existing) {
            existing->setServer(server);
            existing->setTracker(m_tracker);
            existing->setCliPath(cli);
        } else {
            existing = new RemoteRuntime(server, m_tracker, cli);
            controller->addRuntimes(existing);
            qCDebug(BS_PLUGIN) << "added runtime" << existing->name() << server.url;
        }
        if (!m_runtimes.contains(existing))
            m_runtimes.append(existing);
    }
    // KDevelop cannot remove a runtime: one whose server is gone builds locally from now on.
    for (RemoteRuntime *runtime : qAsConst(m_runtimes)) {
        const bool configured = std::any_of(servers.begin(), servers.end(), [runtime](const ServerEntry &server) {
            return RemoteRuntime::runtimeName(server.name) == runtime->name();
        });
        if (!configured) {
            runtime->setTracker(nullptr);
            qCDebug(BS_PLUGIN) << "server of" << runtime->name() << "is not configured; the runtime builds locally";
        }
    }
}

KDevelop::ConfigPage *BuildServicePlugin::configPage(int number, QWidget *parent)
{
    return number == 0 ? new ServersPage(this, parent) : nullptr;
}

KDevelop::ConfigPage *BuildServicePlugin::perProjectConfigPage(int number, const KDevelop::ProjectConfigOptions &options,
                                                               QWidget *parent)
{
    return number == 0 && options.project ? new ProjectSettingsPage(this, options.project, parent) : nullptr;
}

KJob *BuildServicePlugin::buildFresh(KDevelop::IProject *project)
{
    return buildWithCacheOption(project, QStringLiteral("--fresh"));
}

KJob *BuildServicePlugin::verifyBuild(KDevelop::IProject *project)
{
    return buildWithCacheOption(project, QStringLiteral("--verify"));
}

KJob *BuildServicePlugin::buildWithCacheOption(KDevelop::IProject *project, const QString &option)
{
    KDevelop::IBuildSystemManager *manager = project ? project->buildSystemManager() : nullptr;
    if (!manager || !manager->builder())
        return nullptr;
    const auto setOverride = [this](const QString &value) {
        for (RemoteRuntime *runtime : qAsConst(m_runtimes))
            runtime->setCacheOverride(value);
    };
    setOverride(option);
    KJob *job = manager->builder()->build(project->projectItem());
    if (!job) {
        setOverride(QString());
        return nullptr;
    }
    // Every process of this build (configure, make, ...) starts while the job runs.
    connect(job, &KJob::finished, this, [setOverride] { setOverride(QString()); });
    core()->runController()->registerJob(job);
    return job;
}

void BuildServicePlugin::createActionsForMainWindow(Sublime::MainWindow *, QString &xmlFile, KActionCollection &actions)
{
    xmlFile = QStringLiteral("kdevbuildservice.rc");
    QAction *action = actions.addAction(QStringLiteral("buildservice_build_fresh"));
    action->setText(tr("Build &Fresh on the Build Server"));
    action->setToolTip(tr("Build the current project on the build server even if an identical build is in its cache"));
    action->setIcon(QIcon::fromTheme(QStringLiteral("run-build")));
    connect(action, &QAction::triggered, this, [this] {
        if (!buildFresh(currentProject()))
            qCWarning(BS_PLUGIN) << "Build fresh: no open project with a builder";
    });
    QAction *verify = actions.addAction(QStringLiteral("buildservice_verify_build"));
    verify->setText(tr("&Verify Build on the Build Server"));
    verify->setToolTip(tr("Build the current project live and compare the result with the build server's recording of the identical build"));
    verify->setIcon(QIcon::fromTheme(QStringLiteral("run-build")));
    connect(verify, &QAction::triggered, this, [this] {
        if (!verifyBuild(currentProject()))
            qCWarning(BS_PLUGIN) << "Verify build: no open project with a builder";
    });
}

KDevelop::IProject *BuildServicePlugin::currentProject() const
{
    KDevelop::IProject *project = nullptr;
    if (KDevelop::IDocument *document = core()->documentController()->activeDocument())
        project = core()->projectController()->findProjectForUrl(document->url());
    const auto projects = core()->projectController()->projects();
    if (!project && !projects.isEmpty())
        project = projects.first();
    return project;
}

void BuildServicePlugin::unload()
{
    // Removing the type also removes (deletes) the loaded launch configurations of that type.
    core()->runController()->removeConfigurationType(m_launchType);
    delete m_launchType;
    m_launchType = nullptr;
    auto *controller = core()->runtimeController();
    if (m_runtimes.contains(qobject_cast<RemoteRuntime *>(controller->currentRuntime()))) {
        const auto available = controller->availableRuntimes();
        // The host runtime is always the first one the controller creates.
        if (!available.isEmpty())
            controller->setCurrentRuntime(available.first());
    }
    for (RemoteRuntime *runtime : qAsConst(m_runtimes))
        runtime->setTracker(nullptr);
}

} // namespace BuildService::Plugin

#include "buildserviceplugin.moc"
