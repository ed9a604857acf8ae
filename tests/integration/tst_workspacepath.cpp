// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: BSD-2-Clause

// End-to-end: [sandbox] workspace_path. Builds see their workspace at one fixed path (outputs
// byte-identical across workspaces, cache replays without relocation) or at the client's
// checkout path (outputs carry the developer's paths, nothing rewritten).
#include "lifecyclehelpers.h"
#include "rawclient.h"
#include "sandboxprobe.h"
#include "serverprocess.h"
#include "tarbuilder.h"

#include "protocol/messages.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace BuildService;
using namespace BuildService::Test;

namespace {

const QByteArray s_program = "#include <stdio.h>\nint main(void) { puts(\"hi\"); return 0; }\n";

/** What a protocol-level build sent back. */
struct RawResult {
    QJsonObject synced;
    QJsonObject started;
    QJsonObject exit;
    QByteArray out;
};

} // namespace

class TestWorkspacePath : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void fixedPathIsWhereTheBuildRuns();
    void fixedPathMakesObjectsOfTwoWorkspacesIdentical();
    void fixedPathReplaysIntoAnotherWorkspaceUnchanged();
    void clientModeRunsInTheCheckoutPath();
    void clientModeBringsBackCompileCommandsWithLocalPaths();
    void clientModeKeepsCheckoutsAtOtherPathsApartInTheCache();
    void refusedCheckoutPathFallsBackWithAWarning();
    void unsandboxedServerWarnsThatThePathIsIgnored();

private:
    bool startServer(const QString &workspacePath);
    QString checkout(const QString &name, const QMap<QString, QByteArray> &files);
    CliResult build(const QString &dir, const QString &command, const QStringList &extra = {});
    RawResult rawBuild(const QString &command, const QString &checkoutPath);
    QString workspaceOf(const QString &checkout) const { return m_server->workspacePath(storedWorkspaceId(checkout)); }

    QString m_skip;
    std::unique_ptr<QTemporaryDir> m_tmp;
    std::unique_ptr<ServerProcess> m_server;
};

void TestWorkspacePath::initTestCase()
{
    m_skip = sandboxSkipReason();
}

void TestWorkspacePath::init()
{
    m_tmp = std::make_unique<QTemporaryDir>();
    QVERIFY(m_tmp->isValid());
}

void TestWorkspacePath::cleanup()
{
    if (m_server && m_server->process().state() != QProcess::NotRunning)
        QVERIFY2(m_server->stop(), "server did not exit cleanly on SIGTERM");
    m_server.reset();
    m_tmp.reset();
}

bool TestWorkspacePath::startServer(const QString &workspacePath)
{
    m_server = std::make_unique<ServerProcess>();
    const QString toml = QStringLiteral("[sandbox]\nworkspace_path = \"%1\"\n").arg(workspacePath);
    if (!m_server->start(m_tmp->filePath(QStringLiteral("data")), toml)) {
        qWarning() << "server did not start:" << m_server->standardError();
        return false;
    }
    return true;
}

QString TestWorkspacePath::checkout(const QString &name, const QMap<QString, QByteArray> &files)
{
    const QString dir = writeTree(m_tmp->filePath(name), files);
    // A checkout root as far as the client's lookup cares.
    QDir().mkpath(dir + QLatin1String("/.git"));
    return dir;
}

CliResult TestWorkspacePath::build(const QString &dir, const QString &command, const QStringList &extra)
{
    QStringList args{QStringLiteral("build"), QStringLiteral("--server"), m_server->url()};
    args << extra << QStringLiteral("--") << command;
    return runCli(args, dir, 120000);
}

RawResult TestWorkspacePath::rawBuild(const QString &command, const QString &checkoutPath)
{
    RawResult result;
    RawClient client;
    if (!client.handshake(m_server->url()))
        return result;
    QJsonObject request{{QStringLiteral("type"), QStringLiteral("build")}, {QStringLiteral("command"), command},
                        {QStringLiteral("upload"), QJsonObject{{QStringLiteral("format"), QStringLiteral("tar+zstd")},
                                                               {QStringLiteral("mode"), QStringLiteral("full")}}}};
    if (!checkoutPath.isNull())
        request.insert(QStringLiteral("checkout_path"), checkoutPath);
    client.send(request);
    if (client.waitFor(QStringLiteral("accepted")).value(QLatin1String("type")).toString() != QLatin1String("accepted"))
        return result;
    const QByteArray archive = TarBuilder().file("a.txt", "a\n").zstd();
    client.sendBinary(archive);
    client.send(QJsonObject{{QStringLiteral("type"), QStringLiteral("upload_end")}, {QStringLiteral("bytes"), archive.size()}});
    result.exit = client.waitFor(QStringLiteral("exit"), 60000);
    for (const QJsonObject &m : client.messages()) {
        const QString type = m.value(QLatin1String("type")).toString();
        if (type == QLatin1String("synced"))
            result.synced = m;
        else if (type == QLatin1String("started"))
            result.started = m;
        else if (type == QLatin1String("output"))
            result.out += OutputEvent::fromJson(m).data;
    }
    return result;
}

void TestWorkspacePath::fixedPathIsWhereTheBuildRuns()
{
    if (!m_skip.isEmpty())
        QSKIP(qPrintable(m_skip));
    QVERIFY(startServer(QStringLiteral("/build")));
    const QString dir = checkout(QStringLiteral("co"), {{QStringLiteral("main.c"), s_program}});
    const CliResult raw = build(dir, QStringLiteral("pwd && cc -g -c main.c -o main.o"), {QStringLiteral("--no-path-rewrite")});
    QVERIFY2(raw.exitCode == 0, raw.err.constData());
    QCOMPARE(raw.out, QByteArray("/build\n"));
    // The object's debug info names /build, never the workspace on the host.
    const QString ws = workspaceOf(dir);
    const QByteArray object = readFile(ws + QLatin1String("/main.o"));
    QVERIFY(!object.isEmpty());
    QVERIFY(object.contains("/build"));
    QVERIFY(!object.contains(ws.toUtf8()));
    QVERIFY(!object.contains(QFileInfo(ws).fileName().toUtf8()));
    QVERIFY(!object.contains(m_tmp->path().toUtf8()));
    // The client maps /build, the path "started" names, to the checkout.
    const CliResult mapped = build(dir, QStringLiteral("pwd; mkdir -p sub && cd sub && pwd; echo /build-2 /home/x/build"));
    QVERIFY2(mapped.exitCode == 0, mapped.err.constData());
    QCOMPARE(QString::fromUtf8(mapped.out), dir + QLatin1Char('\n') + dir + QLatin1String("/sub\n/build-2 /home/x/build\n"));
}

void TestWorkspacePath::fixedPathMakesObjectsOfTwoWorkspacesIdentical()
{
    if (!m_skip.isEmpty())
        QSKIP(qPrintable(m_skip));
    QVERIFY(startServer(QStringLiteral("/build")));
    const QString command = QStringLiteral("cc -g -c main.c -o main.o");
    const QString first = checkout(QStringLiteral("first"), {{QStringLiteral("main.c"), s_program}});
    const QString second = checkout(QStringLiteral("second"), {{QStringLiteral("main.c"), s_program}});
    // Both compiled for real (no replay), in two workspaces.
    const CliResult a = build(first, command, {QStringLiteral("--no-cache")});
    QVERIFY2(a.exitCode == 0, a.err.constData());
    const CliResult b = build(second, command, {QStringLiteral("--no-cache")});
    QVERIFY2(b.exitCode == 0, b.err.constData());
    QVERIFY(workspaceOf(first) != workspaceOf(second));
    const QByteArray objectA = readFile(workspaceOf(first) + QLatin1String("/main.o"));
    QVERIFY(objectA.contains("/build"));
    QVERIFY(objectA == readFile(workspaceOf(second) + QLatin1String("/main.o")));
}

void TestWorkspacePath::fixedPathReplaysIntoAnotherWorkspaceUnchanged()
{
    if (!m_skip.isEmpty())
        QSKIP(qPrintable(m_skip));
    QVERIFY(startServer(QStringLiteral("/build")));
    // where.txt holds the path the build saw: the cache marks it path-bearing.
    const QString command = QStringLiteral("cc -g -c main.c -o main.o && pwd > where.txt && echo compiled");
    const QString first = checkout(QStringLiteral("first"), {{QStringLiteral("main.c"), s_program}});
    const CliResult live = build(first, command);
    QVERIFY2(live.exitCode == 0, live.err.constData());
    QVERIFY2(!live.err.contains("replayed from cache"), live.err.constData());
    const QString wsA = workspaceOf(first);
    QCOMPARE(readFile(wsA + QLatin1String("/where.txt")), QByteArray("/build\n"));

    const QString second = checkout(QStringLiteral("second"), {{QStringLiteral("main.c"), s_program}});
    const CliResult replayed = build(second, command);
    QVERIFY2(replayed.exitCode == 0, replayed.err.constData());
    QVERIFY2(replayed.err.contains("replayed from cache"), replayed.err.constData());
    QVERIFY(replayed.out.contains("compiled"));
    const QString wsB = workspaceOf(second);
    QVERIFY(wsB != wsA);
    // Restored as recorded: nothing relocated, and right for a build that runs at /build.
    QCOMPARE(readFile(wsB + QLatin1String("/where.txt")), QByteArray("/build\n"));
    QCOMPARE(readFile(wsB + QLatin1String("/main.o")), readFile(wsA + QLatin1String("/main.o")));
    const CliResult uses = build(second, QStringLiteral("test \"$(cat where.txt)\" = \"$PWD\" && echo same"));
    QVERIFY2(uses.exitCode == 0, uses.err.constData());
    QCOMPARE(uses.out, QByteArray("same\n"));
}

void TestWorkspacePath::clientModeRunsInTheCheckoutPath()
{
    if (!m_skip.isEmpty())
        QSKIP(qPrintable(m_skip));
    QVERIFY(startServer(QStringLiteral("client")));
    const QString dir = checkout(QStringLiteral("co"), {{QStringLiteral("src/lib/inner.txt"), "inner\n"}});
    // Without the client's rewriting: the build itself saw the checkout's path.
    const CliResult root = build(dir, QStringLiteral("pwd"), {QStringLiteral("--no-path-rewrite")});
    QVERIFY2(root.exitCode == 0, root.err.constData());
    QCOMPARE(QString::fromUtf8(root.out), dir + QLatin1Char('\n'));
    const CliResult sub = runCli({QStringLiteral("build"), QStringLiteral("--server"), m_server->url(), QStringLiteral("--no-path-rewrite"),
                                  QStringLiteral("--"), QStringLiteral("pwd && cat inner.txt")},
                                 dir + QLatin1String("/src/lib"), 120000);
    QVERIFY2(sub.exitCode == 0, sub.err.constData());
    QCOMPARE(QString::fromUtf8(sub.out), dir + QLatin1String("/src/lib\ninner\n"));
    // The host workspace is not where the build runs, and its path is not visible.
    const QString ws = workspaceOf(dir);
    const CliResult look = build(dir, QStringLiteral("test -e '%1' && echo VISIBLE; echo done").arg(ws), {QStringLiteral("--no-path-rewrite")});
    QVERIFY2(look.exitCode == 0, look.err.constData());
    QCOMPARE(look.out, QByteArray("done\n"));
}

void TestWorkspacePath::clientModeBringsBackCompileCommandsWithLocalPaths()
{
    if (!m_skip.isEmpty())
        QSKIP(qPrintable(m_skip));
    QVERIFY(startServer(QStringLiteral("client")));
    const QString dir = checkout(QStringLiteral("co"), {{QStringLiteral("main.c"), s_program},
                                                        {QStringLiteral("CMakeLists.txt"), "cmake_minimum_required(VERSION 3.16)\nproject(p C)\nadd_executable(app main.c)\n"},
                                                        {QStringLiteral(".gitignore"), "out/\n"}});
    // A plain artifact: the client unpacks it as it is (no CMake mirror, no mapping).
    const CliResult r = build(dir, QStringLiteral("cmake -S . -B out -DCMAKE_BUILD_TYPE=Debug -DCMAKE_EXPORT_COMPILE_COMMANDS=ON >/dev/null && cmake --build out >/dev/null"),
                              {QStringLiteral("-a"), QStringLiteral("out/compile_commands.json"), QStringLiteral("--no-path-rewrite")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QByteArray json = readFile(dir + QLatin1String("/out/compile_commands.json"));
    QJsonParseError error;
    const QJsonArray entries = QJsonDocument::fromJson(json, &error).array();
    QVERIFY2(error.error == QJsonParseError::NoError && entries.size() == 1, json.constData());
    const QJsonObject entry = entries.first().toObject();
    QCOMPARE(entry.value(QLatin1String("directory")).toString(), dir + QLatin1String("/out"));
    QCOMPARE(entry.value(QLatin1String("file")).toString(), dir + QLatin1String("/main.c"));
    QVERIFY(entry.value(QLatin1String("command")).toString().contains(dir + QLatin1String("/main.c")));
    QVERIFY(!json.contains(m_server->dataDir().toUtf8()));
    // The program's debug info too.
    QVERIFY(readFile(workspaceOf(dir) + QLatin1String("/out/CMakeFiles/app.dir/main.c.o")).contains(dir.toUtf8()));
}

void TestWorkspacePath::clientModeKeepsCheckoutsAtOtherPathsApartInTheCache()
{
    if (!m_skip.isEmpty())
        QSKIP(qPrintable(m_skip));
    QVERIFY(startServer(QStringLiteral("client")));
    const QString command = QStringLiteral("pwd > where.txt && echo ran");
    // Paths of one length: the cache could even relocate one into the other, so only the key
    // keeps them apart.
    const QString first = checkout(QStringLiteral("alice"), {{QStringLiteral("a.txt"), "a\n"}});
    QCOMPARE(build(first, command).exitCode, 0);
    // The same sources at the same path replay (a fresh workspace: the id is forgotten)...
    QVERIFY(QDir(first + QLatin1String("/.build-service")).removeRecursively());
    const CliResult again = build(first, command);
    QVERIFY2(again.err.contains("replayed from cache"), again.err.constData());
    QCOMPARE(readFile(workspaceOf(first) + QLatin1String("/where.txt")), (first + QLatin1Char('\n')).toUtf8());
    // ...at another path they do not: where.txt would name the other checkout.
    const QString second = checkout(QStringLiteral("carol"), {{QStringLiteral("a.txt"), "a\n"}});
    const CliResult other = build(second, command);
    QVERIFY2(other.exitCode == 0, other.err.constData());
    QVERIFY2(!other.err.contains("replayed from cache"), other.err.constData());
    QCOMPARE(readFile(workspaceOf(second) + QLatin1String("/where.txt")), (second + QLatin1Char('\n')).toUtf8());
}

void TestWorkspacePath::refusedCheckoutPathFallsBackWithAWarning()
{
    if (!m_skip.isEmpty())
        QSKIP(qPrintable(m_skip));
    QVERIFY(startServer(QStringLiteral("client")));
    // Accepted: the build and "started" name the client's path, so mapping is the identity.
    const RawResult accepted = rawBuild(QStringLiteral("pwd"), QStringLiteral("/home/dev/app"));
    QCOMPARE(accepted.exit.value(QLatin1String("code")).toInt(), 0);
    QCOMPARE(accepted.started.value(QLatin1String("workspace_path")).toString(), QStringLiteral("/home/dev/app"));
    QCOMPARE(accepted.out, QByteArray("/home/dev/app\n"));
    QVERIFY(!accepted.synced.contains(QLatin1String("warnings")));

    const struct {
        QString path;
        QString why;
    } refused[] = {{QStringLiteral("/etc/app"), QStringLiteral("\"/etc/app\" is inside /etc, which the sandbox provides itself")},
                   {QStringLiteral("/tmp"), QStringLiteral("\"/tmp\" is /tmp itself, which every build has as its own empty directory")},
                   {QStringLiteral("/home/dev/../../usr"), QStringLiteral("\"/home/dev/../../usr\" is not normalised (no \".\" or \"..\" "
                                                                          "components, no doubled or trailing \"/\")")},
                   {QString(), QStringLiteral("the client did not send its checkout path (\"checkout_path\")")}};
    for (const auto &c : refused) {
        const RawResult r = rawBuild(QStringLiteral("pwd"), c.path);
        QCOMPARE(r.exit.value(QLatin1String("code")).toInt(), 0);
        QCOMPARE(r.started.value(QLatin1String("workspace_path")).toString(), QStringLiteral("/build"));
        QCOMPARE(r.out, QByteArray("/build\n"));
        const QJsonArray warnings = r.synced.value(QLatin1String("warnings")).toArray();
        QCOMPARE(warnings.size(), 1);
        QCOMPARE(warnings.first().toObject().value(QLatin1String("code")).toString(), QStringLiteral("checkout_path"));
        QCOMPARE(warnings.first().toObject().value(QLatin1String("message")).toString(),
                 QStringLiteral("the build cannot see its workspace at the checkout's path: %1; it runs in /build instead").arg(c.why));
    }
}

void TestWorkspacePath::unsandboxedServerWarnsThatThePathIsIgnored()
{
    const QString config = m_tmp->filePath(QStringLiteral("bs.toml"));
    QVERIFY(writeFile(config, "[sandbox]\nenabled = false\nworkspace_path = \"/build\"\n"));
    QProcess check;
    check.start(binaryPath("build-service-server"), {QStringLiteral("--config"), config, QStringLiteral("--data-dir"),
                                                     m_tmp->filePath(QStringLiteral("data")), QStringLiteral("--check-config")});
    QVERIFY(check.waitForFinished(30000));
    QCOMPARE(check.exitCode(), 0);
    QCOMPARE(QString::fromUtf8(check.readAllStandardError()),
             QStringLiteral("build-service-server: warning: %1:3:1: [sandbox] workspace_path: has no effect with enabled = false "
                            "(unsandboxed builds run at their workspace's own path)\n").arg(config));
    // And a build runs at the workspace's own path.
    m_server = std::make_unique<ServerProcess>();
    QVERIFY(m_server->start(m_tmp->filePath(QStringLiteral("data")), QStringLiteral("[sandbox]\nenabled = false\nworkspace_path = \"/build\"\n")));
    const QString dir = checkout(QStringLiteral("co"), {{QStringLiteral("a.txt"), "a\n"}});
    const CliResult r = build(dir, QStringLiteral("pwd"), {QStringLiteral("--no-path-rewrite")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QCOMPARE(QString::fromUtf8(r.out), workspaceOf(dir) + QLatin1Char('\n'));
}

QTEST_GUILESS_MAIN(TestWorkspacePath)
#include "tst_workspacepath.moc"
