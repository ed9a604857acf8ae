// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: LGPL-2.1-only OR LGPL-3.0-only

// ManifestCache: persistence of the client-side sync state.
#include "manifestcache.h"

#include "protocol/messages.h"

#include <QDebug>
#include <QDir>

namespace BuildService {

ManifestCache::ManifestCache(const QString &folder)
    : m_folder(folder)
{
}

QString ManifestCache::fileName(const QString &workspaceId) const
{
    return m_folder + QLatin1String("/manifest-") + workspaceId;
}

Manifest ManifestCache::load(const QString &workspaceId) const
{
    if (!isValidWorkspaceId(workspaceId))
        return {};
    Result<Manifest> loaded = Manifest::load(fileName(workspaceId));
    return loaded ? std::move(loaded).value() : Manifest();
}

Result<void> ManifestCache::save(const QString &workspaceId, const Manifest &manifest) const
{
    if (!isValidWorkspaceId(workspaceId))
        return makeError(ErrorCode::InvalidRequest, QStringLiteral("not a workspace id: %1").arg(workspaceId));
    clear();
    QDir().mkpath(m_folder);
    return manifest.save(fileName(workspaceId));
}

void ManifestCache::clear() const
{
    const QStringList old = QDir(m_folder).entryList({QStringLiteral("manifest-ws_*")}, QDir::Files);
    for (const QString &name : old) {
        QFile file(m_folder + QLatin1Char('/') + name);
        // A stale manifest only costs a full upload later (the server checks the digest).
        if (!file.remove())
            qWarning().noquote() << "build-service: cannot remove" << file.fileName() << ":" << file.errorString();
    }
}

} // namespace BuildService
