// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: GPL-2.0-or-later

// EventRecorder: an EventSink that forwards a build's events and records its output events.
#pragma once

#include "build/eventsink.h"
#include "cache/recordingwriter.h"

#include <functional>
#include <memory>

namespace BuildService {

/**
 * Wraps the client's sink while the command runs. Every event is forwarded unchanged (the
 * client never waits for the recording); "output" events are also appended to the recording
 * with their time since construction. The recording becomes unusable - and is then never
 * stored - when writing fails, when it grows beyond @p maxBytes, or when an "error" event passes
 * (something went wrong beside the command, e.g. artifacts could not be collected).
 * Not thread-safe; lives on the build's thread. Does not own @p inner.
 */
class EventRecorder : public EventSink
{
public:
    /** Monotonic milliseconds; injected so tests control the recorded times. */
    using Clock = std::function<qint64()>;

    EventRecorder(EventSink *inner, std::unique_ptr<RecordingWriter> writer, qint64 maxBytes, Clock clock);

    void sendEvent(const QJsonObject &event) override;
    qint64 pendingBytes() const override;

    /** Milliseconds since the recorder was created (the command's start). */
    qint64 elapsedMs() const;
    bool usable() const { return m_writer && m_problem.isEmpty(); }
    /** Why the recording cannot be stored; empty when usable(). */
    QString problem() const { return m_problem; }
    /** Hands over the writer (to append the exit event and finish it); the recorder stops recording. */
    std::unique_ptr<RecordingWriter> takeWriter();

private:
    void giveUp(const QString &why);

    EventSink *m_inner;
    std::unique_ptr<RecordingWriter> m_writer;
    qint64 m_maxBytes;
    Clock m_clock;
    qint64 m_start;
    QString m_problem;
};

} // namespace BuildService
