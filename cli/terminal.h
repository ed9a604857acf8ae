// Terminal: unbuffered writes to stdout/stderr and a one-line progress display.
#pragma once

#include <QByteArray>
#include <QString>

namespace BuildService::Cli {

/**
 * Writes go straight to the file descriptors (no stdio buffering), so remote stdout and
 * stderr keep their order when both go to the same terminal or file. The progress line is
 * drawn on stderr only when it is a terminal, and erased before any other output.
 */
class Terminal
{
public:
    explicit Terminal(bool quiet);

    void out(const QByteArray &data);
    void err(const QByteArray &data);
    /** A "build-service: ..." status line on stderr (suppressed by --quiet). */
    void status(const QString &line);
    /** An error line on stderr, never suppressed. */
    void error(const QString &line);
    /** Replaces the progress line (terminals only). */
    void progress(const QString &line);
    void clearProgress();

private:
    static void writeAll(int fd, const char *data, qint64 size);

    bool m_quiet;
    bool m_stderrIsTty;
    bool m_progressShown = false;
};

/** "12.3 MB" style sizes. */
QString formatBytes(qint64 bytes);

} // namespace BuildService::Cli
