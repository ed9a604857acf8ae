// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: LGPL-2.1-only OR LGPL-3.0-only

// CMakeConfigureFirst: the CMake configure a remote build needs when its build directory is new on the server.
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace BuildService::Plugin {

/**
 * A CMake build directory lives twice: on the server (the real one) and in the checkout (the
 * mirrored configuration KDevelop reads). KDevelop decides what to pass to CMake from the local
 * copy; these rules fill what it leaves out because the local copy exists, while the server's
 * may not:
 *
 * - KDevelop passes `-G <generator>` only when the local build directory has no CMakeCache.txt.
 *   A configure in a new server workspace without it would pick CMake's default generator
 *   (Makefiles) while the checkout keeps `build.ninja`: withGenerator() adds the one the
 *   mirrored cache names.
 * - A build (make, ninja, cmake --build) in a new, empty workspace has no build directory to
 *   run in: configureArgv() is the configure to run first, as KDevelop's CMake job would.
 *
 * All functions are pure and thread-safe.
 */
class CMakeConfigureFirst
{
public:
    /** The value of @p key (e.g. "CMAKE_GENERATOR") in the contents of a CMakeCache.txt; empty when absent. */
    static QString cacheValue(const QByteArray &cache, const QString &key);

    /**
     * @p argv (a CMake configure) with `-G <generator>` added after the program when it names
     * no generator itself (`-G x`, `-Gx`, or `-DCMAKE_GENERATOR=x`) and @p generator is not empty.
     */
    static QStringList withGenerator(const QStringList &argv, const QString &generator);

    /**
     * The configure for the build directory whose local CMakeCache.txt holds @p cache, with
     * @p extraArguments (KDevelop's "Extra Arguments" of the build directory) appended:
     * `cmake -DCMAKE_EXPORT_COMPILE_COMMANDS=ON [-DCMAKE_BUILD_TYPE=..] [-DCMAKE_INSTALL_PREFIX=..]
     * [-G <generator>] <extra> <source dir>`, to be run in the build directory. Paths stay local
     * paths (the caller maps them to the workspace). Empty when the cache names no source
     * directory (CMAKE_HOME_DIRECTORY).
     */
    static QStringList configureArgv(const QByteArray &cache, const QStringList &extraArguments);
};

} // namespace BuildService::Plugin
