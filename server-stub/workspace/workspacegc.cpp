// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: GPL-2.0-or-later

// WorkspaceGc: TTL expiry, LRU eviction and artifact expiry, on a timer.
#include "workspacegc.h"

#include "protocol/messages.h"
#include "trashbin.h"
#include "workspacelocks.h"
#include "workspacestore.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QLoggingCategory>

#include <limits>

Q_LOGGING_CATEGORY(lcWorkspaceGc, "buildservice.workspace.gc", QtInfoMsg)

namespace BuildService {

WorkspaceGc::WorkspaceGc(WorkspaceStore &store, WorkspaceLocks &locks, const ServerConfig &config, Clock clock,
                         QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_locks(locks)
    , m_config(config)
    , m_clock(std::move(clock))
{
    qRegisterMetaType<BuildService::WorkspaceGc::Report>();
    connect(&m_timer, &QTimer::timeout, this, [this] { runOnce(); });
}

void WorkspaceGc::start()
{
    // ServerConfig::validate() already bounds gc_interval_sec; clamp anyway so the ms fit an int.
    constexpr qint64 maxSec = std::numeric_limits<int>::max() / 1000;
    m_timer.start(int(qBound<qint64>(1, m_config.build.gcIntervalSec, maxSec) * 1000));
}

void WorkspaceGc::stop()
{
    m_timer.stop();
}

WorkspaceGc::Report WorkspaceGc::runOnce()
{
    Report report;
    const qint64 now = m_clock();
    const qint64 ttlMs = m_config.build.workspaceTtlSec * 1000;

    QList<WorkspaceStore::WorkspaceInfo> kept;
    for (const WorkspaceStore::WorkspaceInfo &ws : m_store.list()) {
        if (!ws.lastUsedError.isEmpty()) {
            // An error is never a reason to delete: keep it, and restart its TTL from now.
            m_store.repairLastUsed(ws.id, ws.lastUsedError);
            kept.append(ws);
            continue;
        }
        const bool expired = ttlMs <= 0 || ws.lastUsedMs + ttlMs < now;
        if (!expired) {
            kept.append(ws);
            continue;
        }
        if (m_locks.isBusy(ws.id)) {
            qCDebug(lcWorkspaceGc) << "workspace" << ws.id << "is past its TTL but in use; kept for now";
            kept.append(ws);
            continue;
        }
        if (Result<void> r = m_store.remove(ws.id); !r) {
            qCWarning(lcWorkspaceGc).noquote() << "cannot remove expired workspace" << ws.id << ":" << r.errorString();
            kept.append(ws);
            continue;
        }
        qCInfo(lcWorkspaceGc).noquote() << "removed workspace" << ws.id << "reason: expired, idle for"
                                        << (now - ws.lastUsedMs) / 1000 << "s, TTL" << m_config.build.workspaceTtlSec << "s";
        report.expired.append(ws.id);
    }

    // kept is least recently used first (WorkspaceStore::list()).
    const qint64 maxCount = m_config.build.maxWorkspaces;
    const qint64 maxBytes = m_config.build.maxTotalBytes;
    qint64 count = kept.size();
    qint64 bytes = 0;
    for (const WorkspaceStore::WorkspaceInfo &ws : qAsConst(kept))
        bytes += ws.bytes;
    for (const WorkspaceStore::WorkspaceInfo &ws : qAsConst(kept)) {
        const bool overCount = maxCount > 0 && count > maxCount;
        const bool overBytes = maxBytes > 0 && bytes > maxBytes;
        if (!overCount && !overBytes)
            break;
        if (m_locks.isBusy(ws.id))
            continue;
        if (Result<void> r = m_store.remove(ws.id); !r) {
            qCWarning(lcWorkspaceGc).noquote() << "cannot evict workspace" << ws.id << ":" << r.errorString();
            continue;
        }
        qCInfo(lcWorkspaceGc).noquote()
            << "removed workspace" << ws.id << "reason: evicted as least recently used,"
            << (overCount ? QStringLiteral("%1 workspaces exceed max_workspaces %2").arg(count).arg(maxCount)
                          : QStringLiteral("%1 bytes exceed max_total_bytes %2").arg(bytes).arg(maxBytes));
        --count;
        bytes -= ws.bytes;
        report.evicted.append(ws.id);
    }
    if ((maxCount > 0 && count > maxCount) || (maxBytes > 0 && bytes > maxBytes))
        qCWarning(lcWorkspaceGc) << "still over the workspace limits: the remaining workspaces are in use";

    removeExpiredArtifacts(report);
    Q_EMIT collected(report);
    return report;
}

void WorkspaceGc::removeExpiredArtifacts(Report &report)
{
    const qint64 now = m_clock();
    const qint64 ttlMs = m_config.artifacts.ttlSec * 1000;
    const QString root = m_store.dataDir() + QLatin1String("/artifacts");
    const QStringList names = QDir(root).entryList(QDir::Dirs | QDir::NoDotAndDotDot | QDir::NoSymLinks);
    for (const QString &buildId : names) {
        if (!isValidBuildId(buildId))
            continue;
        const QString dir = m_store.artifactsPath(buildId);
        const QFileInfo zip(dir + QLatin1String("/artifacts.zip"));
        const QFileInfo stamp = zip.exists() ? zip : QFileInfo(dir);
        const qint64 ageMs = now - stamp.lastModified().toMSecsSinceEpoch();
        if (ageMs <= ttlMs)
            continue;
        TrashBin *trash = m_store.trash();
        if (!trash) {
            qCWarning(lcWorkspaceGc).noquote() << "cannot remove expired artifacts" << dir << ": the store is not open";
            continue;
        }
        trash->discard(dir, buildId + QLatin1String("-artifacts"));
        qCInfo(lcWorkspaceGc).noquote() << "removed artifacts of" << buildId << "reason: expired, age" << ageMs / 1000
                                        << "s, TTL" << m_config.artifacts.ttlSec << "s";
        report.artifactsRemoved.append(buildId);
    }
}

} // namespace BuildService
