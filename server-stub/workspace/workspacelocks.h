// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: GPL-2.0-or-later

// WorkspaceLocks: at most one build per workspace, with a FIFO queue of waiting builds.
#pragma once

#include <QHash>
#include <QList>
#include <QObject>
#include <QStringList>

#include <functional>

namespace BuildService {

/**
 * In-memory workspace locks for the server's single event loop (not thread-safe).
 *
 * A holder takes a workspace with tryAcquire() or by waiting in enqueue(); release() hands the
 * lock directly to the oldest waiter, so a waiter never races a newcomer. Waiters are tied to an
 * owner QObject (typically the session): cancelWaiting(owner) drops its waits, and so does the
 * owner's destruction. Holding is not tied to an owner; whoever holds must call release().
 */
class WorkspaceLocks : public QObject
{
    Q_OBJECT

public:
    explicit WorkspaceLocks(QObject *parent = nullptr);
    ~WorkspaceLocks() override;

    /** True while a build holds @p id. */
    bool isBusy(const QString &id) const;

    /** Takes @p id if it is free; false when another build holds it. */
    bool tryAcquire(const QString &id);

    /**
     * Waits for @p id. Returns the position in its queue (1 = next). @p onAcquired runs once,
     * synchronously inside the release() that hands the lock over; from then on the waiter
     * holds the lock and must release() it. When @p id is free the lock is taken at once,
     * @p onAcquired runs before enqueue() returns and the result is 0 (callers normally try
     * tryAcquire() first). @p owner must not be null.
     */
    int enqueue(const QString &id, QObject *owner, std::function<void()> onAcquired);

    /**
     * Releases @p id and hands it to the next waiter, if any (FIFO). Releasing a free
     * workspace is a programmer error (asserted in debug builds, ignored otherwise).
     */
    void release(const QString &id);

    /** Drops every wait of @p owner (for any workspace); held locks are not affected. */
    void cancelWaiting(QObject *owner);

    /** Builds waiting for @p id. */
    int waitingCount(const QString &id) const;

    /** Ids currently held, sorted. */
    QStringList busyIds() const;

Q_SIGNALS:
    /** The lock on @p id went free (no waiter took it over). */
    void released(const QString &id);

private:
    struct Waiter {
        QObject *owner;
        std::function<void()> onAcquired;
    };
    struct Slot {
        bool busy = false;
        QList<Waiter> waiters;
    };

    void watchOwner(QObject *owner);
    void forgetOwnerIfIdle(QObject *owner);

    QHash<QString, Slot> m_slots;
    QHash<QObject *, QMetaObject::Connection> m_ownerConnections;
};

} // namespace BuildService
