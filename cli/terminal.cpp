// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: GPL-2.0-or-later

// Terminal: low-level output for the CLI.
#include "terminal.h"

#include "progressline.h"

#include <QCoreApplication>

#include <cerrno>
#include <sys/ioctl.h>
#include <unistd.h>

namespace BuildService::Cli {

Terminal::Terminal(bool quiet)
    : m_quiet(quiet)
    , m_stderrIsTty(::isatty(STDERR_FILENO) == 1)
{
    bool ok = false;
    const int interval = qEnvironmentVariableIntValue("BUILD_SERVICE_PROGRESS_MS", &ok);
    if (ok && interval >= 0)
        m_plainProgressIntervalMs = interval;
}

void Terminal::writeAll(int fd, const char *data, qint64 size)
{
    while (size > 0) {
        const ssize_t n = ::write(fd, data, size_t(size));
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return; // a closed pipe (e.g. `| head`) is not our error to report
        }
        data += n;
        size -= n;
    }
}

void Terminal::out(const QByteArray &data)
{
    clearProgress();
    writeAll(STDOUT_FILENO, data.constData(), data.size());
}

void Terminal::err(const QByteArray &data)
{
    clearProgress();
    writeAll(m_errFd, data.constData(), data.size());
}

void Terminal::status(const QString &line)
{
    if (m_quiet)
        return;
    err(QByteArrayLiteral("build-service: ") + line.toUtf8() + '\n');
}

void Terminal::error(const QString &line)
{
    err(QByteArrayLiteral("build-service: ") + line.toUtf8() + '\n');
}

void Terminal::progress(const QString &line)
{
    if (m_quiet)
        return;
    if (!m_stderrIsTty) {
        // A log or an IDE's build pane: a plain line now and then shows that long work moves.
        if (m_plainProgress.isValid() && m_plainProgress.elapsed() < m_plainProgressIntervalMs)
            return;
        if (!m_plainProgress.isValid() && m_plainProgressIntervalMs > 0) {
            m_plainProgress.start(); // the first interval passes quietly: short work prints nothing
            return;
        }
        m_plainProgress.restart();
        status(line);
        return;
    }
    // Fitted to the width every time: the window may have been resized since the last redraw.
    const QByteArray text = QByteArrayLiteral("\r\x1b[K") + ProgressLine::fitToWidth(line, columns()).toUtf8();
    writeAll(STDERR_FILENO, text.constData(), text.size());
    m_progressShown = true;
}

int Terminal::columns()
{
    winsize size{};
    if (::ioctl(STDERR_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0)
        return size.ws_col;
    bool ok = false;
    const int fromEnv = qEnvironmentVariableIntValue("COLUMNS", &ok);
    return ok && fromEnv > 0 ? fromEnv : 80;
}

void Terminal::clearProgress()
{
    if (!m_progressShown)
        return;
    m_progressShown = false;
    writeAll(STDERR_FILENO, "\r\x1b[K", 4);
}

QString formatBytes(qint64 bytes)
{
    if (bytes < 1024)
        return QCoreApplication::translate("Terminal", "%1 B").arg(bytes);
    if (bytes < 1024 * 1024)
        return QCoreApplication::translate("Terminal", "%1 KB").arg(double(bytes) / 1024, 0, 'f', 1);
    if (bytes < 1024LL * 1024 * 1024)
        return QCoreApplication::translate("Terminal", "%1 MB").arg(double(bytes) / (1024 * 1024), 0, 'f', 1);
    return QCoreApplication::translate("Terminal", "%1 GB").arg(double(bytes) / (1024.0 * 1024 * 1024), 0, 'f', 2);
}

} // namespace BuildService::Cli
