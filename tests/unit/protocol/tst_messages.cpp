// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: BSD-2-Clause

// Protocol codec: every malformed input maps to its error code; typed messages round-trip.
#include "resultverify.h"
#include "protocol/messages.h"

#include <QJsonArray>
#include <QTest>

using namespace BuildService;

class TestMessages : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void rejectsMalformed_data();
    void rejectsMalformed();
    void acceptsMinimalBuild();
    void interactiveFieldsRoundTrip();
    void rejectsBadTerminal_data();
    void rejectsBadTerminal();
    void buildRequestRoundTrip();
    void buildRequestValidation_data();
    void buildRequestValidation();
    void exitEventKeepsSeedFields();
    void outputEventCarriesArbitraryBytes();
    void outputEventUsesTextOnlyForValidUtf8_data();
    void outputEventUsesTextOnlyForValidUtf8();
    void errorCodeNamesAreStable();
    void idsAreValidated();
};

void TestMessages::rejectsMalformed_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<ErrorCode>("code");
    QTest::addColumn<QString>("messagePart");
    QTest::newRow("not json") << QByteArray("{nope") << ErrorCode::BadMessage << QStringLiteral("invalid JSON");
    QTest::newRow("array") << QByteArray("[1,2]") << ErrorCode::BadMessage << QStringLiteral("must be a JSON object");
    QTest::newRow("no type") << QByteArray("{\"command\":\"make\"}") << ErrorCode::BadMessage << QStringLiteral("\"type\" must be a string");
    QTest::newRow("numeric type") << QByteArray("{\"type\":5}") << ErrorCode::BadMessage << QStringLiteral("\"type\" must be a string");
    QTest::newRow("unknown type") << QByteArray("{\"type\":\"explode\"}") << ErrorCode::UnknownMessage << QStringLiteral("unknown message type \"explode\"");
    QTest::newRow("build without command") << QByteArray("{\"type\":\"build\"}") << ErrorCode::BadMessage << QStringLiteral("lacks required field \"command\"");
    QTest::newRow("command not string") << QByteArray("{\"type\":\"build\",\"command\":[]}") << ErrorCode::BadMessage << QStringLiteral("\"command\" of message \"build\" must be a string");
    QTest::newRow("env not object") << QByteArray("{\"type\":\"build\",\"command\":\"x\",\"env\":1}") << ErrorCode::BadMessage << QStringLiteral("\"env\" of message \"build\" must be a object");
    QTest::newRow("hello without protocol") << QByteArray("{\"type\":\"hello\"}") << ErrorCode::BadMessage << QStringLiteral("lacks required field \"protocol\"");
    // Found by fuzzing (tests/fuzz): Qt's own parser leaks memory on repeated keys.
    QTest::newRow("duplicate key") << QByteArray("{\"type\":\"status\",\"a\":[],\"a\":[]}") << ErrorCode::BadMessage << QStringLiteral("invalid JSON: duplicate key \"a\"");
    QTest::newRow("duplicate type") << QByteArray("{\"type\":\"status\",\"type\":\"build\"}") << ErrorCode::BadMessage << QStringLiteral("duplicate key \"type\"");
    QTest::newRow("too deep") << QByteArray("{\"type\":\"status\",\"a\":" + QByteArray(100, '[') + QByteArray(100, ']') + "}") << ErrorCode::BadMessage << QStringLiteral("invalid JSON: nested deeper than 64 levels");
    QTest::newRow("invalid utf-8") << QByteArray("{\"type\":\"st\xff\"}") << ErrorCode::BadMessage << QStringLiteral("invalid JSON at offset 11");
    QTest::newRow("trailing garbage") << QByteArray("{\"type\":\"status\"} x") << ErrorCode::BadMessage << QStringLiteral("invalid JSON at offset 18");
}

void TestMessages::rejectsMalformed()
{
    QFETCH(QByteArray, input);
    QFETCH(ErrorCode, code);
    QFETCH(QString, messagePart);
    const auto result = decodeMessage(input);
    QVERIFY(!result.ok());
    QCOMPARE(result.errorCode(), code);
    QVERIFY2(result.errorString().contains(messagePart), qPrintable(result.errorString()));
}

void TestMessages::acceptsMinimalBuild()
{
    const auto result = decodeMessage("{\"type\":\"build\",\"command\":\"make\"}");
    QVERIFY2(result.ok(), qPrintable(result.errorString()));
    QCOMPARE(result->type, QStringLiteral("build"));
    const auto request = BuildRequest::fromJson(result->json);
    QVERIFY_RESULT(request);
    QCOMPARE(request->command, QStringLiteral("make"));
    QVERIFY(request->workspaceId.isEmpty());
    QCOMPARE(request->upload.format, QStringLiteral("tar+zstd"));
}

void TestMessages::buildRequestRoundTrip()
{
    BuildRequest r;
    r.command = QStringLiteral("cmake --build build");
    r.workspaceId = QStringLiteral("ws_0123abcd-0000-4000-8000-000000000001");
    r.env.insert(QStringLiteral("CC"), QStringLiteral("gcc"));
    r.artifacts = QStringList{QStringLiteral("build/bin/*"), QStringLiteral("**/*.so")};
    r.timeoutSec = 120;
    const auto decoded = decodeMessage(encodeMessage(r.toJson()).toUtf8());
    QVERIFY_RESULT(decoded);
    const auto back = BuildRequest::fromJson(decoded->json);
    QVERIFY2(back.ok(), qPrintable(back.errorString()));
    QCOMPARE(back->command, r.command);
    QCOMPARE(back->workspaceId, r.workspaceId);
    QCOMPARE(back->env, r.env);
    QCOMPARE(back->artifacts, r.artifacts);
    QCOMPARE(back->timeoutSec, 120);
}

void TestMessages::buildRequestValidation_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QString>("messagePart");
    QTest::newRow("empty command") << QByteArray("{\"type\":\"build\",\"command\":\"  \"}") << QStringLiteral("must not be empty");
    QTest::newRow("bad workspace id") << QByteArray("{\"type\":\"build\",\"command\":\"make\",\"workspace_id\":\"../../etc\"}") << QStringLiteral("not of the form ws_<uuid>");
    QTest::newRow("absolute glob") << QByteArray("{\"type\":\"build\",\"command\":\"make\",\"artifacts\":[\"/etc/passwd\"]}") << QStringLiteral("relative paths inside the workspace");
    QTest::newRow("dotdot glob") << QByteArray("{\"type\":\"build\",\"command\":\"make\",\"artifacts\":[\"a/../../x\"]}") << QStringLiteral("relative paths inside the workspace");
    QTest::newRow("env number") << QByteArray("{\"type\":\"build\",\"command\":\"make\",\"env\":{\"A\":1}}") << QStringLiteral("must be a string");
    QTest::newRow("env bad name") << QByteArray("{\"type\":\"build\",\"command\":\"make\",\"env\":{\"A=B\":\"1\"}}") << QStringLiteral("invalid variable name");
    QTest::newRow("negative timeout") << QByteArray("{\"type\":\"build\",\"command\":\"make\",\"timeout_sec\":-1}") << QStringLiteral("timeout_sec");
    QTest::newRow("unknown format") << QByteArray("{\"type\":\"build\",\"command\":\"make\",\"upload\":{\"format\":\"rar\"}}") << QStringLiteral("unsupported upload format");
}

void TestMessages::buildRequestValidation()
{
    QFETCH(QByteArray, input);
    QFETCH(QString, messagePart);
    const auto decoded = decodeMessage(input);
    QVERIFY_RESULT(decoded);
    const auto request = BuildRequest::fromJson(decoded->json);
    QVERIFY(!request.ok());
    QCOMPARE(request.errorCode(), ErrorCode::InvalidRequest);
    QVERIFY2(request.errorString().contains(messagePart), qPrintable(request.errorString()));
}

void TestMessages::exitEventKeepsSeedFields()
{
    ExitEvent e;
    e.code = 42;
    e.workspaceId = QStringLiteral("ws_0123abcd-0000-4000-8000-000000000001");
    e.artifacts.append({QStringLiteral("bin/app"), 1234});
    const QJsonObject json = e.toJson();
    QCOMPARE(json.value(QLatin1String("type")).toString(), QStringLiteral("exit"));
    QCOMPARE(json.value(QLatin1String("code")).toInt(), 42);
    QCOMPARE(json.value(QLatin1String("workspace_id")).toString(), e.workspaceId);
    QVERIFY(json.value(QLatin1String("artifacts")).isObject());
    const ExitEvent back = ExitEvent::fromJson(json);
    QCOMPARE(back.artifacts.size(), 1);
    QCOMPARE(back.artifacts.first().path, QStringLiteral("bin/app"));
    QCOMPARE(back.signal, 0);
}

void TestMessages::outputEventCarriesArbitraryBytes()
{
    const QByteArray binary("\xff\xfe\x00 text\n", 8);
    OutputEvent e{OutputStream::Stderr, binary};
    const QJsonObject json = e.toJson();
    QVERIFY(json.contains(QLatin1String("base64")));
    QCOMPARE(OutputEvent::fromJson(json).data, binary);
    QCOMPARE(OutputEvent::fromJson(json).stream, OutputStream::Stderr);

    OutputEvent text{OutputStream::Stdout, QByteArray("h\xc3\xa9llo\n")};
    QCOMPARE(text.toJson().value(QLatin1String("text")).toString(), QString::fromUtf8("h\xc3\xa9llo\n"));
    QCOMPARE(OutputEvent::fromJson(text.toJson()).data, text.data);
}

void TestMessages::outputEventUsesTextOnlyForValidUtf8_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<bool>("text");
    QTest::newRow("ascii") << QByteArray("plain ascii text, long enough for the fast path\n") << true;
    QTest::newRow("two-byte") << QByteArray("caf\xc3\xa9") << true;
    QTest::newRow("three-byte") << QByteArray("\xe2\x82\xac") << true;
    QTest::newRow("four-byte") << QByteArray("\xf0\x9f\x98\x80") << true;
    QTest::newRow("overlong") << QByteArray("\xc0\xaf") << false;
    QTest::newRow("overlong three") << QByteArray("\xe0\x80\xaf") << false;
    QTest::newRow("surrogate") << QByteArray("\xed\xa0\x80") << false;
    QTest::newRow("above max") << QByteArray("\xf4\x90\x80\x80") << false;
    QTest::newRow("truncated") << QByteArray("abc\xe2\x82") << false;
    QTest::newRow("lone continuation") << QByteArray("abcdefgh\x80") << false;
}

void TestMessages::outputEventUsesTextOnlyForValidUtf8()
{
    QFETCH(QByteArray, bytes);
    QFETCH(bool, text);
    const QJsonObject json = OutputEvent{OutputStream::Stdout, bytes}.toJson();
    QCOMPARE(json.contains(QLatin1String("text")), text);
    QCOMPARE(json.contains(QLatin1String("base64")), !text);
    QCOMPARE(OutputEvent::fromJson(json).data, bytes);
}

void TestMessages::errorCodeNamesAreStable()
{
    // These names are part of the wire contract (docs/protocol.md); changing one breaks clients.
    QCOMPARE(errorCodeName(ErrorCode::WorkspaceBusy), QStringLiteral("workspace_busy"));
    QCOMPARE(errorCodeName(ErrorCode::ArchiveRejected), QStringLiteral("archive_rejected"));
    QCOMPARE(errorCodeName(ErrorCode::ProtocolMismatch), QStringLiteral("protocol_mismatch"));
    QCOMPARE(int(ErrorCode::InvalidRequest), 23);
    QCOMPARE(int(ErrorCode::Forbidden), 24);
    bool known = true;
    QCOMPARE(errorCodeFromName(QStringLiteral("disk_full"), &known), ErrorCode::DiskFull);
    QVERIFY(known);
    errorCodeFromName(QStringLiteral("no_such_code"), &known);
    QVERIFY(!known);
}

void TestMessages::idsAreValidated()
{
    QVERIFY(isValidWorkspaceId(QStringLiteral("ws_0123abcd-0000-4000-8000-000000000001")));
    QVERIFY(!isValidWorkspaceId(QStringLiteral("ws_../x")));
    QVERIFY(!isValidWorkspaceId(QStringLiteral("bld_0123abcd-0000-4000-8000-000000000001")));
    QVERIFY(isValidBuildId(QStringLiteral("bld_0123abcd-0000-4000-8000-000000000001")));
    // Exactly the id: no trailing newline (QRegularExpression's "$" would allow one), no spaces.
    QVERIFY(!isValidWorkspaceId(QStringLiteral("ws_0123abcd-0000-4000-8000-000000000001\n")));
    QVERIFY(!isValidWorkspaceId(QStringLiteral("ws_0123abcd-0000-4000-8000-000000000001 ")));
    QVERIFY(!isValidWorkspaceId(QStringLiteral(" ws_0123abcd-0000-4000-8000-000000000001")));
    QVERIFY(!isValidBuildId(QStringLiteral("bld_0123abcd-0000-4000-8000-000000000001\n")));
    QVERIFY(!isValidWorkspaceId(QStringLiteral("ws_0123ABCD-0000-4000-8000-000000000001")));
}

void TestMessages::interactiveFieldsRoundTrip()
{
    BuildRequest request;
    request.command = QStringLiteral("cat");
    request.stdinForwarded = true;
    request.terminal = TerminalSpec{WindowSize{40, 100}, QStringLiteral("xterm-256color")};
    const Result<Message> decoded = decodeMessage(encodeMessage(request.toJson()).toUtf8());
    QVERIFY2(decoded.ok(), qPrintable(decoded.errorString()));
    const Result<BuildRequest> back = BuildRequest::fromJson(decoded.value().json);
    QVERIFY2(back.ok(), qPrintable(back.errorString()));
    QVERIFY(back.value().stdinForwarded);
    QVERIFY(back.value().terminal.has_value());
    QVERIFY(back.value().terminal->size == (WindowSize{40, 100}));
    QCOMPARE(back.value().terminal->term, QStringLiteral("xterm-256color"));

    // Without them: /dev/null and no terminal, and the fields are not sent at all.
    BuildRequest plain;
    plain.command = QStringLiteral("make");
    QVERIFY(!plain.toJson().contains(QLatin1String("stdin")));
    QVERIFY(!plain.toJson().contains(QLatin1String("tty")));
    const Result<BuildRequest> plainBack = BuildRequest::fromJson(plain.toJson());
    QVERIFY(!plainBack.value().stdinForwarded);
    QVERIFY(!plainBack.value().terminal.has_value());

    QVERIFY(!plain.toJson().contains(QLatin1String("checkout_path")));
    QVERIFY(plainBack.value().checkoutPath.isEmpty());

    // The checkout's path, for servers that show it to the build.
    BuildRequest located;
    located.command = QStringLiteral("make");
    located.checkoutPath = QStringLiteral("/home/dev/Mein Projekt");
    const Result<BuildRequest> locatedBack = BuildRequest::fromJson(located.toJson());
    QVERIFY2(locatedBack.ok(), qPrintable(locatedBack.errorString()));
    QCOMPARE(locatedBack.value().checkoutPath, QStringLiteral("/home/dev/Mein Projekt"));

    const QByteArray binary("\x00\xff\n\x80 bytes", 11);
    const Result<Message> input = decodeMessage(encodeMessage(InputMessage{binary, true}.toJson()).toUtf8());
    QVERIFY_RESULT(input);
    QCOMPARE(input.value().type, QStringLiteral("input"));
    QCOMPARE(InputMessage::fromJson(input.value().json).data, binary);
    QVERIFY(InputMessage::fromJson(input.value().json).eof);
}

void TestMessages::rejectsBadTerminal_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("error");
    QTest::newRow("zero rows") << QByteArray(R"({"type":"build","command":"x","tty":{"rows":0,"columns":80}})")
                               << QStringLiteral("\"tty\": a terminal size must have 1 to 10000 rows and columns, got 0x80");
    QTest::newRow("huge") << QByteArray(R"({"type":"build","command":"x","tty":{"rows":24,"columns":100000}})")
                          << QStringLiteral("\"tty\": a terminal size must have 1 to 10000 rows and columns, got 24x100000");
    QTest::newRow("bad term") << QByteArray(R"({"type":"build","command":"x","tty":{"rows":24,"columns":80,"term":"a b"}})")
                              << QStringLiteral("\"tty.term\" is not a terminal type name: a b");
    QTest::newRow("tty not an object") << QByteArray(R"({"type":"build","command":"x","tty":true})")
                                       << QStringLiteral("field \"tty\" of message \"build\" must be a object");
    QTest::newRow("checkout_path not a string") << QByteArray(R"({"type":"build","command":"x","checkout_path":1})")
                                                << QStringLiteral("field \"checkout_path\" of message \"build\" must be a string");
    QTest::newRow("checkout_path too long")
        << (QByteArray(R"({"type":"build","command":"x","checkout_path":"/)") + QByteArray(4096, 'a') + QByteArray(R"("})"))
        << QStringLiteral("\"checkout_path\" is longer than 4096 characters");
}

void TestMessages::rejectsBadTerminal()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, error);
    const Result<Message> decoded = decodeMessage(json);
    if (!decoded) {
        QCOMPARE(decoded.errorString(), error);
        return;
    }
    const Result<BuildRequest> request = BuildRequest::fromJson(decoded.value().json);
    QVERIFY(!request.ok());
    QCOMPARE(request.errorCode(), ErrorCode::InvalidRequest);
    QCOMPARE(request.errorString(), error);
}

QTEST_GUILESS_MAIN(TestMessages)
#include "tst_messages.moc"
