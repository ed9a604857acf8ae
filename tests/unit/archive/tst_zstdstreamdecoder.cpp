// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: BSD-2-Clause

// ZstdStreamDecoder: piecewise decompression, corrupt and truncated input, sink-driven abort.
#include "resultverify.h"
#include "archive/zstdstreamdecoder.h"

#include "tartestutil.h"

#include <QRandomGenerator>
#include <QTest>

using namespace BuildService;

class TestZstdStreamDecoder : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void decompressesInPiecesOfAnySize_data();
    void decompressesInPiecesOfAnySize();
    void acceptsConcatenatedFrames();
    void rejectsCorruptData();
    void finishDetectsIncompleteFrame();
    void finishRejectsEmptyStream();
    void sinkErrorStopsDecompression();
};

static QByteArray sampleData()
{
    QByteArray data;
    QRandomGenerator gen(42);
    for (int i = 0; i < 200000; ++i)
        data.append(char('a' + gen.bounded(4)));
    data.append(QByteArray(3 << 20, 'z'));
    return data;
}

void TestZstdStreamDecoder::decompressesInPiecesOfAnySize_data()
{
    QTest::addColumn<int>("chunk");
    QTest::newRow("1 byte") << 1;
    QTest::newRow("13 bytes") << 13;
    QTest::newRow("64 KiB") << 65536;
    QTest::newRow("all at once") << 0;
}

void TestZstdStreamDecoder::decompressesInPiecesOfAnySize()
{
    QFETCH(int, chunk);
    const QByteArray plain = sampleData();
    const QByteArray compressed = TarTest::zstdCompress(plain);
    QByteArray out;
    qint64 largest = 0;
    ZstdStreamDecoder decoder([&](const char *d, qint64 n) {
        out.append(d, int(n));
        largest = qMax(largest, n);
        return Result<void>();
    });
    const int step = chunk > 0 ? chunk : compressed.size();
    for (int pos = 0; pos < compressed.size(); pos += step)
        QVERIFY_RESULT(decoder.push(compressed.constData() + pos, qMin(step, compressed.size() - pos)));
    QVERIFY_RESULT(decoder.finish());
    QCOMPARE(out, plain);
    QCOMPARE(decoder.compressedBytes(), qint64(compressed.size()));
    QCOMPARE(decoder.decompressedBytes(), qint64(plain.size()));
    QVERIFY(largest <= ZstdStreamDecoder::chunkSize());
}

void TestZstdStreamDecoder::acceptsConcatenatedFrames()
{
    QByteArray out;
    ZstdStreamDecoder decoder([&](const char *d, qint64 n) {
        out.append(d, int(n));
        return Result<void>();
    });
    QVERIFY_RESULT(decoder.push(TarTest::zstdCompress("first ") + TarTest::zstdCompress("second")));
    QVERIFY_RESULT(decoder.finish());
    QCOMPARE(out, QByteArrayLiteral("first second"));
}

void TestZstdStreamDecoder::rejectsCorruptData()
{
    ZstdStreamDecoder decoder([](const char *, qint64) { return Result<void>(); });
    const Result<void> r = decoder.push(QByteArrayLiteral("this is not zstd at all"));
    QVERIFY(!r);
    QCOMPARE(r.errorCode(), ErrorCode::ArchiveRejected);
    QCOMPARE(r.errorString(), QStringLiteral("corrupt zstd data: Unknown frame descriptor"));
    QCOMPARE(decoder.finish().errorString(), r.errorString());
}

void TestZstdStreamDecoder::finishDetectsIncompleteFrame()
{
    const QByteArray compressed = TarTest::zstdCompress(sampleData());
    ZstdStreamDecoder decoder([](const char *, qint64) { return Result<void>(); });
    QVERIFY_RESULT(decoder.push(compressed.left(compressed.size() / 2)));
    const Result<void> r = decoder.finish();
    QVERIFY(!r);
    QCOMPARE(r.errorCode(), ErrorCode::UploadIncomplete);
    QCOMPARE(r.errorString(), QStringLiteral("compressed stream ended in the middle of a zstd frame"));
}

void TestZstdStreamDecoder::finishRejectsEmptyStream()
{
    ZstdStreamDecoder decoder([](const char *, qint64) { return Result<void>(); });
    const Result<void> r = decoder.finish();
    QCOMPARE(r.errorCode(), ErrorCode::UploadIncomplete);
    QCOMPARE(r.errorString(), QStringLiteral("compressed stream is empty"));
}

void TestZstdStreamDecoder::sinkErrorStopsDecompression()
{
    const QByteArray compressed = TarTest::zstdCompress(QByteArray(50 << 20, '\0'));
    qint64 seen = 0;
    ZstdStreamDecoder decoder([&](const char *, qint64 n) -> Result<void> {
        seen += n;
        if (seen > (1 << 20))
            return makeError(ErrorCode::LimitExceeded, QStringLiteral("enough"));
        return {};
    });
    const Result<void> r = decoder.push(compressed);
    QCOMPARE(r.errorString(), QStringLiteral("enough"));
    QVERIFY(seen < (2 << 20));
}

QTEST_GUILESS_MAIN(TestZstdStreamDecoder)
#include "tst_zstdstreamdecoder.moc"
