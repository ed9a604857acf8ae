// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: LGPL-2.1-only OR LGPL-3.0-only

// RemoteLaunchCommand: turns a remote-command launch configuration into a `build-service` call.
#pragma once

#include "core/result.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>

namespace BuildService::Plugin {

/**
 * The rules of the "Remote Command (Build Server)" launcher, free of KDevelop so they can be
 * tested alone. The command is a /bin/sh command line run in the project's workspace on the
 * server; a working directory makes it `cd <dir> && exec /bin/sh -c '<command>'`, so compound
 * commands (`a && b`, `x; y`, pipes) keep their meaning and the exit code stays the command's.
 * The run is never answered from the server's build cache (`--no-cache`): running a program
 * is not a build step whose recorded output could stand in for it.
 *
 * Error messages are translated, complete sentences that say what to change; callers prefix
 * the launch configuration's name. All methods are pure and thread-safe.
 */
class RemoteLaunchCommand
{
    Q_DECLARE_TR_FUNCTIONS(BuildService::Plugin::RemoteLaunchCommand)
public:
    /** Everything the command line is made of; all fields resolved by the caller. */
    struct Input {
        QString cliPath;          ///< the `build-service` executable
        QString serverUrl;        ///< ws:// or wss:// URL of the build server
        QString projectRoot;      ///< absolute local root of the checkout that is uploaded
        QString command;          ///< the shell command line to run remotely
        QString workingDirectory; ///< relative to the root (or absolute inside it); empty = root
        QString environment;      ///< NAME=VALUE lines; blank lines and `#` comments are skipped
    };

    /**
     * The NAME=VALUE assignments of @p text, one per non-blank line (`#` starts a comment line;
     * the value is taken verbatim, spaces included). Fails with ConfigInvalid naming the first
     * line whose name is not a shell variable name.
     */
    static Result<QStringList> parseEnvironment(const QString &text);

    /**
     * @p dir as a clean path relative to @p projectRoot ("." for the root itself). @p dir may be
     * relative to the root or absolute inside it; fails with ConfigInvalid when it leaves the root.
     */
    static Result<QString> relativeWorkingDirectory(const QString &dir, const QString &projectRoot);

    /** The /bin/sh word run in the workspace root: @p command, entered into @p relativeDir first. */
    static QString remoteShellCommand(const QString &command, const QString &relativeDir);

    /**
     * `<cli> build --no-cache --server <url> -C <root> [-e NAME=VALUE]... -- <remote command>`, or
     * the first problem of @p input (empty command, bad environment line, working directory
     * outside the project) as ConfigInvalid.
     */
    static Result<QStringList> commandLine(const Input &input);
};

} // namespace BuildService::Plugin
