// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: LGPL-2.1-only OR LGPL-3.0-only

// WorkspaceIdStore: the checkout's workspace ids, one per server, under .build-service/.
#pragma once

#include "core/result.h"

#include <QString>

namespace BuildService {

/**
 * Reads and writes the id of the workspace a server keeps for this checkout. Layout:
 *
 *     <checkout>/.build-service/.gitignore          "*": the folder ignores itself
 *     <checkout>/.build-service/server              URL of the checkout's default server
 *     <checkout>/.build-service/workspace-id        workspace on the default server
 *     <checkout>/.build-service/manifest-<id>       what that workspace holds (ManifestCache)
 *     <checkout>/.build-service/servers/<key>/workspace-id, manifest-<id>   every other server
 *
 * The default server is the first one that stores an id here (a checkout from before servers
 * were told apart has no `server` file: its `workspace-id` goes on working for the first server
 * that builds it). `<key>` is serverKey() of the URL. Writes are atomic. Shared by the CLI and
 * the KDevelop plugin; not thread-safe (one instance per use).
 */
class WorkspaceIdStore
{
public:
    /** The store of @p serverUrl; an empty URL means the default server, whichever it is. */
    explicit WorkspaceIdStore(const QString &checkoutDir, const QString &serverUrl = QString());

    /** The stored id, or an empty string when there is none or the file does not hold a valid id. */
    QString read() const;
    /**
     * Stores @p id (creating the folders and the .gitignore; an unclaimed checkout records this
     * server as its default); IoError on failure.
     */
    Result<void> write(const QString &id) const;
    /** Forgets the id (next build gets a fresh workspace). */
    Result<void> clear() const;

    /** `<checkout>/.build-service`. */
    QString rootFolderPath() const;
    /** The folder of this server: the root folder for the default server, else `servers/<key>`. */
    QString folderPath() const;
    QString filePath() const;

    /**
     * @p url normalised for comparison: lower-case scheme and host, the default port filled
     * in, no trailing slash. Empty when @p url is not a ws:// or wss:// URL with a host.
     */
    static QString normalizedServer(const QString &url);
    /** A file-name-safe key of a normalised server URL, e.g. `build.example.org-7468`. */
    static QString serverKey(const QString &normalizedUrl);

private:
    QString m_checkoutDir;
    QString m_server;       ///< normalised; empty: the default server
    QString m_folder;
    bool m_claimsDefault = false;  ///< no server owns the root folder yet; write() claims it
};

} // namespace BuildService
