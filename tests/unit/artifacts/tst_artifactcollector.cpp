// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: BSD-2-Clause

// ArtifactCollector: glob rules, symlinks never followed, limits, empty results, zip contents.
#include "resultverify.h"
#include "artifacts/artifactcollector.h"
#include "artifacts/artifactunpacker.h"

#include <KZip>
#include <KArchiveDirectory>
#include <KArchiveFile>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace BuildService;

namespace {

bool writeFile(const QString &path, const QByteArray &content, QFileDevice::Permissions perms = {})
{
    if (!QDir().mkpath(QFileInfo(path).absolutePath()))
        return false;
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(content) != content.size())
        return false;
    f.close();
    return perms == QFileDevice::Permissions() || f.setPermissions(perms);
}

const QFileDevice::Permissions Exec = QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner
    | QFileDevice::ReadGroup | QFileDevice::ExeGroup | QFileDevice::ReadOther | QFileDevice::ExeOther;

/** The standard workspace of these tests. */
bool makeWorkspace(const QString &root)
{
    const QStringList files = {
        QStringLiteral("bin/helper.sh"), QStringLiteral("bin/sub/deep.txt"), QStringLiteral("lib/libfoo.so"),
        QStringLiteral("lib/x/libbar.so"), QStringLiteral("a.so"), QStringLiteral(".hidden.so"),
        QStringLiteral("out/r1.txt"), QStringLiteral("out/nested/r2.txt"), QStringLiteral("src/main.cpp"),
        QStringLiteral("log1.txt"), QStringLiteral("log22.txt"),
    };
    for (const QString &f : files) {
        if (!writeFile(root + QLatin1Char('/') + f, f.toUtf8()))
            return false;
    }
    return writeFile(root + QStringLiteral("/bin/tool"), "#!/bin/sh\necho tool\n", Exec);
}

QStringList paths(const ArtifactResult &result)
{
    QStringList out;
    for (const ArtifactFile &f : result.files)
        out << f.path;
    return out;
}

QStringList zipFiles(const KArchiveDirectory *dir, const QString &prefix = QString())
{
    QStringList out;
    for (const QString &name : dir->entries()) {
        const KArchiveEntry *e = dir->entry(name);
        if (e->isDirectory())
            out << zipFiles(static_cast<const KArchiveDirectory *>(e), prefix + name + QLatin1Char('/'));
        else
            out << prefix + name;
    }
    out.sort();
    return out;
}

} // namespace

class TestArtifactCollector : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void matchesGlobs_data();
    void matchesGlobs();
    void neverFollowsSymlinks_data();
    void neverFollowsSymlinks();
    void failsAboveLimitWithoutZip();
    void noMatchWritesNoZip();
    void zipKeepsContentAndExecBits();
    void rejectsInvalidPattern_data();
    void rejectsInvalidPattern();
    void failsOnNameNoClientCouldUnpack();
    void replacesExistingZipAtomically();
};

void TestArtifactCollector::matchesGlobs_data()
{
    QTest::addColumn<QStringList>("globs");
    QTest::addColumn<QStringList>("expected");
    auto l = [](std::initializer_list<const char *> items) {
        QStringList out;
        for (const char *i : items)
            out << QString::fromUtf8(i);
        return out;
    };
    QTest::newRow("bin/*") << l({"bin/*"}) << l({"bin/helper.sh", "bin/sub/deep.txt", "bin/tool"});
    QTest::newRow("**/*.so") << l({"**/*.so"}) << l({".hidden.so", "a.so", "lib/libfoo.so", "lib/x/libbar.so"});
    QTest::newRow("out/ directory") << l({"out/"}) << l({"out/nested/r2.txt", "out/r1.txt"});
    QTest::newRow("out directory") << l({"out"}) << l({"out/nested/r2.txt", "out/r1.txt"});
    QTest::newRow("out/**") << l({"out/**"}) << l({"out/nested/r2.txt", "out/r1.txt"});
    QTest::newRow("? one char") << l({"log?.txt"}) << l({"log1.txt"});
    QTest::newRow("[set]") << l({"log[0-9][0-9].txt"}) << l({"log22.txt"});
    QTest::newRow("[!set]") << l({"lib/[!x]*"}) << l({"lib/libfoo.so"});
    QTest::newRow("literal") << l({"src/main.cpp"}) << l({"src/main.cpp"});
    QTest::newRow("trailing / only dirs") << l({"a.so/"}) << QStringList();
    QTest::newRow("overlap collected once") << l({"bin/tool", "bin/*", "**/tool"}) << l({"bin/helper.sh", "bin/sub/deep.txt", "bin/tool"});
    QTest::newRow("** in the middle") << l({"lib/**/libbar.so"}) << l({"lib/x/libbar.so"});
}

void TestArtifactCollector::matchesGlobs()
{
    QFETCH(QStringList, globs);
    QFETCH(QStringList, expected);
    QTemporaryDir dir;
    const QString ws = dir.filePath(QStringLiteral("ws"));
    QVERIFY(makeWorkspace(ws));
    const QString zipPath = dir.filePath(QStringLiteral("artifacts/artifacts.zip"));
    const auto result = ArtifactCollector::collect(ws, globs, zipPath, 0);
    QVERIFY2(result.ok(), qPrintable(result.errorString()));
    QCOMPARE(paths(result.value()), expected);
    if (expected.isEmpty())
        return;
    KZip zip(zipPath);
    QVERIFY(zip.open(QIODevice::ReadOnly));
    QCOMPARE(zipFiles(zip.directory()), expected);
    QCOMPARE(result->zipBytes, QFileInfo(zipPath).size());
}

void TestArtifactCollector::neverFollowsSymlinks_data()
{
    QTest::addColumn<QStringList>("globs");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("everything") << QStringList{QStringLiteral("**")}
                                << QStringList{QStringLiteral("out/real.txt")};
    QTest::newRow("through dir link") << QStringList{QStringLiteral("evil/*")} << QStringList();
    QTest::newRow("dir link itself") << QStringList{QStringLiteral("evil")} << QStringList();
    QTest::newRow("file link") << QStringList{QStringLiteral("out/leak.txt")} << QStringList();
    QTest::newRow("matched dir") << QStringList{QStringLiteral("out/")} << QStringList{QStringLiteral("out/real.txt")};
    QTest::newRow("link inside matched dir") << QStringList{QStringLiteral("out/inner/*")} << QStringList();
}

void TestArtifactCollector::neverFollowsSymlinks()
{
    QFETCH(QStringList, globs);
    QFETCH(QStringList, expected);
    QTemporaryDir dir;
    const QString ws = dir.filePath(QStringLiteral("ws"));
    const QString outside = dir.filePath(QStringLiteral("outside"));
    QVERIFY(writeFile(outside + QStringLiteral("/secret.txt"), "secret"));
    QVERIFY(writeFile(ws + QStringLiteral("/out/real.txt"), "real"));
    QVERIFY(QFile::link(outside, ws + QStringLiteral("/evil")));
    QVERIFY(QFile::link(outside + QStringLiteral("/secret.txt"), ws + QStringLiteral("/out/leak.txt")));
    QVERIFY(QFile::link(outside, ws + QStringLiteral("/out/inner")));
    const QString zipPath = dir.filePath(QStringLiteral("a.zip"));
    const auto result = ArtifactCollector::collect(ws, globs, zipPath, 0);
    QVERIFY2(result.ok(), qPrintable(result.errorString()));
    QCOMPARE(paths(result.value()), expected);
    if (QFile::exists(zipPath)) {
        QFile zip(zipPath);
        QVERIFY(zip.open(QIODevice::ReadOnly));
        QVERIFY(!zip.readAll().contains("secret"));
    }
}

void TestArtifactCollector::failsAboveLimitWithoutZip()
{
    QTemporaryDir dir;
    const QString ws = dir.filePath(QStringLiteral("ws"));
    QVERIFY(writeFile(ws + QStringLiteral("/out/a.bin"), QByteArray(600, 'a')));
    QVERIFY(writeFile(ws + QStringLiteral("/out/b.bin"), QByteArray(600, 'b')));
    const QString zipDir = dir.filePath(QStringLiteral("artifacts"));
    const auto result = ArtifactCollector::collect(ws, {QStringLiteral("out/")}, zipDir + QStringLiteral("/artifacts.zip"), 1000);
    QVERIFY(!result.ok());
    QCOMPARE(result.errorCode(), ErrorCode::LimitExceeded);
    QCOMPARE(result.errorString(), QStringLiteral("artifacts exceed the limit of 1000 bytes"));
    QVERIFY(!QFile::exists(zipDir + QStringLiteral("/artifacts.zip")));
    QVERIFY(QDir(zipDir).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot).isEmpty());

    const auto fits = ArtifactCollector::collect(ws, {QStringLiteral("out/")}, zipDir + QStringLiteral("/artifacts.zip"), 1200);
    QVERIFY2(fits.ok(), qPrintable(fits.errorString()));
    QCOMPARE(fits->files.size(), 2);
}

void TestArtifactCollector::noMatchWritesNoZip()
{
    QTemporaryDir dir;
    const QString ws = dir.filePath(QStringLiteral("ws"));
    QVERIFY(makeWorkspace(ws));
    const QString zipPath = dir.filePath(QStringLiteral("artifacts/artifacts.zip"));
    const auto result = ArtifactCollector::collect(ws, {QStringLiteral("nothing/*"), QStringLiteral("*.exe")}, zipPath, 0);
    QVERIFY2(result.ok(), qPrintable(result.errorString()));
    QVERIFY(result->files.isEmpty());
    QCOMPARE(result->zipBytes, qint64(0));
    QVERIFY(!QFile::exists(zipPath));
}

void TestArtifactCollector::zipKeepsContentAndExecBits()
{
    QTemporaryDir dir;
    const QString ws = dir.filePath(QStringLiteral("ws"));
    QVERIFY(makeWorkspace(ws));
    const QString zipPath = dir.filePath(QStringLiteral("artifacts.zip"));
    const auto result = ArtifactCollector::collect(ws, {QStringLiteral("bin/*")}, zipPath, 0);
    QVERIFY2(result.ok(), qPrintable(result.errorString()));
    QCOMPARE(result->files.at(2).path, QStringLiteral("bin/tool"));
    QCOMPARE(result->files.at(2).size, qint64(20));

    KZip zip(zipPath);
    QVERIFY(zip.open(QIODevice::ReadOnly));
    const auto *tool = static_cast<const KArchiveFile *>(zip.directory()->entry(QStringLiteral("bin/tool")));
    QVERIFY(tool && tool->isFile());
    QCOMPARE(tool->data(), QByteArray("#!/bin/sh\necho tool\n"));
    QCOMPARE(tool->permissions() & 0777, mode_t(0755));
    const auto *helper = zip.directory()->entry(QStringLiteral("bin/helper.sh"));
    QVERIFY(helper);
    QCOMPARE(helper->permissions() & 0111, mode_t(0));

    // And what the client gets back out of it.
    const QString dest = dir.filePath(QStringLiteral("client"));
    const auto unpacked = ArtifactUnpacker::unpack(zipPath, dest);
    QVERIFY2(unpacked.ok(), qPrintable(unpacked.errorString()));
    QVERIFY(QFileInfo(dest + QStringLiteral("/bin/tool")).isExecutable());
    QVERIFY(!QFileInfo(dest + QStringLiteral("/bin/helper.sh")).isExecutable());
}

void TestArtifactCollector::rejectsInvalidPattern_data()
{
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<QString>("message");
    QTest::newRow("absolute") << QStringLiteral("/etc/*") << QStringLiteral("invalid artifact pattern '/etc/*': absolute");
    QTest::newRow("dotdot") << QStringLiteral("../x") << QStringLiteral("invalid artifact pattern '../x': empty, '.' or '..' component");
    QTest::newRow("backslash") << QStringLiteral("a\\b") << QStringLiteral("invalid artifact pattern 'a\\b': contains a backslash");
    QTest::newRow("unterminated set") << QStringLiteral("log[0-9") << QStringLiteral("invalid artifact pattern 'log[0-9': unterminated '['");
    QTest::newRow("partial **") << QStringLiteral("a**") << QStringLiteral("invalid artifact pattern 'a**': '**' must be a whole component");
    QTest::newRow("empty") << QString() << QStringLiteral("invalid artifact pattern '': empty");
}

void TestArtifactCollector::rejectsInvalidPattern()
{
    QFETCH(QString, pattern);
    QFETCH(QString, message);
    QTemporaryDir dir;
    const auto result = ArtifactCollector::collect(dir.path(), {pattern}, dir.filePath(QStringLiteral("a.zip")), 0);
    QVERIFY(!result.ok());
    QCOMPARE(result.errorCode(), ErrorCode::InvalidRequest);
    QCOMPARE(result.errorString(), message);
}

void TestArtifactCollector::failsOnNameNoClientCouldUnpack()
{
    QTemporaryDir dir;
    const QString ws = dir.filePath(QStringLiteral("ws"));
    QVERIFY(writeFile(ws + QStringLiteral("/out/a\\b"), "x"));
    QVERIFY(writeFile(ws + QStringLiteral("/other/a\\b"), "x")); // not asked for: no problem
    const QString zipPath = dir.filePath(QStringLiteral("a.zip"));
    const auto ignored = ArtifactCollector::collect(ws, {QStringLiteral("nothing")}, zipPath, 0);
    QVERIFY_RESULT(ignored);
    const auto result = ArtifactCollector::collect(ws, {QStringLiteral("out/")}, zipPath, 0);
    QVERIFY(!result.ok());
    QCOMPARE(result.errorCode(), ErrorCode::ArtifactsFailed);
    QCOMPARE(result.errorString(), QStringLiteral("artifact name not allowed: out/a\\b (contains a backslash)"));
    QVERIFY(!QFile::exists(zipPath));
}

void TestArtifactCollector::replacesExistingZipAtomically()
{
    QTemporaryDir dir;
    const QString ws = dir.filePath(QStringLiteral("ws"));
    QVERIFY(makeWorkspace(ws));
    const QString zipDir = dir.filePath(QStringLiteral("artifacts"));
    const QString zipPath = zipDir + QStringLiteral("/artifacts.zip");
    QVERIFY(writeFile(zipPath, "old"));
    const auto result = ArtifactCollector::collect(ws, {QStringLiteral("src/*")}, zipPath, 0);
    QVERIFY2(result.ok(), qPrintable(result.errorString()));
    KZip zip(zipPath);
    QVERIFY(zip.open(QIODevice::ReadOnly));
    QCOMPARE(zipFiles(zip.directory()), QStringList{QStringLiteral("src/main.cpp")});
    // No temporary file is left next to it.
    QCOMPARE(QDir(zipDir).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot), QStringList{QStringLiteral("artifacts.zip")});
}

QTEST_GUILESS_MAIN(TestArtifactCollector)
#include "tst_artifactcollector.moc"
