// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: BSD-2-Clause

// SafeTreeWriter: never follows symlinks, replaces entries of another type, bounded descriptors.
#include "resultverify.h"
#include "archive/safetreewriter.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>
#include <unistd.h>

using namespace BuildService;

class TestSafeTreeWriter : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void writesFilesWithExactModes();
    void replacesSymlinkAtParentPositionWithDirectory();
    void replacesSymlinkAtTargetInsteadOfWritingThroughIt();
    void replacesEntriesOfAnotherType();
    void removePathDoesNotFollowSymlinks();
    void handlesVeryDeepTrees();
    void moveFromReplacesDirectory();
    void entryInfoDoesNotFollowSymlinks();
    void reportsIoErrorsWithReason();
};

static QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("<missing>");
}

static bool writeFile(const QString &path, const QByteArray &data)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(data) == data.size();
}

static Result<void> writeWith(SafeTreeWriter &w, const QByteArray &path, const QByteArray &data, quint32 mode = 0644)
{
    Result<void> r = w.beginFile(path, mode);
    if (r)
        r = w.write(data.constData(), data.size());
    if (r)
        r = w.endFile();
    return r;
}

void TestSafeTreeWriter::writesFilesWithExactModes()
{
    QTemporaryDir tmp;
    SafeTreeWriter w;
    QVERIFY_RESULT(w.open(tmp.path()));
    const mode_t oldMask = ::umask(077);
    QByteArray big(3 << 20, '\0');
    for (int i = 0; i < big.size(); ++i)
        big[i] = char(i * 7);
    const Result<void> r1 = writeWith(w, "bin/tool", "#!/bin/sh\n", 0755);
    const Result<void> r2 = writeWith(w, "data/big.bin", big, 0640);
    ::umask(oldMask);
    QVERIFY2(r1, qPrintable(r1.errorString()));
    QVERIFY2(r2, qPrintable(r2.errorString()));
    struct stat st;
    QCOMPARE(::stat(QFile::encodeName(tmp.filePath(QStringLiteral("bin/tool"))).constData(), &st), 0);
    QCOMPARE(st.st_mode & 07777, mode_t(0755));
    QCOMPARE(readAll(tmp.filePath(QStringLiteral("data/big.bin"))), big);
}

void TestSafeTreeWriter::replacesSymlinkAtParentPositionWithDirectory()
{
    QTemporaryDir tmp;
    QTemporaryDir outside;
    QVERIFY(writeFile(outside.filePath(QStringLiteral("sentinel")), "keep"));
    QVERIFY(QFile::link(outside.path(), tmp.filePath(QStringLiteral("sub"))));
    SafeTreeWriter w;
    QVERIFY_RESULT(w.open(tmp.path()));
    QVERIFY_RESULT(writeWith(w, "sub/sentinel", "overwritten?"));
    QVERIFY(!QFileInfo(tmp.filePath(QStringLiteral("sub"))).isSymLink());
    QVERIFY(QFileInfo(tmp.filePath(QStringLiteral("sub"))).isDir());
    QCOMPARE(readAll(tmp.filePath(QStringLiteral("sub/sentinel"))), QByteArrayLiteral("overwritten?"));
    QCOMPARE(readAll(outside.filePath(QStringLiteral("sentinel"))), QByteArrayLiteral("keep"));
}

void TestSafeTreeWriter::replacesSymlinkAtTargetInsteadOfWritingThroughIt()
{
    QTemporaryDir tmp;
    QTemporaryDir outside;
    const QString sentinel = outside.filePath(QStringLiteral("sentinel"));
    QVERIFY(writeFile(sentinel, "keep"));
    QVERIFY(QFile::link(sentinel, tmp.filePath(QStringLiteral("f"))));
    SafeTreeWriter w;
    QVERIFY_RESULT(w.open(tmp.path()));
    QVERIFY_RESULT(writeWith(w, "f", "new"));
    QVERIFY(!QFileInfo(tmp.filePath(QStringLiteral("f"))).isSymLink());
    QCOMPARE(readAll(tmp.filePath(QStringLiteral("f"))), QByteArrayLiteral("new"));
    QCOMPARE(readAll(sentinel), QByteArrayLiteral("keep"));
}

void TestSafeTreeWriter::replacesEntriesOfAnotherType()
{
    QTemporaryDir tmp;
    SafeTreeWriter w;
    QVERIFY_RESULT(w.open(tmp.path()));
    QVERIFY_RESULT(writeWith(w, "x/inner/file", "1"));
    QVERIFY_RESULT(w.createSymlink("x", "target"));
    QCOMPARE(QFileInfo(tmp.filePath(QStringLiteral("x"))).symLinkTarget(), tmp.filePath(QStringLiteral("target")));
    QVERIFY_RESULT(writeWith(w, "x", "file now"));
    QVERIFY(QFileInfo(tmp.filePath(QStringLiteral("x"))).isFile());
    QVERIFY_RESULT(w.createDirectory("x/y"));
    QVERIFY(QFileInfo(tmp.filePath(QStringLiteral("x/y"))).isDir());
    QVERIFY_RESULT(w.setMode("x", 0700));
    QCOMPARE(QFileInfo(tmp.filePath(QStringLiteral("x"))).permissions() & QFile::ExeOwner, QFile::ExeOwner);
}

void TestSafeTreeWriter::removePathDoesNotFollowSymlinks()
{
    QTemporaryDir tmp;
    QTemporaryDir outside;
    QVERIFY(writeFile(outside.filePath(QStringLiteral("sentinel")), "keep"));
    QVERIFY(QDir(tmp.path()).mkpath(QStringLiteral("d/e")));
    QVERIFY(QFile::link(outside.path(), tmp.filePath(QStringLiteral("d/e/link"))));
    QVERIFY(QFile::link(outside.path(), tmp.filePath(QStringLiteral("top"))));
    SafeTreeWriter w;
    QVERIFY_RESULT(w.open(tmp.path()));
    Result<bool> removed = w.removePath("d");
    QVERIFY2(removed, qPrintable(removed.errorString()));
    QVERIFY(removed.value());
    QVERIFY(!QFileInfo::exists(tmp.filePath(QStringLiteral("d"))));
    // A path below a symlink does not exist in our tree: nothing to remove, nothing followed.
    removed = w.removePath("top/sentinel");
    QVERIFY(removed);
    QVERIFY(!removed.value());
    QCOMPARE(readAll(outside.filePath(QStringLiteral("sentinel"))), QByteArrayLiteral("keep"));
    QVERIFY_RESULT(w.removePath("top"));
    QVERIFY(!QFileInfo(tmp.filePath(QStringLiteral("top"))).isSymLink());
    QCOMPARE(readAll(outside.filePath(QStringLiteral("sentinel"))), QByteArrayLiteral("keep"));
}

void TestSafeTreeWriter::handlesVeryDeepTrees()
{
    QTemporaryDir tmp;
    SafeTreeWriter w;
    QVERIFY_RESULT(w.open(tmp.path()));
    QByteArray deep;
    for (int i = 0; i < 400; ++i)
        deep += "d/";
    QVERIFY_RESULT(writeWith(w, deep + "leaf", "x"));
    QVERIFY_RESULT(writeWith(w, deep + "leaf2", "y"));
    QVERIFY_RESULT(writeWith(w, "other", "z"));
    QVERIFY_RESULT(writeWith(w, deep + "leaf3", "w"));
    Result<SafeTreeWriter::EntryInfo> info = w.entryInfo(deep + "leaf2");
    QVERIFY(info);
    QCOMPARE(info->type, SafeTreeWriter::EntryInfo::Type::File);
    QCOMPARE(info->size, 1);
    QVERIFY_RESULT(w.removePath("d"));
    QVERIFY(!QFileInfo::exists(tmp.filePath(QStringLiteral("d"))));
    QVERIFY(QFileInfo::exists(tmp.filePath(QStringLiteral("other"))));
}

void TestSafeTreeWriter::moveFromReplacesDirectory()
{
    QTemporaryDir staging;
    QTemporaryDir target;
    SafeTreeWriter from;
    SafeTreeWriter to;
    QVERIFY_RESULT(from.open(staging.path()));
    QVERIFY_RESULT(to.open(target.path()));
    QVERIFY_RESULT(writeWith(from, "a/b", "content", 0750));
    QVERIFY_RESULT(writeWith(to, "a/b/old/file", "old"));
    const Result<void> r = to.moveFrom(from, "a/b", "a/b");
    QVERIFY2(r, qPrintable(r.errorString()));
    QCOMPARE(readAll(target.filePath(QStringLiteral("a/b"))), QByteArrayLiteral("content"));
    QVERIFY(!QFileInfo::exists(staging.filePath(QStringLiteral("a/b"))));
}

void TestSafeTreeWriter::entryInfoDoesNotFollowSymlinks()
{
    QTemporaryDir tmp;
    QTemporaryDir outside;
    QVERIFY(writeFile(outside.filePath(QStringLiteral("file")), "1234"));
    QVERIFY(QFile::link(outside.path(), tmp.filePath(QStringLiteral("sub"))));
    SafeTreeWriter w;
    QVERIFY_RESULT(w.open(tmp.path()));
    Result<SafeTreeWriter::EntryInfo> below = w.entryInfo("sub/file");
    QVERIFY(below);
    QCOMPARE(below->type, SafeTreeWriter::EntryInfo::Type::Missing);
    Result<SafeTreeWriter::EntryInfo> link = w.entryInfo("sub");
    QVERIFY(link);
    QCOMPARE(link->type, SafeTreeWriter::EntryInfo::Type::Symlink);
    QCOMPARE(link->linkTarget, QFile::encodeName(outside.path()));
}

void TestSafeTreeWriter::reportsIoErrorsWithReason()
{
    QTemporaryDir tmp;
    SafeTreeWriter w;
    QVERIFY_RESULT(w.open(tmp.path()));
    const Result<void> r = w.setMode("missing", 0644);
    QCOMPARE(r.errorCode(), ErrorCode::IoError);
    QCOMPARE(r.errorString(), QStringLiteral("cannot set the mode of \"missing\": No such file or directory"));
    const Result<void> open = w.open(tmp.filePath(QStringLiteral("nope")));
    QCOMPARE(open.errorCode(), ErrorCode::IoError);
    QCOMPARE(open.errorString(), QStringLiteral("cannot open directory \"%1\": No such file or directory").arg(tmp.filePath(QStringLiteral("nope"))));
    const Result<void> invalid = w.beginFile("a/../b", 0644);
    QCOMPARE(invalid.errorCode(), ErrorCode::Internal);
}

QTEST_GUILESS_MAIN(TestSafeTreeWriter)
#include "tst_safetreewriter.moc"
