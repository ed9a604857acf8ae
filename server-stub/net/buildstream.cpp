// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: GPL-2.0-or-later

// BuildStream: sequence numbers, bounded replay buffer, forwarding.
#include "buildstream.h"

#include "net/session.h"
#include "protocol/messages.h"

namespace BuildService {

BuildStream::BuildStream(const QString &buildId, qint64 maxBufferBytes)
    : m_buildId(buildId)
    , m_maxBufferBytes(maxBufferBytes)
{
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

void BuildStream::append(QJsonObject event)
{
    event.insert(QStringLiteral("seq"), ++m_lastSeq);
    const QByteArray encoded = encodeMessage(event).toUtf8();
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
