// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: LGPL-2.1-only OR LGPL-3.0-only

// RemoteLaunchSettings: what a "Remote Command (Build Server)" launch configuration stores.
#pragma once

#include <KConfigGroup>

#include <QString>

namespace BuildService::Plugin {

/**
 * The entries of one remote-command launch configuration, read from and written to its
 * KConfigGroup (the launch configuration's own group, so the keys carry a "BuildService"
 * prefix to stay clear of KDevelop's entries). Empty values mean "use the default":
 * project = the launch configuration's project, server = the current remote runtime's server
 * (else the first configured one), working directory = the project root.
 * Plain value type; not thread-safe only in the sense of KConfig (main thread).
 */
struct RemoteLaunchSettings {
    static constexpr const char *ProjectEntry = "BuildService Project";
    static constexpr const char *ServerEntry = "BuildService Server";
    static constexpr const char *CommandEntry = "BuildService Command";
    static constexpr const char *WorkingDirectoryEntry = "BuildService Working Directory";
    static constexpr const char *EnvironmentEntry = "BuildService Environment";

    QString project;          ///< name of the open project whose checkout is uploaded
    QString server;           ///< name of a configured server (ServerList)
    QString command;          ///< shell command line run remotely, e.g. `./build/hello`
    QString workingDirectory; ///< relative to the project root
    QString environment;      ///< NAME=VALUE lines for the remote command

    /** Reads the entries of @p group (missing entries are empty). */
    static RemoteLaunchSettings read(const KConfigGroup &group);
    /** Writes all entries into @p group (does not sync). */
    void write(KConfigGroup &group) const;

    bool operator==(const RemoteLaunchSettings &other) const;
};

} // namespace BuildService::Plugin
