// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: LGPL-2.1-only OR LGPL-3.0-only

// ProjectSettingsApplier: applies a project's remote-build settings to one wrapped build.
#pragma once

#include "serverlist.h"

#include <QStringList>

namespace KDevelop {
class IProject;
}

namespace BuildService::Plugin {

/**
 * The bridge between the per-project settings (ProjectBuildSettings in the project's config)
 * and RemoteRuntime. Reads the settings on every call, so changes apply to the next build
 * without any notification. Main thread only (KConfig).
 */
class ProjectSettingsApplier
{
public:
    /**
     * The server the builds of @p project go to when @p runtimeServer's runtime is selected:
     * the project's configured server (looked up by name in kdeveloprc, with its URL and
     * token) or @p runtimeServer when none is set, @p project is null or the named server is
     * no longer configured (logged).
     */
    static ServerEntry serverFor(KDevelop::IProject *project, const ServerEntry &runtimeServer);

    /**
     * Rewrites the wrapped command line @p command (`<cli> build --server <url> ... -- <cmd>`)
     * for @p project: the server override, `-a` per artifact glob, `--exclude` per pattern and,
     * once, `--fresh-workspace`; the fresh-workspace flag is then cleared in the project's
     * config (and synced), so only this build gets it. Nothing changes for a null @p project.
     */
    static void apply(KDevelop::IProject *project, const ServerEntry &runtimeServer, QStringList &command);

    /** True when the next build of @p project gets a fresh workspace (the one-shot setting is on). */
    static bool freshWorkspacePending(KDevelop::IProject *project);
};

} // namespace BuildService::Plugin
