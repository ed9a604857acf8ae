// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: BSD-2-Clause

// End-to-end tests of the build cache: real server, real CLI and a protocol-level client.
// Recording and byte-identical replay, speeds, --fresh, single flight, what is never cached,
// corrupt recordings, invalidation, and an index that survives kill -9.
#include "rawclient.h"
#include "serverprocess.h"
#include "tarbuilder.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace BuildService;
using namespace BuildService::Test;

namespace {

/** What one protocol-level build produced. */
struct RawBuild {
    QJsonObject accepted;
    QJsonObject started;
    QJsonObject exit;
    QJsonObject error;
    QList<QPair<QString, QByteArray>> output;  ///< (stream, bytes) in arrival order

    ExitEvent exitEvent() const { return ExitEvent::fromJson(exit); }
    QString cacheStatus() const { return exit.value(QLatin1String("cache")).toObject().value(QLatin1String("status")).toString(); }
};

/** A protocol-level build in progress: send(), then finish() collects everything. */
class RawBuildRun
{
public:
    bool send(const QString &url, const QJsonObject &request, const QByteArray &archive)
    {
        m_archive = archive;
        if (!m_client.handshake(url))
            return false;
        m_client.send(request);
        return true;
    }

    /** Waits for "accepted", uploads the archive; false on an error (kept in result().error). */
    bool upload()
    {
        m_result.accepted = m_client.waitFor(QStringLiteral("accepted"));
        if (m_result.accepted.value(QLatin1String("type")).toString() != QLatin1String("accepted")) {
            m_result.error = m_result.accepted;
            return false;
        }
        m_client.sendBinary(m_archive);
        m_client.send(QJsonObject{{QStringLiteral("type"), QStringLiteral("upload_end")}, {QStringLiteral("bytes"), m_archive.size()}});
        return true;
    }

    RawBuild finish(int timeoutMs = 60000)
    {
        m_result.exit = m_client.waitFor(QStringLiteral("exit"), timeoutMs);
        if (m_result.exit.value(QLatin1String("type")).toString() != QLatin1String("exit")) {
            m_result.error = m_result.exit;
            m_result.exit = {};
        }
        for (const QJsonObject &m : m_client.messages()) {
            const QString type = m.value(QLatin1String("type")).toString();
            if (type == QLatin1String("started"))
                m_result.started = m;
            else if (type == QLatin1String("output"))
                m_result.output.append({m.value(QLatin1String("stream")).toString(), OutputEvent::fromJson(m).data});
        }
        return m_result;
    }

    RawClient &client() { return m_client; }

private:
    RawClient m_client;
    QByteArray m_archive;
    RawBuild m_result;
};

QJsonObject buildRequest(const QString &command, const QJsonObject &cache = {}, int timeoutSec = 0)
{
    QJsonObject r{{QStringLiteral("type"), QStringLiteral("build")}, {QStringLiteral("command"), command},
                  {QStringLiteral("upload"), QJsonObject{{QStringLiteral("format"), QStringLiteral("tar+zstd")},
                                                         {QStringLiteral("mode"), QStringLiteral("full")}}}};
    if (!cache.isEmpty())
        r.insert(QStringLiteral("cache"), cache);
    if (timeoutSec > 0)
        r.insert(QStringLiteral("timeout_sec"), timeoutSec);
    return r;
}

QByteArray sources()
{
    return TarBuilder()
        .file("main.c", "int main(void) { return 0; }\n")
        .file("Makefile", "all:\n\tcc -o app main.c\n")
        .file("scripts/run.sh", "#!/bin/sh\necho run\n", 0755)
        .zstd();
}

int lineCount(const QString &file)
{
    return readFile(file).count('\n');
}

/** `build-service <args>` with stdout and stderr in one pipe, so their interleaving is kept. */
CliResult runCliMerged(const QStringList &args, const QString &workDir)
{
    QProcess process;
    process.setWorkingDirectory(workDir);
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.setStandardInputFile(QProcess::nullDevice());
    process.start(binaryPath("build-service"), args);
    CliResult result;
    result.finished = process.waitForFinished(120000);
    result.exitCode = process.exitCode();
    result.out = process.readAllStandardOutput();
    return result;
}

} // namespace

class TestBuildCache : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void replayIsByteIdenticalIncludingInterleaving();
    void cliShowsClearlyThatABuildWasReplayed();
    void instantReplayTakesAFractionOfTheOriginalTime();
    void freshForcesALiveBuildThatReplacesTheRecording();
    void identicalConcurrentRequestsRunTheCommandOnce();
    void timedOutAndCancelledBuildsAreNeverCached_data();
    void timedOutAndCancelledBuildsAreNeverCached();
    void corruptRecordingIsDroppedAndTheBuildRunsLive_data();
    void corruptRecordingIsDroppedAndTheBuildRunsLive();
    void artifactsComeBackFromAReplay();
    void indexSurvivesKill9();
    void cacheStatsAndClearCommands();
    void newToolchainSaltMissesAndOldEntriesCanBeCleared();
    void disabledCacheBuildsEveryTime();

private:
    RawBuild rawBuild(const QJsonObject &request, const QByteArray &archive = sources(), int timeoutMs = 60000);
    QJsonObject cacheStats();
    CliResult cli(const QStringList &command, const QStringList &extra = {});
    bool restartServer(const QString &config = QString());

    std::unique_ptr<QTemporaryDir> m_tmp;
    std::unique_ptr<ServerProcess> m_server;
    QString m_checkout;
    QString m_counter;
};

void TestBuildCache::init()
{
    // The commands of this suite talk to the test through a counter file outside the workspace that counts live runs, which the
    // sandbox hides (that is tested in tst_sandbox).
    ServerProcess::baseConfig() = QStringLiteral("[sandbox]\nenabled = false\n");
    m_tmp = std::make_unique<QTemporaryDir>();
    QVERIFY(m_tmp->isValid());
    m_checkout = m_tmp->filePath(QStringLiteral("checkout"));
    QVERIFY(writeFile(m_checkout + QLatin1String("/main.c"), "int main(void) { return 0; }\n"));
    QVERIFY(writeFile(m_checkout + QLatin1String("/notes/readme.txt"), "notes\n"));
    // Outside every workspace: counts how often a build command really ran.
    m_counter = m_tmp->filePath(QStringLiteral("runs.txt"));
    m_server = std::make_unique<ServerProcess>();
    QVERIFY2(m_server->start(m_tmp->filePath(QStringLiteral("data"))), m_server->standardError().constData());
}

void TestBuildCache::cleanup()
{
    if (m_server)
        QVERIFY2(m_server->stop(), "server did not exit cleanly on SIGTERM");
    m_server.reset();
    m_tmp.reset();
}

bool TestBuildCache::restartServer(const QString &config)
{
    if (!m_server->stop())
        return false;
    m_server = std::make_unique<ServerProcess>();
    return m_server->start(m_tmp->filePath(QStringLiteral("data")), config);
}

RawBuild TestBuildCache::rawBuild(const QJsonObject &request, const QByteArray &archive, int timeoutMs)
{
    RawBuildRun run;
    if (!run.send(m_server->url(), request, archive) || !run.upload())
        return run.finish(1000);
    return run.finish(timeoutMs);
}

QJsonObject TestBuildCache::cacheStats()
{
    RawClient client;
    if (!client.handshake(m_server->url()))
        return {};
    client.send(QJsonObject{{QStringLiteral("type"), QStringLiteral("cache_stats")}, {QStringLiteral("top"), 10}});
    return client.waitFor(QStringLiteral("cache_stats_reply"));
}

CliResult TestBuildCache::cli(const QStringList &command, const QStringList &extra)
{
    QStringList args{QStringLiteral("build"), QStringLiteral("--server"), m_server->url()};
    args << extra << QStringLiteral("--") << command;
    return runCli(args, m_checkout);
}

void TestBuildCache::replayIsByteIdenticalIncludingInterleaving()
{
    // Separate writes with pauses, so the server reads them as separate chunks in this order;
    // one chunk is not UTF-8 (sent as base64).
    const QString command = QStringLiteral(
        "echo run >> '%1'; printf 'out 1\\n'; sleep 0.05; printf 'err 1\\n' >&2; sleep 0.05; "
        "printf '\\377\\376 binary\\n'; sleep 0.05; printf 'err 2\\n' >&2; sleep 0.05; printf 'out 2'; exit 3").arg(m_counter);
    // Failures are cached only when the server is told to.
    QVERIFY(restartServer(QStringLiteral("[cache]\nttl_failure_sec = 86400\n")));
    const qint64 before = QDateTime::currentMSecsSinceEpoch();
    const RawBuild first = rawBuild(buildRequest(command));
    QVERIFY2(first.error.isEmpty(), QJsonDocument(first.error).toJson().constData());
    QCOMPARE(first.exitEvent().code, 3);
    QVERIFY(!first.exitEvent().cached);
    QCOMPARE(first.cacheStatus(), QStringLiteral("miss"));
    QCOMPARE(first.output.size(), 5);
    QTRY_COMPARE(cacheStats().value(QLatin1String("entries")).toInt(), 1);

    // Another checkout with the same sources (a new workspace), same command: a replay.
    const RawBuild second = rawBuild(buildRequest(command));
    QVERIFY2(second.error.isEmpty(), QJsonDocument(second.error).toJson().constData());
    QCOMPARE(lineCount(m_counter), 1);
    QCOMPARE(second.output, first.output);
    const ExitEvent exit = second.exitEvent();
    QCOMPARE(exit.code, 3);
    QVERIFY(exit.cached);
    QCOMPARE(exit.buildId, second.accepted.value(QLatin1String("build_id")).toString());
    QCOMPARE(exit.workspaceId, second.accepted.value(QLatin1String("workspace_id")).toString());
    QVERIFY(exit.workspaceId != first.exitEvent().workspaceId);
    QVERIFY(exit.cache.hit());
    QCOMPARE(exit.cache.key, first.exitEvent().cache.key);
    QCOMPARE(exit.cache.originalBuildId, first.exitEvent().buildId);
    QCOMPARE(exit.cache.originalDurationMs, first.exitEvent().durationMs);
    QVERIFY(exit.cache.originalDateMs >= before - 1000 && exit.cache.originalDateMs <= QDateTime::currentMSecsSinceEpoch());
    QVERIFY(second.started.value(QLatin1String("cached")).toBool());
    // The replay names the recorded workspace path, so clients map the recorded paths.
    QCOMPARE(second.started.value(QLatin1String("workspace_path")).toString(),
             first.started.value(QLatin1String("workspace_path")).toString());
    // The workspace was synced as usual.
    QVERIFY(QFileInfo::exists(m_server->workspacePath(exit.workspaceId) + QLatin1String("/scripts/run.sh")));
}

void TestBuildCache::cliShowsClearlyThatABuildWasReplayed()
{
    const QString command = QStringLiteral("echo run >> '%1'; echo compiling; echo 'warning: x' >&2; sleep 0.05; echo linking; "
                                           "echo 'warning: y' >&2; exit 0").arg(m_counter);
    const QStringList args{QStringLiteral("build"), QStringLiteral("-q"), QStringLiteral("--server"), m_server->url(),
                           QStringLiteral("--"), command};
    const CliResult first = runCliMerged(args, m_checkout);
    QCOMPARE(first.exitCode, 0);
    QTRY_COMPARE(cacheStats().value(QLatin1String("entries")).toInt(), 1);
    const CliResult second = runCliMerged(args, m_checkout);
    QCOMPARE(second.exitCode, 0);
    QCOMPARE(lineCount(m_counter), 1);
    // stdout and stderr of the client, interleaved as the user sees them: identical.
    QCOMPARE(second.out, first.out);

    const CliResult shown = cli({command});
    QCOMPARE(shown.exitCode, 0);
    QCOMPARE(lineCount(m_counter), 1);
    QVERIFY2(shown.err.contains("build-service: replaying from cache: build of "), shown.err.constData());
    static const QRegularExpression summary(
        QStringLiteral("build-service: replayed from cache: build of \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d, took \\d+\\.\\d s, saved \\d+\\.\\d s\\n"));
    QVERIFY2(summary.match(QString::fromUtf8(shown.err)).hasMatch(), shown.err.constData());
}

void TestBuildCache::instantReplayTakesAFractionOfTheOriginalTime()
{
    const QString command = QStringLiteral("echo begin; sleep 1; echo end");
    const RawBuild original = rawBuild(buildRequest(command));
    QVERIFY(original.error.isEmpty());
    const qint64 originalMs = original.exitEvent().durationMs;
    QVERIFY2(originalMs >= 1000, qPrintable(QString::number(originalMs)));
    QTRY_COMPARE(cacheStats().value(QLatin1String("entries")).toInt(), 1);

    const RawBuild instant = rawBuild(buildRequest(command, {{QStringLiteral("replay_speed"), QStringLiteral("instant")}}));
    QVERIFY(instant.exitEvent().cached);
    QVERIFY2(instant.exitEvent().durationMs * 10 < originalMs, qPrintable(QString::number(instant.exitEvent().durationMs)));
    QVERIFY(instant.exitEvent().cache.secondsSaved > 0.8);
    QCOMPARE(instant.output, original.output);

    // Real time keeps the pause between "begin" and "end" (durations as reported by the server).
    const RawBuild realtime = rawBuild(buildRequest(command, {{QStringLiteral("replay_speed"), QStringLiteral("realtime")}}));
    QVERIFY(realtime.exitEvent().cached);
    QVERIFY2(realtime.exitEvent().durationMs >= originalMs - 50, qPrintable(QString::number(realtime.exitEvent().durationMs)));
    QCOMPARE(realtime.output, original.output);

    const RawBuild fourTimes = rawBuild(buildRequest(command, {{QStringLiteral("replay_speed"), 4}}));
    QVERIFY(fourTimes.exitEvent().cached);
    QVERIFY2(fourTimes.exitEvent().durationMs >= originalMs / 4 - 50 && fourTimes.exitEvent().durationMs < originalMs / 2,
             qPrintable(QString::number(fourTimes.exitEvent().durationMs)));

    // An invalid speed is refused before anything happens.
    RawClient client;
    QVERIFY(client.handshake(m_server->url()));
    client.send(buildRequest(command, {{QStringLiteral("replay_speed"), QStringLiteral("warp")}}));
    const QJsonObject error = client.waitFor(QStringLiteral("accepted"));
    QCOMPARE(error.value(QLatin1String("code")).toString(), QStringLiteral("invalid_request"));
    QVERIFY(error.value(QLatin1String("message")).toString().contains(QLatin1String("cache.replay_speed")));
}

void TestBuildCache::freshForcesALiveBuildThatReplacesTheRecording()
{
    const QString command = QStringLiteral("echo run >> '%1'; echo build number $(wc -l < '%1')").arg(m_counter);
    QCOMPARE(cli({command}).exitCode, 0);
    QTRY_COMPARE(cacheStats().value(QLatin1String("entries")).toInt(), 1);
    const CliResult replayed = cli({command});
    QCOMPARE(lineCount(m_counter), 1);
    QVERIFY(replayed.err.contains("replayed from cache"));
    QCOMPARE(replayed.out, QByteArray("build number 1\n"));

    const CliResult fresh = cli({command}, {QStringLiteral("--fresh")});
    QCOMPARE(fresh.exitCode, 0);
    QCOMPARE(lineCount(m_counter), 2);
    QVERIFY2(!fresh.err.contains("from cache"), fresh.err.constData());
    QCOMPARE(fresh.out, QByteArray("build number 2\n"));
    QTRY_COMPARE(cacheStats().value(QLatin1String("top")).toArray().at(0).toObject().value(QLatin1String("access_count")).toInt(), 0);

    const CliResult again = cli({command});
    QCOMPARE(lineCount(m_counter), 2);
    QCOMPARE(again.out, QByteArray("build number 2\n"));

    const CliResult off = cli({command}, {QStringLiteral("--no-cache")});
    QCOMPARE(lineCount(m_counter), 3);
    QCOMPARE(off.out, QByteArray("build number 3\n"));
    QCOMPARE(cacheStats().value(QLatin1String("entries")).toInt(), 1);
}

void TestBuildCache::identicalConcurrentRequestsRunTheCommandOnce()
{
    const QString command = QStringLiteral("echo run >> '%1'; sleep 1; echo built").arg(m_counter);
    RawBuildRun a;
    RawBuildRun b;
    QVERIFY(a.send(m_server->url(), buildRequest(command), sources()));
    QVERIFY(b.send(m_server->url(), buildRequest(command), sources()));
    QVERIFY(a.upload());
    QVERIFY(b.upload());
    const RawBuild ra = a.finish();
    const RawBuild rb = b.finish();
    QVERIFY(ra.error.isEmpty() && rb.error.isEmpty());
    QCOMPARE(lineCount(m_counter), 1);
    QCOMPARE(int(ra.exitEvent().cached) + int(rb.exitEvent().cached), 1);
    const RawBuild &live = ra.exitEvent().cached ? rb : ra;
    const RawBuild &replay = ra.exitEvent().cached ? ra : rb;
    QCOMPARE(replay.exitEvent().cache.originalBuildId, live.exitEvent().buildId);
    QCOMPARE(replay.output, live.output);
    QCOMPARE(replay.output.value(0).second, QByteArray("built\n"));
    // It really waited for the running build (rather than arriving after it was stored).
    QByteArray log;
    QTRY_VERIFY((log += m_server->standardError()).contains("waits for an identical build"));
}

void TestBuildCache::timedOutAndCancelledBuildsAreNeverCached_data()
{
    QTest::addColumn<bool>("timeout");
    QTest::newRow("timed out") << true;
    QTest::newRow("cancelled") << false;
}

void TestBuildCache::timedOutAndCancelledBuildsAreNeverCached()
{
    QFETCH(bool, timeout);
    const QString command = QStringLiteral("echo run >> '%1'; echo started; sleep 30").arg(m_counter);
    for (int round = 1; round <= 2; ++round) {
        RawBuildRun run;
        QVERIFY(run.send(m_server->url(), buildRequest(command, {}, timeout ? 1 : 0), sources()));
        QVERIFY(run.upload());
        if (!timeout) {
            QTRY_VERIFY(run.client().output(QStringLiteral("stdout")).contains("started"));
            run.client().send(QJsonObject{{QStringLiteral("type"), QStringLiteral("cancel")}});
        }
        const RawBuild result = run.finish();
        QVERIFY2(result.error.isEmpty(), QJsonDocument(result.error).toJson().constData());
        QCOMPARE(result.exitEvent().timedOut, timeout);
        QCOMPARE(result.exitEvent().cancelled, !timeout);
        QVERIFY(!result.exitEvent().cached);
        QCOMPARE(result.cacheStatus(), QStringLiteral("miss"));
        // Each round ran the command: the first one was not recorded.
        QCOMPARE(lineCount(m_counter), round);
    }
    const QJsonObject stats = cacheStats();
    QCOMPARE(stats.value(QLatin1String("entries")).toInt(), 0);
    QCOMPARE(stats.value(QLatin1String("misses")).toInt(), 2);
    QCOMPARE(QDir(m_server->dataDir() + QLatin1String("/cache/recordings")).entryList(QDir::Files), QStringList());
}

void TestBuildCache::corruptRecordingIsDroppedAndTheBuildRunsLive_data()
{
    QTest::addColumn<QString>("damage");
    QTest::newRow("truncated") << QStringLiteral("truncate");
    QTest::newRow("garbled") << QStringLiteral("garble");
    QTest::newRow("emptied") << QStringLiteral("empty");
    QTest::newRow("deleted") << QStringLiteral("delete");
}

void TestBuildCache::corruptRecordingIsDroppedAndTheBuildRunsLive()
{
    QFETCH(QString, damage);
    const QString command = QStringLiteral("echo run >> '%1'; seq 1 2000").arg(m_counter);
    const RawBuild first = rawBuild(buildRequest(command));
    QVERIFY(first.error.isEmpty());
    QTRY_COMPARE(cacheStats().value(QLatin1String("entries")).toInt(), 1);
    const QString dir = m_server->dataDir() + QLatin1String("/cache/recordings");
    const QStringList files = QDir(dir).entryList(QDir::Files);
    QCOMPARE(files.size(), 1);
    QFile recording(dir + QLatin1Char('/') + files.first());
    if (damage == QLatin1String("truncate")) {
        QVERIFY(recording.resize(recording.size() * 2 / 3));
    } else if (damage == QLatin1String("garble")) {
        QVERIFY(recording.open(QIODevice::ReadWrite));
        QVERIFY(recording.seek(recording.size() / 2));
        QVERIFY(recording.write("garbage!") == 8);
        recording.close();
    } else if (damage == QLatin1String("empty")) {
        QVERIFY(recording.resize(0));
    } else {
        QVERIFY(recording.remove());
    }

    const RawBuild second = rawBuild(buildRequest(command));
    QVERIFY2(second.error.isEmpty(), QJsonDocument(second.error).toJson().constData());
    QVERIFY(!second.exitEvent().cached);
    QCOMPARE(second.cacheStatus(), QStringLiteral("miss"));
    QCOMPARE(lineCount(m_counter), 2);
    QCOMPARE(second.output.size() > 0, true);
    QByteArray all;
    for (const auto &chunk : second.output)
        all += chunk.second;
    QVERIFY(all.startsWith("1\n2\n3\n") && all.endsWith("1999\n2000\n"));
    // The broken file is gone and the live build was recorded again.
    QTRY_COMPARE(cacheStats().value(QLatin1String("entries")).toInt(), 1);
    const QStringList now = QDir(dir).entryList(QDir::Files);
    QCOMPARE(now.size(), 1);
    QVERIFY(now.first() != files.first());
    QVERIFY(rawBuild(buildRequest(command)).exitEvent().cached);
    QCOMPARE(lineCount(m_counter), 2);
}

void TestBuildCache::artifactsComeBackFromAReplay()
{
    const QString command = QStringLiteral("echo run >> '%1'; mkdir -p out; echo result-$(wc -l < '%1') > out/r.txt").arg(m_counter);
    const CliResult first = cli({command}, {QStringLiteral("-a"), QStringLiteral("out/*.txt")});
    QVERIFY2(first.exitCode == 0, first.err.constData());
    QCOMPARE(readFile(m_checkout + QLatin1String("/out/r.txt")), QByteArray("result-1\n"));
    QVERIFY(QDir(m_checkout + QLatin1String("/out")).removeRecursively());
    QTRY_COMPARE(cacheStats().value(QLatin1String("entries")).toInt(), 1);
    // The original build's own artifacts may expire; the cache keeps its copy.
    const QStringList artifactDirs = QDir(m_server->dataDir() + QLatin1String("/artifacts")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    QCOMPARE(artifactDirs.size(), 1);
    QVERIFY(QDir(m_server->dataDir() + QLatin1String("/artifacts/") + artifactDirs.first()).removeRecursively());

    // A new workspace for the same checkout starts clean, like the recorded one.
    const CliResult second = cli({command}, {QStringLiteral("-a"), QStringLiteral("out/*.txt"), QStringLiteral("--fresh-workspace")});
    QVERIFY2(second.exitCode == 0, second.err.constData());
    QVERIFY(second.err.contains("replayed from cache"));
    QVERIFY2(second.err.contains("artifacts: 1 file(s) written"), second.err.constData());
    QCOMPARE(lineCount(m_counter), 1);
    QCOMPARE(readFile(m_checkout + QLatin1String("/out/r.txt")), QByteArray("result-1\n"));
}

void TestBuildCache::indexSurvivesKill9()
{
    const QString command = QStringLiteral("echo run >> '%1'; echo survived").arg(m_counter);
    const RawBuild first = rawBuild(buildRequest(command));
    QVERIFY(first.error.isEmpty());
    QTRY_COMPARE(cacheStats().value(QLatin1String("entries")).toInt(), 1);
    m_server->kill9();
    m_server = std::make_unique<ServerProcess>();
    QVERIFY2(m_server->start(m_tmp->filePath(QStringLiteral("data"))), m_server->standardError().constData());
    const QJsonObject stats = cacheStats();
    QCOMPARE(stats.value(QLatin1String("entries")).toInt(), 1);
    QCOMPARE(stats.value(QLatin1String("misses")).toInt(), 1);
    const RawBuild second = rawBuild(buildRequest(command));
    QVERIFY(second.exitEvent().cached);
    QCOMPARE(second.exitEvent().cache.originalBuildId, first.exitEvent().buildId);
    QCOMPARE(second.output, first.output);
    QCOMPARE(lineCount(m_counter), 1);
}

void TestBuildCache::cacheStatsAndClearCommands()
{
    const QStringList server{QStringLiteral("--server"), m_server->url()};
    for (const QString &word : {QStringLiteral("one"), QStringLiteral("two"), QStringLiteral("three")})
        QCOMPARE(cli({QStringLiteral("echo %1").arg(word)}).exitCode, 0);
    QTRY_COMPARE(cacheStats().value(QLatin1String("entries")).toInt(), 3);
    QCOMPARE(cli({QStringLiteral("echo one")}).exitCode, 0);

    const CliResult stats = runCli(QStringList{QStringLiteral("cache"), QStringLiteral("stats")} + server, m_checkout);
    QCOMPARE(stats.exitCode, 0);
    QVERIFY2(stats.out.contains("entries:        3 ("), stats.out.constData());
    QVERIFY2(stats.out.contains("lookups:        4 (1 hits, 3 misses)"), stats.out.constData());
    QVERIFY2(stats.out.contains("hit rate:       25.0 %"), stats.out.constData());
    QVERIFY2(stats.out.contains("most used:"), stats.out.constData());
    QVERIFY2(stats.out.contains("echo one"), stats.out.constData());

    const CliResult json = runCli(QStringList{QStringLiteral("cache"), QStringLiteral("stats"), QStringLiteral("--json")} + server, m_checkout);
    const QJsonObject reply = QJsonDocument::fromJson(json.out).object();
    QCOMPARE(reply.value(QLatin1String("type")).toString(), QStringLiteral("cache_stats_reply"));
    QCOMPARE(reply.value(QLatin1String("hits")).toInt(), 1);
    QVERIFY(reply.value(QLatin1String("bytes")).toDouble() > 0);
    const QJsonArray top = reply.value(QLatin1String("top")).toArray();
    QCOMPARE(top.size(), 3);
    QCOMPARE(top.first().toObject().value(QLatin1String("command")).toString(), QStringLiteral("echo one"));
    QCOMPARE(top.first().toObject().value(QLatin1String("access_count")).toInt(), 1);

    const QString key = top.first().toObject().value(QLatin1String("key")).toString();
    CliResult cleared = runCli(QStringList{QStringLiteral("cache"), QStringLiteral("clear"), QStringLiteral("--key"), key} + server, m_checkout);
    QCOMPARE(cleared.exitCode, 0);
    QVERIFY2(cleared.out.startsWith("removed 1 recording(s)"), cleared.out.constData());
    const CliResult rebuilt = cli({QStringLiteral("echo one")});
    QVERIFY(!rebuilt.err.contains("from cache"));
    QTRY_COMPARE(cacheStats().value(QLatin1String("entries")).toInt(), 3);

    const QString workspace = QString::fromUtf8(readFile(m_checkout + QLatin1String("/.build-service/workspace-id"))).trimmed();
    cleared = runCli(QStringList{QStringLiteral("cache"), QStringLiteral("clear"), QStringLiteral("--workspace"), workspace} + server, m_checkout);
    QVERIFY2(cleared.out.startsWith("removed 3 recording(s)"), cleared.out.constData());
    QCOMPARE(cacheStats().value(QLatin1String("entries")).toInt(), 0);

    QCOMPARE(cli({QStringLiteral("echo four")}).exitCode, 0);
    QTRY_COMPARE(cacheStats().value(QLatin1String("entries")).toInt(), 1);
    cleared = runCli(QStringList{QStringLiteral("cache"), QStringLiteral("clear"), QStringLiteral("--all")} + server, m_checkout);
    QVERIFY2(cleared.out.startsWith("removed 1 recording(s)"), cleared.out.constData());
    QCOMPARE(QDir(m_server->dataDir() + QLatin1String("/cache/recordings")).entryList(QDir::Files), QStringList());

    const CliResult usage = runCli(QStringList{QStringLiteral("cache"), QStringLiteral("clear")} + server, m_checkout);
    QCOMPARE(usage.exitCode, 2);
    QVERIFY(usage.err.contains("exactly one of --key, --workspace, --all, --old-toolchains"));
    const CliResult badKey = runCli(QStringList{QStringLiteral("cache"), QStringLiteral("clear"), QStringLiteral("--key"), QStringLiteral("nope")} + server, m_checkout);
    QCOMPARE(badKey.exitCode, 125);
    QVERIFY2(badKey.err.contains("error (invalid_request): \"key\" is not a cache key (32 hex digits): nope"), badKey.err.constData());
}

void TestBuildCache::newToolchainSaltMissesAndOldEntriesCanBeCleared()
{
    const QString command = QStringLiteral("echo run >> '%1'").arg(m_counter);
    QCOMPARE(cli({command}).exitCode, 0);
    QTRY_COMPARE(cacheStats().value(QLatin1String("entries")).toInt(), 1);
    const QString oldToolchain = cacheStats().value(QLatin1String("toolchain")).toString();
    QVERIFY(restartServer(QStringLiteral("[cache]\nsalt = \"toolchain upgrade 2\"\n")));
    QTRY_VERIFY(!cacheStats().value(QLatin1String("toolchain")).toString().isEmpty());
    QVERIFY(cacheStats().value(QLatin1String("toolchain")).toString() != oldToolchain);
    QCOMPARE(cli({command}).exitCode, 0);
    QCOMPARE(lineCount(m_counter), 2);
    QTRY_COMPARE(cacheStats().value(QLatin1String("entries")).toInt(), 2);
    const CliResult cleared = runCli({QStringLiteral("cache"), QStringLiteral("clear"), QStringLiteral("--old-toolchains"),
                                      QStringLiteral("--server"), m_server->url()}, m_checkout);
    QVERIFY2(cleared.out.startsWith("removed 1 recording(s)"), cleared.out.constData());
    QCOMPARE(cacheStats().value(QLatin1String("entries")).toInt(), 1);
    QVERIFY(cli({command}).err.contains("replayed from cache"));
    QCOMPARE(lineCount(m_counter), 2);
}

void TestBuildCache::disabledCacheBuildsEveryTime()
{
    QVERIFY(restartServer(QStringLiteral("[cache]\nenabled = false\n")));
    const QString command = QStringLiteral("echo run >> '%1'").arg(m_counter);
    const RawBuild first = rawBuild(buildRequest(command));
    const RawBuild second = rawBuild(buildRequest(command));
    QCOMPARE(lineCount(m_counter), 2);
    QVERIFY(!second.exitEvent().cached);
    QCOMPARE(second.cacheStatus(), QStringLiteral("disabled"));
    QCOMPARE(cacheStats().value(QLatin1String("enabled")).toBool(), false);
}

QTEST_GUILESS_MAIN(TestBuildCache)
#include "tst_buildcache.moc"
