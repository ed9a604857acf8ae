// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: GPL-2.0-or-later

// EnvironmentStamp: a cheap fingerprint of the software installed on the server, recomputed for every build.
#pragma once

#include <QString>
#include <QStringList>

namespace BuildService {

/**
 * What changes when software is installed, removed or replaced on the server, without running
 * anything: name, size, mode and mtime of every entry of each directory in the server's PATH
 * (following symlinks, so switching an alternative counts) and the content of dpkg's package
 * database (/var/lib/dpkg/status). Packages give their files fixed mtimes, and neither inode
 * numbers nor directory times are used, so identically provisioned servers compute the same
 * stamp and recordings can move between them. About 2,000 stat calls on a Debian system,
 * ~2 ms: cheap enough for every build, off the event loop. Part of the cache key next to the toolchain
 * fingerprint (the --version output of the configured commands, computed once at start).
 * Reentrant.
 */
namespace EnvironmentStamp {
/** The directories of @p pathVariable (':'-separated, as in PATH). */
QStringList pathDirectories(const QString &pathVariable);
/**
 * 16 hex digits over @p directories and @p files (missing ones count as missing) and
 * @p environment (what else shapes the build: the sandbox's variables and settings).
 */
QString compute(const QStringList &directories, const QStringList &files = {QStringLiteral("/var/lib/dpkg/status")},
                const QByteArray &environment = QByteArray());
} // namespace EnvironmentStamp

} // namespace BuildService
