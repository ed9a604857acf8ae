// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: LGPL-2.1-only OR LGPL-3.0-only

// RemoteLaunchSettings: what a "Remote Command (Build Server)" launch configuration stores.
#include "launcher/remotelaunchsettings.h"

namespace BuildService::Plugin {

RemoteLaunchSettings RemoteLaunchSettings::read(const KConfigGroup &group)
{
    RemoteLaunchSettings settings;
    settings.project = group.readEntry(ProjectEntry, QString());
    settings.server = group.readEntry(ServerEntry, QString());
    settings.command = group.readEntry(CommandEntry, QString());
    settings.workingDirectory = group.readEntry(WorkingDirectoryEntry, QString());
    settings.environment = group.readEntry(EnvironmentEntry, QString());
    return settings;
}

void RemoteLaunchSettings::write(KConfigGroup &group) const
{
    group.writeEntry(ProjectEntry, project);
    group.writeEntry(ServerEntry, server);
    group.writeEntry(CommandEntry, command);
    group.writeEntry(WorkingDirectoryEntry, workingDirectory);
    group.writeEntry(EnvironmentEntry, environment);
}

bool RemoteLaunchSettings::operator==(const RemoteLaunchSettings &other) const
{
    return project == other.project && server == other.server && command == other.command
        && workingDirectory == other.workingDirectory && environment == other.environment;
}

} // namespace BuildService::Plugin
