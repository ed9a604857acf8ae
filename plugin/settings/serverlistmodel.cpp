// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: LGPL-2.1-only OR LGPL-3.0-only

// ServerListModel: the editable list of build servers behind the "Build Servers" page.
#include "serverlistmodel.h"

#include "protocol/protocol.h"

#include <QUrl>

#include <algorithm>

namespace BuildService::Plugin {

namespace {
Error invalid(const QString &message)
{
    return makeError(ErrorCode::InvalidRequest, message);
}
} // namespace

ServerListModel::ServerListModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

ServerEntry ServerListModel::trimmed(const ServerEntry &entry)
{
    return {entry.name.trimmed(), entry.url.trimmed(), entry.token.trimmed(), entry.caFile.trimmed(), entry.pinSha256.trimmed()};
}

void ServerListModel::setServers(const QVector<ServerEntry> &servers)
{
    beginResetModel();
    m_servers = servers;
    std::sort(m_servers.begin(), m_servers.end(), [](const ServerEntry &a, const ServerEntry &b) { return a.name < b.name; });
    endResetModel();
}

int ServerListModel::rowOf(const QString &name) const
{
    for (int row = 0; row < m_servers.size(); ++row) {
        if (m_servers.at(row).name == name)
            return row;
    }
    return -1;
}

Result<void> ServerListModel::validate(const ServerEntry &entry, int row) const
{
    const ServerEntry server = trimmed(entry);
    if (server.name.isEmpty())
        return invalid(tr("Enter a name for the server."));
    if (server.name.contains(QLatin1Char('[')) || server.name.contains(QLatin1Char(']')))
        return invalid(tr("The server name \"%1\" must not contain [ or ].").arg(server.name));
    for (const QChar c : server.name) {
        if (c.category() == QChar::Other_Control)
            return invalid(tr("The server name must not contain control characters."));
    }
    const int existing = rowOf(server.name);
    if (existing >= 0 && existing != row)
        return invalid(tr("A server named \"%1\" already exists: choose another name.").arg(server.name));
    const QString example = QStringLiteral("ws://buildbox:%1").arg(Protocol::DefaultPort);
    if (server.url.isEmpty())
        return invalid(tr("Enter the server's URL, e.g. %1.").arg(example));
    const QUrl url(server.url, QUrl::StrictMode);
    const QString scheme = url.scheme().toLower();
    if (scheme != QLatin1String("ws") && scheme != QLatin1String("wss"))
        return invalid(tr("The URL \"%1\" must start with ws:// or wss://, e.g. %2.").arg(server.url, example));
    if (!url.isValid())
        return invalid(tr("The URL \"%1\" is not valid: %2.").arg(server.url, url.errorString()));
    if (url.host().isEmpty())
        return invalid(tr("The URL \"%1\" has no host name, e.g. %2.").arg(server.url, example));
    for (const QChar c : server.token) {
        if (c.category() == QChar::Other_Control)
            return invalid(tr("The access token must not contain control characters."));
    }
    return {};
}

int ServerListModel::insertSorted(const ServerEntry &entry)
{
    const auto at = std::lower_bound(m_servers.begin(), m_servers.end(), entry,
                                     [](const ServerEntry &a, const ServerEntry &b) { return a.name < b.name; });
    const int row = int(at - m_servers.begin());
    beginInsertRows(QModelIndex(), row, row);
    m_servers.insert(row, entry);
    endInsertRows();
    return row;
}

Result<int> ServerListModel::add(const ServerEntry &entry)
{
    const Result<void> valid = validate(entry);
    if (!valid)
        return valid.error();
    const int row = insertSorted(trimmed(entry));
    Q_EMIT edited();
    return row;
}

Result<int> ServerListModel::update(int row, const ServerEntry &entry)
{
    if (row < 0 || row >= m_servers.size())
        return invalid(tr("Select the server to change first."));
    const Result<void> valid = validate(entry, row);
    if (!valid)
        return valid.error();
    const ServerEntry server = trimmed(entry);
    int newRow = row;
    if (server.name == m_servers.at(row).name) {
        m_servers[row] = server;
        Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
    } else {
        // A rename may move the row: keep the list sorted like the runtimes.
        beginRemoveRows(QModelIndex(), row, row);
        m_servers.removeAt(row);
        endRemoveRows();
        newRow = insertSorted(server);
    }
    Q_EMIT edited();
    return newRow;
}

bool ServerListModel::remove(int row)
{
    if (row < 0 || row >= m_servers.size())
        return false;
    beginRemoveRows(QModelIndex(), row, row);
    m_servers.removeAt(row);
    endRemoveRows();
    Q_EMIT edited();
    return true;
}

void ServerListModel::load(const KConfigGroup &group)
{
    setServers(ServerList::load(group));
}

void ServerListModel::save(KConfigGroup &group) const
{
    ServerList::save(group, m_servers);
}

int ServerListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_servers.size();
}

int ServerListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ServerListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_servers.size() || role != Qt::DisplayRole)
        return {};
    const ServerEntry &server = m_servers.at(index.row());
    switch (index.column()) {
    case NameColumn:
        return server.name;
    case UrlColumn:
        return server.url;
    case TokenColumn:
        return server.token.isEmpty() ? QString() : tr("set");
    default:
        return {};
    }
}

QVariant ServerListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Name");
    case UrlColumn:
        return tr("URL");
    case TokenColumn:
        return tr("Token");
    default:
        return {};
    }
}

} // namespace BuildService::Plugin
