// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: LGPL-2.1-only OR LGPL-3.0-only

// ServerListModel: the editable list of build servers behind the "Build Servers" page.
#pragma once

#include "core/result.h"
#include "serverlist.h"

#include <QAbstractTableModel>

namespace BuildService::Plugin {

/**
 * The servers being edited on the "Build Servers" page, without any widget, so the rules are
 * testable alone: a name must be non-empty (after trimming), unique and usable as a config
 * group name; a URL must be ws:// or wss:// with a host. add() and update() validate and
 * refuse invalid entries with a message that says what to fix. Columns: name, URL, token
 * (shown as "set" or empty, never in clear). Rows stay sorted by name, as the runtimes are.
 * Main thread only.
 */
class ServerListModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { NameColumn, UrlColumn, TokenColumn, ColumnCount };

    explicit ServerListModel(QObject *parent = nullptr);

    /** Replaces all rows by @p servers (not validated: they come from the config). */
    void setServers(const QVector<ServerEntry> &servers);
    const QVector<ServerEntry> &servers() const { return m_servers; }
    /** The server in @p row; @p row must be valid. */
    const ServerEntry &server(int row) const { return m_servers.at(row); }
    /** The row of the server named @p name, or -1. */
    int rowOf(const QString &name) const;

    /**
     * Checks @p entry as it would be stored in @p row (-1: as a new server); the name is
     * compared trimmed. Returns an error (ErrorCode::InvalidRequest) whose text names the field.
     */
    Result<void> validate(const ServerEntry &entry, int row = -1) const;
    /** Adds @p entry (trimmed) when valid; returns its row. */
    Result<int> add(const ServerEntry &entry);
    /** Replaces the server in @p row by @p entry (trimmed) when valid; returns its new row. */
    Result<int> update(int row, const ServerEntry &entry);
    /** Removes the server in @p row; false when @p row is out of range. */
    bool remove(int row);

    /** Reads the servers from @p group (see ServerList::load). */
    void load(const KConfigGroup &group);
    /** Writes the servers to @p group (see ServerList::save); does not sync. */
    void save(KConfigGroup &group) const;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    /** Emitted after every successful add, update or remove (not after load/setServers). */
    void edited();

private:
    static ServerEntry trimmed(const ServerEntry &entry);
    int insertSorted(const ServerEntry &entry);

    QVector<ServerEntry> m_servers;
};

} // namespace BuildService::Plugin
