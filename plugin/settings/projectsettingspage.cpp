// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: LGPL-2.1-only OR LGPL-3.0-only

// ProjectSettingsPage: the per-project "Remote Build" page (server, artifacts, excludes, fresh workspace).
#include "projectsettingspage.h"

#include "projectbuildsettings.h"
#include "serverlist.h"

#include <interfaces/iproject.h>

#include <KSharedConfig>

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QSignalBlocker>

namespace BuildService::Plugin {

ProjectSettingsPage::ProjectSettingsPage(KDevelop::IPlugin *plugin, KDevelop::IProject *project, QWidget *parent)
    : KDevelop::ConfigPage(plugin, nullptr, parent)
    , m_project(project)
    , m_server(new QComboBox(this))
    , m_artifacts(new QPlainTextEdit(this))
    , m_excludes(new QPlainTextEdit(this))
    , m_fresh(new QCheckBox(tr("Use a &fresh workspace for the next build"), this))
{
    m_server->setObjectName(QStringLiteral("serverCombo"));
    m_server->setToolTip(tr("Builds of this project go to this server whenever a remote runtime is selected."));
    m_artifacts->setObjectName(QStringLiteral("artifactsEdit"));
    m_artifacts->setPlaceholderText(QStringLiteral("build/app\nbuild/**/*.so"));
    m_artifacts->setToolTip(tr("One glob per line, relative to the project root (* ? [..] and **). Matching "
                               "files are copied back into the checkout after each remote build."));
    m_excludes->setObjectName(QStringLiteral("excludesEdit"));
    m_excludes->setPlaceholderText(QStringLiteral("*.iso\nlarge-data/"));
    m_excludes->setToolTip(tr("One pattern per line, .gitignore syntax: matching files are not uploaded, in "
                              "addition to what .gitignore leaves out."));
    m_fresh->setObjectName(QStringLiteral("freshWorkspaceCheck"));
    m_fresh->setToolTip(tr("The next remote build of this project starts in a new, empty workspace; "
                           "the option then switches itself off."));

    auto *layout = new QFormLayout(this);
    layout->addRow(tr("Build &server:"), m_server);
    layout->addRow(tr("&Artifacts to bring back:"), m_artifacts);
    layout->addRow(tr("Extra &excludes:"), m_excludes);
    layout->addRow(QString(), m_fresh);

    connect(m_server, qOverload<int>(&QComboBox::currentIndexChanged), this, &ProjectSettingsPage::changed);
    connect(m_artifacts, &QPlainTextEdit::textChanged, this, &ProjectSettingsPage::changed);
    connect(m_excludes, &QPlainTextEdit::textChanged, this, &ProjectSettingsPage::changed);
    connect(m_fresh, &QCheckBox::toggled, this, &ProjectSettingsPage::changed);

    reset();
}

ProjectSettingsPage::~ProjectSettingsPage() = default;

QString ProjectSettingsPage::name() const
{
    return tr("Remote Build");
}

QString ProjectSettingsPage::fullName() const
{
    return tr("Remote Build Settings of This Project");
}

QIcon ProjectSettingsPage::icon() const
{
    return QIcon::fromTheme(QStringLiteral("network-server"));
}

void ProjectSettingsPage::apply()
{
    KConfigGroup group = m_project->projectConfiguration()->group(ProjectBuildSettings::GroupName);
    shownSettings().save(group);
    group.sync();
}

void ProjectSettingsPage::reset()
{
    showSettings(ProjectBuildSettings::load(m_project->projectConfiguration()->group(ProjectBuildSettings::GroupName)));
}

void ProjectSettingsPage::defaults()
{
    showSettings(ProjectBuildSettings());
    Q_EMIT changed();
}

void ProjectSettingsPage::showSettings(const ProjectBuildSettings &settings)
{
    // Showing stored values is no user change: the dialog must not offer to apply them.
    const QSignalBlocker blockServer(m_server);
    const QSignalBlocker blockArtifacts(m_artifacts);
    const QSignalBlocker blockExcludes(m_excludes);
    const QSignalBlocker blockFresh(m_fresh);
    m_server->clear();
    m_server->addItem(tr("The selected runtime's server"), QString());
    const QVector<ServerEntry> servers = ServerList::load(KSharedConfig::openConfig()->group(ServerList::GroupName));
    for (const ServerEntry &server : servers)
        m_server->addItem(server.name, server.name);
    int current = m_server->findData(settings.server);
    if (current < 0) {
        // Keep a removed server's name rather than silently dropping the choice.
        m_server->addItem(tr("%1 (not configured)").arg(settings.server), settings.server);
        current = m_server->count() - 1;
    }
    m_server->setCurrentIndex(current);
    m_artifacts->setPlainText(settings.artifacts.join(QLatin1Char('\n')));
    m_excludes->setPlainText(settings.excludes.join(QLatin1Char('\n')));
    m_fresh->setChecked(settings.freshWorkspace);
}

ProjectBuildSettings ProjectSettingsPage::shownSettings() const
{
    ProjectBuildSettings settings;
    settings.server = m_server->currentData().toString();
    settings.artifacts = ProjectBuildSettings::splitLines(m_artifacts->toPlainText());
    settings.excludes = ProjectBuildSettings::splitLines(m_excludes->toPlainText());
    settings.freshWorkspace = m_fresh->isChecked();
    return settings;
}

} // namespace BuildService::Plugin
