// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: BSD-2-Clause

// Helpers for the build cache tests: a capturing event sink and recordings written on demand.
#pragma once

#include "build/eventsink.h"
#include "cache/recordingwriter.h"
#include "protocol/messages.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QList>
#include <QPair>

#include <functional>

namespace BuildService::Test {

/** Collects events with the (fake) time they were sent; pendingBytes is settable for back-pressure tests. */
class CaptureSink : public EventSink
{
public:
    explicit CaptureSink(std::function<qint64()> clock = [] { return qint64(0); }) : m_clock(std::move(clock)) {}
    void sendEvent(const QJsonObject &event) override { events.append({m_clock(), event}); }
    qint64 pendingBytes() const override { return pending; }

    QList<QJsonObject> ofType(const QString &type) const
    {
        QList<QJsonObject> out;
        for (const auto &e : events) {
            if (e.second.value(QLatin1String("type")).toString() == type)
                out.append(e.second);
        }
        return out;
    }
    /** The output bytes in order, each chunk prefixed with "1:" or "2:" so interleaving is visible. */
    QByteArray interleaved() const
    {
        QByteArray all;
        for (const QJsonObject &o : ofType(QStringLiteral("output"))) {
            const OutputEvent e = OutputEvent::fromJson(o);
            all += (e.stream == OutputStream::Stdout ? "1:" : "2:") + e.data;
        }
        return all;
    }

    QList<QPair<qint64, QJsonObject>> events;
    qint64 pending = 0;

private:
    std::function<qint64()> m_clock;
};

inline QJsonObject outputEvent(OutputStream stream, const QByteArray &data)
{
    return OutputEvent{stream, data}.toJson();
}

inline QJsonObject exitEvent(int code, qint64 durationMs = 0)
{
    ExitEvent e;
    e.code = code;
    e.durationMs = durationMs;
    e.buildId = QStringLiteral("bld_00000000-0000-0000-0000-000000000001");
    return e.toJson();
}

/** Writes a complete recording: @p events (time, event) then the exit event at @p exitTime. */
inline bool writeRecording(const QString &fileName, const QString &key, const QList<QPair<qint64, QJsonObject>> &events,
                           int exitCode = 0, qint64 exitTime = 0, qint64 artifactsBytes = 0, const QString &artifactsHash = QString())
{
    RecordingWriter writer(fileName);
    RecordingHeader header;
    header.key = key;
    header.buildId = QStringLiteral("bld_00000000-0000-0000-0000-000000000001");
    header.workspacePath = QStringLiteral("/srv/ws");
    header.command = QStringLiteral("make");
    header.startedMs = 1700000000000LL;
    if (!writer.open(header))
        return false;
    for (const auto &e : events) {
        if (!writer.append(e.first, e.second))
            return false;
    }
    return writer.append(exitTime, exitEvent(exitCode, exitTime)).ok() && writer.finish(artifactsBytes, artifactsHash).ok();
}

inline bool writeFile(const QString &fileName, const QByteArray &content)
{
    QDir().mkpath(QFileInfo(fileName).absolutePath());
    QFile f(fileName);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(content) == content.size();
}

inline QByteArray readFile(const QString &fileName)
{
    QFile f(fileName);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace BuildService::Test
