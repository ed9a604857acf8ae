// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: GPL-2.0-or-later

// CacheCommand: `build-service cache stats` and `build-service cache clear`.
#pragma once

#include <QJsonObject>
#include <QObject>
#include <QStringList>

#include <functional>

namespace BuildService::Cli {

/** Shows the server's build cache statistics, or invalidates cache entries. */
class CacheCommand : public QObject
{
    Q_OBJECT
public:
    explicit CacheCommand(QObject *parent = nullptr);
    /** Runs with @p arguments (argv after "cache"); returns the exit code (0, 2 usage, 125 failure). */
    int run(const QStringList &arguments);

private:
    int stats(const QStringList &arguments);
    int clear(const QStringList &arguments);
    int exportEntry(const QStringList &arguments);
    int importEntry(const QStringList &arguments);
};

} // namespace BuildService::Cli
