// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: GPL-2.0-or-later

// RunningBuilds: crash-safe record of running build process groups.
#include "runningbuilds.h"

#include "core/atomicfile.h"

#include <QDir>
#include <QFile>
#include <QLoggingCategory>

#include <cerrno>
#include <cstring>
#include <unistd.h>

#include <csignal>

Q_LOGGING_CATEGORY(lcRunning, "buildservice.server.runner.orphans", QtInfoMsg)

namespace BuildService {

RunningBuilds::RunningBuilds(const QString &dir)
    : m_dir(dir)
{
}

qint64 RunningBuilds::startTime(qint64 pid)
{
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray line = stat.readAll();
    // The command name (field 2) may contain spaces and parentheses: count from the last ')'.
    const int close = line.lastIndexOf(')');
    if (close < 0)
        return -1;
    const QList<QByteArray> fields = line.mid(close + 2).split(' ');
    // fields[0] is field 3 (state); the start time is field 22.
    return fields.size() > 19 ? fields.at(19).toLongLong() : -1;
}

Result<void> RunningBuilds::add(const QString &buildId, qint64 pgid)
{
    if (!QDir().mkpath(m_dir))
        return makeError(ErrorCode::IoError, QStringLiteral("cannot create %1").arg(m_dir));
    const QByteArray content = QByteArray::number(pgid) + ' ' + QByteArray::number(startTime(pgid)) + '\n';
    if (const Result<void> written = AtomicFile::write(m_dir + QLatin1Char('/') + buildId, content); !written)
        return makeError(written.errorCode(), QStringLiteral("cannot record running build %1: %2").arg(buildId, written.errorString()));
    return {};
}

void RunningBuilds::remove(const QString &buildId)
{
    // Called when the command ends and again when the job finishes: a missing record is fine.
    const QByteArray record = QFile::encodeName(m_dir + QLatin1Char('/') + buildId);
    if (::unlink(record.constData()) != 0 && errno != ENOENT)
        qCWarning(lcRunning).noquote() << "cannot remove the record of build" << buildId << ":" << QString::fromLocal8Bit(std::strerror(errno))
                                       << "- the next start checks that its process group is gone";
}

int RunningBuilds::reapOrphans()
{
    int killed = 0;
    const QStringList records = QDir(m_dir).entryList(QDir::Files);
    for (const QString &name : records) {
        QFile file(m_dir + QLatin1Char('/') + name);
        if (file.open(QIODevice::ReadOnly)) {
            const QList<QByteArray> fields = file.readAll().trimmed().split(' ');
            const qint64 pgid = fields.value(0).toLongLong();
            const qint64 started = fields.value(1).toLongLong();
            if (pgid > 1 && started > 0 && startTime(pgid) == started && ::kill(pid_t(-pgid), SIGKILL) == 0) {
                qCWarning(lcRunning) << "killed process group" << pgid << "of build" << name << "left by an earlier server";
                ++killed;
            }
        }
        if (!file.remove())
            qCWarning(lcRunning).noquote() << "cannot remove the record" << file.fileName() << ":" << file.errorString();
    }
    return killed;
}

} // namespace BuildService
