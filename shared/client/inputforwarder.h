// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: LGPL-2.1-only OR LGPL-3.0-only

// InputForwarder: streams a local file descriptor (the CLI's stdin) to a build's stdin.
#pragma once

#include <QObject>

#include <functional>
#include <memory>

class QSocketNotifier;

namespace BuildService {

/**
 * Reads @p fd as data becomes available and hands it to the send function as "input"
 * messages, with flow control: at most @p window bytes sent and not yet acknowledged by the
 * server's input_ack. End of file is sent as "eof". The descriptor is neither made
 * non-blocking (it is shared with the shell that started us) nor closed.
 *
 * Lives on the thread that created it; not thread-safe.
 */
class InputForwarder : public QObject
{
    Q_OBJECT
public:
    using Send = std::function<void(const QByteArray &data, bool eof)>;

    /** Largest piece read and sent at once (the message holds it in base64). */
    static constexpr qint64 ChunkBytes = 64 * 1024;

    InputForwarder(int fd, qint64 window, Send send, QObject *parent = nullptr);
    ~InputForwarder() override;

    /** Begins reading (after the command started). */
    void start();
    /** The server's input_ack: @p total bytes taken; @p closed: the command closed its stdin. */
    void acknowledged(qint64 total, bool closed);
    /** Stops for good (the build ended). */
    void stop();

    qint64 bytesSent() const { return m_sent; }
    bool isFinished() const { return m_finished; }

private:
    void readSome();
    void updateNotifier();

    int m_fd;
    qint64 m_window;
    Send m_send;
    std::unique_ptr<QSocketNotifier> m_notifier;
    qint64 m_sent = 0;
    qint64 m_acked = 0;
    bool m_started = false;
    bool m_finished = false;
};

} // namespace BuildService
