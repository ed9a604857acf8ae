// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: BSD-2-Clause

// The CLI's usage rules: exit codes, help, messages that echo what was typed, warnings.
#include "serverprocess.h"

#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace BuildService::Test;

class TestCliUsage : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void withoutServer_data();
    void withoutServer();
    void withServer_data();
    void withServer();
    void interruptSaysTheRealExitCode();
    void secondInterruptSaysTheRealExitCode();

private:
    QStringList expand(const QStringList &args) const;

    QTemporaryDir m_tmp;
    ServerProcess m_server;
    QString m_checkout;
    QString m_empty;
};

void TestCliUsage::initTestCase()
{
    QVERIFY(m_tmp.isValid());
    m_checkout = m_tmp.filePath(QStringLiteral("checkout"));
    QVERIFY(writeFile(m_checkout + QLatin1String("/hello.txt"), "hello\n"));
    m_empty = m_tmp.filePath(QStringLiteral("empty"));
    QVERIFY(QDir().mkpath(m_empty));
    QVERIFY2(m_server.start(m_tmp.filePath(QStringLiteral("data"))), m_server.standardError().constData());
}

void TestCliUsage::cleanupTestCase()
{
    QVERIFY2(m_server.stop(), "server did not exit cleanly on SIGTERM");
}

/** "@URL" stands for the test server's URL, "@EMPTY" for an empty directory. */
QStringList TestCliUsage::expand(const QStringList &args) const
{
    QStringList out;
    for (QString arg : args)
        out << arg.replace(QLatin1String("@URL"), m_server.url()).replace(QLatin1String("@EMPTY"), m_empty);
    return out;
}

// Columns: arguments, exit code, a regular expression stdout must match, one stderr must match,
// and one neither may match ("" for none).
static void addColumns()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("out");
    QTest::addColumn<QString>("err");
    QTest::addColumn<QString>("never");
}

/** One row; the texts are UTF-8 (the project builds without implicit casts from char *). */
static void row(const char *name, std::initializer_list<const char *> args, int exitCode, const char *out, const char *err,
                const char *never)
{
    QStringList list;
    for (const char *arg : args)
        list << QString::fromUtf8(arg);
    QTest::newRow(name) << list << exitCode << QString::fromUtf8(out) << QString::fromUtf8(err) << QString::fromUtf8(never);
}

static void check(const CliResult &r, int exitCode, const QString &out, const QString &err, const QString &never)
{
    const QByteArray context = "stdout:\n" + r.out + "\nstderr:\n" + r.err;
    QVERIFY2(r.finished, context.constData());
    QVERIFY2(r.exitCode == exitCode, QByteArray(QByteArray("exit code ") + QByteArray::number(r.exitCode) + "\n" + context).constData());
    if (!out.isEmpty())
        QVERIFY2(QRegularExpression(out).match(QString::fromUtf8(r.out)).hasMatch(), context.constData());
    if (!err.isEmpty())
        QVERIFY2(QRegularExpression(err).match(QString::fromUtf8(r.err)).hasMatch(), context.constData());
    if (!never.isEmpty()) {
        QVERIFY2(!QRegularExpression(never).match(QString::fromUtf8(r.out)).hasMatch(), context.constData());
        QVERIFY2(!QRegularExpression(never).match(QString::fromUtf8(r.err)).hasMatch(), context.constData());
    }
}

void TestCliUsage::withoutServer_data()
{
    addColumns();
    const char *const qtInternals = "qmljsdebugger|This subcommand|Arguments:\\n  build ";
    row("help build", {"help", "build"}, 0, "^Usage: build-service build \\[options\\] \\[--\\] <command>\\.\\.\\.\\n", "", qtInternals);
    row("build --help", {"build", "--help"}, 0, "--artifacts <glob>", "", qtInternals);
    row("help cache stats", {"help", "cache", "stats"}, 0, "^Usage: build-service cache stats \\[options\\]\\n", "", qtInternals);
    row("help attach", {"help", "attach"}, 0, "^Usage: build-service attach \\[options\\] <build-id>\\n", "", qtInternals);
    row("top-level help", {"help"}, 0, "Exit codes: 0 success; 2 usage error", "", "");
    row("--help-all is not Qt's", {"build", "--help-all"}, 2, "", "^build-service build: Unknown option 'help-all'\\.\\nRun 'build-service help build'", qtInternals);
    row("unknown option", {"build", "--frobnicate", "--", "true"}, 2, "", "^build-service build: Unknown option 'frobnicate'\\.", "");
    row("unknown option of status", {"status", "-x"}, 2, "", "^build-service status: Unknown option 'x'\\.", "");
    row("unknown option before the command", {"--frobnicate", "status"}, 2, "", "^build-service: unknown option \"--frobnicate\" before the command", "");
    row("unknown command", {"frobnicate"}, 2, "", "^build-service: unknown command \"frobnicate\"", "");
    row("no command", {}, 2, "", "^Usage: build-service <command>", "");
    row("build without a command", {"build"}, 2, "", "^build-service build: no command given", "");
    row("bad URL is quoted as given", {"build", "--server", "http//x y", "--", "true"}, 2, "", "^build-service build: invalid server URL \"http//x y\": use ws://host\\[:port\\]", "");
    row("empty URL", {"status", "--server", ""}, 2, "", "invalid server URL \"\":", "");
    row("URL without host", {"--server", "ws://", "status"}, 2, "", "invalid server URL \"ws://\":", "");
    row("bad timeout", {"build", "--timeout", "soon", "--", "true"}, 2, "", "--timeout expects a positive number of seconds, got \"soon\"", "");
    row("bad connect timeout", {"--connect-timeout", "-1", "status"}, 2, "", "--connect-timeout expects a positive number of seconds, got \"-1\"", "");
    row("bad env", {"build", "-e", "=x", "--", "true"}, 2, "", "--env expects NAME=VALUE, got \"=x\"", "");
    row("missing directory", {"build", "-C", "no/such/dir", "--", "true"}, 2, "", "the directory \"no/such/dir\" does not exist", "");
    row("global option without a value", {"--server"}, 2, "", "--server needs a value", "");
    row("unreachable server is a failure", {"--server", "ws://127.0.0.1:1", "status"}, 125, "", "cannot connect to ws://127.0.0.1:1", "");
}

void TestCliUsage::withoutServer()
{
    QFETCH(QStringList, args);
    QFETCH(int, exitCode);
    QFETCH(QString, out);
    QFETCH(QString, err);
    QFETCH(QString, never);
    check(runCli(args, m_checkout, 60000), exitCode, out, err, never);
}

void TestCliUsage::withServer_data()
{
    addColumns();
    row("global options before the command", {"--server", "@URL", "status"}, 0, "^server: ", "", "");
    row("global options with = before build", {"--server=@URL", "build", "--", "cat hello.txt"}, 0, "^hello\\n$", "finished with exit code 0", "");
    row("remote exit code", {"build", "--server", "@URL", "--", "exit 7"}, 7, "", "finished with exit code 7", "");
    row("remote exit code 2 is the command's", {"build", "--server", "@URL", "--", "exit 2"}, 2, "", "finished with exit code 2", "");
    row("artifact glob without match", {"build", "--server", "@URL", "-a", "nomatch/*", "-a", "hello.txt", "--", "true"}, 0, "", "warning: -a 'nomatch/\\*' matched no file", "-a 'hello.txt' matched");
    row("empty upload", {"build", "--server", "@URL", "-C", "@EMPTY", "--", "true"}, 0, "",
        "warning: nothing to upload: .*empty holds no file that is not ignored", "");
    row("upload with files", {"build", "--server", "@URL", "--", "true"}, 0, "", "", "nothing to upload");
    row("server URL without a port gets 7468", {"--server", "ws://127.0.0.2", "status"}, 125, "", "ws://127.0.0.2:7468", "");
}

void TestCliUsage::withServer()
{
    QFETCH(QStringList, args);
    QFETCH(int, exitCode);
    QFETCH(QString, out);
    QFETCH(QString, err);
    QFETCH(QString, never);
    check(runCli(expand(args), m_checkout), exitCode, out, err, never);
}

void TestCliUsage::interruptSaysTheRealExitCode()
{
    QProcess cli;
    cli.setWorkingDirectory(m_checkout);
    cli.setStandardInputFile(QProcess::nullDevice());
    cli.start(binaryPath("build-service"), {QStringLiteral("build"), QStringLiteral("--server"), m_server.url(), QStringLiteral("--"),
                                            QStringLiteral("echo started; exec sleep 600")});
    QByteArray out;
    QTRY_VERIFY_WITH_TIMEOUT((out += cli.readAllStandardOutput()).contains("started"), 60000);
    ::kill(pid_t(cli.processId()), SIGINT);
    QVERIFY(cli.waitForFinished(60000));
    const QByteArray err = cli.readAllStandardError();
    QCOMPARE(cli.exitCode(), 130);
    QVERIFY2(err.contains("exit code 130"), err.constData());
    QVERIFY2(!err.contains("143"), err.constData());
    // The last line says what happened: cancelled, not a "finished with exit code".
    QVERIFY2(err.contains("build-service: cancelled: the remote command was stopped after "), err.constData());
    QVERIFY2(!err.contains("finished with exit code"), err.constData());
}

void TestCliUsage::secondInterruptSaysTheRealExitCode()
{
    // The command ignores SIGTERM, so the server's cancel takes its grace period: the second
    // Ctrl-C arrives while the client still waits for the server.
    QProcess cli;
    cli.setWorkingDirectory(m_checkout);
    cli.setStandardInputFile(QProcess::nullDevice());
    cli.start(binaryPath("build-service"), {QStringLiteral("build"), QStringLiteral("--server"), m_server.url(), QStringLiteral("--"),
                                            QStringLiteral("trap '' TERM; echo started; sleep 600")});
    QByteArray out;
    QTRY_VERIFY_WITH_TIMEOUT((out += cli.readAllStandardOutput()).contains("started"), 60000);
    ::kill(pid_t(cli.processId()), SIGINT);
    QByteArray err;
    QTRY_VERIFY_WITH_TIMEOUT((err += cli.readAllStandardError()).contains("cancelling the remote build"), 60000);
    ::kill(pid_t(cli.processId()), SIGINT);
    QVERIFY(cli.waitForFinished(60000));
    err += cli.readAllStandardError();
    QCOMPARE(cli.exitCode(), 130);
    QVERIFY2(err.contains("interrupted again; exiting without waiting for the server (exit code 130)"), err.constData());
}

QTEST_GUILESS_MAIN(TestCliUsage)
#include "tst_cliusage.moc"
