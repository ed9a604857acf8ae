// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: BSD-2-Clause

// Tests of TreePacker: archives read back with KTar (and GNU tar), chunking, cancel, progress, errors.
#include "packaging/treepacker.h"
#include "packaging/treescanner.h"

#include <KTar>
#include <KArchiveDirectory>
#include <KArchiveFile>

#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <zstd.h>

#include <unistd.h>

using namespace BuildService;

Q_DECLARE_METATYPE(TreePacker::Compression)

namespace {

constexpr int ChunkBytes = 64 * 1024;

bool writeFile(const QString &path, const QByteArray &content, QFile::Permissions permissions = {})
{
    if (!QDir().mkpath(QFileInfo(path).absolutePath()))
        return false;
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size())
        return false;
    file.close();
    return permissions == QFile::Permissions() || file.setPermissions(permissions);
}

QString longPath()
{
    // 3 components of < 255 bytes each; 296 bytes in all.
    return QString(100, QLatin1Char('d')) + QLatin1Char('/') + QString(100, QLatin1Char('e')) + QLatin1Char('/')
        + QString(90, QLatin1Char('f')) + QLatin1String(".txt");
}

QString mediumPath()
{
    return QStringLiteral("medium/") + QString(120, QLatin1Char('m')) + QLatin1String(".c");
}

QByteArray bigContent()
{
    QByteArray data(5 * 1024 * 1024, Qt::Uninitialized);
    QRandomGenerator generator(42);
    generator.fillRange(reinterpret_cast<quint32 *>(data.data()), data.size() / 4);
    return data;
}

bool makeTree(const QString &root)
{
    const auto exec = QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner | QFile::ReadGroup | QFile::ExeGroup
        | QFile::ReadOther | QFile::ExeOther;
    return writeFile(root + QLatin1String("/bin/run.sh"), "#!/bin/sh\necho hi\n", exec)
        && writeFile(root + QLatin1String("/src/main.c"), "int main() { return 0; }\n",
                     QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther)
        && writeFile(root + QLatin1String("/empty.txt"), QByteArray())
        && writeFile(root + QLatin1String("/big.bin"), bigContent())
        && writeFile(root + QLatin1Char('/') + longPath(), "long\n")
        && writeFile(root + QLatin1Char('/') + mediumPath(), "medium\n")
        && ::symlink("bin/run.sh", QFile::encodeName(root + QLatin1String("/link")).constData()) == 0
        && ::symlink(QFile::encodeName(longPath()).constData(),
                     QFile::encodeName(root + QLatin1String("/longlink")).constData())
        == 0;
}

QByteArray decompressWithLibzstd(const QByteArray &input)
{
    ZSTD_DStream *stream = ZSTD_createDStream();
    QByteArray output;
    QByteArray buffer(int(ZSTD_DStreamOutSize()), Qt::Uninitialized);
    ZSTD_inBuffer in{input.constData(), size_t(input.size()), 0};
    size_t last = 0;
    while (in.pos < in.size) {
        ZSTD_outBuffer out{buffer.data(), size_t(buffer.size()), 0};
        last = ZSTD_decompressStream(stream, &out, &in);
        if (ZSTD_isError(last)) {
            ZSTD_freeDStream(stream);
            return QByteArray();
        }
        output.append(buffer.constData(), int(out.pos));
    }
    ZSTD_freeDStream(stream);
    return last == 0 ? output : QByteArray();
}

QByteArray decompress(const QByteArray &input)
{
    if (QStandardPaths::findExecutable(QStringLiteral("zstd")).isEmpty())
        return decompressWithLibzstd(input);
    QProcess zstd;
    zstd.start(QStringLiteral("zstd"), {QStringLiteral("-dc")});
    if (!zstd.waitForStarted())
        return QByteArray();
    zstd.write(input);
    zstd.closeWriteChannel();
    QByteArray output;
    // Read while waiting: the pipe would fill up with megabytes otherwise.
    while (zstd.state() != QProcess::NotRunning) {
        zstd.waitForReadyRead(1000);
        output += zstd.readAllStandardOutput();
    }
    output += zstd.readAllStandardOutput();
    return zstd.exitCode() == 0 ? output : QByteArray();
}

struct Packed {
    Result<PackStats> result = makeError(ErrorCode::Internal, QString());
    QList<QByteArray> chunks;
    QByteArray joined() const
    {
        QByteArray all;
        for (const QByteArray &chunk : chunks)
            all += chunk;
        return all;
    }
};

Packed packTree(const QString &root, TreePacker::Compression compression, const QList<ScannedEntry> &entries)
{
    Packed packed;
    packed.result = TreePacker::pack(root, entries, compression, ChunkBytes, [&packed](const QByteArray &chunk) {
        packed.chunks.append(chunk);
        return true;
    });
    return packed;
}

} // namespace

class TestTreePacker : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void packsTreeReadableByKTar_data();
    void packsTreeReadableByKTar();
    void writesLongNamesStandardTarReads();
    void sinkReturningFalseCancels();
    void cancelFlagCancels();
    void progressReachesTotals();
    void failsWhenFileChangesSize();
    void failsWhenFileVanishes();
    void rejectsEntryOutsideTree();
};

void TestTreePacker::packsTreeReadableByKTar_data()
{
    QTest::addColumn<TreePacker::Compression>("compression");
    QTest::newRow("zstd") << TreePacker::Compression::Zstd;
    QTest::newRow("none") << TreePacker::Compression::None;
}

void TestTreePacker::packsTreeReadableByKTar()
{
    QFETCH(TreePacker::Compression, compression);
    QTemporaryDir temp;
    QVERIFY(temp.isValid());
    QVERIFY(makeTree(temp.path()));
    const Result<ScanResult> scanned = TreeScanner::scan(temp.path());
    QVERIFY2(scanned.ok(), qPrintable(scanned.errorString()));
    QCOMPARE(scanned->entries.size(), 8);

    const Packed packed = packTree(temp.path(), compression, scanned->entries);
    QVERIFY2(packed.result.ok(), qPrintable(packed.result.errorString()));
    QVERIFY(packed.chunks.size() > 1);
    for (int i = 0; i < packed.chunks.size(); ++i) {
        if (i + 1 < packed.chunks.size())
            QCOMPARE(packed.chunks.at(i).size(), ChunkBytes);
        else
            QVERIFY(packed.chunks.at(i).size() > 0 && packed.chunks.at(i).size() <= ChunkBytes);
    }
    const QByteArray archive = packed.joined();
    QCOMPARE(packed.result->bytesOut, qint64(archive.size()));
    QCOMPARE(packed.result->entries, 8);
    QCOMPARE(packed.result->bytesIn, qint64(5 * 1024 * 1024 + 18 + 25 + 5 + 7));

    QByteArray tarBytes = archive;
    if (compression == TreePacker::Compression::Zstd) {
        QVERIFY(archive.startsWith("\x28\xB5\x2F\xFD")); // zstd frame magic
        tarBytes = decompress(archive);
        QVERIFY(!tarBytes.isEmpty());
        QVERIFY(tarBytes.size() > archive.size()); // the text compressed, at least a little
    }
    QCOMPARE(tarBytes.size() % 512, 0);
    QVERIFY(tarBytes.endsWith(QByteArray(1024, '\0')));

    QBuffer buffer(&tarBytes);
    KTar tar(&buffer);
    QVERIFY(tar.open(QIODevice::ReadOnly));
    const KArchiveDirectory *top = tar.directory();

    const auto file = [top](const QString &path) { return dynamic_cast<const KArchiveFile *>(top->entry(path)); };
    QVERIFY(file(QStringLiteral("bin/run.sh")));
    QCOMPARE(file(QStringLiteral("bin/run.sh"))->data(), QByteArray("#!/bin/sh\necho hi\n"));
    QCOMPARE(file(QStringLiteral("bin/run.sh"))->permissions() & 07777, mode_t(0755));
    QCOMPARE(file(QStringLiteral("src/main.c"))->permissions() & 07777, mode_t(0644));
    QVERIFY(file(QStringLiteral("empty.txt")));
    QCOMPARE(file(QStringLiteral("empty.txt"))->size(), 0);
    QVERIFY(file(QStringLiteral("big.bin")));
    QVERIFY(file(QStringLiteral("big.bin"))->data() == bigContent());
    QVERIFY(file(longPath()));
    QCOMPARE(file(longPath())->data(), QByteArray("long\n"));
    QCOMPARE(file(mediumPath())->data(), QByteArray("medium\n"));

    const KArchiveEntry *link = top->entry(QStringLiteral("link"));
    QVERIFY(link);
    QCOMPARE(link->symLinkTarget(), QStringLiteral("bin/run.sh"));
    const KArchiveEntry *longLink = top->entry(QStringLiteral("longlink"));
    QVERIFY(longLink);
    QCOMPARE(longLink->symLinkTarget(), longPath());

    // mtime survives (tar keeps seconds).
    const ScannedEntry &first = scanned->entries.first();
    const KArchiveEntry *firstEntry = top->entry(first.path);
    QVERIFY(firstEntry);
    QCOMPARE(firstEntry->date().toSecsSinceEpoch(), first.mtimeNs / 1000000000LL);
}

void TestTreePacker::writesLongNamesStandardTarReads()
{
    if (QStandardPaths::findExecutable(QStringLiteral("tar")).isEmpty())
        QSKIP("tar is not installed");
    QTemporaryDir temp;
    QVERIFY(temp.isValid());
    QVERIFY(makeTree(temp.path()));
    const Result<ScanResult> scanned = TreeScanner::scan(temp.path());
    QVERIFY2(scanned.ok(), qPrintable(scanned.errorString()));
    const Packed packed = packTree(temp.path(), TreePacker::Compression::None, scanned->entries);
    QVERIFY2(packed.result.ok(), qPrintable(packed.result.errorString()));
    QTemporaryDir out;
    QVERIFY(out.isValid());
    const QString archivePath = out.filePath(QStringLiteral("a.tar"));
    QVERIFY(writeFile(archivePath, packed.joined()));
    const QString extractDir = out.filePath(QStringLiteral("x"));
    QVERIFY(QDir().mkpath(extractDir));

    QProcess tar;
    tar.setWorkingDirectory(extractDir);
    tar.start(QStringLiteral("tar"), {QStringLiteral("-xf"), archivePath});
    QVERIFY(tar.waitForFinished(30000));
    QCOMPARE(tar.readAllStandardError(), QByteArray());
    QCOMPARE(tar.exitCode(), 0);

    QFile longFile(extractDir + QLatin1Char('/') + longPath());
    QVERIFY(longFile.open(QIODevice::ReadOnly));
    QCOMPARE(longFile.readAll(), QByteArray("long\n"));
    QCOMPARE(QFile::symLinkTarget(extractDir + QLatin1String("/longlink")),
             QFileInfo(extractDir + QLatin1Char('/') + longPath()).absoluteFilePath());
    QVERIFY(QFileInfo(extractDir + QLatin1String("/bin/run.sh")).isExecutable());
    QCOMPARE(QFileInfo(extractDir + QLatin1String("/big.bin")).size(), qint64(5 * 1024 * 1024));
}

void TestTreePacker::sinkReturningFalseCancels()
{
    QTemporaryDir temp;
    QVERIFY(temp.isValid());
    QVERIFY(makeTree(temp.path()));
    const Result<ScanResult> scanned = TreeScanner::scan(temp.path());
    QVERIFY2(scanned.ok(), qPrintable(scanned.errorString()));

    int calls = 0;
    const Result<PackStats> result =
        TreePacker::pack(temp.path(), scanned->entries, TreePacker::Compression::None, ChunkBytes,
                         [&calls](const QByteArray &) { return ++calls < 2; });
    QVERIFY(!result.ok());
    QCOMPARE(result.errorCode(), ErrorCode::Cancelled);
    QCOMPARE(result.errorString(), QStringLiteral("Packing aborted: the receiver stopped accepting data"));
    QCOMPARE(calls, 2);
}

void TestTreePacker::cancelFlagCancels()
{
    QTemporaryDir temp;
    QVERIFY(temp.isValid());
    QVERIFY(makeTree(temp.path()));
    const Result<ScanResult> scanned = TreeScanner::scan(temp.path());
    QVERIFY2(scanned.ok(), qPrintable(scanned.errorString()));

    std::atomic_bool cancel{false};
    int calls = 0;
    // Uncompressed, so chunks leave as the files are read: multi-threaded zstd may hold all
    // output back until the end, after the last point where the flag is checked.
    const Result<PackStats> result = TreePacker::pack(
        temp.path(), scanned->entries, TreePacker::Compression::None, 4096,
        [&](const QByteArray &) {
            if (++calls == 3)
                cancel = true;
            return true;
        },
        {}, &cancel);
    QVERIFY(!result.ok());
    QCOMPARE(result.errorCode(), ErrorCode::Cancelled);
    QCOMPARE(result.errorString(), QStringLiteral("Packing cancelled"));
}

void TestTreePacker::progressReachesTotals()
{
    QTemporaryDir temp;
    QVERIFY(temp.isValid());
    QVERIFY(makeTree(temp.path()));
    const Result<ScanResult> scanned = TreeScanner::scan(temp.path());
    QVERIFY2(scanned.ok(), qPrintable(scanned.errorString()));

    QList<PackProgress> reports;
    qint64 handed = 0;
    const Result<PackStats> result = TreePacker::pack(
        temp.path(), scanned->entries, TreePacker::Compression::Zstd, ChunkBytes,
        [&handed](const QByteArray &chunk) {
            handed += chunk.size();
            return true;
        },
        [&reports](const PackProgress &progress) { reports.append(progress); });
    QVERIFY2(result.ok(), qPrintable(result.errorString()));
    QVERIFY(!reports.isEmpty());
    const PackProgress last = reports.last();
    QCOMPARE(last.filesTotal, 8);
    QCOMPARE(last.filesDone, last.filesTotal);
    QCOMPARE(last.bytesTotal, qint64(5 * 1024 * 1024 + 18 + 25 + 5 + 7));
    QCOMPARE(last.bytesIn, last.bytesTotal);
    QCOMPARE(last.bytesOut, handed);
    for (int i = 1; i < reports.size(); ++i) {
        QVERIFY(reports.at(i).filesDone >= reports.at(i - 1).filesDone);
        QVERIFY(reports.at(i).bytesIn >= reports.at(i - 1).bytesIn);
    }
    // Throttled: a pack this small takes well under a second, so only a few reports.
    QVERIFY2(reports.size() <= 25, qPrintable(QString::number(reports.size())));
}

void TestTreePacker::failsWhenFileChangesSize()
{
    QTemporaryDir temp;
    QVERIFY(temp.isValid());
    QVERIFY(writeFile(temp.filePath(QStringLiteral("a.txt")), "abc"));
    const Result<ScanResult> scanned = TreeScanner::scan(temp.path());
    QVERIFY2(scanned.ok(), qPrintable(scanned.errorString()));
    QVERIFY(writeFile(temp.filePath(QStringLiteral("a.txt")), "abcde"));

    const Packed packed = packTree(temp.path(), TreePacker::Compression::Zstd, scanned->entries);
    QVERIFY(!packed.result.ok());
    QCOMPARE(packed.result.errorCode(), ErrorCode::IoError);
    QCOMPARE(packed.result.errorString(),
             QStringLiteral("File changed size while packing: 'a.txt' (scanned 3 bytes, now 5)"));
}

void TestTreePacker::failsWhenFileVanishes()
{
    QTemporaryDir temp;
    QVERIFY(temp.isValid());
    QVERIFY(writeFile(temp.filePath(QStringLiteral("sub/a.txt")), "abc"));
    const Result<ScanResult> scanned = TreeScanner::scan(temp.path());
    QVERIFY2(scanned.ok(), qPrintable(scanned.errorString()));
    QVERIFY(QFile::remove(temp.filePath(QStringLiteral("sub/a.txt"))));

    const Packed packed = packTree(temp.path(), TreePacker::Compression::None, scanned->entries);
    QVERIFY(!packed.result.ok());
    QCOMPARE(packed.result.errorCode(), ErrorCode::IoError);
    QCOMPARE(packed.result.errorString(), QStringLiteral("File vanished while packing: 'sub/a.txt'"));
}

void TestTreePacker::rejectsEntryOutsideTree()
{
    QTemporaryDir temp;
    QVERIFY(temp.isValid());
    ScannedEntry entry;
    entry.path = QStringLiteral("../etc/passwd");
    const Packed packed = packTree(temp.path(), TreePacker::Compression::None, {entry});
    QVERIFY(!packed.result.ok());
    QCOMPARE(packed.result.errorCode(), ErrorCode::InvalidRequest);
    QCOMPARE(packed.result.errorString(), QStringLiteral("Refusing to pack an entry outside the tree: '../etc/passwd'"));
    QVERIFY(packed.chunks.isEmpty());
}

QTEST_GUILESS_MAIN(TestTreePacker)
#include "tst_treepacker.moc"
