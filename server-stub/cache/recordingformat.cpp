// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: GPL-2.0-or-later

// RecordingFormat: header (de)serialisation.
#include "recordingformat.h"

#include <QJsonDocument>

namespace BuildService {

QJsonObject RecordingHeader::toJson() const
{
    return {{QStringLiteral("format"), RecordingFormat::Magic},
            {QStringLiteral("version"), RecordingFormat::Version},
            {QStringLiteral("key"), key},
            {QStringLiteral("build_id"), buildId},
            {QStringLiteral("workspace_id"), workspaceId},
            {QStringLiteral("workspace_path"), workspacePath},
            {QStringLiteral("command"), command},
            {QStringLiteral("started_ms"), startedMs},
            {QStringLiteral("prior_state"), priorState},
            {QStringLiteral("real_path"), realPath}};
}

bool RecordingHeader::fromJson(const QJsonObject &json, RecordingHeader *header)
{
    if (json.value(QLatin1String("format")).toString() != RecordingFormat::Magic
        || json.value(QLatin1String("version")).toInt() != RecordingFormat::Version)
        return false;
    header->key = json.value(QLatin1String("key")).toString();
    header->buildId = json.value(QLatin1String("build_id")).toString();
    header->workspaceId = json.value(QLatin1String("workspace_id")).toString();
    header->workspacePath = json.value(QLatin1String("workspace_path")).toString();
    header->command = json.value(QLatin1String("command")).toString();
    header->startedMs = qint64(json.value(QLatin1String("started_ms")).toDouble());
    header->priorState = json.value(QLatin1String("prior_state")).toString();
    header->realPath = json.value(QLatin1String("real_path")).toString();
    return true;
}

QJsonObject RecordedEvent::object() const
{
    return QJsonDocument::fromJson(json).object();
}

} // namespace BuildService
