// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: GPL-2.0-or-later

// StdinFeeder: non-blocking writes into a build's stdin.
#include "runner/stdinfeeder.h"

#include <QLoggingCategory>
#include <QSocketNotifier>

#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <termios.h>
#include <unistd.h>

Q_LOGGING_CATEGORY(lcStdin, "buildservice.server.runner.stdin", QtInfoMsg)

namespace BuildService {

StdinFeeder::StdinFeeder(int fd, bool terminal, QObject *parent)
    : QObject(parent)
    , m_fd(fd)
    , m_terminal(terminal)
{
    Q_ASSERT(fd >= 0);
    fcntl(m_fd, F_SETFL, fcntl(m_fd, F_GETFL) | O_NONBLOCK);
    m_notifier = std::make_unique<QSocketNotifier>(m_fd, QSocketNotifier::Write);
    m_notifier->setEnabled(false);
    connect(m_notifier.get(), &QSocketNotifier::activated, this, &StdinFeeder::flush);
}

StdinFeeder::~StdinFeeder()
{
    closeFd();
}

void StdinFeeder::closeFd()
{
    if (m_notifier) {
        m_notifier->setEnabled(false);
        // May run inside the notifier's own activated() signal.
        m_notifier.release()->deleteLater();
    }
    if (m_fd >= 0)
        ::close(m_fd);
    m_fd = -1;
}

void StdinFeeder::write(const QByteArray &data)
{
    if (m_finishing || m_readerGone || m_fd < 0 || data.isEmpty())
        return;
    if (m_offset > 0 && m_offset >= m_queue.size() / 2) {
        m_queue.remove(0, m_offset);
        m_offset = 0;
    }
    m_queue += data;
    m_input += data.size();
    m_lastByte = data.back();
    flush();
}

void StdinFeeder::finish()
{
    if (m_finishing)
        return;
    m_finishing = true;
    if (m_terminal && !m_readerGone) {
        // VEOF ends a read only at the start of a line; a pending partial line needs one more.
        const char eof = CEOF;
        m_queue += eof;
        if (m_lastByte != '\n')
            m_queue += eof;
    }
    flush();
}

void StdinFeeder::flush()
{
    if (m_fd < 0)
        return;
    const qint64 before = m_written;
    while (m_offset < m_queue.size()) {
        const ssize_t n = ::write(m_fd, m_queue.constData() + m_offset, size_t(m_queue.size() - m_offset));
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            break;
        if (n <= 0) {
            // The command closed its stdin, or ended: whatever it did not read is not wanted.
            if (errno != EPIPE && errno != EIO)
                qCWarning(lcStdin) << "writing the build's stdin failed:" << strerror(errno);
            m_readerGone = true;
            m_queue.clear();
            m_offset = 0;
            closeFd();
            if (written() != std::min(before, m_input))
                Q_EMIT consumed(written());
            Q_EMIT readerGone();
            return;
        }
        m_offset += int(n);
        m_written += n;
    }
    if (m_offset >= m_queue.size()) {
        m_queue.clear();
        m_offset = 0;
    }
    const bool pending = m_offset < m_queue.size();
    if (m_notifier)
        m_notifier->setEnabled(pending);
    if (!pending && m_finishing && !m_terminal)
        closeFd(); // the command reads end-of-file
    if (written() != std::min(before, m_input))
        Q_EMIT consumed(written());
}

} // namespace BuildService
