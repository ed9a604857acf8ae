// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: BSD-2-Clause

// UploadIntake: hostile uploads are refused before anything is written; good uploads give the right manifest.
#include "intake/uploadintake.h"
#include "archive/zstdstreamdecoder.h"

#include "../archive/tartestutil.h"

#include <QCryptographicHash>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <sys/mount.h>
#include <sys/stat.h>
#include <xxhash.h>

using namespace BuildService;
using namespace TarTest;

namespace {
const QString s_absoluteEvil = QStringLiteral("/tmp/build-service-tst-uploadintake-evil.txt");

// A temp root with the staging dir and, next to it, an "outside" dir holding a sentinel.
struct Sandbox {
    QTemporaryDir root;
    QString staging;
    QString outside;
    Sandbox()
    {
        staging = root.filePath(QStringLiteral("staging"));
        outside = root.filePath(QStringLiteral("outside"));
        QDir().mkpath(staging);
        QDir().mkpath(outside);
        QFile f(outside + QStringLiteral("/sentinel.txt"));
        if (f.open(QIODevice::WriteOnly))
            f.write("sentinel");
    }
    // Everything below the root except the staging dir, with contents: must not change.
    QStringList outsideSnapshot() const
    {
        QStringList out;
        QDirIterator it(root.path(), QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot,
                        QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            if (path == staging || path.startsWith(staging + QLatin1Char('/')))
                continue;
            const QFileInfo fi = it.fileInfo();
            QString line = path.mid(root.path().size());
            if (fi.isSymLink()) {
                line += QStringLiteral(" -> ") + fi.symLinkTarget();
            } else if (fi.isFile()) {
                QFile f(path);
                f.open(QIODevice::ReadOnly);
                line += QStringLiteral(" = ") + QString::fromLatin1(f.readAll().toHex());
            }
            out << line;
        }
        out.sort();
        return out;
    }
};

struct Outcome {
    Result<Manifest> result = makeError(ErrorCode::Internal, QStringLiteral("not run"));
    qint64 compressed = 0;
    qint64 uncompressed = 0;
    qint64 entries = 0;
};

Outcome ingest(const QString &staging, const QByteArray &upload, bool zstd, const IntakeLimits &limits = {}, int chunk = 100)
{
    UploadIntake intake(staging, limits, zstd);
    Outcome out;
    Result<void> r;
    for (int pos = 0; pos < upload.size() && r; pos += chunk)
        r = intake.feed(upload.mid(pos, chunk));
    out.result = r ? intake.finish() : Result<Manifest>(r.error());
    out.compressed = intake.compressedBytes();
    out.uncompressed = intake.uncompressedBytes();
    out.entries = intake.entries();
    return out;
}

QByteArray symlink(const QByteArray &name, const QByteArray &target)
{
    return header(name, '2', 0, target, 0777);
}

quint64 xxh3(const QByteArray &data)
{
    return XXH3_64bits(data.constData(), size_t(data.size()));
}

// Unmounts the tmpfs on scope exit, whatever the test's outcome.
struct MountGuard {
    QByteArray dir;
    ~MountGuard()
    {
        if (!dir.isEmpty())
            ::umount2(dir.constData(), MNT_DETACH);
    }
};
} // namespace

class TestUploadIntake : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void rejectsHostileArchives_data();
    void rejectsHostileArchives();
    void stagesGoodArchiveWithManifest();
    void normalisesModes_data();
    void normalisesModes();
    void refusesZstdBomb();
    void refusesTruncatedUploads_data();
    void refusesTruncatedUploads();
    void refusesNonEmptyStagingDirectory();
    void staysFailedAfterAnError();
    void reportsDiskFull();
};

void TestUploadIntake::rejectsHostileArchives_data()
{
    QTest::addColumn<QByteArray>("tar");
    QTest::addColumn<qint64>("maxEntries");
    QTest::addColumn<qint64>("maxTotalBytes");
    QTest::addColumn<qint64>("maxFileBytes");
    QTest::addColumn<ErrorCode>("code");
    QTest::addColumn<QString>("message");
    QTest::addColumn<QString>("mustNotExist"); // relative to staging; written before the check would be a bug

    const QByteArray ok = file("ok.txt", "fine");
    const QByteArray end = endMarker();
    const auto row = [](const char *name, const QByteArray &tar, ErrorCode code, const QString &message,
                        const QString &mustNotExist = QString(), qint64 maxEntries = -1, qint64 maxTotal = -1, qint64 maxFile = -1) {
        QTest::newRow(name) << tar << maxEntries << maxTotal << maxFile << code << message << mustNotExist;
    };
    const auto rejected = ErrorCode::ArchiveRejected;

    row("dot-dot entry", ok + file("../evil.txt", "x") + end, rejected,
        QStringLiteral("entry \"../evil.txt\" rejected: path contains \"..\""));
    row("dot-dot deep", ok + file("a/../../evil.txt", "x") + end, rejected,
        QStringLiteral("entry \"a/../../evil.txt\" rejected: path contains \"..\""));
    row("dot-dot through pax path", ok + paxRecord({{"path", "../evil.txt"}}) + file("harmless", "x") + end, rejected,
        QStringLiteral("entry \"../evil.txt\" rejected: path contains \"..\""));
    row("dot-dot through GNU long name", ok + gnuLongRecord('L', "../" + QByteArray(120, 'e')) + file("harmless", "x") + end,
        rejected, QStringLiteral("entry \"../%1\" rejected: path contains \"..\"").arg(QString(120, QLatin1Char('e'))));
    row("absolute path", ok + file(s_absoluteEvil.toUtf8(), "x") + end, rejected,
        QStringLiteral("entry \"%1\" rejected: path is absolute").arg(s_absoluteEvil));
    row("backslash trick", ok + file("a\\..\\..\\evil.txt", "x") + end, rejected,
        QStringLiteral("entry \"a\\..\\..\\evil.txt\" rejected: path contains a backslash"));
    row("NUL in a pax path", ok + paxRecord({{"path", QByteArray("a/\0b", 4)}}) + file("harmless", "x") + end, rejected,
        QStringLiteral("entry \"a/\\x00b\" rejected: path contains a control character (0x00)"), QStringLiteral("a"));
    row("NUL in a GNU long name", ok + gnuLongRecord('L', QByteArray("a/\0b", 4)) + file("harmless", "x") + end, rejected,
        QStringLiteral("entry \"a/\\x00b\" rejected: path contains a control character (0x00)"), QStringLiteral("a"));
    row("NUL in a pax link target", ok + paxRecord({{"linkpath", QByteArray("ok.txt\0/../../x", 15)}}) + symlink("l", "ok.txt") + end,
        rejected, QStringLiteral("symlink \"l\" rejected: target contains a control character (0x00)"), QStringLiteral("l"));
    row("control character", ok + file("evil\x1b[2J.txt", "x") + end, rejected,
        QStringLiteral("entry \"evil\\x1b[2J.txt\" rejected: path contains a control character (0x1b)"));
    row("duplicate file", ok + file("ok.txt", "replaced") + end, rejected,
        QStringLiteral("entry \"ok.txt\" rejected: duplicate path"));
    row("duplicate through ./", ok + file("./ok.txt", "replaced") + end, rejected,
        QStringLiteral("entry \"ok.txt\" rejected: duplicate path"));
    row("duplicate directory", ok + header("d/", '5', 0, {}, 0755) + header("d/", '5', 0, {}, 0755) + end, rejected,
        QStringLiteral("entry \"d\" rejected: duplicate path"));
    row("directory over a file", ok + header("ok.txt/", '5', 0, {}, 0755) + end, rejected,
        QStringLiteral("entry \"ok.txt\" rejected: a file of the same name is in the archive"));
    row("file over a directory", header("d/", '5', 0, {}, 0755) + file("d", "x") + end, rejected,
        QStringLiteral("entry \"d\" rejected: a directory of the same name is in the archive"), QStringLiteral("d"));
    row("file over an implied directory", file("d/inner.txt", "x") + file("d", "x") + end, rejected,
        QStringLiteral("entry \"d\" rejected: a directory of the same name is in the archive"));
    row("file below a file", ok + file("ok.txt/evil.txt", "x") + end, rejected,
        QStringLiteral("entry \"ok.txt/evil.txt\" rejected: \"ok.txt\" is a file in the archive"));
    row("symlink to an absolute path", ok + symlink("link", "/etc") + end, rejected,
        QStringLiteral("symlink \"link\" rejected: target \"/etc\" is absolute"), QStringLiteral("link"));
    row("symlink climbing out", ok + symlink("sub/link", "../../outside") + end, rejected,
        QStringLiteral("symlink \"sub/link\" rejected: target \"../../outside\" points outside the tree"),
        QStringLiteral("sub/link"));
    row("file below an archive symlink", ok + symlink("link", "sub") + file("link/evil.txt", "x") + end, rejected,
        QStringLiteral("entry \"link/evil.txt\" rejected: \"link\" is a symlink in the archive"),
        QStringLiteral("sub/evil.txt"));
    row("hard link", ok + header("hard", '1', 0, "ok.txt") + end, rejected,
        QStringLiteral("entry \"hard\" rejected: hard links are not supported"), QStringLiteral("hard"));
    row("device", ok + header("dev", '3', 0) + end, rejected,
        QStringLiteral("entry \"dev\" rejected: character devices are not supported"), QStringLiteral("dev"));
    row("too many entries", file("a", "1") + file("b", "2") + file("c", "3") + file("d", "4") + end,
        ErrorCode::LimitExceeded, QStringLiteral("archive has more than 3 entries (server limit [limits] max_entries)"), QStringLiteral("d"), 3);
    row("total size above limit",
        file("a.bin", QByteArray(400, 'a')) + file("b.bin", QByteArray(400, 'b')) + file("c.bin", QByteArray(400, 'c')) + end,
        ErrorCode::LimitExceeded,
        QStringLiteral("archive holds more than 1000 bytes of files (server limit [limits] max_upload_bytes), reached at entry \"c.bin\""),
        QStringLiteral("c.bin"), -1, 1000);
    row("single file too big", ok + file("big.bin", QByteArray(2000, 'b')) + end, ErrorCode::LimitExceeded,
        QStringLiteral("entry \"big.bin\" has 2000 bytes, more than the limit of 1000 ([limits] max_file_bytes)"), QStringLiteral("big.bin"),
        -1, -1, 1000);
}

void TestUploadIntake::rejectsHostileArchives()
{
    QFETCH(QByteArray, tar);
    QFETCH(qint64, maxEntries);
    QFETCH(qint64, maxTotalBytes);
    QFETCH(qint64, maxFileBytes);
    QFETCH(ErrorCode, code);
    QFETCH(QString, message);
    QFETCH(QString, mustNotExist);
    IntakeLimits limits;
    if (maxEntries >= 0)
        limits.maxEntries = maxEntries;
    if (maxTotalBytes >= 0)
        limits.maxTotalBytes = maxTotalBytes;
    if (maxFileBytes >= 0)
        limits.maxFileBytes = maxFileBytes;

    for (bool zstd : {false, true}) {
        Sandbox box;
        QFile::remove(s_absoluteEvil);
        const QStringList before = box.outsideSnapshot();
        const Outcome out = ingest(box.staging, zstd ? zstdCompress(tar) : tar, zstd, limits);
        QVERIFY2(!out.result, zstd ? "accepted (zstd)" : "accepted (plain)");
        QCOMPARE(out.result.errorString(), message);
        QCOMPARE(out.result.errorCode(), code);
        QCOMPARE(box.outsideSnapshot(), before);
        QVERIFY(!QFileInfo::exists(s_absoluteEvil));
        QVERIFY(!QFileInfo::exists(box.root.filePath(QStringLiteral("evil.txt"))));
        if (!mustNotExist.isEmpty()) {
            const QFileInfo fi(box.staging + QLatin1Char('/') + mustNotExist);
            QVERIFY2(!fi.exists() && !fi.isSymLink(), qPrintable(mustNotExist + QStringLiteral(" was written")));
        }
        // The first, harmless entry was written and is untouched by the rejected duplicate.
        if (tar.startsWith(file("ok.txt", "fine"))) {
            QFile f(box.staging + QStringLiteral("/ok.txt"));
            QVERIFY(f.open(QIODevice::ReadOnly));
            QCOMPARE(f.readAll(), QByteArrayLiteral("fine"));
        }
    }
}

void TestUploadIntake::stagesGoodArchiveWithManifest()
{
    const QByteArray mainCpp = "int main() { return 0; }\n";
    const QByteArray script = "#!/bin/sh\necho built\n";
    QByteArray big(300000, '\0');
    for (int i = 0; i < big.size(); ++i)
        big[i] = char((i * 31) ^ (i >> 7));
    const QString longName = QStringLiteral("deep/") + QString(140, QLatin1Char('n')) + QStringLiteral("/data.bin");
    const QByteArray tar = ktar([&](KTar &t) {
        t.writeDir(QStringLiteral("src"));
        t.writeFile(QStringLiteral("src/main.cpp"), mainCpp, 0100644);
        t.writeFile(QStringLiteral("scripts/build.sh"), script, 0100755);
        t.writeFile(QStringLiteral("empty"), QByteArray(), 0100600);
        t.writeFile(longName, big, 0100640);
        t.writeSymLink(QStringLiteral("src/link"), QStringLiteral("main.cpp"));
        t.writeSymLink(QStringLiteral("scripts/up"), QStringLiteral("../src"));
    });
    const QByteArray upload = zstdCompress(tar);
    Sandbox box;
    const Outcome out = ingest(box.staging, upload, true, {}, 777);
    QVERIFY2(out.result, qPrintable(out.result.errorString()));
    const Manifest &m = out.result.value();
    QCOMPARE(m.size(), 6);
    QCOMPARE(out.entries, 7);
    QCOMPARE(out.compressed, qint64(upload.size()));
    QCOMPARE(out.uncompressed, qint64(tar.size()));
    QVERIFY(!m.contains(QStringLiteral("src")));

    const auto checkFile = [&](const QString &path, const QByteArray &content, quint32 mode) {
        const ManifestEntry *e = m.find(path);
        QVERIFY2(e, qPrintable(path));
        QCOMPARE(e->type, ManifestEntry::Type::File);
        QCOMPARE(e->size, qint64(content.size()));
        QCOMPARE(e->hash, xxh3(content));
        QCOMPARE(e->mode, mode);
        QFile f(box.staging + QLatin1Char('/') + path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), content);
        struct stat st;
        QCOMPARE(::lstat(QFile::encodeName(f.fileName()).constData(), &st), 0);
        QCOMPARE(quint32(st.st_mode & 07777), mode);
    };
    checkFile(QStringLiteral("src/main.cpp"), mainCpp, 0644);
    checkFile(QStringLiteral("scripts/build.sh"), script, 0755);
    // Modes are normalised to what a checkout needs (see normalisesModes).
    checkFile(QStringLiteral("empty"), QByteArray(), 0644);
    checkFile(longName, big, 0644);

    const ManifestEntry *link = m.find(QStringLiteral("scripts/up"));
    QVERIFY(link);
    QCOMPARE(link->type, ManifestEntry::Type::Symlink);
    QCOMPARE(link->mode, 0777u);
    QCOMPARE(link->size, 0);
    QCOMPARE(link->linkTarget, QStringLiteral("../src"));
    QCOMPARE(link->hash, xxh3("../src"));
    QCOMPARE(QFile::symLinkTarget(box.staging + QStringLiteral("/scripts/up")), box.staging + QStringLiteral("/src"));
    QCOMPARE(m.find(QStringLiteral("src/link"))->linkTarget, QStringLiteral("main.cpp"));

    // Same result from a plain tar fed in one piece.
    Sandbox plainBox;
    const Outcome plain = ingest(plainBox.staging, tar, false, {}, tar.size());
    QVERIFY2(plain.result, qPrintable(plain.result.errorString()));
    QCOMPARE(plain.result->digest(), m.digest());
}

void TestUploadIntake::normalisesModes_data()
{
    QTest::addColumn<int>("mode");
    QTest::addColumn<int>("expected");
    QTest::newRow("0644") << 0644 << 0644;
    QTest::newRow("0755") << 0755 << 0755;
    QTest::newRow("world-writable 0666") << 0666 << 0644;
    QTest::newRow("world-writable 0777") << 0777 << 0755;
    QTest::newRow("sticky 01644") << 01644 << 0644;
    QTest::newRow("setuid 06755") << 06755 << 0755;
    QTest::newRow("private 0600") << 0600 << 0644;
    QTest::newRow("owner-executable 0700") << 0700 << 0755;
    QTest::newRow("group-executable 0610") << 0610 << 0755;
}

void TestUploadIntake::normalisesModes()
{
    QFETCH(int, mode);
    QFETCH(int, expected);
    Sandbox box;
    const Outcome out = ingest(box.staging, file("f", "x", mode) + endMarker(), false);
    QVERIFY2(out.result, qPrintable(out.result.errorString()));
    QCOMPARE(out.result->find(QStringLiteral("f"))->mode, quint32(expected));
    struct stat st;
    QCOMPARE(::lstat(QFile::encodeName(box.staging + QStringLiteral("/f")).constData(), &st), 0);
    QCOMPARE(int(st.st_mode & 07777), expected);
}

void TestUploadIntake::refusesZstdBomb()
{
    // 1 GiB of zeros, compressed on the fly and fed as it is produced: the ratio is checked
    // from the first byte, so the intake stops once the output exceeds the allowance plus
    // ratio * input, long before the gigabyte (and this test) is done.
    Sandbox box;
    IntakeLimits limits;
    QCOMPARE(limits.compressionAllowanceBytes, qint64(1 << 20)); // the documented default
    UploadIntake intake(box.staging, limits, true);
    const qint64 fileSize = 1LL << 30;
    ZSTD_CCtx *cctx = ZSTD_createCCtx();
    ZSTD_CCtx_setParameter(cctx, ZSTD_c_compressionLevel, 3);
    const QByteArray zeros(1 << 20, '\0');
    QByteArray out(int(ZSTD_CStreamOutSize()), Qt::Uninitialized);
    Result<void> r;
    qint64 produced = 0;
    const QByteArray head = header("zeros.bin", '0', fileSize);
    // The size cap makes the test fail fast (instead of writing a gigabyte) if the guard is gone.
    for (qint64 fed = -1; fed < fileSize / zeros.size() && r && produced < (64LL << 20); ++fed) {
        const QByteArray &piece = fed < 0 ? head : zeros;
        ZSTD_inBuffer in{piece.constData(), size_t(piece.size()), 0};
        while (in.pos < in.size && r) {
            ZSTD_outBuffer o{out.data(), size_t(out.size()), 0};
            ZSTD_compressStream2(cctx, &o, &in, ZSTD_e_continue);
            if (o.pos > 0)
                r = intake.feed(out.constData(), qint64(o.pos));
        }
        produced += piece.size();
    }
    ZSTD_freeCCtx(cctx);
    QVERIFY(!r);
    QCOMPARE(r.errorCode(), ErrorCode::LimitExceeded);
    QCOMPARE(r.errorString(), QStringLiteral("compression ratio exceeds the limit of 1000:1 ([limits] max_compression_ratio, "
                                             "beyond an allowance of 1048576 bytes, [limits] compression_allowance_bytes)"));
    // What reached the staging directory is bounded by the allowance plus ratio * input; the
    // decoder hands over at most one chunk more before the check refuses it.
    const qint64 bound = limits.compressionAllowanceBytes + 1000 * intake.compressedBytes() + ZstdStreamDecoder::chunkSize();
    QVERIFY2(intake.uncompressedBytes() <= bound,
             qPrintable(QStringLiteral("%1 > %2").arg(intake.uncompressedBytes()).arg(bound)));
    QVERIFY2(intake.uncompressedBytes() < (4 << 20), qPrintable(QString::number(intake.uncompressedBytes())));
    QVERIFY(produced < (64LL << 20));
    QCOMPARE(intake.finish().errorString(), r.errorString());
}

void TestUploadIntake::refusesTruncatedUploads_data()
{
    QTest::addColumn<QByteArray>("upload");
    QTest::addColumn<bool>("zstd");
    QTest::addColumn<QString>("message");
    const QByteArray tar = file("a.txt", "hello") + file("b.bin", QByteArray(5000, 'b')) + endMarker();
    const QByteArray compressed = zstdCompress(tar);
    QTest::newRow("plain tar cut inside data") << tar.left(2000) << false
                                               << QStringLiteral("archive ended in the middle of entry \"b.bin\"");
    QTest::newRow("zstd cut inside the frame") << compressed.left(compressed.size() - 5) << true
                                               << QStringLiteral("compressed stream ended in the middle of a zstd frame");
    QTest::newRow("zstd frame holding a cut tar") << zstdCompress(tar.left(3000)) << true
                                                  << QStringLiteral("archive ended in the middle of entry \"b.bin\"");
    QTest::newRow("empty zstd upload") << QByteArray() << true << QStringLiteral("compressed stream is empty");
}

void TestUploadIntake::refusesTruncatedUploads()
{
    QFETCH(QByteArray, upload);
    QFETCH(bool, zstd);
    QFETCH(QString, message);
    Sandbox box;
    const Outcome out = ingest(box.staging, upload, zstd);
    QVERIFY(!out.result);
    QCOMPARE(out.result.errorCode(), ErrorCode::UploadIncomplete);
    QCOMPARE(out.result.errorString(), message);
}

void TestUploadIntake::refusesNonEmptyStagingDirectory()
{
    Sandbox box;
    QFile f(box.staging + QStringLiteral("/leftover"));
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.close();
    const Outcome out = ingest(box.staging, file("a", "1") + endMarker(), false);
    QCOMPARE(out.result.errorCode(), ErrorCode::IoError);
    QCOMPARE(out.result.errorString(), QStringLiteral("staging directory \"%1\" is not empty").arg(box.staging));
    QVERIFY(!QFileInfo::exists(box.staging + QStringLiteral("/a")));
}

void TestUploadIntake::staysFailedAfterAnError()
{
    Sandbox box;
    UploadIntake intake(box.staging, {}, false);
    const Result<void> first = intake.feed(file("../x", "1"));
    QVERIFY(!first);
    const Result<void> second = intake.feed(file("fine", "2") + endMarker());
    QCOMPARE(second.errorString(), first.errorString());
    QCOMPARE(intake.finish().errorString(), first.errorString());
    QVERIFY(!QFileInfo::exists(box.staging + QStringLiteral("/fine")));
}

void TestUploadIntake::reportsDiskFull()
{
    Sandbox box;
    MountGuard guard;
    if (::mount("tmpfs", QFile::encodeName(box.staging).constData(), "tmpfs", 0, "size=1m") != 0)
        QSKIP(qPrintable(QStringLiteral("cannot mount a 1 MiB tmpfs (needs root / CAP_SYS_ADMIN): %1")
                             .arg(QString::fromLocal8Bit(std::strerror(errno)))));
    guard.dir = QFile::encodeName(box.staging);
    const QByteArray tar = file("small.txt", "fits") + file("big.bin", QByteArray(4 << 20, 'x')) + endMarker();
    // 4 MiB of one letter compresses far beyond 1000:1; the allowance lets it reach the disk.
    IntakeLimits limits;
    limits.compressionAllowanceBytes = 8 << 20;
    const Outcome out = ingest(box.staging, zstdCompress(tar), true, limits, 64 * 1024);
    QVERIFY(!out.result);
    QCOMPARE(out.result.errorCode(), ErrorCode::DiskFull);
    QCOMPARE(out.result.errorString(), QStringLiteral("no space left on device while writing big.bin"));
    // The partial file is removed again; the staging dir is the caller's to delete.
    QVERIFY(!QFileInfo::exists(box.staging + QStringLiteral("/big.bin")));
}

QTEST_GUILESS_MAIN(TestUploadIntake)
#include "tst_uploadintake.moc"
