// EventSink: where a build sends its protocol events (a client connection, a recorder, ...).
#pragma once

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
    /** Bytes queued but not yet delivered. */
    virtual qint64 pendingBytes() const = 0;
};

} // namespace BuildService
