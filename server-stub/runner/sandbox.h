// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: GPL-2.0-or-later

// Sandbox: the bubblewrap command line, environment and limits a sandboxed build runs with.
#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QMap>
#include <QString>
#include <QStringList>

namespace BuildService {

/** How a build is confined (see docs/security.md, "Sandboxed builds"). */
struct SandboxOptions {
    bool enabled = false;                         ///< false: the command runs as the server, unconfined
    QString bwrap = QStringLiteral("/usr/bin/bwrap");
    bool network = false;                         ///< false: a network namespace with only loopback
    qint64 uid = -1;                              ///< >= 0: switch to this uid/gid (server runs as root)
    qint64 gid = -1;
    QStringList hiddenPaths;                      ///< made invisible if they lie in a read-only tree
    qint64 maxProcesses = 0;                      ///< RLIMIT_NPROC; 0 = unlimited (as for the others)
    qint64 maxMemoryBytes = 0;                    ///< RLIMIT_AS
    qint64 maxFileBytes = 0;                      ///< RLIMIT_FSIZE
    qint64 maxCpuSec = 0;                         ///< RLIMIT_CPU
    /**
     * [sandbox] workspace_path: where builds see their workspace. Empty: at its own host path;
     * "client": at the client's checkout path (Sandbox::ClientMode); else this absolute path.
     */
    QString workspacePath;
};

namespace Sandbox {

/** [sandbox] workspace_path value that shows each build its client's checkout path. */
inline constexpr QLatin1String ClientMode("client");
/** Where a build sees its workspace in "client" mode when the client's path is refused. */
inline constexpr QLatin1String FallbackWorkspacePath("/build");

/**
 * Whether @p path may be where a build sees its workspace ([sandbox] workspace_path or a
 * client's checkout_path): absolute, normalised (no "." or ".." components, no doubled or
 * trailing slash), no control characters, at most 4096 bytes, and not "/", /tmp itself, nor
 * inside a tree the sandbox provides itself (/usr, /etc, /bin, /sbin, /lib*, /opt, /proc,
 * /dev, /sys). Errors (ConfigInvalid) say which rule @p path breaks.
 */
Result<void> checkWorkspacePath(const QString &path);

/** The variables a sandboxed build gets before the request's own (documented in docs/security.md). */
QMap<QByteArray, QByteArray> baseEnvironment(const QMap<QByteArray, QByteArray> &serverEnvironment);

/** This process's environment as a map. */
QMap<QByteArray, QByteArray> processEnvironment();

/** Text for the cache's environment stamp: @p environment and the settings that shape a build. */
QByteArray describe(const SandboxOptions &options, const QMap<QByteArray, QByteArray> &environment);

/** The PATH a sandboxed build has unless the request sets one. */
QString defaultPath();

/**
 * bwrap's arguments (without the program) to run @p command in @p workDir, which is bound
 * read-write at its own path, or at @p insideDir when that is not empty (the build then never
 * sees the host path; see checkWorkspacePath() for what insideDir may be). @p infoFd and @p blockFd are the descriptor numbers bwrap gets
 * for --info-fd and --block-fd. When options.uid >= 0 the command is started through setpriv,
 * which switches to that uid/gid without capabilities.
 * @p ownTerminal: the build runs in a pseudo-terminal the server made for it, which stays its
 * controlling terminal (so SIGWINCH and job control work). Otherwise bwrap starts a new
 * session (--new-session), so nothing in the sandbox can push input into a terminal of the
 * server's (TIOCSTI); a build's own terminal has nothing behind it to attack.
 */
QStringList arguments(const SandboxOptions &options, const QString &workDir, int infoFd, int blockFd,
                      const QStringList &command, bool ownTerminal = false, const QString &insideDir = QString());

/**
 * Runs `true` in a sandbox like a build's (blocking, at most a few seconds): succeeds when
 * bwrap exists and can create the namespaces here. Errors (SpawnFailed) say what failed.
 */
Result<void> probe(const SandboxOptions &options);

/**
 * Root mode: makes every entry below and including @p dir belong to @p uid/@p gid (lchown,
 * no symlink is followed), so the build user can write the workspace the server filled.
 * Blocking; call it off the event loop.
 */
Result<void> giveTree(const QString &dir, qint64 uid, qint64 gid);

/**
 * Why a sandboxed build probably failed, from its exit status and the messages it printed:
 * "CPU time limit reached (...)", or empty when no limit explains it. Feed output with
 * observe() while the build runs (only a short tail is kept per call).
 */
class LimitDiagnosis
{
public:
    explicit LimitDiagnosis(const SandboxOptions &options = {}) : m_options(options) {}
    void observe(const QByteArray &output);
    QString reason(int exitCode, int signal) const;

private:
    SandboxOptions m_options;
    QByteArray m_tail;
    bool m_forkFailed = false;
    bool m_outOfMemory = false;
};

} // namespace Sandbox
} // namespace BuildService
