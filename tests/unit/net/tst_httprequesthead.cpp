// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: BSD-2-Clause

// HttpRequestHead without sockets: one row per head, complete, incomplete or malformed.
#include "net/httprequesthead.h"

#include <QTest>

using namespace BuildService;

class TestHttpRequestHead : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parsesHeads_data();
    void parsesHeads();
    void keepsHeadersAndStopsBeforeTheBody();
};

void TestHttpRequestHead::parsesHeads_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("state");
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<bool>("upgrade");
    QTest::addColumn<QByteArray>("error");
    const int complete = int(HttpRequestHead::State::Complete);
    const int incomplete = int(HttpRequestHead::State::Incomplete);
    const int malformed = int(HttpRequestHead::State::Malformed);
    QTest::newRow("get") << QByteArray("GET /healthz HTTP/1.1\r\nHost: a\r\n\r\n") << complete << QByteArray("GET") << QByteArray("/healthz")
                         << false << QByteArray();
    QTest::newRow("query dropped") << QByteArray("GET /metrics?name=x HTTP/1.0\r\n\r\n") << complete << QByteArray("GET")
                                   << QByteArray("/metrics") << false << QByteArray();
    QTest::newRow("websocket") << QByteArray("GET / HTTP/1.1\r\nHost: a\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                                             "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                               << complete << QByteArray("GET") << QByteArray("/") << true << QByteArray();
    QTest::newRow("half a head") << QByteArray("GET /healthz HTTP/1.1\r\nHost: a\r\n") << incomplete << QByteArray() << QByteArray() << false
                                 << QByteArray();
    QTest::newRow("nothing yet") << QByteArray() << incomplete << QByteArray() << QByteArray() << false << QByteArray();
    QTest::newRow("not http") << QByteArray("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03", 11) << malformed << QByteArray() << QByteArray()
                              << false << QByteArray("invalid HTTP method");
    QTest::newRow("bad version") << QByteArray("GET / HTTP/x\r\n\r\n") << malformed << QByteArray() << QByteArray() << false
                                 << QByteArray("invalid HTTP version");
    QTest::newRow("control character in header") << QByteArray("GET / HTTP/1.1\r\nA\x01: b\r\n\r\n") << malformed << QByteArray()
                                                 << QByteArray() << false << QByteArray("invalid character in header");
    QTest::newRow("too large") << "GET / HTTP/1.1\r\nX: " + QByteArray(2000, 'a') << malformed << QByteArray() << QByteArray() << false
                               << QByteArray("request head too large");
    QTest::newRow("complete head beyond the limit") << "GET / HTTP/1.1\r\nX: " + QByteArray(2000, 'a') + "\r\n\r\n" << malformed
                                                    << QByteArray() << QByteArray() << false << QByteArray("request head too large");
}

void TestHttpRequestHead::parsesHeads()
{
    QFETCH(QByteArray, bytes);
    QFETCH(int, state);
    const HttpRequestHead head = HttpRequestHead::parse(bytes, 1024);
    QCOMPARE(int(head.state), state);
    QTEST(head.method, "method");
    QTEST(head.path, "path");
    QTEST(head.upgrade, "upgrade");
    QTEST(head.error, "error");
}

void TestHttpRequestHead::keepsHeadersAndStopsBeforeTheBody()
{
    const QByteArray head = "POST /x HTTP/1.1\r\nHost: a\r\nAuthorization: Bearer t0k\r\nContent-Length: 4\r\n\r\n";
    const HttpRequestHead parsed = HttpRequestHead::parse(head + "body", 1024);
    QCOMPARE(int(parsed.state), int(HttpRequestHead::State::Complete));
    QCOMPARE(parsed.length, head.size());
    QCOMPARE(parsed.header("authorization"), QByteArray("Bearer t0k"));
    QCOMPARE(parsed.header("HOST"), QByteArray("a"));
    QVERIFY(parsed.header("Cookie").isNull());
    QCOMPARE(parsed.headers.size(), 3);
}

QTEST_GUILESS_MAIN(TestHttpRequestHead)
#include "tst_httprequesthead.moc"
