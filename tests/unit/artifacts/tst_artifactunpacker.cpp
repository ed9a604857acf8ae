// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: BSD-2-Clause

// ArtifactUnpacker: hostile names rejected before writing, no writes through symlinks, modes.
#include "artifacts/artifactunpacker.h"

#include <KZip>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace BuildService;

namespace {

struct ZipItem {
    QString name;
    QByteArray data;
    mode_t mode = 0100644;
};

bool makeZip(const QString &path, const QList<ZipItem> &items, KZip::Compression compression = KZip::DeflateCompression)
{
    KZip zip(path);
    if (!zip.open(QIODevice::WriteOnly))
        return false;
    zip.setCompression(compression);
    for (const ZipItem &item : items) {
        if (!zip.writeFile(item.name, item.data, item.mode))
            return false;
    }
    return zip.close();
}

QStringList treeOf(const QString &root)
{
    QStringList out;
    QDir dir(root);
    if (!dir.exists())
        return out;
    const QFileInfoList entries = dir.entryInfoList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot);
    for (const QFileInfo &fi : entries) {
        out << fi.fileName();
        if (fi.isDir() && !fi.isSymLink()) {
            for (const QString &sub : treeOf(fi.filePath()))
                out << fi.fileName() + QLatin1Char('/') + sub;
        }
    }
    return out;
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("<missing>");
}

} // namespace

class TestArtifactUnpacker : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void rejectsHostileName_data();
    void rejectsHostileName();
    void rejectsSymlinkEntry();
    void refusesToWriteThroughSymlink_data();
    void refusesToWriteThroughSymlink();
    void keepsExecBit();
    void overwritesExistingRegularFile();
    void rejectsCorruptEntry();
    void rejectsWhatIsNotAZip();
    void refusesToReplaceDirectoryWithFile();
};

void TestArtifactUnpacker::rejectsHostileName_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("message");
    // KZip will not write some of these, so the zip is patched afterwards: same-length names,
    // "@" stands for the byte that is swapped in (CRCs do not cover names).
    QTest::addColumn<QByteArray>("patchFrom");
    QTest::addColumn<QByteArray>("patchTo");
    QTest::newRow("absolute") << QStringLiteral("/abs/x") << QStringLiteral("archive entry '/abs/x' is an absolute path") << QByteArray() << QByteArray();
    QTest::newRow("dotdot") << QStringLiteral("../evil") << QStringLiteral("archive entry '../evil' leaves the destination (..)") << QByteArray() << QByteArray();
    QTest::newRow("inner dotdot") << QStringLiteral("sub/../../up") << QStringLiteral("archive entry 'sub/../../up' leaves the destination (..)") << QByteArray() << QByteArray();
    QTest::newRow("backslash") << QStringLiteral("a\\b") << QStringLiteral("archive entry 'a\\b' contains a backslash") << QByteArray() << QByteArray();
    QTest::newRow("newline") << QStringLiteral("c\nd") << QStringLiteral("archive entry 'c\\x0Ad' contains a control character") << QByteArray() << QByteArray();
    QTest::newRow("escape") << QStringLiteral("e\x1b[31m") << QStringLiteral("archive entry 'e\\x1B[31m' contains a control character") << QByteArray() << QByteArray();
    QTest::newRow("dot component") << QStringLiteral("./dot") << QStringLiteral("archive entry './dot' has an empty or '.' path component") << QByteArray() << QByteArray();
    QTest::newRow("empty component") << QStringLiteral("x//y") << QStringLiteral("archive entry 'x//y' has an empty or '.' path component") << QByteArray() << QByteArray();
    QTest::newRow("invalid UTF-8") << QStringLiteral("bad-@.txt") << QStringLiteral("archive entry 'bad-\uFFFD.txt' is not valid UTF-8") << QByteArray("bad-@") << QByteArray("bad-\xff");
    QTest::newRow("duplicate") << QStringLiteral("gooX.txt") << QStringLiteral("archive entry 'good.txt' appears twice") << QByteArray("gooX.txt") << QByteArray("good.txt");
    QTest::newRow("file and dir") << QStringLiteral("goodXtxt/inner") << QStringLiteral("archive entry 'good.txt' is both a file and a directory") << QByteArray("goodXtxt") << QByteArray("good.txt");
}

void TestArtifactUnpacker::rejectsHostileName()
{
    QFETCH(QString, name);
    QFETCH(QString, message);
    QFETCH(QByteArray, patchFrom);
    QFETCH(QByteArray, patchTo);
    QTemporaryDir dir;
    const QString zipPath = dir.filePath(QStringLiteral("a.zip"));
    // A harmless entry first: it must not be written either.
    QVERIFY(makeZip(zipPath, {{QStringLiteral("good.txt"), "good"}, {name, "evil"}}));
    if (!patchFrom.isEmpty()) {
        QByteArray bytes = readAll(zipPath);
        QVERIFY(bytes.count(patchFrom) == 2); // local header and central directory
        bytes.replace(patchFrom, patchTo);
        QFile f(zipPath);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(bytes);
    }
    const QString dest = dir.filePath(QStringLiteral("dest/inner"));
    const auto result = ArtifactUnpacker::unpack(zipPath, dest);
    QVERIFY(!result.ok());
    QCOMPARE(result.errorCode(), ErrorCode::ArchiveRejected);
    QCOMPARE(result.errorString(), message);
    QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("dest"))));
    QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("evil"))));
    QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("dest/up"))));
}

void TestArtifactUnpacker::rejectsSymlinkEntry()
{
    QTemporaryDir dir;
    const QString zipPath = dir.filePath(QStringLiteral("a.zip"));
    {
        KZip zip(zipPath);
        QVERIFY(zip.open(QIODevice::WriteOnly));
        QVERIFY(zip.writeFile(QStringLiteral("good.txt"), "good"));
        QVERIFY(zip.writeSymLink(QStringLiteral("lnk"), QStringLiteral("/etc/passwd")));
    }
    const QString dest = dir.filePath(QStringLiteral("dest"));
    const auto result = ArtifactUnpacker::unpack(zipPath, dest);
    QVERIFY(!result.ok());
    QCOMPARE(result.errorCode(), ErrorCode::ArchiveRejected);
    QCOMPARE(result.errorString(), QStringLiteral("archive entry 'lnk' is a symbolic link"));
    QVERIFY(!QFileInfo::exists(dest));
}

void TestArtifactUnpacker::refusesToWriteThroughSymlink_data()
{
    QTest::addColumn<QString>("entry");
    QTest::addColumn<QString>("link");   // relative to dest
    QTest::addColumn<QString>("target"); // relative to the temp dir
    QTest::newRow("directory component") << QStringLiteral("out/x.txt") << QStringLiteral("out") << QStringLiteral("outside");
    QTest::newRow("deeper component") << QStringLiteral("a/out/x.txt") << QStringLiteral("a/out") << QStringLiteral("outside");
    QTest::newRow("target file") << QStringLiteral("file.txt") << QStringLiteral("file.txt") << QStringLiteral("outside/victim.txt");
    QTest::newRow("dangling target") << QStringLiteral("new.txt") << QStringLiteral("new.txt") << QStringLiteral("outside/created.txt");
}

void TestArtifactUnpacker::refusesToWriteThroughSymlink()
{
    QFETCH(QString, entry);
    QFETCH(QString, link);
    QFETCH(QString, target);
    QTemporaryDir dir;
    const QString outside = dir.filePath(QStringLiteral("outside"));
    QVERIFY(QDir().mkpath(outside));
    {
        QFile victim(outside + QStringLiteral("/victim.txt"));
        QVERIFY(victim.open(QIODevice::WriteOnly));
        victim.write("victim");
    }
    const QString dest = dir.filePath(QStringLiteral("dest"));
    QVERIFY(QDir().mkpath(QFileInfo(dest + QLatin1Char('/') + link).absolutePath()));
    QVERIFY(QFile::link(dir.filePath(target), dest + QLatin1Char('/') + link));

    const QString zipPath = dir.filePath(QStringLiteral("a.zip"));
    QVERIFY(makeZip(zipPath, {{QStringLiteral("aaa-first.txt"), "first"}, {entry, "evil"}}));
    const auto result = ArtifactUnpacker::unpack(zipPath, dest);
    QVERIFY(!result.ok());
    QCOMPARE(result.errorCode(), ErrorCode::ArchiveRejected);
    QCOMPARE(result.errorString(), QStringLiteral("refusing to write through symlink %1/%2").arg(dest, link));
    QCOMPARE(treeOf(outside), QStringList{QStringLiteral("victim.txt")});
    QCOMPARE(readAll(outside + QStringLiteral("/victim.txt")), QByteArray("victim"));
    QVERIFY(!QFileInfo::exists(dest + QStringLiteral("/aaa-first.txt"))); // checked before writing
}

void TestArtifactUnpacker::keepsExecBit()
{
    QTemporaryDir dir;
    const QString zipPath = dir.filePath(QStringLiteral("a.zip"));
    QVERIFY(makeZip(zipPath, {{QStringLiteral("bin/tool"), "#!/bin/sh\n", 0100755}, {QStringLiteral("doc.txt"), "doc", 0100644},
                              {QStringLiteral("suid"), "s", 0104755}}));
    const QString dest = dir.filePath(QStringLiteral("dest"));
    const auto result = ArtifactUnpacker::unpack(zipPath, dest);
    QVERIFY2(result.ok(), qPrintable(result.errorString()));
    QCOMPARE(result.value(), QStringList({QStringLiteral("bin/tool"), QStringLiteral("doc.txt"), QStringLiteral("suid")}));
    struct stat st;
    QCOMPARE(::stat(QFile::encodeName(dest + QStringLiteral("/bin/tool")).constData(), &st), 0);
    QCOMPARE(st.st_mode & 07777, mode_t(0755));
    QCOMPARE(::stat(QFile::encodeName(dest + QStringLiteral("/doc.txt")).constData(), &st), 0);
    QCOMPARE(st.st_mode & 07777, mode_t(0644));
    QCOMPARE(::stat(QFile::encodeName(dest + QStringLiteral("/suid")).constData(), &st), 0);
    QCOMPARE(st.st_mode & 07777, mode_t(0755)); // set-id bits dropped
    QCOMPARE(readAll(dest + QStringLiteral("/bin/tool")), QByteArray("#!/bin/sh\n"));
    QCOMPARE(treeOf(dest), QStringList({QStringLiteral("bin"), QStringLiteral("bin/tool"), QStringLiteral("doc.txt"), QStringLiteral("suid")}));
}

void TestArtifactUnpacker::overwritesExistingRegularFile()
{
    QTemporaryDir dir;
    const QString dest = dir.filePath(QStringLiteral("dest"));
    QVERIFY(QDir().mkpath(dest + QStringLiteral("/out")));
    const QString existing = dest + QStringLiteral("/out/a.txt");
    {
        QFile f(existing);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("old content that is longer");
    }
    struct stat before;
    QCOMPARE(::stat(QFile::encodeName(existing).constData(), &before), 0);
    const QString zipPath = dir.filePath(QStringLiteral("a.zip"));
    QVERIFY(makeZip(zipPath, {{QStringLiteral("out/a.txt"), "new", 0100755}}));
    const auto result = ArtifactUnpacker::unpack(zipPath, dest);
    QVERIFY2(result.ok(), qPrintable(result.errorString()));
    QCOMPARE(readAll(existing), QByteArray("new"));
    struct stat after;
    QCOMPARE(::stat(QFile::encodeName(existing).constData(), &after), 0);
    QVERIFY(before.st_ino != after.st_ino); // replaced by rename, not rewritten in place
    QCOMPARE(after.st_mode & 0777, mode_t(0755));
    QCOMPARE(treeOf(dest + QStringLiteral("/out")), QStringList{QStringLiteral("a.txt")}); // no temp left
}

void TestArtifactUnpacker::rejectsCorruptEntry()
{
    QTemporaryDir dir;
    const QString zipPath = dir.filePath(QStringLiteral("a.zip"));
    QVERIFY(makeZip(zipPath, {{QStringLiteral("a.txt"), "hello world"}}, KZip::NoCompression));
    QByteArray bytes = readAll(zipPath);
    const int at = bytes.indexOf("hello world");
    QVERIFY(at > 0);
    bytes[at + 4] = 'O';
    {
        QFile f(zipPath);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(bytes);
    }
    const QString dest = dir.filePath(QStringLiteral("dest"));
    const auto result = ArtifactUnpacker::unpack(zipPath, dest);
    QVERIFY(!result.ok());
    QCOMPARE(result.errorCode(), ErrorCode::ArchiveRejected);
    QCOMPARE(result.errorString(), QStringLiteral("archive entry 'a.txt' is corrupt (CRC mismatch)"));
    QVERIFY(treeOf(dest).isEmpty());
}

void TestArtifactUnpacker::rejectsWhatIsNotAZip()
{
    QTemporaryDir dir;
    const QString zipPath = dir.filePath(QStringLiteral("a.zip"));
    {
        QFile f(zipPath);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray(1000, 'x'));
    }
    const auto result = ArtifactUnpacker::unpack(zipPath, dir.filePath(QStringLiteral("dest")));
    QVERIFY(!result.ok());
    QCOMPARE(result.errorCode(), ErrorCode::ArchiveRejected);
    QCOMPARE(result.errorString(), QStringLiteral("not a zip archive: no end of central directory record"));
}

void TestArtifactUnpacker::refusesToReplaceDirectoryWithFile()
{
    QTemporaryDir dir;
    const QString dest = dir.filePath(QStringLiteral("dest"));
    QVERIFY(QDir().mkpath(dest + QStringLiteral("/out/a.txt")));
    const QString zipPath = dir.filePath(QStringLiteral("a.zip"));
    QVERIFY(makeZip(zipPath, {{QStringLiteral("out/a.txt"), "new"}}));
    const auto result = ArtifactUnpacker::unpack(zipPath, dest);
    QVERIFY(!result.ok());
    QCOMPARE(result.errorCode(), ErrorCode::IoError);
    QCOMPARE(result.errorString(), QStringLiteral("cannot overwrite directory %1/out/a.txt with a file").arg(dest));
}

QTEST_GUILESS_MAIN(TestArtifactUnpacker)
#include "tst_artifactunpacker.moc"
