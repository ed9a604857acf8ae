// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: GPL-2.0-or-later

// WorkspaceGc: periodic removal of expired workspaces, LRU eviction under limits, artifact expiry.
#pragma once

#include "clock.h"
#include "config/serverconfig.h"

#include <QMetaType>
#include <QObject>
#include <QStringList>
#include <QTimer>

namespace BuildService {

class WorkspaceLocks;
class WorkspaceStore;

/**
 * Garbage collector of the data directory. Never removes a workspace that WorkspaceLocks
 * reports busy: it is skipped and reconsidered on the next run.
 *
 * The store and locks are not owned and must outlive the collector. Runs on the event-loop
 * thread; removing is a rename into the store's TrashBin, whose worker thread deletes the trees.
 */
class WorkspaceGc : public QObject
{
    Q_OBJECT

public:
    /** What one run removed: workspace ids, and build ids whose artifacts expired. */
    struct Report {
        QStringList expired;           ///< idle longer than [build] workspace_ttl_sec
        QStringList evicted;           ///< least recently used, over max_workspaces or max_total_bytes
        QStringList artifactsRemoved;  ///< artifacts/bld_* older than [artifacts] ttl_sec
    };

    /** Uses [build] workspace_ttl_sec, gc_interval_sec, max_workspaces, max_total_bytes and [artifacts] ttl_sec of @p config (copied). */
    WorkspaceGc(WorkspaceStore &store, WorkspaceLocks &locks, const ServerConfig &config,
                Clock clock = systemClock(), QObject *parent = nullptr);

    /**
     * One collection, synchronously: (1) removes workspaces idle longer than the TTL (all of
     * them when the TTL is 0, since nothing is reused then); (2) while the count exceeds
     * max_workspaces or the recorded sizes exceed max_total_bytes, evicts the least recently
     * used idle workspace; (3) removes artifact dirs older than the artifacts TTL (by the
     * modification time of artifacts.zip, or of the dir when there is no zip).
     * Removal failures are logged and the workspace is left for the next run; a tree the trash
     * cannot delete is quarantined (TrashBin).
     * Emits collected() with the same report.
     */
    Report runOnce();

    /** Runs runOnce() every gc_interval_sec from now on (the first run after one interval). */
    void start();
    /** Stops the timer. */
    void stop();

Q_SIGNALS:
    void collected(const BuildService::WorkspaceGc::Report &report);

private:
    void removeExpiredArtifacts(Report &report);

    WorkspaceStore &m_store;
    WorkspaceLocks &m_locks;
    ServerConfig m_config;
    Clock m_clock;
    QTimer m_timer;
};

} // namespace BuildService

Q_DECLARE_METATYPE(BuildService::WorkspaceGc::Report)
