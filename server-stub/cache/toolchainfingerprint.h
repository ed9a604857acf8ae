// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: GPL-2.0-or-later

// ToolchainFingerprint: a hash of what the server's build tools say about themselves.
#pragma once

#include <QString>
#include <QStringList>

namespace BuildService {

/**
 * Runs each configured command (e.g. "cc --version") and hashes the command, its exit status and
 * its combined output, plus the salt. A compiler upgrade changes the output, so the fingerprint
 * and every cache key with it: recordings of the old toolchain are never replayed.
 */
class ToolchainFingerprint
{
public:
    /**
     * Blocking: runs the commands one after the other with `/bin/sh -c`, stdin from /dev/null,
     * at most @p timeoutMs each (a command that takes longer counts as "timed out", which is
     * hashed as well, so the result is still deterministic for a hanging tool). Call it from a
     * worker thread. Returns 16 lowercase hex digits (XXH3-64).
     */
    static QString compute(const QStringList &commands, const QString &salt, int timeoutMs = 10000);

    /** The hash for already collected outputs (what compute() hashes); pure, for tests. */
    static QString hashOutputs(const QStringList &commands, const QList<QByteArray> &outputs, const QString &salt);
};

} // namespace BuildService
