// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: LGPL-2.1-only OR LGPL-3.0-only

// RemoteLaunchConfigurationType: the launch configuration type "Remote Command (Build Server)".
#pragma once

#include <interfaces/launchconfigurationtype.h>

namespace BuildService::Plugin {

/**
 * A launch configuration type whose configurations run a shell command in a project's
 * workspace on a build server (see RemoteLauncher, RemoteLaunchSettings). It offers no
 * suggestions for project items or files: what to run remotely is the user's choice.
 * Owns its page factory and (through LaunchConfigurationType) its launchers; registered with
 * and removed from the run controller by BuildServicePlugin, which deletes it. Main thread only.
 */
class RemoteLaunchConfigurationType : public KDevelop::LaunchConfigurationType
{
    Q_OBJECT
public:
    /** The stable id stored in launch configurations ("Type=" entry); never translate it. */
    static QString typeId();

    RemoteLaunchConfigurationType();
    ~RemoteLaunchConfigurationType() override;

    QString id() const override;
    QString name() const override;
    QList<KDevelop::LaunchConfigurationPageFactory *> configPages() const override;
    QIcon icon() const override;
    bool canLaunch(KDevelop::ProjectBaseItem *item) const override;
    bool canLaunch(const QUrl &file) const override;
    /** Sets the item's project as the project to upload. */
    void configureLaunchFromItem(KConfigGroup config, KDevelop::ProjectBaseItem *item) const override;
    /** Makes @p args (program first) the command, shell-quoted. */
    void configureLaunchFromCmdLineArguments(KConfigGroup config, const QStringList &args) const override;

private:
    QList<KDevelop::LaunchConfigurationPageFactory *> m_factories;
};

} // namespace BuildService::Plugin
