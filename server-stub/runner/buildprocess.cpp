// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: GPL-2.0-or-later

// BuildProcess: fork/exec of /bin/sh -c in a new session (or in a bubblewrap sandbox), pipe reading with back-pressure.
#include "runner/buildprocess.h"

#include "runner/pseudoterminal.h"

#include <QElapsedTimer>
#include <QFile>
#include <QLoggingCategory>
#include <QPointer>
#include <QRegularExpression>
#include <QSocketNotifier>
#include <QTimer>

#include <atomic>
#include <limits>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <thread>
#include <utility>
#include <vector>

#include <fcntl.h>
#include <sys/ioctl.h>
#include <poll.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef SYS_pidfd_open
#define SYS_pidfd_open 434
#endif
#ifndef SYS_close_range
#define SYS_close_range 436
#endif
#ifndef SYS_pidfd_send_signal
#define SYS_pidfd_send_signal 424
#endif
#ifndef CLOSE_RANGE_CLOEXEC
#define CLOSE_RANGE_CLOEXEC (1U << 2)
#endif

namespace BuildService {

namespace {

Q_LOGGING_CATEGORY(lcRunner, "buildservice.server.runner", QtInfoMsg)

std::atomic<bool> s_pidfdEnabled{true};

// How long to wait for EOF after SIGKILL: only a process that left the group (setsid) and kept
// the pipe can hold it open that long; we stop waiting for it then.
constexpr int EofAfterKillMs = 2000;
// Polling period for the waitpid fallback and for stragglers of the group after the exit.
constexpr int PollMs = 10;
// Reads per notifier activation, so one chatty stream cannot starve the event loop.
constexpr int ReadsPerActivation = 16;

// Stages the child reports through the exec-status pipe when it fails before exec.
enum ChildStage : int { StageSetsid = 1, StageRedirect = 2, StageChdir = 3, StageExec = 4, StageLimits = 5, StageTerminal = 6 };

// The descriptors bwrap gets for --info-fd and --block-fd.
constexpr int s_infoFd = 3;
constexpr int s_blockFd = 4;

/**
 * Number of bytes at the end of @p data that start a UTF-8 sequence not yet complete (0..3).
 * Invalid bytes count as complete so binary output is never held back more than 3 bytes.
 */
int incompleteUtf8Tail(const char *data, int size)
{
    for (int k = 1; k <= 3 && k <= size; ++k) {
        const auto b = static_cast<unsigned char>(data[size - k]);
        if ((b & 0xC0) == 0x80)
            continue; // continuation byte: look further back for the lead byte
        if (b < 0x80)
            return 0;
        int need = 1;
        if ((b & 0xE0) == 0xC0)
            need = 2;
        else if ((b & 0xF0) == 0xE0)
            need = 3;
        else if ((b & 0xF8) == 0xF0)
            need = 4;
        return need > k ? k : 0;
    }
    return 0;
}

QString errnoText(int error)
{
    return QString::fromLocal8Bit(strerror(error));
}

int raiseAboveStdio(int fd)
{
    // A server started with a closed stdio fd would get 0..2 from pipe2(); dup2 onto 0..2 in the
    // child would then clobber it.
    if (fd > 2)
        return fd;
    const int moved = fcntl(fd, F_DUPFD_CLOEXEC, 3);
    ::close(fd);
    return moved;
}

// Notifiers are dropped from inside their own activated() signal: delete them later.
void dropNotifier(std::unique_ptr<QSocketNotifier> &notifier)
{
    if (!notifier)
        return;
    notifier->setEnabled(false);
    notifier.release()->deleteLater();
}

[[noreturn]] void childFail(int statusFd, int stage)
{
    const int msg[2] = {stage, errno};
    // In the forked child nothing but _exit is safe; if even this write fails, the parent
    // still sees exit status 127 and reports that the command could not be started.
    ssize_t ignored = ::write(statusFd, msg, sizeof msg);
    (void)ignored;
    _exit(127);
}

} // namespace

void Internal::setPidfdEnabled(bool enabled)
{
    s_pidfdEnabled = enabled;
}

class BuildProcess::Private
{
public:
    enum class State { Idle, Running, Exited };

    struct Pipe {
        int fd = -1;
        std::unique_ptr<QSocketNotifier> notifier;
        QByteArray carry; // incomplete UTF-8 sequence held back for the next chunk
        bool eof = true;
        OutputStream stream = OutputStream::Stdout;
    };

    explicit Private(BuildProcess *q) : q(q) {}

    void onPipeReadable(int index);
    void deliver(OutputStream stream, QByteArray chunk);
    void onMainExited(int status);
    void pollMain();
    void terminate();
    void onGraceExpired();
    void maybeFinish();
    void finish();
    bool signalGroup(int sig) const;
    bool groupHasLiveMembers() const;
    bool sandboxAlive() const;
    void closePipe(Pipe &pipe);
    void updateNotifiers();
    void releaseResources();

    BuildProcess *const q;
    State state = State::Idle;
    BuildProcessOptions options;
    pid_t pid = 0;
    int pidfd = -1;
    std::unique_ptr<QSocketNotifier> pidNotifier;
    QTimer waitpidPoll;
    QTimer timeoutTimer;
    QTimer graceTimer;
    QTimer groupPoll;
    QTimer eofTimer;
    Pipe pipes[2];
    int inputFd = -1;  ///< until takeInputFd()
    bool sandboxed = false;
    pid_t sandboxInit = 0;   ///< host pid of the sandbox's init (PID 1 inside), 0 if unknown
    int initPidfd = -1;
    Sandbox::LimitDiagnosis diagnosis;
    bool paused = false;
    bool termSent = false;
    bool killSent = false;
    bool eofExpired = false;
    bool truncated = false;
    qint64 forwarded = 0;
    BuildExit exit;
    QElapsedTimer clock;
};

void BuildProcess::Private::closePipe(Pipe &pipe)
{
    dropNotifier(pipe.notifier);
    if (pipe.fd >= 0)
        ::close(pipe.fd);
    pipe.fd = -1;
    pipe.eof = true;
}

void BuildProcess::Private::updateNotifiers()
{
    for (Pipe &pipe : pipes) {
        if (pipe.notifier)
            pipe.notifier->setEnabled(!paused && !pipe.eof);
    }
}

void BuildProcess::Private::onPipeReadable(int index)
{
    Pipe &pipe = pipes[index];
    QPointer<BuildProcess> guard(q);
    const int chunkBytes = qMax(16, options.chunkBytes);
    for (int round = 0; round < ReadsPerActivation && !paused && !pipe.eof; ++round) {
        const int carried = pipe.carry.size();
        QByteArray chunk(chunkBytes, Qt::Uninitialized);
        memcpy(chunk.data(), pipe.carry.constData(), size_t(carried));
        const ssize_t n = ::read(pipe.fd, chunk.data() + carried, size_t(chunkBytes - carried));
        if (n < 0) {
            if (errno == EINTR)
                continue;
            if (errno == EAGAIN || errno == EWOULDBLOCK)
                break;
            // A terminal's master reads EIO once no process holds its slave: its end of file.
            if (errno != EIO || !options.terminal)
                qCWarning(lcRunner) << "reading build output failed:" << errnoText(errno);
        }
        if (n <= 0) {
            // EOF: whatever is held back will never be completed; send it as it is.
            QByteArray rest = std::move(pipe.carry);
            pipe.carry.clear();
            closePipe(pipe);
            deliver(pipe.stream, std::move(rest));
            if (!guard)
                return;
            break;
        }
        exit.outputBytes += n;
        chunk.truncate(carried + int(n));
        const int tail = incompleteUtf8Tail(chunk.constData(), chunk.size());
        pipe.carry = chunk.right(tail);
        chunk.chop(tail);
        deliver(pipe.stream, std::move(chunk));
        if (!guard)
            return;
    }
    maybeFinish();
}

void BuildProcess::Private::deliver(OutputStream stream, QByteArray chunk)
{
    if (chunk.isEmpty() || truncated)
        return;
    if (sandboxed)
        diagnosis.observe(chunk);
    const qint64 max = options.maxOutputBytes;
    if (max > 0 && forwarded + chunk.size() > max) {
        QByteArray head = chunk.left(int(max - forwarded));
        head.chop(incompleteUtf8Tail(head.constData(), head.size()));
        forwarded += head.size();
        truncated = true;
        QPointer<BuildProcess> guard(q);
        if (!head.isEmpty()) {
            Q_EMIT q->output(stream, head);
            if (!guard)
                return;
        }
        const QByteArray marker = "\n[build-service] output truncated after " + QByteArray::number(forwarded) + " bytes\n";
        Q_EMIT q->output(stream, marker);
        return;
    }
    forwarded += chunk.size();
    Q_EMIT q->output(stream, chunk);
}

void BuildProcess::Private::pollMain()
{
    int status = 0;
    const pid_t r = ::waitpid(pid, &status, WNOHANG);
    if (r == pid) {
        onMainExited(status);
    } else if (r < 0 && errno != EINTR) {
        // Someone else reaped our child (a stray waitpid(-1) in the process): status is lost.
        qCWarning(lcRunner) << "waitpid for build process" << pid << "failed:" << errnoText(errno);
        onMainExited(-1);
    }
}

void BuildProcess::Private::onMainExited(int status)
{
    if (state != State::Running)
        return;
    state = State::Exited;
    dropNotifier(pidNotifier);
    if (pidfd >= 0)
        ::close(pidfd);
    pidfd = -1;
    waitpidPoll.stop();
    timeoutTimer.stop();

    if (status == -1) {
        exit.code = -1;
    } else if (WIFSIGNALED(status)) {
        exit.signal = WTERMSIG(status);
        exit.code = 128 + exit.signal;
    } else {
        exit.code = WEXITSTATUS(status);
        // bwrap exits with 128 + n when the command was killed by signal n: report it as such
        // (a command that exits with such a status itself reads the same; bwrap cannot tell).
        if (sandboxed && sandboxInit > 0 && exit.code > 128 && exit.code < 128 + 32)
            exit.signal = exit.code - 128;
    }

    // Read what the build left in the pipes before its stragglers get signalled.
    QPointer<BuildProcess> guard(q);
    for (int i = 0; i < 2; ++i) {
        if (!pipes[i].eof && !paused) {
            onPipeReadable(i);
            if (!guard || state != State::Exited)
                return;
        }
    }
    // Background children must not outlive the build nor keep the pipes open. In the sandbox
    // they die with its init anyway (--die-with-parent): no grace for them.
    if (sandboxed && sandboxInit > 0 && !killSent) {
        termSent = killSent = true;
        graceTimer.stop();
        signalGroup(SIGKILL);
    }
    if (!termSent) {
        termSent = true;
        signalGroup(SIGTERM);
    }
    if (!graceTimer.isActive() && !killSent)
        graceTimer.start(qMax(0, options.killGraceMs));
    maybeFinish();
}

void BuildProcess::Private::terminate()
{
    if (termSent)
        return;
    termSent = true;
    signalGroup(SIGTERM);
    graceTimer.start(qMax(0, options.killGraceMs));
}

void BuildProcess::Private::onGraceExpired()
{
    killSent = true;
    if (signalGroup(SIGKILL))
        qCInfo(lcRunner) << "process group" << pid << "did not stop on SIGTERM; sent SIGKILL";
    maybeFinish();
}

bool BuildProcess::Private::signalGroup(int sig) const
{
    if (sandboxed && sandboxInit > 0) {
        if (!sandboxAlive())
            return false;
        if (sig == SIGKILL) {
            // Killing PID 1 of the namespace kills everything in it, whatever session it is in.
            if (initPidfd >= 0)
                return syscall(SYS_pidfd_send_signal, initPidfd, SIGKILL, nullptr, 0U) == 0;
            return ::kill(sandboxInit, SIGKILL) == 0;
        }
        // bwrap --new-session made its init the leader of the build's process group; the init
        // itself ignores the signal (PID 1 without a handler), the build gets it.
        return ::kill(-sandboxInit, sig) == 0;
    }
    return pid > 0 && ::kill(-pid, sig) == 0;
}

bool BuildProcess::Private::sandboxAlive() const
{
    if (initPidfd >= 0) {
        // A pidfd turns readable when the process has exited; the init of a PID namespace
        // exits only after every other process in it has been reaped.
        pollfd p{initPidfd, POLLIN, 0};
        return ::poll(&p, 1, 0) == 0;
    }
    return !(::kill(sandboxInit, 0) == -1 && errno == ESRCH);
}

bool BuildProcess::Private::groupHasLiveMembers() const
{
    if (sandboxed && sandboxInit > 0)
        return sandboxAlive();
    // As child subreaper, members of the group whose parent died are our children: reap
    // their zombies, which kill() would still count.
    for (;;) {
        siginfo_t info;
        memset(&info, 0, sizeof info);
        if (::waitid(P_PGID, id_t(pid), &info, WEXITED | WNOHANG) != 0 || info.si_pid == 0)
            break;
    }
    return !(::kill(-pid, 0) == -1 && errno == ESRCH);
}

void BuildProcess::Private::maybeFinish()
{
    if (state != State::Exited)
        return;
    // After SIGKILL everything in the group dies at once; only a process that left the group
    // (or one stuck in the kernel) can keep us waiting, and not for longer than this.
    if (killSent && !eofTimer.isActive() && !eofExpired)
        eofTimer.start(EofAfterKillMs);
    if (!(pipes[0].eof && pipes[1].eof)) {
        if (!eofExpired || paused)
            return;
        // A process outside the group still holds a pipe: take what is there and stop.
        qCWarning(lcRunner) << "build output pipe of" << pid
                            << "still open after the process group was killed; closing it";
        QPointer<BuildProcess> guard(q);
        for (Pipe &pipe : pipes) {
            if (pipe.eof)
                continue;
            const QByteArray rest = std::move(pipe.carry);
            pipe.carry.clear();
            const OutputStream stream = pipe.stream;
            closePipe(pipe);
            deliver(stream, rest);
            if (!guard)
                return;
        }
    }
    if (!eofExpired && groupHasLiveMembers()) {
        if (!groupPoll.isActive())
            groupPoll.start(PollMs);
        return;
    }
    finish();
}

void BuildProcess::Private::releaseResources()
{
    dropNotifier(pidNotifier);
    if (pidfd >= 0)
        ::close(pidfd);
    pidfd = -1;
    if (initPidfd >= 0)
        ::close(initPidfd);
    initPidfd = -1;
    for (Pipe &pipe : pipes)
        closePipe(pipe);
    if (inputFd >= 0)
        ::close(inputFd);
    inputFd = -1;
    waitpidPoll.stop();
    timeoutTimer.stop();
    graceTimer.stop();
    groupPoll.stop();
    eofTimer.stop();
}

void BuildProcess::Private::finish()
{
    if (sandboxed) {
        exit.limitReason = diagnosis.reason(exit.code, exit.signal);
        if (!exit.limitReason.isEmpty()) {
            // Past any output limit: it is the server's word, not the build's output.
            QPointer<BuildProcess> guard(q);
            Q_EMIT q->output(OutputStream::Stderr, "\n[build-service] " + exit.limitReason.toUtf8() + "\n");
            if (!guard)
                return;
        }
    }
    releaseResources();
    exit.outputTruncated = truncated;
    exit.durationMs = clock.elapsed();
    state = State::Idle;
    pid = 0;
    const BuildExit result = exit;
    Q_EMIT q->finished(result);
}

BuildProcess::BuildProcess(QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Private>(this))
{
    static const bool registered = [] {
        qRegisterMetaType<BuildService::OutputStream>("BuildService::OutputStream");
        qRegisterMetaType<BuildService::BuildExit>("BuildService::BuildExit");
        return true;
    }();
    Q_UNUSED(registered)

    d->pipes[0].stream = OutputStream::Stdout;
    d->pipes[1].stream = OutputStream::Stderr;
    d->timeoutTimer.setSingleShot(true);
    d->timeoutTimer.setTimerType(Qt::PreciseTimer); // a coarse timer may fire 5% early
    d->graceTimer.setSingleShot(true);
    d->eofTimer.setSingleShot(true);
    connect(&d->waitpidPoll, &QTimer::timeout, this, [this] { d->pollMain(); });
    connect(&d->timeoutTimer, &QTimer::timeout, this, [this] {
        if (d->state != Private::State::Running)
            return;
        qCInfo(lcRunner) << "build" << d->pid << "timed out after" << d->options.timeoutMs << "ms";
        d->exit.timedOut = true;
        d->terminate();
    });
    connect(&d->graceTimer, &QTimer::timeout, this, [this] { d->onGraceExpired(); });
    connect(&d->groupPoll, &QTimer::timeout, this, [this] { d->maybeFinish(); });
    connect(&d->eofTimer, &QTimer::timeout, this, [this] {
        d->eofExpired = true;
        d->maybeFinish();
    });
}

BuildProcess::~BuildProcess()
{
    if (d->state == Private::State::Idle)
        return;
    const pid_t pid = d->pid;
    if (d->sandboxed && d->sandboxInit > 0)
        d->signalGroup(SIGKILL);
    ::kill(-pid, SIGKILL);
    const bool reaped = d->state == Private::State::Exited;
    d->releaseResources();
    if (!reaped) {
        // SIGKILL makes it exit promptly, but never block the event loop on it.
        std::thread([pid] {
            int status = 0;
            while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
            }
        }).detach();
    }
}

Result<void> BuildProcess::start(const BuildProcessOptions &options)
{
    if (d->state != Private::State::Idle)
        return makeError(ErrorCode::SpawnFailed, QStringLiteral("a build is already running (pid %1)").arg(d->pid));
    if (options.command.trimmed().isEmpty())
        return makeError(ErrorCode::SpawnFailed, QStringLiteral("the build command is empty"));
    const QByteArray command = options.command.toUtf8();
    if (command.contains('\0'))
        return makeError(ErrorCode::SpawnFailed, QStringLiteral("the build command contains a NUL character"));

    const SandboxOptions &sandbox = options.sandbox;
    if (sandbox.enabled && options.workingDirectory.isEmpty())
        return makeError(ErrorCode::SpawnFailed, QStringLiteral("a sandboxed build needs a working directory"));

    // Everything the child needs is prepared here: after fork() only async-signal-safe calls.
    const QMap<QByteArray, QByteArray> serverEnv = Sandbox::processEnvironment();
    QMap<QByteArray, QByteArray> vars;
    const QMap<QByteArray, QByteArray> base = sandbox.enabled ? Sandbox::baseEnvironment(serverEnv) : serverEnv;
    for (auto it = base.cbegin(); it != base.cend(); ++it)
        vars.insert(it.key(), it.key() + '=' + it.value());
    for (auto it = options.env.cbegin(); it != options.env.cend(); ++it) {
        const QByteArray key = it.key().toUtf8();
        const QByteArray value = it.value().toUtf8();
        if (key.isEmpty() || key.contains('=') || key.contains('\0'))
            return makeError(ErrorCode::SpawnFailed, QStringLiteral("invalid environment variable name '%1'").arg(it.key()));
        if (value.contains('\0'))
            return makeError(ErrorCode::SpawnFailed, QStringLiteral("environment variable %1 contains a NUL character").arg(it.key()));
        vars.insert(key, key + '=' + value);
    }
    vars.insert(QByteArrayLiteral("BUILD_SERVICE"), QByteArrayLiteral("BUILD_SERVICE=1"));
    std::vector<QByteArray> envStore(vars.cbegin(), vars.cend());
    std::vector<char *> envp;
    envp.reserve(envStore.size() + 1);
    for (QByteArray &entry : envStore)
        envp.push_back(entry.data());
    envp.push_back(nullptr);

    QList<QByteArray> argStore{QByteArrayLiteral("/bin/sh"), QByteArrayLiteral("-c"), command};
    if (sandbox.enabled) {
        argStore = {QFile::encodeName(sandbox.bwrap)};
        const QStringList args = Sandbox::arguments(sandbox, options.workingDirectory, s_infoFd, s_blockFd,
                                                    {QStringLiteral("/bin/sh"), QStringLiteral("-c"), options.command},
                                                    options.terminal.has_value(), options.sandboxWorkingDirectory);
        for (const QString &arg : args)
            argStore.append(arg.toUtf8());
    }
    std::vector<char *> argv;
    for (QByteArray &arg : argStore)
        argv.push_back(arg.data());
    argv.push_back(nullptr);
    // Limits for the child, before bwrap; the process count is set on the sandbox's init.
    struct Limit {
        int resource;
        rlim_t value;
        rlim_t hard; ///< above the soft limit only for CPU time: SIGXCPU first, SIGKILL 5 s later
    };
    std::vector<Limit> limits;
    if (sandbox.enabled) {
        if (sandbox.maxMemoryBytes > 0)
            limits.push_back({RLIMIT_AS, rlim_t(sandbox.maxMemoryBytes), rlim_t(sandbox.maxMemoryBytes)});
        if (sandbox.maxFileBytes > 0)
            limits.push_back({RLIMIT_FSIZE, rlim_t(sandbox.maxFileBytes), rlim_t(sandbox.maxFileBytes)});
        if (sandbox.maxCpuSec > 0)
            limits.push_back({RLIMIT_CPU, rlim_t(sandbox.maxCpuSec), rlim_t(sandbox.maxCpuSec) + 5});
    }
    const QByteArray workDir = options.workingDirectory.isEmpty() ? QByteArray() : QFile::encodeName(options.workingDirectory);
    const char *workDirC = workDir.isEmpty() ? nullptr : workDir.constData();

    int outPipe[2] = {-1, -1};
    int errPipe[2] = {-1, -1};
    int inPipe[2] = {-1, -1};
    int statusPipe[2] = {-1, -1};
    int infoPipe[2] = {-1, -1};
    int blockPipe[2] = {-1, -1};
    int devNull = -1;
    PseudoTerminal::Pair pty;
    auto closeAll = [&] {
        for (int fd : {outPipe[0], outPipe[1], errPipe[0], errPipe[1], inPipe[0], inPipe[1], statusPipe[0], statusPipe[1], infoPipe[0],
                       infoPipe[1], blockPipe[0], blockPipe[1], devNull, pty.master, pty.slave}) {
            if (fd >= 0)
                ::close(fd);
        }
    };
    if (options.terminal) {
        const Result<PseudoTerminal::Pair> opened = PseudoTerminal::open(*options.terminal);
        if (!opened)
            return opened.error();
        pty = opened.value();
    }
    if ((!options.terminal && (::pipe2(outPipe, O_CLOEXEC) != 0 || ::pipe2(errPipe, O_CLOEXEC) != 0))
        || (options.stdinPipe && !options.terminal && ::pipe2(inPipe, O_CLOEXEC) != 0) || ::pipe2(statusPipe, O_CLOEXEC) != 0
        || (sandbox.enabled && (::pipe2(infoPipe, O_CLOEXEC) != 0 || ::pipe2(blockPipe, O_CLOEXEC) != 0))
        || (devNull = ::open("/dev/null", O_RDONLY | O_CLOEXEC)) < 0) {
        const int error = errno;
        closeAll();
        return makeError(ErrorCode::SpawnFailed, QStringLiteral("cannot create pipes for the build: %1").arg(errnoText(error)));
    }
    for (int *fd : {&outPipe[0], &outPipe[1], &errPipe[0], &errPipe[1], &inPipe[0], &inPipe[1], &statusPipe[0], &statusPipe[1], &devNull,
                    &infoPipe[0], &infoPipe[1], &blockPipe[0], &blockPipe[1]}) {
        if (*fd >= 0)
            *fd = raiseAboveStdio(*fd);
    }
    // What the child gets as 0, 1 and 2.
    const int childIn = options.terminal ? pty.slave : (options.stdinPipe ? inPipe[0] : devNull);
    const int childOut = options.terminal ? pty.slave : outPipe[1];
    const int childErr = options.terminal ? pty.slave : errPipe[1];
    if (!sandbox.enabled) {
        // Orphaned members of a build's group come to us, so their zombies can be reaped and
        // the group's end seen without reading /proc.
        static const bool subreaper = ::prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0;
        if (!subreaper)
            qCWarning(lcRunner) << "cannot become a child subreaper:" << errnoText(errno);
    }

    const pid_t child = ::fork();
    if (child < 0) {
        const int error = errno;
        closeAll();
        return makeError(ErrorCode::SpawnFailed, QStringLiteral("cannot start the build: fork failed: %1").arg(errnoText(error)));
    }
    if (child == 0) {
        sigset_t none;
        sigemptyset(&none);
        sigprocmask(SIG_SETMASK, &none, nullptr);
        // Ignored signals (SIGPIPE in most servers) survive exec; the build expects defaults.
        struct sigaction dfl;
        memset(&dfl, 0, sizeof dfl);
        dfl.sa_handler = SIG_DFL;
        for (int sig = 1; sig < NSIG; ++sig) {
            if (sig != SIGKILL && sig != SIGSTOP)
                sigaction(sig, &dfl, nullptr);
        }
        int statusFd = statusPipe[1];
        if (::setsid() < 0)
            childFail(statusFd, StageSetsid);
        if (::dup2(childIn, 0) < 0 || ::dup2(childOut, 1) < 0 || ::dup2(childErr, 2) < 0)
            childFail(statusFd, StageRedirect);
        // The new session's controlling terminal: job control, SIGWINCH and isatty() work.
        if (pty.slave >= 0 && ::ioctl(0, TIOCSCTTY, 0) < 0)
            childFail(statusFd, StageTerminal);
        unsigned firstToClose = 3;
        if (infoPipe[1] >= 0) {
            // Move everything out of the way of the two numbers bwrap is told, then put them there
            // (dup2 leaves them without close-on-exec).
            const int movedStatus = ::fcntl(statusFd, F_DUPFD_CLOEXEC, 10);
            if (movedStatus < 0)
                childFail(statusFd, StageRedirect);
            statusFd = movedStatus;
            const int info = ::fcntl(infoPipe[1], F_DUPFD_CLOEXEC, 10);
            const int block = ::fcntl(blockPipe[0], F_DUPFD_CLOEXEC, 10);
            if (info < 0 || block < 0 || ::dup2(info, s_infoFd) < 0 || ::dup2(block, s_blockFd) < 0)
                childFail(statusFd, StageRedirect);
            firstToClose = s_blockFd + 1;
        }
        // Descriptors the server opened without O_CLOEXEC must not leak into the build.
        syscall(SYS_close_range, firstToClose, ~0U, CLOSE_RANGE_CLOEXEC);
        for (const Limit &limit : limits) {
            const rlimit value{limit.value, limit.hard};
            if (::setrlimit(limit.resource, &value) != 0)
                childFail(statusFd, StageLimits);
        }
        // Below the server's priority: a machine busy with builds still runs the event loop
        // (heartbeats, status, other clients' output) at once. Only lowering is possible, so
        // a failure (never expected) changes nothing worth stopping the build for.
        if (options.nice > 0)
            (void)::setpriority(PRIO_PROCESS, 0, options.nice);
        if (workDirC && ::chdir(workDirC) != 0)
            childFail(statusFd, StageChdir);
        ::execve(argv[0], argv.data(), envp.data());
        childFail(statusFd, StageExec);
    }

    for (int *fd : {&outPipe[1], &errPipe[1], &inPipe[0], &statusPipe[1], &devNull, &pty.slave, &infoPipe[1], &blockPipe[0]}) {
        if (*fd >= 0)
            ::close(*fd);
        *fd = -1;
    }

    // The status pipe closes on exec (O_CLOEXEC); this read is bounded by the exec itself, and
    // guarantees the new process group exists before start() returns (so cancel() reaches it).
    int msg[2] = {0, 0};
    ssize_t got = 0;
    do {
        got = ::read(statusPipe[0], msg, sizeof msg);
    } while (got < 0 && errno == EINTR);
    ::close(statusPipe[0]);
    statusPipe[0] = -1;
    if (got == ssize_t(sizeof msg)) {
        int status = 0;
        while (::waitpid(child, &status, 0) < 0 && errno == EINTR) {
        }
        closeAll();
        const QString reason = errnoText(msg[1]);
        switch (msg[0]) {
        case StageChdir:
            return makeError(ErrorCode::SpawnFailed,
                             QStringLiteral("cannot enter working directory %1: %2").arg(options.workingDirectory, reason));
        case StageExec:
            return makeError(ErrorCode::SpawnFailed, QStringLiteral("cannot execute %1: %2").arg(QFile::decodeName(argStore.first()), reason));
        case StageLimits:
            return makeError(ErrorCode::SpawnFailed, QStringLiteral("cannot set the sandbox's resource limits: %1").arg(reason));
        case StageTerminal:
            return makeError(ErrorCode::SpawnFailed, QStringLiteral("cannot give the build its terminal: %1").arg(reason));
        default:
            return makeError(ErrorCode::SpawnFailed, QStringLiteral("cannot set up the build process: %1").arg(reason));
        }
    }

    d->sandboxed = sandbox.enabled;
    d->sandboxInit = 0;
    d->initPidfd = -1;
    d->diagnosis = Sandbox::LimitDiagnosis(sandbox);
    if (sandbox.enabled) {
        // bwrap writes the host pid of the sandbox's init and closes the pipe, then the init
        // waits on the block pipe: it cannot be gone (and its pid reused) before we hold a
        // pidfd for it. Bounded by bwrap's start, like the exec read above.
        QByteArray info;
        char buf[256];
        for (;;) {
            const ssize_t n = ::read(infoPipe[0], buf, sizeof buf);
            if (n < 0 && errno == EINTR)
                continue;
            if (n <= 0 || info.size() > 65536)
                break;
            info.append(buf, int(n));
        }
        static const QRegularExpression childPid(QStringLiteral("\"child-pid\"\\s*:\\s*(\\d+)"));
        const QRegularExpressionMatch match = childPid.match(QString::fromUtf8(info));
        if (match.hasMatch()) {
            d->sandboxInit = pid_t(match.captured(1).toLongLong());
            d->initPidfd = s_pidfdEnabled ? int(syscall(SYS_pidfd_open, d->sandboxInit, 0)) : -1;
            if (sandbox.maxProcesses > 0) {
                // On the init, after bwrap made the user namespace: counted per namespace, the
                // limit is this build's alone (see docs/security.md).
                const rlimit value{rlim_t(sandbox.maxProcesses), rlim_t(sandbox.maxProcesses)};
                if (::prlimit(d->sandboxInit, RLIMIT_NPROC, &value, nullptr) != 0)
                    qCWarning(lcRunner) << "cannot limit the processes of sandbox" << d->sandboxInit << ":" << errnoText(errno);
            }
        } else {
            // bwrap failed before starting anything; its message is on the build's stderr.
            qCWarning(lcRunner) << "bwrap did not report its sandbox (it failed to set it up)";
        }
        if (match.hasMatch()) {
            ssize_t ignored = ::write(blockPipe[1], "1", 1);
            (void)ignored;
        }
        ::close(blockPipe[1]);
        ::close(infoPipe[0]);
        blockPipe[1] = infoPipe[0] = -1;
    }

    d->options = options;
    d->pid = child;
    d->exit = BuildExit();
    d->termSent = d->killSent = d->eofExpired = d->truncated = false;
    d->forwarded = 0;
    d->clock.start();
    d->state = Private::State::Running;

    // A terminal is one stream: its master is read as stdout, there is no stderr pipe.
    const int readFds[2] = {options.terminal ? pty.master : outPipe[0], errPipe[0]};
    d->inputFd = options.terminal ? fcntl(pty.master, F_DUPFD_CLOEXEC, 3) : inPipe[1];
    for (int i = 0; i < 2; ++i) {
        Private::Pipe &pipe = d->pipes[i];
        pipe.fd = readFds[i];
        pipe.eof = pipe.fd < 0;
        pipe.carry.clear();
        if (pipe.eof)
            continue;
        fcntl(pipe.fd, F_SETFL, fcntl(pipe.fd, F_GETFL) | O_NONBLOCK);
        pipe.notifier = std::make_unique<QSocketNotifier>(pipe.fd, QSocketNotifier::Read);
        connect(pipe.notifier.get(), &QSocketNotifier::activated, this, [this, i] { d->onPipeReadable(i); });
    }
    d->updateNotifiers();

    d->pidfd = s_pidfdEnabled ? int(syscall(SYS_pidfd_open, child, 0)) : -1;
    if (d->pidfd >= 0) {
        d->pidNotifier = std::make_unique<QSocketNotifier>(d->pidfd, QSocketNotifier::Read);
        connect(d->pidNotifier.get(), &QSocketNotifier::activated, this, [this] { d->pollMain(); });
    } else {
        d->waitpidPoll.start(PollMs);
    }
    if (options.timeoutMs > 0)
        d->timeoutTimer.start(int(qMin<qint64>(options.timeoutMs, std::numeric_limits<int>::max())));
    qCDebug(lcRunner) << "started build" << child << "in" << options.workingDirectory;
    return {};
}

void BuildProcess::cancel()
{
    if (d->state != Private::State::Running)
        return;
    qCInfo(lcRunner) << "cancelling build" << d->pid;
    d->exit.cancelled = true;
    d->terminate();
}

void BuildProcess::setOutputPaused(bool paused)
{
    if (d->paused == paused)
        return;
    d->paused = paused;
    d->updateNotifiers();
    if (!paused && d->state == Private::State::Exited) {
        // A finish may have been held back only by the pause.
        QMetaObject::invokeMethod(this, [this] { d->maybeFinish(); }, Qt::QueuedConnection);
    }
}

int BuildProcess::takeInputFd()
{
    return std::exchange(d->inputFd, -1);
}

Result<void> BuildProcess::setWindowSize(const WindowSize &size)
{
    if (!d->options.terminal || d->pipes[0].fd < 0)
        return makeError(ErrorCode::NotReady, QStringLiteral("the build does not run in a terminal"));
    return PseudoTerminal::setWindowSize(d->pipes[0].fd, size);
}

bool BuildProcess::isRunning() const
{
    return d->state != Private::State::Idle;
}

qint64 BuildProcess::pid() const
{
    return d->pid;
}

} // namespace BuildService
