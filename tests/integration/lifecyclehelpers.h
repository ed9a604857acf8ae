// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: BSD-2-Clause

// Helpers for the workspace-lifecycle and build-control integration tests: a CLI that runs in
// the background, process and /proc inspection, and checkout comparison.
#pragma once

#include "serverprocess.h"

#include <QDirIterator>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QMap>
#include <QProcess>
#include <QTest>

#include <cerrno>
#include <csignal>
#include <unistd.h>

namespace BuildService::Test {

/** `build-service <args>` running in the background; stderr and stdout are collected as they arrive. */
class BackgroundCli
{
public:
    BackgroundCli() = default;
    BackgroundCli(const BackgroundCli &) = delete;
    BackgroundCli &operator=(const BackgroundCli &) = delete;
    ~BackgroundCli()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished(5000);
        }
    }

    /** @p stdoutFile, if set, receives stdout instead of the in-memory buffer. */
    bool start(const QStringList &args, const QString &workDir, const QString &stdoutFile = QString())
    {
        m_process.setWorkingDirectory(workDir);
        if (!stdoutFile.isEmpty())
            m_process.setStandardOutputFile(stdoutFile);
        m_process.setStandardInputFile(QProcess::nullDevice()); // no input to forward
        m_process.start(binaryPath("build-service"), args);
        return m_process.waitForStarted(10000);
    }

    /** Everything the CLI wrote to stderr so far (spins nothing; call from QTRY loops). */
    QByteArray err()
    {
        m_err += m_process.readAllStandardError();
        return m_err;
    }
    QByteArray out()
    {
        m_out += m_process.readAllStandardOutput();
        return m_out;
    }

    bool isRunning() const { return m_process.state() != QProcess::NotRunning; }
    qint64 pid() const { return m_process.processId(); }
    void signal(int sig) { ::kill(pid_t(m_process.processId()), sig); }

    /** Waits for the exit while the event loop keeps reading the pipes; true when it exited. */
    bool waitFinished(int timeoutMs = 60000)
    {
        QElapsedTimer timer;
        timer.start();
        while (isRunning() && timer.elapsed() < timeoutMs)
            QTest::qWait(10);
        err();
        out();
        return !isRunning();
    }
    int exitCode() const { return m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -1; }

private:
    QProcess m_process;
    QByteArray m_err;
    QByteArray m_out;
};

/** True when @p pid no longer runs: gone, or a zombie waiting for its parent to reap it. */
inline bool processGone(qint64 pid)
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

/** The pid a shell wrote with `echo $! > file`; 0 until the whole line is there. */
inline qint64 readPidFile(const QString &path)
{
    const QByteArray text = readFile(path);
    return text.endsWith('\n') ? text.trimmed().toLongLong() : 0;
}

/** Live (non-zombie) processes whose working directory is @p dir or below it. */
inline QList<qint64> processesWithCwdUnder(const QString &dir)
{
    QList<qint64> found;
    const QString root = QFileInfo(dir).canonicalFilePath();
    if (root.isEmpty())
        return found;
    const QStringList entries = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &entry : entries) {
        bool ok = false;
        const qint64 pid = entry.toLongLong(&ok);
        if (!ok || pid == ::getpid())
            continue;
        const QString cwd = QFile::symLinkTarget(QStringLiteral("/proc/%1/cwd").arg(pid));
        if ((cwd == root || cwd.startsWith(root + QLatin1Char('/'))) && !processGone(pid))
            found.append(pid);
    }
    return found;
}

/** Test cleanup only: kills (by pid) the processes a test's builds left in @p dir. */
inline void killProcessesUnder(const QString &dir)
{
    for (qint64 pid : processesWithCwdUnder(dir))
        ::kill(pid_t(pid), SIGKILL);
}

/** Relative path -> content of every regular file below @p dir (skipping @p skipDir). */
inline QMap<QString, QByteArray> treeContents(const QString &dir, const QString &skipDir = QString())
{
    QMap<QString, QByteArray> files;
    QDirIterator it(dir, QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        const QString relative = path.mid(dir.size() + 1);
        if (!skipDir.isEmpty() && relative.startsWith(skipDir + QLatin1Char('/')))
            continue;
        files.insert(relative, readFile(path));
    }
    return files;
}

/** The workspace id stored in @p checkout. */
inline QString storedWorkspaceId(const QString &checkout)
{
    return QString::fromUtf8(readFile(checkout + QLatin1String("/.build-service/workspace-id"))).trimmed();
}

} // namespace BuildService::Test
