// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: BSD-2-Clause

// Tests for RecordingWriter/RecordingReader: round trip, and every kind of damage is detected.
#include "resultverify.h"
#include "cache/recordingreader.h"
#include "cache/recordingwriter.h"
#include "cachetestutil.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

#include <zstd.h>

using namespace BuildService;
using namespace BuildService::Test;

namespace {

const QString s_key = QStringLiteral("0123456789abcdef0123456789abcdef");

QList<QPair<qint64, QJsonObject>> sampleEvents()
{
    QByteArray binary;
    for (int i = 0; i < 256; ++i)
        binary += char(i);
    QByteArray big;
    for (int i = 0; i < 20000; ++i)
        big += "line " + QByteArray::number(i) + " of a long build log\n";
    return {{0, outputEvent(OutputStream::Stdout, "compiling a.c\n")},
            {5, outputEvent(OutputStream::Stderr, "a.c:1: warning: unused\n")},
            {7, outputEvent(OutputStream::Stdout, binary)},
            {9, outputEvent(OutputStream::Stdout, big)},
            {1200, outputEvent(OutputStream::Stderr, QByteArray("caf\xc3\xa9 \xe2\x9c\x93\n"))}};
}

QString readAllEvents(RecordingReader &reader, QList<RecordedEvent> *events)
{
    RecordedEvent e;
    for (;;) {
        const Result<bool> r = reader.next(&e);
        if (!r)
            return r.errorString();
        if (!r.value())
            return QString();
        events->append(e);
    }
}

} // namespace

class TestRecording : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTripKeepsEveryEventAndTime()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("r.rec.zst"));
        const auto events = sampleEvents();
        QVERIFY(writeRecording(file, s_key, events, 2, 1500, 1234, QStringLiteral("00000000000000aa")));

        RecordingReader reader(file);
        const Result<RecordingHeader> header = reader.open();
        QVERIFY2(header.ok(), qPrintable(header.errorString()));
        QCOMPARE(header->key, s_key);
        QCOMPARE(header->workspacePath, QStringLiteral("/srv/ws"));
        QList<RecordedEvent> read;
        QCOMPARE(readAllEvents(reader, &read), QString());
        QCOMPARE(read.size(), events.size() + 1);
        for (int i = 0; i < events.size(); ++i) {
            QCOMPARE(read[i].timeMs, events[i].first);
            QCOMPARE(read[i].object(), events[i].second);
            QCOMPARE(OutputEvent::fromJson(read[i].object()).data, OutputEvent::fromJson(events[i].second).data);
        }
        QVERIFY(read.last().isExit());
        // Output events are kept as the JSON text that was sent, ready to be sent again.
        QCOMPARE(read.first().json, QJsonDocument(events.first().second).toJson(QJsonDocument::Compact));
        QCOMPARE(read.last().timeMs, qint64(1500));
        QCOMPARE(ExitEvent::fromJson(read.last().object()).code, 2);
        QCOMPARE(reader.summary().artifactsBytes, qint64(1234));
        QCOMPARE(reader.summary().artifactsHash, QStringLiteral("00000000000000aa"));
        // The recording is compressed: the 500 KB log shrinks a lot.
        QVERIFY2(QFileInfo(file).size() < 100 * 1024, qPrintable(QString::number(QFileInfo(file).size())));
    }

    void verifyRewindsForTheReplay()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("r.rec.zst"));
        QVERIFY(writeRecording(file, s_key, sampleEvents()));
        RecordingReader reader(file);
        const Result<RecordingSummary> summary = reader.verify();
        QVERIFY2(summary.ok(), qPrintable(summary.errorString()));
        QCOMPARE(summary->lines, qint64(1 + sampleEvents().size() + 1));
        QList<RecordedEvent> read;
        QCOMPARE(readAllEvents(reader, &read), QString());
        QCOMPARE(read.size(), sampleEvents().size() + 1);
    }

    void detectsDamage_data()
    {
        QTest::addColumn<QString>("damage");
        QTest::addColumn<QString>("expected");
        QTest::newRow("empty file") << QStringLiteral("empty") << QStringLiteral("the file is empty");
        QTest::newRow("cut after 10 bytes") << QStringLiteral("cut:10") << QStringLiteral("truncated");
        QTest::newRow("cut in the middle") << QStringLiteral("cut:50%") << QStringLiteral("truncated");
        QTest::newRow("last byte missing") << QStringLiteral("cut:-1") << QStringLiteral("truncated");
        QTest::newRow("flipped byte in the middle") << QStringLiteral("flip:50%") << QStringLiteral("corrupt recording");
        QTest::newRow("flipped byte near the end") << QStringLiteral("flip:-20") << QStringLiteral("corrupt recording");
        QTest::newRow("garbage appended") << QStringLiteral("append") << QStringLiteral("after the end of the compressed stream");
        QTest::newRow("not zstd at all") << QStringLiteral("text") << QStringLiteral("bad compressed data");
        QTest::newRow("missing file") << QStringLiteral("missing") << QStringLiteral("cannot open the recording");
    }

    void detectsDamage()
    {
        QFETCH(QString, damage);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("r.rec.zst"));
        QVERIFY(writeRecording(file, s_key, sampleEvents()));
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QByteArray bytes = f.readAll();
        f.close();
        auto position = [&](const QString &spec) {
            if (spec.endsWith(QLatin1Char('%')))
                return int(bytes.size() * spec.chopped(1).toInt() / 100);
            const int n = spec.toInt();
            return n < 0 ? bytes.size() + n : n;
        };
        if (damage == QLatin1String("empty"))
            bytes.clear();
        else if (damage.startsWith(QLatin1String("cut:")))
            bytes.truncate(position(damage.mid(4)));
        else if (damage.startsWith(QLatin1String("flip:")))
            bytes[position(damage.mid(5))] = char(bytes[position(damage.mid(5))] ^ 0x5a);
        else if (damage == QLatin1String("append"))
            bytes += "more";
        else if (damage == QLatin1String("text"))
            bytes = "{\"format\":\"build-service-recording\",\"version\":1}\n";
        if (damage == QLatin1String("missing")) {
            QVERIFY(QFile::remove(file));
        } else {
            QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
            QCOMPARE(f.write(bytes), qint64(bytes.size()));
            f.close();
        }

        RecordingReader reader(file);
        const Result<RecordingSummary> verified = reader.verify();
        QVERIFY2(!verified.ok(), "damage was not detected");
        QCOMPARE(verified.errorCode(), ErrorCode::IoError);
        QVERIFY2(verified.errorString().contains(expected), qPrintable(verified.errorString()));
        QVERIFY2(verified.errorString().contains(file), qPrintable(verified.errorString()));
    }

    void detectsEditedContentThroughTheChecksum()
    {
        // Valid zstd and valid JSON lines, but the output was changed after recording:
        // only the trailer's checksum can tell.
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("r.rec.zst"));
        QVERIFY(writeRecording(file, s_key, {{0, outputEvent(OutputStream::Stdout, "all tests passed\n")}}));
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray compressed = f.readAll();
        f.close();
        // The writer streams, so the frame does not state its size; the test data is small.
        QByteArray plain(1 << 20, Qt::Uninitialized);
        const size_t n = ZSTD_decompress(plain.data(), size_t(plain.size()), compressed.constData(), size_t(compressed.size()));
        QVERIFY(!ZSTD_isError(n));
        plain.truncate(int(n));
        QVERIFY(plain.contains("all tests passed"));
        plain.replace("all tests passed", "all tests FAILED");
        QByteArray edited(int(ZSTD_compressBound(size_t(plain.size()))), Qt::Uninitialized);
        const size_t m = ZSTD_compress(edited.data(), size_t(edited.size()), plain.constData(), size_t(plain.size()), 3);
        QVERIFY(!ZSTD_isError(m));
        edited.truncate(int(m));
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(edited);
        f.close();

        const Result<RecordingSummary> verified = RecordingReader(file).verify();
        QVERIFY(!verified.ok());
        QVERIFY2(verified.errorString().contains(QLatin1String("checksum mismatch")), qPrintable(verified.errorString()));
    }

    void writerRemovesUnfinishedFile()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("r.rec.zst"));
        {
            RecordingWriter writer(file);
            RecordingHeader header;
            header.key = s_key;
            QVERIFY_RESULT(writer.open(header));
            QVERIFY_RESULT(writer.append(0, outputEvent(OutputStream::Stdout, "x")));
            QVERIFY(QFileInfo::exists(file));
        }
        QVERIFY(!QFileInfo::exists(file));
    }

    void readerRejectsRecordingWithoutExitEvent()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("r.rec.zst"));
        RecordingWriter writer(file);
        RecordingHeader header;
        header.key = s_key;
        QVERIFY_RESULT(writer.open(header));
        QVERIFY_RESULT(writer.append(0, outputEvent(OutputStream::Stdout, "x")));
        QVERIFY_RESULT(writer.finish(0, QString()));
        const Result<RecordingSummary> verified = RecordingReader(file).verify();
        QVERIFY(!verified.ok());
        QVERIFY2(verified.errorString().contains(QLatin1String("there is no exit event")), qPrintable(verified.errorString()));
    }
};

QTEST_GUILESS_MAIN(TestRecording)
#include "tst_recording.moc"
