// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: GPL-2.0-or-later

// DebugCommand: runs a program under gdbserver in the workspace and tunnels gdb to it.
#pragma once

#include <QObject>
#include <QStringList>

namespace BuildService::Cli {

/**
 * `build-service debug [options] -- <program> [args]`: uploads the checkout like a build, runs
 * `gdbserver - <program> [args]` in its workspace on the server (in the build sandbox, so it
 * needs no network there: the remote protocol travels over the command's stdin and stdout,
 * which the build connection already carries), and bridges it to a local TCP port
 * (GdbTunnel) for `gdb -ex 'target remote 127.0.0.1:<port>'`. The program's own output arrives
 * on stderr (gdbserver sends it there). Paths in the output are not rewritten (the stream is
 * gdb's binary protocol); instead the `set substitute-path` command that maps the workspace to
 * the checkout is printed. Never replayed from the build cache. Exit code as for build.
 */
class DebugCommand : public QObject
{
    Q_OBJECT
public:
    explicit DebugCommand(QObject *parent = nullptr);
    int run(const QStringList &arguments);
};

} // namespace BuildService::Cli
