// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: GPL-2.0-or-later

// Replayer: sends the recorded output events of a build again, at a chosen speed.
#pragma once

#include "build/eventsink.h"
#include "cache/recordingreader.h"
#include "protocol/messages.h"

#include <QObject>
#include <QTimer>

#include <functional>
#include <memory>

namespace BuildService {

/**
 * Replays one recording into a sink: each output event is sent exactly as recorded (so the
 * bytes the client sees are identical, including the order of stdout and stderr chunks) at
 * its recorded time divided by the speed factor; speed 0 sends everything as fast as the sink
 * takes it. The exit event is not sent: finished() hands it to the caller, which reports the
 * replay under the new build's id. In real time the replay also waits for the silence before
 * the recorded exit.
 *
 * Timing uses an injected monotonic clock and a single-shot QTimer for the next due event;
 * tests move the clock and call pump() instead of sleeping. Back-pressure: above 4 MiB of
 * undelivered bytes in the sink the replay pauses until sinkDrained(). Instant replays yield to
 * the event loop after every batch so other connections keep being served.
 * Lives on one thread; the reader must have been opened (or verified).
 */
class Replayer : public QObject
{
    Q_OBJECT
public:
    /** Monotonic milliseconds. */
    using Clock = std::function<qint64()>;
    /** A steady clock for production use. */
    static Clock steadyClock();

    Replayer(std::shared_ptr<RecordingReader> reader, EventSink *sink, double speed, Clock clock = steadyClock(),
             QObject *parent = nullptr);
    ~Replayer() override;

    /** Starts the replay: the first due events are sent at once. */
    void start();
    /** Stops sending; nothing is emitted afterwards. */
    void stop();
    /** The sink delivered part of its backlog. */
    void sinkDrained();
    /** Sends every event that is due by the clock (normally driven by the timer). */
    void pump();

    /** Milliseconds (by the clock) since start(). */
    qint64 elapsedMs() const;
    /** Events sent so far (not counting the exit event). */
    qint64 eventsSent() const { return m_sent; }
    bool isRunning() const { return m_running; }

Q_SIGNALS:
    /** All output was sent; @p recordedExit is the recorded build's exit event. */
    void finished(const QJsonObject &recordedExit);
    /** The recording could not be read further (it was verified before, so this is rare). */
    void failed(const BuildService::Error &error);

private:
    std::shared_ptr<RecordingReader> m_reader;
    EventSink *m_sink;
    double m_speed;
    Clock m_clock;
    QTimer m_timer;
    qint64 m_start = 0;
    qint64 m_sent = 0;
    bool m_running = false;
    bool m_havePending = false;
    RecordedEvent m_pending;
};

} // namespace BuildService
