// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: LGPL-2.1-only OR LGPL-3.0-only

// ProjectSettingsApplier: applies a project's remote-build settings to one wrapped build.
#include "projectsettingsapplier.h"

#include "debug.h"
#include "projectbuildsettings.h"

#include <interfaces/iproject.h>

#include <KSharedConfig>

namespace BuildService::Plugin {

namespace {
ProjectBuildSettings settingsOf(KDevelop::IProject *project)
{
    return ProjectBuildSettings::load(project->projectConfiguration()->group(ProjectBuildSettings::GroupName));
}

ServerEntry resolve(const QString &name, KDevelop::IProject *project, const ServerEntry &runtimeServer)
{
    if (name.isEmpty() || name == runtimeServer.name)
        return runtimeServer;
    const QVector<ServerEntry> servers = ServerList::load(KSharedConfig::openConfig()->group(ServerList::GroupName));
    for (const ServerEntry &server : servers) {
        if (server.name == name)
            return server;
    }
    qCWarning(BS_PLUGIN) << "project" << project->name() << "asks for build server" << name
                         << "which is not configured; using" << runtimeServer.name;
    return runtimeServer;
}
} // namespace

ServerEntry ProjectSettingsApplier::serverFor(KDevelop::IProject *project, const ServerEntry &runtimeServer)
{
    if (!project)
        return runtimeServer;
    return resolve(settingsOf(project).server, project, runtimeServer);
}

bool ProjectSettingsApplier::freshWorkspacePending(KDevelop::IProject *project)
{
    return project && settingsOf(project).freshWorkspace;
}

void ProjectSettingsApplier::apply(KDevelop::IProject *project, const ServerEntry &runtimeServer, QStringList &command)
{
    if (!project)
        return;
    ProjectBuildSettings settings = settingsOf(project);
    const ServerEntry server = resolve(settings.server, project, runtimeServer);
    if (server.url != runtimeServer.url)
        ProjectBuildSettings::replaceServerUrl(command, server.url);
    ProjectBuildSettings::insertOptions(command, settings.cliArguments());
    if (settings.freshWorkspace) {
        // One shot: this build gets the new workspace, the next ones reuse it.
        settings.freshWorkspace = false;
        KConfigGroup group = project->projectConfiguration()->group(ProjectBuildSettings::GroupName);
        settings.save(group);
        group.sync();
        qCInfo(BS_PLUGIN) << "project" << project->name() << "builds in a fresh workspace once";
    }
}

} // namespace BuildService::Plugin
