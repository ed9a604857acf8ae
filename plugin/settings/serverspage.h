// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: LGPL-2.1-only OR LGPL-3.0-only

// ServersPage: the global "Build Servers" settings page (servers, tokens, Test Connection).
#pragma once

#include <interfaces/configpage.h>

class QLabel;
class QLineEdit;
class QPushButton;
class QTreeView;

namespace BuildService::Plugin {

class BuildServicePlugin;
class ConnectionTester;
class ServerListModel;

/**
 * Edits the server list of kdeveloprc group "BuildService" (ServerList): select a server to
 * load it into the Name/URL/Token fields, then "Add as New", "Update Selected" or "Remove";
 * validation errors (ServerListModel::validate) appear under the fields. "Test Connection"
 * checks the URL and token in the fields with ConnectionTester and shows the outcome.
 * apply() first takes pending edits of the selected server from the fields (when valid), then
 * saves the list and calls BuildServicePlugin::reloadServers(), so new servers are runtimes at
 * once. Widgets have object names (nameEdit, urlEdit, tokenEdit, addButton,
 * updateButton, removeButton, testButton, serverView, messageLabel, testResultLabel).
 */
class ServersPage : public KDevelop::ConfigPage
{
    Q_OBJECT
public:
    ServersPage(BuildServicePlugin *plugin, QWidget *parent);
    ~ServersPage() override;

    QString name() const override;
    QString fullName() const override;
    QIcon icon() const override;

    ServerListModel *model() const { return m_model; }

public Q_SLOTS:
    void apply() override;
    void reset() override;
    void defaults() override;

private:
    int selectedRow() const;
    void selectRow(int row);
    void showSelected();
    void addServer();
    void updateServer();
    void removeServer();
    void testConnection();
    void showMessage(const QString &text);

    BuildServicePlugin *m_plugin;
    ServerListModel *m_model;
    ConnectionTester *m_tester;
    QTreeView *m_view;
    QLineEdit *m_name;
    QLineEdit *m_url;
    QLineEdit *m_token;
    QLineEdit *m_caFile;
    QLineEdit *m_pin;
    QPushButton *m_update;
    QPushButton *m_remove;
    QPushButton *m_test;
    QLabel *m_message;
    QLabel *m_testResult;
};

} // namespace BuildService::Plugin
