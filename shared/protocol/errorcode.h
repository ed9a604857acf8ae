// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: LGPL-2.1-only OR LGPL-3.0-only

// Stable wire error codes shared by client and server.
#pragma once

#include <QMetaType>
#include <QString>

namespace BuildService {

/**
 * Machine-readable error codes. The numeric values and the wire names never change once
 * released: clients switch on the name, logs may print the number. Add new codes at the end.
 */
enum class ErrorCode : int {
    Internal = 1,           ///< "internal": a bug or an unexpected system failure on the peer
    BadMessage = 2,         ///< "bad_message": not JSON, not an object, wrong field types
    UnknownMessage = 3,     ///< "unknown_message": a "type" this peer does not know
    MessageTooLarge = 4,    ///< "message_too_large": a frame or message above the limit
    ProtocolMismatch = 5,   ///< "protocol_mismatch": client and server speak different versions
    Unauthorized = 6,       ///< "unauthorized": token missing or wrong
    OriginRejected = 7,     ///< "origin_rejected": a browser Origin that is not allowed
    NotReady = 8,           ///< "not_ready": message not allowed in the session's current state
    WorkspaceBusy = 9,      ///< "workspace_busy": another build holds the workspace (reject mode)
    UnknownId = 10,         ///< "unknown_id": a build or workspace id the server does not know
    ArchiveRejected = 11,   ///< "archive_rejected": hostile or malformed archive entry
    LimitExceeded = 12,     ///< "limit_exceeded": entries, bytes or ratio above the server limits
    UploadIncomplete = 13,  ///< "upload_incomplete": connection or stream ended mid-upload
    DiskFull = 14,          ///< "disk_full": no space left while writing
    IoError = 15,           ///< "io_error": any other file-system failure
    BuildTimeout = 16,      ///< "build_timeout": the command ran longer than allowed
    Cancelled = 17,         ///< "cancelled": the build was cancelled by the client or server
    ShuttingDown = 18,      ///< "shutting_down": the server is stopping
    ConfigInvalid = 19,     ///< "config_invalid": a configuration file could not be used
    ConnectionFailed = 20,  ///< "connection_failed": client side, could not reach the server
    SpawnFailed = 21,       ///< "spawn_failed": the build command could not be started
    ArtifactsFailed = 22,   ///< "artifacts_failed": collecting or transferring artifacts failed
    InvalidRequest = 23,    ///< "invalid_request": a well-formed message with invalid values
    Forbidden = 24,         ///< "forbidden": an admin-only operation asked for by a user
};

/** The wire name of @p code, e.g. "workspace_busy". */
QString errorCodeName(ErrorCode code);

/** Parses a wire name; unknown names map to ErrorCode::Internal and set @p known to false. */
ErrorCode errorCodeFromName(const QString &name, bool *known = nullptr);

} // namespace BuildService

Q_DECLARE_METATYPE(BuildService::ErrorCode)
