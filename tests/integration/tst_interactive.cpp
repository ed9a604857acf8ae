// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: BSD-2-Clause

// Interactive remote commands: stdin forwarded (EOF included), --tty with its window size.
#include "protocol/messages.h"
#include "rawclient.h"
#include "serverprocess.h"
#include "tarbuilder.h"

#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <vector>

#include <csignal>
#include <poll.h>
#include <pty.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace BuildService;
using namespace BuildService::Test;

namespace {

/**
 * Runs a program on a pseudo-terminal of its own (it is the session leader with the terminal
 * as its controlling one, as in a shell), like a user's terminal: the test reads what it
 * shows and can resize it.
 */
class PtyRun
{
public:
    ~PtyRun()
    {
        if (m_pid > 0) {
            ::kill(m_pid, SIGKILL);
            ::waitpid(m_pid, nullptr, 0);
        }
        if (m_master >= 0)
            ::close(m_master);
    }

    bool start(const QStringList &args, const QString &dir, int rows, int columns)
    {
        std::vector<QByteArray> store;
        store.push_back(QFile::encodeName(binaryPath("build-service")));
        for (const QString &arg : args)
            store.push_back(arg.toUtf8());
        std::vector<char *> argv;
        for (QByteArray &a : store)
            argv.push_back(a.data());
        argv.push_back(nullptr);
        const QByteArray workDir = QFile::encodeName(dir);
        winsize ws{};
        ws.ws_row = static_cast<unsigned short>(rows);
        ws.ws_col = static_cast<unsigned short>(columns);
        m_pid = ::forkpty(&m_master, nullptr, nullptr, &ws);
        if (m_pid < 0)
            return false;
        if (m_pid == 0) {
            if (::chdir(workDir.constData()) != 0)
                _exit(126);
            ::setenv("TERM", "xterm", 1);
            ::execv(argv[0], argv.data());
            _exit(127);
        }
        return true;
    }

    /** Reads until @p needle was shown; false after @p timeoutMs or at the end. */
    bool readUntil(const QByteArray &needle, int timeoutMs = 60000)
    {
        QElapsedTimer clock;
        clock.start();
        while (!m_output.contains(needle)) {
            if (clock.hasExpired(timeoutMs) || !readSome(1000))
                return m_output.contains(needle);
        }
        return true;
    }

    /** Reads to the end and returns the exit code (-1 on timeout or a signal). */
    int wait(int timeoutMs = 120000)
    {
        QElapsedTimer clock;
        clock.start();
        while (!clock.hasExpired(timeoutMs)) {
            if (!readSome(1000) && m_eof)
                break;
        }
        int status = 0;
        if (!m_eof || ::waitpid(m_pid, &status, 0) != m_pid)
            return -1;
        m_pid = -1;
        return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    }

    /** Like a terminal window dragged to a new size: the program gets SIGWINCH. */
    bool resize(int rows, int columns)
    {
        winsize ws{};
        ws.ws_row = static_cast<unsigned short>(rows);
        ws.ws_col = static_cast<unsigned short>(columns);
        return ::ioctl(m_master, TIOCSWINSZ, &ws) == 0;
    }

    QByteArray output() const { return m_output; }

private:
    bool readSome(int timeoutMs)
    {
        if (m_eof)
            return false;
        pollfd p{m_master, POLLIN, 0};
        if (::poll(&p, 1, timeoutMs) <= 0)
            return true; // nothing yet; the caller's clock decides
        char buffer[65536];
        const ssize_t n = ::read(m_master, buffer, sizeof buffer);
        if (n <= 0) {
            m_eof = true; // EIO: the program and everything it started closed the terminal
            return false;
        }
        m_output.append(buffer, int(n));
        return true;
    }

    pid_t m_pid = -1;
    int m_master = -1;
    bool m_eof = false;
    QByteArray m_output;
};

} // namespace

class TestInteractive : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        QVERIFY(m_server.start(m_tmp.filePath(QStringLiteral("data"))));
        m_checkout = writeTree(m_tmp.filePath(QStringLiteral("checkout")),
                               {{QStringLiteral(".build-service/keep"), QByteArray()},
                                {QStringLiteral("src/main.c"), QByteArray("int main(void) { return 0; }\n")}});
        QVERIFY(!m_checkout.isEmpty());
    }

    void cleanupTestCase() { QVERIFY(m_server.stop()); }

    void stdinRoundTripIsByteIdentical()
    {
        // 10 MB of random bytes from a file (stdin is forwarded by default) through `cat`.
        QByteArray input(10 * 1024 * 1024, Qt::Uninitialized);
        QRandomGenerator generator(14);
        for (int i = 0; i < input.size(); i += 4) {
            const quint32 word = generator.generate();
            memcpy(input.data() + i, &word, 4);
        }
        const QString inFile = m_tmp.filePath(QStringLiteral("random.bin"));
        const QString outFile = m_tmp.filePath(QStringLiteral("random.out"));
        QVERIFY(writeFile(inFile, input));
        QProcess cli;
        cli.setWorkingDirectory(m_checkout);
        cli.setStandardInputFile(inFile);
        cli.setStandardOutputFile(outFile);
        cli.start(binaryPath("build-service"), {QStringLiteral("build"), QStringLiteral("--server"), m_server.url(), QStringLiteral("--"),
                                                QStringLiteral("cat")});
        QVERIFY(cli.waitForFinished(300000));
        const QByteArray err = cli.readAllStandardError();
        QVERIFY2(cli.exitCode() == 0, err.constData());
        QVERIFY2(err.contains("forwarding stdin"), err.constData());
        const QByteArray output = readFile(outFile);
        QCOMPARE(output.size(), input.size());
        QVERIFY(output == input);
    }

    void endOfInputReachesTheCommand()
    {
        // A pipe: the command ends only because the end of our input reaches it.
        QProcess cli;
        cli.setWorkingDirectory(m_checkout);
        cli.start(binaryPath("build-service"), {QStringLiteral("build"), QStringLiteral("-q"), QStringLiteral("--stdin"),
                                                QStringLiteral("--server"), m_server.url(), QStringLiteral("--"),
                                                QStringLiteral("wc -l; echo after-eof")});
        QVERIFY(cli.waitForStarted());
        cli.write("one\ntwo\nthree\n");
        cli.closeWriteChannel();
        QVERIFY(cli.waitForFinished(120000));
        const QByteArray err = cli.readAllStandardError();
        QVERIFY2(cli.exitCode() == 0, err.constData());
        QCOMPARE(cli.readAllStandardOutput(), QByteArray("3\nafter-eof\n"));
    }

    void withoutStdinTheCommandReadsDevNull()
    {
        // Nothing to forward (/dev/null, as CI gives): the command's stdin is /dev/null too.
        const CliResult plain = runCli({QStringLiteral("build"), QStringLiteral("-q"), QStringLiteral("--server"), m_server.url(),
                                        QStringLiteral("--"), QStringLiteral("readlink /proc/self/fd/0; cat; echo end")},
                                       m_checkout);
        QVERIFY2(plain.exitCode == 0, plain.err.constData());
        QCOMPARE(plain.out, QByteArray("/dev/null\nend\n"));
        QVERIFY2(!plain.err.contains("forwarding stdin"), plain.err.constData());

        // --no-stdin with a pipe that never ends (as an IDE gives): /dev/null, and it ends.
        QProcess cli;
        cli.setWorkingDirectory(m_checkout);
        cli.start(binaryPath("build-service"), {QStringLiteral("build"), QStringLiteral("-q"), QStringLiteral("--no-stdin"),
                                                QStringLiteral("--server"), m_server.url(), QStringLiteral("--"),
                                                QStringLiteral("readlink /proc/self/fd/0; cat; echo end")});
        QVERIFY(cli.waitForStarted());
        cli.write("not for the command\n");
        QVERIFY(cli.waitForFinished(120000));
        QCOMPARE(cli.exitCode(), 0);
        QCOMPARE(cli.readAllStandardOutput(), QByteArray("/dev/null\nend\n"));
    }

    void stdinBuildsBypassTheCache()
    {
        // The same request twice: with stdin never replayed (reason "stdin"), without it replayed.
        const auto run = [this](bool withStdin) {
            RawClient client;
            if (!client.handshake(m_server.url()))
                return QJsonObject();
            QJsonObject request{{QStringLiteral("type"), QStringLiteral("build")},
                                {QStringLiteral("command"), QStringLiteral("cat")},
                                {QStringLiteral("upload"), QJsonObject{{QStringLiteral("format"), QStringLiteral("tar")}}}};
            if (withStdin)
                request.insert(QStringLiteral("stdin"), true);
            client.send(request);
            if (client.waitFor(QStringLiteral("accepted")).isEmpty())
                return QJsonObject();
            TarBuilder tar;
            tar.file("input.txt", "same\n");
            const QByteArray archive = tar.tar();
            client.sendBinary(archive);
            client.send(QJsonObject{{QStringLiteral("type"), QStringLiteral("upload_end")}, {QStringLiteral("bytes"), archive.size()}});
            const QJsonObject started = client.waitFor(QStringLiteral("started"));
            if (withStdin && !started.value(QLatin1String("cached")).toBool()) {
                client.send(InputMessage{QByteArray("typed\n"), true}.toJson());
                const QJsonObject ack = client.waitFor(QStringLiteral("input_ack"));
                if (ack.value(QLatin1String("bytes")).toInt() != 6)
                    return QJsonObject();
            }
            QJsonObject exit = client.waitFor(QStringLiteral("exit"));
            exit.insert(QStringLiteral("stdout"), QString::fromUtf8(client.output(QStringLiteral("stdout"))));
            return exit;
        };
        for (int i = 0; i < 2; ++i) {
            const QJsonObject exit = run(true);
            QVERIFY(!exit.isEmpty());
            QCOMPARE(exit.value(QLatin1String("stdout")).toString(), QStringLiteral("typed\n"));
            QCOMPARE(exit.value(QLatin1String("cached")).toBool(), false);
            QCOMPARE(exit.value(QLatin1String("cache")).toObject().value(QLatin1String("reason")).toString(), QStringLiteral("stdin"));
        }
        QCOMPARE(run(false).value(QLatin1String("cached")).toBool(), false);
        const QJsonObject replayed = run(false);
        QCOMPARE(replayed.value(QLatin1String("cached")).toBool(), true);
        QCOMPARE(replayed.value(QLatin1String("stdout")).toString(), QString());
    }

    void inputWithoutStdinIsRefused()
    {
        RawClient client;
        QVERIFY(client.handshake(m_server.url()));
        client.send(QJsonObject{{QStringLiteral("type"), QStringLiteral("build")},
                                {QStringLiteral("command"), QStringLiteral("sleep 600")},
                                {QStringLiteral("cache"), QJsonObject{{QStringLiteral("mode"), QStringLiteral("off")}}},
                                {QStringLiteral("upload"), QJsonObject{{QStringLiteral("format"), QStringLiteral("tar")}}}});
        QVERIFY(!client.waitFor(QStringLiteral("accepted")).isEmpty());
        const QByteArray archive = TarBuilder().file("a", "a").tar();
        client.sendBinary(archive);
        client.send(QJsonObject{{QStringLiteral("type"), QStringLiteral("upload_end")}, {QStringLiteral("bytes"), archive.size()}});
        QVERIFY(!client.waitFor(QStringLiteral("started")).isEmpty());
        client.send(InputMessage{QByteArray("x"), false}.toJson());
        const QJsonObject error = client.waitFor(QStringLiteral("error"));
        QCOMPARE(error.value(QLatin1String("code")).toString(), QStringLiteral("invalid_request"));
        QVERIFY(error.value(QLatin1String("message")).toString().contains(QLatin1String("did not ask for stdin")));
        client.send(QJsonObject{{QStringLiteral("type"), QStringLiteral("cancel")}});
        QVERIFY(client.waitFor(QStringLiteral("exit")).value(QLatin1String("cancelled")).toBool());
    }

    void ttyIsATerminalWithColoursAndTheWindowSize()
    {
        // Default on a terminal: --tty. A directory for ls to colour.
        QVERIFY(writeFile(m_checkout + QLatin1String("/somedir/file.txt"), "x"));
        PtyRun run;
        QVERIFY(run.start({QStringLiteral("build"), QStringLiteral("-q"), QStringLiteral("--server"), m_server.url(), QStringLiteral("--"),
                           QStringLiteral("test -t 0 && test -t 1 && test -t 2 && echo all-terminals; stty size; "
                                          "ls --color=auto -d somedir; echo \"TERM=$TERM\"; echo to-stderr >&2; exit 3")},
                          m_checkout, 33, 77));
        QCOMPARE(run.wait(), 3);
        const QByteArray shown = run.output();
        QVERIFY2(shown.contains("all-terminals"), shown.constData());
        QVERIFY2(shown.contains("33 77"), shown.constData());
        // ls colours a directory only on a terminal: ESC [ ... m before the name.
        QVERIFY2(shown.contains("\x1b[") && shown.contains("somedir\x1b[0m"), shown.constData());
        QVERIFY2(shown.contains("TERM=xterm"), shown.constData());
        QVERIFY2(shown.contains("to-stderr"), shown.constData());
        // One carriage return per line, from our terminal, not a second one from the remote one.
        QVERIFY2(!shown.contains("\r\r\n"), shown.constData());
    }

    void noTtyOnATerminal()
    {
        PtyRun run;
        QVERIFY(run.start({QStringLiteral("build"), QStringLiteral("-q"), QStringLiteral("--no-tty"), QStringLiteral("--server"),
                           m_server.url(), QStringLiteral("--"), QStringLiteral("test -t 1 || echo not-a-terminal; ls --color=auto -d somedir")},
                          m_checkout, 33, 77));
        QCOMPARE(run.wait(), 0);
        QVERIFY2(run.output().contains("not-a-terminal"), run.output().constData());
        QVERIFY2(!run.output().contains("\x1b["), run.output().constData());
    }

    void windowSizeFollowsTheLocalTerminal()
    {
        PtyRun run;
        QVERIFY(run.start({QStringLiteral("build"), QStringLiteral("-q"), QStringLiteral("--server"), m_server.url(), QStringLiteral("--"),
                           QStringLiteral("trap 'echo \"resized to $(stty size)\"; exit 7' WINCH; echo ready; "
                                          "while :; do sleep 0.1; done")},
                          m_checkout, 24, 80));
        QVERIFY2(run.readUntil("ready"), run.output().constData());
        QVERIFY(run.resize(40, 100));
        QCOMPARE(run.wait(), 7);
        QVERIFY2(run.output().contains("resized to 40 100"), run.output().constData());
    }

    void ttyBuildsAreCachedApartFromOthers()
    {
        const QStringList build{QStringLiteral("build"), QStringLiteral("--server"), m_server.url(), QStringLiteral("--"),
                                QStringLiteral("test -t 1 && echo terminal || echo no-terminal")};
        for (const QByteArray &expected : {QByteArray("live"), QByteArray("replaying from cache")}) {
            PtyRun run;
            QVERIFY(run.start(build, m_checkout, 24, 80));
            QCOMPARE(run.wait(), 0);
            QVERIFY2(run.output().contains("\nterminal") || run.output().startsWith("terminal"), run.output().constData());
            if (expected == "live")
                QVERIFY2(!run.output().contains("replaying from cache"), run.output().constData());
            else
                QVERIFY2(run.output().contains(expected), run.output().constData());
        }
        // Not a terminal: the recording made in one is not replayed.
        const CliResult plain = runCli(build, m_checkout);
        QVERIFY2(plain.exitCode == 0, plain.err.constData());
        QCOMPARE(plain.out, QByteArray("no-terminal\n"));
        QVERIFY2(!plain.err.contains("replaying from cache"), plain.err.constData());
    }

private:
    QTemporaryDir m_tmp;
    ServerProcess m_server;
    QString m_checkout;
};

QTEST_GUILESS_MAIN(TestInteractive)
#include "tst_interactive.moc"
