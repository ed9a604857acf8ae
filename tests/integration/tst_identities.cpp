// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: BSD-2-Clause

// Identities end to end: a real server with a tokens file, protocol-level clients and the real
// CLI. Users cannot see or touch each other's workspaces, builds, artifacts or cache entries
// (and get the answer of an unknown id), admins can; token rotation on SIGHUP; the cache
// sharing policy.
#include "rawclient.h"
#include "serverprocess.h"
#include "tarbuilder.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace BuildService;
using namespace BuildService::Test;

namespace {

const QString s_bobToken = QStringLiteral("bob-token-0123456789");
const QString s_rootToken = QStringLiteral("root-token-0123456789");
const QString s_unknownBuild = QStringLiteral("bld_00000000-0000-4000-8000-000000000000");
const QString s_unknownWorkspace = QStringLiteral("ws_00000000-0000-4000-8000-000000000000");
const QString s_unknownKey = QStringLiteral("0123456789abcdef0123456789abcdef");

QString str(const char *s)
{
    return QString::fromUtf8(s);
}

/** A tokens file line, hashed here independently of the server's code. */
QByteArray tokenLine(const QString &name, const QString &role, const QString &token)
{
    return name.toUtf8() + ' ' + role.toUtf8() + " sha256:" + QCryptographicHash::hash(token.toUtf8(), QCryptographicHash::Sha256).toHex() + '\n';
}

QJsonObject buildRequest(const QString &command, const QString &workspaceId = QString())
{
    QJsonObject r{{str("type"), str("build")}, {str("command"), command}, {str("artifacts"), QJsonArray{str("out.txt")}},
                  {str("upload"), QJsonObject{{str("format"), str("tar+zstd")}, {str("mode"), str("full")}}}};
    if (!workspaceId.isEmpty())
        r.insert(str("workspace_id"), workspaceId);
    return r;
}

QByteArray sources()
{
    return TarBuilder().file("main.c", "int main(void) { return 0; }\n").file("README", "identities\n").zstd();
}

/** What one protocol-level build answered. */
struct Built {
    QJsonObject accepted;
    QJsonObject exit;
    QJsonObject error;
};

/** The message text with @p id replaced by "<id>", to compare answers about different ids. */
QString withoutId(const QJsonObject &error, const QString &id)
{
    return error.value(str("code")).toString() + QLatin1Char('|') + error.value(str("message")).toString().replace(id, str("<id>"));
}

} // namespace

class TestIdentities : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_tmp;
    std::unique_ptr<ServerProcess> m_server;
    QString m_tokensFile;
    QString m_aliceToken;
    QString m_checkout;
    QString m_counter;

    bool startServer(const QString &extraConfig = QString())
    {
        m_server = std::make_unique<ServerProcess>();
        const QString config = QStringLiteral("[server]\ntokens_file = \"%1\"\n[build]\ndisconnect_policy = \"detach\"\n%2")
                                   .arg(m_tokensFile, extraConfig);
        return m_server->start(m_tmp->filePath(str("data")), config);
    }

    QJsonObject ask(const QString &token, const QJsonObject &request, const QString &replyType)
    {
        RawClient client;
        if (!client.handshake(m_server->url(), token))
            return QJsonObject{{str("type"), str("handshake failed")}};
        client.send(request);
        return client.waitFor(replyType);
    }

    Built build(const QString &token, const QJsonObject &request)
    {
        Built result;
        RawClient client;
        if (!client.handshake(m_server->url(), token)) {
            result.error = QJsonObject{{str("message"), str("handshake failed")}};
            return result;
        }
        client.send(request);
        result.accepted = client.waitFor(str("accepted"));
        if (result.accepted.value(str("type")).toString() != QLatin1String("accepted")) {
            result.error = result.accepted;
            return result;
        }
        const QByteArray archive = sources();
        client.sendBinary(archive);
        client.send(QJsonObject{{str("type"), str("upload_end")}, {str("bytes"), archive.size()}});
        result.exit = client.waitFor(str("exit"));
        if (result.exit.value(str("type")).toString() != QLatin1String("exit"))
            result.error = result.exit;
        return result;
    }

    int cacheEntries(const QString &token)
    {
        return ask(token, QJsonObject{{str("type"), str("cache_stats")}, {str("top"), 10}}, str("cache_stats_reply"))
            .value(str("entries")).toInt(-1);
    }

    QStringList workspaceIds(const QString &token)
    {
        QStringList ids;
        const QJsonObject reply = ask(token, QJsonObject{{str("type"), str("list_workspaces")}}, str("workspaces"));
        for (const QJsonValue &v : reply.value(str("workspaces")).toArray())
            ids.append(v.toObject().value(str("id")).toString());
        return ids;
    }

    /** True when the server answers "hello" with this token with "welcome" (not with an error). */
    bool handshakeWorks(const QString &token)
    {
        RawClient client;
        if (!client.open(m_server->url()))
            return false;
        HelloMessage hello;
        hello.client = str("rawclient/test");
        hello.token = token;
        client.send(hello.toJson());
        return client.waitFor(str("welcome")).value(str("type")).toString() == QLatin1String("welcome");
    }

    QString counterBuildCommand() const { return QStringLiteral("echo run >> '%1'; echo built > out.txt").arg(m_counter); }

private Q_SLOTS:
    void init()
    {
        // The cache tests count runs in a file outside the workspace, which the sandbox hides
        // (that is tested in tst_sandbox); a token server without a sandbox must say so explicitly.
        ServerProcess::baseConfig() = QStringLiteral("[sandbox]\nenabled = false\n");
        m_tmp = std::make_unique<QTemporaryDir>();
        QVERIFY(m_tmp->isValid());
        m_tokensFile = m_tmp->filePath(str("tokens"));
        m_counter = m_tmp->filePath(str("counter"));
        m_checkout = m_tmp->filePath(str("checkout"));
        QVERIFY(QDir().mkpath(m_checkout));

        // alice's token comes from the server's own generator: its line goes into the file as printed.
        QProcess generate;
        generate.start(binaryPath("build-service-server"), {str("--generate-token"), str("alice")});
        QVERIFY(generate.waitForFinished(30000));
        QCOMPARE(generate.exitCode(), 0);
        const QStringList lines = QString::fromUtf8(generate.readAllStandardOutput()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 2);
        QVERIFY(lines[0].startsWith(str("token: bst_")));
        QVERIFY(lines[1].startsWith(str("tokens file line: alice user sha256:")));
        m_aliceToken = lines[0].mid(7);
        QVERIFY(!lines[1].contains(m_aliceToken)); // only the hash is stored
        QVERIFY(writeFile(m_tokensFile, "# test identities\n" + lines[1].mid(18).toUtf8() + '\n' + tokenLine(str("bob"), str("user"), s_bobToken)
                                            + tokenLine(str("root"), str("admin"), s_rootToken)));
    }

    void cleanup()
    {
        if (m_server)
            QVERIFY(m_server->stop());
        m_server.reset();
        m_tmp.reset();
    }

    void usersCannotSeeOrTouchEachOthersThingsAndGetTheUnknownIdAnswer()
    {
        QVERIFY(startServer());
        const Built alice = build(m_aliceToken, buildRequest(counterBuildCommand()));
        QVERIFY2(alice.error.isEmpty(), qPrintable(alice.error.value(str("message")).toString()));
        const QString aliceWs = alice.exit.value(str("workspace_id")).toString();
        const QString aliceBuild = alice.exit.value(str("build_id")).toString();
        QVERIFY(isValidWorkspaceId(aliceWs));
        QTRY_COMPARE(cacheEntries(m_aliceToken), 1);
        const QJsonObject aliceStats = ask(m_aliceToken, QJsonObject{{str("type"), str("cache_stats")}, {str("top"), 10}}, str("cache_stats_reply"));
        const QString aliceKey = aliceStats.value(str("top")).toArray().first().toObject().value(str("key")).toString();
        QVERIFY(isValidCacheKey(aliceKey));

        // Listing: bob sees nothing of alice's; the admin sees it with its owner.
        QVERIFY(workspaceIds(m_aliceToken).contains(aliceWs));
        QVERIFY(!workspaceIds(s_bobToken).contains(aliceWs));
        QVERIFY(workspaceIds(s_rootToken).contains(aliceWs));
        QCOMPARE(cacheEntries(s_bobToken), 0);
        QCOMPARE(cacheEntries(s_rootToken), 1);
        const QJsonObject bobStatus = ask(s_bobToken, QJsonObject{{str("type"), str("status")}}, str("status_reply"));
        QCOMPARE(bobStatus.value(str("workspaces")).toInt(), 0);
        QCOMPARE(bobStatus.value(str("identity")).toObject().value(str("user")).toString(), str("bob"));
        QVERIFY(!bobStatus.contains(str("connections")));  // server-wide figures are for admins
        const QJsonObject rootStatus = ask(s_rootToken, QJsonObject{{str("type"), str("status")}}, str("status_reply"));
        QCOMPARE(rootStatus.value(str("workspaces")).toInt(), 1);
        QVERIFY(rootStatus.contains(str("connections")));

        // Artifacts: bob's answer for alice's build is the answer for an unknown build.
        const auto fetch = [&](const QString &token, const QString &id) {
            return ask(token, QJsonObject{{str("type"), str("fetch_artifacts")}, {str("build_id"), id}}, str("artifacts_begin"));
        };
        const QJsonObject bobFetch = fetch(s_bobToken, aliceBuild);
        QCOMPARE(bobFetch.value(str("type")).toString(), str("error"));
        QCOMPARE(withoutId(bobFetch, aliceBuild), withoutId(fetch(s_bobToken, s_unknownBuild), s_unknownBuild));
        QCOMPARE(fetch(m_aliceToken, aliceBuild).value(str("type")).toString(), str("artifacts_begin"));
        QCOMPARE(fetch(s_rootToken, aliceBuild).value(str("type")).toString(), str("artifacts_begin"));

        // Attach (the way to a build of another connection, and to cancelling it).
        const auto attach = [&](const QString &token, const QString &id) {
            return ask(token, QJsonObject{{str("type"), str("attach")}, {str("build_id"), id}}, str("attached"));
        };
        const QJsonObject bobAttach = attach(s_bobToken, aliceBuild);
        QCOMPARE(bobAttach.value(str("type")).toString(), str("error"));
        QCOMPARE(withoutId(bobAttach, aliceBuild), withoutId(attach(s_bobToken, s_unknownBuild), s_unknownBuild));
        QCOMPARE(attach(s_rootToken, aliceBuild).value(str("type")).toString(), str("attached"));

        // Cache export and clear by key or workspace: alice's entry is not there for bob.
        const auto exportKey = [&](const QString &token, const QString &key) {
            return ask(token, QJsonObject{{str("type"), str("cache_export")}, {str("key"), key}}, str("cache_export_begin"));
        };
        const QJsonObject bobExport = exportKey(s_bobToken, aliceKey);
        QCOMPARE(bobExport.value(str("type")).toString(), str("error"));
        QCOMPARE(withoutId(bobExport, aliceKey), withoutId(exportKey(s_bobToken, s_unknownKey), s_unknownKey));
        const auto clear = [&](const QString &token, const QString &selector, const QString &value) {
            return ask(token, QJsonObject{{str("type"), str("cache_clear")}, {selector, value}}, str("cache_cleared"));
        };
        QCOMPARE(clear(s_bobToken, str("key"), aliceKey), clear(s_bobToken, str("key"), s_unknownKey));
        QCOMPARE(clear(s_bobToken, str("key"), aliceKey).value(str("removed")).toInt(), 0);
        QCOMPARE(clear(s_bobToken, str("workspace"), aliceWs).value(str("removed")).toInt(), 0);
        QCOMPARE(cacheEntries(m_aliceToken), 1);

        // Building in alice's workspace: bob gets a new one, exactly as for an unknown id.
        const Built bobInAlice = build(s_bobToken, buildRequest(str("echo bob > out.txt"), aliceWs));
        const Built bobUnknown = build(s_bobToken, buildRequest(str("echo bob > out.txt"), s_unknownWorkspace));
        QVERIFY(bobInAlice.error.isEmpty());
        QCOMPARE(bobInAlice.accepted.value(str("workspace")).toString(), str("new"));
        QCOMPARE(bobInAlice.accepted.value(str("reason")).toString(), bobUnknown.accepted.value(str("reason")).toString());
        QCOMPARE(bobInAlice.accepted.value(str("reason")).toString(), str("unknown"));
        QVERIFY(bobInAlice.accepted.value(str("workspace_id")).toString() != aliceWs);
        QCOMPARE(readFile(m_server->workspacePath(aliceWs) + str("/out.txt")), QByteArray("built\n"));
        // The admin may build in it.
        const Built rootInAlice = build(s_rootToken, buildRequest(str("echo root > out.txt"), aliceWs));
        QCOMPARE(rootInAlice.accepted.value(str("workspace_id")).toString(), aliceWs);
        QCOMPARE(rootInAlice.accepted.value(str("workspace")).toString(), str("reused"));

        // Admin-only operations: clear everything, import. Through the real CLI for the first.
        const CliResult bobClearAll = runCli({str("cache"), str("clear"), str("--all"), str("--server"), m_server->url(),
                                              str("--token"), s_bobToken}, m_checkout);
        QCOMPARE(bobClearAll.exitCode, 125);
        QVERIFY2(bobClearAll.err.contains("error (forbidden): clearing the whole build cache is for admins; bob has the role \"user\""),
                 bobClearAll.err.constData());
        QCOMPARE(cacheEntries(m_aliceToken), 1);
        const QJsonObject bobImport = ask(s_bobToken, QJsonObject{{str("type"), str("cache_import")}, {str("bytes"), 100}}, str("cache_import_ready"));
        QCOMPARE(bobImport.value(str("code")).toString(), str("forbidden"));
        QCOMPARE(bobImport.value(str("message")).toString(),
                 str("importing into the build cache is for admins; bob has the role \"user\" (ask an admin, or use a token with the role \"admin\")"));

        // The admin can clear alice's entry by key, and everything.
        QCOMPARE(clear(s_rootToken, str("key"), aliceKey).value(str("removed")).toInt(), 1);
        const CliResult rootClearAll = runCli({str("cache"), str("clear"), str("--all"), str("--server"), m_server->url(),
                                               str("--token"), s_rootToken}, m_checkout);
        QVERIFY2(rootClearAll.exitCode == 0, rootClearAll.err.constData());
    }

    void tokenRotationThroughTheTokensFileTakesEffectOnSighup()
    {
        QVERIFY(startServer());
        QVERIFY(handshakeWorks(m_aliceToken));
        QVERIFY(!handshakeWorks(str("not-a-token")));
        const QString rotated = str("alice-rotated-token-42");
        QVERIFY(writeFile(m_tokensFile, tokenLine(str("alice"), str("user"), rotated) + tokenLine(str("root"), str("admin"), s_rootToken)));
        ::kill(m_server->pid(), SIGHUP);
        QTRY_VERIFY_WITH_TIMEOUT(handshakeWorks(rotated), 10000);
        // The old token is refused now, with the usual answer; bob's line is gone too.
        RawClient old;
        QVERIFY(old.open(m_server->url()));
        HelloMessage hello;
        hello.client = str("rawclient/test");
        hello.token = m_aliceToken;
        old.send(hello.toJson());
        const QJsonObject refused = old.waitFor(str("welcome"));
        QCOMPARE(refused.value(str("code")).toString(), str("unauthorized"));
        QCOMPARE(refused.value(str("message")).toString(), str("the access token was not accepted"));
        QVERIFY(!handshakeWorks(s_bobToken));

        // A broken file on the next SIGHUP keeps the current tokens in force.
        QVERIFY(writeFile(m_tokensFile, "alice user not-a-hash\n"));
        ::kill(m_server->pid(), SIGHUP);
        QByteArray log;
        QTRY_VERIFY_WITH_TIMEOUT((log += m_server->standardError()).contains("reload: kept the previous settings"), 10000);
        QVERIFY2(log.contains(qPrintable(m_tokensFile + str(":1: expected \"sha256:\""))), log.constData());
        QVERIFY(handshakeWorks(rotated));
        QVERIFY(m_server->process().state() == QProcess::Running);  // SIGHUP no longer stops the server
    }

    void withShareUserABuildOfAnotherUserDoesNotReplay()
    {
        QVERIFY(startServer(str("[cache]\nshare = \"user\"\n")));
        const Built alice = build(m_aliceToken, buildRequest(counterBuildCommand()));
        QVERIFY(alice.error.isEmpty());
        QTRY_COMPARE(cacheEntries(s_rootToken), 1);
        const Built bob = build(s_bobToken, buildRequest(counterBuildCommand()));
        QVERIFY(bob.error.isEmpty());
        QCOMPARE(bob.exit.value(str("cache")).toObject().value(str("status")).toString(), str("miss"));
        QCOMPARE(readFile(m_counter), QByteArray("run\nrun\n"));
        // Alice herself does replay her recording.
        const Built again = build(m_aliceToken, buildRequest(counterBuildCommand()));
        QCOMPARE(again.exit.value(str("cache")).toObject().value(str("status")).toString(), str("hit"));
        QCOMPARE(readFile(m_counter), QByteArray("run\nrun\n"));
    }

    void withShareAllABuildOfAnotherUserReplays()
    {
        QVERIFY(startServer(str("[cache]\nshare = \"all\"\n")));
        const Built alice = build(m_aliceToken, buildRequest(counterBuildCommand()));
        QVERIFY(alice.error.isEmpty());
        QTRY_COMPARE(cacheEntries(s_rootToken), 1);
        const Built bob = build(s_bobToken, buildRequest(counterBuildCommand()));
        QVERIFY(bob.error.isEmpty());
        QCOMPARE(bob.exit.value(str("cache")).toObject().value(str("status")).toString(), str("hit"));
        QCOMPARE(readFile(m_counter), QByteArray("run\n"));
        // The replayed artifacts belong to bob's build: he can fetch them.
        RawClient client;
        QVERIFY(client.handshake(m_server->url(), s_bobToken));
        client.send(QJsonObject{{str("type"), str("fetch_artifacts")}, {str("build_id"), bob.exit.value(str("build_id")).toString()}});
        QCOMPARE(client.waitFor(str("artifacts_begin")).value(str("type")).toString(), str("artifacts_begin"));
    }
};

QTEST_GUILESS_MAIN(TestIdentities)
#include "tst_identities.moc"
