// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: GPL-2.0-or-later

// BuildContext: the server-wide services a build job uses.
#pragma once

#include "config/serverconfig.h"

namespace BuildService {

class WorkspaceStore;
class WorkspaceLocks;
class RunningBuilds;
class BuildCache;
class BuildRegistry;
class Authenticator;
struct SandboxOptions;

/** Non-owning references, valid for the server's lifetime. */
struct BuildContext {
    const ServerConfig &config;
    WorkspaceStore &store;
    WorkspaceLocks &locks;
    BuildCache *cache = nullptr;  ///< null: builds are neither replayed nor recorded
    RunningBuilds *running = nullptr;  ///< null: running process groups are not recorded
    BuildRegistry *registry = nullptr; ///< null: events are not numbered, builds cannot be attached
    const Authenticator *auth = nullptr; ///< null: every connection is Identity::local()
    const SandboxOptions *sandbox = nullptr; ///< null or disabled: builds run unconfined
};

} // namespace BuildService
