// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: BSD-2-Clause

// Tests of IgnoreRules: a table of git ignore semantics, and a cross-check against git itself.
#include "packaging/ignorerules.h"
#include "packaging/treescanner.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>

using namespace BuildService;

// Ignore sources keyed by directory ("" = root .gitignore, "a/b" = a/b/.gitignore),
// ":info" = .git/info/exclude, ":extra" = caller patterns. For trees: path -> content.
using FileMap = QMap<QByteArray, QByteArray>;
Q_DECLARE_METATYPE(FileMap)

namespace {

IgnoreRules rulesFrom(const FileMap &files)
{
    IgnoreRules rules;
    if (files.contains(":extra"))
        rules.addRootPatterns(files.value(":extra"));
    if (files.contains(":info"))
        rules.addRootPatterns(files.value(":info"));
    for (auto it = files.cbegin(); it != files.cend(); ++it) {
        if (!it.key().startsWith(':'))
            rules.addDirectoryPatterns(it.key(), it.value());
    }
    return rules;
}

FileMap root(const QByteArray &content)
{
    return FileMap{{QByteArray(), content}};
}

bool writeTree(const QString &dir, const FileMap &files)
{
    for (auto it = files.cbegin(); it != files.cend(); ++it) {
        const QString path = dir + QLatin1Char('/') + QString::fromUtf8(it.key());
        if (!QDir().mkpath(QFileInfo(path).absolutePath()))
            return false;
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(it.value()) != it.value().size())
            return false;
    }
    return true;
}

QProcessEnvironment isolatedGitEnvironment(const QString &home)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("HOME"), home);
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), home + QLatin1String("/.config"));
    env.insert(QStringLiteral("GIT_CONFIG_NOSYSTEM"), QStringLiteral("1"));
    env.remove(QStringLiteral("GIT_DIR"));
    env.remove(QStringLiteral("GIT_WORK_TREE"));
    env.remove(QStringLiteral("GIT_CONFIG_GLOBAL"));
    return env;
}

// Runs git in @p dir; returns its stdout, or a null array on failure.
QByteArray runGit(const QString &dir, const QString &home, const QStringList &args)
{
    QProcess git;
    git.setWorkingDirectory(dir);
    git.setProcessEnvironment(isolatedGitEnvironment(home));
    git.start(QStringLiteral("git"), args);
    if (!git.waitForFinished(30000) || git.exitStatus() != QProcess::NormalExit || git.exitCode() != 0) {
        qWarning() << "git" << args << "failed:" << git.readAllStandardError();
        return QByteArray();
    }
    QByteArray out = git.readAllStandardOutput();
    return out.isNull() ? QByteArray("") : out;
}

QList<QByteArray> sortedBytes(QList<QByteArray> list)
{
    std::sort(list.begin(), list.end());
    return list;
}

// Builds @p tree in a fresh repository and compares TreeScanner's list with git's.
bool agreesWithGit(const FileMap &tree, QString *difference)
{
    QTemporaryDir temp;
    const QString home = temp.filePath(QStringLiteral("home"));
    const QString work = temp.filePath(QStringLiteral("tree"));
    if (!temp.isValid() || !QDir().mkpath(home) || !QDir().mkpath(work)) {
        *difference = QStringLiteral("cannot create the temporary tree");
        return false;
    }
    if (runGit(work, home, {QStringLiteral("init"), QStringLiteral("-q")}).isNull() || !writeTree(work, tree)) {
        *difference = QStringLiteral("git init or writing the tree failed");
        return false;
    }
    const QByteArray listed =
        runGit(work, home, {QStringLiteral("ls-files"), QStringLiteral("-co"), QStringLiteral("--exclude-standard"),
                            QStringLiteral("-z")});
    if (listed.isNull()) {
        *difference = QStringLiteral("git ls-files failed");
        return false;
    }
    QList<QByteArray> expected = listed.split('\0');
    expected.removeAll(QByteArray());
    expected = sortedBytes(expected);

    const Result<ScanResult> scanned = TreeScanner::scan(work);
    if (!scanned) {
        *difference = scanned.errorString();
        return false;
    }
    QList<QByteArray> actual;
    for (const ScannedEntry &entry : scanned->entries)
        actual.append(entry.path.toUtf8());
    if (actual == expected)
        return true;
    QStringList lines;
    for (auto it = tree.cbegin(); it != tree.cend(); ++it) {
        if (it.key().endsWith(".gitignore") || it.key().endsWith("info/exclude"))
            lines << QString::fromUtf8(it.key() + ": " + it.value()).replace(QLatin1Char('\n'), QLatin1String(" | "));
    }
    for (const QByteArray &path : expected) {
        if (!actual.contains(path))
            lines << QStringLiteral("only git lists ") + QString::fromUtf8(path);
    }
    for (const QByteArray &path : actual) {
        if (!expected.contains(path))
            lines << QStringLiteral("only the scanner lists ") + QString::fromUtf8(path);
    }
    *difference = lines.join(QLatin1Char('\n'));
    return false;
}

QByteArray randomPattern(QRandomGenerator &rng)
{
    static const char *const atoms[] = {"a", "b", "ab", "*", "?", "**", "a*", "*b", "[ab]", "[!a]", "[a-b]*",
                                        "\\*", "x", "foo", "bar", "*.o", ".*", "f?o", "**/a", "c\\[1]"};
    const int count = 1 + int(rng.bounded(3));
    QByteArray pattern;
    for (int i = 0; i < count; ++i) {
        if (i)
            pattern += '/';
        pattern += atoms[rng.bounded(int(sizeof(atoms) / sizeof(atoms[0])))];
    }
    if (rng.bounded(5) == 0)
        pattern.prepend('/');
    if (rng.bounded(4) == 0)
        pattern += '/';
    if (rng.bounded(3) == 0)
        pattern.prepend('!');
    return pattern;
}

FileMap randomTree(QRandomGenerator &rng)
{
    // Directory and file names are disjoint so that no file collides with a directory.
    static const char *const dirNames[] = {"a", "b", "ab", "foo", "sp ace", ".d"};
    static const char *const fileNames[] = {"x", "a.o", "b.c", "bar", ".x", "c[1]", "ba", "f*o"};
    QList<QByteArray> dirs{QByteArray()};
    const int dirCount = 3 + int(rng.bounded(15));
    for (int i = 0; i < dirCount; ++i) {
        const QByteArray parent = dirs.at(int(rng.bounded(dirs.size())));
        const QByteArray dir = (parent.isEmpty() ? QByteArray() : parent + '/') + dirNames[rng.bounded(6)];
        if (!dirs.contains(dir))
            dirs.append(dir);
    }
    FileMap tree;
    for (const QByteArray &dir : dirs) {
        const int files = 1 + int(rng.bounded(3));
        for (int i = 0; i < files; ++i)
            tree.insert((dir.isEmpty() ? QByteArray() : dir + '/') + fileNames[rng.bounded(8)], "x");
    }
    const int ignoreFiles = 1 + int(rng.bounded(4));
    for (int i = 0; i < ignoreFiles; ++i) {
        const QByteArray dir = dirs.at(int(rng.bounded(dirs.size())));
        QByteArray content;
        const int lines = 1 + int(rng.bounded(6));
        for (int l = 0; l < lines; ++l)
            content += randomPattern(rng) + '\n';
        tree.insert((dir.isEmpty() ? QByteArray() : dir + '/') + ".gitignore", content);
    }
    if (rng.bounded(3) == 0)
        tree.insert(".git/info/exclude", randomPattern(rng) + '\n' + randomPattern(rng) + '\n');
    return tree;
}

} // namespace

class TestIgnoreRules : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void matchesLikeGit_data();
    void matchesLikeGit();
    void matchReportsNegationAsIncluded();
    void removeDirectoryPatternsPopsOneLevel();
    void scannerAgreesWithGitLsFiles_data();
    void scannerAgreesWithGitLsFiles();
    void scansNonGitDirectoryWithGitignore();
    void agreesWithGitOnGeneratedTrees();
};

void TestIgnoreRules::matchesLikeGit_data()
{
    QTest::addColumn<FileMap>("files");
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<bool>("isDir");
    QTest::addColumn<bool>("ignored");

    // basename patterns
    QTest::newRow("basename at root") << root("*.o") << QByteArray("x.o") << false << true;
    QTest::newRow("basename at depth") << root("*.o") << QByteArray("a/b/c.o") << false << true;
    QTest::newRow("suffix must match") << root("*.o") << QByteArray("c.oo") << false << false;
    QTest::newRow("literal basename") << root("Makefile") << QByteArray("a/Makefile") << false << true;
    QTest::newRow("literal is case-sensitive") << root("Makefile") << QByteArray("makefile") << false << false;
    QTest::newRow("no pattern") << root("") << QByteArray("x") << false << false;
    QTest::newRow("star alone") << root("*") << QByteArray("a/b") << false << true;
    // negation and order
    QTest::newRow("negation re-includes") << root("*.o\n!keep.o") << QByteArray("keep.o") << false << false;
    QTest::newRow("negation leaves others") << root("*.o\n!keep.o") << QByteArray("x.o") << false << true;
    QTest::newRow("last line wins") << root("!keep.o\n*.o") << QByteArray("keep.o") << false << true;
    QTest::newRow("negation alone includes nothing new") << root("!x") << QByteArray("x") << false << false;
    // directory-only
    QTest::newRow("dir-only on dir") << root("build/") << QByteArray("build") << true << true;
    QTest::newRow("dir-only on file") << root("build/") << QByteArray("build") << false << false;
    QTest::newRow("dir-only at depth") << root("build/") << QByteArray("a/build") << true << true;
    QTest::newRow("dir-only covers content") << root("build/") << QByteArray("a/build/x.c") << false << true;
    QTest::newRow("dir-only not a symlink") << root("lnk/") << QByteArray("lnk") << false << false;
    // anchoring
    QTest::newRow("leading slash anchors") << root("/root.txt") << QByteArray("root.txt") << false << true;
    QTest::newRow("leading slash not deeper") << root("/root.txt") << QByteArray("a/root.txt") << false << false;
    QTest::newRow("middle slash anchors") << root("doc/*.txt") << QByteArray("doc/a.txt") << false << true;
    QTest::newRow("middle slash not deeper") << root("doc/*.txt") << QByteArray("x/doc/a.txt") << false << false;
    QTest::newRow("star stops at slash") << root("doc/*.txt") << QByteArray("doc/sub/a.txt") << false << false;
    QTest::newRow("anchored dir-only") << root("a/doc/") << QByteArray("a/doc") << true << true;
    QTest::newRow("anchored dir-only not deeper") << root("a/doc/") << QByteArray("x/a/doc") << true << false;
    QTest::newRow("star matches a directory, content follows") << root("a/*") << QByteArray("a/b/c") << false << true;
    // wildcards
    QTest::newRow("question mark") << root("fo?.c") << QByteArray("foo.c") << false << true;
    QTest::newRow("question mark is one char") << root("fo?.c") << QByteArray("fooo.c") << false << false;
    QTest::newRow("question mark not slash") << root("a?b") << QByteArray("a/b") << false << false;
    QTest::newRow("class") << root("[abc].txt") << QByteArray("b.txt") << false << true;
    QTest::newRow("class miss") << root("[abc].txt") << QByteArray("d.txt") << false << false;
    QTest::newRow("negated class !") << root("[!abc].txt") << QByteArray("d.txt") << false << true;
    QTest::newRow("negated class ^") << root("[^abc].txt") << QByteArray("a.txt") << false << false;
    QTest::newRow("range") << root("[a-c]x") << QByteArray("bx") << false << true;
    QTest::newRow("range miss") << root("[a-c]x") << QByteArray("dx") << false << false;
    QTest::newRow("named class") << root("[[:digit:]]*.log") << QByteArray("1.log") << false << true;
    QTest::newRow("named class miss") << root("[[:digit:]]*.log") << QByteArray("x.log") << false << false;
    QTest::newRow("bracket first in class") << root("[]]x") << QByteArray("]x") << false << true;
    QTest::newRow("unclosed class never matches") << root("[ab") << QByteArray("[ab") << false << false;
    QTest::newRow("escaped star is literal") << root("a\\*b") << QByteArray("a*b") << false << true;
    QTest::newRow("escaped star not wildcard") << root("a\\*b") << QByteArray("axb") << false << false;
    // double star
    QTest::newRow("leading ** at root") << root("**/foo") << QByteArray("foo") << false << true;
    QTest::newRow("leading ** at depth") << root("**/foo") << QByteArray("a/b/foo") << false << true;
    QTest::newRow("leading ** with path") << root("**/foo/bar") << QByteArray("x/foo/bar") << false << true;
    QTest::newRow("leading ** with path miss") << root("**/foo/bar") << QByteArray("x/foo/baz") << false << false;
    QTest::newRow("trailing ** content") << root("abc/**") << QByteArray("abc/x") << false << true;
    QTest::newRow("trailing ** deep") << root("abc/**") << QByteArray("abc/x/y") << false << true;
    QTest::newRow("trailing ** not the dir") << root("abc/**") << QByteArray("abc") << true << false;
    QTest::newRow("trailing ** allows re-include") << root("abc/**\n!abc/keep") << QByteArray("abc/keep") << false
                                                   << false;
    QTest::newRow("middle ** zero dirs") << root("a/**/b") << QByteArray("a/b") << false << true;
    QTest::newRow("middle ** one dir") << root("a/**/b") << QByteArray("a/x/b") << false << true;
    QTest::newRow("middle ** many dirs") << root("a/**/b") << QByteArray("a/x/y/b") << false << true;
    QTest::newRow("middle ** anchored") << root("a/**/b") << QByteArray("z/a/x/b") << false << false;
    QTest::newRow("** inside a name is a star") << root("x/a**b") << QByteArray("x/a/b") << false << false;
    QTest::newRow("** dir-only") << root("foo/**/") << QByteArray("foo/x") << true << true;
    QTest::newRow("** dir-only skips files") << root("foo/**/") << QByteArray("foo/x") << false << false;
    // escapes, comments, spaces, line ends
    QTest::newRow("comment") << root("#hash") << QByteArray("#hash") << false << false;
    QTest::newRow("escaped hash") << root("\\#hash") << QByteArray("#hash") << false << true;
    QTest::newRow("escaped bang") << root("\\!bang") << QByteArray("!bang") << false << true;
    QTest::newRow("escaped bang is not negation") << root("*\n\\!bang") << QByteArray("!bang") << false << true;
    QTest::newRow("trailing spaces dropped") << root("foo   ") << QByteArray("foo") << false << true;
    QTest::newRow("escaped trailing space kept") << root("foo\\ ") << QByteArray("foo ") << false << true;
    QTest::newRow("escaped trailing space needed") << root("foo\\ ") << QByteArray("foo") << false << false;
    QTest::newRow("trailing tab kept") << root("foo\t") << QByteArray("foo") << false << false;
    QTest::newRow("crlf") << root("foo\r\nbar") << QByteArray("foo") << false << true;
    QTest::newRow("utf8 bom") << root("\xEF\xBB\xBF*.o") << QByteArray("x.o") << false << true;
    QTest::newRow("leading space kept") << root(" foo") << QByteArray("foo") << false << false;
    // parent directory exclusion
    QTest::newRow("no re-include under excluded dir")
        << root("build/\n!build/keep.txt") << QByteArray("build/keep.txt") << false << true;
    QTest::newRow("re-include when only content excluded")
        << root("build/*\n!build/keep.txt") << QByteArray("build/keep.txt") << false << false;
    QTest::newRow("re-included directory") << root("lib/**\n!lib/inc/\n!lib/inc/**") << QByteArray("lib/inc/a.h")
                                           << false << false;
    // nested files
    QTest::newRow("deeper file overrides") << FileMap{{"", "*.log"}, {"sub", "!important.log"}}
                                           << QByteArray("sub/important.log") << false << false;
    QTest::newRow("deeper file only below it") << FileMap{{"", "*.log"}, {"sub", "!important.log"}}
                                               << QByteArray("important.log") << false << true;
    QTest::newRow("nested anchored") << FileMap{{"sub", "/only"}} << QByteArray("sub/only") << false << true;
    QTest::newRow("nested anchored not deeper") << FileMap{{"sub", "/only"}} << QByteArray("sub/x/only") << false
                                                << false;
    QTest::newRow("nested anchored not above") << FileMap{{"sub", "/only"}} << QByteArray("only") << false << false;
    QTest::newRow("nested middle slash") << FileMap{{"sub", "x/y"}} << QByteArray("sub/x/y") << false << true;
    QTest::newRow("nested basename not outside") << FileMap{{"sub", "*.c"}} << QByteArray("a.c") << false << false;
    QTest::newRow("nested file does not judge its own dir") << FileMap{{"sub", "sub"}} << QByteArray("sub") << true
                                                            << false;
    QTest::newRow("deep nested overrides middle") << FileMap{{"a", "*.x"}, {"a/b", "!*.x"}, {"", "!*.x"}}
                                                  << QByteArray("a/b/c.x") << false << false;
    // root-level lists
    QTest::newRow("gitignore beats info/exclude") << FileMap{{":info", "*.tmp"}, {"", "!keep.tmp"}}
                                                  << QByteArray("keep.tmp") << false << false;
    QTest::newRow("info/exclude applies") << FileMap{{":info", "*.tmp"}, {"", "!keep.tmp"}} << QByteArray("x.tmp")
                                          << false << true;
    QTest::newRow("extra applies") << FileMap{{":extra", "*.bak"}} << QByteArray("a/x.bak") << false << true;
    QTest::newRow("gitignore beats extra") << FileMap{{":extra", "*.bak"}, {"", "!x.bak"}} << QByteArray("x.bak")
                                           << false << false;
    QTest::newRow("info/exclude beats extra") << FileMap{{":extra", "!a.tmp"}, {":info", "*.tmp"}}
                                              << QByteArray("a.tmp") << false << true;
    QTest::newRow("extra is anchored at root") << FileMap{{":extra", "/gen"}} << QByteArray("a/gen") << false
                                               << false;
}

void TestIgnoreRules::matchesLikeGit()
{
    QFETCH(FileMap, files);
    QFETCH(QByteArray, path);
    QFETCH(bool, isDir);
    QFETCH(bool, ignored);

    const IgnoreRules rules = rulesFrom(files);
    QCOMPARE(rules.isIgnored(path, isDir), ignored);
}

void TestIgnoreRules::matchReportsNegationAsIncluded()
{
    IgnoreRules rules;
    rules.addDirectoryPatterns(QByteArray(), "*.o\n!keep.o\n");
    QCOMPARE(rules.match("keep.o", false), IgnoreRules::Verdict::Included);
    QCOMPARE(rules.match("x.o", false), IgnoreRules::Verdict::Ignored);
    QCOMPARE(rules.match("x.c", false), IgnoreRules::Verdict::None);
    // match() does not look at parents; isIgnored() does.
    rules.addDirectoryPatterns(QByteArray(), "out/\n!out/keep.o\n");
    QCOMPARE(rules.match("out/keep.o", false), IgnoreRules::Verdict::Included);
    QVERIFY(rules.isIgnored("out/keep.o", false));
}

void TestIgnoreRules::removeDirectoryPatternsPopsOneLevel()
{
    IgnoreRules rules;
    rules.addDirectoryPatterns(QByteArray(), "*.o\n");
    rules.addDirectoryPatterns("sub", "!*.o\n");
    QVERIFY(!rules.isIgnored("sub/x.o", false));
    QVERIFY(rules.removeDirectoryPatterns("sub"));
    QVERIFY(rules.isIgnored("sub/x.o", false));
    QVERIFY(!rules.removeDirectoryPatterns("sub"));
    QVERIFY(!rules.isEmpty());
    QVERIFY(rules.removeDirectoryPatterns(QByteArray()));
    QVERIFY(rules.isEmpty());
}

void TestIgnoreRules::scannerAgreesWithGitLsFiles_data()
{
    QTest::addColumn<FileMap>("tree");

    QTest::newRow("nested gitignore files") << FileMap{
        {".gitignore", "*.log\nbuild/\n"},
        {"src/a.cpp", "x"},
        {"src/a.log", "x"},
        {"build/out.o", "x"},
        {"src/.gitignore", "!keep.log\n/local.txt\n"},
        {"src/keep.log", "x"},
        {"src/local.txt", "x"},
        {"src/sub/local.txt", "x"},
        {"src/sub/x.log", "x"},
        {"src/sub/.gitignore", "*.txt\n!keep.log\n"},
        {"src/sub/keep.log", "x"},
        {"docs/readme.md", "x"},
    };
    QTest::newRow("negation") << FileMap{
        {".gitignore", "*.tmp\n!important.tmp\ncache/*\n!cache/keep\n"},
        {"a.tmp", "x"},
        {"important.tmp", "x"},
        {"sub/important.tmp", "x"},
        {"sub/other.tmp", "x"},
        {"cache/keep", "x"},
        {"cache/drop", "x"},
        {"cache/deep/file", "x"},
    };
    QTest::newRow("re-include under excluded dir") << FileMap{
        {".gitignore", "out/\n!out/keep.txt\nlib/**\n!lib/inc/\n!lib/inc/**\n"},
        {"out/keep.txt", "x"},
        {"out/other.txt", "x"},
        {"lib/inc/a.h", "x"},
        {"lib/inc/deep/b.h", "x"},
        {"lib/src/a.c", "x"},
        {"lib/top.c", "x"},
    };
    QTest::newRow("dir-only and anchored") << FileMap{
        {".gitignore", "/top.txt\ndoc/*.html\n/a/b/\nbin/\nmid/x/\n"},
        {"top.txt", "x"},
        {"sub/top.txt", "x"},
        {"doc/x.html", "x"},
        {"doc/sub/x.html", "x"},
        {"sub/doc/x.html", "x"},
        {"a/b/c.txt", "x"},
        {"x/a/b/c.txt", "x"},
        {"bin/tool", "x"},
        {"deep/bin/tool", "x"},
        {"bin2/bin", "x"},
        {"mid/x/y", "x"},
        {"q/mid/x/y", "x"},
    };
    QTest::newRow("double star") << FileMap{
        {".gitignore", "**/gen\nfoo/**/bar\nlogs/**\n!logs/keep/\n!logs/keep/**\n**/*.cache\nz/**/\n"},
        {"gen/a.txt", "x"},
        {"x/y/gen/b.txt", "x"},
        {"x/general.txt", "x"},
        {"foo/bar", "x"},
        {"foo/a/b/bar", "x"},
        {"foo/a/bar/z.txt", "x"},
        {"foo/barn", "x"},
        {"logs/a.log", "x"},
        {"logs/keep/b.log", "x"},
        {"logs/keep/deep/c.log", "x"},
        {"a/b.cache", "x"},
        {"c.cache", "x"},
        {"z/file", "x"},
        {"z/d/file", "x"},
    };
    QTest::newRow("info exclude") << FileMap{
        {".git/info/exclude", "*.secret\n!ok.secret\nlocal/\n"},
        {".gitignore", "ok.secret\n!sub/b.secret\n"},
        {"a.secret", "x"},
        {"ok.secret", "x"},
        {"sub/b.secret", "x"},
        {"local/notes.txt", "x"},
        {"plain.txt", "x"},
    };
    QTest::newRow("escapes, spaces, comments, classes") << FileMap{
        {".gitignore", "\\#hash\n\\!bang\nspace\\ \ntrail   \n#comment.txt\n[a-c]*.c\n[!x]y.d\n"
                       "[[:upper:]]*.u\nq?.q\r\ncrlf.txt\r\n"},
        {"#hash", "x"},
        {"!bang", "x"},
        {"space ", "x"},
        {"space", "x"},
        {"trail", "x"},
        {"#comment.txt", "x"},
        {"a1.c", "x"},
        {"d1.c", "x"},
        {"zy.d", "x"},
        {"xy.d", "x"},
        {"Up.u", "x"},
        {"low.u", "x"},
        {"qa.q", "x"},
        {"qab.q", "x"},
        {"crlf.txt", "x"},
        {"normal", "x"},
    };
    QTest::newRow("deeper file re-includes, shallower directory rule") << FileMap{
        {".gitignore", "*.gen\ntmp*\n"},
        {"a/.gitignore", "!*.gen\n!tmpdir/\n"},
        {"a/x.gen", "x"},
        {"b/x.gen", "x"},
        {"a/tmpdir/f", "x"},
        {"b/tmpdir/f", "x"},
        {"a/b/.gitignore", "*.gen\n"},
        {"a/b/y.gen", "x"},
    };
}

void TestIgnoreRules::scannerAgreesWithGitLsFiles()
{
    QFETCH(FileMap, tree);
    if (QStandardPaths::findExecutable(QStringLiteral("git")).isEmpty())
        QSKIP("git is not installed");
    QString difference;
    QVERIFY2(agreesWithGit(tree, &difference), qPrintable(difference));
}

void TestIgnoreRules::scansNonGitDirectoryWithGitignore()
{
    QTemporaryDir temp;
    QVERIFY(temp.isValid());
    QVERIFY(writeTree(temp.path(), FileMap{
                                       {".gitignore", "*.o\nbuild/\n"},
                                       {"main.c", "x"},
                                       {"main.o", "x"},
                                       {"build/x", "x"},
                                       {"sub/.gitignore", "!keep.o\n"},
                                       {"sub/keep.o", "x"},
                                       {"sub/drop.o", "x"},
                                       // Not a repository: an info/exclude lookalike means nothing.
                                       {"info/exclude", "main.c\n"},
                                   }));
    const Result<ScanResult> scanned = TreeScanner::scan(temp.path());
    QVERIFY2(scanned.ok(), qPrintable(scanned.errorString()));
    QStringList paths;
    for (const ScannedEntry &entry : scanned->entries)
        paths.append(entry.path);
    QCOMPARE(paths, (QStringList{QStringLiteral(".gitignore"), QStringLiteral("info/exclude"),
                                 QStringLiteral("main.c"), QStringLiteral("sub/.gitignore"),
                                 QStringLiteral("sub/keep.o")}));
}

void TestIgnoreRules::agreesWithGitOnGeneratedTrees()
{
    if (QStandardPaths::findExecutable(QStringLiteral("git")).isEmpty())
        QSKIP("git is not installed");
    // Fixed seed: the same trees every run; a failure prints the rules and the difference.
    QRandomGenerator rng(20240601);
    for (int round = 0; round < 30; ++round) {
        const FileMap tree = randomTree(rng);
        QString difference;
        QVERIFY2(agreesWithGit(tree, &difference),
                 qPrintable(QStringLiteral("tree %1:\n%2").arg(round).arg(difference)));
    }
}

QTEST_GUILESS_MAIN(TestIgnoreRules)
#include "tst_ignorerules.moc"
