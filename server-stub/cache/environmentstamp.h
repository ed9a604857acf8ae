// EnvironmentStamp: a cheap fingerprint of the software installed on the server, recomputed for every build.
#pragma once

#include <QString>
#include <QStringList>

namespace BuildService {

/**
 * What changes when software is installed, removed or replaced on the server, without running
 * anything: the status (mtime, size, inode, mode) of every entry of each directory in the
 * server's PATH (following symlinks, so switching an alternative counts) and of dpkg's package
 * database (/var/lib/dpkg/status). About 2,000 stat calls on a Debian system, ~2 ms: cheap
 * enough for every build, off the event loop. Part of the cache key next to the toolchain
 * fingerprint (the --version output of the configured commands, computed once at start).
 * Reentrant.
 */
namespace EnvironmentStamp {
/** The directories of @p pathVariable (':'-separated, as in PATH). */
QStringList pathDirectories(const QString &pathVariable);
/** 16 hex digits over @p directories and @p files (missing ones count as missing). */
QString compute(const QStringList &directories, const QStringList &files = {QStringLiteral("/var/lib/dpkg/status")});
} // namespace EnvironmentStamp

} // namespace BuildService
