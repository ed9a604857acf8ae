// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: LGPL-2.1-only OR LGPL-3.0-only

// RemoteLauncher: starts a "Remote Command (Build Server)" launch configuration in mode execute.
#pragma once

#include "serverlist.h"

#include <interfaces/ilauncher.h>

#include <QCoreApplication>

#include <optional>

namespace BuildService::Plugin {

/**
 * The launcher of RemoteLaunchConfigurationType for the "execute" mode. start() resolves the
 * configuration (RemoteLaunchSettings) against the open projects, the configured servers and
 * the CLI, and returns a RemoteCommandJob: a running one, or one that fails with a message
 * telling the user what to configure (no project, project not open, server not configured,
 * CLI not found, no command, bad environment line, working directory outside the project).
 * Owned by its launch configuration type. Main thread only.
 */
class RemoteLauncher : public KDevelop::ILauncher
{
    Q_DECLARE_TR_FUNCTIONS(BuildService::Plugin::RemoteLauncher)
public:
    static QString launcherId();

    QString id() override;
    QString name() const override;
    QString description() const override;
    QStringList supportedModes() const override;
    QList<KDevelop::LaunchConfigurationPageFactory *> configPages() const override;
    /** A RemoteCommandJob parented to the run controller, or nullptr for a mode other than "execute". */
    KJob *start(const QString &launchMode, KDevelop::ILaunchConfiguration *cfg) override;

    /**
     * The server named @p name in the configuration, or for an empty name the server of the
     * current runtime when it is a remote one, else the first configured server; nothing when
     * @p name is not configured.
     */
    static std::optional<ServerEntry> resolveServer(const QString &name);
};

} // namespace BuildService::Plugin
