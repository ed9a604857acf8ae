// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: LGPL-2.1-only OR LGPL-3.0-only

// ProjectBuildSettings: a project's remote-build settings and the CLI options they add.
#pragma once

#include <KConfigGroup>

#include <QString>
#include <QStringList>

namespace BuildService::Plugin {

/**
 * What a project asks of its remote builds, stored in the project's own config
 * (IProject::projectConfiguration(), group "BuildService"; keys Server, Artifacts, Excludes,
 * FreshWorkspace). Tokens never live here: Server only names a server of the global list.
 * A plain value; free of KDevelop so it is usable and testable anywhere.
 */
class ProjectBuildSettings
{
public:
    static constexpr const char *GroupName = "BuildService";

    /** Name of the configured server every wrapped build of the project goes to; empty = the runtime's. */
    QString server;
    /** Globs of files to bring back into the checkout after a build (`-a`). */
    QStringList artifacts;
    /** Extra .gitignore patterns left out of the upload (`--exclude`). */
    QStringList excludes;
    /** One shot: the next wrapped build starts in a new workspace (`--fresh-workspace`). */
    bool freshWorkspace = false;

    /** Reads the settings from @p group; missing keys give the defaults. */
    static ProjectBuildSettings load(const KConfigGroup &group);
    /** Writes the settings to @p group (empty values remove their keys); does not sync. */
    void save(KConfigGroup &group) const;

    /** The options for `build-service build`: `-a <glob>`..., `--exclude <pattern>`..., `--fresh-workspace`. */
    QStringList cliArguments() const;
    /** What uploads of the checkout leave out: KDevelop's project files (*.kdev4, .kdev4/), then excludes. */
    QStringList uploadExcludes() const;

    /** The non-empty lines of @p text, trimmed (how the page's multi-line fields are read). */
    static QStringList splitLines(const QString &text);

    /**
     * Inserts @p options into the wrapped command line @p command (`<cli> build ... -- <cmd>`)
     * right before its first "--", so they are options of `build` and not part of the remote
     * command. Does nothing when @p command has no "--".
     */
    static void insertOptions(QStringList &command, const QStringList &options);
    /** Replaces the value of `--server` in @p command (before "--") by @p url; false when absent. */
    static bool replaceServerUrl(QStringList &command, const QString &url);

    bool operator==(const ProjectBuildSettings &other) const;
    bool operator!=(const ProjectBuildSettings &other) const { return !(*this == other); }
};

} // namespace BuildService::Plugin
