// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: BSD-2-Clause

// Tests RemoteCommand: which processes are build tools and what runs on the server instead.
#include "cmakeconfigurefirst.h"
#include "cmakeinputs.h"
#include "remotecommand.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>

#include <QTest>

using BuildService::Plugin::CMakeConfigureFirst;
using BuildService::Plugin::CMakeInputs;
using BuildService::Plugin::RemoteCommand;

class TestRemoteCommand : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void classifiesBuildTools_data()
    {
        QTest::addColumn<QStringList>("argv");
        QTest::addColumn<bool>("remote");
        QTest::newRow("make") << QStringList{QStringLiteral("make")} << true;
        QTest::newRow("make with jobs and target") << QStringList{QStringLiteral("make"), QStringLiteral("-j8"), QStringLiteral("all")} << true;
        QTest::newRow("absolute make") << QStringList{QStringLiteral("/usr/bin/make"), QStringLiteral("install")} << true;
        QTest::newRow("gmake") << QStringList{QStringLiteral("gmake")} << true;
        QTest::newRow("ninja") << QStringList{QStringLiteral("ninja"), QStringLiteral("-j4")} << true;
        QTest::newRow("ninja-build") << QStringList{QStringLiteral("ninja-build")} << true;
        QTest::newRow("cmake configure") << QStringList{QStringLiteral("cmake"), QStringLiteral("-G"), QStringLiteral("Ninja"), QStringLiteral("..")} << true;
        QTest::newRow("cmake --build") << QStringList{QStringLiteral("cmake"), QStringLiteral("--build"), QStringLiteral(".")} << true;
        QTest::newRow("cmake --install") << QStringList{QStringLiteral("/usr/bin/cmake"), QStringLiteral("--install"), QStringLiteral(".")} << true;
        QTest::newRow("cmake -E") << QStringList{QStringLiteral("cmake"), QStringLiteral("-E"), QStringLiteral("echo")} << false;
        QTest::newRow("cmake -P after -D") << QStringList{QStringLiteral("cmake"), QStringLiteral("-DX=1"), QStringLiteral("-P"), QStringLiteral("s.cmake")} << false;
        QTest::newRow("cmake --version") << QStringList{QStringLiteral("cmake"), QStringLiteral("--version")} << false;
        QTest::newRow("cmake --help-command") << QStringList{QStringLiteral("cmake"), QStringLiteral("--help-command"), QStringLiteral("add_library")} << false;
        QTest::newRow("cmake --system-information") << QStringList{QStringLiteral("cmake"), QStringLiteral("--system-information")} << false;
        QTest::newRow("bare cmake") << QStringList{QStringLiteral("cmake")} << false;
        QTest::newRow("make --version") << QStringList{QStringLiteral("make"), QStringLiteral("--version")} << false;
        QTest::newRow("make -v") << QStringList{QStringLiteral("make"), QStringLiteral("-v")} << false;
        QTest::newRow("ninja -t clean") << QStringList{QStringLiteral("ninja"), QStringLiteral("-t"), QStringLiteral("clean")} << true;
        QTest::newRow("ninja -tcleandead") << QStringList{QStringLiteral("ninja"), QStringLiteral("-tcleandead")} << true;
        QTest::newRow("ninja -t compdb") << QStringList{QStringLiteral("ninja"), QStringLiteral("-t"), QStringLiteral("compdb")} << false;
        QTest::newRow("gcc probe") << QStringList{QStringLiteral("gcc"), QStringLiteral("-dM"), QStringLiteral("-E"), QStringLiteral("-")} << false;
        QTest::newRow("clang++") << QStringList{QStringLiteral("/usr/bin/clang++"), QStringLiteral("-v")} << false;
        QTest::newRow("gdb") << QStringList{QStringLiteral("gdb"), QStringLiteral("--interpreter=mi2")} << false;
        QTest::newRow("shell") << QStringList{QStringLiteral("/bin/sh"), QStringLiteral("-c"), QStringLiteral("make")} << false;
        QTest::newRow("makefile-named tool") << QStringList{QStringLiteral("mymake")} << false;
        QTest::newRow("empty") << QStringList{} << false;
    }

    void classifiesBuildTools()
    {
        QFETCH(QStringList, argv);
        QFETCH(bool, remote);
        QCOMPARE(RemoteCommand::isBuildTool(argv), remote);
    }

    void decidesContainment_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("root");
        QTest::addColumn<bool>("inside");
        QTest::newRow("root itself") << QStringLiteral("/p/proj") << QStringLiteral("/p/proj") << true;
        QTest::newRow("trailing slash") << QStringLiteral("/p/proj/") << QStringLiteral("/p/proj") << true;
        QTest::newRow("below") << QStringLiteral("/p/proj/build/sub") << QStringLiteral("/p/proj") << true;
        QTest::newRow("sibling with same prefix") << QStringLiteral("/p/project2") << QStringLiteral("/p/proj") << false;
        QTest::newRow("dotdot escapes") << QStringLiteral("/p/proj/../other") << QStringLiteral("/p/proj") << false;
        QTest::newRow("parent") << QStringLiteral("/p") << QStringLiteral("/p/proj") << false;
        QTest::newRow("empty path") << QString() << QStringLiteral("/p/proj") << false;
    }

    void decidesContainment()
    {
        QFETCH(QString, path);
        QFETCH(QString, root);
        QFETCH(bool, inside);
        QCOMPARE(RemoteCommand::isInside(path, root), inside);
    }

    void buildsRemoteShellCommand_data()
    {
        QTest::addColumn<QStringList>("argv");
        QTest::addColumn<QString>("workingDir");
        QTest::addColumn<QString>("expected");
        const QString root = QStringLiteral("/home/me/proj");
        QTest::newRow("make in the root") << QStringList{QStringLiteral("/usr/bin/make"), QStringLiteral("-j8")} << root
                                          << QStringLiteral("exec make -j8");
        QTest::newRow("make in a subdir") << QStringList{QStringLiteral("make"), QStringLiteral("all")} << root + QStringLiteral("/build/x")
                                          << QStringLiteral("cd build/x && exec make all");
        QTest::newRow("dash-named dir") << QStringList{QStringLiteral("make")} << root + QStringLiteral("/-x")
                                        << QStringLiteral("cd ./-x && exec make");
        QTest::newRow("quoting") << QStringList{QStringLiteral("make"), QStringLiteral("CFLAGS=-O2 -g"), QStringLiteral("it's")}
                                 << root + QStringLiteral("/my dir")
                                 << QStringLiteral("cd 'my dir' && exec make 'CFLAGS=-O2 -g' 'it'\\''s'");
        QTest::newRow("cmake source dir is the root")
            << QStringList{QStringLiteral("cmake"), QStringLiteral("-DCMAKE_BUILD_TYPE=Debug"), root} << root + QStringLiteral("/build")
            << QStringLiteral("BS_ROOT=$(pwd) && cd build && exec cmake -DCMAKE_BUILD_TYPE=Debug \"$BS_ROOT\"");
        QTest::newRow("path below the root and in a -D value")
            << QStringList{QStringLiteral("cmake"), QStringLiteral("-DX=") + root + QStringLiteral("/cmake/x.cmake"), root + QStringLiteral("/src")}
            << root + QStringLiteral("/build")
            << QStringLiteral("BS_ROOT=$(pwd) && cd build && exec cmake -DX=\"$BS_ROOT\"/cmake/x.cmake \"$BS_ROOT\"/src");
        QTest::newRow("prefix sibling untouched")
            << QStringList{QStringLiteral("make"), QStringLiteral("-C"), QStringLiteral("/home/me/project2")} << root
            << QStringLiteral("exec make -C /home/me/project2");
        QTest::newRow("outside paths untouched")
            << QStringList{QStringLiteral("cmake"), QStringLiteral("-DCMAKE_INSTALL_PREFIX=/usr/local"), QStringLiteral("..")}
            << root + QStringLiteral("/build")
            << QStringLiteral("cd build && exec cmake -DCMAKE_INSTALL_PREFIX=/usr/local ..");
    }

    void buildsRemoteShellCommand()
    {
        QFETCH(QStringList, argv);
        QFETCH(QString, workingDir);
        QFETCH(QString, expected);
        QCOMPARE(RemoteCommand::remoteShellCommand(argv, workingDir, QStringLiteral("/home/me/proj")), expected);
    }

    void wrapsIntoCliInvocation()
    {
        const QStringList wrapped = RemoteCommand::wrap({{QStringLiteral("make"), QStringLiteral("-j2")},
                                                         QStringLiteral("/home/me/proj/sub"),
                                                         QStringLiteral("/home/me/proj/"),
                                                         QStringLiteral("ws://build:7468"),
                                                         QStringLiteral("/opt/bs/bin/build-service"),
                                                         {},
                                                         {}});
        const QStringList expected{QStringLiteral("/opt/bs/bin/build-service"), QStringLiteral("build"), QStringLiteral("--one-stream"),
                                   QStringLiteral("--no-stdin"), QStringLiteral("--no-tty"),
                                   QStringLiteral("--server"), QStringLiteral("ws://build:7468"),
                                   QStringLiteral("-C"), QStringLiteral("/home/me/proj"), QStringLiteral("--"),
                                   QStringLiteral("cd sub && exec make -j2")};
        QCOMPARE(wrapped, expected);
    }

    void summaryNamesServerAndCommand()
    {
        QCOMPARE(RemoteCommand::summary({QStringLiteral("/usr/bin/make"), QStringLiteral("-j2")}, QStringLiteral("/home/me/proj"),
                                        QStringLiteral("/home/me/proj/"), QStringLiteral("ws://host:7468")),
                 QStringLiteral("remote build on ws://host:7468: make -j2"));
        QCOMPARE(RemoteCommand::summary({QStringLiteral("ninja"), QStringLiteral("my target")}, QStringLiteral("/home/me/proj/build"),
                                        QStringLiteral("/home/me/proj"), QStringLiteral("wss://b")),
                 QStringLiteral("remote build on wss://b in build: ninja 'my target'"));
    }

    void configuresFirstInNewBuildDirectory()
    {
        RemoteCommand::Input input{{QStringLiteral("ninja"), QStringLiteral("-j2")},
                                   QStringLiteral("/home/me/proj/build-remote-x"),
                                   QStringLiteral("/home/me/proj"),
                                   QStringLiteral("ws://build:7468"),
                                   QStringLiteral("/opt/bs/bin/build-service"),
                                   {QStringLiteral("cmake"), QStringLiteral("-G"), QStringLiteral("Ninja"), QStringLiteral("/home/me/proj")},
                                   QStringLiteral("/home/me/proj/build-remote-x")};
        QCOMPARE(RemoteCommand::remoteCommand(input),
                 QStringLiteral("mkdir -p build-remote-x && (BS_ROOT=$(pwd) && cd build-remote-x && exec cmake -G Ninja \"$BS_ROOT\") && "
                                "(cd build-remote-x && exec ninja -j2)"));
        // Without a configure the build directory is still created: "cd" into a missing one fails.
        input.configureFirst.clear();
        QCOMPARE(RemoteCommand::remoteCommand(input), QStringLiteral("mkdir -p build-remote-x && cd build-remote-x && exec ninja -j2"));
        input.buildDir.clear();
        QCOMPARE(RemoteCommand::remoteCommand(input), QStringLiteral("cd build-remote-x && exec ninja -j2"));
    }

    void keepsTheGeneratorOfTheMirroredCache()
    {
        const QByteArray cache = "# comment\nCMAKE_BUILD_TYPE:STRING=Debug\nCMAKE_GENERATOR:INTERNAL=Ninja\n"
                                 "CMAKE_HOME_DIRECTORY:INTERNAL=/home/me/proj\nCMAKE_INSTALL_PREFIX:PATH=/home/me/proj/inst\n";
        QCOMPARE(CMakeConfigureFirst::cacheValue(cache, QStringLiteral("CMAKE_GENERATOR")), QStringLiteral("Ninja"));
        QCOMPARE(CMakeConfigureFirst::cacheValue(cache, QStringLiteral("CMAKE_GENERATOR_PLATFORM")), QString());
        // KDevelop's reconfigure of an existing local build directory names no generator.
        const QStringList kdevelop{QStringLiteral("/usr/bin/cmake"), QStringLiteral("-DCMAKE_BUILD_TYPE=Debug"), QStringLiteral("/home/me/proj")};
        QCOMPARE(CMakeConfigureFirst::withGenerator(kdevelop, QStringLiteral("Ninja")),
                 (QStringList{QStringLiteral("/usr/bin/cmake"), QStringLiteral("-G"), QStringLiteral("Ninja"),
                              QStringLiteral("-DCMAKE_BUILD_TYPE=Debug"), QStringLiteral("/home/me/proj")}));
        const QStringList named{QStringLiteral("cmake"), QStringLiteral("-GUnix Makefiles"), QStringLiteral(".")};
        QCOMPARE(CMakeConfigureFirst::withGenerator(named, QStringLiteral("Ninja")), named);
        QCOMPARE(CMakeConfigureFirst::withGenerator(kdevelop, QString()), kdevelop);
        QCOMPARE(CMakeConfigureFirst::configureArgv(cache, {QStringLiteral("-DFOO=1")}),
                 (QStringList{QStringLiteral("cmake"), QStringLiteral("-G"), QStringLiteral("Ninja"),
                              QStringLiteral("-DCMAKE_EXPORT_COMPILE_COMMANDS=ON"), QStringLiteral("-DCMAKE_BUILD_TYPE=Debug"),
                              QStringLiteral("-DCMAKE_INSTALL_PREFIX=/home/me/proj/inst"), QStringLiteral("-DFOO=1"),
                              QStringLiteral("/home/me/proj")}));
        QCOMPARE(CMakeConfigureFirst::configureArgv("CMAKE_GENERATOR:INTERNAL=Ninja\n", {}), QStringList());
    }

    void findsCMakeBuildDirectory_data()
    {
        QTest::addColumn<QStringList>("argv");
        QTest::addColumn<QString>("workingDir");
        QTest::addColumn<QString>("expected");
        const QString root = QStringLiteral("/home/me/proj");
        QTest::newRow("IDE configure from the build dir")
            << QStringList{QStringLiteral("/usr/bin/cmake"), QStringLiteral("-DCMAKE_BUILD_TYPE=Debug"), root}
            << root + QLatin1String("/build") << root + QLatin1String("/build");
        QTest::newRow("configure with -B") << QStringList{QStringLiteral("cmake"), QStringLiteral("-S"), QStringLiteral("."), QStringLiteral("-B"), QStringLiteral("out")}
                                           << root << root + QLatin1String("/out");
        QTest::newRow("configure with -Bdir") << QStringList{QStringLiteral("cmake"), QStringLiteral("-Bout/debug")}
                                              << root << root + QLatin1String("/out/debug");
        QTest::newRow("cmake --build") << QStringList{QStringLiteral("cmake"), QStringLiteral("--build"), QStringLiteral("build")}
                                       << root << root + QLatin1String("/build");
        QTest::newRow("in-source configure") << QStringList{QStringLiteral("cmake"), QStringLiteral(".")} << root << QString();
        QTest::newRow("build dir outside the project") << QStringList{QStringLiteral("cmake"), QStringLiteral("-B"), QStringLiteral("/tmp/b")}
                                                       << root << QString();
        QTest::newRow("make in the build dir") << QStringList{QStringLiteral("make"), QStringLiteral("-j2")}
                                               << root + QLatin1String("/build") << root + QLatin1String("/build");
        QTest::newRow("make in a subdirectory of the build dir") << QStringList{QStringLiteral("make"), QStringLiteral("hello")}
                                                                 << root + QLatin1String("/build/hello") << root + QLatin1String("/build");
        QTest::newRow("make in the project root (Custom Makefile)") << QStringList{QStringLiteral("make")} << root << QString();
        QTest::newRow("make in a plain subdirectory") << QStringList{QStringLiteral("make")} << root + QLatin1String("/src") << QString();
    }
    void findsCMakeBuildDirectory()
    {
        QFETCH(QStringList, argv);
        QFETCH(QString, workingDir);
        QFETCH(QString, expected);
        // Only /home/me/proj/build holds a CMakeCache.txt.
        const auto hasCache = [](const QString &dir) { return dir == QLatin1String("/home/me/proj/build"); };
        QCOMPARE(RemoteCommand::cmakeBuildDir(argv, workingDir, QStringLiteral("/home/me/proj"), hasCache), expected);
    }

    void recognisesCMakeConfigure()
    {
        QVERIFY(RemoteCommand::isCMakeConfigure({QStringLiteral("/usr/bin/cmake"), QStringLiteral("-G"), QStringLiteral("Ninja"), QStringLiteral("..")}));
        QVERIFY(!RemoteCommand::isCMakeConfigure({QStringLiteral("cmake"), QStringLiteral("--build"), QStringLiteral(".")}));
        QVERIFY(!RemoteCommand::isCMakeConfigure({QStringLiteral("cmake"), QStringLiteral("--install"), QStringLiteral(".")}));
        QVERIFY(!RemoteCommand::isCMakeConfigure({QStringLiteral("make"), QStringLiteral("all")}));
    }

    void seesWhenTheMirroredConfigurationMayBeStale()
    {
        QTemporaryDir dir;
        const QString build = dir.filePath(QStringLiteral("build"));
        const QString replies = build + QLatin1String("/.cmake/api/v1/reply/");
        QVERIFY(CMakeInputs::changedSinceMirror(build)); // nothing mirrored yet
        const auto write = [](const QString &path, const QByteArray &content, const QDateTime &when) {
            QDir().mkpath(QFileInfo(path).path());
            QFile file(path);
            // Flushed first: a write at close would set the time to now again.
            return file.open(QIODevice::WriteOnly) && file.write(content) == content.size() && file.flush()
                && file.setFileTime(when, QFileDevice::FileModificationTime);
        };
        const QDateTime mirrored = QDateTime::currentDateTime().addSecs(-60);
        QVERIFY(write(dir.filePath(QStringLiteral("CMakeLists.txt")), "project(x)\n", mirrored.addSecs(-10)));
        QVERIFY(write(dir.filePath(QStringLiteral("cmake/extra.cmake")), "\n", mirrored.addSecs(-10)));
        const QByteArray inputs = "{\"paths\": {\"source\": \"" + dir.path().toUtf8() + "\", \"build\": \"" + build.toUtf8()
            + "\"}, \"inputs\": [{\"path\": \"CMakeLists.txt\"}, {\"path\": \"cmake/extra.cmake\"},"
              " {\"isExternal\": true, \"isCMake\": true, \"path\": \"/usr/share/cmake/Modules/X.cmake\"},"
              " {\"isGenerated\": true, \"path\": \"build/CMakeFiles/gen.cmake\"}]}";
        QVERIFY(write(replies + QLatin1String("cmakeFiles-v1-1.json"), inputs, mirrored));
        QVERIFY(write(replies + QLatin1String("index-1.json"), "{}", mirrored));
        QVERIFY(!CMakeInputs::changedSinceMirror(build));

        // An edited input (a project file, not CMake's own module) makes it stale.
        QVERIFY(write(dir.filePath(QStringLiteral("cmake/extra.cmake")), "# edited\n", mirrored.addSecs(5)));
        QVERIFY(CMakeInputs::changedSinceMirror(build));
        QVERIFY(write(dir.filePath(QStringLiteral("cmake/extra.cmake")), "\n", mirrored.addSecs(-10)));
        QVERIFY(!CMakeInputs::changedSinceMirror(build));
        // So does a deleted one.
        QVERIFY(QFile::remove(dir.filePath(QStringLiteral("cmake/extra.cmake"))));
        QVERIFY(CMakeInputs::changedSinceMirror(build));
    }
};

QTEST_GUILESS_MAIN(TestRemoteCommand)
#include "tst_remotecommand.moc"
