// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: GPL-2.0-or-later

// QueryCommand: `build-service status` and `build-service workspaces`.
#pragma once

#include <QObject>
#include <QStringList>

namespace BuildService::Cli {

/** Sends one query message and prints the reply as a table, or as JSON with --json. */
class QueryCommand : public QObject
{
    Q_OBJECT
public:
    enum class Kind { Status, Workspaces };
    explicit QueryCommand(Kind kind, QObject *parent = nullptr);
    int run(const QStringList &arguments);

private:
    Kind m_kind;
};

} // namespace BuildService::Cli
