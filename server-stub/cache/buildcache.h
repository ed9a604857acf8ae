// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: GPL-2.0-or-later

// BuildCache: policy and storage of build recordings (TTL, LRU budget, single flight, stats).
#pragma once

#include "auth/identity.h"
#include "cache/blobstore.h"
#include "cache/cacheindex.h"
#include "cache/cachekey.h"
#include "cache/recordingreader.h"
#include "cache/recordingwriter.h"
#include "core/result.h"
#include "protocol/messages.h"
#include "workspace/clock.h"

#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <functional>
#include <memory>
#include <optional>

namespace BuildService {

class Manifest;
struct ServerConfig;

/**
 * The server's build cache. Files under <data>/cache/:
 *   index.sqlite (+ -wal, -shm)           CacheIndex
 *   recordings/<key>-<build id>.rec.zst   RecordingWriter format
 *   artifacts/<key>-<build id>.zip        the recorded build's artifacts.zip (hard link or copy)
 *   blobs/<2 hex>/<sha256>                what builds wrote to their workspaces (BlobStore)
 *   tmp/                                  recordings being written; emptied at start
 *
 * Policy: successful builds are kept for ttl_success_sec, failed ones (non-zero exit) for
 * ttl_failure_sec (0 by default: not cached); timed-out and cancelled builds, exit codes 126
 * and 127 (the command could not be run or found: the server's software, not the sources),
 * and builds whose recording or outputs had a problem, are never stored. Above max_bytes the least recently used entries are evicted. A key that is
 * being built ("claimed") makes identical requests wait for that build and replay it
 * (single flight). Corrupt recordings are dropped when found.
 *
 * Lives on the server's thread; file work (verifying, hashing, linking) runs on the global
 * thread pool and reports back through queued callbacks. Time comes from an injected wall clock.
 */
class BuildCache : public QObject
{
    Q_OBJECT
public:
    struct Options {
        bool enabled = true;
        qint64 ttlSuccessSec = 2592000;
        qint64 ttlFailureSec = 0;
        qint64 maxBytes = 10737418240LL;
        qint64 maxOutputBytes = 2147483648LL;  ///< outputs one recording may store
        qint64 maxStateEntries = 1000000;      ///< workspaces with more entries are not tracked
        QStringList toolchainCommands;
        QString salt;
        bool shareAll = false;          ///< [cache] share = "all": replays across identities, SHA-256 keys
        qint64 gcIntervalMs = 300000;   ///< expired entries are removed this often
        static Options fromConfig(const ServerConfig &config);
    };

    /** A recording ready to be stored: the writer holds all events including the exit event. */
    struct Recorded {
        std::unique_ptr<RecordingWriter> writer;
        QList<WorkspaceChange> changes;  ///< written to the recording after the exit event
        QString afterState;
        QByteArrayList addedBlobs;       ///< blobs the build's scan added (removed if not stored)
        CacheEntry entry;              ///< key, build, workspace, command, outcome, exit code, duration, created
        QString artifactsZip;          ///< the build's artifacts.zip, empty when none
        bool releaseClaim = true;      ///< the recording build holds the claim on the key
    };

    BuildCache(const QString &dataDir, Options options, Clock clock = systemClock(), QObject *parent = nullptr);
    ~BuildCache() override;

    /**
     * Creates the directories, opens the index, removes leftovers of a crash (temporary files,
     * files without an index row, rows without files) and starts computing the toolchain
     * fingerprint in the background. An index that cannot be opened is moved aside
     * (index.sqlite.broken-<ms>) and replaced by an empty one. Errors: IoError naming the path.
     */
    Result<void> open();
    bool enabled() const { return m_options.enabled; }
    const Options &options() const { return m_options; }
    QString directory() const { return m_dir; }
    Clock clock() const { return m_clock; }

    /** True once the toolchain fingerprint is known. */
    bool isReady() const { return m_ready; }
    /** Calls @p callback (queued, in @p context) once isReady(); at once if it already is. */
    void whenReady(QObject *context, std::function<void()> callback);
    QString toolchainFingerprint() const { return m_fingerprint; }
    /** Sets the fingerprint and becomes ready (used by open() and by tests). */
    void setToolchainFingerprint(const QString &fingerprint);

    /**
     * The base key of @p request on @p tree with the current toolchain fingerprint, the
     * environment stamp of this build (EnvironmentStamp) and the salt. CacheKey::withState()
     * adds the workspace state.
     */
    QString keyFor(const Manifest &tree, const BuildRequest &request, const QString &environmentStamp, const QString &owner,
                   const QByteArray &contentDigest, const QString &workspacePath = QString()) const;
    /**
     * What keyFor() hashes besides the tree, for computing the key on a worker thread
     * (CacheKey::compute); only meaningful once isReady(). @p owner: the identity name of the
     * build (the key's scope when shareAll is off); @p contentDigest: CacheKey::contentDigest()
     * of the tree, required when shareAll is on; @p workspacePath: CacheKeyInput::workspacePath.
     */
    CacheKeyInput keyInputFor(const BuildRequest &request, const QString &environmentStamp, const QString &owner,
                              const QByteArray &contentDigest, const QString &workspacePath = QString()) const;
    /** True when keys hash file contents with SHA-256 ([cache] share = "all"). */
    bool strongKeys() const { return m_options.shareAll; }
    /** The fingerprint recorded with entries: toolchain fingerprint and environment stamp. */
    QString fingerprintWith(const QString &environmentStamp) const;

    /**
     * What builds see, for the environment stamp: the PATH a build has unless its request sets
     * one, and the rest of its environment (a sandbox's variables and settings; empty for
     * unsandboxed builds). Set once before builds start; defaults to the server's PATH.
     */
    void setBuildEnvironment(const QString &path, const QByteArray &environment)
    {
        m_buildPath = path;
        m_buildEnvironment = environment;
    }
    QString buildPath() const { return m_buildPath; }
    QByteArray buildEnvironment() const { return m_buildEnvironment; }
    /** True when some recording has the same inputs but another prior state. */
    bool hasOtherState(const QString &baseKey) const;
    BlobStore &blobs() { return m_blobs; }
    /** Removes blobs from @p added that no entry names (a capture whose recording was not stored). */
    void discardBlobs(const QByteArrayList &added);

    /** The entry for @p key when it has not expired; expired entries are removed on the way. */
    std::optional<CacheEntry> findLive(const QString &key);

    // Single flight.
    bool isClaimed(const QString &key) const { return m_claims.contains(key); }
    /** Marks @p key as being built; identical requests will waitFor() it. */
    void claim(const QString &key);
    /** Calls @p callback (queued, in @p context) when the claim on @p key ends. */
    void waitFor(const QString &key, QObject *context, std::function<void()> callback);
    /** Ends the claim on @p key and wakes its waiters. */
    void release(const QString &key);

    /**
     * Prepares a replay of @p entry in the background: opens and fully verifies the recording,
     * checks the artifacts zip against its hash and links it to @p artifactsZip (the new build's
     * zip path; skipped when the entry has no artifacts) and that every stored output the
     * changes need is there. @p done gets an open reader positioned at the first event and the
     * summary, or the error (the caller then drop()s the entry and builds live).
     */
    struct Prepared {
        std::shared_ptr<RecordingReader> reader;
        RecordingSummary summary;  ///< with the workspace changes to restore
    };
    void prepareReplay(const CacheEntry &entry, const QString &artifactsZip, QObject *context,
                       std::function<void(Result<Prepared>)> done);
    /** Removes @p entry (only if the index still holds that recording) and its files. */
    void drop(const CacheEntry &entry, const QString &why);

    /** A temporary path for the recording of @p buildId. */
    QString temporaryRecordingPath(const QString &buildId) const;
    /** "success" or "failure"; empty when @p exit must never be cached (timeout, cancel, 126, 127). */
    static QString outcomeOf(const ExitEvent &exit);
    /** Lifetime for @p outcome in ms; 0 means "do not store". */
    qint64 ttlMs(const QString &outcome) const;
    /**
     * Stores @p recorded in the background, replacing an older entry of the same key, then
     * evicts least recently used entries above max_bytes, and releases the claim on the key.
     * Emits stored() or storeFailed().
     */
    void store(Recorded recorded);

    /** Telemetry: a replay was served. */
    void countHit(const CacheEntry &entry, qint64 savedMs, const QString &owner = QString());
    /** Telemetry: a build of @p owner ran live; @p reason is the miss reason ("no_entry", ...). */
    void countMiss(const QString &reason, const QString &owner = QString());
    /** Telemetry: a build asked for no caching. */
    void countOff(const QString &owner = QString());

    /**
     * The cache_stats_reply fields: entries, bytes, hits, misses, hit rate, saved time, top
     * entries. For an admin server-wide; for a user only their own entries and counters.
     */
    QJsonObject stats(int top, const Identity &identity = Identity::local()) const;
    /**
     * Packs the entry of @p key into a bundle file under tmp/ (CacheBundle) in the background;
     * @p done gets its path (the caller removes it) or UnknownId / IoError. An entry of another
     * identity is reported exactly like a missing one (unless @p identity is an admin).
     */
    void exportEntry(const QString &key, const Identity &identity, QObject *context, std::function<void(Result<QString>)> done);
    /**
     * Checks the bundle @p file in the background (CacheBundle::read) and adds its entry, owned
     * by @p owner, replacing one with the same key; @p done gets the entry or the error. The
     * file is removed.
     */
    void importBundle(const QString &file, qint64 maxBytes, const QString &owner, QObject *context,
                      std::function<void(Result<CacheEntry>)> done);
    /**
     * Invalidation; returns the number of entries removed (and their bytes in @p bytes). A user
     * clears only their own entries (another identity's key counts as not found); clearing
     * everything or the old toolchains is for admins (the caller checks).
     */
    Result<int> clear(const CacheClearRequest &request, const Identity &identity, qint64 *bytes = nullptr);
    /** Removes expired entries and enforces max_bytes. Runs every gcIntervalMs as well. */
    void collectGarbage();

    QString recordingPath(const CacheEntry &entry) const;
    QString artifactsPath(const CacheEntry &entry) const;

Q_SIGNALS:
    void stored(const QString &key);
    void storeFailed(const QString &key, const QString &reason);

private:
    int removeEntries(const QList<CacheEntry> &entries, qint64 *bytes, const QString &why, const QString &keep = QString());
    void enforceBudget(const QString &keep);
    /** Deletes stored outputs on a worker thread. */
    void removeBlobs(const QByteArrayList &blobs);
    void sweepOrphans();

    QString m_dir;
    Options m_options;
    Clock m_clock;
    std::unique_ptr<CacheIndex> m_index;
    BlobStore m_blobs;
    QTimer m_gcTimer;
    QString m_fingerprint;
    QString m_buildPath = qEnvironmentVariable("PATH");
    QByteArray m_buildEnvironment;
    bool m_ready = false;
    QList<QPair<QPointer<QObject>, std::function<void()>>> m_readyWaiters;
    struct Claim {
        QList<QPair<QPointer<QObject>, std::function<void()>>> waiters;
    };
    QHash<QString, Claim> m_claims;
};

} // namespace BuildService
