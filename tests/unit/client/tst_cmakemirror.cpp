// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: BSD-2-Clause

// Tests CMakeMirror: what goes up with a remote CMake run and how the configuration comes back.
#include "client/cmakemirror.h"
#include "packaging/ignorerules.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace BuildService;

namespace {

bool writeFile(const QString &path, const QByteArray &content)
{
    QDir().mkpath(QFileInfo(path).path());
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(content) == content.size();
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class TestCMakeMirror : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void refusesDirectoriesOutsideTheCheckout_data()
    {
        QTest::addColumn<QString>("buildDir");
        QTest::newRow("the checkout") << QStringLiteral(".");
        QTest::newRow("parent") << QStringLiteral("..");
        QTest::newRow("sibling") << QStringLiteral("../build");
        QTest::newRow("absolute elsewhere") << QStringLiteral("/tmp");
    }
    void refusesDirectoriesOutsideTheCheckout()
    {
        QFETCH(QString, buildDir);
        QTemporaryDir dir;
        const Result<CMakeMirror> mirror = CMakeMirror::create(dir.path(), buildDir);
        QVERIFY(!mirror);
        QCOMPARE(mirror.error().code, ErrorCode::InvalidRequest);
        QVERIFY2(mirror.errorString().contains(QLatin1String("must lie inside the checkout")), qPrintable(mirror.errorString()));
    }

    void refusesBackslashInTheBuildDirectory()
    {
        QTemporaryDir dir;
        const Result<CMakeMirror> mirror = CMakeMirror::create(dir.path(), QStringLiteral("build\\x"));
        QVERIFY(!mirror);
        QVERIFY2(mirror.errorString().contains(QLatin1String("contains a backslash")), qPrintable(mirror.errorString()));
    }

    void excludesTheBuildDirectoryAndAsksForItsConfiguration()
    {
        QTemporaryDir dir;
        const Result<CMakeMirror> mirror = CMakeMirror::create(dir.path(), dir.filePath(QStringLiteral("out/debug")));
        QVERIFY(mirror);
        QCOMPARE(mirror.value().relativeDir(), QStringLiteral("out/debug"));
        QCOMPARE(mirror.value().excludePattern(), QStringLiteral("/out/debug/"));
        const QStringList globs = mirror.value().artifactGlobs();
        QVERIFY(globs.contains(QStringLiteral("out/debug/CMakeCache.txt")));
        QVERIFY(globs.contains(QStringLiteral("out/debug/build.ninja")));
        QVERIFY(globs.contains(QStringLiteral("out/debug/compile_commands.json")));
        QVERIFY(globs.contains(QStringLiteral("out/debug/.cmake/api/v1/reply/*")));
    }

    void marksTheBuildDirectoryIgnored()
    {
        QTemporaryDir dir;
        const CMakeMirror mirror = CMakeMirror::create(dir.path(), QStringLiteral("out/debug")).value();
        QVERIFY(mirror.markIgnored());
        QCOMPARE(readFile(dir.filePath(QStringLiteral("out/debug/.gitignore"))), QByteArray("*\n"));
        // A .gitignore of the user's stays as it is.
        QVERIFY(writeFile(dir.filePath(QStringLiteral("b/.gitignore")), "*.o\n"));
        QVERIFY(CMakeMirror::create(dir.path(), QStringLiteral("b")).value().markIgnored());
        QCOMPARE(readFile(dir.filePath(QStringLiteral("b/.gitignore"))), QByteArray("*.o\n"));
    }

    // No raw string literals in this file: moc misreads them and silently drops the test slots
    // that follow.
    void prologueRecreatesTheLocalQueriesInAShell()
    {
        QTemporaryDir dir;
        const QString query = dir.filePath(QStringLiteral("build/.cmake/api/v1/query/client-ide/query.json"));
        const QByteArray content = "{\"requests\": [{\"kind\": \"codemodel\", \"version\": 2}], \"note\": \"it's\"}";
        QVERIFY(writeFile(query, content));
        QVERIFY(writeFile(dir.filePath(QStringLiteral("build/.cmake/api/v1/query/codemodel-v2")), QByteArray()));
        const Result<QString> prologue = CMakeMirror::create(dir.path(), QStringLiteral("build")).value().queryPrologue();
        QVERIFY(prologue);

        // Run it in an empty "workspace" with /bin/sh: the same files must appear there.
        QTemporaryDir workspace;
        QProcess sh;
        sh.setWorkingDirectory(workspace.path());
        sh.start(QStringLiteral("/bin/sh"), {QStringLiteral("-c"), prologue.value() + QLatin1String("echo done")});
        QVERIFY(sh.waitForFinished());
        QCOMPARE(sh.readAllStandardOutput(), QByteArray("done\n"));
        QCOMPARE(readFile(workspace.filePath(QStringLiteral("build/.cmake/api/v1/query/client-ide/query.json"))), content);
        QVERIFY(QFileInfo(workspace.filePath(QStringLiteral("build/.cmake/api/v1/query/codemodel-v2"))).isFile());
    }

    void prologueIsEmptyWithoutQueries()
    {
        QTemporaryDir dir;
        const Result<QString> prologue = CMakeMirror::create(dir.path(), QStringLiteral("build")).value().queryPrologue();
        QVERIFY(prologue);
        QVERIFY(prologue.value().isEmpty());
    }

    void refusesTooManyOrTooLargeQueries()
    {
        QTemporaryDir many;
        for (int i = 0; i < 65; ++i)
            QVERIFY(writeFile(many.filePath(QStringLiteral("build/.cmake/api/v1/query/q%1").arg(i)), "{}"));
        const Result<QString> tooMany = CMakeMirror::create(many.path(), QStringLiteral("build")).value().queryPrologue();
        QVERIFY(!tooMany);
        QCOMPARE(tooMany.error().code, ErrorCode::InvalidRequest);
        QVERIFY2(tooMany.errorString().contains(QLatin1String("holds more than 64 CMake file-API query files")),
                 qPrintable(tooMany.errorString()));

        QTemporaryDir large;
        QVERIFY(writeFile(large.filePath(QStringLiteral("build/.cmake/api/v1/query/q.json")), QByteArray(64 * 1024 + 1, 'x')));
        const Result<QString> tooLarge = CMakeMirror::create(large.path(), QStringLiteral("build")).value().queryPrologue();
        QVERIFY(!tooLarge);
        QVERIFY2(tooLarge.errorString().contains(QLatin1String("is larger than 64 KiB")), qPrintable(tooLarge.errorString()));
    }

    void refusesBinaryQueries()
    {
        QTemporaryDir dir;
        QVERIFY(writeFile(dir.filePath(QStringLiteral("build/.cmake/api/v1/query/q.json")), QByteArray("a\0b", 3)));
        const Result<QString> prologue = CMakeMirror::create(dir.path(), QStringLiteral("build")).value().queryPrologue();
        QVERIFY(!prologue);
        QVERIFY2(prologue.errorString().contains(QLatin1String("is not UTF-8 text")), qPrintable(prologue.errorString()));
    }

    void mapsServerPathsAndDropsStaleReplies()
    {
        QTemporaryDir dir;
        const QString remote = QStringLiteral("/srv/data/persistent/ws_1");
        const QByteArray cache = "CMAKE_HOME_DIRECTORY:INTERNAL=/srv/data/persistent/ws_1\n"
                                 "CMAKE_CACHEFILE_DIR:INTERNAL=/srv/data/persistent/ws_1/build\n"
                                 "OTHER:PATH=/srv/data/persistent/ws_12/build\n";
        QVERIFY(writeFile(dir.filePath(QStringLiteral("build/CMakeCache.txt")), cache));
        QVERIFY(writeFile(dir.filePath(QStringLiteral("build/.cmake/api/v1/reply/index-2.json")),
                          "{\"paths\": {\"source\": \"/srv/data/persistent/ws_1\"}}"));
        QVERIFY(writeFile(dir.filePath(QStringLiteral("build/.cmake/api/v1/reply/index-1.json")), "{}"));
        QVERIFY(writeFile(dir.filePath(QStringLiteral("other/file.txt")), "/srv/data/persistent/ws_1/x"));

        const CMakeMirror mirror = CMakeMirror::create(dir.path(), QStringLiteral("build")).value();
        const Result<void> finished = mirror.finish(remote, {QStringLiteral("build/.cmake/api/v1/reply/index-2.json"),
                                                             QStringLiteral("build/CMakeCache.txt"),
                                                             QStringLiteral("other/file.txt")});
        QVERIFY2(finished, qPrintable(finished.errorString()));
        const QByteArray local = dir.path().toUtf8();
        QCOMPARE(readFile(dir.filePath(QStringLiteral("build/CMakeCache.txt"))),
                 "CMAKE_HOME_DIRECTORY:INTERNAL=" + local + "\nCMAKE_CACHEFILE_DIR:INTERNAL=" + local
                     + "/build\nOTHER:PATH=/srv/data/persistent/ws_12/build\n");
        QCOMPARE(readFile(dir.filePath(QStringLiteral("build/.cmake/api/v1/reply/index-2.json"))),
                 "{\"paths\": {\"source\": \"" + local + "\"}}");
        // Files outside the build directory are not the mirror's business.
        QCOMPARE(readFile(dir.filePath(QStringLiteral("other/file.txt"))), QByteArray("/srv/data/persistent/ws_1/x"));
        QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("build/.cmake/api/v1/reply/index-1.json"))));
        // An IDE takes a reply older than CMakeCache.txt for stale.
        QVERIFY(QFileInfo(dir.filePath(QStringLiteral("build/.cmake/api/v1/reply/index-2.json"))).lastModified()
                >= QFileInfo(dir.filePath(QStringLiteral("build/CMakeCache.txt"))).lastModified());
    }

    void leavesOtherArtifactsInTheBuildDirectoryAlone()
    {
        // A project's own artifacts (e.g. the program built in the build directory) come back
        // through the same download; their bytes must not be touched.
        QTemporaryDir dir;
        const QString remote = QStringLiteral("/srv/data/persistent/ws_1");
        const QByteArray program = QByteArray("\x7f" "ELF") + "/srv/data/persistent/ws_1/main.cpp" + QByteArray(3, '\0');
        QVERIFY(writeFile(dir.filePath(QStringLiteral("build/hello")), program));
        QVERIFY(writeFile(dir.filePath(QStringLiteral("build/CMakeCache.txt")), "X:PATH=/srv/data/persistent/ws_1\n"));
        const CMakeMirror mirror = CMakeMirror::create(dir.path(), QStringLiteral("build")).value();
        const Result<void> finished = mirror.finish(remote, {QStringLiteral("build/hello"), QStringLiteral("build/CMakeCache.txt")});
        QVERIFY2(finished, qPrintable(finished.errorString()));
        QCOMPARE(readFile(dir.filePath(QStringLiteral("build/hello"))), program);
        QCOMPARE(readFile(dir.filePath(QStringLiteral("build/CMakeCache.txt"))), "X:PATH=" + dir.path().toUtf8() + '\n');
    }

    void mapsAShortFixedPathOnlyAsAWholePath()
    {
        // [sandbox] workspace_path = "/build": a build directory named build, and paths of the
        // server's system that merely contain /build, must come out right.
        QTemporaryDir dir;
        QVERIFY(writeFile(dir.filePath(QStringLiteral("build/CMakeCache.txt")),
                          "A:PATH=/build\nB:PATH=/build/build\nC:PATH=/usr/lib/build/x\nD:STRING=-I/build/inc\nE:PATH=/build-2\n"));
        const CMakeMirror mirror = CMakeMirror::create(dir.path(), QStringLiteral("build")).value();
        QVERIFY(mirror.finish(QStringLiteral("/build"), {QStringLiteral("build/CMakeCache.txt")}));
        const QByteArray local = dir.path().toUtf8();
        QCOMPARE(readFile(dir.filePath(QStringLiteral("build/CMakeCache.txt"))),
                 "A:PATH=" + local + "\nB:PATH=" + local + "/build\nC:PATH=/usr/lib/build/x\nD:STRING=-I" + local + "/inc\nE:PATH=/build-2\n");
    }

    void leavesEverythingAsItIsWhenTheBuildSawTheCheckoutPath()
    {
        // [sandbox] workspace_path = "client": remote and local paths are the same.
        QTemporaryDir dir(QDir::tempPath() + QLatin1String("/my proj XXXXXX"));
        QVERIFY(dir.isValid());
        const QByteArray commands = "[{\"directory\": \"" + dir.path().toUtf8() + "/build\", \"command\": \"cc -c " + dir.path().toUtf8()
            + "/a.c\", \"file\": \"" + dir.path().toUtf8() + "/a.c\"}]\n";
        QVERIFY(writeFile(dir.filePath(QStringLiteral("build/compile_commands.json")), commands));
        const CMakeMirror mirror = CMakeMirror::create(dir.path(), QStringLiteral("build")).value();
        QVERIFY(mirror.finish(dir.path(), {QStringLiteral("build/compile_commands.json")}));
        QCOMPARE(readFile(dir.filePath(QStringLiteral("build/compile_commands.json"))), commands);
    }

    void mapsIntoJsonWithCheckoutPathsThatNeedEscaping()
    {
        QTemporaryDir dir(QDir::tempPath() + QLatin1String("/q\"uo\\te XXXXXX"));
        QVERIFY(dir.isValid());
        const QString remote = QStringLiteral("/srv/ws_1");
        QVERIFY(writeFile(dir.filePath(QStringLiteral("build/compile_commands.json")),
                          "[{\"directory\": \"/srv/ws_1/build\", \"file\": \"/srv/ws_1/main.cpp\"}]"));
        QVERIFY(writeFile(dir.filePath(QStringLiteral("build/.cmake/api/v1/reply/index-1.json")),
                          "{\"paths\": {\"source\": \"/srv/ws_1\"}}"));
        const CMakeMirror mirror = CMakeMirror::create(dir.path(), QStringLiteral("build")).value();
        const Result<void> finished = mirror.finish(remote, {QStringLiteral("build/compile_commands.json"),
                                                             QStringLiteral("build/.cmake/api/v1/reply/index-1.json")});
        QVERIFY2(finished, qPrintable(finished.errorString()));
        QJsonParseError error;
        const QJsonDocument commands = QJsonDocument::fromJson(readFile(dir.filePath(QStringLiteral("build/compile_commands.json"))), &error);
        QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
        QCOMPARE(commands.array().at(0).toObject().value(QLatin1String("file")).toString(), dir.filePath(QStringLiteral("main.cpp")));
        const QJsonDocument index = QJsonDocument::fromJson(readFile(dir.filePath(QStringLiteral("build/.cmake/api/v1/reply/index-1.json"))), &error);
        QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
        QCOMPARE(index.object().value(QLatin1String("paths")).toObject().value(QLatin1String("source")).toString(), dir.path());
    }

    void quotesMappedPathsInCompileCommands()
    {
        // clangd splits "command" like a shell: a checkout path with a space must stay one word.
        QTemporaryDir dir(QDir::tempPath() + QLatin1String("/my proj XXXXXX"));
        QVERIFY(dir.isValid());
        const QJsonObject original{
            {QStringLiteral("directory"), QStringLiteral("/srv/ws_1/build")},
            {QStringLiteral("command"), QStringLiteral("/usr/bin/c++ -I/srv/ws_1/inc -o /srv/ws_1/build/a.o -c /srv/ws_1/src/a.cpp")},
            {QStringLiteral("file"), QStringLiteral("/srv/ws_1/src/a.cpp")},
            {QStringLiteral("output"), QStringLiteral("a.o")}};
        QVERIFY(writeFile(dir.filePath(QStringLiteral("build/compile_commands.json")), QJsonDocument(QJsonArray{original}).toJson()));
        const CMakeMirror mirror = CMakeMirror::create(dir.path(), QStringLiteral("build")).value();
        QVERIFY(mirror.finish(QStringLiteral("/srv/ws_1"), {QStringLiteral("build/compile_commands.json")}));
        const QJsonObject entry = QJsonDocument::fromJson(readFile(dir.filePath(QStringLiteral("build/compile_commands.json"))))
                                      .array().at(0).toObject();
        const QString local = dir.path();
        QCOMPARE(entry.value(QLatin1String("directory")).toString(), local + QLatin1String("/build"));
        QCOMPARE(entry.value(QLatin1String("file")).toString(), local + QLatin1String("/src/a.cpp"));
        // The shell sees the same words, with the checkout's paths.
        QProcess sh;
        sh.start(QStringLiteral("/bin/sh"), {QStringLiteral("-c"), QLatin1String("printf '%s\\n' ")
                     + entry.value(QLatin1String("command")).toString().mid(QStringLiteral("/usr/bin/c++ ").size())});
        QVERIFY(sh.waitForFinished());
        const QStringList words = QString::fromUtf8(sh.readAllStandardOutput()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(words, (QStringList{QLatin1String("-I") + local + QLatin1String("/inc"), QStringLiteral("-o"),
                                     local + QLatin1String("/build/a.o"), QStringLiteral("-c"), local + QLatin1String("/src/a.cpp")}));
    }

    void globsAndExcludesNameTheBuildDirectoryLiterally()
    {
        QTemporaryDir dir;
        const CMakeMirror mirror = CMakeMirror::create(dir.path(), QStringLiteral("build [x]*?")).value();
        QCOMPARE(mirror.excludePattern(), QStringLiteral("/build [[]x][*][?]/"));
        IgnoreRules rules;
        rules.addRootPatterns(QStringList{mirror.excludePattern()});
        QVERIFY(rules.isIgnored("build [x]*?/CMakeCache.txt", false));
        QVERIFY(!rules.isIgnored("build x12/CMakeCache.txt", false));
        QVERIFY(mirror.artifactGlobs().contains(QStringLiteral("build [[]x][*][?]/CMakeCache.txt")));
    }
};

QTEST_GUILESS_MAIN(TestCMakeMirror)
#include "tst_cmakemirror.moc"
