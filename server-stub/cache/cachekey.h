// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: GPL-2.0-or-later

// CacheKey: the build cache's key, a hash over everything that can change a build's result.
#pragma once

#include "core/result.h"

#include <QByteArray>
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
    /** Whose recordings may replay: "user:<name>" with [cache] share = "user", empty with "all". */
    QString scope;
    /**
     * With [cache] share = "all": SHA-256 over the path and the SHA-256 of the content of every
     * regular file of the tree (CacheKey::contentDigest()). Not empty makes the whole key
     * SHA-256 based ("strong"), so nobody can make a tree of theirs collide with someone
     * else's (XXH3 is fast, not collision resistant).
     */
    QByteArray contentDigest;
    /**
     * Where the build sees its workspace when that is not the workspace's own path ([sandbox]
     * workspace_path set): outputs carry it and are not relocated, so builds that saw other
     * paths (two developers' checkouts in "client" mode) must not share recordings. Empty
     * otherwise (the cache relocates the workspace path instead).
     */
    QString workspacePath;
};

/**
 * Computes cache keys: XXH3-128 (or, with a content digest, the first 128 bits of SHA-256),
 * 32 lowercase hex digits, over a versioned, length-prefixed
 * encoding of: every tree entry (path, type, mode, size, XXH3-64 content hash, link target -
 * never times), the command, the sorted environment, the sorted set of artifact globs, the
 * protocol version, the toolchain fingerprint, the salt, the scope and the content digest, and,
 * only for builds in a pseudo-terminal, a terminal marker, and only when set, the workspace
 * path the build sees (so keys of other builds stay what they were). Length prefixes make the encoding
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
    static QString withState(const QString &baseKey, const QString &priorState, bool strong = false);

    /**
     * Reads every regular file of @p tree below @p root and returns SHA-256 over (path, SHA-256
     * of its content) in manifest order (32 raw bytes). Blocking: run on a worker thread.
     * Errors: IoError naming the file that cannot be read or that no longer has the manifest's size.
     */
    static Result<QByteArray> contentDigest(const QString &root, const Manifest &tree);
};

} // namespace BuildService
