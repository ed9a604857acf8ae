// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: GPL-2.0-or-later

// RecordingFormat: the on-disk format of a build recording (zstd-compressed JSON lines).
#pragma once

#include "cache/workspacestate.h"
#include "core/latin1literal.h"

#include <QJsonObject>
#include <QList>
#include <QString>

namespace BuildService {

/**
 * A recording is one zstd stream of UTF-8 JSON lines ('\n'-terminated):
 *
 *   {"format":"build-service-recording","version":1, ...header fields...}
 *   {"t":<ms since the command started>,"e":<output event, exactly as sent>}     (0..n)
 *   {"t":<ms>,"x":<exit event of the recorded build>}                             (1)
 *   {"c":<WorkspaceChange as JSON>}        (0..n: what the build changed in its workspace)
 *   {"end":{"lines":<lines before this one>,"bytes":<their bytes>,"xxh3":"<16 hex>",
 *           "artifacts_bytes":<zip size>,"artifacts_xxh3":"<16 hex or empty>",
 *           "after_state":"<WorkspaceState digest after the build>"}}
 *
 * Event lines are written exactly in this form (the time first), so a reader can take the event
 * text without parsing it. The trailer's hash covers every byte before it, so a truncated,
 * garbled or spliced file is detected; the artifacts zip (stored next to the recording) is
 * checked against its own hash. The contents of changed files live in the cache's BlobStore,
 * named by their SHA-256 in the change lines.
 */
namespace RecordingFormat {
inline constexpr QLatin1String Magic = latin1Literal("build-service-recording");
constexpr int Version = 2;
/** Longest line a reader accepts: bounds memory for a corrupted file. */
constexpr qint64 MaxLineBytes = 32 << 20;
} // namespace RecordingFormat

/** First line of a recording: where and what was recorded. */
struct RecordingHeader {
    QString key;
    QString buildId;
    QString workspaceId;
    QString workspacePath;  ///< the path the recorded output refers to (sent in a replay's "started")
    QString command;
    qint64 startedMs = 0;   ///< wall clock, ms since the epoch
    QString priorState;     ///< WorkspaceState digest the build started from
    QString realPath;       ///< the workspace's canonical path (what outputs name; restores relocate it)

    QJsonObject toJson() const;
    /** False when the object is not a header of a supported version. */
    static bool fromJson(const QJsonObject &json, RecordingHeader *header);
};

/**
 * One recorded event and its time relative to the start of the command. Output events are kept
 * as the compact JSON text that was sent, so a replay sends them without decoding them.
 */
struct RecordedEvent {
    qint64 timeMs = 0;
    QByteArray json;     ///< the event as one compact JSON object
    bool exit = false;   ///< the recorded build's exit event (always the last event)
    bool isExit() const { return exit; }
    /** The event decoded. */
    QJsonObject object() const;
};

/** The trailer's content. */
struct RecordingSummary {
    qint64 lines = 0;
    qint64 bytes = 0;
    QString hash;
    qint64 artifactsBytes = 0;
    QString artifactsHash;  ///< empty when the build has no artifacts zip
    QString afterState;     ///< WorkspaceState digest the build left
    QList<WorkspaceChange> changes;
};

} // namespace BuildService
