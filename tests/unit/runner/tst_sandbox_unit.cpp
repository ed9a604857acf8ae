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
    void argumentsBindTheWorkspaceAtAPathOfItsOwn();
    void checksWhereAWorkspaceMayAppear_data();
    void checksWhereAWorkspaceMayAppear();
    void describesTheWorkspacePathOnlyWhenSet();
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

void TestSandboxUnit::argumentsBindTheWorkspaceAtAPathOfItsOwn()
{
    SandboxOptions options;
    const QString host = QStringLiteral("/srv/data/persistent/ws_1");
    const QStringList args = Sandbox::arguments(options, host, -1, -1, {QStringLiteral("true")}, false,
                                                QStringLiteral("/home/dev/src/app"));
    // The way to the shown path is made; the host path appears nowhere.
    const int home = indexOfSequence(args, {QStringLiteral("--perms"), QStringLiteral("0755"), QStringLiteral("--dir"), QStringLiteral("/home")});
    const int src = indexOfSequence(args, {QStringLiteral("--perms"), QStringLiteral("0755"), QStringLiteral("--dir"), QStringLiteral("/home/dev/src")});
    const int bind = indexOfSequence(args, {QStringLiteral("--bind"), host, QStringLiteral("/home/dev/src/app"), QStringLiteral("--chdir"),
                                            QStringLiteral("/home/dev/src/app")});
    QVERIFY(home > 0 && src > home && bind > src);
    QCOMPARE(args.count(host), 1);
    QVERIFY(!args.contains(QStringLiteral("/srv")));
    QVERIFY(!args.contains(QStringLiteral("/srv/data/persistent")));

    const QStringList fixed = Sandbox::arguments(options, host, -1, -1, {QStringLiteral("true")}, false, QStringLiteral("/build"));
    QVERIFY(indexOfSequence(fixed, {QStringLiteral("--bind"), host, QStringLiteral("/build"), QStringLiteral("--chdir"), QStringLiteral("/build")}) > 0);
    QVERIFY(!fixed.contains(QStringLiteral("--dir")));
}

void TestSandboxUnit::checksWhereAWorkspaceMayAppear_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("error");
    QTest::newRow("fixed") << QStringLiteral("/build") << QString();
    QTest::newRow("a home checkout") << QStringLiteral("/home/dev/src/app") << QString();
    QTest::newRow("below /tmp") << QStringLiteral("/tmp/co/app") << QString();
    QTest::newRow("spaces and unicode") << QStringLiteral("/home/dev/Mein Projekt/ä") << QString();
    QTest::newRow("named like a system tree") << QStringLiteral("/usrlocal/x") << QString();
    QTest::newRow("empty") << QString() << QStringLiteral("\"\" is not an absolute path");
    QTest::newRow("relative") << QStringLiteral("build") << QStringLiteral("\"build\" is not an absolute path");
    QTest::newRow("root") << QStringLiteral("/") << QStringLiteral("\"/\" is the root directory");
    const QString unnormalised = QStringLiteral("is not normalised (no \".\" or \"..\" components, no doubled or trailing \"/\")");
    QTest::newRow("dot dot") << QStringLiteral("/home/../etc") << QStringLiteral("\"/home/../etc\" ") + unnormalised;
    QTest::newRow("dot") << QStringLiteral("/home/./x") << QStringLiteral("\"/home/./x\" ") + unnormalised;
    QTest::newRow("double slash") << QStringLiteral("/home//x") << QStringLiteral("\"/home//x\" ") + unnormalised;
    QTest::newRow("trailing slash") << QStringLiteral("/build/") << QStringLiteral("\"/build/\" ") + unnormalised;
    QTest::newRow("newline") << QStringLiteral("/build\nx") << QStringLiteral("\"/build\nx\" contains a control character");
    QTest::newRow("/tmp itself") << QStringLiteral("/tmp")
                                 << QStringLiteral("\"/tmp\" is /tmp itself, which every build has as its own empty directory");
    for (const char *tree : {"/usr", "/etc", "/proc", "/dev", "/sys", "/lib64", "/opt"}) {
        const QString t = QString::fromLatin1(tree);
        QTest::newRow(tree) << t << QStringLiteral("\"%1\" is inside %1, which the sandbox provides itself").arg(t);
        QTest::newRow(qPrintable(t + QLatin1String("/below"))) << t + QLatin1String("/x")
                                                               << QStringLiteral("\"%1/x\" is inside %1, which the sandbox provides itself").arg(t);
    }
    QTest::newRow("too long") << QLatin1Char('/') + QString(5000, QLatin1Char('a'))
                              << QStringLiteral("\"/%1\" is longer than 4096 bytes").arg(QString(199, QLatin1Char('a')));
}

void TestSandboxUnit::checksWhereAWorkspaceMayAppear()
{
    QFETCH(QString, path);
    QFETCH(QString, error);
    const Result<void> checked = Sandbox::checkWorkspacePath(path);
    if (error.isEmpty()) {
        QVERIFY2(checked, qPrintable(checked.errorString()));
        return;
    }
    QVERIFY(!checked);
    QCOMPARE(checked.error().code, ErrorCode::ConfigInvalid);
    QCOMPARE(checked.errorString(), error);
}

void TestSandboxUnit::describesTheWorkspacePathOnlyWhenSet()
{
    SandboxOptions options;
    const QByteArray plain = Sandbox::describe(options, {});
    QVERIFY(!plain.contains("workspace_path"));
    options.workspacePath = QStringLiteral("/build");
    QVERIFY(Sandbox::describe(options, {}).contains("workspace_path=/build\n"));
    options.workspacePath = QStringLiteral("client");
    QVERIFY(Sandbox::describe(options, {}).contains("workspace_path=client\n"));
}

QTEST_GUILESS_MAIN(TestSandboxUnit)
#include "tst_sandbox_unit.moc"
