// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: BSD-2-Clause

// End-to-end: `build-service debug` runs a remotely built program under gdbserver on the real
// server (sandboxed like builds) and a local gdb debugs it through the tunnel.
#include "serverprocess.h"

#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace BuildService::Test;

namespace {
const QByteArray Program =
    "#include <stdio.h>\n"
    "#include <stdlib.h>\n"
    "#include <unistd.h>\n"
    "\n"
    "static int compute(int input)\n"
    "{\n"
    "    int doubled = input * 2;\n"
    "    return doubled + 1;\n"
    "}\n"
    "\n"
    "int main(void)\n"
    "{\n"
    "    const char *probe = getenv(\"BS_PROBE\");\n"
    "    printf(\"server data %s\\n\", probe && access(probe, F_OK) == 0 ? \"visible\" : \"hidden\");\n"
    "    int result = compute(20);\n"
    "    printf(\"result %d\\n\", result);\n"
    "    return result == 41 ? 7 : 1;\n"
    "}\n";
// True when bwrap can create the sandbox's namespaces here (as the server probes it).
bool sandboxWorks()
{
    QProcess probe;
    probe.start(QStringLiteral("/usr/bin/bwrap"), {QStringLiteral("--unshare-all"), QStringLiteral("--unshare-user-try"),
                                                   QStringLiteral("--ro-bind"), QStringLiteral("/"), QStringLiteral("/"),
                                                   QStringLiteral("--proc"), QStringLiteral("/proc"), QStringLiteral("true")});
    return probe.waitForFinished(20000) && probe.exitStatus() == QProcess::NormalExit && probe.exitCode() == 0;
}
} // namespace

class TestDebugTunnel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void gdbHitsBreakpointInLocalSourceAndReadsVariable();
    void usageErrors();

private:
    QTemporaryDir m_dir;
    ServerProcess m_server;
    QString m_checkout;
};

void TestDebugTunnel::initTestCase()
{
    if (QStandardPaths::findExecutable(QStringLiteral("gdb")).isEmpty()
        || QStandardPaths::findExecutable(QStringLiteral("gdbserver")).isEmpty())
        QSKIP("needs gdb and gdbserver (scripts/install-deps.sh installs them)");
    QVERIFY(m_dir.isValid());
    QVERIFY2(m_server.start(m_dir.filePath(QStringLiteral("data"))), m_server.standardError().constData());
    m_checkout = m_dir.filePath(QStringLiteral("checkout"));
    QVERIFY(writeFile(m_checkout + QLatin1String("/src/prog.c"), Program));
    QVERIFY(QDir().mkpath(m_checkout + QLatin1String("/.git")));
    const CliResult built = runCli({QStringLiteral("build"), QStringLiteral("--server"), m_server.url(), QStringLiteral("--"),
                                    QStringLiteral("cc -g -O0 -o src/prog src/prog.c")},
                                   m_checkout);
    QVERIFY2(built.exitCode == 0, built.err.constData());
}

void TestDebugTunnel::cleanupTestCase()
{
    QVERIFY(m_server.stop());
}

void TestDebugTunnel::gdbHitsBreakpointInLocalSourceAndReadsVariable()
{
    // Started in src/: the program runs in the matching directory of the workspace.
    QProcess debug;
    debug.setWorkingDirectory(m_checkout + QLatin1String("/src"));
    debug.setStandardInputFile(QProcess::nullDevice());
    // The program looks for the server's data directory, which a sandboxed build cannot see.
    debug.start(binaryPath("build-service"), {QStringLiteral("debug"), QStringLiteral("--server"), m_server.url(),
                                              QStringLiteral("-e"), QStringLiteral("BS_PROBE=") + m_server.dataDir() + QLatin1String("/workspace-meta"),
                                              QStringLiteral("--"), QStringLiteral("./prog")});
    QByteArray err;
    const QRegularExpression portLine(QStringLiteral("gdb can connect to 127\\.0\\.0\\.1:(\\d+)"));
    const QRegularExpression pathLine(QStringLiteral("source paths: set substitute-path (\\S+) (\\S+)\\n"));
    QTRY_VERIFY2_WITH_TIMEOUT(portLine.match(QString::fromUtf8(err += debug.readAllStandardError())).hasMatch(),
                              err.constData(), 60000);
    const QString port = portLine.match(QString::fromUtf8(err)).captured(1);
    QTRY_VERIFY2_WITH_TIMEOUT(pathLine.match(QString::fromUtf8(err += debug.readAllStandardError())).hasMatch(),
                              err.constData(), 60000);
    const QRegularExpressionMatch paths = pathLine.match(QString::fromUtf8(err));
    QCOMPARE(paths.captured(2), m_checkout);
    QVERIFY(paths.captured(1) != m_checkout);

    QProcess gdb;
    gdb.setProcessChannelMode(QProcess::MergedChannels);
    gdb.start(QStringLiteral("gdb"), {QStringLiteral("-batch"), QStringLiteral("-nx"),
                                      QStringLiteral("-ex"), QStringLiteral("set substitute-path %1 %2").arg(paths.captured(1), paths.captured(2)),
                                      QStringLiteral("-ex"), QStringLiteral("target remote 127.0.0.1:") + port,
                                      QStringLiteral("-ex"), QStringLiteral("break prog.c:compute"),
                                      QStringLiteral("-ex"), QStringLiteral("continue"),
                                      QStringLiteral("-ex"), QStringLiteral("print input"),
                                      QStringLiteral("-ex"), QStringLiteral("info source"),
                                      QStringLiteral("-ex"), QStringLiteral("continue")});
    QVERIFY(gdb.waitForFinished(180000));
    const QByteArray session = gdb.readAll();
    // The breakpoint in the function of the local source file was hit, the variable read ...
    QVERIFY2(session.contains("Breakpoint 1, compute (input=20)"), session.constData());
    QVERIFY2(session.contains("$1 = 20"), session.constData());
    // ... the source was found in the checkout, and the program ran to its end.
    QVERIFY2(session.contains("Located in " + m_checkout.toUtf8() + "/src/prog.c"), session.constData());
    QVERIFY2(session.contains("exited with code 07"), session.constData());

    QVERIFY(debug.waitForFinished(60000));
    err += debug.readAllStandardError();
    QVERIFY2(debug.exitCode() == 0, err.constData());
    // The program's own output arrives on stderr (gdbserver keeps stdout for the protocol).
    QVERIFY2(err.contains("result 41"), err.constData());
    // gdbserver and the program ran in the build sandbox (where the machine allows one).
    if (sandboxWorks())
        QVERIFY2(err.contains("server data hidden"), err.constData());
    else
        QVERIFY2(err.contains("server data visible"), err.constData());
}

void TestDebugTunnel::usageErrors()
{
    const CliResult none = runCli({QStringLiteral("debug"), QStringLiteral("--server"), m_server.url()}, m_checkout);
    QCOMPARE(none.exitCode, 2);
    QVERIFY2(none.err.contains("no program given; usage: build-service debug [options] -- <program> [args]"), none.err.constData());
    const CliResult port = runCli({QStringLiteral("debug"), QStringLiteral("--server"), m_server.url(), QStringLiteral("--port"),
                                   QStringLiteral("70000"), QStringLiteral("--"), QStringLiteral("./prog")},
                                  m_checkout);
    QCOMPARE(port.exitCode, 2);
    QVERIFY2(port.err.contains("--port expects a number from 0 to 65535, got \"70000\""), port.err.constData());
}

QTEST_MAIN(TestDebugTunnel)
#include "tst_debugtunnel.moc"
