// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: GPL-2.0-or-later

// Replayer: timed re-sending of recorded events.
#include "replayer.h"

#include <QElapsedTimer>

#include <cmath>

namespace BuildService {

namespace {
constexpr qint64 s_highWater = 4 << 20;
// Events sent per pump before yielding to the event loop in instant mode.
constexpr int s_batch = 256;
} // namespace

Replayer::Clock Replayer::steadyClock()
{
    return [] {
        static QElapsedTimer timer = [] {
            QElapsedTimer t;
            t.start();
            return t;
        }();
        return timer.elapsed();
    };
}

Replayer::Replayer(std::shared_ptr<RecordingReader> reader, EventSink *sink, double speed, Clock clock, QObject *parent)
    : QObject(parent)
    , m_reader(std::move(reader))
    , m_sink(sink)
    , m_speed(speed)
    , m_clock(std::move(clock))
{
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &Replayer::pump);
}

Replayer::~Replayer() = default;

void Replayer::start()
{
    m_start = m_clock();
    m_running = true;
    pump();
}

void Replayer::stop()
{
    m_running = false;
    m_timer.stop();
}

void Replayer::sinkDrained()
{
    if (m_running && m_sink->pendingBytes() < s_highWater && !m_timer.isActive())
        pump();
}

qint64 Replayer::elapsedMs() const
{
    return m_clock() - m_start;
}

void Replayer::pump()
{
    if (!m_running)
        return;
    m_timer.stop();
    for (int sent = 0; m_running;) {
        if (!m_havePending) {
            const Result<bool> read = m_reader->next(&m_pending);
            if (!read || !read.value()) {
                m_running = false;
                Q_EMIT failed(read ? makeError(ErrorCode::IoError, QStringLiteral("the recording ended without an exit event"))
                                   : read.error());
                return;
            }
            m_havePending = true;
        }
        if (m_speed > 0) {
            const qint64 due = qint64(std::ceil(double(m_pending.timeMs) / m_speed));
            const qint64 now = elapsedMs();
            if (due > now) {
                m_timer.start(int(std::min<qint64>(due - now, 24 * 3600 * 1000)));
                return;
            }
        }
        if (m_pending.isExit()) {
            m_running = false;
            m_havePending = false;
            Q_EMIT finished(m_pending.object());
            return;
        }
        if (m_sink->pendingBytes() > s_highWater)
            return; // sinkDrained() resumes
        m_sink->sendEncodedEvent(m_pending.json);
        m_havePending = false;
        ++m_sent;
        if (++sent == s_batch) {
            m_timer.start(0);
            return;
        }
    }
}

} // namespace BuildService
