// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: GPL-2.0-or-later

// CacheIndex: the build cache's index of recordings in an embedded SQLite database (QtSql).
#pragma once

#include "core/result.h"

#include <QByteArrayList>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

namespace BuildService {

/** One row of the index: a stored recording and what is known about it. */
struct CacheEntry {
    QString key;
    QString buildId;          ///< the recorded build; also names its files
    QString workspaceId;      ///< where it was recorded ("" for temporary builds)
    QString command;
    QString outcome;          ///< "success" or "failure"
    int exitCode = 0;
    qint64 bytes = 0;         ///< recording + artifacts on disk
    qint64 artifactsBytes = 0;
    qint64 durationMs = 0;    ///< run time of the recorded command
    qint64 createdMs = 0;     ///< when it was recorded (start of the command), ms since the epoch
    qint64 lastAccessMs = 0;
    qint64 accessCount = 0;   ///< replays served
    qint64 expiresMs = 0;
    QString toolchain;        ///< toolchain fingerprint at recording time
    QString baseKey;          ///< the key without the prior workspace state (CacheKey::compute)
    QString priorState;       ///< WorkspaceState digest the recorded build started from
    QString owner;            ///< identity name that recorded (or imported) it
    QByteArrayList blobs;     ///< stored outputs the recording's changes name (upsert only)
};

/** Persistent counters for the hit rate and the time saved. */
struct CacheCounters {
    qint64 hits = 0;
    qint64 misses = 0;
    qint64 savedMs = 0;
    QMap<QString, qint64> missesByReason;  ///< "no_entry", "different_prior_state", ...
    qint64 off = 0;                         ///< builds that asked for no caching
};

/**
 * The index lives at <data>/cache/index.sqlite in WAL mode with synchronous=NORMAL: a commit is
 * durable once it returns, also when the server is killed (-9) right after; only a power cut can
 * lose the last commits, never corrupt the file. Each instance uses its own uniquely named
 * QSqlDatabase connection and must be used from the thread that opened it.
 * All methods report SQL failures as ErrorCode::IoError naming the operation and the file.
 */
class CacheIndex
{
public:
    explicit CacheIndex(const QString &fileName);
    ~CacheIndex();
    CacheIndex(const CacheIndex &) = delete;
    CacheIndex &operator=(const CacheIndex &) = delete;

    /** Opens or creates the database and its schema. */
    Result<void> open();
    QString fileName() const { return m_fileName; }

    /** The entry for @p key, expired or not. */
    Result<std::optional<CacheEntry>> find(const QString &key) const;
    /** Inserts or replaces the entry with the same key, with references to its blobs. */
    Result<void> upsert(const CacheEntry &entry);
    /** True when some entry has @p baseKey (the same inputs, recorded from another state). */
    Result<bool> hasBaseKey(const QString &baseKey) const;
    /** Drops the blob references of @p buildId; returns the blobs no entry names any more. */
    Result<QByteArrayList> releaseBlobs(const QString &buildId);
    /** Whether any entry names @p sha256. */
    Result<bool> isBlobReferenced(const QByteArray &sha256) const;
    /** The blobs of @p blobs that no entry names (one prepared statement for all). */
    Result<QByteArrayList> unreferenced(const QByteArrayList &blobs) const;
    /** A replay was served: last access = @p nowMs, access count + 1. */
    Result<void> recordAccess(const QString &key, qint64 nowMs);
    /** Removes @p key, but only while its row still names @p buildId (when not empty). */
    Result<bool> remove(const QString &key, const QString &buildId = QString());

    Result<QList<CacheEntry>> all() const;
    Result<QList<CacheEntry>> expired(qint64 nowMs) const;
    Result<QList<CacheEntry>> forWorkspace(const QString &workspaceId) const;
    Result<QList<CacheEntry>> forOwner(const QString &owner) const;
    Result<QList<CacheEntry>> withToolchainOtherThan(const QString &toolchain) const;
    /** Least recently used first. */
    Result<QList<CacheEntry>> leastRecentlyUsed() const;
    /** Most replayed first, then most recently used; at most @p limit; only @p owner's when not empty. */
    Result<QList<CacheEntry>> mostUsed(int limit, const QString &owner = QString()) const;

    /** Entries (of @p owner when not empty). */
    Result<qint64> count(const QString &owner = QString()) const;
    /** Bytes of the entries (of @p owner when not empty). */
    Result<qint64> totalBytes(const QString &owner = QString()) const;

    Result<void> addCounters(qint64 hits, qint64 misses, qint64 savedMs);
    /** Adds @p delta to the counter @p name (created at 0). */
    Result<void> addCounter(const QString &name, qint64 delta);
    /**
     * The server-wide counters, or with @p owner those counted for that identity (counters named
     * userCounter(owner, name)).
     */
    Result<CacheCounters> counters(const QString &owner = QString()) const;
    /** The name of @p owner's copy of counter @p name ("hits", "miss:no_entry", ...). */
    static QString userCounter(const QString &owner, const QString &name);

private:
    Result<QList<CacheEntry>> select(const QString &where, const QVariantList &values, const QString &order = QString(),
                                     int limit = -1) const;
    Error sqlError(const QString &what, const QString &detail) const;

    QString m_fileName;
    QString m_connection;
};

} // namespace BuildService
