// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: BSD-2-Clause

// Tests for Replayer: byte-identical replay, instant and timed speeds (injected clock), back-pressure.
#include "resultverify.h"
#include "cache/replayer.h"
#include "cachetestutil.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace BuildService;
using namespace BuildService::Test;

namespace {

const QString s_key = QStringLiteral("0123456789abcdef0123456789abcdef");

struct FakeClock {
    qint64 now = 0;
    Replayer::Clock clock()
    {
        return [this] { return now; };
    }
};

std::shared_ptr<RecordingReader> openReader(const QString &file)
{
    auto reader = std::make_shared<RecordingReader>(file);
    if (!reader->open())
        return nullptr;
    return reader;
}

QList<QPair<qint64, QJsonObject>> timedEvents()
{
    return {{0, outputEvent(OutputStream::Stdout, "start\n")},
            {100, outputEvent(OutputStream::Stderr, "warning\n")},
            {1000, outputEvent(OutputStream::Stdout, "half way\n")},
            {1500, outputEvent(OutputStream::Stdout, "done\n")}};
}

} // namespace

class TestReplayer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { qRegisterMetaType<Error>(); }

    void instantSendsEverythingWithoutWaiting()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("r.rec.zst"));
        QVERIFY(writeRecording(file, s_key, timedEvents(), 4, 2000));
        FakeClock fc;
        CaptureSink sink(fc.clock());
        Replayer replayer(openReader(file), &sink, 0, fc.clock());
        QSignalSpy finished(&replayer, &Replayer::finished);
        replayer.start();
        // The clock never moves: nothing waits for the recorded times.
        QTRY_COMPARE(finished.count(), 1);
        QCOMPARE(sink.events.size(), timedEvents().size());
        for (int i = 0; i < sink.events.size(); ++i) {
            QCOMPARE(sink.events[i].first, qint64(0));
            QCOMPARE(sink.events[i].second, timedEvents()[i].second);
        }
        QCOMPARE(ExitEvent::fromJson(finished.first().first().toJsonObject()).code, 4);
        QVERIFY(sink.ofType(QStringLiteral("exit")).isEmpty()); // the caller sends the final exit
    }

    void replayIsByteIdenticalIncludingInterleaving()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("r.rec.zst"));
        QList<QPair<qint64, QJsonObject>> events;
        QByteArray expected;
        for (int i = 0; i < 600; ++i) {
            const OutputStream stream = i % 3 == 0 ? OutputStream::Stderr : OutputStream::Stdout;
            QByteArray chunk = "chunk " + QByteArray::number(i) + (i % 7 == 0 ? QByteArray("\xff\xfe binary\0 ", 12) : QByteArray("\n"));
            events.append({i, outputEvent(stream, chunk)});
            expected += (stream == OutputStream::Stdout ? "1:" : "2:") + chunk;
        }
        QVERIFY(writeRecording(file, s_key, events, 0, 700));
        CaptureSink sink;
        Replayer replayer(openReader(file), &sink, 0);
        QSignalSpy finished(&replayer, &Replayer::finished);
        replayer.start();
        // 600 events: more than one batch, so the replay yielded to the event loop in between.
        QVERIFY(sink.events.size() < 600);
        QTRY_COMPARE(finished.count(), 1);
        QCOMPARE(sink.interleaved(), expected);
        QCOMPARE(replayer.eventsSent(), qint64(600));
    }

    void timedReplayKeepsTheGaps_data()
    {
        QTest::addColumn<double>("speed");
        QTest::newRow("real time") << 1.0;
        QTest::newRow("2x") << 2.0;
        QTest::newRow("10x") << 10.0;
        QTest::newRow("half speed") << 0.5;
    }

    void timedReplayKeepsTheGaps()
    {
        QFETCH(double, speed);
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("r.rec.zst"));
        const qint64 exitTime = 2000;
        QVERIFY(writeRecording(file, s_key, timedEvents(), 0, exitTime));
        FakeClock fc;
        CaptureSink sink(fc.clock());
        Replayer replayer(openReader(file), &sink, speed, fc.clock());
        QSignalSpy finished(&replayer, &Replayer::finished);
        replayer.start();
        const qint64 exitDue = qint64(std::ceil(exitTime / speed));
        qint64 finishedAt = -1;
        // Move the injected clock in 1 ms steps; the timer would do the same in real time.
        for (fc.now = 1; fc.now <= exitDue + 5; ++fc.now) {
            replayer.pump();
            if (finishedAt < 0 && finished.count() == 1)
                finishedAt = fc.now;
        }
        QCOMPARE(sink.events.size(), timedEvents().size());
        for (int i = 0; i < sink.events.size(); ++i) {
            const qint64 due = qint64(std::ceil(timedEvents()[i].first / speed));
            QVERIFY2(std::abs(sink.events[i].first - due) <= 1,
                     qPrintable(QStringLiteral("event %1 sent at %2 ms, due at %3 ms").arg(i).arg(sink.events[i].first).arg(due)));
        }
        // The silence before the exit is replayed too.
        QVERIFY2(std::abs(finishedAt - exitDue) <= 1, qPrintable(QStringLiteral("finished at %1, due %2").arg(finishedAt).arg(exitDue)));
        QCOMPARE(replayer.elapsedMs(), fc.now - 0);
    }

    void timedReplaySchedulesTheTimerForTheNextEvent()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("r.rec.zst"));
        QVERIFY(writeRecording(file, s_key, {{0, outputEvent(OutputStream::Stdout, "a")}, {30, outputEvent(OutputStream::Stdout, "b")}},
                               0, 40));
        // Real clock: the QTimer drives the replay (40 ms, short enough for a unit test).
        CaptureSink sink;
        Replayer replayer(openReader(file), &sink, 1);
        QSignalSpy finished(&replayer, &Replayer::finished);
        replayer.start();
        QCOMPARE(sink.events.size(), 1);
        QVERIFY(finished.wait(5000));
        QCOMPARE(sink.events.size(), 2);
        QVERIFY(replayer.elapsedMs() >= 40);
    }

    void backPressurePausesUntilTheSinkDrains()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("r.rec.zst"));
        QVERIFY(writeRecording(file, s_key, timedEvents(), 0, 10));
        CaptureSink sink;
        sink.pending = 5 << 20;
        Replayer replayer(openReader(file), &sink, 0);
        QSignalSpy finished(&replayer, &Replayer::finished);
        replayer.start();
        QTest::qWait(20);
        QCOMPARE(sink.events.size(), 0);
        sink.pending = 0;
        replayer.sinkDrained();
        QTRY_COMPARE(finished.count(), 1);
        QCOMPARE(sink.events.size(), timedEvents().size());
    }

    void stoppedReplaySendsNothingMore()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("r.rec.zst"));
        QVERIFY(writeRecording(file, s_key, timedEvents(), 0, 2000));
        FakeClock fc;
        CaptureSink sink(fc.clock());
        Replayer replayer(openReader(file), &sink, 1, fc.clock());
        QSignalSpy finished(&replayer, &Replayer::finished);
        replayer.start();
        fc.now = 150;
        replayer.pump();
        QCOMPARE(sink.events.size(), 2);
        replayer.stop();
        fc.now = 5000;
        replayer.pump();
        QCOMPARE(sink.events.size(), 2);
        QCOMPARE(finished.count(), 0);
    }

    void damagedRecordingFailsInsteadOfInventingAnExit()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("r.rec.zst"));
        // Enough incompressible output for several zstd blocks, so the start still decodes.
        QList<QPair<qint64, QJsonObject>> events;
        quint32 seed = 12345;
        for (int i = 0; i < 40; ++i) {
            QByteArray chunk;
            for (int j = 0; j < 20000; ++j) {
                seed = seed * 1103515245u + 12345u;
                chunk += char('!' + (seed >> 16) % 90);
            }
            events.append({i, outputEvent(OutputStream::Stdout, chunk)});
        }
        QVERIFY(writeRecording(file, s_key, events, 0, 100));
        QFile f(file);
        QVERIFY(f.resize(f.size() / 2));
        CaptureSink sink;
        auto reader = std::make_shared<RecordingReader>(file);
        QVERIFY_RESULT(reader->open());
        Replayer replayer(reader, &sink, 0);
        QSignalSpy finished(&replayer, &Replayer::finished);
        QSignalSpy failed(&replayer, &Replayer::failed);
        replayer.start();
        QTRY_COMPARE(failed.count(), 1);
        QCOMPARE(finished.count(), 0);
        QVERIFY2(failed.first().first().value<Error>().message.contains(QLatin1String("truncated")),
                 qPrintable(failed.first().first().value<Error>().message));
    }
};

QTEST_GUILESS_MAIN(TestReplayer)
#include "tst_replayer.moc"
