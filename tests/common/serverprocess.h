// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: BSD-2-Clause

// ServerProcess: runs the real build-service-server binary for integration tests.
#pragma once

#include <QDir>
#include <QMap>
#include <QProcess>
#include <QRegularExpression>
#include <QString>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

namespace BuildService::Test {

inline QString binaryPath(const char *name)
{
    return QStringLiteral(BS_BINARY_DIR "/bin/") + QLatin1String(name);
}

inline QString sourcePath(const QString &relative)
{
    return QStringLiteral(BS_SOURCE_DIR "/") + relative;
}

/**
 * Starts the server on 127.0.0.1 port 0 with its own data directory and reads the URL it
 * prints. stop() sends SIGTERM and reports whether it exited cleanly with status 0.
 */
class ServerProcess
{
public:
    ~ServerProcess()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished(5000);
        }
    }

    /**
     * Configuration every server of this test process starts with, before the @p configToml of
     * start(). Suites whose commands talk to the test through files outside their workspace set
     * "[sandbox]\nenabled = false\n" here: the sandbox (tested in tst_sandbox) hides those files.
     */
    static QString &baseConfig()
    {
        static QString s_base;
        return s_base;
    }

    /** @p configToml, if not empty, is written to a file and passed with --config. */
    bool start(const QString &dataDir, const QString &extraToml = QString(), const QStringList &extraArgs = {})
    {
        m_dataDir = dataDir;
        QStringList args{QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--data-dir"), dataDir};
        const QString configToml = baseConfig() + extraToml;
        if (!configToml.isEmpty()) {
            m_configFile = dataDir + QLatin1String(".toml");
            QFile f(m_configFile);
            if (!f.open(QIODevice::WriteOnly) || f.write(configToml.toUtf8()) < 0)
                return false;
            f.close();
            args << QStringLiteral("--config") << m_configFile;
        }
        args << extraArgs;
        m_stdout.clear();
        if (m_launcher.isEmpty()) {
            m_process.setProgram(binaryPath("build-service-server"));
            m_process.setArguments(args);
        } else {
            m_process.setProgram(m_launcher.first());
            m_process.setArguments(m_launcher.mid(1) + QStringList{binaryPath("build-service-server")} + args);
        }
        m_process.setProcessChannelMode(QProcess::SeparateChannels);
        m_process.start();
        if (!m_process.waitForStarted(10000))
            return false;
        static const QRegularExpression listening(QStringLiteral("listening on (wss?://\\S+)"));
        while (m_process.waitForReadyRead(15000) || m_process.bytesAvailable() > 0) {
            m_stdout += m_process.readAllStandardOutput();
            const auto match = listening.match(QString::fromUtf8(m_stdout));
            if (match.hasMatch()) {
                m_url = match.captured(1);
                return true;
            }
            if (m_process.state() == QProcess::NotRunning)
                break;
        }
        m_process.waitForFinished(2000);
        return false;
    }

    /**
     * Runs the server through @p launcher (a program and its arguments, followed by the server's
     * path and arguments), e.g. a shell that sets up the environment and execs the server.
     */
    void setLauncher(const QStringList &launcher) { m_launcher = launcher; }

    /** SIGTERM and wait; true when the server exited normally with status 0. */
    bool stop(int timeoutMs = 30000)
    {
        if (m_process.state() == QProcess::NotRunning)
            return m_process.exitStatus() == QProcess::NormalExit && m_process.exitCode() == 0;
        ::kill(pid(), SIGTERM);
        if (!m_process.waitForFinished(timeoutMs))
            return false;
        return m_process.exitStatus() == QProcess::NormalExit && m_process.exitCode() == 0;
    }

    void kill9()
    {
        ::kill(pid(), SIGKILL);
        m_process.waitForFinished(10000);
    }

    qint64 pid() const { return m_process.processId(); }
    QString url() const { return m_url; }
    QString dataDir() const { return m_dataDir; }
    QByteArray standardError() { return m_process.readAllStandardError(); }
    QProcess &process() { return m_process; }
    int exitCode() const { return m_process.exitCode(); }

    QString workspacePath(const QString &id) const { return m_dataDir + QLatin1String("/persistent/") + id; }
    QStringList workspaceIds() const
    {
        return QDir(m_dataDir + QLatin1String("/persistent")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    }

    /** Peak resident memory of the server so far, in KiB (from /proc). */
    qint64 peakRssKiB() const
    {
        QFile status(QStringLiteral("/proc/%1/status").arg(pid()));
        if (!status.open(QIODevice::ReadOnly))
            return -1;
        for (const QByteArray &line : status.readAll().split('\n')) {
            if (line.startsWith("VmHWM:"))
                return line.mid(6).trimmed().split(' ').first().toLongLong();
        }
        return -1;
    }

private:
    QProcess m_process;
    QString m_url;
    QString m_dataDir;
    QString m_configFile;
    QByteArray m_stdout;
    QStringList m_launcher;
};

/** Result of one CLI run. */
struct CliResult {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
    bool finished = false;
};

/** Runs `build-service <args>` in @p workDir and waits for it (tests only). */
inline CliResult runCli(const QStringList &args, const QString &workDir, int timeoutMs = 180000,
                        const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment())
{
    QProcess process;
    process.setWorkingDirectory(workDir);
    process.setProcessEnvironment(env);
    // As from a terminal or CI: no input for the command (a pipe would be forwarded as its stdin).
    process.setStandardInputFile(QProcess::nullDevice());
    process.start(binaryPath("build-service"), args);
    CliResult result;
    result.finished = process.waitForFinished(timeoutMs);
    if (!result.finished)
        process.kill();
    result.exitCode = process.exitCode();
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    return result;
}

/** Copies a directory tree (tests only; follows nothing special). */
inline bool copyTree(const QString &from, const QString &to)
{
    QProcess cp;
    cp.start(QStringLiteral("cp"), {QStringLiteral("-a"), from + QLatin1String("/."), to});
    return cp.waitForFinished(60000) && cp.exitCode() == 0;
}

inline bool writeFile(const QString &path, const QByteArray &content)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(content) == content.size();
}

/** Writes @p files (relative path -> content) below @p dir; returns @p dir, or empty on failure. */
inline QString writeTree(const QString &dir, const QMap<QString, QByteArray> &files)
{
    QDir().mkpath(dir);
    for (auto it = files.cbegin(); it != files.cend(); ++it) {
        if (!writeFile(dir + QLatin1Char('/') + it.key(), it.value()))
            return QString();
    }
    return dir;
}

inline QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace BuildService::Test
