// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: BSD-2-Clause

// Tests for ServerConfig: defaults, a full file, and exact error messages for bad files.
#include "resultverify.h"
#include "config/serverconfig.h"

#include <QFile>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace BuildService;

class TestServerConfig : public QObject
{
    Q_OBJECT

private:
    static bool writeFile(const QString &fileName, const QByteArray &content)
    {
        QFile f(fileName);
        return f.open(QIODevice::WriteOnly) && f.write(content) == content.size();
    }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void usesDefaultsWithoutFile()
    {
        const Result<ServerConfig> r = ServerConfig::load(QString());
        QVERIFY2(r.ok(), qPrintable(r.errorString()));
        const ServerConfig &c = r.value();
        QCOMPARE(c.server.listen, QStringLiteral("127.0.0.1"));
        QCOMPARE(c.server.port, 7468);
        QVERIFY(c.server.tokens.isEmpty());
        QVERIFY(c.server.allowedOrigins.isEmpty());
        QCOMPARE(c.server.maxMessageBytes, qint64(1048576));
        QCOMPARE(c.server.maxFrameBytes, qint64(1048576));
        QCOMPARE(c.server.uploadWindowBytes, qint64(8388608));
        QCOMPARE(c.storage.dataDir, QString());
        QCOMPARE(c.build.workspaceTtlSec, qint64(28800));
        QCOMPARE(c.build.gcIntervalSec, qint64(300));
        QCOMPARE(c.build.maxWorkspaces, qint64(100));
        QCOMPARE(c.build.maxTotalBytes, qint64(53687091200LL));
        QCOMPARE(c.build.concurrentBuilds, ServerConfig::ConcurrentBuilds::Queue);
        QCOMPARE(c.build.timeoutSec, qint64(3600));
        QCOMPARE(c.build.maxOutputBytes, qint64(1073741824LL));
        QCOMPARE(c.build.killGraceMs, qint64(5000));
        QCOMPARE(c.limits.maxEntries, qint64(200000));
        QCOMPARE(c.limits.maxUploadBytes, qint64(8589934592LL));
        QCOMPARE(c.limits.maxFileBytes, qint64(4294967296LL));
        QCOMPARE(c.limits.maxCompressionRatio, 1000.0);
        QCOMPARE(c.limits.maxPathLength, qint64(4096));
        QCOMPARE(c.artifacts.ttlSec, qint64(86400));
        QCOMPARE(c.artifacts.maxBytes, qint64(2147483648LL));
        QCOMPARE(c.cache.enabled, true);
        QCOMPARE(c.cache.ttlSuccessSec, qint64(2592000));
        QCOMPARE(c.cache.ttlFailureSec, qint64(0));
        QCOMPARE(c.cache.maxBytes, qint64(10737418240LL));
        QCOMPARE(c.cache.toolchainCommands, (QStringList{QStringLiteral("cc --version"), QStringLiteral("c++ --version"),
                                                         QStringLiteral("cmake --version"), QStringLiteral("make --version")}));
        QCOMPARE(c.cache.salt, QString());
        QVERIFY_RESULT(c.validate());
        QCOMPARE(c.resolvedDataDir(),
                 QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + QLatin1String("/build-service"));
    }

    void emptyFileGivesDefaults()
    {
        QTemporaryDir dir;
        const QString fileName = dir.filePath(QStringLiteral("bs.toml"));
        QVERIFY(writeFile(fileName, "# nothing set\n"));
        const Result<ServerConfig> r = ServerConfig::load(fileName);
        QVERIFY2(r.ok(), qPrintable(r.errorString()));
        QCOMPARE(r->build.workspaceTtlSec, ServerConfig::defaults().build.workspaceTtlSec);
        QCOMPARE(r->server.port, ServerConfig::defaults().server.port);
    }

    void readsFullValidFile()
    {
        QTemporaryDir dir;
        const QString fileName = dir.filePath(QStringLiteral("bs.toml"));
        const QByteArray content =
            "[server]\n"
            "listen = \"0.0.0.0\"\n"
            "port = 9000\n"
            "tokens = [\"secret-1\", \"secret-2\"]\n"
            "allowed_origins = [\"https://ci.example.org\"]\n"
            "max_message_bytes = 2048\n"
            "max_frame_bytes = 4096\n"
            "upload_window_bytes = 65536\n"
            "[storage]\n"
            "data_dir = \"" + dir.filePath(QStringLiteral("data")).toUtf8() + "\"\n"
            "[build]\n"
            "workspace_ttl_sec = 0\n"
            "gc_interval_sec = 60\n"
            "max_workspaces = 0\n"
            "max_total_bytes = 1000\n"
            "concurrent_builds = \"reject\"\n"
            "timeout_sec = 0\n"
            "max_output_bytes = 10\n"
            "kill_grace_ms = 0\n"
            "[limits]\n"
            "max_entries = 5\n"
            "max_upload_bytes = 6\n"
            "max_file_bytes = 7\n"
            "max_compression_ratio = 50\n"
            "max_path_length = 255\n"
            "[artifacts]\n"
            "ttl_sec = 10\n"
            "max_bytes = 11\n"
            "[cache]\n"
            "enabled = false\n"
            "ttl_success_sec = 12\n"
            "ttl_failure_sec = 0\n"
            "max_bytes = 13\n"
            "toolchain_commands = [\"gcc --version\"]\n"
            "salt = \"v2\"\n";
        QVERIFY(writeFile(fileName, content));
        const Result<ServerConfig> r = ServerConfig::load(fileName);
        QVERIFY2(r.ok(), qPrintable(r.errorString()));
        const ServerConfig &c = r.value();
        QCOMPARE(c.server.listen, QStringLiteral("0.0.0.0"));
        QCOMPARE(c.server.port, 9000);
        QCOMPARE(c.server.tokens, (QStringList{QStringLiteral("secret-1"), QStringLiteral("secret-2")}));
        QCOMPARE(c.server.allowedOrigins, QStringList{QStringLiteral("https://ci.example.org")});
        QCOMPARE(c.server.maxMessageBytes, qint64(2048));
        QCOMPARE(c.server.maxFrameBytes, qint64(4096));
        QCOMPARE(c.server.uploadWindowBytes, qint64(65536));
        QCOMPARE(c.storage.dataDir, dir.filePath(QStringLiteral("data")));
        QCOMPARE(c.resolvedDataDir(), dir.filePath(QStringLiteral("data")));
        QCOMPARE(c.build.workspaceTtlSec, qint64(0));
        QCOMPARE(c.build.gcIntervalSec, qint64(60));
        QCOMPARE(c.build.maxWorkspaces, qint64(0));
        QCOMPARE(c.build.maxTotalBytes, qint64(1000));
        QCOMPARE(c.build.concurrentBuilds, ServerConfig::ConcurrentBuilds::Reject);
        QCOMPARE(c.build.timeoutSec, qint64(0));
        QCOMPARE(c.build.maxOutputBytes, qint64(10));
        QCOMPARE(c.build.killGraceMs, qint64(0));
        QCOMPARE(c.limits.maxEntries, qint64(5));
        QCOMPARE(c.limits.maxUploadBytes, qint64(6));
        QCOMPARE(c.limits.maxFileBytes, qint64(7));
        QCOMPARE(c.limits.maxCompressionRatio, 50.0);
        QCOMPARE(c.limits.maxPathLength, qint64(255));
        QCOMPARE(c.artifacts.ttlSec, qint64(10));
        QCOMPARE(c.artifacts.maxBytes, qint64(11));
        QCOMPARE(c.cache.enabled, false);
        QCOMPARE(c.cache.ttlSuccessSec, qint64(12));
        QCOMPARE(c.cache.ttlFailureSec, qint64(0));
        QCOMPARE(c.cache.maxBytes, qint64(13));
        QCOMPARE(c.cache.toolchainCommands, QStringList{QStringLiteral("gcc --version")});
        QCOMPARE(c.cache.salt, QStringLiteral("v2"));
        QCOMPARE(c.sourceFile, fileName);
        QCOMPARE(c.sourcePositions.value(QStringLiteral("build.workspace_ttl_sec")).line, 12);
    }

    void rejectsBadFile_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("expected");  // %1 is the file name

        QTest::newRow("syntax error")
            << QByteArray("[build]\nworkspace_ttl_sec = \n")
            << QStringLiteral("%1:2:21: syntax error: Error while parsing key-value pair: expected value, saw '\\n'");
        QTest::newRow("unterminated table header")
            << QByteArray("[server]\nport = 1\n[build\n")
            << QStringLiteral("%1:3:7: syntax error: Error while parsing table header: expected ']', saw '\\n'");
        QTest::newRow("duplicate key")
            << QByteArray("[server]\nport = 1\nport = 2\n")
            << QStringLiteral("%1:3:8: syntax error: Error while parsing key-value pair: cannot redefine existing integer 'port'");
        QTest::newRow("wrong type")
            << QByteArray("# comment\n\n[build]\ngc_interval_sec = 60\n\n\nworkspace_ttl_sec = \"8h\"\n")
            << QStringLiteral("%1:7:1: [build] workspace_ttl_sec: expected an integer, got string");
        QTest::newRow("float for an integer")
            << QByteArray("[server]\nport = 80.5\n")
            << QStringLiteral("%1:2:1: [server] port: expected an integer, got float");
        QTest::newRow("string for a number")
            << QByteArray("[limits]\nmax_compression_ratio = \"high\"\n")
            << QStringLiteral("%1:2:1: [limits] max_compression_ratio: expected a number, got string");
        QTest::newRow("tokens not an array")
            << QByteArray("[server]\ntokens = \"abc\"\n")
            << QStringLiteral("%1:2:1: [server] tokens: expected an array of strings, got string");
        QTest::newRow("token element not a string")
            << QByteArray("[server]\ntokens = [\"abc\", 5]\n")
            << QStringLiteral("%1:2:1: [server] tokens: expected an array of strings, element 2 is integer");
        QTest::newRow("table is a value")
            << QByteArray("build = 5\n")
            << QStringLiteral("%1:1:1: [build]: expected a table, got integer");
        QTest::newRow("unknown key")
            << QByteArray("[build]\nworkspace_tl_sec = 10\n")
            << QStringLiteral("%1:2:1: unknown key [build] workspace_tl_sec");
        QTest::newRow("unknown top-level key")
            << QByteArray("port = 10\n")
            << QStringLiteral("%1:1:1: unknown key port");
        QTest::newRow("unknown table")
            << QByteArray("[server]\nport = 1\n[bild]\nworkspace_ttl_sec = 10\n")
            << QStringLiteral("%1:3:1: unknown table [bild]");
        QTest::newRow("relative bwrap")
            << QByteArray("[sandbox]\nbwrap = \"bwrap\"\n")
            << QStringLiteral("%1:2:1: [sandbox] bwrap: must be an absolute path, got \"bwrap\"");
        QTest::newRow("negative process limit")
            << QByteArray("[sandbox]\nmax_processes = -1\n")
            << QStringLiteral("%1:2:1: [sandbox] max_processes: must not be negative, got -1");
        QTest::newRow("relative workspace path")
            << QByteArray("[sandbox]\nworkspace_path = \"build\"\n")
            << QStringLiteral("%1:2:1: [sandbox] workspace_path: \"build\" is not an absolute path (expected \"\", \"client\" or an "
                              "absolute path such as \"/build\")");
        QTest::newRow("workspace path in a system tree")
            << QByteArray("[sandbox]\nworkspace_path = \"/usr/src\"\n")
            << QStringLiteral("%1:2:1: [sandbox] workspace_path: \"/usr/src\" is inside /usr, which the sandbox provides itself "
                              "(expected \"\", \"client\" or an absolute path such as \"/build\")");
        QTest::newRow("workspace path not normalised")
            << QByteArray("[sandbox]\nworkspace_path = \"/build/../etc\"\n")
            << QStringLiteral("%1:2:1: [sandbox] workspace_path: \"/build/../etc\" is not normalised (no \".\" or \"..\" components, "
                              "no doubled or trailing \"/\") (expected \"\", \"client\" or an absolute path such as \"/build\")");
        QTest::newRow("workspace path /tmp")
            << QByteArray("[sandbox]\nworkspace_path = \"/tmp\"\n")
            << QStringLiteral("%1:2:1: [sandbox] workspace_path: \"/tmp\" is /tmp itself, which every build has as its own empty "
                              "directory (expected \"\", \"client\" or an absolute path such as \"/build\")");
        QTest::newRow("sandbox enabled not a boolean")
            << QByteArray("[sandbox]\nenabled = \"no\"\n")
            << QStringLiteral("%1:2:1: [sandbox] enabled: expected a boolean, got string");
        QTest::newRow("unknown sub-table")
            << QByteArray("[build]\nmax_workspaces = 3\n[build.extra]\nx = 1\n")
            << QStringLiteral("%1:3:1: unknown table [build.extra]");
        QTest::newRow("bad enum value")
            << QByteArray("[build]\nconcurrent_builds = \"wait\"\n")
            << QStringLiteral("%1:2:1: [build] concurrent_builds: expected \"queue\" or \"reject\", got \"wait\"");
        QTest::newRow("heartbeat timeout below the interval")
            << QByteArray("[server]\nheartbeat_interval_sec = 20\nheartbeat_timeout_sec = 10\n")
            << QStringLiteral("%1:3:1: [server] heartbeat_timeout_sec: must be at least heartbeat_interval_sec (20), got 10");
        QTest::newRow("bad disconnect_policy value")
            << QByteArray("[build]\ndisconnect_policy = \"keep\"\n")
            << QStringLiteral("%1:2:1: [build] disconnect_policy: expected \"cancel\" or \"detach\", got \"keep\"");
        QTest::newRow("bad name_twins value")
            << QByteArray("[limits]\nname_twins = \"ignore\"\n")
            << QStringLiteral("%1:2:1: [limits] name_twins: expected \"warn\" or \"refuse\", got \"ignore\"");
        QTest::newRow("negative compression allowance")
            << QByteArray("[limits]\ncompression_allowance_bytes = -1\n")
            << QStringLiteral("%1:2:1: [limits] compression_allowance_bytes: must not be negative, got -1");
        QTest::newRow("port out of range")
            << QByteArray("[server]\n  port = 70000\n")
            << QStringLiteral("%1:2:3: [server] port: must be between 0 and 65535, got 70000");
        QTest::newRow("negative port")
            << QByteArray("[server]\nport = -1\n")
            << QStringLiteral("%1:2:1: [server] port: must be between 0 and 65535, got -1");
        QTest::newRow("non-loopback without token")
            << QByteArray("[server]\nlisten = \"0.0.0.0\"\n")
            << QStringLiteral("%1:2:1: refusing to listen on 0.0.0.0 without an access token: set [server] tokens_file (or tokens)");
        QTest::newRow("listen not an address")
            << QByteArray("[server]\nlisten = \"build.example.org\"\n")
            << QStringLiteral("%1:2:1: [server] listen: \"build.example.org\" is not an IP address (for example 127.0.0.1, ::1 or 0.0.0.0)");
        QTest::newRow("empty token")
            << QByteArray("[server]\ntokens = [\"\"]\n")
            << QStringLiteral("%1:2:1: [server] tokens: a token must not be empty");
        QTest::newRow("negative ttl")
            << QByteArray("[build]\nworkspace_ttl_sec = -1\n")
            << QStringLiteral("%1:2:1: [build] workspace_ttl_sec: must not be negative, got -1");
        QTest::newRow("zero gc interval")
            << QByteArray("[build]\ngc_interval_sec = 0\n")
            << QStringLiteral("%1:2:1: [build] gc_interval_sec: must be between 1 and 2147483, got 0");
        QTest::newRow("zero message size")
            << QByteArray("[server]\nmax_message_bytes = 0\n")
            << QStringLiteral("%1:2:1: [server] max_message_bytes: must be greater than 0, got 0");
        QTest::newRow("ratio below one")
            << QByteArray("[limits]\nmax_compression_ratio = 0.5\n")
            << QStringLiteral("%1:2:1: [limits] max_compression_ratio: must be at least 1, got 0.5");
        QTest::newRow("relative data dir")
            << QByteArray("[storage]\ndata_dir = \"data\"\n")
            << QStringLiteral("%1:2:1: [storage] data_dir: must be an absolute path, got \"data\"");
        QTest::newRow("cache enabled not a boolean")
            << QByteArray("[cache]\nenabled = \"yes\"\n")
            << QStringLiteral("%1:2:1: [cache] enabled: expected a boolean, got string");
        QTest::newRow("unknown cache key")
            << QByteArray("[cache]\nttl_sucess_sec = 5\n")
            << QStringLiteral("%1:2:1: unknown key [cache] ttl_sucess_sec");
        QTest::newRow("negative cache ttl")
            << QByteArray("[cache]\nttl_failure_sec = -1\n")
            << QStringLiteral("%1:2:1: [cache] ttl_failure_sec: must be between 0 and 3162240000, got -1");
        QTest::newRow("zero cache budget")
            << QByteArray("[cache]\nmax_bytes = 0\n")
            << QStringLiteral("%1:2:1: [cache] max_bytes: must be greater than 0, got 0");
        QTest::newRow("empty toolchain command")
            << QByteArray("[cache]\ntoolchain_commands = [\"cc --version\", \" \"]\n")
            << QStringLiteral("%1:2:1: [cache] toolchain_commands: a command must not be empty");
        QTest::newRow("type error on line 5 and range error on line 3")
            << QByteArray("[server]\nlisten = \"127.0.0.1\"\nport = 70000\n[build]\nworkspace_ttl_sec = \"8h\"\n")
            << QStringLiteral("%1:3:1: [server] port: must be between 0 and 65535, got 70000\n"
                              "%1:5:1: [build] workspace_ttl_sec: expected an integer, got string");
        QTest::newRow("range errors in file order, not in key order")
            << QByteArray("[limits]\nmax_entries = 0\n[server]\nport = 70000\n[build]\nkill_grace_ms = -1\ngc_interval_sec = 0\n")
            << QStringLiteral("%1:2:1: [limits] max_entries: must be greater than 0, got 0\n"
                              "%1:4:1: [server] port: must be between 0 and 65535, got 70000\n"
                              "%1:6:1: [build] kill_grace_ms: must be between 0 and 2147483647, got -1\n"
                              "%1:7:1: [build] gc_interval_sec: must be between 1 and 2147483, got 0");
        QTest::newRow("unknown key, range and combination errors together")
            << QByteArray("[build]\ndisconnect_policy = \"keep\"\n[server]\nprot = 1\nheartbeat_interval_sec = 0\n")
            << QStringLiteral("%1:2:1: [build] disconnect_policy: expected \"cancel\" or \"detach\", got \"keep\"\n"
                              "%1:4:1: unknown key [server] prot\n"
                              "%1:5:1: [server] heartbeat_interval_sec: must be between 1 and 3600, got 0");
        QTest::newRow("several problems in file order")
            << QByteArray("[server]\nprot = 1\n[build]\nworkspace_ttl_sec = true\n")
            << QStringLiteral("%1:2:1: unknown key [server] prot\n%1:4:1: [build] workspace_ttl_sec: expected an integer, got boolean");
    }

    void rejectsBadFile()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        const QString fileName = dir.filePath(QStringLiteral("bs.toml"));
        QVERIFY(writeFile(fileName, content));
        const Result<ServerConfig> r = ServerConfig::load(fileName);
        QVERIFY(!r.ok());
        QCOMPARE(r.errorCode(), ErrorCode::ConfigInvalid);
        QCOMPARE(r.errorString(), expected.arg(fileName));
    }

    void rejectsMissingFile()
    {
        QTemporaryDir dir;
        const QString fileName = dir.filePath(QStringLiteral("absent.toml"));
        const Result<ServerConfig> r = ServerConfig::load(fileName);
        QVERIFY(!r.ok());
        QCOMPARE(r.errorCode(), ErrorCode::ConfigInvalid);
        QVERIFY2(r.errorString().startsWith(fileName + QLatin1String(": cannot read the configuration file: ")),
                 qPrintable(r.errorString()));
    }

    void acceptsLoopbackAndTokens_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::newRow("ipv6 loopback") << QByteArray("[server]\nlisten = \"::1\"\n");
        QTest::newRow("localhost") << QByteArray("[server]\nlisten = \"localhost\"\n");
        QTest::newRow("127.0.0.2") << QByteArray("[server]\nlisten = \"127.0.0.2\"\n");
        QTest::newRow("any with token") << QByteArray("[server]\nlisten = \"::\"\ntokens = [\"t\"]\n");
        QTest::newRow("port zero") << QByteArray("[server]\nport = 0\n");
        QTest::newRow("fixed workspace path") << QByteArray("[sandbox]\nworkspace_path = \"/build\"\n");
        QTest::newRow("client workspace path") << QByteArray("[sandbox]\nworkspace_path = \"client\"\n");
    }

    void acceptsLoopbackAndTokens()
    {
        QFETCH(QByteArray, content);
        QTemporaryDir dir;
        const QString fileName = dir.filePath(QStringLiteral("bs.toml"));
        QVERIFY(writeFile(fileName, content));
        const Result<ServerConfig> r = ServerConfig::load(fileName);
        QVERIFY2(r.ok(), qPrintable(r.errorString()));
    }

    void warnsAboutAWorkspacePathWithoutSandbox()
    {
        QTemporaryDir dir;
        const QString fileName = dir.filePath(QStringLiteral("bs.toml"));
        QVERIFY(writeFile(fileName, "[sandbox]\nenabled = false\nworkspace_path = \"/build\"\n"));
        const Result<ServerConfig> r = ServerConfig::load(fileName);
        QVERIFY2(r.ok(), qPrintable(r.errorString()));
        QCOMPARE(r->warnings(), QStringList{QStringLiteral("%1:3:1: [sandbox] workspace_path: has no effect with enabled = false "
                                                           "(unsandboxed builds run at their workspace's own path)").arg(fileName)});
        ServerConfig sandboxed = r.value();
        sandboxed.sandbox.enabled = true;
        QVERIFY(sandboxed.warnings().isEmpty());
        QVERIFY(ServerConfig::defaults().warnings().isEmpty());
    }

    void validateWithoutFileNamesOnlyTheKey()
    {
        ServerConfig c = ServerConfig::defaults();
        c.server.listen = QStringLiteral("0.0.0.0");
        c.build.killGraceMs = -5;
        const Result<void> r = c.validate();
        QVERIFY(!r.ok());
        QCOMPARE(r.errorCode(), ErrorCode::ConfigInvalid);
        QCOMPARE(r.errorString(),
                 QStringLiteral("[build] kill_grace_ms: must be between 0 and 2147483647, got -5\n"
                                "refusing to listen on 0.0.0.0 without an access token: set [server] tokens_file (or tokens)"));
    }

    void documentedExampleIsValid()
    {
        // docs/configuration.md carries a complete example; it must load as documented.
        QFile doc(QStringLiteral(BS_SOURCE_DIR "/docs/configuration.md"));
        QVERIFY(doc.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(doc.readAll());
        const QRegularExpressionMatch m =
            QRegularExpression(QStringLiteral("```toml\\n(.*?)```"), QRegularExpression::DotMatchesEverythingOption).match(text);
        QVERIFY(m.hasMatch());
        QTemporaryDir dir;
        const QString fileName = dir.filePath(QStringLiteral("example.toml"));
        QVERIFY(writeFile(fileName, m.captured(1).toUtf8()));
        const Result<ServerConfig> r = ServerConfig::load(fileName);
        QVERIFY2(r.ok(), qPrintable(r.errorString()));
        // The example spells out every key; each must have been seen.
        QCOMPARE(r->sourcePositions.size(), 51);
    }

    void installedExampleHasEveryKey()
    {
        // resources/config/server.toml is installed for administrators to copy: it must load,
        // and name the same keys as the complete example in docs/configuration.md.
        const Result<ServerConfig> installed = ServerConfig::load(QStringLiteral(BS_SOURCE_DIR "/resources/config/server.toml"));
        QVERIFY2(installed.ok(), qPrintable(installed.errorString()));
        QFile doc(QStringLiteral(BS_SOURCE_DIR "/docs/configuration.md"));
        QVERIFY(doc.open(QIODevice::ReadOnly));
        const QRegularExpressionMatch m = QRegularExpression(QStringLiteral("```toml\\n(.*?)```"), QRegularExpression::DotMatchesEverythingOption)
                                              .match(QString::fromUtf8(doc.readAll()));
        QVERIFY(m.hasMatch());
        QTemporaryDir dir;
        const QString fileName = dir.filePath(QStringLiteral("example.toml"));
        QVERIFY(writeFile(fileName, m.captured(1).toUtf8()));
        const Result<ServerConfig> documented = ServerConfig::load(fileName);
        QVERIFY2(documented.ok(), qPrintable(documented.errorString()));
        QStringList installedKeys = installed->sourcePositions.keys();
        QStringList documentedKeys = documented->sourcePositions.keys();
        installedKeys.sort();
        documentedKeys.sort();
        QCOMPARE(installedKeys, documentedKeys);
        // It is meant for a system service: the unit's StateDirectory, not a home directory.
        QCOMPARE(installed->resolvedDataDir(), QStringLiteral("/var/lib/build-service"));
    }
};

QTEST_GUILESS_MAIN(TestServerConfig)
#include "tst_serverconfig.moc"
