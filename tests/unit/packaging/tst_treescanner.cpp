// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: BSD-2-Clause

// Tests of TreeScanner: symlink rules, never-listed entries, metadata, skipped entries, errors.
#include "packaging/treescanner.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <cstring>
#include <fcntl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

using namespace BuildService;

namespace {

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

bool makeSymlink(const QString &target, const QString &linkPath)
{
    QDir().mkpath(QFileInfo(linkPath).absolutePath());
    return ::symlink(QFile::encodeName(target).constData(), QFile::encodeName(linkPath).constData()) == 0;
}

QStringList pathsOf(const ScanResult &result)
{
    QStringList paths;
    for (const ScannedEntry &entry : result.entries)
        paths.append(entry.path);
    return paths;
}

const ScannedEntry *findEntry(const ScanResult &result, const QString &path)
{
    for (const ScannedEntry &entry : result.entries) {
        if (entry.path == path)
            return &entry;
    }
    return nullptr;
}

} // namespace

class TestTreeScanner : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void judgesSymlinkTargets_data();
    void judgesSymlinkTargets();
    void skipsAbsoluteSymlinkIntoTree();
    void neverListsGitOrBuildServiceDirectory();
    void recordsModesSizesAndTimes();
    void sortsEntriesByUtf8Bytes();
    void skipsSocketsAndFifosWithReason();
    void skipsNamesWithControlCharactersOrBadUtf8();
    void appliesExtraExcludesBelowGitignore();
    void doesNotFollowGitignoreSymlink();
    void doesNotDescendIntoSymlinkedDirectory();
    void failsOnMissingRoot();
    void failsOnUnreadableDirectory();
    void skipsUnreadableIgnoredDirectory();
};

void TestTreeScanner::judgesSymlinkTargets_data()
{
    QTest::addColumn<QString>("link");
    QTest::addColumn<QString>("target");
    QTest::addColumn<bool>("kept");

    QTest::newRow("sibling") << "l1" << "file.txt" << true;
    QTest::newRow("parent") << "sub/l2" << "../file.txt" << true;
    QTest::newRow("two parents") << "sub/deep/l3" << "../../file.txt" << true;
    QTest::newRow("directory") << "l4" << "sub" << true;
    QTest::newRow("dot then parent") << "sub/l5" << "./../file.txt" << true;
    QTest::newRow("dangling inside") << "l6" << "missing/file" << true;
    QTest::newRow("tree root") << "sub/l7" << ".." << true;
    QTest::newRow("above root") << "l8" << "../outside" << false;
    QTest::newRow("above root from sub") << "sub/l9" << "../../x" << false;
    QTest::newRow("dotdot after a name") << "l10" << "a/../../x" << false;
    QTest::newRow("dotdot after a name, inside") << "l11" << "sub/../file.txt" << false;
    QTest::newRow("absolute outside") << "l12" << "/etc/passwd" << false;
}

void TestTreeScanner::judgesSymlinkTargets()
{
    QFETCH(QString, link);
    QFETCH(QString, target);
    QFETCH(bool, kept);

    QTemporaryDir temp;
    QVERIFY(temp.isValid());
    QVERIFY(writeFile(temp.filePath(QStringLiteral("file.txt")), "data"));
    QVERIFY(writeFile(temp.filePath(QStringLiteral("sub/deep/x")), "x"));
    QVERIFY(makeSymlink(target, temp.filePath(link)));

    const Result<ScanResult> scanned = TreeScanner::scan(temp.path());
    QVERIFY2(scanned.ok(), qPrintable(scanned.errorString()));
    const ScannedEntry *entry = findEntry(scanned.value(), link);
    if (kept) {
        QVERIFY(entry);
        QCOMPARE(entry->type, ManifestEntry::Type::Symlink);
        QCOMPARE(entry->linkTarget, target);
        QCOMPARE(entry->mode, 0777u);
        QCOMPARE(entry->size, 0);
        QVERIFY(scanned->skipped.isEmpty());
    } else {
        QVERIFY(!entry);
        QCOMPARE(scanned->skipped,
                 QStringList{QStringLiteral("%1: symlink points outside the tree (%2)").arg(link, target)});
    }
}

void TestTreeScanner::skipsAbsoluteSymlinkIntoTree()
{
    QTemporaryDir temp;
    QVERIFY(temp.isValid());
    QVERIFY(writeFile(temp.filePath(QStringLiteral("file.txt")), "data"));
    const QString target = temp.filePath(QStringLiteral("file.txt"));
    QVERIFY(makeSymlink(target, temp.filePath(QStringLiteral("abs"))));

    const Result<ScanResult> scanned = TreeScanner::scan(temp.path());
    QVERIFY2(scanned.ok(), qPrintable(scanned.errorString()));
    QCOMPARE(pathsOf(scanned.value()), QStringList{QStringLiteral("file.txt")});
    QCOMPARE(scanned->skipped,
             QStringList{QStringLiteral("abs: symlink has an absolute target inside the tree (%1); make it relative")
                             .arg(target)});
}

void TestTreeScanner::neverListsGitOrBuildServiceDirectory()
{
    QTemporaryDir temp;
    QVERIFY(temp.isValid());
    const QString root = temp.path();
    QVERIFY(writeFile(root + QLatin1String("/.git/HEAD"), "ref: refs/heads/main\n"));
    QVERIFY(writeFile(root + QLatin1String("/.git/info/exclude"), "# nothing\n"));
    QVERIFY(writeFile(root + QLatin1String("/.build-service/workspace-id"), "ws_1\n"));
    QVERIFY(writeFile(root + QLatin1String("/sub/.git"), "gitdir: ../.git/modules/sub\n"));
    QVERIFY(writeFile(root + QLatin1String("/sub/nested/.git/config"), "x"));
    QVERIFY(writeFile(root + QLatin1String("/sub/nested/code.c"), "x"));
    QVERIFY(writeFile(root + QLatin1String("/sub/.build-service/kept"), "x"));
    QVERIFY(writeFile(root + QLatin1String("/main.c"), "x"));
    // Even a negation cannot bring them back.
    QVERIFY(writeFile(root + QLatin1String("/.gitignore"), "!.git\n!.build-service/\n"));

    const Result<ScanResult> scanned = TreeScanner::scan(root);
    QVERIFY2(scanned.ok(), qPrintable(scanned.errorString()));
    QCOMPARE(pathsOf(scanned.value()),
             (QStringList{QStringLiteral(".gitignore"), QStringLiteral("main.c"),
                          QStringLiteral("sub/.build-service/kept"), QStringLiteral("sub/nested/code.c")}));
    QVERIFY(scanned->skipped.isEmpty());
}

void TestTreeScanner::recordsModesSizesAndTimes()
{
    QTemporaryDir temp;
    QVERIFY(temp.isValid());
    const QString root = temp.path();
    QVERIFY(writeFile(root + QLatin1String("/run.sh"), "#!/bin/sh\necho hi\n",
                      QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner | QFile::ReadGroup | QFile::ExeGroup
                          | QFile::ReadOther | QFile::ExeOther));
    QVERIFY(writeFile(root + QLatin1String("/private.txt"), QByteArray(1234, 'p'),
                      QFile::ReadOwner | QFile::WriteOwner));
    QVERIFY(writeFile(root + QLatin1String("/empty"), QByteArray()));
    QVERIFY(::chmod(QFile::encodeName(root + QLatin1String("/empty")).constData(), 0644) == 0);
    QVERIFY(makeSymlink(QStringLiteral("run.sh"), root + QLatin1String("/link")));

    const Result<ScanResult> scanned = TreeScanner::scan(root);
    QVERIFY2(scanned.ok(), qPrintable(scanned.errorString()));
    QCOMPARE(pathsOf(scanned.value()), (QStringList{QStringLiteral("empty"), QStringLiteral("link"),
                                                    QStringLiteral("private.txt"), QStringLiteral("run.sh")}));

    struct stat st;
    QVERIFY(::lstat(QFile::encodeName(root + QLatin1String("/run.sh")).constData(), &st) == 0);
    const ScannedEntry *run = findEntry(scanned.value(), QStringLiteral("run.sh"));
    QCOMPARE(run->type, ManifestEntry::Type::File);
    QCOMPARE(run->mode, 0755u);
    QCOMPARE(run->size, 18);
    QCOMPARE(run->inode, quint64(st.st_ino));
    QCOMPARE(run->mtimeNs, qint64(st.st_mtim.tv_sec) * 1000000000LL + st.st_mtim.tv_nsec);
    QCOMPARE(run->ctimeNs, qint64(st.st_ctim.tv_sec) * 1000000000LL + st.st_ctim.tv_nsec);
    QVERIFY(run->linkTarget.isEmpty());

    const ScannedEntry *priv = findEntry(scanned.value(), QStringLiteral("private.txt"));
    QCOMPARE(priv->mode, 0600u);
    QCOMPARE(priv->size, 1234);
    const ScannedEntry *empty = findEntry(scanned.value(), QStringLiteral("empty"));
    QCOMPARE(empty->mode, 0644u);
    QCOMPARE(empty->size, 0);
    const ScannedEntry *link = findEntry(scanned.value(), QStringLiteral("link"));
    QCOMPARE(link->type, ManifestEntry::Type::Symlink);
    QCOMPARE(link->linkTarget, QStringLiteral("run.sh"));
}

void TestTreeScanner::sortsEntriesByUtf8Bytes()
{
    QTemporaryDir temp;
    QVERIFY(temp.isValid());
    const QStringList names{QStringLiteral("\u00e9"), QStringLiteral("a/b"), QStringLiteral("a.b"),
                            QStringLiteral("a-b"), QStringLiteral("B"), QStringLiteral("\U0001F600"),
                            QStringLiteral("\uFF21")};
    for (const QString &name : names)
        QVERIFY(writeFile(temp.path() + QLatin1Char('/') + name, "x"));

    const Result<ScanResult> scanned = TreeScanner::scan(temp.path());
    QVERIFY2(scanned.ok(), qPrintable(scanned.errorString()));
    // '-' < '.' < '/' and U+FF21 < U+1F600 in UTF-8 (not in UTF-16).
    QCOMPARE(pathsOf(scanned.value()),
             (QStringList{QStringLiteral("B"), QStringLiteral("a-b"), QStringLiteral("a.b"), QStringLiteral("a/b"),
                          QStringLiteral("\u00e9"), QStringLiteral("\uFF21"), QStringLiteral("\U0001F600")}));
}

void TestTreeScanner::skipsSocketsAndFifosWithReason()
{
    QTemporaryDir temp;
    QVERIFY(temp.isValid());
    QVERIFY(writeFile(temp.filePath(QStringLiteral("file")), "x"));
    QVERIFY(::mkfifo(QFile::encodeName(temp.filePath(QStringLiteral("pipe"))).constData(), 0644) == 0);
    // An ignored fifo is not reported at all.
    QVERIFY(::mkfifo(QFile::encodeName(temp.filePath(QStringLiteral("ignored.pipe"))).constData(), 0644) == 0);
    QVERIFY(writeFile(temp.filePath(QStringLiteral(".gitignore")), "*.pipe\n"));

    const QByteArray socketPath = QFile::encodeName(temp.filePath(QStringLiteral("sock")));
    const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
    QVERIFY(fd >= 0);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    QVERIFY(size_t(socketPath.size()) < sizeof(address.sun_path));
    std::memcpy(address.sun_path, socketPath.constData(), size_t(socketPath.size()));
    QVERIFY(::bind(fd, reinterpret_cast<sockaddr *>(&address), sizeof(address)) == 0);

    const Result<ScanResult> scanned = TreeScanner::scan(temp.path());
    ::close(fd);
    QVERIFY2(scanned.ok(), qPrintable(scanned.errorString()));
    QCOMPARE(pathsOf(scanned.value()), (QStringList{QStringLiteral(".gitignore"), QStringLiteral("file")}));
    QCOMPARE(scanned->skipped,
             (QStringList{QStringLiteral("pipe: not a regular file, directory or symlink (fifo)"),
                          QStringLiteral("sock: not a regular file, directory or symlink (socket)")}));
}

void TestTreeScanner::skipsNamesWithControlCharactersOrBadUtf8()
{
    QTemporaryDir temp;
    QVERIFY(temp.isValid());
    const QByteArray root = QFile::encodeName(temp.path());
    QVERIFY(writeFile(temp.filePath(QStringLiteral("ok")), "x"));
    for (const QByteArray &name : {QByteArray("tab\there"), QByteArray("bad\xff.txt")}) {
        const QByteArray full = root + '/' + name;
        const int fd = ::open(full.constData(), O_CREAT | O_WRONLY, 0644);
        QVERIFY(fd >= 0);
        ::close(fd);
    }

    const Result<ScanResult> scanned = TreeScanner::scan(temp.path());
    // QTemporaryDir cannot remove a name that is not valid in the locale encoding.
    ::unlink(QByteArray(root + "/bad\xff.txt").constData());
    QVERIFY2(scanned.ok(), qPrintable(scanned.errorString()));
    QCOMPARE(pathsOf(scanned.value()), QStringList{QStringLiteral("ok")});
    QCOMPARE(scanned->skipped, (QStringList{QStringLiteral("bad\uFFFD.txt: name is not valid UTF-8"),
                                            QStringLiteral("tab\there: name contains control characters")}));
}

void TestTreeScanner::appliesExtraExcludesBelowGitignore()
{
    QTemporaryDir temp;
    QVERIFY(temp.isValid());
    QVERIFY(writeFile(temp.filePath(QStringLiteral("a.bak")), "x"));
    QVERIFY(writeFile(temp.filePath(QStringLiteral("sub/b.bak")), "x"));
    QVERIFY(writeFile(temp.filePath(QStringLiteral("keep.bak")), "x"));
    QVERIFY(writeFile(temp.filePath(QStringLiteral("gen/out.c")), "x"));
    QVERIFY(writeFile(temp.filePath(QStringLiteral(".gitignore")), "!keep.bak\n"));

    TreeScanner::Options options;
    options.extraExcludes = QStringList{QStringLiteral("*.bak"), QStringLiteral("/gen/")};
    const Result<ScanResult> scanned = TreeScanner::scan(temp.path(), options);
    QVERIFY2(scanned.ok(), qPrintable(scanned.errorString()));
    QCOMPARE(pathsOf(scanned.value()), (QStringList{QStringLiteral(".gitignore"), QStringLiteral("keep.bak")}));
}

void TestTreeScanner::doesNotFollowGitignoreSymlink()
{
    QTemporaryDir temp;
    QVERIFY(temp.isValid());
    QVERIFY(writeFile(temp.filePath(QStringLiteral("rules")), "*.txt\n"));
    QVERIFY(writeFile(temp.filePath(QStringLiteral("a.txt")), "x"));
    QVERIFY(makeSymlink(QStringLiteral("rules"), temp.filePath(QStringLiteral(".gitignore"))));

    const Result<ScanResult> scanned = TreeScanner::scan(temp.path());
    QVERIFY2(scanned.ok(), qPrintable(scanned.errorString()));
    // Like git >= 2.32: a symlinked .gitignore is not read (but is listed as a symlink).
    QCOMPARE(pathsOf(scanned.value()),
             (QStringList{QStringLiteral(".gitignore"), QStringLiteral("a.txt"), QStringLiteral("rules")}));
}

void TestTreeScanner::doesNotDescendIntoSymlinkedDirectory()
{
    QTemporaryDir temp;
    QVERIFY(temp.isValid());
    QVERIFY(writeFile(temp.filePath(QStringLiteral("real/f.txt")), "x"));
    QVERIFY(makeSymlink(QStringLiteral("real"), temp.filePath(QStringLiteral("alias"))));

    const Result<ScanResult> scanned = TreeScanner::scan(temp.path());
    QVERIFY2(scanned.ok(), qPrintable(scanned.errorString()));
    QCOMPARE(pathsOf(scanned.value()), (QStringList{QStringLiteral("alias"), QStringLiteral("real/f.txt")}));
}

void TestTreeScanner::failsOnMissingRoot()
{
    QTemporaryDir temp;
    QVERIFY(temp.isValid());
    const QString missing = temp.filePath(QStringLiteral("missing"));
    const Result<ScanResult> scanned = TreeScanner::scan(missing);
    QVERIFY(!scanned.ok());
    QCOMPARE(scanned.errorCode(), ErrorCode::IoError);
    QCOMPARE(scanned.errorString(), QStringLiteral("Cannot open directory '%1': No such file or directory").arg(missing));
}

void TestTreeScanner::failsOnUnreadableDirectory()
{
    if (::geteuid() == 0)
        QSKIP("root reads every directory");
    QTemporaryDir temp;
    QVERIFY(temp.isValid());
    QVERIFY(writeFile(temp.filePath(QStringLiteral("locked/f.txt")), "x"));
    const QString locked = temp.filePath(QStringLiteral("locked"));
    QVERIFY(::chmod(QFile::encodeName(locked).constData(), 0) == 0);

    const Result<ScanResult> scanned = TreeScanner::scan(temp.path());
    ::chmod(QFile::encodeName(locked).constData(), 0755);
    QVERIFY(!scanned.ok());
    QCOMPARE(scanned.errorCode(), ErrorCode::IoError);
    QCOMPARE(scanned.errorString(), QStringLiteral("Cannot read directory '%1': Permission denied").arg(locked));
}

void TestTreeScanner::skipsUnreadableIgnoredDirectory()
{
    if (::geteuid() == 0)
        QSKIP("root reads every directory");
    QTemporaryDir temp;
    QVERIFY(temp.isValid());
    QVERIFY(writeFile(temp.filePath(QStringLiteral("locked/f.txt")), "x"));
    QVERIFY(writeFile(temp.filePath(QStringLiteral(".gitignore")), "locked/\n"));
    const QString locked = temp.filePath(QStringLiteral("locked"));
    QVERIFY(::chmod(QFile::encodeName(locked).constData(), 0) == 0);

    const Result<ScanResult> scanned = TreeScanner::scan(temp.path());
    ::chmod(QFile::encodeName(locked).constData(), 0755);
    QVERIFY2(scanned.ok(), qPrintable(scanned.errorString()));
    QCOMPARE(pathsOf(scanned.value()), QStringList{QStringLiteral(".gitignore")});
}

QTEST_GUILESS_MAIN(TestTreeScanner)
#include "tst_treescanner.moc"
