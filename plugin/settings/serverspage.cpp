// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: LGPL-2.1-only OR LGPL-3.0-only

// ServersPage: the global "Build Servers" settings page (servers, tokens, Test Connection).
#include "serverspage.h"

#include "buildserviceplugin.h"
#include "connectiontester.h"
#include "protocol/protocol.h"
#include "serverlistmodel.h"

#include <KSharedConfig>

#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTreeView>
#include <QVBoxLayout>

namespace BuildService::Plugin {

namespace {
KConfigGroup serversGroup()
{
    return KSharedConfig::openConfig()->group(ServerList::GroupName);
}
} // namespace

ServersPage::ServersPage(BuildServicePlugin *plugin, QWidget *parent)
    : KDevelop::ConfigPage(plugin, nullptr, parent)
    , m_plugin(plugin)
    , m_model(new ServerListModel(this))
    , m_tester(new ConnectionTester(this))
    , m_view(new QTreeView(this))
    , m_name(new QLineEdit(this))
    , m_url(new QLineEdit(this))
    , m_token(new QLineEdit(this))
    , m_caFile(new QLineEdit(this))
    , m_pin(new QLineEdit(this))
    , m_update(new QPushButton(tr("&Update Selected"), this))
    , m_remove(new QPushButton(tr("&Remove"), this))
    , m_test(new QPushButton(tr("&Test Connection"), this))
    , m_message(new QLabel(this))
    , m_testResult(new QLabel(this))
{
    auto *intro = new QLabel(tr("Each server is offered as the runtime \"Remote: <name>\". Tokens are kept in "
                                "KDevelop's own settings, never in project files. Without servers, "
                                "\"localhost\" (ws://127.0.0.1:%1) is used.").arg(Protocol::DefaultPort), this);
    intro->setWordWrap(true);

    m_view->setObjectName(QStringLiteral("serverView"));
    m_view->setModel(m_model);
    m_view->setRootIsDecorated(false);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->header()->setSectionResizeMode(ServerListModel::UrlColumn, QHeaderView::Stretch);

    m_name->setObjectName(QStringLiteral("nameEdit"));
    m_url->setObjectName(QStringLiteral("urlEdit"));
    m_url->setPlaceholderText(QStringLiteral("ws://buildbox:%1").arg(Protocol::DefaultPort));
    m_token->setObjectName(QStringLiteral("tokenEdit"));
    m_token->setEchoMode(QLineEdit::Password);
    m_token->setPlaceholderText(tr("empty when the server needs none"));
    auto *form = new QFormLayout;
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("U&RL:"), m_url);
    form->addRow(tr("To&ken:"), m_token);
    m_caFile->setObjectName(QStringLiteral("caFileEdit"));
    m_caFile->setPlaceholderText(tr("wss:// only: PEM file of the CA to trust instead of the system's"));
    m_pin->setObjectName(QStringLiteral("pinEdit"));
    m_pin->setPlaceholderText(tr("wss:// only: SHA-256 of the server's self-signed certificate"));
    form->addRow(tr("&CA file:"), m_caFile);
    form->addRow(tr("Certificate &pin:"), m_pin);

    auto *add = new QPushButton(tr("&Add as New"), this);
    add->setObjectName(QStringLiteral("addButton"));
    m_update->setObjectName(QStringLiteral("updateButton"));
    m_remove->setObjectName(QStringLiteral("removeButton"));
    m_test->setObjectName(QStringLiteral("testButton"));
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(add);
    buttons->addWidget(m_update);
    buttons->addWidget(m_remove);
    buttons->addStretch();
    buttons->addWidget(m_test);

    m_message->setObjectName(QStringLiteral("messageLabel"));
    m_message->setWordWrap(true);
    m_message->setStyleSheet(QStringLiteral("color: #c00"));
    m_testResult->setObjectName(QStringLiteral("testResultLabel"));
    m_testResult->setWordWrap(true);
    m_testResult->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_view, 1);
    layout->addLayout(form);
    layout->addLayout(buttons);
    layout->addWidget(m_message);
    layout->addWidget(m_testResult);

    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &ServersPage::showSelected);
    connect(add, &QPushButton::clicked, this, &ServersPage::addServer);
    connect(m_update, &QPushButton::clicked, this, &ServersPage::updateServer);
    connect(m_remove, &QPushButton::clicked, this, &ServersPage::removeServer);
    connect(m_test, &QPushButton::clicked, this, &ServersPage::testConnection);
    connect(m_model, &ServerListModel::edited, this, &ServersPage::changed);
    connect(m_tester, &ConnectionTester::finished, this, [this](bool ok, const QString &text) {
        m_test->setEnabled(true);
        m_testResult->setStyleSheet(ok ? QStringLiteral("color: #070") : QStringLiteral("color: #c00"));
        m_testResult->setText(text);
    });

    reset();
}

ServersPage::~ServersPage() = default;

QString ServersPage::name() const
{
    return tr("Build Servers");
}

QString ServersPage::fullName() const
{
    return tr("Configure Remote Build Servers");
}

QIcon ServersPage::icon() const
{
    return QIcon::fromTheme(QStringLiteral("network-server"));
}

void ServersPage::apply()
{
    // OK right after editing the fields means "save that too", when it is valid.
    const int row = selectedRow();
    if (row >= 0) {
        const ServerEntry &selected = m_model->server(row);
        if (selected.name != m_name->text().trimmed() || selected.url != m_url->text().trimmed()
            || selected.token != m_token->text().trimmed() || selected.caFile != m_caFile->text().trimmed()
            || selected.pinSha256 != m_pin->text().trimmed())
            updateServer();
    }
    KConfigGroup group = serversGroup();
    m_model->save(group);
    group.sync();
    m_plugin->reloadServers();
}

void ServersPage::reset()
{
    m_model->load(serversGroup());
    selectRow(m_model->rowCount() > 0 ? 0 : -1);
    showSelected();
    showMessage(QString());
}

void ServersPage::defaults()
{
    m_model->setServers({ServerList::defaultServer()});
    selectRow(0);
    showSelected();
    Q_EMIT changed();
}

int ServersPage::selectedRow() const
{
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    return rows.isEmpty() ? -1 : rows.first().row();
}

void ServersPage::selectRow(int row)
{
    if (row < 0) {
        m_view->selectionModel()->clearSelection();
        return;
    }
    m_view->selectionModel()->select(m_model->index(row, 0),
                                     QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_view->setCurrentIndex(m_model->index(row, 0));
}

void ServersPage::showSelected()
{
    const int row = selectedRow();
    m_update->setEnabled(row >= 0);
    m_remove->setEnabled(row >= 0);
    if (row < 0)
        return;
    const ServerEntry &server = m_model->server(row);
    m_name->setText(server.name);
    m_url->setText(server.url);
    m_token->setText(server.token);
    m_caFile->setText(server.caFile);
    m_pin->setText(server.pinSha256);
    m_testResult->clear();
}

void ServersPage::addServer()
{
    const Result<int> added = m_model->add({m_name->text(), m_url->text(), m_token->text(), m_caFile->text(), m_pin->text()});
    if (!added) {
        showMessage(added.errorString());
        return;
    }
    showMessage(QString());
    selectRow(added.value());
}

void ServersPage::updateServer()
{
    const Result<int> updated = m_model->update(selectedRow(), {m_name->text(), m_url->text(), m_token->text(), m_caFile->text(), m_pin->text()});
    if (!updated) {
        showMessage(updated.errorString());
        return;
    }
    showMessage(QString());
    selectRow(updated.value());
}

void ServersPage::removeServer()
{
    const int row = selectedRow();
    if (!m_model->remove(row))
        return;
    showMessage(QString());
    selectRow(std::min(row, m_model->rowCount() - 1));
    if (m_model->rowCount() == 0) {
        m_name->clear();
        m_url->clear();
        m_token->clear();
        m_caFile->clear();
        m_pin->clear();
    }
}

void ServersPage::testConnection()
{
    m_test->setEnabled(false);
    m_testResult->setStyleSheet(QString());
    m_testResult->setText(tr("Connecting to %1 ...").arg(m_url->text().trimmed()));
    m_tester->start(m_url->text(), m_token->text(), ClientTlsOptions{m_caFile->text().trimmed(), m_pin->text().trimmed()});
}

void ServersPage::showMessage(const QString &text)
{
    m_message->setText(text);
    m_message->setVisible(!text.isEmpty());
}

} // namespace BuildService::Plugin
