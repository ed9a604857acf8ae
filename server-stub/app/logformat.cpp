// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: GPL-2.0-or-later

// LogFormat: the server's log line format and the stderr message handler.
#include "logformat.h"

#include <QList>
#include <QLocale>

#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <sys/stat.h>
#include <unistd.h>

namespace BuildService {

namespace {

std::atomic<int> s_style{int(LogFormat::Style::Timestamped)};
std::atomic<bool> s_qtPattern{false};  ///< QT_MESSAGE_PATTERN was set at install()

void writeAll(const QByteArray &bytes)
{
    const char *data = bytes.constData();
    qsizetype left = bytes.size();
    while (left > 0) {
        const ssize_t written = ::write(STDERR_FILENO, data, size_t(left));
        if (written < 0 && errno == EINTR)
            continue;
        if (written <= 0)
            return; // stderr is gone: there is nobody left to tell
        data += written;
        left -= written;
    }
}

void handleMessage(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    QByteArray line;
    if (s_qtPattern.load())
        line = qFormatLogMessage(type, context, message).toLocal8Bit() + '\n';
    else
        line = LogFormat::format(LogFormat::Style(s_style.load()), type, context.category, message, QDateTime::currentDateTimeUtc());
    writeAll(line);
    if (type == QtFatalMsg)
        std::abort();
}

} // namespace

const char *LogFormat::levelName(QtMsgType type)
{
    switch (type) {
    case QtDebugMsg:
        return "debug";
    case QtInfoMsg:
        return "info";
    case QtWarningMsg:
        return "warning";
    case QtCriticalMsg:
        return "critical";
    case QtFatalMsg:
        return "fatal";
    }
    return "unknown";
}

int LogFormat::syslogPriority(QtMsgType type)
{
    // LOG_DEBUG, LOG_INFO, LOG_WARNING, LOG_ERR, LOG_CRIT (syslog.h).
    switch (type) {
    case QtDebugMsg:
        return 7;
    case QtInfoMsg:
        return 6;
    case QtWarningMsg:
        return 4;
    case QtCriticalMsg:
        return 3;
    case QtFatalMsg:
        return 2;
    }
    return 6;
}

QByteArray LogFormat::format(Style style, QtMsgType type, const char *category, const QString &message, const QDateTime &timeUtc)
{
    QByteArray prefix;
    if (style == Style::Journal) {
        prefix = '<' + QByteArray::number(syslogPriority(type)) + '>';
    } else {
        // The C locale: digits and separators must not follow the admin's locale.
        prefix = QLocale::c().toString(timeUtc.toUTC(), QStringLiteral("yyyy-MM-dd'T'HH:mm:ss.zzz'Z'")).toLatin1() + ' '
            + levelName(type) + ' ';
    }
    prefix += (category && *category ? category : "default");
    prefix += ": ";
    QByteArray out;
    QByteArray text = message.toUtf8();
    if (text.endsWith('\n'))
        text.chop(1);
    const QList<QByteArray> lines = text.split('\n');
    for (const QByteArray &line : lines)
        out += prefix + line + '\n';
    return out;
}

bool LogFormat::journalStreamMatches(const QByteArray &journalStream)
{
    const QList<QByteArray> parts = journalStream.split(':');
    if (parts.size() != 2)
        return false;
    bool deviceOk = false;
    bool inodeOk = false;
    const qulonglong device = parts[0].toULongLong(&deviceOk);
    const qulonglong inode = parts[1].toULongLong(&inodeOk);
    struct stat st {};
    if (!deviceOk || !inodeOk || ::fstat(STDERR_FILENO, &st) != 0)
        return false;
    return qulonglong(st.st_dev) == device && qulonglong(st.st_ino) == inode;
}

LogFormat::Style LogFormat::detectStyle()
{
    return journalStreamMatches(qgetenv("JOURNAL_STREAM")) ? Style::Journal : Style::Timestamped;
}

void LogFormat::install(Style style)
{
    s_style.store(int(style));
    s_qtPattern.store(qEnvironmentVariableIsSet("QT_MESSAGE_PATTERN"));
    qInstallMessageHandler(handleMessage);
}

} // namespace BuildService
