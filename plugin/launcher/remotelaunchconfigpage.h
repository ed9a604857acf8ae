// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: LGPL-2.1-only OR LGPL-3.0-only

// RemoteLaunchConfigPage: the settings page of a "Remote Command (Build Server)" configuration.
#pragma once

#include <interfaces/launchconfigurationpage.h>

class QComboBox;
class QLineEdit;
class QPlainTextEdit;

namespace BuildService::Plugin {

/**
 * Edits RemoteLaunchSettings: the project (open projects; empty = the configuration's own
 * project), the server (configured servers; empty = the current remote runtime's server, else
 * the first), the command, the working directory relative to the project root and NAME=VALUE
 * environment lines. A stored project or server that is not available right now stays
 * selectable, so saving an untouched page never changes the configuration. Emits changed()
 * on every edit. Owned by the launch configuration dialog; main thread only.
 */
class RemoteLaunchConfigPage : public KDevelop::LaunchConfigurationPage
{
    Q_OBJECT
public:
    explicit RemoteLaunchConfigPage(QWidget *parent);

    void loadFromConfiguration(const KConfigGroup &cfg, KDevelop::IProject *project = nullptr) override;
    void saveToConfiguration(KConfigGroup cfg, KDevelop::IProject *project = nullptr) const override;
    QString title() const override;
    QIcon icon() const override;

private:
    QComboBox *m_project;
    QComboBox *m_server;
    QLineEdit *m_command;
    QLineEdit *m_workingDirectory;
    QPlainTextEdit *m_environment;
};

/** Creates RemoteLaunchConfigPage instances; owned by RemoteLaunchConfigurationType. */
class RemoteLaunchConfigPageFactory : public KDevelop::LaunchConfigurationPageFactory
{
public:
    KDevelop::LaunchConfigurationPage *createWidget(QWidget *parent) override;
};

} // namespace BuildService::Plugin
