// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: LGPL-2.1-only OR LGPL-3.0-only

// RemoteLauncher: starts a "Remote Command (Build Server)" launch configuration in mode execute.
#include "launcher/remotelauncher.h"

#include "buildserviceplugin.h"
#include "debug.h"
#include "launcher/remotecommandjob.h"
#include "launcher/remotelaunchcommand.h"
#include "launcher/remotelaunchsettings.h"
#include "remoteruntime.h"
#include "settings/projectbuildsettings.h"
#include "settings/projectsettingsapplier.h"

#include <interfaces/icore.h>
#include <interfaces/ilaunchconfiguration.h>
#include <interfaces/iproject.h>
#include <interfaces/iprojectcontroller.h>
#include <interfaces/iruncontroller.h>
#include <interfaces/iruntimecontroller.h>
#include <util/path.h>

#include <KConfigGroup>
#include <KSharedConfig>

#include <QDir>
#include <QFileInfo>

namespace BuildService::Plugin {

QString RemoteLauncher::launcherId()
{
    return QStringLiteral("buildServiceRemoteCommand");
}

QString RemoteLauncher::id()
{
    return launcherId();
}

QString RemoteLauncher::name() const
{
    return tr("Build Server");
}

QString RemoteLauncher::description() const
{
    return tr("Runs a command in the project's workspace on a build server");
}

QStringList RemoteLauncher::supportedModes() const
{
    return {QStringLiteral("execute")};
}

QList<KDevelop::LaunchConfigurationPageFactory *> RemoteLauncher::configPages() const
{
    return {}; // the configuration type's page covers everything
}

std::optional<ServerEntry> RemoteLauncher::resolveServer(const QString &name)
{
    const QVector<ServerEntry> servers = ServerList::load(KSharedConfig::openConfig()->group(ServerList::GroupName));
    const auto byName = [&servers](const QString &wanted) -> std::optional<ServerEntry> {
        for (const ServerEntry &server : servers) {
            if (server.name == wanted)
                return server;
        }
        return std::nullopt;
    };
    if (!name.isEmpty())
        return byName(name);
    // A remote runtime stays selectable after its server was removed from the list; it then
    // builds locally, and its stale server is no default either.
    if (auto *runtime = qobject_cast<RemoteRuntime *>(KDevelop::ICore::self()->runtimeController()->currentRuntime())) {
        if (std::optional<ServerEntry> current = byName(runtime->server().name))
            return current;
    }
    return servers.value(0); // load() never returns an empty list
}

KJob *RemoteLauncher::start(const QString &launchMode, KDevelop::ILaunchConfiguration *cfg)
{
    Q_ASSERT(cfg);
    if (!cfg)
        return nullptr;
    if (launchMode != QLatin1String("execute")) {
        qCWarning(BS_PLUGIN) << "remote launcher: unsupported launch mode" << launchMode << "for" << cfg->name();
        return nullptr;
    }
    KDevelop::ICore *core = KDevelop::ICore::self();
    QObject *parent = core->runController();
    const QString configName = cfg->name();
    const auto fail = [&](const QString &why) {
        return RemoteCommandJob::failing(configName, tr("Cannot run \"%1\" on the build server: %2").arg(configName, why), parent);
    };

    const RemoteLaunchSettings settings = RemoteLaunchSettings::read(cfg->config());
    KDevelop::IProject *project = settings.project.isEmpty() ? cfg->project()
                                                             : core->projectController()->findProjectByName(settings.project);
    if (!project) {
        if (settings.project.isEmpty()) {
            return fail(tr("No project is configured. Choose the project whose checkout is uploaded in "
                           "Run → Configure Launches."));
        }
        return fail(tr("The project \"%1\" is not open. Open it, or choose another project in Run → Configure Launches.")
                        .arg(settings.project));
    }
    if (!project->path().isLocalFile()) {
        return fail(tr("The project \"%1\" is not a local checkout (%2); only local projects can be uploaded.")
                        .arg(project->name(), project->path().toUrl().toDisplayString()));
    }

    std::optional<ServerEntry> server = resolveServer(settings.server);
    // By default a run goes where the project's builds go, so it finds their workspace.
    if (server && settings.server.isEmpty())
        server = ProjectSettingsApplier::serverFor(project, *server);
    if (!server) {
        return fail(tr("The build server \"%1\" is not configured. Add it (a [Server %1] group with Url= in the "
                       "[BuildService] group of kdeveloprc), or choose another server in Run → Configure Launches.")
                        .arg(settings.server));
    }

    const QString cli = BuildServicePlugin::locateCli();
    if (cli.isEmpty()) {
        return fail(tr("The build-service command-line tool was not found. Install it, put it in PATH, or name it in "
                       "the environment variable BUILD_SERVICE_CLI or with Executable= in the [BuildService] group "
                       "of kdeveloprc."));
    }
    const QFileInfo cliInfo(cli);
    if (!cliInfo.isFile() || !cliInfo.isExecutable()) {
        return fail(tr("The build-service command-line tool %1 does not exist or is not executable. Install it, or fix "
                       "BUILD_SERVICE_CLI or Executable= in the [BuildService] group of kdeveloprc.")
                        .arg(cli));
    }

    const QString root = QDir::cleanPath(project->path().toLocalFile());
    const Result<QStringList> argv = RemoteLaunchCommand::commandLine(
        {cli, server->url, root, settings.command, settings.workingDirectory, settings.environment});
    if (!argv)
        return fail(argv.errorString());
    // The project's extra excludes apply to every upload of the checkout: a run that uploaded
    // them would add files to the workspace that the next build then deletes again.
    QStringList command = argv.value();
    QStringList excludes;
    const auto projectExcludes =
        ProjectBuildSettings::load(project->projectConfiguration()->group(ProjectBuildSettings::GroupName)).uploadExcludes();
    for (const QString &pattern : projectExcludes)
        excludes << QStringLiteral("--exclude") << pattern;
    ProjectBuildSettings::insertOptions(command, excludes);
    qCInfo(BS_PLUGIN) << "launching" << configName << "on" << server->name << ":" << command;
    return new RemoteCommandJob(configName, command, root, server->token, parent, server->caFile, server->pinSha256);
}

} // namespace BuildService::Plugin
