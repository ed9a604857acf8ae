// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: BSD-2-Clause

// TLS end to end: a real server serving wss:// with a certificate made by openssl in the test,
// the real CLI verifying it with --ca-file or --pin-sha256 (and failing clearly without), the
// certificate replaced on SIGHUP, and the client refusing to send a token over plain ws://.
#include "rawclient.h"
#include "serverprocess.h"

#include <QProcess>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace BuildService;
using namespace BuildService::Test;

namespace {

QString str(const char *s)
{
    return QString::fromUtf8(s);
}

/** A self-signed certificate for localhost and 127.0.0.1 in @p dir/<name>.pem and <name>.key. */
bool makeCertificate(const QString &dir, const QString &name)
{
    QProcess openssl;
    openssl.start(str("openssl"), {str("req"), str("-x509"), str("-newkey"), str("rsa:2048"), str("-nodes"), str("-days"), str("2"),
                                   str("-subj"), str("/CN=localhost"), str("-addext"), str("subjectAltName=DNS:localhost,IP:127.0.0.1"),
                                   str("-keyout"), dir + QLatin1Char('/') + name + str(".key"), str("-out"), dir + QLatin1Char('/') + name + str(".pem")});
    return openssl.waitForFinished(60000) && openssl.exitStatus() == QProcess::NormalExit && openssl.exitCode() == 0;
}

QString sha256Of(const QString &pemFile)
{
    const QList<QSslCertificate> certs = QSslCertificate::fromPath(pemFile);
    return certs.isEmpty() ? QString() : QString::fromLatin1(certs.first().digest(QCryptographicHash::Sha256).toHex());
}

} // namespace

class TestTls : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_tmp;
    std::unique_ptr<ServerProcess> m_server;
    QString m_url;  ///< wss://localhost:<port>

    QString path(const char *name) const { return m_tmp.filePath(str(name)); }

    CliResult status(const QStringList &extra)
    {
        return runCli(QStringList{str("status"), str("--server"), m_url} + extra, m_tmp.path());
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        QVERIFY(makeCertificate(m_tmp.path(), str("server")));
        QVERIFY(makeCertificate(m_tmp.path(), str("other")));
        QVERIFY(QFile::copy(path("server.pem"), path("live.pem")));
        QVERIFY(QFile::copy(path("server.key"), path("live.key")));
        m_server = std::make_unique<ServerProcess>();
        const QString config = QStringLiteral("[server]\ntls_certificate = \"%1\"\ntls_private_key = \"%2\"\n").arg(path("live.pem"), path("live.key"));
        QVERIFY(m_server->start(m_tmp.filePath(str("data")), config));
        QVERIFY2(m_server->url().startsWith(str("wss://127.0.0.1:")), qPrintable(m_server->url()));
        m_url = m_server->url().replace(str("127.0.0.1"), str("localhost"));
    }

    void cleanupTestCase()
    {
        if (m_server)
            QVERIFY(m_server->stop());
    }

    void cliWithTheCaFileConnects()
    {
        const CliResult ok = status({str("--ca-file"), path("server.pem")});
        QVERIFY2(ok.exitCode == 0, ok.err.constData());
        QVERIFY(ok.out.contains("you are:           local (admin)"));
    }

    void cliWithoutTheCaFileFailsClearly()
    {
        const CliResult failed = status({});
        QCOMPARE(failed.exitCode, 125);
        QVERIFY2(failed.err.contains(qPrintable(str("cannot verify the TLS certificate of %1: ").arg(m_url))), failed.err.constData());
        QVERIFY2(failed.err.contains("pass the CA certificate with --ca-file FILE, or pin the server's certificate with --pin-sha256 HEX"),
                 failed.err.constData());
    }

    void cliWithAWrongCaFileFails()
    {
        const CliResult failed = status({str("--ca-file"), path("other.pem")});
        QCOMPARE(failed.exitCode, 125);
        QVERIFY2(failed.err.contains(qPrintable(str("cannot verify the TLS certificate of %1: ").arg(m_url))), failed.err.constData());
    }

    void cliWithThePinnedCertificateConnectsAndAWrongPinFails()
    {
        // The pin works without any CA, and in the colon form openssl prints.
        QString pin = sha256Of(path("server.pem")).toUpper();
        for (int i = pin.size() - 2; i > 0; i -= 2)
            pin.insert(i, QLatin1Char(':'));
        const CliResult ok = runCli({str("status"), str("--server"), m_server->url(), str("--pin-sha256"), pin}, m_tmp.path());
        QVERIFY2(ok.exitCode == 0, ok.err.constData());

        const CliResult wrong = status({str("--pin-sha256"), sha256Of(path("other.pem"))});
        QCOMPARE(wrong.exitCode, 125);
        QVERIFY2(wrong.err.contains(qPrintable(str("the TLS certificate of %1 does not match the pinned SHA-256 %2 (the server presented %3)")
                                                   .arg(m_url, sha256Of(path("other.pem")), sha256Of(path("server.pem"))))),
                 wrong.err.constData());
        const CliResult malformed = status({str("--pin-sha256"), str("abc")});
        QCOMPARE(malformed.exitCode, 125);
        QVERIFY2(malformed.err.contains("--pin-sha256 expects the 64 hex digits of a SHA-256 fingerprint"), malformed.err.constData());
    }

    void httpsAnswersOnTheSamePortWithTheSameCertificate()
    {
        QNetworkAccessManager http;
        QNetworkRequest request(QUrl(QString(m_url).replace(str("wss://"), str("https://")) + str("/healthz")));
        QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
        ssl.setCaCertificates(QSslCertificate::fromPath(path("server.pem")));
        request.setSslConfiguration(ssl);
        QNetworkReply *reply = http.get(request);
        QSignalSpy finished(reply, &QNetworkReply::finished);
        QVERIFY(finished.wait(20000));
        QCOMPARE(reply->error(), QNetworkReply::NoError);
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        QCOMPARE(reply->readAll(), QByteArray("ok\n"));
        delete reply;
    }

    void aPlainClientIsNotServed()
    {
        // The listener speaks TLS only: a ws:// handshake never completes.
        RawClient plain;
        QVERIFY(!plain.handshake(m_server->url().replace(str("wss://"), str("ws://"))));
    }

    void tokenIsNeverSentOverPlainWsToANonLoopbackAddress()
    {
        // TEST-NET-1 (RFC 5737): nothing answers there; the client must refuse before connecting.
        const CliResult refused = runCli({str("status"), str("--server"), str("ws://192.0.2.1:7468"), str("--token"), str("s3cret"),
                                          str("--connect-timeout"), str("600")}, m_tmp.path());
        QCOMPARE(refused.exitCode, 125);
        QVERIFY2(refused.err.contains("refusing to send the access token over unencrypted ws:// to 192.0.2.1; use wss://"),
                 refused.err.constData());
        // A build refuses the same way, before its upload could start.
        const CliResult build = runCli({str("build"), str("--server"), str("ws://192.0.2.1:7468"), str("--token"), str("s3cret"),
                                        str("--"), str("true")}, m_tmp.path());
        QVERIFY2(build.err.contains("refusing to send the access token over unencrypted ws:// to 192.0.2.1"), build.err.constData());
    }

    void certificateIsReplacedOnSighup()
    {
        QVERIFY(QFile::remove(path("live.pem")) && QFile::copy(path("other.pem"), path("live.pem")));
        QVERIFY(QFile::remove(path("live.key")) && QFile::copy(path("other.key"), path("live.key")));
        ::kill(m_server->pid(), SIGHUP);
        QTRY_VERIFY_WITH_TIMEOUT(status({str("--ca-file"), path("other.pem")}).exitCode == 0, 20000);
        QCOMPARE(status({str("--ca-file"), path("server.pem")}).exitCode, 125);
    }

    void serverRefusesACertificateWithoutItsKey()
    {
        ServerProcess lone;
        QVERIFY(!lone.start(m_tmp.filePath(str("data2")), QStringLiteral("[server]\ntls_certificate = \"%1\"\n").arg(path("server.pem"))));
        QVERIFY2(lone.standardError().contains("[server] tls_certificate and tls_private_key: set both (wss://) or neither (ws://)"),
                 "no clear error");
        ServerProcess mismatched;
        QVERIFY(!mismatched.start(m_tmp.filePath(str("data3")), QStringLiteral("[server]\ntls_certificate = \"%1\"\ntls_private_key = \"%2\"\n")
                                                                 .arg(path("server.pem"), path("other.key"))));
        QVERIFY(mismatched.standardError().contains(qPrintable(str("[server] tls_private_key: %1 is not the private key of the certificate in %2")
                                                                   .arg(path("other.key"), path("server.pem")))));
    }
};

QTEST_GUILESS_MAIN(TestTls)
#include "tst_tls.moc"
