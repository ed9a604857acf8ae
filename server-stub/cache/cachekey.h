// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: GPL-2.0-or-later

// CacheKey: the build cache's key, a hash over everything that can change a build's result.
#pragma once

#include <QMap>
#include <QString>
#include <QStringList>

namespace BuildService {

class Manifest;

/** The inputs of a key besides the source tree. */
struct CacheKeyInput {
    QString command;
    QMap<QString, QString> env;      ///< the variables the request sets (not the server's)
    QStringList artifactGlobs;       ///< order and duplicates do not matter
    int protocolVersion = 0;
    QString toolchainFingerprint;    ///< ToolchainFingerprint::compute()
    QString salt;                    ///< [cache] salt
    bool terminal = false;           ///< the command runs in a pseudo-terminal (its output differs)
};

/**
 * Computes cache keys: XXH3-128, 32 lowercase hex digits, over a versioned, length-prefixed
 * encoding of: every tree entry (path, type, mode, size, XXH3-64 content hash, link target -
 * never times), the command, the sorted environment, the sorted set of artifact globs, the
 * protocol version, the toolchain fingerprint and the salt, and, only for builds in a
 * pseudo-terminal, a terminal marker (so keys of other builds stay what they were). Length prefixes make the encoding
 * unambiguous (moving a character from one field into the next changes the key).
 * Pure function; thread-safe.
 */
class CacheKey
{
public:
    /** The key of the request's inputs alone (the "base key"). */
    static QString compute(const Manifest &tree, const CacheKeyInput &input);
    /**
     * The full key: @p baseKey combined with the digest of the workspace state the build
     * starts from (WorkspaceState::digest()), so a recording is only replayed onto a workspace
     * that holds exactly what the recorded one held.
     */
    static QString withState(const QString &baseKey, const QString &priorState);
};

} // namespace BuildService
