// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: LGPL-2.1-only OR LGPL-3.0-only

// Manifest: what a synced tree holds (path, type, mode, size, content hash), with a digest.
#pragma once

#include "core/result.h"

#include <QMap>
#include <QString>

namespace BuildService {

/** One regular file or symlink of a synced tree. Directories are implied by paths. */
struct ManifestEntry {
    enum class Type : char { File = 'f', Symlink = 'l' };
    /**
     * The mode a checkout needs, the same on client and server: symlinks 0777, files 0755 when
     * any execute bit is set in @p mode, else 0644 (no world-writable, sticky or set-id bits).
     */
    static quint32 checkoutMode(Type type, quint32 mode)
    {
        if (type == Type::Symlink)
            return 0777;
        return (mode & 0111) != 0 ? 0755 : 0644;
    }

    QString path;          ///< relative, '/'-separated, no "." or ".." components
    Type type = Type::File;
    quint32 mode = 0644;   ///< permission bits (07777); symlinks carry 0777
    qint64 size = 0;       ///< bytes of a file; 0 for symlinks
    quint64 hash = 0;      ///< XXH3-64 of the content (of the target text for symlinks)
    QString linkTarget;    ///< symlink target, empty for files
    /**
     * Where the entry was last seen on disk (lstat mtime in ns and inode). Not content: not in
     * the digest or sameContent(); lets a stat walk tell "unchanged" without reading files.
     */
    qint64 mtimeNs = 0;
    quint64 inode = 0;
    qint64 ctimeNs = 0;

    bool sameContent(const ManifestEntry &other) const
    {
        return type == other.type && mode == other.mode && size == other.size && hash == other.hash
            && linkTarget == other.linkTarget;
    }
};

/**
 * The entries of a tree keyed by path. Persisted as a text file (the seed's file-list.txt):
 * a header line "build-service-manifest 1", then one tab-separated line per entry:
 * type, octal mode, size, 16 hex digits of hash, path, link target, and optionally the stat
 * fields mtime ns, inode, ctime ns; an "end" line closes it. Paths never contain
 * control characters (the intake rejects them), so tabs and newlines cannot occur in fields.
 */
class Manifest
{
public:
    void insert(const ManifestEntry &entry)
    {
        m_entries.insert(entry.path, entry);
        m_digest.clear();
    }
    bool remove(const QString &path)
    {
        m_digest.clear();
        return m_entries.remove(path) > 0;
    }
    bool contains(const QString &path) const { return m_entries.contains(path); }
    const ManifestEntry *find(const QString &path) const;
    const QMap<QString, ManifestEntry> &entries() const { return m_entries; }
    int size() const { return m_entries.size(); }
    bool isEmpty() const { return m_entries.isEmpty(); }
    qint64 totalBytes() const;

    /** XXH3-64 over the sorted entries, as 16 hex digits; equal trees have equal digests. Cached. */
    QString digest() const;

    /**
     * Atomic write (AtomicFile): a crash or a full disk leaves either the old or the new file.
     * Errors: DiskFull, IoError.
     */
    Result<void> save(const QString &fileName) const;
    /** Reads a file written by save(); a truncated or garbled file is an error, not a partial list. */
    static Result<Manifest> load(const QString &fileName);

    static QString hashToHex(quint64 hash);

private:
    QMap<QString, ManifestEntry> m_entries;
    mutable QString m_digest;
};

} // namespace BuildService
