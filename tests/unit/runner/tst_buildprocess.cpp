// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: BSD-2-Clause

// BuildProcess: exit codes, signals, stream order, process-group kills, limits, back-pressure.
#include "runner/buildprocess.h"
#include "runner/stdinfeeder.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

#include <cerrno>
#include <csignal>
#include <dirent.h>
#include <unistd.h>

using namespace BuildService;

namespace {

/** Records output events; keeps the data only when asked to (large tests only count). */
struct Recorder {
    explicit Recorder(BuildProcess *process, bool keep = true)
    {
        QObject::connect(process, &BuildProcess::output, process, [this, keep](OutputStream stream, const QByteArray &data) {
            bytes[int(stream)] += data.size();
            ++chunks;
            maxChunk = qMax(maxChunk, data.size());
            if (keep) {
                events.append({stream, data});
                text[int(stream)] += data;
            }
        });
        QObject::connect(process, &BuildProcess::finished, process, [this](const BuildExit &e) {
            exit = e;
            ++finishedCount;
        });
    }
    qint64 total() const { return bytes[0] + bytes[1]; }

    QList<QPair<OutputStream, QByteArray>> events;
    QByteArray text[2];
    qint64 bytes[2] = {0, 0};
    int chunks = 0;
    int maxChunk = 0;
    BuildExit exit;
    int finishedCount = 0;
};

BuildProcessOptions optionsFor(const QString &command, const QTemporaryDir &dir)
{
    BuildProcessOptions o;
    o.command = command;
    o.workingDirectory = dir.path();
    return o;
}

/** Starts @p options and waits for finished(); false (with a message) on failure. */
bool runToEnd(BuildProcess &process, const BuildProcessOptions &options, Recorder &recorder, int timeoutMs = 20000)
{
    const auto started = process.start(options);
    if (!started) {
        qWarning() << "start failed:" << started.errorString();
        return false;
    }
    QElapsedTimer timer;
    timer.start();
    while (recorder.finishedCount == 0 && timer.elapsed() < timeoutMs)
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
    return recorder.finishedCount == 1;
}

/** True when @p pid no longer runs: gone, or a zombie waiting for init to reap it. */
bool processGone(qint64 pid)
{
    if (::kill(pid_t(pid), 0) == -1 && errno == ESRCH)
        return true;
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return true;
    const QByteArray line = stat.readAll();
    const int close = line.lastIndexOf(')');
    return close > 0 && line.size() > close + 2 && line.at(close + 2) == 'Z';
}

qint64 readPidFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    // 0 until the shell has written the whole line ("echo $! > pidfile" truncates first).
    const QByteArray text = f.readAll();
    return text.endsWith('\n') ? text.trimmed().toLongLong() : 0;
}

/** kB value of @p key ("VmRSS", "VmHWM") in /proc/self/status. */
qint64 statusKb(const char *key)
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (line.startsWith(key))
            return line.mid(line.indexOf(':') + 1).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

/** Pid of the process named @p comm in process group @p pgrp, or 0. */
qint64 findInGroup(qint64 pgrp, const QByteArray &comm)
{
    const QStringList pids = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &p : pids) {
        QFile f(QStringLiteral("/proc/%1/stat").arg(p));
        if (!f.open(QIODevice::ReadOnly))
            continue;
        const QByteArray line = f.readAll();
        const int open = line.indexOf('(');
        const int close = line.lastIndexOf(')');
        if (open < 0 || close < 0)
            continue;
        const QList<QByteArray> rest = line.mid(close + 2).split(' ');
        if (line.mid(open + 1, close - open - 1) == comm && rest.size() > 2 && rest.at(2).toLongLong() == pgrp)
            return p.toLongLong();
    }
    return 0;
}

/** Bytes written by @p pid so far (wchar in /proc/<pid>/io), -1 if unreadable. */
qint64 bytesWrittenBy(qint64 pid)
{
    QFile f(QStringLiteral("/proc/%1/io").arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (line.startsWith("wchar:"))
            return line.mid(6).trimmed().toLongLong();
    }
    return -1;
}

} // namespace

class TestBuildProcess : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // As in the server: a write into a pipe nobody reads must fail with EPIPE, not kill us.
    void initTestCase() { ::signal(SIGPIPE, SIG_IGN); }
    void reportsExitCode_data();
    void reportsExitCode();
    void reportsDeathBySignal_data();
    void reportsDeathBySignal();
    void keepsOrderWithinEachStream();
    void keepsOrderAcrossStreamsForSeparatedWrites();
    void runsInWorkingDirectoryWithEnvironment();
    void stdinIsDevNull();
    void stdinPipeIsFedAndEnds();
    void stdinFeederReportsAReaderThatLeft();
    void terminalIsControllingWithOneStream();
    void terminalEndOfInputAndResize();
    void failsToSpawnInMissingDirectory();
    void rejectsInvalidEnvironmentName();
    void cancelKillsBackgroundChildren();
    void exitWithLeftoverChildFinishesPromptly();
    void childIgnoringTermIsKilledAfterGrace();
    void timeoutSetsTimedOut();
    void outputCapEmitsMarkerOnce();
    void neverSplitsUtf8AcrossChunks();
    void pausedOutputBlocksTheBuild();
    void largeOutputKeepsMemoryBounded();
    void detectsExitWithoutPidfd();
    void destructorKillsTheGroup();
    void deliversThroughQueuedConnectionsAndIsReusable();
};

void TestBuildProcess::reportsExitCode_data()
{
    QTest::addColumn<QString>("command");
    QTest::addColumn<int>("code");
    QTest::newRow("zero") << QStringLiteral("exit 0") << 0;
    QTest::newRow("one") << QStringLiteral("exit 1") << 1;
    QTest::newRow("42") << QStringLiteral("true; exit 42") << 42;
}

void TestBuildProcess::reportsExitCode()
{
    QFETCH(QString, command);
    QFETCH(int, code);
    QTemporaryDir dir;
    BuildProcess process;
    Recorder rec(&process);
    QVERIFY(runToEnd(process, optionsFor(command, dir), rec));
    QCOMPARE(rec.exit.code, code);
    QCOMPARE(rec.exit.signal, 0);
    QVERIFY(!rec.exit.timedOut);
    QVERIFY(!rec.exit.cancelled);
    QVERIFY(!process.isRunning());
    QCOMPARE(process.pid(), 0);
}

void TestBuildProcess::reportsDeathBySignal_data()
{
    QTest::addColumn<QString>("command");
    QTest::addColumn<int>("signal");
    QTest::newRow("SIGKILL") << QStringLiteral("kill -9 $$") << 9;
    QTest::newRow("SIGTERM") << QStringLiteral("kill -TERM $$") << 15;
}

void TestBuildProcess::reportsDeathBySignal()
{
    QFETCH(QString, command);
    QFETCH(int, signal);
    QTemporaryDir dir;
    BuildProcess process;
    Recorder rec(&process);
    QVERIFY(runToEnd(process, optionsFor(command, dir), rec));
    QCOMPARE(rec.exit.signal, signal);
    QCOMPARE(rec.exit.code, 128 + signal);
}

void TestBuildProcess::keepsOrderWithinEachStream()
{
    QTemporaryDir dir;
    BuildProcess process;
    Recorder rec(&process);
    const QString command = QStringLiteral("i=1; while [ $i -le 300 ]; do echo out$i; echo err$i >&2; i=$((i+1)); done");
    QVERIFY(runToEnd(process, optionsFor(command, dir), rec));
    QByteArray out;
    QByteArray err;
    for (int i = 1; i <= 300; ++i) {
        out += "out" + QByteArray::number(i) + '\n';
        err += "err" + QByteArray::number(i) + '\n';
    }
    QCOMPARE(rec.text[int(OutputStream::Stdout)], out);
    QCOMPARE(rec.text[int(OutputStream::Stderr)], err);
    QCOMPARE(rec.exit.outputBytes, qint64(out.size() + err.size()));
}

void TestBuildProcess::keepsOrderAcrossStreamsForSeparatedWrites()
{
    QTemporaryDir dir;
    BuildProcess process;
    Recorder rec(&process);
    // The sleeps belong to the build under test: they separate its writes in time (generously,
    // so a loaded CI machine still reads each write before the next one happens).
    const QString command = QStringLiteral("echo A; sleep 0.2; echo B >&2; sleep 0.2; echo C; sleep 0.2; echo D >&2");
    QVERIFY(runToEnd(process, optionsFor(command, dir), rec));
    QStringList seen;
    for (const auto &event : qAsConst(rec.events))
        seen << (event.first == OutputStream::Stdout ? QStringLiteral("out:") : QStringLiteral("err:")) + QString::fromUtf8(event.second.trimmed());
    QCOMPARE(seen, QStringList({QStringLiteral("out:A"), QStringLiteral("err:B"), QStringLiteral("out:C"), QStringLiteral("err:D")}));
}

void TestBuildProcess::runsInWorkingDirectoryWithEnvironment()
{
    QTemporaryDir dir;
    BuildProcess process;
    Recorder rec(&process);
    BuildProcessOptions o = optionsFor(QStringLiteral("printf '%s|%s|%s' \"$(pwd -P)\" \"$FOO\" \"$BUILD_SERVICE\""), dir);
    o.env.insert(QStringLiteral("FOO"), QStringLiteral("bar baz"));
    QVERIFY(runToEnd(process, o, rec));
    const QString canonical = QDir(dir.path()).canonicalPath();
    QCOMPARE(QString::fromUtf8(rec.text[0]), canonical + QStringLiteral("|bar baz|1"));
}

void TestBuildProcess::stdinIsDevNull()
{
    QTemporaryDir dir;
    BuildProcess process;
    Recorder rec(&process);
    QVERIFY(runToEnd(process, optionsFor(QStringLiteral("cat; echo done"), dir), rec, 5000));
    QCOMPARE(rec.text[0], QByteArray("done\n"));
}

void TestBuildProcess::stdinPipeIsFedAndEnds()
{
    QTemporaryDir dir;
    BuildProcess process;
    Recorder rec(&process);
    BuildProcessOptions o = optionsFor(QStringLiteral("readlink /proc/self/fd/0 | cut -c1-5; wc -c; echo done"), dir);
    o.stdinPipe = true;
    QVERIFY(process.start(o));
    const int fd = process.takeInputFd();
    QVERIFY(fd >= 0);
    QCOMPARE(process.takeInputFd(), -1);
    // More than a pipe holds: the feeder writes as the command reads.
    StdinFeeder feeder(fd, false);
    qint64 consumed = 0;
    connect(&feeder, &StdinFeeder::consumed, this, [&consumed](qint64 total) { consumed = total; });
    feeder.write(QByteArray(300000, 'x'));
    feeder.finish();
    QTRY_COMPARE_WITH_TIMEOUT(rec.finishedCount, 1, 20000);
    QCOMPARE(rec.text[0], QByteArray("pipe:\n300000\ndone\n"));
    QCOMPARE(consumed, qint64(300000));
    QCOMPARE(rec.exit.code, 0);
}

void TestBuildProcess::stdinFeederReportsAReaderThatLeft()
{
    QTemporaryDir dir;
    BuildProcess process;
    Recorder rec(&process);
    BuildProcessOptions o = optionsFor(QStringLiteral("exec 0<&-; echo closed; sleep 600"), dir);
    o.stdinPipe = true;
    QVERIFY(process.start(o));
    StdinFeeder feeder(process.takeInputFd(), false);
    QSignalSpy gone(&feeder, &StdinFeeder::readerGone);
    QTRY_COMPARE_WITH_TIMEOUT(rec.text[0], QByteArray("closed\n"), 20000);
    feeder.write("nobody reads this");
    QCOMPARE(gone.count(), 1);
    QVERIFY(feeder.isReaderGone());
    feeder.write("nor this"); // ignored, no second signal
    QCOMPARE(gone.count(), 1);
    process.cancel();
    QTRY_COMPARE_WITH_TIMEOUT(rec.finishedCount, 1, 20000);
}

void TestBuildProcess::terminalIsControllingWithOneStream()
{
    QTemporaryDir dir;
    BuildProcess process;
    Recorder rec(&process);
    BuildProcessOptions o = optionsFor(QStringLiteral("test -t 0 && test -t 1 && test -t 2 && echo tty; stty size; "
                                                      "echo controlling > /dev/tty; echo err >&2; exit 4"),
                                       dir);
    o.terminal = WindowSize{33, 77};
    QVERIFY(runToEnd(process, o, rec));
    QCOMPARE(rec.text[0], QByteArray("tty\n33 77\ncontrolling\nerr\n"));
    QCOMPARE(rec.text[1], QByteArray());
    QCOMPARE(rec.exit.code, 4);
}

void TestBuildProcess::terminalEndOfInputAndResize()
{
    QTemporaryDir dir;
    {
        BuildProcess process;
        Recorder rec(&process);
        BuildProcessOptions o = optionsFor(QStringLiteral("trap 'stty size; exit 0' WINCH; echo ready; while :; do sleep 0.05; done"), dir);
        o.terminal = WindowSize{24, 80};
        QVERIFY(process.start(o));
        QTRY_VERIFY_WITH_TIMEOUT(rec.text[0].contains("ready\n"), 20000);
        QVERIFY(process.setWindowSize(WindowSize{50, 132}));
        QTRY_COMPARE_WITH_TIMEOUT(rec.finishedCount, 1, 20000);
        QCOMPARE(rec.text[0], QByteArray("ready\n50 132\n"));
    }
    BuildProcess process;
    Recorder rec(&process);
    BuildProcessOptions o = optionsFor(QStringLiteral("stty -echo; echo ready; cat; echo; echo eof"), dir);
    o.terminal = WindowSize{24, 80};
    QVERIFY(process.start(o));
    StdinFeeder feeder(process.takeInputFd(), true);
    QTRY_VERIFY_WITH_TIMEOUT(rec.text[0].contains("ready\n"), 20000);
    // A last line without a newline still arrives; ^D twice then ends the input.
    feeder.write("one\ntwo");
    feeder.finish();
    QTRY_COMPARE_WITH_TIMEOUT(rec.finishedCount, 1, 20000);
    QCOMPARE(rec.text[0], QByteArray("ready\none\ntwo\neof\n"));
    QCOMPARE(rec.exit.code, 0);
}

void TestBuildProcess::failsToSpawnInMissingDirectory()
{
    QTemporaryDir dir;
    BuildProcess process;
    BuildProcessOptions o = optionsFor(QStringLiteral("true"), dir);
    o.workingDirectory = dir.filePath(QStringLiteral("missing"));
    const auto started = process.start(o);
    QVERIFY(!started);
    QCOMPARE(started.errorCode(), ErrorCode::SpawnFailed);
    QCOMPARE(started.errorString(), QStringLiteral("cannot enter working directory %1: No such file or directory").arg(o.workingDirectory));
    QVERIFY(!process.isRunning());
}

void TestBuildProcess::rejectsInvalidEnvironmentName()
{
    QTemporaryDir dir;
    BuildProcess process;
    BuildProcessOptions o = optionsFor(QStringLiteral("true"), dir);
    o.env.insert(QStringLiteral("A=B"), QStringLiteral("x"));
    const auto started = process.start(o);
    QVERIFY(!started);
    QCOMPARE(started.errorCode(), ErrorCode::SpawnFailed);
    QCOMPARE(started.errorString(), QStringLiteral("invalid environment variable name 'A=B'"));
}

void TestBuildProcess::cancelKillsBackgroundChildren()
{
    QTemporaryDir dir;
    const QString pidFile = dir.filePath(QStringLiteral("pidfile"));
    BuildProcess process;
    Recorder rec(&process);
    QVERIFY(process.start(optionsFor(QStringLiteral("sleep 1000 & echo $! > pidfile; wait"), dir)));
    QTRY_VERIFY(readPidFile(pidFile) > 0);
    const qint64 child = readPidFile(pidFile);
    QVERIFY(!processGone(child));
    process.cancel();
    QTRY_COMPARE_WITH_TIMEOUT(rec.finishedCount, 1, 10000);
    QVERIFY(rec.exit.cancelled);
    QVERIFY(!rec.exit.timedOut);
    QCOMPARE(rec.exit.signal, SIGTERM);
    QCOMPARE(rec.exit.code, 128 + SIGTERM);
    QTRY_VERIFY_WITH_TIMEOUT(processGone(child), 10000);
}

void TestBuildProcess::exitWithLeftoverChildFinishesPromptly()
{
    QTemporaryDir dir;
    const QString pidFile = dir.filePath(QStringLiteral("pidfile"));
    BuildProcess process;
    Recorder rec(&process);
    BuildProcessOptions o = optionsFor(QStringLiteral("sleep 1000 & echo $! > pidfile; exit 0"), dir);
    o.killGraceMs = 20000; // finishing promptly must not depend on the SIGKILL fallback
    QElapsedTimer timer;
    timer.start();
    QVERIFY(runToEnd(process, o, rec, 15000));
    QVERIFY2(timer.elapsed() < 5000, qPrintable(QString::number(timer.elapsed())));
    QCOMPARE(rec.exit.code, 0);
    const qint64 child = readPidFile(pidFile);
    QVERIFY(child > 0);
    QTRY_VERIFY_WITH_TIMEOUT(processGone(child), 10000);
}

void TestBuildProcess::childIgnoringTermIsKilledAfterGrace()
{
    QTemporaryDir dir;
    const QString pidFile = dir.filePath(QStringLiteral("pidfile"));
    BuildProcess process;
    Recorder rec(&process);
    // The child ignores SIGTERM and closed its output, so only the grace SIGKILL stops it.
    BuildProcessOptions o = optionsFor(QStringLiteral("(trap '' TERM; exec sleep 1000 >/dev/null 2>&1) & echo $! > pidfile; exit 3"), dir);
    o.killGraceMs = 300;
    QVERIFY(runToEnd(process, o, rec, 15000));
    QCOMPARE(rec.exit.code, 3);
    const qint64 child = readPidFile(pidFile);
    QVERIFY(child > 0);
    // finished() is only emitted once no live member is left.
    QVERIFY(processGone(child));
}

void TestBuildProcess::timeoutSetsTimedOut()
{
    QTemporaryDir dir;
    BuildProcess process;
    Recorder rec(&process);
    BuildProcessOptions o = optionsFor(QStringLiteral("echo started; sleep 1000"), dir);
    o.timeoutMs = 200;
    QVERIFY(runToEnd(process, o, rec, 10000));
    QVERIFY(rec.exit.timedOut);
    QVERIFY(!rec.exit.cancelled);
    QCOMPARE(rec.exit.code, 128 + SIGTERM);
    QCOMPARE(rec.text[0], QByteArray("started\n"));
    QVERIFY(rec.exit.durationMs >= 200);
}

void TestBuildProcess::outputCapEmitsMarkerOnce()
{
    QTemporaryDir dir;
    BuildProcess process;
    Recorder rec(&process);
    BuildProcessOptions o = optionsFor(QStringLiteral("head -c 100000 /dev/zero | tr '\\0' a; echo tail >&2"), dir);
    o.maxOutputBytes = 1000;
    o.chunkBytes = 300;
    QVERIFY(runToEnd(process, o, rec));
    const QByteArray marker("\n[build-service] output truncated after 1000 bytes\n");
    QCOMPARE(rec.text[0], QByteArray(1000, 'a') + marker);
    QVERIFY(rec.text[1].isEmpty()); // everything after the cap is discarded, on both streams
    QVERIFY(rec.exit.outputTruncated);
    QCOMPARE(rec.exit.outputBytes, qint64(100000 + 5));
    QCOMPARE(rec.exit.code, 0);
}

void TestBuildProcess::neverSplitsUtf8AcrossChunks()
{
    QTemporaryDir dir;
    BuildProcess process;
    Recorder rec(&process);
    const QString line = QString(50, QChar(0xE9)); // "é" x 50 + "\n" = 101 bytes
    BuildProcessOptions o = optionsFor(QStringLiteral("yes '%1' | head -c 206848").arg(line), dir);
    o.chunkBytes = 1001; // odd, so raw reads would end inside a character
    QVERIFY(runToEnd(process, o, rec));
    QCOMPARE(rec.bytes[0], qint64(206848));
    QVERIFY(rec.maxChunk <= 1001);
    int shortened = 0;
    for (const auto &event : qAsConst(rec.events)) {
        QCOMPARE(QString::fromUtf8(event.second).toUtf8(), event.second);
        if (event.second.size() == 1000)
            ++shortened;
    }
    QVERIFY(shortened > 0);
}

void TestBuildProcess::pausedOutputBlocksTheBuild()
{
    QTemporaryDir dir;
    const QString marker = dir.filePath(QStringLiteral("printing"));
    const QString done = dir.filePath(QStringLiteral("done"));
    BuildProcess process;
    Recorder rec(&process, false);
    process.setOutputPaused(true);
    // 50 MB in 4 KiB writes: dd's write counter shows when the pipe is full.
    QVERIFY(process.start(optionsFor(QStringLiteral("touch printing; dd if=/dev/zero bs=4096 count=12800 2>/dev/null; touch done"), dir)));
    QTRY_VERIFY(QFile::exists(marker));
    qint64 dd = 0;
    QTRY_VERIFY((dd = findInGroup(process.pid(), "dd")) > 0);
    if (bytesWrittenBy(dd) < 0)
        QSKIP("/proc/<pid>/io is not readable here");
    QTRY_VERIFY(bytesWrittenBy(dd) >= 64 * 1024);
    const qint64 written = bytesWrittenBy(dd);
    QVERIFY2(written < 2 * 1024 * 1024, qPrintable(QString::number(written)));
    QVERIFY(process.isRunning());
    QCOMPARE(rec.total(), qint64(0));
    QVERIFY(!QFile::exists(done));
    QCOMPARE(bytesWrittenBy(dd), written); // blocked on the full pipe, not progressing

    process.setOutputPaused(false);
    QTRY_COMPARE_WITH_TIMEOUT(rec.finishedCount, 1, 20000);
    QCOMPARE(rec.bytes[0], qint64(50) * 1024 * 1024);
    QCOMPARE(rec.exit.code, 0);
    QVERIFY(QFile::exists(done));
}

void TestBuildProcess::largeOutputKeepsMemoryBounded()
{
#ifdef __SANITIZE_ADDRESS__
    QSKIP("AddressSanitizer keeps freed memory in quarantine, so the RSS says nothing here; the normal build runs this check");
#endif
    QTemporaryDir dir;
    {
        // Reset the peak so VmHWM measures this test only.
        QFile clear(QStringLiteral("/proc/self/clear_refs"));
        if (clear.open(QIODevice::WriteOnly))
            clear.write("5");
    }
    const qint64 before = statusKb("VmRSS");
    BuildProcess process;
    Recorder rec(&process, false);
    QVERIFY(runToEnd(process, optionsFor(QStringLiteral("head -c 104857600 /dev/zero"), dir), rec, 25000));
    QCOMPARE(rec.bytes[0], qint64(104857600));
    QCOMPARE(rec.exit.outputBytes, qint64(104857600));
    QVERIFY(rec.maxChunk <= 64 * 1024);
    const qint64 peak = statusKb("VmHWM");
    QVERIFY2(peak - before < 30 * 1024, qPrintable(QStringLiteral("RSS grew by %1 kB").arg(peak - before)));
}

void TestBuildProcess::detectsExitWithoutPidfd()
{
    Internal::setPidfdEnabled(false);
    QTemporaryDir dir;
    BuildProcess process;
    Recorder rec(&process);
    const bool ok = runToEnd(process, optionsFor(QStringLiteral("echo hi; exit 42"), dir), rec);
    Internal::setPidfdEnabled(true);
    QVERIFY(ok);
    QCOMPARE(rec.exit.code, 42);
    QCOMPARE(rec.text[0], QByteArray("hi\n"));
}

void TestBuildProcess::destructorKillsTheGroup()
{
    QTemporaryDir dir;
    const QString pidFile = dir.filePath(QStringLiteral("pidfile"));
    auto process = std::make_unique<BuildProcess>();
    QVERIFY(process->start(optionsFor(QStringLiteral("sleep 1000 & echo $! > pidfile; wait"), dir)));
    QTRY_VERIFY(readPidFile(pidFile) > 0);
    const qint64 child = readPidFile(pidFile);
    const qint64 shell = process->pid();
    process.reset();
    QTRY_VERIFY_WITH_TIMEOUT(processGone(child), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(processGone(shell), 10000);
}

void TestBuildProcess::deliversThroughQueuedConnectionsAndIsReusable()
{
    // Queued delivery needs the signal argument types registered as metatypes.
    QTemporaryDir dir;
    BuildProcess process;
    QObject receiver;
    QByteArray out;
    QList<BuildExit> exits;
    connect(&process, &BuildProcess::output, &receiver, [&](OutputStream, const QByteArray &data) { out += data; }, Qt::QueuedConnection);
    connect(&process, &BuildProcess::finished, &receiver, [&](const BuildExit &e) { exits.append(e); }, Qt::QueuedConnection);
    QVERIFY(process.start(optionsFor(QStringLiteral("echo one; exit 5"), dir)));
    QTRY_COMPARE(exits.size(), 1);
    QCOMPARE(exits.at(0).code, 5);
    QVERIFY(process.start(optionsFor(QStringLiteral("echo two"), dir)));
    QTRY_COMPARE(exits.size(), 2);
    QCOMPARE(exits.at(1).code, 0);
    QCOMPARE(out, QByteArray("one\ntwo\n"));
}

QTEST_GUILESS_MAIN(TestBuildProcess)
#include "tst_buildprocess.moc"
