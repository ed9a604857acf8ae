// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: BSD-2-Clause

// ProgressLine: percentage, rate, ETA and width fitting of the upload progress line.
#include "progressline.h"

#include <QTest>

using namespace BuildService;
using namespace BuildService::Cli;

class TestProgressLine : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void formatsPercentageRateAndEta_data();
    void formatsPercentageRateAndEta();
    void durations_data();
    void durations();
    void fitsWidth_data();
    void fitsWidth();
};

static UploadProgress progress(qint64 filesDone, qint64 filesTotal, qint64 packed, qint64 total, qint64 sent)
{
    UploadProgress p;
    p.filesDone = filesDone;
    p.filesTotal = filesTotal;
    p.bytesPacked = packed;
    p.bytesTotal = total;
    p.bytesSent = sent;
    return p;
}

void TestProgressLine::formatsPercentageRateAndEta_data()
{
    QTest::addColumn<UploadProgress>("progress");
    QTest::addColumn<qint64>("elapsedMs");
    QTest::addColumn<QString>("expected");
    constexpr qint64 MB = 1024 * 1024;
    QTest::newRow("too early for a rate") << progress(1, 10, MB, 10 * MB, 1000) << qint64(100)
                                          << QStringLiteral("uploading: 10% 1/10 files, 1.0 MB of 10.0 MB, 1000 B sent");
    QTest::newRow("rate and ETA") << progress(5, 10, 4 * MB, 10 * MB, 2 * MB) << qint64(2000)
                                  << QStringLiteral("uploading: 40% 5/10 files, 4.0 MB of 10.0 MB, 2.0 MB/s, ETA 0:03, 2.0 MB sent");
    QTest::newRow("ETA rounds up") << progress(5, 10, 4 * MB, 10 * MB + 1, 2 * MB) << qint64(2000)
                                   << QStringLiteral("uploading: 39% 5/10 files, 4.0 MB of 10.0 MB, 2.0 MB/s, ETA 0:04, 2.0 MB sent");
    QTest::newRow("done: no ETA") << progress(10, 10, 10 * MB, 10 * MB, 3 * MB) << qint64(5000)
                                  << QStringLiteral("uploading: 100% 10/10 files, 10.0 MB of 10.0 MB, 2.0 MB/s, 3.0 MB sent");
    QTest::newRow("empty files") << progress(3, 4, 0, 0, 100) << qint64(1000)
                                 << QStringLiteral("uploading: 75% 3/4 files, 0 B of 0 B, 100 B sent");
    QTest::newRow("nothing at all") << progress(0, 0, 0, 0, 0) << qint64(0) << QStringLiteral("uploading: 0% 0/0 files, 0 B of 0 B, 0 B sent");
}

void TestProgressLine::formatsPercentageRateAndEta()
{
    QFETCH(UploadProgress, progress);
    QFETCH(qint64, elapsedMs);
    QFETCH(QString, expected);
    QCOMPARE(ProgressLine::upload(progress, elapsedMs), expected);
}

void TestProgressLine::durations_data()
{
    QTest::addColumn<qint64>("seconds");
    QTest::addColumn<QString>("expected");
    QTest::newRow("0") << qint64(0) << QStringLiteral("0:00");
    QTest::newRow("59") << qint64(59) << QStringLiteral("0:59");
    QTest::newRow("750") << qint64(750) << QStringLiteral("12:30");
    QTest::newRow("3723") << qint64(3723) << QStringLiteral("1:02:03");
}

void TestProgressLine::durations()
{
    QFETCH(qint64, seconds);
    QFETCH(QString, expected);
    QCOMPARE(ProgressLine::duration(seconds), expected);
}

void TestProgressLine::fitsWidth_data()
{
    QTest::addColumn<QString>("line");
    QTest::addColumn<int>("columns");
    QTest::addColumn<QString>("expected");
    QTest::newRow("fits") << QStringLiteral("abcdefgh") << 10 << QStringLiteral("abcdefgh");
    QTest::newRow("last column stays free") << QStringLiteral("abcdefghij") << 10 << QStringLiteral("abcdef...");
    QTest::newRow("one short of the width") << QStringLiteral("abcdefghi") << 10 << QStringLiteral("abcdefghi");
    QTest::newRow("very narrow") << QStringLiteral("abcdefghij") << 3 << QStringLiteral("ab");
    QTest::newRow("unknown width") << QStringLiteral("abcdefghij") << 0 << QStringLiteral("abcdefghij");
}

void TestProgressLine::fitsWidth()
{
    QFETCH(QString, line);
    QFETCH(int, columns);
    QFETCH(QString, expected);
    const QString fitted = ProgressLine::fitToWidth(line, columns);
    QCOMPARE(fitted, expected);
    if (columns > 0)
        QVERIFY(fitted.size() < columns);
}

QTEST_GUILESS_MAIN(TestProgressLine)
#include "tst_progressline.moc"
