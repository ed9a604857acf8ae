// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: LGPL-2.1-only OR LGPL-3.0-only

// ServerList: the build servers the user configured, one remote runtime each.
#include "serverlist.h"

#include "protocol/protocol.h"

#include <algorithm>

namespace BuildService::Plugin {

namespace {
const QLatin1String ServerPrefix("Server ");
}

ServerEntry ServerList::defaultServer()
{
    return {QStringLiteral("localhost"), QStringLiteral("ws://127.0.0.1:%1").arg(Protocol::DefaultPort), QString(), QString(), QString()};
}

QVector<ServerEntry> ServerList::load(const KConfigGroup &group)
{
    QVector<ServerEntry> servers;
    const QStringList subgroups = group.groupList();
    for (const QString &subgroup : subgroups) {
        if (!subgroup.startsWith(ServerPrefix))
            continue;
        const KConfigGroup entry = group.group(subgroup);
        ServerEntry server{subgroup.mid(ServerPrefix.size()).trimmed(), entry.readEntry("Url", QString()).trimmed(),
                           entry.readEntry("Token", QString()), entry.readEntry("CaFile", QString()).trimmed(),
                           entry.readEntry("PinSha256", QString()).trimmed()};
        if (server.name.isEmpty() || server.url.isEmpty())
            continue;
        servers.append(server);
    }
    std::sort(servers.begin(), servers.end(), [](const ServerEntry &a, const ServerEntry &b) { return a.name < b.name; });
    if (servers.isEmpty())
        servers.append(defaultServer());
    return servers;
}

void ServerList::save(KConfigGroup &group, const QVector<ServerEntry> &servers)
{
    const QStringList subgroups = group.groupList();
    for (const QString &subgroup : subgroups) {
        if (subgroup.startsWith(ServerPrefix))
            group.deleteGroup(subgroup);
    }
    for (const ServerEntry &server : servers) {
        KConfigGroup entry = group.group(ServerPrefix + server.name);
        entry.writeEntry("Url", server.url);
        entry.writeEntry("Token", server.token);
        entry.writeEntry("CaFile", server.caFile);
        entry.writeEntry("PinSha256", server.pinSha256);
    }
}

} // namespace BuildService::Plugin
