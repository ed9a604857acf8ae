// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: LGPL-2.1-only OR LGPL-3.0-only

// Protocol constants: version, message type names, default port and limits.
#pragma once

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
inline constexpr QLatin1String Hello{"hello"};
inline constexpr QLatin1String Build{"build"};
inline constexpr QLatin1String UploadEnd{"upload_end"};
inline constexpr QLatin1String Cancel{"cancel"};
inline constexpr QLatin1String Status{"status"};
inline constexpr QLatin1String ListWorkspaces{"list_workspaces"};
inline constexpr QLatin1String FetchArtifacts{"fetch_artifacts"};
inline constexpr QLatin1String CacheStats{"cache_stats"};
inline constexpr QLatin1String CacheClear{"cache_clear"};
inline constexpr QLatin1String CacheExport{"cache_export"};
inline constexpr QLatin1String CacheImport{"cache_import"};
inline constexpr QLatin1String CacheImportEnd{"cache_import_end"};
inline constexpr QLatin1String Attach{"attach"};
inline constexpr QLatin1String Input{"input"};
inline constexpr QLatin1String Resize{"resize"};
// server -> client
inline constexpr QLatin1String Welcome{"welcome"};
inline constexpr QLatin1String Accepted{"accepted"};
inline constexpr QLatin1String Queued{"queued"};
inline constexpr QLatin1String UploadAck{"upload_ack"};
inline constexpr QLatin1String Synced{"synced"};
inline constexpr QLatin1String Started{"started"};
inline constexpr QLatin1String Output{"output"};
inline constexpr QLatin1String Exit{"exit"};
inline constexpr QLatin1String Error{"error"};
inline constexpr QLatin1String StatusReply{"status_reply"};
inline constexpr QLatin1String Workspaces{"workspaces"};
inline constexpr QLatin1String ArtifactsBegin{"artifacts_begin"};
inline constexpr QLatin1String ArtifactsEnd{"artifacts_end"};
inline constexpr QLatin1String CacheStatsReply{"cache_stats_reply"};
inline constexpr QLatin1String CacheCleared{"cache_cleared"};
inline constexpr QLatin1String CacheExportBegin{"cache_export_begin"};
inline constexpr QLatin1String CacheExportEnd{"cache_export_end"};
inline constexpr QLatin1String CacheImportReady{"cache_import_ready"};
inline constexpr QLatin1String CacheImported{"cache_imported"};
inline constexpr QLatin1String Attached{"attached"};
inline constexpr QLatin1String InputAck{"input_ack"};
} // namespace Type

/** Upload formats. Only tar+zstd is produced by our client; plain tar is accepted too. */
inline constexpr QLatin1String FormatTarZstd{"tar+zstd"};
inline constexpr QLatin1String FormatTar{"tar"};

} // namespace BuildService::Protocol
