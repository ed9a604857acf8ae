// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: BSD-2-Clause

// EntryPolicy: data tables of hostile and harmless entry paths and symlink targets.
#include "archive/entrypolicy.h"

#include <QTest>

using namespace BuildService;

class TestEntryPolicy : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void validatesEntryPaths_data();
    void validatesEntryPaths();
    void validatesSymlinkTargets_data();
    void validatesSymlinkTargets();
    void printableEscapesAndShortens();
    void findsCaseAndNormalisationTwins_data();
    void findsCaseAndNormalisationTwins();
};

static QString longPath(int bytes)
{
    // Components of 99 'a's separated by '/', cut to exactly @p bytes.
    QString s;
    while (s.size() < bytes)
        s += QString(99, QLatin1Char('a')) + QLatin1Char('/');
    s.truncate(bytes);
    if (s.endsWith(QLatin1Char('/')))
        s[s.size() - 1] = QLatin1Char('b');
    return s;
}

void TestEntryPolicy::validatesEntryPaths_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<bool>("directory");
    QTest::addColumn<int>("maxLength");
    QTest::addColumn<QString>("expected"); // normalised path, or the error message

    const auto ok = [](const char *name, const QString &path, const QString &normalised, bool dir = false, int max = 4096) {
        QTest::newRow(name) << path << dir << max << normalised;
    };
    const auto bad = [](const char *name, const QString &path, const QString &reason, bool dir = false, int max = 4096) {
        QTest::newRow(name) << path << dir << max
                            << QStringLiteral("entry \"%1\" rejected: %2").arg(EntryPolicy::printable(path), reason);
    };
    ok("plain file", QStringLiteral("src/main.cpp"), QStringLiteral("src/main.cpp"));
    ok("leading ./ is dropped", QStringLiteral("./a"), QStringLiteral("a"));
    ok("directory with trailing slash", QStringLiteral("src/"), QStringLiteral("src"), true);
    ok("directory ./ is the root", QStringLiteral("./"), QString(), true);
    ok("dots inside names are fine", QStringLiteral("a/..b/c..d/.hidden"), QStringLiteral("a/..b/c..d/.hidden"));
    ok("unicode", QStringLiteral("src/ünïcödé.txt"), QStringLiteral("src/ünïcödé.txt"));
    ok("exactly the length limit", longPath(4096), longPath(4096));
    ok("component of 255 bytes", QString(255, QLatin1Char('c')), QString(255, QLatin1Char('c')));

    bad("empty", QString(), QStringLiteral("path is empty"));
    bad("parent", QStringLiteral("../x"), QStringLiteral("path contains \"..\""));
    bad("parent evil", QStringLiteral("../evil"), QStringLiteral("path contains \"..\""));
    bad("parent in the middle", QStringLiteral("a/../../b"), QStringLiteral("path contains \"..\""));
    bad("parent at the end", QStringLiteral("a/.."), QStringLiteral("path contains \"..\""));
    bad("absolute", QStringLiteral("/etc/passwd"), QStringLiteral("path is absolute"));
    bad("absolute directory", QStringLiteral("/etc/"), QStringLiteral("path is absolute"), true);
    bad("backslash trick", QStringLiteral("a\\..\\b"), QStringLiteral("path contains a backslash"));
    bad("NUL", QString::fromLatin1("a/\0b", 4), QStringLiteral("path contains a control character (0x00)"));
    bad("escape sequence", QStringLiteral("a\x1b[31m"), QStringLiteral("path contains a control character (0x1b)"));
    bad("newline", QStringLiteral("a\nb"), QStringLiteral("path contains a control character (0x0a)"));
    bad("tab", QStringLiteral("a\tb"), QStringLiteral("path contains a control character (0x09)"));
    bad("DEL", QStringLiteral("a\x7f"), QStringLiteral("path contains a control character (0x7f)"));
    bad("double slash", QStringLiteral("a//b"), QStringLiteral("path contains an empty component"));
    bad("file with trailing slash", QStringLiteral("a/"), QStringLiteral("path contains an empty component"));
    bad("dot component", QStringLiteral("a/./b"), QStringLiteral("path contains a \".\" component"));
    bad("repeated ./", QStringLiteral("././a"), QStringLiteral("path contains a \".\" component"));
    bad("dot as a file", QStringLiteral("."), QStringLiteral("path contains a \".\" component"));
    bad("./ as a file", QStringLiteral("./"), QStringLiteral("path is empty"));
    bad("over-long", longPath(4097), QStringLiteral("path is longer than 4096 bytes"));
    bad("over-long in UTF-8 bytes", QStringLiteral("ééé"), QStringLiteral("path is longer than 5 bytes"), false, 5);
    bad("custom limit", QStringLiteral("abcdef"), QStringLiteral("path is longer than 5 bytes"), false, 5);
    bad("component over 255 bytes", QString(256, QLatin1Char('c')), QStringLiteral("path has a component longer than 255 bytes"));
    bad("lone surrogate", QString(QChar(0xd800)) + QStringLiteral("x"), QStringLiteral("path is not valid Unicode"));
}

void TestEntryPolicy::validatesEntryPaths()
{
    QFETCH(QString, path);
    QFETCH(bool, directory);
    QFETCH(int, maxLength);
    QFETCH(QString, expected);
    const Result<QString> r = EntryPolicy::validateEntryPath(
        path, maxLength, directory ? EntryPolicy::PathKind::Directory : EntryPolicy::PathKind::File);
    if (expected.startsWith(QLatin1String("entry \""))) {
        QVERIFY2(!r, qPrintable(QStringLiteral("accepted as \"%1\"").arg(r ? r.value() : QString())));
        QCOMPARE(r.errorCode(), ErrorCode::ArchiveRejected);
        QCOMPARE(r.errorString(), expected);
    } else {
        QVERIFY2(r, qPrintable(r.errorString()));
        QCOMPARE(r.value(), expected);
    }
}

void TestEntryPolicy::validatesSymlinkTargets_data()
{
    QTest::addColumn<QString>("entry");
    QTest::addColumn<QString>("target");
    QTest::addColumn<QString>("error"); // empty: accepted

    const auto ok = [](const char *name, const char *entry, const QString &target) {
        QTest::newRow(name) << QString::fromUtf8(entry) << target << QString();
    };
    const auto bad = [](const char *name, const char *entry, const QString &target, const QString &reason) {
        QTest::newRow(name) << QString::fromUtf8(entry) << target
                            << QStringLiteral("symlink \"%1\" rejected: %2").arg(QString::fromUtf8(entry), reason);
    };
    ok("sibling file", "link", QStringLiteral("src/main.cpp"));
    ok("../sibling at depth 1", "a/link", QStringLiteral("../sibling"));
    ok("../../x at depth 2", "a/b/link", QStringLiteral("../../x"));
    ok("leading ./", "link", QStringLiteral("./x"));
    ok("./.. at depth 1", "a/link", QStringLiteral("./../x"));
    ok("dot", "link", QStringLiteral("."));
    ok("double slash is harmless", "link", QStringLiteral("a//b"));

    bad("absolute", "link", QStringLiteral("/etc/passwd"), QStringLiteral("target \"/etc/passwd\" is absolute"));
    bad("../x at depth 0", "link", QStringLiteral("../x"), QStringLiteral("target \"../x\" points outside the tree"));
    bad("dot-dot alone at depth 0", "link", QStringLiteral(".."), QStringLiteral("target \"..\" points outside the tree"));
    bad("../../x at depth 1", "a/link", QStringLiteral("../../x"), QStringLiteral("target \"../../x\" points outside the tree"));
    bad("x/../../y", "a/link", QStringLiteral("x/../../y"),
        QStringLiteral("target \"x/../../y\" has \"..\" after a normal component"));
    bad("x/.. harmless but refused", "link", QStringLiteral("x/.."),
        QStringLiteral("target \"x/..\" has \"..\" after a normal component"));
    bad("empty", "link", QString(), QStringLiteral("target is empty"));
    bad("NUL", "link", QString::fromLatin1("a\0b", 3), QStringLiteral("target contains a control character (0x00)"));
    bad("newline", "link", QStringLiteral("a\nb"), QStringLiteral("target contains a control character (0x0a)"));
    bad("backslash", "link", QStringLiteral("..\\..\\etc"), QStringLiteral("target contains a backslash"));
    bad("over-long", "link", QString(4097, QLatin1Char('t')), QStringLiteral("target is longer than 4096 bytes"));
}

void TestEntryPolicy::validatesSymlinkTargets()
{
    QFETCH(QString, entry);
    QFETCH(QString, target);
    QFETCH(QString, error);
    const Result<void> r = EntryPolicy::validateSymlinkTarget(entry, target);
    if (error.isEmpty()) {
        QVERIFY2(r, qPrintable(r.errorString()));
    } else {
        QVERIFY(!r);
        QCOMPARE(r.errorCode(), ErrorCode::ArchiveRejected);
        QCOMPARE(r.errorString(), error);
    }
}

void TestEntryPolicy::printableEscapesAndShortens()
{
    QCOMPARE(EntryPolicy::printable(QString::fromLatin1("a\0b\x1b", 4)), QStringLiteral("a\\x00b\\x1b"));
    QCOMPARE(EntryPolicy::printable(QString(300, QLatin1Char('x'))), QString(200, QLatin1Char('x')) + QStringLiteral("..."));
    QCOMPARE(EntryPolicy::printable(QStringLiteral("ünï/c")), QStringLiteral("ünï/c"));
}

void TestEntryPolicy::findsCaseAndNormalisationTwins_data()
{
    QTest::addColumn<QStringList>("paths");
    QTest::addColumn<QList<QStringList>>("twins");
    const QString nfc = QStringLiteral("caf\u00e9.txt");   // é as one code point
    const QString nfd = QStringLiteral("cafe\u0301.txt");  // e + combining acute accent
    QTest::newRow("none") << QStringList{QStringLiteral("a.txt"), QStringLiteral("b.txt")} << QList<QStringList>();
    QTest::newRow("case") << QStringList{QStringLiteral("README.txt"), QStringLiteral("src/a.c"), QStringLiteral("Readme.txt")}
                          << QList<QStringList>{{QStringLiteral("README.txt"), QStringLiteral("Readme.txt")}};
    QTest::newRow("nfc/nfd") << QStringList{nfc, nfd} << QList<QStringList>{QStringList{nfd, nfc}}; // sorted: "e" < "\u00e9"
    QTest::newRow("in a directory") << QStringList{QStringLiteral("Src/x.h"), QStringLiteral("src/X.h")}
                                    << QList<QStringList>{{QStringLiteral("Src/x.h"), QStringLiteral("src/X.h")}};
    QTest::newRow("three of a kind") << QStringList{QStringLiteral("a.txt"), QStringLiteral("A.TXT"), QStringLiteral("b"), QStringLiteral("A.txt")}
                                     << QList<QStringList>{{QStringLiteral("A.TXT"), QStringLiteral("A.txt"), QStringLiteral("a.txt")}};
}

void TestEntryPolicy::findsCaseAndNormalisationTwins()
{
    QFETCH(QStringList, paths);
    QFETCH(QList<QStringList>, twins);
    int total = -1;
    QCOMPARE(EntryPolicy::findTwins(paths, 20, &total), twins);
    QCOMPARE(total, twins.size());
}

QTEST_GUILESS_MAIN(TestEntryPolicy)
#include "tst_entrypolicy.moc"
