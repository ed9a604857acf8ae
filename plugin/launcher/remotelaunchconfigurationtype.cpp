// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: LGPL-2.1-only OR LGPL-3.0-only

// RemoteLaunchConfigurationType: the launch configuration type "Remote Command (Build Server)".
#include "launcher/remotelaunchconfigurationtype.h"

#include "launcher/remotelaunchconfigpage.h"
#include "launcher/remotelaunchsettings.h"
#include "remotecommand.h"

#include <interfaces/iproject.h>
#include <project/projectmodel.h>

#include <KConfigGroup>

#include <QIcon>

namespace BuildService::Plugin {

QString RemoteLaunchConfigurationType::typeId()
{
    return QStringLiteral("BuildService Remote Command");
}

RemoteLaunchConfigurationType::RemoteLaunchConfigurationType()
{
    m_factories.append(new RemoteLaunchConfigPageFactory);
}

RemoteLaunchConfigurationType::~RemoteLaunchConfigurationType()
{
    qDeleteAll(m_factories);
}

QString RemoteLaunchConfigurationType::id() const
{
    return typeId();
}

QString RemoteLaunchConfigurationType::name() const
{
    return tr("Remote Command (Build Server)");
}

QList<KDevelop::LaunchConfigurationPageFactory *> RemoteLaunchConfigurationType::configPages() const
{
    return m_factories;
}

QIcon RemoteLaunchConfigurationType::icon() const
{
    return QIcon::fromTheme(QStringLiteral("network-server"));
}

bool RemoteLaunchConfigurationType::canLaunch(KDevelop::ProjectBaseItem *) const
{
    return false;
}

bool RemoteLaunchConfigurationType::canLaunch(const QUrl &) const
{
    return false;
}

void RemoteLaunchConfigurationType::configureLaunchFromItem(KConfigGroup config, KDevelop::ProjectBaseItem *item) const
{
    if (item && item->project())
        config.writeEntry(RemoteLaunchSettings::ProjectEntry, item->project()->name());
    config.sync();
}

void RemoteLaunchConfigurationType::configureLaunchFromCmdLineArguments(KConfigGroup config, const QStringList &args) const
{
    QStringList words;
    for (const QString &arg : args)
        words << RemoteCommand::shellQuote(arg);
    config.writeEntry(RemoteLaunchSettings::CommandEntry, words.join(QLatin1Char(' ')));
    config.sync();
}

} // namespace BuildService::Plugin
