// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: GPL-2.0-or-later

// BuildStream: sequence numbers, bounded replay buffer, forwarding.
#include "buildstream.h"

#include "net/session.h"
#include "protocol/messages.h"

namespace BuildService {

BuildStream::BuildStream(const QString &buildId, qint64 maxBufferBytes, ServerMetrics *metrics)
    : m_buildId(buildId)
    , m_maxBufferBytes(maxBufferBytes)
    , m_metrics(metrics)
{
    m_age.start();
}

void BuildStream::sendEvent(const QJsonObject &event)
{
    append(event);
}

void BuildStream::sendEncodedEvent(const QByteArray &json)
{
    // Replayed cache recordings: they need a sequence number like every other event.
    append(QJsonDocument::fromJson(json).object());
}

void BuildStream::observe(const QJsonObject &event)
{
    // Only the few events that end a phase are decoded; output passes with one string compare.
    const QString type = event.value(QLatin1String("type")).toString();
    if (type == Protocol::Type::Synced) {
        if (m_metrics) {
            const SyncedMessage synced = SyncedMessage::fromJson(event);
            m_metrics->syncFinished(synced.bytes, double(synced.durationMs) / 1000.0);
        }
    } else if (type == Protocol::Type::Exit) {
        const ExitEvent exit = ExitEvent::fromJson(event);
        m_exited = true;
        if (exit.cached || exit.cache.hit())
            m_outcome = ServerMetrics::Outcome::Cached;
        else if (exit.cancelled)
            m_outcome = ServerMetrics::Outcome::Cancelled;
        else if (exit.timedOut)
            m_outcome = ServerMetrics::Outcome::Timeout;
        else if (exit.code == 0 && exit.signal == 0)
            m_outcome = ServerMetrics::Outcome::Success;
        else
            m_outcome = ServerMetrics::Outcome::Failure;
        if (m_metrics && (exit.cache.hit() || exit.cache.status == QLatin1String("miss")))
            m_metrics->cacheLookup(exit.cache.hit());
    } else if (type == Protocol::Type::Error && !m_exited) {
        // An error after the exit (artifacts) does not change how the command ended.
        const ErrorEvent error = ErrorEvent::fromJson(event);
        if (error.code == ErrorCode::Cancelled || error.code == ErrorCode::ShuttingDown)
            m_outcome = ServerMetrics::Outcome::Cancelled;
        else if (error.code == ErrorCode::BuildTimeout)
            m_outcome = ServerMetrics::Outcome::Timeout;
        else
            m_outcome = ServerMetrics::Outcome::Failure;
    }
}

ServerMetrics::Outcome BuildStream::outcome() const
{
    return m_outcome;
}

void BuildStream::append(QJsonObject event)
{
    observe(event);
    event.insert(QStringLiteral("seq"), ++m_lastSeq);
    // UTF-8 straight from the JSON writer: QString::toUtf8() would keep a buffer of three bytes
    // per character, and the kept events (up to detach_buffer_bytes) would cost three times that.
    QByteArray encoded = QJsonDocument(event).toJson(QJsonDocument::Compact);
    encoded.squeeze();
    m_buffer.append(encoded);
    m_bufferBytes += encoded.size();
    // Keep at least the newest event, however large.
    while (m_bufferBytes > m_maxBufferBytes && m_buffer.size() > 1)
        m_bufferBytes -= m_buffer.takeFirst().size();
    if (m_session)
        m_session->sendEncodedEvent(encoded);
}

qint64 BuildStream::pendingBytes() const
{
    return m_session ? m_session->pendingBytes() : 0;
}

qint64 BuildStream::attach(Session *session, qint64 afterSeq)
{
    m_session = session;
    const qint64 first = firstBufferedSeq();
    const qint64 lost = qMax<qint64>(0, first - (afterSeq + 1));
    for (qint64 seq = qMax(afterSeq + 1, first); seq <= m_lastSeq; ++seq)
        session->sendEncodedEvent(m_buffer.at(int(seq - first)));
    return lost;
}

void BuildStream::detach()
{
    m_session = nullptr;
}

} // namespace BuildService
