// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: LGPL-2.1-only OR LGPL-3.0-only

// CMakeInputs: whether a mirrored CMake configuration may be out of date.
#include "cmakeinputs.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace BuildService::Plugin {

namespace {
QJsonObject readObject(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}
} // namespace

bool CMakeInputs::changedSinceMirror(const QString &buildDir)
{
    const QDir replies(buildDir + QLatin1String("/.cmake/api/v1/reply"));
    const QFileInfoList indexes = replies.entryInfoList({QStringLiteral("index-*.json")}, QDir::Files, QDir::Name | QDir::Reversed);
    const QStringList inputsFiles = replies.entryList({QStringLiteral("cmakeFiles-v1-*.json")}, QDir::Files);
    if (indexes.isEmpty() || inputsFiles.isEmpty())
        return true;
    const QDateTime mirrored = indexes.first().lastModified();
    const QJsonObject inputs = readObject(replies.filePath(inputsFiles.first()));
    const QString source = inputs.value(QLatin1String("paths")).toObject().value(QLatin1String("source")).toString();
    const QJsonArray list = inputs.value(QLatin1String("inputs")).toArray();
    if (source.isEmpty() || list.isEmpty())
        return true;
    for (const QJsonValue &value : list) {
        const QJsonObject input = value.toObject();
        // CMake's own modules and files CMake generated itself are not the user's edits.
        if (input.value(QLatin1String("isExternal")).toBool() || input.value(QLatin1String("isGenerated")).toBool())
            continue;
        const QFileInfo file(QDir(source).absoluteFilePath(input.value(QLatin1String("path")).toString()));
        if (!file.exists() || file.lastModified() > mirrored)
            return true;
    }
    return false;
}

} // namespace BuildService::Plugin
