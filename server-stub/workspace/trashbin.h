// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: GPL-2.0-or-later

// TrashBin: trees leave their place with one rename and are deleted on a worker thread.
#pragma once

#include "core/result.h"

#include <QElapsedTimer>
#include <QFutureWatcher>
#include <QJsonObject>
#include <QObject>
#include <QQueue>
#include <QStringList>
#include <QThreadPool>

#include <atomic>

namespace BuildService {

/**
 * Owns <dataDir>/trash/ and <dataDir>/quarantine/.
 *
 * discard() renames a tree into trash/ (atomic, constant time, so the event loop never waits
 * for a big deletion) and queues it; a single worker thread deletes queued trees one at a time
 * with TreeRemover. A tree that cannot be deleted is renamed into quarantine/ and reported
 * with a warning (on removal and at every start); it is never a reason to fail.
 * open() queues whatever an earlier run left in trash/ (a crash or a stop mid-removal).
 *
 * Log lines (category buildservice.workspace.trash, info): "removing <label> ..." when a
 * removal starts and "removed <label> ..." when it ends; status() shows the same state.
 *
 * Threading: the object lives on the event-loop thread; only the deletion runs on its worker.
 * The destructor asks a running removal to stop (between two entries) and waits for that;
 * the rest stays in trash/ for the next open().
 */
class TrashBin : public QObject
{
    Q_OBJECT
public:
    explicit TrashBin(const QString &dataDir, QObject *parent = nullptr);
    ~TrashBin() override;

    /** Creates trash/ and quarantine/ and queues leftovers. Errors: IoError (cannot create). */
    Result<void> open();

    /**
     * Moves @p path (a file or a tree, on the data directory's file system) into the trash and
     * queues its deletion; @p label names it in logs (e.g. the workspace id). A missing
     * @p path is nothing to do. When the rename fails (another file system, permissions), the
     * tree is deleted in place by the worker instead, and the failure is logged.
     */
    void discard(const QString &path, const QString &label);

    /** Trees queued or being deleted. */
    int pendingCount() const;
    /** Label of the tree being deleted right now, or empty. */
    QString removing() const;
    /** Entries in quarantine/ (trees that could not be deleted). */
    QStringList quarantined() const;
    /** {"pending": n, "removing": label or "", "removed": n, "quarantined": n} for status replies. */
    QJsonObject status() const;

Q_SIGNALS:
    void removalStarted(const QString &label);
    /** @p removed is false when the tree was quarantined (or left for the next start). */
    void removalFinished(const QString &label, bool removed);

private:
    struct Item {
        QString path;
        QString label;
    };
    void startNext();
    void onRemoved();
    void quarantine(const Item &item, const QString &reason);

    QString m_trashDir;
    QString m_quarantineDir;
    QQueue<Item> m_queue;
    Item m_current;
    bool m_busy = false;
    qint64 m_removed = 0;
    QElapsedTimer m_timer;
    std::atomic_bool m_cancel{false};
    QThreadPool m_pool;
    QFutureWatcher<Result<void>> m_watcher;
};

} // namespace BuildService
