// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: BSD-2-Clause

// The real server binary at start-up: --check-config as documented, one server per data directory.
#include "serverprocess.h"

#include <QTemporaryDir>
#include <QTest>

using namespace BuildService::Test;

namespace {

struct Run {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

Run runServer(const QStringList &args)
{
    QProcess process;
    process.start(binaryPath("build-service-server"), args);
    Run run;
    if (!process.waitForFinished(60000)) {
        process.kill();
        process.waitForFinished();
        return run;
    }
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    return run;
}

} // namespace

class TestServerStartup : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void checkConfigReportsEveryProblemInFileOrder()
    {
        QTemporaryDir tmp;
        const QString config = tmp.filePath(QStringLiteral("bs.toml"));
        QVERIFY(writeFile(config, "[server]\nlisten = \"127.0.0.1\"\nport = 70000\n[build]\nworkspace_ttl_sec = \"8h\"\n"));
        const Run run = runServer({QStringLiteral("--check-config"), QStringLiteral("--config"), config});
        QCOMPARE(run.exitCode, 2);
        const QString expected = QStringLiteral("build-service-server: %1:3:1: [server] port: must be between 0 and 65535, got 70000\n"
                                                "%1:5:1: [build] workspace_ttl_sec: expected an integer, got string\n")
                                     .arg(config);
        QCOMPARE(QString::fromUtf8(run.err), expected);
    }

    void checkConfigRefusesAnUnusableDataDir()
    {
        QTemporaryDir tmp;
        const QString file = tmp.filePath(QStringLiteral("a-file"));
        QVERIFY(writeFile(file, "not a directory\n"));
        const QString dataDir = file + QLatin1String("/data");
        const Run run = runServer({QStringLiteral("--check-config"), QStringLiteral("--data-dir"), dataDir});
        QCOMPARE(run.exitCode, 2);
        QCOMPARE(QString::fromUtf8(run.err),
                 QStringLiteral("build-service-server: cannot use the data directory %1: %2 is not a directory\n").arg(dataDir, file));
        QVERIFY(!run.out.contains("configuration OK"));

        // The same directory as a usable one: OK (and nothing is created by the check).
        const QString good = tmp.filePath(QStringLiteral("new/data"));
        const Run ok = runServer({QStringLiteral("--check-config"), QStringLiteral("--data-dir"), good});
        QCOMPARE(ok.exitCode, 0);
        QVERIFY2(ok.out.contains("configuration OK; data directory: " + good.toUtf8()), ok.out.constData());
        QVERIFY(!QFileInfo::exists(tmp.filePath(QStringLiteral("new"))));
    }

    void secondServerOnTheSameDataDirFailsBeforeRunningAnything()
    {
        QTemporaryDir tmp;
        const QString marker = tmp.filePath(QStringLiteral("toolchain-ran"));
        // The toolchain fingerprint commands run at start-up; this one leaves a trace of each run.
        const QString config = QStringLiteral("[cache]\ntoolchain_commands = [\"echo ran >> '%1'\"]\n").arg(marker);
        const QString dataDir = tmp.filePath(QStringLiteral("data"));
        ServerProcess first;
        QVERIFY(first.start(dataDir, config));
        QTRY_COMPARE_WITH_TIMEOUT(readFile(marker), QByteArray("ran\n"), 30000);
        const QStringList before = QDir(dataDir).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden);

        QVERIFY(writeFile(dataDir + QLatin1String(".second.toml"), config.toUtf8()));
        const Run second = runServer({QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--data-dir"), dataDir,
                                      QStringLiteral("--config"), dataDir + QLatin1String(".second.toml")});
        QCOMPARE(second.exitCode, 1);
        QVERIFY2(second.err.contains("data directory " + dataDir.toUtf8() + " is in use by another server"), second.err.constData());
        QVERIFY2(second.err.contains("held by pid " + QByteArray::number(first.pid())), second.err.constData());
        // The second server ran no toolchain command and changed nothing in the directory.
        QCOMPARE(readFile(marker), QByteArray("ran\n"));
        QCOMPARE(QDir(dataDir).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden), before);
        QVERIFY(first.stop());
    }
};

QTEST_GUILESS_MAIN(TestServerStartup)
#include "tst_serverstartup.moc"
