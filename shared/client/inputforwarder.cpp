// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: LGPL-2.1-only OR LGPL-3.0-only

// InputForwarder: windowed reading of a descriptor into "input" messages.
#include "client/inputforwarder.h"

#include <QByteArray>
#include <QDebug>
#include <QSocketNotifier>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include <unistd.h>

namespace BuildService {

InputForwarder::InputForwarder(int fd, qint64 window, Send send, QObject *parent)
    : QObject(parent)
    , m_fd(fd)
    , m_window(std::max<qint64>(window, 1))
    , m_send(std::move(send))
{
}

InputForwarder::~InputForwarder() = default;

void InputForwarder::start()
{
    if (m_started || m_finished)
        return;
    m_started = true;
    m_notifier = std::make_unique<QSocketNotifier>(m_fd, QSocketNotifier::Read);
    connect(m_notifier.get(), &QSocketNotifier::activated, this, &InputForwarder::readSome);
    updateNotifier();
}

void InputForwarder::acknowledged(qint64 total, bool closed)
{
    m_acked = std::max(m_acked, total);
    if (closed) {
        // The command will not read more: do not consume the rest of our input for nothing.
        stop();
        return;
    }
    updateNotifier();
}

void InputForwarder::stop()
{
    m_finished = true;
    if (m_notifier) {
        m_notifier->setEnabled(false);
        m_notifier.release()->deleteLater();
    }
}

void InputForwarder::updateNotifier()
{
    if (m_notifier)
        m_notifier->setEnabled(!m_finished && m_sent - m_acked < m_window);
}

void InputForwarder::readSome()
{
    const qint64 room = m_window - (m_sent - m_acked);
    if (m_finished || room <= 0) {
        updateNotifier();
        return;
    }
    QByteArray buffer(int(std::min(room, ChunkBytes)), Qt::Uninitialized);
    ssize_t n;
    do {
        n = ::read(m_fd, buffer.data(), size_t(buffer.size()));
    } while (n < 0 && errno == EINTR);
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
        return;
    if (n <= 0) {
        if (n < 0)
            qWarning().noquote() << "build-service: reading stdin failed, ending the command's input:" << strerror(errno);
        m_send(QByteArray(), true);
        stop();
        return;
    }
    buffer.truncate(int(n));
    m_sent += n;
    m_send(buffer, false);
    updateNotifier();
}

} // namespace BuildService
