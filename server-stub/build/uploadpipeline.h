// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: GPL-2.0-or-later

// UploadPipeline: decodes, checks and stages an upload on a worker thread, then syncs it.
#pragma once

#include "core/result.h"
#include "intake/uploadintake.h"
#include "intake/workspacesync.h"
#include "sync/manifest.h"

#include <QObject>
#include <QThread>

#include <atomic>
#include <functional>
#include <memory>

namespace BuildService {

using SyncStats = WorkspaceSync::SyncStats;

/**
 * Runs UploadIntake and WorkspaceSync off the event loop so that one large upload does not
 * stall other connections. Lives on the caller's thread; all signals arrive there.
 * Errors are reported once through failed(); after that the pipeline ignores further input.
 */
class UploadPipeline : public QObject
{
    Q_OBJECT
public:
    UploadPipeline(const QString &stagingDir, const IntakeLimits &limits, bool zstd, QObject *parent = nullptr);
    ~UploadPipeline() override;

    /** Queues compressed bytes for the worker; consumed() reports when they were processed. */
    void feed(const QByteArray &bytes);

    /** What the upload means: the whole tree, or changes against the previous manifest. */
    struct Plan {
        bool delta = false;
        QStringList removed;  ///< delta: paths of @p previous that are gone
        QStringList need;     ///< delta: paths the workspace lost that the upload must contain
        /**
         * Runs on the worker right after a sync that changed the workspace, with the new
         * manifest (stat fields included), before synced(); an error fails the upload. For the
         * metadata writes that must follow the sync (WorkspaceStore::syncPersister()).
         */
        std::function<Result<void>(const Manifest &)> persist;
    };

    /**
     * Ends the stream. The worker validates the end of the archive and works out the new
     * tree (for a delta: @p previous minus removed paths plus the upload), emits validated()
     * (the receiver marks the workspace dirty there), applies the staged tree to
     * @p workspaceDir against @p previous and records the stat of every entry.
     * synced() or failed() follows.
     */
    void finish(const QString &workspaceDir, const Manifest &previous, const Plan &plan);

    /** Stops processing; pending input is dropped. No signal follows. */
    void abort();
    /**
     * Aborts, lets the worker finish the step it is in (a sync is never torn apart), then
     * emits stopped() and deletes itself. Never blocks the caller.
     */
    void stopWhenIdle();

Q_SIGNALS:
    void consumed(qint64 compressedBytes);
    /**
     * The resulting tree has paths that differ only in case or Unicode normalisation
     * (EntryPolicy::findTwins; at most 20 groups) and [limits] name_twins is "warn"; emitted
     * just before validated(). @p text describes them in English for a warning event.
     */
    void nameTwinsFound(const QList<QStringList> &twins, const QString &text);
    /** The whole upload was received and checked; the workspace is about to change. */
    void validated(qint64 entries, qint64 uncompressedBytes);
    /** @p changed is false when the workspace was left exactly as it was (a no-op delta). */
    void synced(const BuildService::Manifest &manifest, const BuildService::SyncStats &stats, bool changed);
    void failed(const BuildService::Error &error);
    /** After stopWhenIdle(): the worker is idle; the object is deleted right after. */
    void stopped();

private:
    Result<SyncStats> applyDelta(const QString &workspaceDir, const Manifest &incoming, const Manifest &previous,
                                 const Manifest &written, const QStringList &removed) const;
    static void recordStat(const QString &workspaceDir, Manifest &manifest, const Manifest &previous, const Manifest *written);

    QThread m_thread;
    static QString twinsText(const QList<QStringList> &twins, int total);

    QString m_stagingDir;
    IntakeLimits m_limits;
    QObject *m_worker = nullptr;
    std::unique_ptr<UploadIntake> m_intake;  // touched only on m_thread
    std::shared_ptr<std::atomic_bool> m_stopped;
};

} // namespace BuildService

Q_DECLARE_METATYPE(BuildService::Manifest)
Q_DECLARE_METATYPE(BuildService::SyncStats)
