// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: BSD-2-Clause

// End-to-end: what the server accepts into a workspace: compression ratio from the first byte,
// checkout modes, names that clash on other file systems, exact workspace ids.
#include "rawclient.h"
#include "serverprocess.h"
#include "tarbuilder.h"

#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace BuildService::Test;

namespace {

QJsonObject buildMessage(const QString &command, const QString &workspaceId = QString())
{
    QJsonObject json{{QStringLiteral("type"), QStringLiteral("build")}, {QStringLiteral("command"), command},
                     {QStringLiteral("upload"), QJsonObject{{QStringLiteral("format"), QStringLiteral("tar+zstd")},
                                                            {QStringLiteral("mode"), QStringLiteral("full")}}}};
    if (!workspaceId.isNull())
        json.insert(QStringLiteral("workspace_id"), workspaceId);
    return json;
}

QString type(const QJsonObject &json)
{
    return json.value(QLatin1String("type")).toString();
}

} // namespace

class TestIntakePolicy : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void compressionBombIsRefusedFromTheFirstBytes();
    void modesAreNormalisedForACheckout();
    void nameTwinsAreReported();
    void nameTwinsAreRefusedWhenConfigured();
    void workspaceIdsAreValidatedExactly_data();
    void workspaceIdsAreValidatedExactly();

private:
    bool startServer(const QString &toml);
    /** Sends a build with @p upload; returns "synced" or the error, whatever came first. */
    QJsonObject upload(RawClient &client, const QString &command, const QByteArray &upload);

    std::unique_ptr<QTemporaryDir> m_tmp;
    std::unique_ptr<ServerProcess> m_server;
};

void TestIntakePolicy::init()
{
    m_tmp = std::make_unique<QTemporaryDir>();
    QVERIFY(m_tmp->isValid());
}

void TestIntakePolicy::cleanup()
{
    if (m_server)
        QVERIFY2(m_server->stop(), "server did not exit cleanly on SIGTERM");
    m_server.reset();
    m_tmp.reset();
}

bool TestIntakePolicy::startServer(const QString &toml)
{
    m_server = std::make_unique<ServerProcess>();
    const bool started = m_server->start(m_tmp->filePath(QStringLiteral("data")), toml);
    if (!started)
        qWarning() << "server did not start:" << m_server->standardError();
    return started;
}

QJsonObject TestIntakePolicy::upload(RawClient &client, const QString &command, const QByteArray &data)
{
    client.send(buildMessage(command));
    const QJsonObject accepted = client.waitFor(QStringLiteral("accepted"));
    if (type(accepted) != QLatin1String("accepted"))
        return accepted;
    // Well inside the upload window: no need to wait for acknowledgements.
    for (int offset = 0; offset < data.size(); offset += 16 * 1024)
        client.sendBinary(data.mid(offset, 16 * 1024));
    client.send(QJsonObject{{QStringLiteral("type"), QStringLiteral("upload_end")}, {QStringLiteral("bytes"), data.size()},
                            {QStringLiteral("entries"), 0}});
    return client.waitFor(QStringLiteral("synced"));
}

void TestIntakePolicy::compressionBombIsRefusedFromTheFirstBytes()
{
    // 32 MiB of zeros compress to a few KiB. The old check started after 64 MiB of output and
    // let this one through; now the output may exceed 100 * input by the 1 MiB allowance only.
    QVERIFY(startServer(QStringLiteral("[limits]\nmax_compression_ratio = 100\ncompression_allowance_bytes = 1048576\n")));
    const QByteArray bomb = TarBuilder().file("zeros.bin", QByteArray(32 << 20, '\0')).zstd();
    QVERIFY(bomb.size() < 64 * 1024);
    RawClient client;
    QVERIFY(client.handshake(m_server->url()));
    const QJsonObject reply = upload(client, QStringLiteral("true"), bomb);
    QCOMPARE(type(reply), QStringLiteral("error"));
    QCOMPARE(reply.value(QLatin1String("code")).toString(), QStringLiteral("limit_exceeded"));
    QCOMPARE(reply.value(QLatin1String("message")).toString(),
             QStringLiteral("compression ratio exceeds the limit of 100:1 ([limits] max_compression_ratio, beyond an allowance "
                            "of 1048576 bytes, [limits] compression_allowance_bytes)"));
    // Nothing of it reached a workspace, and the staging directory is gone again.
    for (const QString &id : m_server->workspaceIds())
        QVERIFY(!QFileInfo::exists(m_server->workspacePath(id) + QLatin1String("/zeros.bin")));
    QTRY_VERIFY(QDir(m_server->dataDir() + QLatin1String("/staging")).isEmpty());
}

void TestIntakePolicy::modesAreNormalisedForACheckout()
{
    QVERIFY(startServer(QString()));
    const QByteArray tar = TarBuilder()
                               .file("world-writable", "a", 0666)
                               .file("world-writable-exec", "b", 0777)
                               .file("sticky", "c", 01644)
                               .file("private", "d", 0600)
                               .file("owner-exec", "e", 0700)
                               .symlink("link", "sticky")
                               .zstd();
    RawClient client;
    QVERIFY(client.handshake(m_server->url()));
    const QJsonObject synced = upload(client, QStringLiteral("stat -c '%a %n' world-writable world-writable-exec sticky private owner-exec"), tar);
    QCOMPARE(type(synced), QStringLiteral("synced"));
    const QJsonObject exit = client.waitFor(QStringLiteral("exit"));
    QCOMPARE(exit.value(QLatin1String("code")).toInt(), 0);
    QCOMPARE(client.output(QStringLiteral("stdout")),
             QByteArray("644 world-writable\n755 world-writable-exec\n644 sticky\n644 private\n755 owner-exec\n"));
    const QString ws = m_server->workspacePath(exit.value(QLatin1String("workspace_id")).toString());
    struct stat st;
    QCOMPARE(::lstat(QFile::encodeName(ws + QLatin1String("/link")).constData(), &st), 0);
    QVERIFY(S_ISLNK(st.st_mode));
}

void TestIntakePolicy::nameTwinsAreReported()
{
    QVERIFY(startServer(QString()));
    const QByteArray nfc = QStringLiteral("caf\u00e9.txt").toUtf8();
    const QByteArray nfd = QStringLiteral("cafe\u0301.txt").toUtf8();
    const QByteArray tar = TarBuilder().file("README.txt", "1").file("Readme.txt", "2").file(nfc, "3").file(nfd, "4").file("other", "5").zstd();
    RawClient client;
    QVERIFY(client.handshake(m_server->url()));
    const QJsonObject synced = upload(client, QStringLiteral("ls | wc -l"), tar);
    QCOMPARE(type(synced), QStringLiteral("synced"));
    const QJsonArray warnings = synced.value(QLatin1String("warnings")).toArray();
    QCOMPARE(warnings.size(), 1);
    const QJsonObject warning = warnings.first().toObject();
    QCOMPARE(warning.value(QLatin1String("code")).toString(), QStringLiteral("name_twins"));
    const QJsonArray expected{QJsonArray{QStringLiteral("README.txt"), QStringLiteral("Readme.txt")},
                              QJsonArray{QString::fromUtf8(nfd), QString::fromUtf8(nfc)}};
    QCOMPARE(warning.value(QLatin1String("twins")).toArray(), expected);
    QVERIFY2(warning.value(QLatin1String("message")).toString().startsWith(
                 QStringLiteral("2 path(s) differ only in letter case or Unicode normalisation")),
             qPrintable(warning.value(QLatin1String("message")).toString()));
    // Only a warning: all five files are there and the build ran.
    const QJsonObject exit = client.waitFor(QStringLiteral("exit"));
    QCOMPARE(exit.value(QLatin1String("code")).toInt(), 0);
    QCOMPARE(client.output(QStringLiteral("stdout")).trimmed(), QByteArray("5"));

    // The command-line client shows it.
    const QString checkout = m_tmp->filePath(QStringLiteral("checkout"));
    QVERIFY(writeFile(checkout + QLatin1String("/README.txt"), "1"));
    QVERIFY(writeFile(checkout + QLatin1String("/Readme.txt"), "2"));
    const CliResult cli = runCli({QStringLiteral("build"), QStringLiteral("--server"), m_server->url(), QStringLiteral("--"), QStringLiteral("true")},
                                 checkout, 60000);
    QCOMPARE(cli.exitCode, 0);
    QVERIFY2(cli.err.contains("warning from the server: 1 path(s) differ only in letter case or Unicode normalisation"), cli.err.constData());
    QVERIFY2(cli.err.contains("\"README.txt\" and \"Readme.txt\""), cli.err.constData());
}

void TestIntakePolicy::nameTwinsAreRefusedWhenConfigured()
{
    QVERIFY(startServer(QStringLiteral("[limits]\nname_twins = \"refuse\"\n")));
    RawClient client;
    QVERIFY(client.handshake(m_server->url()));
    const QJsonObject reply = upload(client, QStringLiteral("true"), TarBuilder().file("README.txt", "1").file("Readme.txt", "2").zstd());
    QCOMPARE(type(reply), QStringLiteral("error"));
    QCOMPARE(reply.value(QLatin1String("code")).toString(), QStringLiteral("archive_rejected"));
    QCOMPARE(reply.value(QLatin1String("message")).toString(),
             QStringLiteral("1 path(s) differ only in letter case or Unicode normalisation, so they clash on macOS and Windows "
                            "file systems: \"README.txt\" and \"Readme.txt\" ([limits] name_twins = \"refuse\")"));
    for (const QString &id : m_server->workspaceIds())
        QVERIFY(!QFileInfo::exists(m_server->workspacePath(id) + QLatin1String("/README.txt")));
}

void TestIntakePolicy::workspaceIdsAreValidatedExactly_data()
{
    QTest::addColumn<QString>("id");
    QTest::newRow("trailing newline") << QStringLiteral("ws_0123abcd-0000-4000-8000-000000000001\n");
    QTest::newRow("trailing space") << QStringLiteral("ws_0123abcd-0000-4000-8000-000000000001 ");
    QTest::newRow("upper case") << QStringLiteral("ws_0123ABCD-0000-4000-8000-000000000001");
}

void TestIntakePolicy::workspaceIdsAreValidatedExactly()
{
    QFETCH(QString, id);
    QVERIFY(startServer(QString()));
    RawClient client;
    QVERIFY(client.handshake(m_server->url()));
    client.send(buildMessage(QStringLiteral("true"), id));
    const QJsonObject reply = client.waitFor(QStringLiteral("accepted"));
    QCOMPARE(type(reply), QStringLiteral("error"));
    QCOMPARE(reply.value(QLatin1String("code")).toString(), QStringLiteral("invalid_request"));
    QVERIFY(m_server->workspaceIds().isEmpty());
}

QTEST_GUILESS_MAIN(TestIntakePolicy)
#include "tst_intakepolicy.moc"
