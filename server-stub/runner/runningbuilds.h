// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: GPL-2.0-or-later

// RunningBuilds: remembers on disk which process groups builds run in, to reap them after a crash.
#pragma once

#include "core/result.h"

#include <QString>

namespace BuildService {

/**
 * A build runs in its own session, so it survives a server killed with SIGKILL and would keep
 * writing into a workspace the restarted server hands to the next build. Each running build
 * is recorded as `<dir>/<build id>` holding its process group id and the kernel start time of
 * the group leader; at start-up reapOrphans() kills every recorded group whose leader still
 * has that start time (so a recycled pid is never hit) and forgets the records.
 * Files are written atomically. Not thread-safe; use from the server's event loop.
 */
class RunningBuilds
{
public:
    explicit RunningBuilds(const QString &dir);

    /** Records that @p buildId runs in process group @p pgid. */
    Result<void> add(const QString &buildId, qint64 pgid);
    /** Forgets @p buildId (its group has ended). */
    void remove(const QString &buildId);
    /** Kills the groups of records left by an earlier server process; returns how many. */
    int reapOrphans();

    /** Kernel start time (clock ticks since boot) of @p pid, or -1 if it does not exist. */
    static qint64 startTime(qint64 pid);

private:
    QString m_dir;
};

} // namespace BuildService
