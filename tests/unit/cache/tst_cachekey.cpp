// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: BSD-2-Clause

// Tests for CacheKey and ToolchainFingerprint: every input changes the key, times never do.
#include "cache/cachekey.h"
#include "cache/toolchainfingerprint.h"
#include "sync/manifest.h"

#include <QRegularExpression>
#include <QTest>

using namespace BuildService;

namespace {

ManifestEntry file(const QString &path, quint64 hash, quint32 mode = 0644, qint64 size = 10)
{
    ManifestEntry e;
    e.path = path;
    e.hash = hash;
    e.mode = mode;
    e.size = size;
    return e;
}

struct KeyCase {
    Manifest tree;
    CacheKeyInput input;
};

KeyCase baseline()
{
    KeyCase c;
    c.tree.insert(file(QStringLiteral("CMakeLists.txt"), 0x1111));
    c.tree.insert(file(QStringLiteral("src/main.cpp"), 0x2222));
    c.tree.insert(file(QStringLiteral("scripts/build.sh"), 0x3333, 0755));
    ManifestEntry link;
    link.path = QStringLiteral("include/current");
    link.type = ManifestEntry::Type::Symlink;
    link.mode = 0777;
    link.linkTarget = QStringLiteral("v1");
    link.hash = 0x4444;
    c.tree.insert(link);
    c.input.command = QStringLiteral("cmake --build build");
    c.input.env = {{QStringLiteral("CC"), QStringLiteral("gcc")}, {QStringLiteral("JOBS"), QStringLiteral("4")}};
    c.input.artifactGlobs = QStringList{QStringLiteral("build/app"), QStringLiteral("build/*.so")};
    c.input.protocolVersion = 1;
    c.input.toolchainFingerprint = QStringLiteral("0123456789abcdef");
    c.input.salt = QStringLiteral("");
    return c;
}

using Change = std::function<void(KeyCase &)>;

} // namespace

Q_DECLARE_METATYPE(Change)

class TestCacheKey : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void keyIsThirtyTwoHexDigitsAndStable()
    {
        const KeyCase c = baseline();
        const QString key = CacheKey::compute(c.tree, c.input);
        QVERIFY2(QRegularExpression(QStringLiteral("^[0-9a-f]{32}$")).match(key).hasMatch(), qPrintable(key));
        QCOMPARE(CacheKey::compute(c.tree, c.input), key);
    }

    void eachInputChangesTheKey_data()
    {
        QTest::addColumn<Change>("change");
        QTest::addColumn<bool>("keyChanges");

        QTest::newRow("file content") << Change([](KeyCase &c) { c.tree.insert(file(QStringLiteral("src/main.cpp"), 0x2223)); }) << true;
        QTest::newRow("file size") << Change([](KeyCase &c) { c.tree.insert(file(QStringLiteral("src/main.cpp"), 0x2222, 0644, 11)); }) << true;
        QTest::newRow("file mode") << Change([](KeyCase &c) { c.tree.insert(file(QStringLiteral("src/main.cpp"), 0x2222, 0755)); }) << true;
        QTest::newRow("file renamed") << Change([](KeyCase &c) {
            c.tree.remove(QStringLiteral("src/main.cpp"));
            c.tree.insert(file(QStringLiteral("src/app.cpp"), 0x2222));
        }) << true;
        QTest::newRow("file added") << Change([](KeyCase &c) { c.tree.insert(file(QStringLiteral("README"), 0x5555)); }) << true;
        QTest::newRow("file removed") << Change([](KeyCase &c) { c.tree.remove(QStringLiteral("CMakeLists.txt")); }) << true;
        QTest::newRow("symlink target") << Change([](KeyCase &c) {
            ManifestEntry link = *c.tree.find(QStringLiteral("include/current"));
            link.linkTarget = QStringLiteral("v2");
            c.tree.insert(link);
        }) << true;
        QTest::newRow("command") << Change([](KeyCase &c) { c.input.command += QLatin1Char(' '); }) << true;
        QTest::newRow("env value") << Change([](KeyCase &c) { c.input.env[QStringLiteral("JOBS")] = QStringLiteral("8"); }) << true;
        QTest::newRow("env added") << Change([](KeyCase &c) { c.input.env.insert(QStringLiteral("CFLAGS"), QStringLiteral("-O2")); }) << true;
        QTest::newRow("env removed") << Change([](KeyCase &c) { c.input.env.remove(QStringLiteral("CC")); }) << true;
        QTest::newRow("env empty value added") << Change([](KeyCase &c) { c.input.env.insert(QStringLiteral("EMPTY"), QString()); }) << true;
        QTest::newRow("artifact glob") << Change([](KeyCase &c) { c.input.artifactGlobs.append(QStringLiteral("build/*.a")); }) << true;
        QTest::newRow("protocol version") << Change([](KeyCase &c) { c.input.protocolVersion = 2; }) << true;
        QTest::newRow("toolchain fingerprint") << Change([](KeyCase &c) { c.input.toolchainFingerprint = QStringLiteral("fedcba9876543210"); }) << true;
        QTest::newRow("salt") << Change([](KeyCase &c) { c.input.salt = QStringLiteral("rebuild-2026-11"); }) << true;
        // [sandbox] workspace_path: outputs name the path the build saw and are not relocated.
        QTest::newRow("workspace path the build sees") << Change([](KeyCase &c) { c.input.workspacePath = QStringLiteral("/build"); }) << true;
        // Field boundaries are part of the key: moving text from one field to the next is a different request.
        QTest::newRow("text moved from command into salt") << Change([](KeyCase &c) {
            c.input.command.chop(1);
            c.input.salt = QStringLiteral("d");
        }) << true;
        QTest::newRow("text moved between env name and value") << Change([](KeyCase &c) {
            c.input.env.remove(QStringLiteral("CC"));
            c.input.env.insert(QStringLiteral("C"), QStringLiteral("Cgcc"));
        }) << true;

        // Times and on-disk identity are not content: a touched file keeps the key.
        QTest::newRow("file touched (mtime, ctime)") << Change([](KeyCase &c) {
            ManifestEntry e = *c.tree.find(QStringLiteral("src/main.cpp"));
            e.mtimeNs += 1000000000;
            e.ctimeNs += 1000000000;
            c.tree.insert(e);
        }) << false;
        QTest::newRow("file rewritten in place (inode)") << Change([](KeyCase &c) {
            ManifestEntry e = *c.tree.find(QStringLiteral("src/main.cpp"));
            e.inode += 17;
            c.tree.insert(e);
        }) << false;
        QTest::newRow("artifact globs reordered and repeated") << Change([](KeyCase &c) {
            c.input.artifactGlobs = QStringList{QStringLiteral("build/*.so"), QStringLiteral("build/app"), QStringLiteral("build/app")};
        }) << false;
        QTest::newRow("nothing") << Change([](KeyCase &) {}) << false;
    }

    void eachInputChangesTheKey()
    {
        QFETCH(Change, change);
        QFETCH(bool, keyChanges);
        const KeyCase before = baseline();
        KeyCase after = baseline();
        change(after);
        const QString a = CacheKey::compute(before.tree, before.input);
        const QString b = CacheKey::compute(after.tree, after.input);
        if (keyChanges)
            QVERIFY2(a != b, "the key did not change");
        else
            QCOMPARE(b, a);
    }

    void checkoutsAtDifferentPathsHaveDifferentKeys()
    {
        // Two developers' checkouts in "client" mode: their outputs name different paths.
        KeyCase a = baseline();
        KeyCase b = baseline();
        a.input.workspacePath = QStringLiteral("/home/alice/src/app");
        b.input.workspacePath = QStringLiteral("/home/bob/src/app");
        QVERIFY(CacheKey::compute(a.tree, a.input) != CacheKey::compute(b.tree, b.input));
        b.input.workspacePath = a.input.workspacePath;
        QCOMPARE(CacheKey::compute(b.tree, b.input), CacheKey::compute(a.tree, a.input));
    }

    void fingerprintDependsOnOutputsCommandsAndSalt_data()
    {
        QTest::addColumn<QStringList>("commands");
        QTest::addColumn<QList<QByteArray>>("outputs");
        QTest::addColumn<QString>("salt");
        QTest::addColumn<bool>("same");
        const QStringList commands{QStringLiteral("cc --version"), QStringLiteral("cmake --version")};
        const QList<QByteArray> outputs{"gcc (Debian 12.2.0-14) 12.2.0\nexit 0", "cmake version 3.25.1\nexit 0"};
        QTest::newRow("identical") << commands << outputs << QString() << true;
        QTest::newRow("compiler upgraded") << commands << QList<QByteArray>{"gcc (Debian 13.1.0-1) 13.1.0\nexit 0", outputs[1]} << QString() << false;
        QTest::newRow("tool missing now") << commands << QList<QByteArray>{outputs[0], "sh: cmake: not found\nexit 127"} << QString() << false;
        QTest::newRow("other command list") << QStringList{commands[0]} << QList<QByteArray>{outputs[0]} << QString() << false;
        QTest::newRow("salt") << commands << outputs << QStringLiteral("2") << false;
    }

    void fingerprintDependsOnOutputsCommandsAndSalt()
    {
        QFETCH(QStringList, commands);
        QFETCH(QList<QByteArray>, outputs);
        QFETCH(QString, salt);
        QFETCH(bool, same);
        const QString reference = ToolchainFingerprint::hashOutputs(
            {QStringLiteral("cc --version"), QStringLiteral("cmake --version")},
            {"gcc (Debian 12.2.0-14) 12.2.0\nexit 0", "cmake version 3.25.1\nexit 0"}, QString());
        const QString fingerprint = ToolchainFingerprint::hashOutputs(commands, outputs, salt);
        QCOMPARE(fingerprint.size(), 16);
        QCOMPARE(fingerprint == reference, same);
    }

    void fingerprintRunsTheCommands()
    {
        const QString a = ToolchainFingerprint::compute({QStringLiteral("echo compiler 1.0")}, QString());
        QCOMPARE(ToolchainFingerprint::compute({QStringLiteral("echo compiler 1.0")}, QString()), a);
        QVERIFY(ToolchainFingerprint::compute({QStringLiteral("echo compiler 1.1")}, QString()) != a);
        // What it prints, not how it is spelled: two spellings of the same output are equal
        // only when the command text is equal too (the command is part of the hash).
        QCOMPARE(a, ToolchainFingerprint::hashOutputs({QStringLiteral("echo compiler 1.0")}, {"compiler 1.0\n\nexit 0"}, QString()));
        // A failing tool is part of the fingerprint as well (its exit status and message).
        QVERIFY(ToolchainFingerprint::compute({QStringLiteral("exit 3")}, QString())
                != ToolchainFingerprint::compute({QStringLiteral("exit 4")}, QString()));
    }
};

QTEST_GUILESS_MAIN(TestCacheKey)
#include "tst_cachekey.moc"
