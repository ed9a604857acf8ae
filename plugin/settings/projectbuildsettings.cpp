// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: LGPL-2.1-only OR LGPL-3.0-only

// ProjectBuildSettings: a project's remote-build settings and the CLI options they add.
#include "projectbuildsettings.h"

namespace BuildService::Plugin {

namespace {
const QLatin1String Separator("--");

template<typename Value>
void writeOrDelete(KConfigGroup &group, const char *key, const Value &value, bool isDefault)
{
    if (isDefault)
        group.deleteEntry(key);
    else
        group.writeEntry(key, value);
}
} // namespace

ProjectBuildSettings ProjectBuildSettings::load(const KConfigGroup &group)
{
    ProjectBuildSettings settings;
    settings.server = group.readEntry("Server", QString()).trimmed();
    settings.artifacts = group.readEntry("Artifacts", QStringList());
    settings.excludes = group.readEntry("Excludes", QStringList());
    settings.freshWorkspace = group.readEntry("FreshWorkspace", false);
    settings.artifacts.removeAll(QString());
    settings.excludes.removeAll(QString());
    return settings;
}

void ProjectBuildSettings::save(KConfigGroup &group) const
{
    writeOrDelete(group, "Server", server, server.isEmpty());
    writeOrDelete(group, "Artifacts", artifacts, artifacts.isEmpty());
    writeOrDelete(group, "Excludes", excludes, excludes.isEmpty());
    writeOrDelete(group, "FreshWorkspace", freshWorkspace, !freshWorkspace);
}

QStringList ProjectBuildSettings::cliArguments() const
{
    QStringList arguments;
    for (const QString &glob : artifacts)
        arguments << QStringLiteral("-a") << glob;
    for (const QString &pattern : uploadExcludes())
        arguments << QStringLiteral("--exclude") << pattern;
    if (freshWorkspace)
        arguments << QStringLiteral("--fresh-workspace");
    return arguments;
}

QStringList ProjectBuildSettings::uploadExcludes() const
{
    // KDevelop's project files change when a launch configuration or a setting is saved;
    // uploading them would change the sync and the build cache's key for nothing.
    return QStringList{QStringLiteral("*.kdev4"), QStringLiteral(".kdev4/")} + excludes;
}

QStringList ProjectBuildSettings::splitLines(const QString &text)
{
    QStringList lines;
    const QStringList raw = text.split(QLatin1Char('\n'));
    for (const QString &line : raw) {
        const QString value = line.trimmed();
        if (!value.isEmpty())
            lines << value;
    }
    return lines;
}

void ProjectBuildSettings::insertOptions(QStringList &command, const QStringList &options)
{
    const int separator = command.indexOf(Separator);
    if (separator < 0)
        return;
    for (int i = 0; i < options.size(); ++i)
        command.insert(separator + i, options.at(i));
}

bool ProjectBuildSettings::replaceServerUrl(QStringList &command, const QString &url)
{
    const int separator = command.indexOf(Separator);
    const int end = separator < 0 ? command.size() : separator;
    for (int i = 0; i + 1 < end; ++i) {
        if (command.at(i) == QLatin1String("--server")) {
            command[i + 1] = url;
            return true;
        }
    }
    return false;
}

bool ProjectBuildSettings::operator==(const ProjectBuildSettings &other) const
{
    return server == other.server && artifacts == other.artifacts && excludes == other.excludes
        && freshWorkspace == other.freshWorkspace;
}

} // namespace BuildService::Plugin
