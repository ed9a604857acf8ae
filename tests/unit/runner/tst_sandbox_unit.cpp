// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: BSD-2-Clause

// Sandbox without running it: bwrap's arguments, the environment allow-list, limit diagnosis.
#include "runner/sandbox.h"

#include <QTest>

#include <csignal>
#include <unistd.h>

using namespace BuildService;

class TestSandboxUnit : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void diagnosesTheLimitThatStoppedTheBuild_data();
    void diagnosesTheLimitThatStoppedTheBuild();
    void findsAMessageSplitBetweenChunks();
    void environmentKeepsOnlyTheAllowList();
    void argumentsHideSecretsAndBindTheWorkspaceAtItsPath();
    void argumentsFollowTheOptions();
};

void TestSandboxUnit::diagnosesTheLimitThatStoppedTheBuild_data()
{
    QTest::addColumn<QByteArray>("output");
    QTest::addColumn<int>("code");
    QTest::addColumn<int>("signal");
    QTest::addColumn<QString>("reason");
    const QString cpu = QStringLiteral("CPU time limit reached: a process of the build used more than 7 s of CPU time ([sandbox] max_cpu_sec)");
    const QString file = QStringLiteral("file size limit reached: a process of the build wrote a file larger than 5 bytes ([sandbox] max_file_bytes)");
    const QString procs = QStringLiteral("process limit reached: the build could not start more than 3 processes at once ([sandbox] max_processes)");
    const QString memory = QStringLiteral("out of memory: a process of the build needed more than 9 bytes of address space ([sandbox] max_memory_bytes)");
    QTest::newRow("SIGXCPU") << QByteArray() << 128 + SIGXCPU << SIGXCPU << cpu;
    QTest::newRow("status of a shell whose child got SIGXCPU") << QByteArray() << 128 + SIGXCPU << 0 << cpu;
    QTest::newRow("SIGXFSZ") << QByteArray() << 128 + SIGXFSZ << 0 << file;
    QTest::newRow("dash") << QByteArray("/bin/sh: 0: Cannot fork\n") << 2 << 0 << procs;
    QTest::newRow("bash") << QByteArray("bash: fork: retry: Resource temporarily unavailable\n") << 254 << 0 << procs;
    QTest::newRow("make") << QByteArray("make: fork: Resource temporarily unavailable\n") << 2 << 0 << procs;
    QTest::newRow("tail") << QByteArray("tail: memory exhausted\n") << 1 << 0 << memory;
    QTest::newRow("C++") << QByteArray("terminate called after throwing an instance of 'std::bad_alloc'\n") << 134 << 0 << memory;
    QTest::newRow("python") << QByteArray("MemoryError\n") << 1 << 0 << memory;
    QTest::newRow("message but success") << QByteArray("Cannot fork\n") << 0 << 0 << QString();
    QTest::newRow("plain failure") << QByteArray("error: x.cpp:1: expected ';'\n") << 1 << 0 << QString();
    QTest::newRow("other signal") << QByteArray() << 139 << 11 << QString();
}

void TestSandboxUnit::diagnosesTheLimitThatStoppedTheBuild()
{
    QFETCH(QByteArray, output);
    QFETCH(int, code);
    QFETCH(int, signal);
    QFETCH(QString, reason);
    SandboxOptions options;
    options.maxCpuSec = 7;
    options.maxFileBytes = 5;
    options.maxProcesses = 3;
    options.maxMemoryBytes = 9;
    Sandbox::LimitDiagnosis diagnosis(options);
    diagnosis.observe(output);
    QCOMPARE(diagnosis.reason(code, signal), reason);
    // Without the limit, nothing is blamed on it.
    Sandbox::LimitDiagnosis unlimited{SandboxOptions()};
    unlimited.observe(output);
    QCOMPARE(unlimited.reason(code, signal), QString());
}

void TestSandboxUnit::findsAMessageSplitBetweenChunks()
{
    SandboxOptions options;
    options.maxProcesses = 10;
    Sandbox::LimitDiagnosis diagnosis(options);
    diagnosis.observe(QByteArray(100000, 'x') + "/bin/sh: 0: Cann");
    diagnosis.observe("ot fork\n");
    QVERIFY(diagnosis.reason(2, 0).startsWith(QStringLiteral("process limit reached")));
}

void TestSandboxUnit::environmentKeepsOnlyTheAllowList()
{
    const QMap<QByteArray, QByteArray> server{{"PATH", "/home/me/bin:/usr/bin"}, {"HOME", "/root"}, {"LANG", "de_DE.UTF-8"},
                                              {"LC_ALL", "C"}, {"TERM", "xterm"}, {"SSH_AUTH_SOCK", "/run/agent"},
                                              {"BUILD_SERVICE_TOKEN", "secret"}};
    const QMap<QByteArray, QByteArray> env = Sandbox::baseEnvironment(server);
    const QMap<QByteArray, QByteArray> expected{{"PATH", Sandbox::defaultPath().toUtf8()}, {"HOME", "/tmp"}, {"TMPDIR", "/tmp"},
                                                {"LANG", "de_DE.UTF-8"}, {"LC_ALL", "C"}, {"TERM", "xterm"},
                                                {"BUILD_SERVICE", "1"}};
    QCOMPARE(env, expected);
}

static int indexOfSequence(const QStringList &list, const QStringList &sequence)
{
    for (int i = 0; i + sequence.size() <= list.size(); ++i) {
        if (list.mid(i, sequence.size()) == sequence)
            return i;
    }
    return -1;
}

void TestSandboxUnit::argumentsHideSecretsAndBindTheWorkspaceAtItsPath()
{
    SandboxOptions options;
    options.hiddenPaths = QStringList{QStringLiteral("/etc/hostname"), QStringLiteral("/usr/share"), QStringLiteral("/nonexistent/config.toml")};
    const QStringList args = Sandbox::arguments(options, QStringLiteral("/srv/data/persistent/ws_1/"), 3, 4,
                                                {QStringLiteral("/bin/sh"), QStringLiteral("-c"), QStringLiteral("make")});
    // Hidden after the tree that holds them is bound; what is not visible anyway is left alone.
    const int etc = indexOfSequence(args, {QStringLiteral("--ro-bind"), QStringLiteral("/etc"), QStringLiteral("/etc")});
    QVERIFY(etc >= 0);
    QVERIFY(indexOfSequence(args, {QStringLiteral("--ro-bind"), QStringLiteral("/dev/null"), QStringLiteral("/etc/hostname")}) > etc);
    QVERIFY(indexOfSequence(args, {QStringLiteral("--tmpfs"), QStringLiteral("/usr/share")}) > 0);
    QVERIFY(!args.contains(QStringLiteral("/nonexistent/config.toml")));
    QVERIFY(indexOfSequence(args, {QStringLiteral("--ro-bind"), QStringLiteral("/dev/null"), QStringLiteral("/etc/shadow")}) > etc);
    // The way to the workspace is made searchable, then the workspace is bound after /tmp.
    const int tmp = indexOfSequence(args, {QStringLiteral("--perms"), QStringLiteral("1777"), QStringLiteral("--tmpfs"), QStringLiteral("/tmp")});
    const int srv = indexOfSequence(args, {QStringLiteral("--perms"), QStringLiteral("0755"), QStringLiteral("--dir"), QStringLiteral("/srv")});
    const int persistent = indexOfSequence(args, {QStringLiteral("--perms"), QStringLiteral("0755"), QStringLiteral("--dir"),
                                                  QStringLiteral("/srv/data/persistent")});
    const int bind = indexOfSequence(args, {QStringLiteral("--bind"), QStringLiteral("/srv/data/persistent/ws_1"),
                                            QStringLiteral("/srv/data/persistent/ws_1"), QStringLiteral("--chdir"),
                                            QStringLiteral("/srv/data/persistent/ws_1")});
    QVERIFY(tmp > 0 && srv > tmp && persistent > srv && bind > persistent);
    QVERIFY(indexOfSequence(args, {QStringLiteral("--info-fd"), QStringLiteral("3"), QStringLiteral("--block-fd"), QStringLiteral("4")}) > 0);
    QCOMPARE(args.mid(args.size() - 4), QStringList({QStringLiteral("--"), QStringLiteral("/bin/sh"), QStringLiteral("-c"), QStringLiteral("make")}));
    for (const QString &flag : {QStringLiteral("--die-with-parent"), QStringLiteral("--new-session"), QStringLiteral("--unshare-pid"),
                                QStringLiteral("--unshare-ipc"), QStringLiteral("--unshare-uts"), QStringLiteral("--unshare-net")})
        QVERIFY2(args.contains(flag), qPrintable(flag));
}

void TestSandboxUnit::argumentsFollowTheOptions()
{
    SandboxOptions options;
    options.network = true;
    options.uid = 65534;
    options.gid = 65533;
    const QStringList args = Sandbox::arguments(options, QStringLiteral("/w"), -1, -1, {QStringLiteral("true")});
    QVERIFY(!args.contains(QStringLiteral("--unshare-net")));
    QVERIFY(!args.contains(QStringLiteral("--info-fd")));
    QCOMPARE(args.contains(QStringLiteral("--unshare-user")), ::geteuid() != 0);
    const int setpriv = indexOfSequence(args, {QStringLiteral("--"), QStringLiteral("/usr/bin/setpriv"), QStringLiteral("--reuid=65534"),
                                               QStringLiteral("--regid=65533"), QStringLiteral("--clear-groups")});
    QVERIFY(setpriv > 0);
    QVERIFY(args.contains(QStringLiteral("--bounding-set=-all")));
    QVERIFY(args.contains(QStringLiteral("--no-new-privs")));
    QCOMPARE(args.last(), QStringLiteral("true"));
}

QTEST_GUILESS_MAIN(TestSandboxUnit)
#include "tst_sandbox_unit.moc"
