// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: LGPL-2.1-only OR LGPL-3.0-only

// Mapping between ErrorCode values and their wire names.
#include "errorcode.h"

#include <QHash>

namespace BuildService {

namespace {
struct Entry {
    ErrorCode code;
    const char *name;
};

constexpr Entry s_entries[] = {
    {ErrorCode::Internal, "internal"},
    {ErrorCode::BadMessage, "bad_message"},
    {ErrorCode::UnknownMessage, "unknown_message"},
    {ErrorCode::MessageTooLarge, "message_too_large"},
    {ErrorCode::ProtocolMismatch, "protocol_mismatch"},
    {ErrorCode::Unauthorized, "unauthorized"},
    {ErrorCode::OriginRejected, "origin_rejected"},
    {ErrorCode::NotReady, "not_ready"},
    {ErrorCode::WorkspaceBusy, "workspace_busy"},
    {ErrorCode::UnknownId, "unknown_id"},
    {ErrorCode::ArchiveRejected, "archive_rejected"},
    {ErrorCode::LimitExceeded, "limit_exceeded"},
    {ErrorCode::UploadIncomplete, "upload_incomplete"},
    {ErrorCode::DiskFull, "disk_full"},
    {ErrorCode::IoError, "io_error"},
    {ErrorCode::BuildTimeout, "build_timeout"},
    {ErrorCode::Cancelled, "cancelled"},
    {ErrorCode::ShuttingDown, "shutting_down"},
    {ErrorCode::ConfigInvalid, "config_invalid"},
    {ErrorCode::ConnectionFailed, "connection_failed"},
    {ErrorCode::SpawnFailed, "spawn_failed"},
    {ErrorCode::ArtifactsFailed, "artifacts_failed"},
    {ErrorCode::InvalidRequest, "invalid_request"},
    {ErrorCode::Forbidden, "forbidden"},
};
} // namespace

QString errorCodeName(ErrorCode code)
{
    for (const Entry &e : s_entries) {
        if (e.code == code)
            return QString::fromLatin1(e.name);
    }
    return QStringLiteral("internal");
}

ErrorCode errorCodeFromName(const QString &name, bool *known)
{
    for (const Entry &e : s_entries) {
        if (name == QLatin1String(e.name)) {
            if (known)
                *known = true;
            return e.code;
        }
    }
    if (known)
        *known = false;
    return ErrorCode::Internal;
}

} // namespace BuildService
