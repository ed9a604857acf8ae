// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: GPL-2.0-or-later

// BuildProcess: runs one build command in its own process group and streams its output.
#pragma once

#include "core/result.h"
#include "protocol/messages.h"
#include "runner/sandbox.h"

#include <QByteArray>
#include <QMap>
#include <QMetaType>
#include <QObject>
#include <QString>

#include <memory>
#include <optional>

namespace BuildService {

/** What to run and the limits to apply. */
struct BuildProcessOptions {
    QString command;                  ///< run as `/bin/sh -c <command>`; must not be empty
    QString workingDirectory;         ///< empty: the server's current directory
    QMap<QString, QString> env;       ///< added to (and overriding) the server's environment, or the sandbox's allow-list
    qint64 timeoutMs = 0;             ///< 0 = no timeout
    qint64 maxOutputBytes = 0;        ///< bytes forwarded over both streams; 0 = unlimited
    int killGraceMs = 5000;           ///< SIGTERM -> SIGKILL delay for the process group
    int nice = 0;                     ///< niceness (0-19) the command starts with
    int chunkBytes = 64 * 1024;       ///< largest output() chunk (at least 16)
    bool stdinPipe = false;           ///< stdin is a pipe (see takeInputFd()) instead of /dev/null
    /** Set: run in a new pseudo-terminal of this size (stdin, stdout and stderr; output is all Stdout). */
    std::optional<WindowSize> terminal;
    SandboxOptions sandbox;           ///< enabled: run inside bubblewrap (workingDirectory required)
    /** Sandboxed: where workingDirectory appears (and the command starts) inside; empty: at its own path. */
    QString sandboxWorkingDirectory;
};

/** How a build ended. */
struct BuildExit {
    int code = 0;                 ///< exit status, or 128 + signal when killed by a signal
    int signal = 0;               ///< terminating signal of the main process, 0 if it exited
    bool timedOut = false;        ///< killed because timeoutMs elapsed
    bool cancelled = false;       ///< killed because cancel() was called
    bool outputTruncated = false; ///< maxOutputBytes was reached; the rest was discarded
    qint64 durationMs = 0;        ///< from start() to finished()
    qint64 outputBytes = 0;       ///< bytes the build wrote to stdout + stderr (forwarded or not)
    QString limitReason;          ///< sandboxed builds: the limit that probably stopped it, else empty
};

namespace Internal {
/**
 * Test hook: when false, BuildProcess ignores pidfd_open() and detects the exit of the main
 * process by polling waitpid(WNOHANG), the path taken on kernels without pidfd. Not thread-safe;
 * set it before starting processes.
 */
void setPidfdEnabled(bool enabled);
} // namespace Internal

/**
 * Runs one build command with `/bin/sh -c` in a new session (so the build and everything it
 * starts form one process group), stdin from /dev/null (or a pipe with options.stdinPipe),
 * stdout and stderr on two pipes read on the event loop of the thread that owns this object.
 * With options.terminal the command runs in a pseudo-terminal instead: 0, 1 and 2 are its
 * slave, which is also the session's controlling terminal, and everything the command writes
 * arrives as Stdout. The environment is the server's plus
 * options.env plus BUILD_SERVICE=1.
 *
 * With options.sandbox.enabled the shell runs inside bubblewrap (see Sandbox::arguments()):
 * own PID, IPC, UTS and (unless allowed) network namespaces, the environment reduced to
 * Sandbox::baseEnvironment() plus options.env, resource limits set before bwrap is executed
 * (RLIMIT_NPROC on the sandbox's init while it waits, so it counts only this build's
 * processes where a user namespace is used). The host pid of the sandbox's init is learnt
 * through bwrap's --info-fd while bwrap waits on --block-fd; killing it kills everything in
 * the PID namespace, daemons that left the session included, and "the build is over" means
 * that init is gone. Without the sandbox, leftover group members are found by making the
 * process a child subreaper (PR_SET_CHILD_SUBREAPER, set once on the first such start) and
 * reaping the group's zombies with waitid().
 *
 * Output arrives through output() in chunks of at most chunkBytes, in order per stream; a
 * multi-byte UTF-8 sequence is never split between chunks. Nothing is accumulated: memory stays
 * bounded however much the build prints. With setOutputPaused(true) the pipes are not read, so
 * a build that prints blocks once the pipe is full (back-pressure for slow clients).
 *
 * When the main process exits, the rest of its process group is terminated (SIGTERM, then
 * SIGKILL after killGraceMs; in the sandbox the PID namespace is killed at once), the pipes are
 * read to the end, and finished() is emitted exactly once. A timeout or cancel() takes the same
 * kill path first (in the sandbox: SIGTERM to the build's process group, SIGKILL to the whole
 * namespace after killGraceMs).
 *
 * The object may be reused after finished(). Destroying it while the build runs kills the whole
 * process group with SIGKILL; the main process is reaped in the background.
 * Not thread-safe: use it from the thread it lives in.
 */
class BuildProcess : public QObject
{
    Q_OBJECT
public:
    explicit BuildProcess(QObject *parent = nullptr);
    /** Kills the process group (SIGKILL) if the build is still running. */
    ~BuildProcess() override;

    /**
     * Starts @p options.command. Returns once the shell has been exec'd (or failed to be).
     * Errors (ErrorCode::SpawnFailed, message naming the reason): already running, empty
     * command, NUL bytes in the command or the environment, invalid variable names, working
     * directory that cannot be entered, pipe/fork/exec failures.
     */
    Result<void> start(const BuildProcessOptions &options);

    /**
     * Terminates the build: SIGTERM to the whole process group, SIGKILL after killGraceMs.
     * finished() follows with cancelled = true. No effect when not running.
     */
    void cancel();

    /**
     * Back-pressure. While @p paused, the pipes are not read: no output() is emitted and the
     * build blocks once a pipe is full; finished() is held back until the output has been read.
     * Allowed before start().
     */
    void setOutputPaused(bool paused);

    /**
     * The write side of the command's stdin after a start() with stdinPipe or terminal (for a
     * terminal, a duplicate of its master), or -1. The caller owns it (see StdinFeeder); a
     * second call returns -1.
     */
    int takeInputFd();

    /** Resizes the terminal of a build started with options.terminal (SIGWINCH follows). */
    Result<void> setWindowSize(const WindowSize &size);

    /** True from a successful start() until finished() has been emitted. */
    bool isRunning() const;

    /** Process id of the shell (also the process group id), or 0 when not running. */
    qint64 pid() const;

Q_SIGNALS:
    /**
     * A chunk of output, at most chunkBytes long, never splitting a UTF-8 sequence. When
     * maxOutputBytes is reached, one last chunk on that stream carries the marker
     * "\n[build-service] output truncated after N bytes\n"; nothing follows it.
     */
    void output(BuildService::OutputStream stream, const QByteArray &data);

    /** Emitted once per start(), after the process group is gone and the pipes are drained. */
    void finished(const BuildService::BuildExit &exit);

private:
    class Private;
    std::unique_ptr<Private> d;
};

} // namespace BuildService

Q_DECLARE_METATYPE(BuildService::BuildExit)
