// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: LGPL-2.1-only OR LGPL-3.0-only

// Protocol constants: version, message type names, default port and limits.
#pragma once

#include "core/latin1literal.h"

#include <QLatin1String>
#include <QtGlobal>

namespace BuildService::Protocol {

/** Version spoken by this build. Bump on any incompatible change; see docs/protocol.md. */
constexpr int Version = 1;

/** Default TCP port of the server (documented in docs/configuration.md). */
constexpr quint16 DefaultPort = 7468;

/** Largest JSON text message either side accepts by default. */
constexpr qint64 DefaultMaxMessageBytes = 1 << 20;
/** Largest single WebSocket frame either side accepts by default. */
constexpr qint64 DefaultMaxFrameBytes = 1 << 20;
/** Upload bytes a client may have in flight before it waits for an upload_ack. */
constexpr qint64 DefaultUploadWindowBytes = 8 << 20;
/** Bytes of a build's stdin a client may have in flight before it waits for an input_ack. */
constexpr qint64 DefaultInputWindowBytes = 1 << 20;
/** Seconds between WebSocket pings, each way ([server] heartbeat_interval_sec). */
constexpr int DefaultHeartbeatIntervalSec = 10;
/** Seconds without any frame from the peer after which it counts as gone ([server] heartbeat_timeout_sec). */
constexpr int DefaultHeartbeatTimeoutSec = 30;
/** Seconds a client waits for "welcome" after it started to connect. */
constexpr int DefaultConnectTimeoutSec = 10;

namespace Type {
// client -> server
inline constexpr QLatin1String Hello = latin1Literal("hello");
inline constexpr QLatin1String Build = latin1Literal("build");
inline constexpr QLatin1String UploadEnd = latin1Literal("upload_end");
inline constexpr QLatin1String Cancel = latin1Literal("cancel");
inline constexpr QLatin1String Status = latin1Literal("status");
inline constexpr QLatin1String ListWorkspaces = latin1Literal("list_workspaces");
inline constexpr QLatin1String FetchArtifacts = latin1Literal("fetch_artifacts");
inline constexpr QLatin1String CacheStats = latin1Literal("cache_stats");
inline constexpr QLatin1String CacheClear = latin1Literal("cache_clear");
inline constexpr QLatin1String CacheExport = latin1Literal("cache_export");
inline constexpr QLatin1String CacheImport = latin1Literal("cache_import");
inline constexpr QLatin1String CacheImportEnd = latin1Literal("cache_import_end");
inline constexpr QLatin1String Attach = latin1Literal("attach");
inline constexpr QLatin1String Input = latin1Literal("input");
inline constexpr QLatin1String Resize = latin1Literal("resize");
// server -> client
inline constexpr QLatin1String Welcome = latin1Literal("welcome");
inline constexpr QLatin1String Accepted = latin1Literal("accepted");
inline constexpr QLatin1String Queued = latin1Literal("queued");
inline constexpr QLatin1String UploadAck = latin1Literal("upload_ack");
inline constexpr QLatin1String Synced = latin1Literal("synced");
inline constexpr QLatin1String Started = latin1Literal("started");
inline constexpr QLatin1String Output = latin1Literal("output");
inline constexpr QLatin1String Exit = latin1Literal("exit");
inline constexpr QLatin1String Error = latin1Literal("error");
inline constexpr QLatin1String StatusReply = latin1Literal("status_reply");
inline constexpr QLatin1String Workspaces = latin1Literal("workspaces");
inline constexpr QLatin1String ArtifactsBegin = latin1Literal("artifacts_begin");
inline constexpr QLatin1String ArtifactsEnd = latin1Literal("artifacts_end");
inline constexpr QLatin1String CacheStatsReply = latin1Literal("cache_stats_reply");
inline constexpr QLatin1String CacheCleared = latin1Literal("cache_cleared");
inline constexpr QLatin1String CacheExportBegin = latin1Literal("cache_export_begin");
inline constexpr QLatin1String CacheExportEnd = latin1Literal("cache_export_end");
inline constexpr QLatin1String CacheImportReady = latin1Literal("cache_import_ready");
inline constexpr QLatin1String CacheImported = latin1Literal("cache_imported");
inline constexpr QLatin1String Attached = latin1Literal("attached");
inline constexpr QLatin1String InputAck = latin1Literal("input_ack");
} // namespace Type

/** Upload formats. Only tar+zstd is produced by our client; plain tar is accepted too. */
inline constexpr QLatin1String FormatTarZstd = latin1Literal("tar+zstd");
inline constexpr QLatin1String FormatTar = latin1Literal("tar");

} // namespace BuildService::Protocol
