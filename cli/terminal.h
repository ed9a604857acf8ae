// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: GPL-2.0-or-later

// Terminal: unbuffered writes to stdout/stderr and a one-line progress display.
#pragma once

#include <QByteArray>
#include <QElapsedTimer>
#include <QString>

namespace BuildService::Cli {

/**
 * Writes go straight to the file descriptors (no stdio buffering), so remote stdout and
 * stderr keep their order when both go to the same terminal or file. The progress line is
 * drawn on stderr when it is a terminal, cut to the terminal's width so it never wraps (a
 * wrapped line cannot be redrawn in place), and erased before any other output; otherwise (a log
 * file, an IDE's build pane) progress becomes a plain status line at most every 2 seconds
 * ($BUILD_SERVICE_PROGRESS_MS milliseconds; 0 prints every update).
 */
class Terminal
{
public:
    explicit Terminal(bool quiet);
    /**
     * Sends what would go to stderr (remote stderr, status and error lines) to stdout: one
     * stream keeps the order for a reader that takes two pipes in turn (an IDE's build view).
     */
    void setOneStream(bool oneStream) { m_errFd = oneStream ? 1 : 2; }

    void out(const QByteArray &data);
    void err(const QByteArray &data);
    /** A "build-service: ..." status line on stderr (suppressed by --quiet). */
    void status(const QString &line);
    /** An error line on stderr, never suppressed. */
    void error(const QString &line);
    /** Replaces the progress line (terminals), or prints it as a status line now and then. */
    void progress(const QString &line);
    void clearProgress();

    /** The width of the terminal on stderr ($COLUMNS or 80 when it cannot be asked). */
    static int columns();

private:
    static void writeAll(int fd, const char *data, qint64 size);

    bool m_quiet;
    int m_errFd = 2;
    bool m_stderrIsTty;
    bool m_progressShown = false;
    qint64 m_plainProgressIntervalMs = 2000;
    QElapsedTimer m_plainProgress;  ///< when the last plain progress line was printed
};

/** "12.3 MB" style sizes. */
QString formatBytes(qint64 bytes);

} // namespace BuildService::Cli
