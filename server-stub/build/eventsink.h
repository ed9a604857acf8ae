// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: GPL-2.0-or-later

// EventSink: where a build sends its protocol events (a client connection, a recorder, ...).
#pragma once

#include <QJsonDocument>
#include <QJsonObject>

namespace BuildService {

/**
 * Receives the JSON events of one build in order. Implemented by the client session; a cache
 * recorder can wrap it. pendingBytes() lets the build apply back-pressure to the command's
 * output when the receiver is slower than the build.
 */
class EventSink
{
public:
    virtual ~EventSink() = default;
    /** Queues @p event for the receiver. Never blocks. */
    virtual void sendEvent(const QJsonObject &event) = 0;
    /**
     * Queues an event that is already encoded as one compact JSON object (a recorded event being
     * replayed). The default decodes it for sendEvent(); a connection sends the text as it is.
     */
    virtual void sendEncodedEvent(const QByteArray &json) { sendEvent(QJsonDocument::fromJson(json).object()); }
    /** Bytes queued but not yet delivered. */
    virtual qint64 pendingBytes() const = 0;
};

} // namespace BuildService
