// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: LGPL-2.1-only OR LGPL-3.0-only

// RemoteLaunchConfigPage: the settings page of a "Remote Command (Build Server)" configuration.
#include "launcher/remotelaunchconfigpage.h"

#include "launcher/remotelaunchsettings.h"
#include "serverlist.h"

#include <interfaces/icore.h>
#include <interfaces/iproject.h>
#include <interfaces/iprojectcontroller.h>

#include <KSharedConfig>

#include <QComboBox>
#include <QFormLayout>
#include <QIcon>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSignalBlocker>

namespace BuildService::Plugin {

namespace {
// Selects the item whose data is @p value, adding it first when the combo does not offer it.
void selectData(QComboBox *combo, const QString &value, const QString &missingLabel)
{
    int index = combo->findData(value);
    if (index < 0) {
        combo->addItem(missingLabel.arg(value), value);
        index = combo->count() - 1;
    }
    combo->setCurrentIndex(index);
}
} // namespace

RemoteLaunchConfigPage::RemoteLaunchConfigPage(QWidget *parent)
    : KDevelop::LaunchConfigurationPage(parent)
    , m_project(new QComboBox(this))
    , m_server(new QComboBox(this))
    , m_command(new QLineEdit(this))
    , m_workingDirectory(new QLineEdit(this))
    , m_environment(new QPlainTextEdit(this))
{
    m_project->setObjectName(QStringLiteral("project"));
    m_server->setObjectName(QStringLiteral("server"));
    m_command->setObjectName(QStringLiteral("command"));
    m_workingDirectory->setObjectName(QStringLiteral("workingDirectory"));
    m_environment->setObjectName(QStringLiteral("environment"));

    m_command->setPlaceholderText(tr("e.g. ./build/hello or ctest --test-dir build"));
    m_command->setToolTip(tr("A /bin/sh command line, run in the project's workspace on the build server"));
    m_workingDirectory->setPlaceholderText(tr("relative to the project root; empty = the root"));
    m_environment->setPlaceholderText(tr("NAME=VALUE, one per line"));
    m_environment->setTabChangesFocus(true);

    auto *layout = new QFormLayout(this);
    layout->addRow(tr("&Project:"), m_project);
    layout->addRow(tr("&Server:"), m_server);
    layout->addRow(tr("&Command:"), m_command);
    layout->addRow(tr("&Working directory:"), m_workingDirectory);
    layout->addRow(tr("&Environment:"), m_environment);
    auto *note = new QLabel(tr("The project is uploaded to the server first (only changes after the first run); "
                               "the command runs in its workspace and its output appears in the Run view."),
                            this);
    note->setWordWrap(true);
    layout->addRow(note);

    connect(m_project, QOverload<int>::of(&QComboBox::currentIndexChanged), this, &RemoteLaunchConfigPage::changed);
    connect(m_server, QOverload<int>::of(&QComboBox::currentIndexChanged), this, &RemoteLaunchConfigPage::changed);
    connect(m_command, &QLineEdit::textEdited, this, &RemoteLaunchConfigPage::changed);
    connect(m_workingDirectory, &QLineEdit::textEdited, this, &RemoteLaunchConfigPage::changed);
    connect(m_environment, &QPlainTextEdit::textChanged, this, &RemoteLaunchConfigPage::changed);
}

void RemoteLaunchConfigPage::loadFromConfiguration(const KConfigGroup &cfg, KDevelop::IProject *project)
{
    const QSignalBlocker blockPage(this);
    const QSignalBlocker blockEnvironment(m_environment);
    const RemoteLaunchSettings settings = RemoteLaunchSettings::read(cfg);

    m_project->clear();
    m_project->addItem(project ? tr("This configuration's project (%1)").arg(project->name())
                               : tr("This configuration's project (none)"),
                       QString());
    const auto projects = KDevelop::ICore::self()->projectController()->projects();
    for (KDevelop::IProject *open : projects)
        m_project->addItem(QIcon::fromTheme(QStringLiteral("project-development")), open->name(), open->name());
    selectData(m_project, settings.project, tr("%1 (not open)"));

    m_server->clear();
    m_server->addItem(tr("Default: the current remote runtime's server, else the first server"), QString());
    const QVector<ServerEntry> servers = ServerList::load(KSharedConfig::openConfig()->group(ServerList::GroupName));
    for (const ServerEntry &server : servers)
        m_server->addItem(QIcon::fromTheme(QStringLiteral("network-server")), QStringLiteral("%1 (%2)").arg(server.name, server.url),
                          server.name);
    selectData(m_server, settings.server, tr("%1 (not configured)"));

    m_command->setText(settings.command);
    m_workingDirectory->setText(settings.workingDirectory);
    m_environment->setPlainText(settings.environment);
}

void RemoteLaunchConfigPage::saveToConfiguration(KConfigGroup cfg, KDevelop::IProject *) const
{
    RemoteLaunchSettings settings;
    settings.project = m_project->currentData().toString();
    settings.server = m_server->currentData().toString();
    settings.command = m_command->text().trimmed();
    settings.workingDirectory = m_workingDirectory->text().trimmed();
    settings.environment = m_environment->toPlainText();
    settings.write(cfg);
}

QString RemoteLaunchConfigPage::title() const
{
    return tr("Remote Command");
}

QIcon RemoteLaunchConfigPage::icon() const
{
    return QIcon::fromTheme(QStringLiteral("network-server"));
}

KDevelop::LaunchConfigurationPage *RemoteLaunchConfigPageFactory::createWidget(QWidget *parent)
{
    return new RemoteLaunchConfigPage(parent);
}

} // namespace BuildService::Plugin
