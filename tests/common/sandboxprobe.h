// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: BSD-2-Clause

// sandboxSkipReason(): why sandboxed builds cannot be tested on this machine, or nothing.
#pragma once

#include <QProcess>
#include <QString>

namespace BuildService::Test {

/**
 * Decided by the same means the server uses: bwrap must create the namespaces here. Empty when
 * it can; otherwise a message for QSKIP. Blocks for at most 20 s; call it once per suite.
 */
inline QString sandboxSkipReason()
{
    QProcess probe;
    probe.start(QStringLiteral("/usr/bin/bwrap"), {QStringLiteral("--unshare-all"), QStringLiteral("--unshare-user-try"),
                                                   QStringLiteral("--ro-bind"), QStringLiteral("/"), QStringLiteral("/"),
                                                   QStringLiteral("--proc"), QStringLiteral("/proc"), QStringLiteral("true")});
    if (!probe.waitForFinished(20000) || probe.exitStatus() != QProcess::NormalExit || probe.exitCode() != 0)
        return QStringLiteral("namespaces cannot be created on this machine (bwrap: %1%2); the sandbox cannot be tested")
            .arg(probe.errorString(), QString::fromLocal8Bit(probe.readAllStandardError()).trimmed());
    return QString();
}

} // namespace BuildService::Test
