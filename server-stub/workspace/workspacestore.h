// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: GPL-2.0-or-later

// WorkspaceStore: the on-disk store of persistent workspaces, their metadata and per-build dirs.
#pragma once

#include "clock.h"
#include "core/result.h"
#include "sync/manifest.h"

#include <QFuture>
#include <QList>
#include <QHash>
#include <QString>

#include <functional>
#include <memory>

class QLockFile;

namespace BuildService {
class TrashBin;
}

namespace BuildService {

/**
 * Owns the data directory layout (docs/configuration.md, "Data directory"):
 *
 *     <dataDir>/server.lock                    one server per data dir (QLockFile)
 *     <dataDir>/persistent/ws_<uuid>/          the workspaces (sources and build outputs)
 *     <dataDir>/workspace-meta/ws_<uuid>/      file-list.txt (Manifest), last-used (ms since
 *                                              epoch), state ("creating"/"ready"/"dirty"), size,
 *                                              files (entries of file-list.txt), outputs-state
 *                                              (the build cache's WorkspaceState), owner (the
 *                                              identity name that created it; empty: admins only)
 *     <dataDir>/workspaces/builds/bld_<uuid>/  temporary build dirs (workspace_ttl_sec = 0)
 *     <dataDir>/staging/bld_<uuid>/            upload staging
 *     <dataDir>/artifacts/bld_<uuid>/artifacts.zip, owner (the identity name of the build)
 *     <dataDir>/trash/                         trees waiting for deletion (TrashBin)
 *     <dataDir>/quarantine/                    trees that could not be deleted
 *
 * Metadata lives outside the workspace so it never comes back as an artifact. Every metadata
 * file is replaced atomically (AtomicFile), so a crash or a full disk leaves the old or the
 * new value. Metadata that cannot be read is an error that keeps the workspace, never a
 * reason to delete it: an unreadable last-used counts as "used now" and is rewritten.
 *
 * Nothing here deletes a tree on the calling thread: remove() and clearContents() rename trees
 * into the TrashBin, which deletes them on its worker thread.
 *
 * Threading: not thread-safe; use it from the server's event-loop thread. The static helper
 * measureSize is reentrant and may run on worker threads.
 * Ids passed in are untrusted: malformed ids never reach the file system (paths come back
 * empty, Results fail with ErrorCode::UnknownId).
 */
class WorkspaceStore
{
public:
    enum class Lookup { Live, Unknown, Expired };

    struct WorkspaceInfo {
        QString id;
        qint64 lastUsedMs = 0;  ///< now, when last-used cannot be read (see lastUsedError)
        QString lastUsedError;  ///< why last-used could not be read; empty when it could
        qint64 bytes = 0;   ///< the size last recorded with recordSize()
        int files = 0;      ///< entries of the stored manifest (from the "files" metadata file)
        bool dirty = false;
        QString owner;      ///< identity name that created it; empty for workspaces older than identities
    };

    /**
     * @p dataDir is the resolved data directory (ServerConfig::resolvedDataDir()); @p ttlSec is
     * [build] workspace_ttl_sec (0: nothing is ever reused, every workspace counts as expired).
     * Does not touch the disk; call open() next.
     */
    WorkspaceStore(const QString &dataDir, qint64 ttlSec, Clock clock = systemClock());
    ~WorkspaceStore();
    WorkspaceStore(const WorkspaceStore &) = delete;
    WorkspaceStore &operator=(const WorkspaceStore &) = delete;

    /**
     * Creates the layout, takes <dataDir>/server.lock and recovers what a crash or kill -9
     * left behind: empties staging/ and workspaces/builds/, removes workspaces whose metadata
     * is missing or still "creating", metadata without a workspace, and QSaveFile temporaries,
     * and empties the trash. All of that goes through the TrashBin, so a tree that cannot be
     * deleted is quarantined and logged, never a reason to fail.
     * "dirty" workspaces are kept, still marked dirty.
     * Errors: IoError when the lock is held by another process (the message names the lock
     * file and the pid holding it) or the layout cannot be created.
     */
    Result<void> open();

    /** The data directory given to the constructor. */
    QString dataDir() const;

    /** Where removed trees go (owned by the store); null before open() succeeded. */
    TrashBin *trash() const;

    /**
     * Live: the workspace exists and was used within the TTL. Expired: it exists but
     * last-used + ttl < now (or ttl is 0). Unknown: malformed id, missing, or half created.
     * A last-used that cannot be read (missing, empty, garbage, I/O error) makes it Live and
     * is repaired (set to now), with a warning.
     */
    Lookup lookup(const QString &id);

    /**
     * Creates a new empty workspace "ws_<uuid>" with state "ready" and last-used = now.
     * Atomic with respect to crashes: the metadata says "creating" until the end, and open()
     * removes such leftovers. Errors: IoError, DiskFull.
     * Blocking file-system work: on the event loop prefer createInBackground().
     */
    Result<QString> create(const QString &owner = QString());
    /**
     * create()'s file-system work on a worker thread (a mkdir and a few metadata writes can
     * wait long for a busy disk). When the future has a value, call adoptCreated() with it on
     * this store's thread before using the workspace.
     */
    QFuture<Result<QString>> createInBackground(const QString &owner) const;
    /** The identity name that created workspace @p id (from memory); empty when unknown. */
    QString owner(const QString &id) const;
    /** Makes a workspace createInBackground() made known to list() (event-loop thread). */
    void adoptCreated(const QString &id);

    /** <dataDir>/persistent/<id>, or empty for a malformed id. */
    QString workspacePath(const QString &id) const;
    /** <dataDir>/workspace-meta/<id>, or empty for a malformed id. */
    QString metaPath(const QString &id) const;
    /** The file the build cache keeps the workspace's output state in (see WorkspaceState), or empty. */
    QString outputsStatePath(const QString &id) const;
    /** <dataDir>/staging/<buildId>, or empty for a malformed build id. Not created here. */
    QString stagingPath(const QString &buildId) const;
    /** <dataDir>/workspaces/builds/<buildId>, or empty for a malformed build id. Not created here. */
    QString temporaryBuildPath(const QString &buildId) const;
    /** The directory <dataDir>/artifacts/<buildId> (holding artifacts.zip), or empty. */
    QString artifactsPath(const QString &buildId) const;
    /**
     * Records @p owner as the identity of the artifacts of @p buildId (the file "owner" next to
     * artifacts.zip; creates the directory). Small blocking write. Errors: IoError, UnknownId.
     */
    Result<void> setArtifactsOwner(const QString &buildId, const QString &owner);
    /** The identity recorded by setArtifactsOwner(); empty when none (only admins may fetch them). */
    QString artifactsOwner(const QString &buildId) const;

    /**
     * The manifest of the last extraction. A workspace without file-list.txt yields an empty
     * manifest; a corrupt file is an error (IoError), never a partial list.
     */
    Result<Manifest> manifest(const QString &id) const;
    /** Replaces file-list.txt atomically. Errors: UnknownId, IoError, DiskFull. */
    Result<void> saveManifest(const QString &id, const Manifest &manifest);

    /**
     * What saveManifest(), setDirty(false) and touch() write after a sync, as a function that
     * may run on a worker thread (it touches no member state; a busy disk then delays the
     * worker, not the event loop). Call syncPersisted() on this store's thread once it succeeded.
     */
    std::function<Result<void>(const Manifest &)> syncPersister(const QString &id) const;
    /** Brings the in-memory state in line with a successful syncPersister() call. */
    void syncPersisted(const QString &id, const Manifest &manifest);

    /**
     * Marks the workspace "dirty" (a sync started and may not have finished) or back "ready".
     * A dirty workspace must be re-extracted from scratch (clearContents()) before reuse.
     */
    Result<void> setDirty(const QString &id, bool dirty);
    /** True when the state file says "dirty". */
    bool isDirty(const QString &id) const;

    /** Sets last-used to now (atomic replace). Errors: UnknownId, IoError, DiskFull. */
    Result<void> touch(const QString &id);
    /** last-used in ms since epoch. Errors: IoError when missing, unreadable, empty or not a number. */
    Result<qint64> lastUsed(const QString &id) const;
    /** Sets last-used to now after @p problem was found with it; logs either way. */
    void repairLastUsed(const QString &id, const QString &problem);

    /** Caches the workspace's byte size (measureSize()) for the GC's disk budget. */
    Result<void> recordSize(const QString &id, qint64 bytes);
    /** The size cached by recordSize(); 0 when none was recorded. */
    qint64 recordedSize(const QString &id) const;

    /**
     * Sum of the apparent sizes (st_size) of the regular files and symlinks below @p dir,
     * found with lstat and never following a symlink. Unreadable parts count as 0.
     */
    static qint64 measureSize(const QString &dir);

    /**
     * Moves the metadata, then the workspace tree into the trash (two renames; the trash
     * deletes them on its worker thread). The caller makes sure no build uses it
     * (WorkspaceLocks). Removing an absent workspace succeeds. Errors: UnknownId (malformed id).
     */
    Result<void> remove(const QString &id);

    /**
     * Empties the workspace dir (its old tree goes to the trash), the manifest and the recorded
     * size; keeps the state flag.
     */
    Result<void> clearContents(const QString &id);

    /**
     * All complete workspaces, least recently used first. From memory (read once by open(),
     * then kept up to date by this store's writes): no file is read, so status and the GC stay
     * cheap. Metadata edited on disk behind the server's back is seen after a restart (and
     * last-used also by the next lookup() of that workspace).
     */
    QList<WorkspaceInfo> list() const;

private:
    /** Manifests as last loaded or saved, by workspace id (only this process writes them). */
    mutable QHash<QString, Manifest> m_manifests;
    /** What list() reports: read by open(), then updated by every write through the store. */
    QHash<QString, WorkspaceInfo> m_index;
    WorkspaceInfo loadInfo(const QString &id) const;
    static Result<QString> createOnDisk(const QString &dataDir, qint64 nowMs, const QString &owner);
    void updateIndex(const QString &id, const QString &name, const QByteArray &content);
    int fileCount(const QString &id) const;
    Result<QByteArray> readMeta(const QString &id, const QString &name) const;
    Result<void> writeMetaFile(const QString &id, const QString &name, const QByteArray &content);
    QByteArray readMetaFile(const QString &id, const QString &name) const;
    void recover();

    QString m_dataDir;
    qint64 m_ttlSec;
    Clock m_clock;
    std::unique_ptr<QLockFile> m_lock;
    std::unique_ptr<TrashBin> m_trash;
};

} // namespace BuildService
