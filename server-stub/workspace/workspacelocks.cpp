// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: GPL-2.0-or-later

// WorkspaceLocks: FIFO hand-over of per-workspace locks.
#include "workspacelocks.h"

#include <algorithm>

namespace BuildService {

WorkspaceLocks::WorkspaceLocks(QObject *parent)
    : QObject(parent)
{
}

WorkspaceLocks::~WorkspaceLocks()
{
    for (const QMetaObject::Connection &c : qAsConst(m_ownerConnections))
        disconnect(c);
}

bool WorkspaceLocks::isBusy(const QString &id) const
{
    const auto it = m_slots.constFind(id);
    return it != m_slots.constEnd() && it->busy;
}

bool WorkspaceLocks::tryAcquire(const QString &id)
{
    Slot &slot = m_slots[id];
    if (slot.busy)
        return false;
    slot.busy = true;
    return true;
}

int WorkspaceLocks::enqueue(const QString &id, QObject *owner, std::function<void()> onAcquired)
{
    Q_ASSERT(owner);
    Q_ASSERT(onAcquired);
    if (tryAcquire(id)) {
        onAcquired();
        return 0;
    }
    watchOwner(owner);
    Slot &slot = m_slots[id];
    slot.waiters.append(Waiter{owner, std::move(onAcquired)});
    return slot.waiters.size();
}

void WorkspaceLocks::release(const QString &id)
{
    auto it = m_slots.find(id);
    Q_ASSERT_X(it != m_slots.end() && it->busy, "WorkspaceLocks::release", "workspace is not held");
    if (it == m_slots.end() || !it->busy)
        return;
    if (it->waiters.isEmpty()) {
        m_slots.erase(it);
        Q_EMIT released(id);
        return;
    }
    // The lock stays busy: ownership passes straight to the oldest waiter.
    Waiter next = it->waiters.takeFirst();
    forgetOwnerIfIdle(next.owner);
    next.onAcquired();
}

void WorkspaceLocks::cancelWaiting(QObject *owner)
{
    for (auto it = m_slots.begin(); it != m_slots.end();) {
        auto &waiters = it->waiters;
        waiters.erase(std::remove_if(waiters.begin(), waiters.end(), [owner](const Waiter &w) { return w.owner == owner; }),
                      waiters.end());
        if (!it->busy && it->waiters.isEmpty())
            it = m_slots.erase(it);
        else
            ++it;
    }
    const auto c = m_ownerConnections.find(owner);
    if (c != m_ownerConnections.end()) {
        disconnect(*c);
        m_ownerConnections.erase(c);
    }
}

int WorkspaceLocks::waitingCount(const QString &id) const
{
    const auto it = m_slots.constFind(id);
    return it == m_slots.constEnd() ? 0 : it->waiters.size();
}

QStringList WorkspaceLocks::busyIds() const
{
    QStringList ids;
    for (auto it = m_slots.constBegin(); it != m_slots.constEnd(); ++it) {
        if (it->busy)
            ids.append(it.key());
    }
    ids.sort();
    return ids;
}

void WorkspaceLocks::watchOwner(QObject *owner)
{
    if (m_ownerConnections.contains(owner))
        return;
    // Only the pointer value is used after destruction, as a key.
    m_ownerConnections.insert(owner, connect(owner, &QObject::destroyed, this, [this, owner] { cancelWaiting(owner); }));
}

void WorkspaceLocks::forgetOwnerIfIdle(QObject *owner)
{
    for (const Slot &slot : qAsConst(m_slots)) {
        for (const Waiter &w : slot.waiters) {
            if (w.owner == owner)
                return;
        }
    }
    const auto c = m_ownerConnections.find(owner);
    if (c != m_ownerConnections.end()) {
        disconnect(*c);
        m_ownerConnections.erase(c);
    }
}

} // namespace BuildService
