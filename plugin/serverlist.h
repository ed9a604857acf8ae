// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: LGPL-2.1-only OR LGPL-3.0-only

// ServerList: the build servers the user configured, one remote runtime each.
#pragma once

#include <KConfigGroup>

#include <QString>
#include <QVector>

namespace BuildService::Plugin {

/** One configured build server. */
struct ServerEntry {
    // A constructor, not an aggregate: {name, url, token} stays valid without the TLS fields.
    ServerEntry(QString name = QString(), QString url = QString(), QString token = QString(), QString caFile = QString(),
                QString pinSha256 = QString())
        : name(std::move(name)), url(std::move(url)), token(std::move(token)), caFile(std::move(caFile)), pinSha256(std::move(pinSha256))
    {
    }

    QString name;   ///< shown as "Remote: <name>"; also part of the runtime name, so keep it stable
    QString url;    ///< ws:// or wss:// URL
    QString token;  ///< access token, may be empty
    QString caFile;    ///< wss://: PEM CA certificate(s) to trust instead of the system's; may be empty
    QString pinSha256; ///< wss://: SHA-256 of the server's (self-signed) certificate; may be empty
};

/**
 * Reads and writes the server list in a KConfig group (the plugin uses group "BuildService" of
 * the application config, kdeveloprc). Layout: one subgroup "Server <name>" per server with
 * keys Url, Token, CaFile and PinSha256; key Executable in the group overrides where the `build-service` CLI is.
 * When no server is configured, load() returns the default "localhost" (ws://127.0.0.1:7468).
 * Not thread-safe (KConfig); use on the main thread.
 */
class ServerList
{
public:
    static constexpr const char *GroupName = "BuildService";

    /** The configured servers sorted by name, or the default one when there are none. */
    static QVector<ServerEntry> load(const KConfigGroup &group);
    /** Replaces the stored servers by @p servers (removes subgroups of servers not listed). */
    static void save(KConfigGroup &group, const QVector<ServerEntry> &servers);
    /** The built-in default server. */
    static ServerEntry defaultServer();
};

} // namespace BuildService::Plugin
