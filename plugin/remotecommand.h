// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: LGPL-2.1-only OR LGPL-3.0-only

// RemoteCommand: decides which processes are build tools and turns them into a remote build.
#pragma once

#include <QString>
#include <QStringList>

#include <functional>

namespace BuildService::Plugin {

/**
 * The rules of the remote-build kit, free of KDevelop so they can be tested alone.
 *
 * A process goes remote only when it is a build tool (make, gmake, ninja, ninja-build, cmake)
 * that does a build step: `cmake -E`, `cmake -P`, `--version`, `--help` and the like are
 * queries the IDE makes about the LOCAL tool and stay local. Whether the working directory
 * belongs to an open project is the caller's business (see ProjectTracker).
 *
 * The remote command is one /bin/sh word run in the workspace root (the uploaded project
 * root): `cd <dir relative to the root> && exec <tool> <args>`. Arguments that name paths
 * inside the project root (the whole argument, or the value after `=` as in `-DVAR=/path`)
 * are rewritten to the same path under the workspace, so `cmake /home/me/proj` configures the
 * uploaded tree. All methods are pure and thread-safe.
 */
class RemoteCommand
{
public:
    /** What startProcess() knows about the process and the server. */
    struct Input {
        QStringList argv;        ///< program first, then its arguments
        QString workingDir;      ///< absolute local working directory of the process
        QString projectRoot;     ///< absolute local root of the project it belongs to
        QString serverUrl;       ///< ws:// or wss:// URL of the build server
        QString cliPath;         ///< the `build-service` executable
        /// A command to run first in @ref buildDir, e.g. the CMake configure a build in a new
        /// workspace needs; empty: none.
        QStringList configureFirst;
        /// Absolute local CMake build directory inside projectRoot, or empty. It is never uploaded,
        /// so a new workspace lacks it: the remote command creates it first.
        QString buildDir;
    };

    /** True when @p argv runs a build tool for a build step (see the class comment). */
    static bool isBuildTool(const QStringList &argv);

    /** True when @p path is @p root or lies below it (both absolute; compared after cleaning). */
    static bool isInside(const QString &path, const QString &root);

    /**
     * The shell command run remotely for @p argv started in @p workingDir of the checkout at
     * @p projectRoot. @p workingDir must be inside @p projectRoot.
     */
    static QString remoteShellCommand(const QStringList &argv, const QString &workingDir, const QString &projectRoot);

    /**
     * The full local command line: `<cli> build --server <url> -C <root> -- <remote command>`.
     * The process keeps its local working directory; the CLI uploads the root, streams the
     * output with remote paths mapped back to @p projectRoot and exits with the remote code.
     */
    static QStringList wrap(const Input &input);

    /**
     * The remote shell command of @p input: remoteShellCommand() of its argv, preceded by
     * `mkdir -p <buildDir> && ` when buildDir is set and by its configureFirst when set
     * (`mkdir -p <dir> && (configure) && (command)`).
     */
    static QString remoteCommand(const Input &input);

    /**
     * The line the IDE shows first for a remote build, short and saying what runs where:
     * `remote build on <url>: make -j2` (the tool by name, the arguments as given; with the
     * directory relative to the project root when it is not the root).
     */
    static QString summary(const QStringList &argv, const QString &workingDir, const QString &projectRoot,
                           const QString &serverUrl);

    /**
     * The CMake build directory @p argv works in, for mirroring its configuration back
     * (CMakeMirror), or an empty string. For `cmake` it is the `-B` argument, the directory
     * after `--build`/`--install`, or else the working directory (a configure run from the build
     * directory, as IDEs do); for make and ninja the nearest directory from @p workingDir up
     * that @p hasCache (holds a CMakeCache.txt). Only directories strictly inside @p projectRoot
     * count: an in-source build has nothing to mirror.
     */
    static QString cmakeBuildDir(const QStringList &argv, const QString &workingDir, const QString &projectRoot,
                                 const std::function<bool(const QString &dir)> &hasCache);

    /** True when @p argv is a CMake configure run (cmake, but not --build/--install/--open). */
    static bool isCMakeConfigure(const QStringList &argv);

    /** Quotes @p word for /bin/sh (unchanged when it only holds safe characters). */
    static QString shellQuote(const QString &word);
};

} // namespace BuildService::Plugin
