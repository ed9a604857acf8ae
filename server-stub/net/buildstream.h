// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: GPL-2.0-or-later

// BuildStream: numbers a build's events, keeps a bounded tail of them and forwards them to the attached connection.
#pragma once

#include "build/eventsink.h"
#include "net/session.h"

#include "net/servermetrics.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QList>
#include <QPointer>
#include <QString>

namespace BuildService {

/**
 * The EventSink of one build. Every event gets "seq" (1, 2, 3, ... per build) and is kept in
 * a buffer of at most @p maxBufferBytes (the oldest events are dropped first); it is forwarded
 * to the session attached at the time, if any. attach() replays what the buffer holds after a
 * given sequence number, then the stream continues live: without loss or duplication as long
 * as the buffer still holds the first event the new reader needs.
 *
 * Event-loop thread only.
 */
class BuildStream : public EventSink
{
public:
    /** @p metrics (may be null, must outlive the stream) counts the build's sync and cache lookup. */
    BuildStream(const QString &buildId, qint64 maxBufferBytes, ServerMetrics *metrics = nullptr);

    void sendEvent(const QJsonObject &event) override;
    void sendEncodedEvent(const QByteArray &json) override;
    /** The attached session's backlog; 0 when detached (the buffer is bounded instead). */
    qint64 pendingBytes() const override;

    /**
     * Sends @p session the buffered events with seq > @p afterSeq, then every new one.
     * Returns how many events after @p afterSeq were already dropped from the buffer (0: none lost).
     */
    qint64 attach(Session *session, qint64 afterSeq);
    void detach();
    Session *attachedSession() const { return m_session; }
    QString buildId() const { return m_buildId; }
    /** Sequence number of the last event, 0 before the first. */
    qint64 lastSeq() const { return m_lastSeq; }
    /** Sequence number of the oldest buffered event (lastSeq() + 1 when empty). */
    qint64 firstBufferedSeq() const { return m_lastSeq - m_buffer.size() + 1; }
    /**
     * How the build ended, from the events it sent: its exit event, else the last error
     * (cancelled, build_timeout or anything else). Call when the job has finished.
     */
    ServerMetrics::Outcome outcome() const;
    /** Seconds since the stream was created (the build was accepted). */
    double ageSeconds() const { return double(m_age.elapsed()) / 1000.0; }

private:
    void append(QJsonObject event);
    void observe(const QJsonObject &event);

    QString m_buildId;
    qint64 m_maxBufferBytes;
    qint64 m_bufferBytes = 0;
    qint64 m_lastSeq = 0;
    QList<QByteArray> m_buffer;  ///< encoded events, seq firstBufferedSeq() .. lastSeq()
    QPointer<Session> m_session;
    ServerMetrics *m_metrics = nullptr;
    QElapsedTimer m_age;
    bool m_exited = false;
    ServerMetrics::Outcome m_outcome = ServerMetrics::Outcome::Failure;
};

} // namespace BuildService
