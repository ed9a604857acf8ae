// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: GPL-2.0-or-later

// WorkspaceState: what a workspace holds beyond its synced sources, by content, and the changes between two such states.
#pragma once

#include "core/result.h"

#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>

namespace BuildService {

class Manifest;

/** One path of a workspace that is not an untouched synced source. */
struct StateEntry {
    enum class Type : char {
        File = 'f',
        Symlink = 'l',
        Directory = 'd',  ///< a directory that holds no synced source (e.g. build/)
        Gone = 'x'        ///< a synced source that a build deleted
    };
    QString path;            ///< relative, '/'-separated
    Type type = Type::File;
    quint32 mode = 0;        ///< permission bits (07777)
    qint64 size = 0;
    QByteArray sha256;       ///< files: 64 hex digits of the content
    QString linkTarget;      ///< symlinks
    // Where the entry was last seen (lstat); not content. Lets the next scan skip hashing.
    qint64 mtimeNs = 0;
    quint64 inode = 0;
    qint64 ctimeNs = 0;

    bool sameContent(const StateEntry &other) const
    {
        return type == other.type && mode == other.mode && size == other.size && sha256 == other.sha256
            && linkTarget == other.linkTarget;
    }
    bool sameStat(const StateEntry &other) const
    {
        return type == other.type && mode == other.mode && size == other.size && mtimeNs == other.mtimeNs
            && inode == other.inode && ctimeNs == other.ctimeNs && mtimeNs != 0;
    }
};

/** One step that turns a workspace in one state into another; what a recording stores. */
struct WorkspaceChange {
    enum class Op : char { Remove = 'r', Directory = 'd', File = 'f', Symlink = 'l' };
    Op op = Op::File;
    QString path;
    quint32 mode = 0;
    qint64 size = 0;
    QByteArray sha256;
    QString linkTarget;
    /** The content names the recording workspace's path; a restore writes the new workspace's. */
    bool relocate = false;

    bool operator==(const WorkspaceChange &o) const
    {
        return op == o.op && path == o.path && mode == o.mode && size == o.size && sha256 == o.sha256 && linkTarget == o.linkTarget;
    }
    QJsonObject toJson() const;
    /** Validates the path (EntryPolicy rules), the op and the digest; errors name the problem. */
    static Result<WorkspaceChange> fromJson(const QJsonObject &json);
};

/**
 * The state of a workspace as the build cache sees it: every file, symlink and directory that
 * is not an untouched synced source (build outputs, sources a build modified, and tombstones
 * for sources a build deleted), identified by content. digest() names the state: equal
 * digests mean the same outputs with the same contents, whatever their times; a workspace
 * that holds nothing but its sources is clean() and has the fixed digest cleanDigest().
 *
 * A state can also be untracked: the server does not know what the workspace holds (no state
 * was recorded, a restore failed, the outputs exceeded the scan limits). An untracked state
 * has a digest that no other state has, so nothing is ever replayed onto it; the next live
 * build's scan makes it tracked again.
 *
 * Persisted as a text file in the workspace's metadata (AtomicFile): a header line
 * "build-service-state 1", then "untracked\t<why>" or one tab-separated line per entry (type,
 * octal mode, size, sha256 or "-", mtime ns, inode, ctime ns, path, link target), then "end".
 * Paths never contain control characters (intake and scanner refuse them).
 */
class WorkspaceState
{
public:
    static WorkspaceState clean() { return WorkspaceState(); }
    static WorkspaceState untracked(const QString &why);

    bool isTracked() const { return m_untracked.isEmpty(); }
    bool isClean() const { return isTracked() && m_entries.isEmpty(); }
    QString untrackedReason() const { return m_untracked; }

    void insert(const StateEntry &entry) { m_entries.insert(entry.path, entry); }
    void remove(const QString &path) { m_entries.remove(path); }
    const QMap<QString, StateEntry> &entries() const { return m_entries; }
    const StateEntry *find(const QString &path) const;
    /** Bytes of the files in the state. */
    qint64 bytes() const;

    /** 32 hex digits naming the state; cleanDigest() when clean; unique per untracked state. */
    QString digest() const;
    static QString cleanDigest();

    /**
     * What the workspace holds after a sync wrote @p sources over this state: entries at (or
     * below, or directories above) a source path and all tombstones are gone, since the sync
     * made every source path hold exactly the synced content.
     */
    WorkspaceState afterSync(const Manifest &sources) const;

    /**
     * The changes that turn @p before into @p after: removals first (deepest first), then
     * directories (parents first), then files and symlinks. Both must be tracked.
     */
    static QList<WorkspaceChange> diff(const WorkspaceState &before, const WorkspaceState &after);

    Result<void> save(const QString &fileName) const;
    /** A missing file is an untracked state ("no state recorded"), not an error. */
    static Result<WorkspaceState> load(const QString &fileName);

private:
    QMap<QString, StateEntry> m_entries;
    QString m_untracked;
    QString m_untrackedId;
};

} // namespace BuildService
