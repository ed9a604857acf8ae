// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: BSD-2-Clause

// TarStreamReader: KTar archives, GNU/pax long names, malformed input, piecewise feeding.
#include "archive/tarstreamreader.h"

#include "tartestutil.h"

#include <QTest>

using namespace BuildService;
using namespace TarTest;

namespace {
// Records handler calls as text so two runs can be compared exactly.
class Recorder : public TarStreamReader::Handler
{
public:
    Result<void> beginEntry(const TarStreamReader::Entry &e) override
    {
        if (!failAt.isEmpty() && e.path == failAt)
            return makeError(ErrorCode::LimitExceeded, QStringLiteral("stop at %1").arg(e.path));
        entries.append(e);
        data.append(QByteArray());
        log += QStringLiteral("begin %1 %2 %3 %4 -> %5\n")
                   .arg(int(e.type))
                   .arg(e.path)
                   .arg(e.mode, 0, 8)
                   .arg(e.size)
                   .arg(e.linkTarget);
        return {};
    }
    Result<void> entryData(const char *d, qint64 size) override
    {
        data.last().append(d, int(size));
        return {};
    }
    Result<void> endEntry() override
    {
        log += QStringLiteral("end %1 bytes %2\n").arg(data.last().size()).arg(QString::fromLatin1(data.last().toHex().left(64)));
        return {};
    }

    QString failAt;
    QVector<TarStreamReader::Entry> entries;
    QVector<QByteArray> data;
    QString log;
};

struct Outcome {
    bool ok = true;
    ErrorCode code = ErrorCode::Internal;
    QString message;
    QString log;
};

// Feeds @p tar in pieces of @p chunk bytes (0: all at once), then finishes.
Outcome run(const QByteArray &tar, int chunk, Recorder *recorder = nullptr, bool requireEnd = true)
{
    Recorder local;
    Recorder &rec = recorder ? *recorder : local;
    TarStreamReader reader(&rec);
    reader.setEndMarkerRequired(requireEnd);
    Outcome out;
    Result<void> r;
    const int step = chunk > 0 ? chunk : qMax(1, tar.size());
    for (int pos = 0; pos < tar.size() && r; pos += step)
        r = reader.push(tar.constData() + pos, qMin(step, tar.size() - pos));
    if (r)
        r = reader.finish();
    out.ok = r.ok();
    if (!r) {
        out.code = r.errorCode();
        out.message = r.errorString();
    }
    out.log = rec.log;
    return out;
}

QByteArray withByte(QByteArray block, int offset, char value, bool fixChecksum = true)
{
    block[offset] = value;
    if (fixChecksum)
        setChecksum(block);
    return block;
}

QByteArray sampleKTar()
{
    return ktar([](KTar &tar) {
        tar.writeDir(QStringLiteral("src"));
        tar.writeFile(QStringLiteral("src/main.cpp"), QByteArrayLiteral("int main() { return 0; }\n"), 0100644);
        tar.writeFile(QStringLiteral("run.sh"), QByteArrayLiteral("#!/bin/sh\necho hi\n"), 0100755);
        tar.writeFile(QStringLiteral("empty.txt"), QByteArray(), 0100600);
        tar.writeSymLink(QStringLiteral("link"), QStringLiteral("src/main.cpp"));
        tar.writeFile(QStringLiteral("deep/") + QString(150, QLatin1Char('n')) + QStringLiteral("/file.txt"),
                      QByteArray(3000, 'x'), 0100644);
        tar.writeSymLink(QStringLiteral("longlink"), QStringLiteral("deep/") + QString(150, QLatin1Char('n')) + QStringLiteral("/file.txt"));
    });
}
} // namespace

class TestTarStreamReader : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void readsKTarArchive();
    void endMarkerCanBeOptional_data();
    void endMarkerCanBeOptional();
    void pieceSizeDoesNotChangeTheResult_data();
    void pieceSizeDoesNotChangeTheResult();
    void rejectsMalformedInput_data();
    void rejectsMalformedInput();
    void readsPaxExtendedHeaders();
    void readsUstarPrefixAndBase256Size();
    void acceptsTrailingZeroPadding();
    void handlerErrorStopsParsing();
};

void TestTarStreamReader::readsKTarArchive()
{
    const QByteArray tar = sampleKTar();
    QVERIFY(!tar.isEmpty());
    QVERIFY2(tar.contains("././@LongLink"), "KTar should write GNU long-name records for this archive");
    Recorder rec;
    // KTar 5.103 writes no end-of-archive marker.
    const Outcome out = run(tar, 0, &rec, false);
    QVERIFY2(out.ok, qPrintable(out.message));
    QCOMPARE(rec.entries.size(), 7);
    const QString longPath = QStringLiteral("deep/") + QString(150, QLatin1Char('n')) + QStringLiteral("/file.txt");
    QHash<QString, int> index;
    for (int i = 0; i < rec.entries.size(); ++i)
        index.insert(rec.entries.at(i).path, i);
    QVERIFY(index.contains(QStringLiteral("src")) || index.contains(QStringLiteral("src/")));
    const auto &main = rec.entries.at(index.value(QStringLiteral("src/main.cpp")));
    QCOMPARE(main.type, TarStreamReader::Entry::Type::File);
    QCOMPARE(main.mode, 0644u);
    QCOMPARE(rec.data.at(index.value(QStringLiteral("src/main.cpp"))), QByteArrayLiteral("int main() { return 0; }\n"));
    QCOMPARE(rec.entries.at(index.value(QStringLiteral("run.sh"))).mode, 0755u);
    QCOMPARE(rec.entries.at(index.value(QStringLiteral("empty.txt"))).size, 0);
    const auto &link = rec.entries.at(index.value(QStringLiteral("link")));
    QCOMPARE(link.type, TarStreamReader::Entry::Type::Symlink);
    QCOMPARE(link.linkTarget, QStringLiteral("src/main.cpp"));
    QVERIFY(index.contains(longPath));
    QCOMPARE(rec.data.at(index.value(longPath)), QByteArray(3000, 'x'));
    QCOMPARE(rec.entries.at(index.value(QStringLiteral("longlink"))).linkTarget, longPath);
}

void TestTarStreamReader::endMarkerCanBeOptional_data()
{
    QTest::addColumn<QByteArray>("tar");
    QTest::addColumn<QString>("withoutMarkerAllowed"); // error text, empty if accepted
    QTest::addColumn<QString>("withMarkerRequired");
    const QString noMarker = QStringLiteral("archive ended without an end-of-archive marker");
    QTest::newRow("KTar output") << sampleKTar() << QString() << noMarker;
    QTest::newRow("with end marker") << QByteArray(file("a", "1") + endMarker()) << QString() << QString();
    QTest::newRow("single zero block") << QByteArray(file("a", "1") + QByteArray(512, '\0')) << QString() << noMarker;
    QTest::newRow("cut inside data") << file("a", QByteArray(2000, 'x')).left(1500)
                                     << QStringLiteral("archive ended in the middle of entry \"a\"")
                                     << QStringLiteral("archive ended in the middle of entry \"a\"");
    QTest::newRow("cut after long-name record") << gnuLongRecord('L', QByteArray(200, 'n'))
                                                << QStringLiteral("archive ended after a long-name or pax record")
                                                << QStringLiteral("archive ended after a long-name or pax record");
}

void TestTarStreamReader::endMarkerCanBeOptional()
{
    QFETCH(QByteArray, tar);
    QFETCH(QString, withoutMarkerAllowed);
    QFETCH(QString, withMarkerRequired);
    const Outcome lenient = run(tar, 0, nullptr, false);
    QCOMPARE(lenient.message, withoutMarkerAllowed);
    QCOMPARE(lenient.ok, withoutMarkerAllowed.isEmpty());
    const Outcome strict = run(tar, 0, nullptr, true);
    QCOMPARE(strict.message, withMarkerRequired);
    QCOMPARE(strict.ok, withMarkerRequired.isEmpty());
    if (!strict.ok)
        QCOMPARE(strict.code, ErrorCode::UploadIncomplete);
}

void TestTarStreamReader::pieceSizeDoesNotChangeTheResult_data()
{
    QTest::addColumn<QByteArray>("tar");
    QTest::newRow("ktar archive") << sampleKTar();
    QTest::newRow("pax archive") << QByteArray(paxRecord({{"path", QByteArray(300, 'p')}}) + file("short", "hello") + endMarker());
    QTest::newRow("truncated data") << QByteArray(header("a.txt", '0', 1000) + QByteArray(600, 'a'));
    QTest::newRow("bad checksum") << QByteArray(file("ok", "1") + withByte(header("b", '0', 0), 0, 'c', false) + endMarker());
}

void TestTarStreamReader::pieceSizeDoesNotChangeTheResult()
{
    QFETCH(QByteArray, tar);
    const Outcome whole = run(tar, 0, nullptr, false);
    for (int chunk : {1, 7, 511, 513, 4096}) {
        const Outcome pieces = run(tar, chunk, nullptr, false);
        QCOMPARE(pieces.ok, whole.ok);
        QCOMPARE(pieces.code, whole.code);
        QCOMPARE(pieces.message, whole.message);
        QCOMPARE(pieces.log, whole.log);
    }
    QVERIFY(!whole.log.isEmpty());
}

void TestTarStreamReader::rejectsMalformedInput_data()
{
    QTest::addColumn<QByteArray>("tar");
    QTest::addColumn<ErrorCode>("code");
    QTest::addColumn<QString>("message");

    const QByteArray a = file("a.txt", "hello");
    QByteArray hugeSize = header("huge.bin", '0', 0);
    hugeSize[124] = char(0x80);
    for (int i = 125; i < 136; ++i)
        hugeSize[i] = char(0xff);
    setChecksum(hugeSize);
    QByteArray negativeSize = header("neg.bin", '0', 0);
    std::memset(negativeSize.data() + 124, 0xff, 12);
    setChecksum(negativeSize);
    QByteArray notUstar = header("plain", '0', 0);
    std::memset(notUstar.data() + 257, 0, 8);
    setChecksum(notUstar);

    QTest::newRow("bad checksum") << QByteArray(withByte(header("a.txt", '0', 5), 100, '7', false) + padded("hello") + endMarker())
                                  << ErrorCode::ArchiveRejected << QStringLiteral("tar header at offset 0 has a bad checksum");
    QTest::newRow("bad checksum in second header")
        << QByteArray(a + withByte(header("b.txt", '0', 0), 1, 'X', false) + endMarker()) << ErrorCode::ArchiveRejected
        << QStringLiteral("tar header at offset 1024 has a bad checksum");
    QTest::newRow("truncated header") << QByteArray(a + header("b.txt", '0', 3).left(300)) << ErrorCode::UploadIncomplete
                                      << QStringLiteral("archive ended in the middle of a tar header at offset 1024");
    QTest::newRow("truncated data") << QByteArray(header("a.txt", '0', 1000) + QByteArray(600, 'a'))
                                    << ErrorCode::UploadIncomplete << QStringLiteral("archive ended in the middle of entry \"a.txt\"");
    QTest::newRow("truncated padding") << QByteArray(header("a.txt", '0', 5) + "hello") << ErrorCode::UploadIncomplete
                                       << QStringLiteral("archive ended in the middle of entry \"a.txt\"");
    QTest::newRow("missing end marker") << a << ErrorCode::UploadIncomplete
                                        << QStringLiteral("archive ended without an end-of-archive marker");
    QTest::newRow("single zero block at end") << QByteArray(a + QByteArray(512, '\0')) << ErrorCode::UploadIncomplete
                                              << QStringLiteral("archive ended without an end-of-archive marker");
    QTest::newRow("empty stream") << QByteArray() << ErrorCode::UploadIncomplete
                                  << QStringLiteral("archive ended without an end-of-archive marker");
    QTest::newRow("hard link") << QByteArray(a + header("hard", '1', 0, "a.txt") + endMarker()) << ErrorCode::ArchiveRejected
                               << QStringLiteral("entry \"hard\" rejected: hard links are not supported");
    QTest::newRow("character device") << QByteArray(header("dev/null", '3', 0) + endMarker()) << ErrorCode::ArchiveRejected
                                      << QStringLiteral("entry \"dev/null\" rejected: character devices are not supported");
    QTest::newRow("block device") << QByteArray(header("dev/sda", '4', 0) + endMarker()) << ErrorCode::ArchiveRejected
                                  << QStringLiteral("entry \"dev/sda\" rejected: block devices are not supported");
    QTest::newRow("fifo") << QByteArray(header("pipe", '6', 0) + endMarker()) << ErrorCode::ArchiveRejected
                          << QStringLiteral("entry \"pipe\" rejected: FIFOs are not supported");
    QTest::newRow("unknown type") << QByteArray(header("odd", 'Z', 0) + endMarker()) << ErrorCode::ArchiveRejected
                                  << QStringLiteral("entry \"odd\" rejected: unsupported entry type 'Z'");
    QTest::newRow("GNU sparse file") << QByteArray(header("sparse", 'S', 0) + endMarker()) << ErrorCode::ArchiveRejected
                                     << QStringLiteral("entry \"sparse\" rejected: unsupported entry type 'S'");
    QTest::newRow("huge size field") << QByteArray(hugeSize + endMarker()) << ErrorCode::ArchiveRejected
                                     << QStringLiteral("entry \"huge.bin\" rejected: invalid size field");
    QTest::newRow("negative size field") << QByteArray(negativeSize + endMarker()) << ErrorCode::ArchiveRejected
                                         << QStringLiteral("entry \"neg.bin\" rejected: invalid size field");
    QTest::newRow("garbage size field") << QByteArray(withByte(header("g.bin", '0', 0), 126, 'x') + endMarker())
                                        << ErrorCode::ArchiveRejected << QStringLiteral("entry \"g.bin\" rejected: invalid size field");
    QTest::newRow("not a ustar header") << QByteArray(notUstar + endMarker()) << ErrorCode::ArchiveRejected
                                        << QStringLiteral("tar header at offset 0 is not a ustar header");
    QTest::newRow("lone zero block") << QByteArray(a + QByteArray(512, '\0') + a + endMarker()) << ErrorCode::ArchiveRejected
                                     << QStringLiteral("lone zero block before the tar header at offset 1536");
    QTest::newRow("data after end marker") << QByteArray(a + endMarker() + padded("junk")) << ErrorCode::ArchiveRejected
                                           << QStringLiteral("unexpected data after the end-of-archive marker at offset 2048");
    QTest::newRow("endless zeros after end marker") << QByteArray(a + endMarker() + QByteArray(70 * 1024, '\0')) << ErrorCode::ArchiveRejected
                                                    << QStringLiteral("more than 65536 bytes of padding after the end-of-archive marker");
    QTest::newRow("oversized long-name record")
        << QByteArray(gnuLongRecord('L', QByteArray(2 << 20, 'n')) + endMarker()) << ErrorCode::ArchiveRejected
        << QStringLiteral("metadata record at offset 0 has 2097153 bytes, more than the limit of 1048576");
    QTest::newRow("truncated long-name record") << gnuLongRecord('L', QByteArray(700, 'n')).left(800) << ErrorCode::UploadIncomplete
                                                << QStringLiteral("archive ended in the middle of a long-name or pax record");
    QTest::newRow("long name before end marker") << QByteArray(gnuLongRecord('L', "name") + endMarker()) << ErrorCode::ArchiveRejected
                                                 << QStringLiteral("end-of-archive marker at offset 1024 follows a long-name or pax record");
    QTest::newRow("malformed pax record") << QByteArray(header("PaxHeader/x", 'x', 8) + padded("garbage\n") + a + endMarker())
                                          << ErrorCode::ArchiveRejected << QStringLiteral("malformed pax header at offset 0");
    QTest::newRow("pax record length beyond data")
        << QByteArray(header("PaxHeader/x", 'x', 12) + padded("99 path=abc\n") + a + endMarker()) << ErrorCode::ArchiveRejected
        << QStringLiteral("malformed pax header at offset 0");
    QTest::newRow("pax size not a number") << QByteArray(paxRecord({{"size", "12a"}}) + a + endMarker()) << ErrorCode::ArchiveRejected
                                           << QStringLiteral("pax header at offset 0 has an invalid size \"12a\"");
    QTest::newRow("name not UTF-8") << QByteArray(file("bad\xff", "x") + endMarker()) << ErrorCode::ArchiveRejected
                                    << QString::fromUtf8("entry \"bad\xef\xbf\xbd\" rejected: name is not valid UTF-8");
    QTest::newRow("symlink carrying data") << QByteArray(header("l", '2', 5, "a.txt") + padded("hello") + endMarker())
                                           << ErrorCode::ArchiveRejected
                                           << QStringLiteral("entry \"l\" rejected: a directory or symlink entry carries 5 bytes of data");
}

void TestTarStreamReader::rejectsMalformedInput()
{
    QFETCH(QByteArray, tar);
    QFETCH(ErrorCode, code);
    QFETCH(QString, message);
    for (int chunk : {0, 1, 100}) {
        const Outcome out = run(tar, chunk);
        QVERIFY2(!out.ok, qPrintable(QStringLiteral("accepted with chunk size %1").arg(chunk)));
        QCOMPARE(out.message, message);
        QCOMPARE(out.code, code);
    }
}

void TestTarStreamReader::readsPaxExtendedHeaders()
{
    const QByteArray longPath = QByteArray(120, 'd') + "/" + QByteArray(130, 'f');
    const QByteArray longTarget = QByteArray(120, 'd') + "/" + QByteArray(130, 'f');
    QByteArray sizeFromPax = header("ignored-name", '0', 0); // size 0 in the header, 5 in pax
    const QByteArray tar = paxRecord({{"comment", "global"}}, 'g')
        + paxRecord({{"mtime", "1700000000.5"}, {"path", longPath}, {"SCHILY.xattr.user.x", "y"}}) + file("short", "hello")
        + paxRecord({{"linkpath", longTarget}}) + header("lnk", '2', 0, "short-target")
        + paxRecord({{"size", "5"}, {"path", "sized"}}) + sizeFromPax + padded("12345") + endMarker();
    Recorder rec;
    const Outcome out = run(tar, 0, &rec);
    QVERIFY2(out.ok, qPrintable(out.message));
    QCOMPARE(rec.entries.size(), 3);
    QCOMPARE(rec.entries.at(0).path, QString::fromLatin1(longPath));
    QCOMPARE(rec.data.at(0), QByteArrayLiteral("hello"));
    QCOMPARE(rec.entries.at(1).path, QStringLiteral("lnk"));
    QCOMPARE(rec.entries.at(1).linkTarget, QString::fromLatin1(longTarget));
    QCOMPARE(rec.entries.at(2).path, QStringLiteral("sized"));
    QCOMPARE(rec.entries.at(2).size, 5);
    QCOMPARE(rec.data.at(2), QByteArrayLiteral("12345"));
}

void TestTarStreamReader::readsUstarPrefixAndBase256Size()
{
    QByteArray h = header("name.txt", '0', 0);
    std::memcpy(h.data() + 345, "some/prefix", 11);
    h[124] = char(0x80);
    std::memset(h.data() + 125, 0, 10);
    h[135] = 5;
    setChecksum(h);
    Recorder rec;
    const Outcome out = run(h + padded("12345") + endMarker(), 0, &rec);
    QVERIFY2(out.ok, qPrintable(out.message));
    QCOMPARE(rec.entries.size(), 1);
    QCOMPARE(rec.entries.at(0).path, QStringLiteral("some/prefix/name.txt"));
    QCOMPARE(rec.data.at(0), QByteArrayLiteral("12345"));
}

void TestTarStreamReader::acceptsTrailingZeroPadding()
{
    Recorder rec;
    const Outcome out = run(file("a", "1") + endMarker() + QByteArray(10240, '\0'), 0, &rec);
    QVERIFY2(out.ok, qPrintable(out.message));
    QCOMPARE(rec.entries.size(), 1);
}

void TestTarStreamReader::handlerErrorStopsParsing()
{
    Recorder rec;
    rec.failAt = QStringLiteral("b");
    TarStreamReader reader(&rec);
    const QByteArray tar = file("a", "1") + file("b", "2") + file("c", "3") + endMarker();
    Result<void> r = reader.push(tar);
    QVERIFY(!r);
    QCOMPARE(r.errorCode(), ErrorCode::LimitExceeded);
    QCOMPARE(r.errorString(), QStringLiteral("stop at b"));
    QCOMPARE(rec.entries.size(), 1);
    // Unusable afterwards: the same error again, nothing more delivered.
    Result<void> again = reader.push(file("d", "4"));
    QCOMPARE(again.errorString(), QStringLiteral("stop at b"));
    QCOMPARE(reader.finish().errorString(), QStringLiteral("stop at b"));
    QCOMPARE(rec.entries.size(), 1);
}

QTEST_GUILESS_MAIN(TestTarStreamReader)
#include "tst_tarstreamreader.moc"
