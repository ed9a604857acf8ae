// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: GPL-2.0-or-later

// EventRecorder: forward and record.
#include "eventrecorder.h"

#include "cache/cachelog.h"

namespace BuildService {

EventRecorder::EventRecorder(EventSink *inner, std::unique_ptr<RecordingWriter> writer, qint64 maxBytes, Clock clock)
    : m_inner(inner)
    , m_writer(std::move(writer))
    , m_maxBytes(maxBytes)
    , m_clock(std::move(clock))
    , m_start(m_clock())
{
}

void EventRecorder::sendEvent(const QJsonObject &event)
{
    m_inner->sendEvent(event);
    if (!usable())
        return;
    const QString type = event.value(QLatin1String("type")).toString();
    if (type == QLatin1String("error")) {
        giveUp(QStringLiteral("an error was reported during the build: %1").arg(event.value(QLatin1String("message")).toString()));
        return;
    }
    if (type != QLatin1String("output"))
        return;
    const Result<void> written = m_writer->append(elapsedMs(), event);
    if (!written) {
        giveUp(written.errorString());
        return;
    }
    if (m_writer->compressedBytes() > m_maxBytes)
        giveUp(QStringLiteral("the recording is larger than [cache] max_bytes (%1 bytes)").arg(m_maxBytes));
}

qint64 EventRecorder::pendingBytes() const
{
    return m_inner->pendingBytes();
}

qint64 EventRecorder::elapsedMs() const
{
    return m_clock() - m_start;
}

void EventRecorder::giveUp(const QString &why)
{
    qCInfo(lcCache) << "not recording this build:" << why;
    m_problem = why;
    if (m_writer)
        m_writer->discard();
}

std::unique_ptr<RecordingWriter> EventRecorder::takeWriter()
{
    if (m_problem.isEmpty() && m_writer == nullptr)
        m_problem = QStringLiteral("the recording was already taken");
    return std::move(m_writer);
}

} // namespace BuildService
