// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: BSD-2-Clause

// Tests for WorkspaceLocks: exclusive hold, FIFO hand-over, cancelled and destroyed waiters.
#include "workspace/workspacelocks.h"

#include <QTest>

#include <memory>

using namespace BuildService;

class TestWorkspaceLocks : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void holdsAtMostOneBuildPerWorkspace()
    {
        WorkspaceLocks locks;
        QVERIFY(!locks.isBusy(QStringLiteral("ws_a")));
        QVERIFY(locks.tryAcquire(QStringLiteral("ws_a")));
        QVERIFY(locks.isBusy(QStringLiteral("ws_a")));
        QVERIFY(!locks.tryAcquire(QStringLiteral("ws_a")));
        QVERIFY(locks.tryAcquire(QStringLiteral("ws_b")));
        QCOMPARE(locks.busyIds(), (QStringList{QStringLiteral("ws_a"), QStringLiteral("ws_b")}));
        locks.release(QStringLiteral("ws_a"));
        QVERIFY(!locks.isBusy(QStringLiteral("ws_a")));
        QVERIFY(locks.tryAcquire(QStringLiteral("ws_a")));
    }

    void handsOverToWaitersInFifoOrder()
    {
        WorkspaceLocks locks;
        QObject first, second;
        QStringList order;
        const QString id = QStringLiteral("ws_a");
        QVERIFY(locks.tryAcquire(id));
        QCOMPARE(locks.enqueue(id, &first, [&] { order << QStringLiteral("first"); }), 1);
        QCOMPARE(locks.enqueue(id, &second, [&] { order << QStringLiteral("second"); }), 2);
        QCOMPARE(locks.waitingCount(id), 2);

        locks.release(id);
        QCOMPARE(order, QStringList{QStringLiteral("first")});
        QVERIFY(locks.isBusy(id));           // now held by the first waiter
        QVERIFY(!locks.tryAcquire(id));      // a newcomer cannot jump the queue
        locks.release(id);
        QCOMPARE(order, (QStringList{QStringLiteral("first"), QStringLiteral("second")}));
        QVERIFY(locks.isBusy(id));
        locks.release(id);
        QVERIFY(!locks.isBusy(id));
        QVERIFY(locks.busyIds().isEmpty());
    }

    void enqueueOnFreeWorkspaceAcquiresAtOnce()
    {
        WorkspaceLocks locks;
        QObject owner;
        bool acquired = false;
        QCOMPARE(locks.enqueue(QStringLiteral("ws_a"), &owner, [&] { acquired = true; }), 0);
        QVERIFY(acquired);
        QVERIFY(locks.isBusy(QStringLiteral("ws_a")));
    }

    void cancelledWaiterIsSkipped()
    {
        WorkspaceLocks locks;
        QObject first, second;
        int firstCalls = 0, secondCalls = 0;
        const QString id = QStringLiteral("ws_a");
        QVERIFY(locks.tryAcquire(id));
        locks.enqueue(id, &first, [&] { ++firstCalls; });
        locks.enqueue(id, &second, [&] { ++secondCalls; });
        locks.cancelWaiting(&first);
        QCOMPARE(locks.waitingCount(id), 1);
        locks.release(id);
        QCOMPARE(firstCalls, 0);
        QCOMPARE(secondCalls, 1);
    }

    void destroyedOwnerStopsWaiting()
    {
        WorkspaceLocks locks;
        auto owner = std::make_unique<QObject>();
        int calls = 0;
        const QString id = QStringLiteral("ws_a");
        QVERIFY(locks.tryAcquire(id));
        locks.enqueue(id, owner.get(), [&] { ++calls; });
        owner.reset();
        QCOMPARE(locks.waitingCount(id), 0);
        locks.release(id);
        QCOMPARE(calls, 0);
        QVERIFY(!locks.isBusy(id));
    }
};

QTEST_GUILESS_MAIN(TestWorkspaceLocks)
#include "tst_workspacelocks.moc"
