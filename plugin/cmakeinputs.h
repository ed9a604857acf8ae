// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: LGPL-2.1-only OR LGPL-3.0-only

// CMakeInputs: whether a mirrored CMake configuration may be out of date.
#pragma once

#include <QString>

namespace BuildService::Plugin {

/**
 * Bringing a CMake build directory's configuration back (CMakeMirror) costs a transfer of
 * build.ninja, compile_commands.json and the file-API replies, which are large for large
 * projects. A build re-runs CMake only when one of its inputs changed, so the plugin asks for
 * the mirror on a build only when that may have happened: when an input listed in the local
 * file-API reply (`cmakeFiles` object; CMake's own modules left out) is newer than the local
 * reply index, is missing, or when there is no usable reply at all. Reads a few small files;
 * reentrant.
 */
class CMakeInputs
{
public:
    /** True when the configuration mirrored into @p buildDir may be stale (see the class comment). */
    static bool changedSinceMirror(const QString &buildDir);
};

} // namespace BuildService::Plugin
