// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: GPL-2.0-or-later

// AttachCommand: `build-service attach BUILD_ID`: follow a build that lost its client.
#pragma once

#include <QObject>
#include <QStringList>

namespace BuildService::Cli {

/**
 * Connects, sends "attach" for a build id and prints the build's output from where the reader
 * left off (--after SEQ; default: from the beginning, as far as the server still keeps it):
 * stdout and stderr of the remote command byte for byte, exactly as `build` would have printed
 * them with --no-path-rewrite. The exit code is the remote command's, 130 for a cancelled
 * build, 125 when attaching failed.
 */
class AttachCommand : public QObject
{
    Q_OBJECT
public:
    int run(const QStringList &arguments);
};

} // namespace BuildService::Cli
