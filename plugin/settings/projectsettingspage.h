// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: LGPL-2.1-only OR LGPL-3.0-only

// ProjectSettingsPage: the per-project "Remote Build" page (server, artifacts, excludes, fresh workspace).
#pragma once

#include <interfaces/configpage.h>

class QCheckBox;
class QComboBox;
class QPlainTextEdit;

namespace KDevelop {
class IProject;
}

namespace BuildService::Plugin {

class ProjectBuildSettings;

/**
 * Shows and edits a project's ProjectBuildSettings in the project's config
 * (IProject::projectConfiguration(), group "BuildService"). The server combo offers "The
 * selected runtime's server" and every configured server by name (a stored name that is no
 * longer configured stays selectable, marked as such). Widgets have object names
 * (serverCombo, artifactsEdit, excludesEdit, freshWorkspaceCheck).
 */
class ProjectSettingsPage : public KDevelop::ConfigPage
{
    Q_OBJECT
public:
    ProjectSettingsPage(KDevelop::IPlugin *plugin, KDevelop::IProject *project, QWidget *parent);
    ~ProjectSettingsPage() override;

    QString name() const override;
    QString fullName() const override;
    QIcon icon() const override;

public Q_SLOTS:
    void apply() override;
    void reset() override;
    void defaults() override;

private:
    void showSettings(const ProjectBuildSettings &settings);
    ProjectBuildSettings shownSettings() const;

    KDevelop::IProject *m_project;
    QComboBox *m_server;
    QPlainTextEdit *m_artifacts;
    QPlainTextEdit *m_excludes;
    QCheckBox *m_fresh;
};

} // namespace BuildService::Plugin
