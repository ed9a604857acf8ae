// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: BSD-2-Clause

// End-to-end: the server's port answers plain HTTP beside the WebSocket: /healthz, /readyz
// (503 during a drain), /metrics (Prometheus text, checked with the prometheus_client parser,
// admin token when tokens are configured), 404/405/400, and a slow client that is cut off.
#include "lifecyclehelpers.h"
#include "rawclient.h"
#include "serverprocess.h"

#include <QCryptographicHash>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

#include <csignal>

using namespace BuildService::Test;

namespace {
/** One HTTP exchange as a real client (QNetworkAccessManager) sees it. */
struct HttpReply {
    int status = 0;
    QByteArray body;
    QByteArray contentType;
    QByteArray header(const QByteArray &name) const { return headers.value(name.toLower()); }
    QHash<QByteArray, QByteArray> headers;
};

QByteArray tokenLine(const QString &name, const QString &role, const QString &token)
{
    return name.toUtf8() + ' ' + role.toUtf8() + " sha256:" + QCryptographicHash::hash(token.toUtf8(), QCryptographicHash::Sha256).toHex() + '\n';
}

/**
 * Parses Prometheus text with the prometheus_client library (Debian python3-prometheus-client),
 * an implementation independent of the server: "name{label=\"value\",...}" -> value, labels
 * sorted; and "# TYPE <family> <type>" -> 1 for each family. Empty with a warning when the
 * parser rejects the text.
 */
QHash<QString, double> parseMetrics(const QByteArray &text)
{
    static const char *script =
        "import sys, json\n"
        "from prometheus_client.parser import text_string_to_metric_families\n"
        "out = {}\n"
        "for family in text_string_to_metric_families(sys.stdin.read()):\n"
        "    for s in family.samples:\n"
        "        labels = ','.join('%s=\"%s\"' % (k, v) for k, v in sorted(s.labels.items()))\n"
        "        out[s.name + ('{' + labels + '}' if labels else '')] = s.value\n"
        "    out['# TYPE %s %s' % (family.name, family.type)] = 1\n"
        "print(json.dumps(out))\n";
    QProcess python;
    python.start(QStringLiteral("/usr/bin/python3"), {QStringLiteral("-c"), QString::fromLatin1(script)});
    if (!python.waitForStarted(20000))
        return {};
    python.write(text);
    python.closeWriteChannel();
    if (!python.waitForFinished(60000) || python.exitCode() != 0) {
        qWarning() << "prometheus_client rejected the metrics:" << python.readAllStandardError();
        return {};
    }
    QHash<QString, double> result;
    const QJsonObject parsed = QJsonDocument::fromJson(python.readAllStandardOutput()).object();
    for (auto it = parsed.begin(); it != parsed.end(); ++it)
        result.insert(it.key(), it.value().toDouble());
    return result;
}
} // namespace

class TestHttpEndpoints : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void healthzAndReadyzAnswerOnTheWebSocketPort();
    void readyzTurnsUnavailableDuringADrain();
    void metricsParseAndChangeWithActivity();
    void metricsNeedAnAdminTokenWhenTokensAreConfigured();
    void otherPathsMethodsAndMalformedRequestsAreRefused_data();
    void otherPathsMethodsAndMalformedRequestsAreRefused();
    void aSlowClientIsCutOffWithoutBlockingOthers();

private:
    bool startServer(const QString &toml);
    QUrl httpUrl(const QString &path) const;
    HttpReply get(const QString &path, const QByteArray &method = "GET", const QByteArray &authorization = QByteArray());
    /** Sends @p bytes on a raw connection; returns everything the server sent until it closed. */
    QByteArray rawExchange(const QByteArray &bytes);
    QHash<QString, double> metrics(const QByteArray &authorization = QByteArray());
    QByteArray serverLog();
    QString checkout();
    CliResult build(const QString &command, const QString &dir)
    {
        return runCli({QStringLiteral("build"), QStringLiteral("--server"), m_server->url(), QStringLiteral("--"), command}, dir);
    }
    QString goFile() const { return m_tmp->filePath(QStringLiteral("go")); }

    std::unique_ptr<QTemporaryDir> m_tmp;
    std::unique_ptr<ServerProcess> m_server;
    QNetworkAccessManager m_http;
    QByteArray m_log;
};

void TestHttpEndpoints::init()
{
    // The drain test releases its build through a file outside the workspace, which the sandbox hides.
    ServerProcess::baseConfig() = QStringLiteral("[sandbox]\nenabled = false\n");
    m_tmp = std::make_unique<QTemporaryDir>();
    QVERIFY(m_tmp->isValid());
    m_log.clear();
}

void TestHttpEndpoints::cleanup()
{
    (void)writeFile(goFile(), "go\n");
    if (m_server && m_server->process().state() != QProcess::NotRunning)
        QVERIFY2(m_server->stop(), "server did not exit cleanly on SIGTERM");
    m_server.reset();
    m_tmp.reset();
}

bool TestHttpEndpoints::startServer(const QString &toml)
{
    m_server = std::make_unique<ServerProcess>();
    if (!m_server->start(m_tmp->filePath(QStringLiteral("data")), toml)) {
        qWarning() << "server did not start:" << m_server->standardError();
        return false;
    }
    return true;
}

QUrl TestHttpEndpoints::httpUrl(const QString &path) const
{
    QUrl url(m_server->url());
    url.setScheme(QStringLiteral("http"));
    url.setPath(path);
    return url;
}

HttpReply TestHttpEndpoints::get(const QString &path, const QByteArray &method, const QByteArray &authorization)
{
    QNetworkRequest request(httpUrl(path));
    if (!authorization.isEmpty())
        request.setRawHeader("Authorization", authorization);
    QNetworkReply *reply = m_http.sendCustomRequest(request, method);
    QEventLoop loop;
    connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    if (!reply->isFinished())
        loop.exec();
    HttpReply result;
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.body = reply->readAll();
    for (const auto &pair : reply->rawHeaderPairs())
        result.headers.insert(pair.first.toLower(), pair.second);
    result.contentType = result.header("Content-Type");
    reply->deleteLater();
    return result;
}

QByteArray TestHttpEndpoints::rawExchange(const QByteArray &bytes)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, httpUrl(QString()).port());
    if (!socket.waitForConnected(20000))
        return "not connected";
    socket.write(bytes);
    QByteArray received;
    while (socket.state() == QAbstractSocket::ConnectedState && socket.waitForReadyRead(20000))
        received += socket.readAll();
    return received + socket.readAll();
}

QHash<QString, double> TestHttpEndpoints::metrics(const QByteArray &authorization)
{
    const HttpReply reply = get(QStringLiteral("/metrics"), "GET", authorization);
    if (reply.status != 200) {
        qWarning() << "GET /metrics:" << reply.status << reply.body;
        return {};
    }
    return parseMetrics(reply.body);
}

QByteArray TestHttpEndpoints::serverLog()
{
    m_log += m_server->standardError();
    return m_log;
}

QString TestHttpEndpoints::checkout()
{
    const QString dir = m_tmp->filePath(QStringLiteral("checkout"));
    return writeFile(dir + QLatin1String("/a.txt"), "some sources\n") ? dir : QString();
}

void TestHttpEndpoints::healthzAndReadyzAnswerOnTheWebSocketPort()
{
    QVERIFY(startServer(QString()));
    const HttpReply health = get(QStringLiteral("/healthz"));
    QCOMPARE(health.status, 200);
    QCOMPARE(health.body, QByteArray("ok\n"));
    QCOMPARE(health.contentType, QByteArray("text/plain; charset=utf-8"));
    const HttpReply ready = get(QStringLiteral("/readyz"));
    QCOMPARE(ready.status, 200);
    QCOMPARE(ready.body, QByteArray("ready\n"));
    // HEAD: the same status, no body.
    const HttpReply head = get(QStringLiteral("/healthz"), "HEAD");
    QCOMPARE(head.status, 200);
    QVERIFY(head.body.isEmpty());
    // The same port still speaks WebSocket.
    RawClient client;
    QVERIFY(client.handshake(m_server->url()));
}

void TestHttpEndpoints::readyzTurnsUnavailableDuringADrain()
{
    QVERIFY(startServer(QStringLiteral("[cache]\nenabled = false\n[server]\ndrain_timeout_sec = 3600\n")));
    BackgroundCli running;
    QVERIFY(running.start({QStringLiteral("build"), QStringLiteral("--server"), m_server->url(), QStringLiteral("--"),
                           QStringLiteral("echo started; while [ ! -e '%1' ]; do sleep 0.05; done; echo after").arg(goFile())},
                          checkout()));
    QTRY_VERIFY_WITH_TIMEOUT(running.out().contains("started\n"), 60000);
    QCOMPARE(get(QStringLiteral("/readyz")).status, 200);
    QCOMPARE(metrics().value(QStringLiteral("buildservice_running_builds")), 1.0);

    ::kill(pid_t(m_server->pid()), SIGTERM);
    QTRY_VERIFY_WITH_TIMEOUT(serverLog().contains("draining: refusing new builds"), 20000);
    const HttpReply draining = get(QStringLiteral("/readyz"));
    QCOMPARE(draining.status, 503);
    QCOMPARE(draining.body, QByteArray("not ready: draining: new builds are refused while running builds finish\n"));
    // Alive all the same: a liveness probe must not restart a server that drains.
    QCOMPARE(get(QStringLiteral("/healthz")).status, 200);
    QCOMPARE(metrics().value(QStringLiteral("buildservice_ready")), 0.0);

    QVERIFY(writeFile(goFile(), "go\n"));
    QVERIFY(running.waitFinished(60000));
    QCOMPARE(running.exitCode(), 0);
    QVERIFY(m_server->stop());
}

void TestHttpEndpoints::metricsParseAndChangeWithActivity()
{
    QVERIFY(startServer(QString()));
    const QHash<QString, double> before = metrics();
    QVERIFY(!before.isEmpty());
    QVERIFY(before.contains(QStringLiteral("# TYPE buildservice_builds counter")));
    QVERIFY(before.contains(QStringLiteral("# TYPE buildservice_build_duration_seconds histogram")));
    QVERIFY(before.contains(QStringLiteral("# TYPE buildservice_workspaces gauge")));
    for (const QString &outcome : {QStringLiteral("success"), QStringLiteral("failure"), QStringLiteral("cancelled"),
                                   QStringLiteral("timeout"), QStringLiteral("cached")})
        QCOMPARE(before.value(QStringLiteral("buildservice_builds_total{outcome=\"%1\"}").arg(outcome), -1), 0.0);
    QCOMPARE(before.value(QStringLiteral("buildservice_cache_hits_total"), -1), 0.0);
    QCOMPARE(before.value(QStringLiteral("buildservice_build_duration_seconds_count"), -1), 0.0);
    QCOMPARE(before.value(QStringLiteral("buildservice_sync_duration_seconds_bucket{le=\"+Inf\"}"), -1), 0.0);
    QCOMPARE(before.value(QStringLiteral("buildservice_sessions"), -1), 0.0);
    QCOMPARE(before.value(QStringLiteral("buildservice_workspaces{state=\"idle\"}"), -1), 0.0);

    const QString dir = checkout();
    QCOMPARE(build(QStringLiteral("echo hello"), dir).exitCode, 0);
    // The build's end is counted when its job has finished, just after the client heard the exit.
    QTRY_COMPARE(metrics().value(QStringLiteral("buildservice_builds_total{outcome=\"success\"}")), 1.0);
    const QHash<QString, double> afterOne = metrics();
    QCOMPARE(afterOne.value(QStringLiteral("buildservice_build_duration_seconds_count")), 1.0);
    QCOMPARE(afterOne.value(QStringLiteral("buildservice_sync_duration_seconds_count")), 1.0);
    QCOMPARE(afterOne.value(QStringLiteral("buildservice_synced_bytes_total")), double(QByteArray("some sources\n").size()));
    QCOMPARE(afterOne.value(QStringLiteral("buildservice_cache_misses_total")), 1.0);
    QCOMPARE(afterOne.value(QStringLiteral("buildservice_workspaces{state=\"idle\"}")), 1.0);
    QVERIFY(afterOne.value(QStringLiteral("buildservice_workspace_bytes")) > 0);

    // The same build again, once its recording is stored, is a replay: a cache hit.
    QTRY_VERIFY_WITH_TIMEOUT([this] {
        RawClient client;
        if (!client.handshake(m_server->url()))
            return false;
        client.send(QJsonObject{{QStringLiteral("type"), QStringLiteral("cache_stats")}, {QStringLiteral("top"), 1}});
        return client.waitFor(QStringLiteral("cache_stats_reply")).value(QLatin1String("entries")).toInt() == 1;
    }(), 20000);
    const CliResult replayed = build(QStringLiteral("echo hello"), dir);
    QCOMPARE(replayed.exitCode, 0);
    QVERIFY2(replayed.err.contains("replayed from cache"), replayed.err.constData());
    QTRY_COMPARE(metrics().value(QStringLiteral("buildservice_builds_total{outcome=\"cached\"}")), 1.0);
    QCOMPARE(metrics().value(QStringLiteral("buildservice_cache_hits_total")), 1.0);

    QCOMPARE(build(QStringLiteral("exit 3"), dir).exitCode, 3);
    QTRY_COMPARE(metrics().value(QStringLiteral("buildservice_builds_total{outcome=\"failure\"}")), 1.0);
    const QHash<QString, double> after = metrics();
    QCOMPARE(after.value(QStringLiteral("buildservice_builds_total{outcome=\"success\"}")), 1.0);
    QCOMPARE(after.value(QStringLiteral("buildservice_build_duration_seconds_count")), 3.0);
    QCOMPARE(after.value(QStringLiteral("buildservice_cache_misses_total")), 2.0);

    // A connected WebSocket client is a session.
    RawClient client;
    QVERIFY(client.handshake(m_server->url()));
    QTRY_COMPARE(metrics().value(QStringLiteral("buildservice_sessions")), 1.0);
}

void TestHttpEndpoints::metricsNeedAnAdminTokenWhenTokensAreConfigured()
{
    const QString tokens = m_tmp->filePath(QStringLiteral("tokens"));
    QVERIFY(writeFile(tokens, tokenLine(QStringLiteral("root"), QStringLiteral("admin"), QStringLiteral("root-secret"))
                                  + tokenLine(QStringLiteral("alice"), QStringLiteral("user"), QStringLiteral("alice-secret"))));
    QVERIFY(startServer(QStringLiteral("[server]\ntokens_file = \"%1\"\n").arg(tokens)));

    const HttpReply anonymous = get(QStringLiteral("/metrics"));
    QCOMPARE(anonymous.status, 401);
    QCOMPARE(anonymous.body, QByteArray("unauthorized: /metrics needs Authorization: Bearer <token of an admin>\n"));
    QCOMPARE(anonymous.header("WWW-Authenticate"), QByteArray("Bearer realm=\"build-service\""));
    const HttpReply wrong = get(QStringLiteral("/metrics"), "GET", "Bearer not-a-token");
    QCOMPARE(wrong.status, 401);
    QCOMPARE(wrong.body, QByteArray("unauthorized: the access token was not accepted\n"));
    const HttpReply user = get(QStringLiteral("/metrics"), "GET", "Bearer alice-secret");
    QCOMPARE(user.status, 403);
    QCOMPARE(user.body, QByteArray("forbidden: /metrics is for admins; alice has the role \"user\"\n"));
    const HttpReply admin = get(QStringLiteral("/metrics"), "GET", "Bearer root-secret");
    QCOMPARE(admin.status, 200);
    QCOMPARE(admin.contentType, QByteArray("text/plain; version=0.0.4; charset=utf-8"));
    QVERIFY(!parseMetrics(admin.body).isEmpty());
    // Probes stay open: they tell nothing about builds or users.
    QCOMPARE(get(QStringLiteral("/healthz")).status, 200);
    QCOMPARE(get(QStringLiteral("/readyz")).status, 200);
}

void TestHttpEndpoints::otherPathsMethodsAndMalformedRequestsAreRefused_data()
{
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<QByteArray>("statusLine");
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("unknown path") << QByteArray("GET /dashboard HTTP/1.1\r\nHost: x\r\n\r\n") << QByteArray("HTTP/1.1 404 Not Found")
                                  << QByteArray("not found: this port serves the build-service WebSocket and /healthz, /readyz, /metrics\n");
    QTest::newRow("POST") << QByteArray("POST /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n")
                          << QByteArray("HTTP/1.1 405 Method Not Allowed") << QByteArray("method not allowed: use GET\n");
    QTest::newRow("DELETE") << QByteArray("DELETE /metrics HTTP/1.1\r\nHost: x\r\n\r\n") << QByteArray("HTTP/1.1 405 Method Not Allowed")
                            << QByteArray("method not allowed: use GET\n");
    QTest::newRow("not HTTP") << QByteArray("HELLO\r\n\r\n") << QByteArray("HTTP/1.1 400 Bad Request")
                              << QByteArray("bad request: invalid HTTP method\n");
    QTest::newRow("bad header") << QByteArray("GET /healthz HTTP/1.1\r\nHo\x01st: x\r\n\r\n") << QByteArray("HTTP/1.1 400 Bad Request")
                                << QByteArray("bad request: invalid character in header\n");
    QTest::newRow("bad version") << QByteArray("GET /healthz HTTP/9\r\n\r\n") << QByteArray("HTTP/1.1 400 Bad Request")
                                 << QByteArray("bad request: invalid HTTP version\n");
    QTest::newRow("head too large") << "GET /healthz HTTP/1.1\r\nX-Filler: " + QByteArray(40 * 1024, 'a') + "\r\n\r\n"
                                    << QByteArray("HTTP/1.1 431 Request Header Fields Too Large") << QByteArray("bad request: request head too large\n");
}

void TestHttpEndpoints::otherPathsMethodsAndMalformedRequestsAreRefused()
{
    QFETCH(QByteArray, request);
    QFETCH(QByteArray, statusLine);
    QFETCH(QByteArray, body);
    QVERIFY(startServer(QString()));
    // rawExchange() returns once the server closed the connection.
    const QByteArray response = rawExchange(request);
    QVERIFY2(response.startsWith(statusLine + "\r\n"), response.constData());
    QVERIFY2(response.endsWith("\r\n\r\n" + body), response.constData());
    QVERIFY2(response.contains("\r\nConnection: close\r\n"), response.constData());
    if (statusLine.contains("405"))
        QVERIFY2(response.contains("\r\nAllow: GET, HEAD\r\n"), response.constData());
}

void TestHttpEndpoints::aSlowClientIsCutOffWithoutBlockingOthers()
{
    QVERIFY(startServer(QString()));
    QTcpSocket slow;
    slow.connectToHost(QHostAddress::LocalHost, httpUrl(QString()).port());
    QVERIFY(slow.waitForConnected(20000));
    // Half a head, and then nothing: the empty line that ends it never comes.
    slow.write("GET /healthz HTTP/1.1\r\nHost: x\r\n");
    QVERIFY(slow.waitForBytesWritten(20000));

    // Meanwhile others are served, over HTTP and WebSocket.
    QCOMPARE(get(QStringLiteral("/healthz")).status, 200);
    RawClient client;
    QVERIFY(client.handshake(m_server->url()));
    QCOMPARE(slow.state(), QAbstractSocket::ConnectedState);

    // Cut off after the head timeout (5 s), without an answer.
    QSignalSpy closed(&slow, &QTcpSocket::disconnected);
    QTRY_VERIFY_WITH_TIMEOUT(closed.count() == 1, 30000);
    QVERIFY(slow.readAll().isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(serverLog().contains("that sent no complete request head in 5000 ms"), 20000);
}

QTEST_GUILESS_MAIN(TestHttpEndpoints)
#include "tst_httpendpoints.moc"
