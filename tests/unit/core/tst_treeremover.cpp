// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: BSD-2-Clause

// Tests for TreeRemover: any depth, no symlink following, permissions, cancellation.
#include "resultverify.h"
#include "core/treeremover.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace BuildService;

namespace {

bool writeFile(const QString &fileName, const QByteArray &content)
{
    QDir().mkpath(QFileInfo(fileName).absolutePath());
    QFile f(fileName);
    return f.open(QIODevice::WriteOnly) && f.write(content) == content.size();
}

bool exists(const QString &path)
{
    struct stat st;
    return ::lstat(QFile::encodeName(path).constData(), &st) == 0;
}

/** Creates @p depth nested directories "dd" below @p root with mkdirat, as `mkdir dd && cd dd` would; true on success. */
bool makeDeepChain(const QString &root, int depth)
{
    int fd = ::open(QFile::encodeName(root).constData(), O_RDONLY | O_DIRECTORY);
    for (int i = 0; i < depth && fd >= 0; ++i) {
        if (::mkdirat(fd, "dd", 0755) != 0) {
            ::close(fd);
            return false;
        }
        const int next = ::openat(fd, "dd", O_RDONLY | O_DIRECTORY);
        ::close(fd);
        fd = next;
    }
    if (fd < 0)
        return false;
    const int file = ::openat(fd, "bottom.txt", O_WRONLY | O_CREAT, 0644);
    ::close(fd);
    if (file < 0)
        return false;
    ::close(file);
    return true;
}

} // namespace

class TestTreeRemover : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void removesChainDeeperThanPathMax()
    {
        QTemporaryDir dir;
        const QString root = dir.filePath(QStringLiteral("deep"));
        QVERIFY(QDir().mkpath(root));
        // 2500 * 3 bytes is far beyond PATH_MAX (4096): no path-based call can reach the bottom.
        QVERIFY(makeDeepChain(root, 2500));
        const Result<void> r = TreeRemover::removeTree(root);
        QVERIFY2(r.ok(), qPrintable(r.errorString()));
        QVERIFY(!exists(root));
    }

    void removesSymlinkNotItsTarget()
    {
        QTemporaryDir dir;
        const QString target = dir.filePath(QStringLiteral("target"));
        QVERIFY(writeFile(target + QLatin1String("/a.txt"), "a"));
        const QString link = dir.filePath(QStringLiteral("link"));
        QVERIFY(::symlink(QFile::encodeName(target).constData(), QFile::encodeName(link).constData()) == 0);
        QVERIFY_RESULT(TreeRemover::removeTree(link));
        QVERIFY(!exists(link));
        QVERIFY(QFileInfo::exists(target + QLatin1String("/a.txt")));
    }

    void neverDescendsThroughSymlinksInsideTheTree()
    {
        QTemporaryDir dir;
        const QString outside = dir.filePath(QStringLiteral("outside"));
        QVERIFY(writeFile(outside + QLatin1String("/keep.txt"), "precious"));
        const QString tree = dir.filePath(QStringLiteral("tree"));
        QVERIFY(writeFile(tree + QLatin1String("/sub/file.o"), "obj"));
        QVERIFY(::symlink(QFile::encodeName(outside).constData(), QFile::encodeName(tree + QLatin1String("/sub/to-outside")).constData()) == 0);
        QVERIFY(::symlink(QFile::encodeName(outside + QLatin1String("/keep.txt")).constData(),
                          QFile::encodeName(tree + QLatin1String("/file-link")).constData()) == 0);
        const Result<void> r = TreeRemover::removeTree(tree);
        QVERIFY2(r.ok(), qPrintable(r.errorString()));
        QVERIFY(!exists(tree));
        QVERIFY(QFileInfo::exists(outside + QLatin1String("/keep.txt")));
    }

    void removesReadOnlyAndUnsearchableDirectories()
    {
        QTemporaryDir dir;
        const QString tree = dir.filePath(QStringLiteral("tree"));
        QVERIFY(writeFile(tree + QLatin1String("/ro/inner/file.o"), "obj"));
        QVERIFY(::chmod(QFile::encodeName(tree + QLatin1String("/ro/inner")).constData(), 0555) == 0);
        QVERIFY(::chmod(QFile::encodeName(tree + QLatin1String("/ro")).constData(), 0500) == 0);
        QVERIFY(QDir().mkpath(tree + QLatin1String("/noaccess/sub")));
        QVERIFY(::chmod(QFile::encodeName(tree + QLatin1String("/noaccess")).constData(), 0) == 0);
        const Result<void> r = TreeRemover::removeTree(tree);
        QVERIFY2(r.ok(), qPrintable(r.errorString()));
        QVERIFY(!exists(tree));
    }

    void missingPathIsSuccessEmptyPathIsAnError()
    {
        QTemporaryDir dir;
        QVERIFY_RESULT(TreeRemover::removeTree(dir.filePath(QStringLiteral("absent"))));
        QVERIFY_RESULT(TreeRemover::removeTree(dir.filePath(QStringLiteral("absent/below"))));
        const Result<void> empty = TreeRemover::removeTree(QString());
        QVERIFY(!empty.ok());
        QCOMPARE(empty.errorCode(), ErrorCode::Internal);
    }

    void stopsWhenCancelled()
    {
        QTemporaryDir dir;
        const QString tree = dir.filePath(QStringLiteral("tree"));
        QVERIFY(writeFile(tree + QLatin1String("/a/file"), "x"));
        QVERIFY(writeFile(tree + QLatin1String("/b/file"), "x"));
        const std::atomic_bool cancel{true};
        const Result<void> r = TreeRemover::removeTree(tree, &cancel);
        QVERIFY(!r.ok());
        QCOMPARE(r.errorCode(), ErrorCode::Cancelled);
        QVERIFY(exists(tree));
    }

    void removesAPlainFile()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("file"));
        QVERIFY(writeFile(file, "x"));
        QVERIFY_RESULT(TreeRemover::removeTree(file));
        QVERIFY(!exists(file));
    }
};

QTEST_GUILESS_MAIN(TestTreeRemover)
#include "tst_treeremover.moc"
