// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: LGPL-2.1-only OR LGPL-3.0-only

// ManifestCache: the client's record of what the server's workspace holds, per checkout and server.
#pragma once

#include "core/result.h"
#include "sync/manifest.h"

#include <QString>

namespace BuildService {

/**
 * `manifest-<workspace id>` in the folder of one server (WorkspaceIdStore::folderPath()): the
 * manifest of the last successful sync of this checkout into that workspace, with the local
 * stat of every file. Its digest is what the
 * client claims the server holds when it asks for a delta upload; the server checks the claim,
 * so a stale or corrupt cache costs a full upload, never a wrong build. One cache is kept per
 * server folder: saving one removes the caches of that server's other workspaces.
 */
class ManifestCache
{
public:
    /** The cache in @p folder, the folder of one server (WorkspaceIdStore::folderPath()). */
    explicit ManifestCache(const QString &folder);

    /** The cached manifest for @p workspaceId, or an empty one when missing or unreadable. */
    Manifest load(const QString &workspaceId) const;
    Result<void> save(const QString &workspaceId, const Manifest &manifest) const;
    void clear() const;

private:
    QString fileName(const QString &workspaceId) const;
    QString m_folder;
};

} // namespace BuildService
