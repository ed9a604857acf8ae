// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: GPL-2.0-or-later

// StdinFeeder: writes what the client sends for a build's stdin into its pipe or terminal.
#pragma once

#include <QByteArray>
#include <QObject>

#include <algorithm>
#include <memory>

class QSocketNotifier;

namespace BuildService {

/**
 * Owns the write side of a build's stdin (a pipe, or the master of its pseudo-terminal) and
 * writes queued bytes without blocking, as the command reads them. The queue is not bounded
 * here: the caller keeps it below the input window it announced to the client and tells the
 * client about progress from consumed().
 *
 * finish() ends the input once the queue is written: a pipe is closed (the command reads
 * end-of-file); a terminal stays open (it is also the command's output), so the terminal's
 * end-of-file character (^D) is written instead, twice when the last line was not ended, as
 * a user at a terminal would type it.
 *
 * When the command closes its stdin (EPIPE, or EIO from a terminal whose every slave is
 * closed) readerGone() is emitted once and everything queued or written later is dropped.
 * The process must ignore SIGPIPE (the server does, in main()), or that write kills it.
 * Lives on the thread that created it; not thread-safe.
 */
class StdinFeeder : public QObject
{
    Q_OBJECT
public:
    /** Takes ownership of @p fd (made non-blocking). @p terminal: @p fd is a pty master. */
    StdinFeeder(int fd, bool terminal, QObject *parent = nullptr);
    ~StdinFeeder() override;

    /** Queues @p data; ignored after finish() or readerGone(). */
    void write(const QByteArray &data);
    /** End of input after what is queued. */
    void finish();

    /** Bytes written into the pipe or terminal so far (not counting the ^D of finish()). */
    qint64 written() const { return std::min(m_written, m_input); }
    /** Bytes queued and not written yet. */
    qint64 queued() const { return m_queue.size() - m_offset; }
    bool isReaderGone() const { return m_readerGone; }

Q_SIGNALS:
    /** More bytes were written; @p total is written(). */
    void consumed(qint64 total);
    void readerGone();

private:
    void flush();
    void closeFd();

    int m_fd;
    bool m_terminal;
    std::unique_ptr<QSocketNotifier> m_notifier;
    QByteArray m_queue;
    int m_offset = 0;
    qint64 m_written = 0;  ///< including the ^D of finish()
    qint64 m_input = 0;    ///< bytes given to write()
    bool m_finishing = false;
    bool m_readerGone = false;
    char m_lastByte = '\n';
};

} // namespace BuildService
