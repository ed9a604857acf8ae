// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: LGPL-2.1-only OR LGPL-3.0-only

// SafeTreeWriter: writes and replaces entries below a root directory without ever following a symlink.
#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QString>
#include <QVarLengthArray>
#include <QVector>

namespace BuildService {

/**
 * Creates, replaces, moves and removes files, directories and symlinks below one root
 * directory, resolving every path component with openat(O_NOFOLLOW | O_DIRECTORY) from the
 * root's file descriptor. Nothing is ever written, removed or created through a symlink: a
 * symlink (or file) found where a directory is needed is replaced by a real directory, and an
 * entry of another type at a target path is replaced (a directory is removed with TreeRemover:
 * without following symlinks, using O(1) file descriptors however deep it is).
 *
 * Paths are relative, '/'-separated byte strings (UTF-8 on disk) that the caller validated
 * with EntryPolicy; components "", "." and ".." are refused anyway (ErrorCode::Internal).
 * Only the root path itself may contain symlinks.
 *
 * Directory descriptors along the most recently used path are cached, so writing the files of
 * one directory costs one openat() each; the cache is bounded (at most 65 descriptors).
 * Files are written through one reusable 1 MiB buffer; every write() and close() is checked.
 *
 * Errors: ENOSPC/EDQUOT -> ErrorCode::DiskFull "no space left on device while writing <path>";
 * other failures -> ErrorCode::IoError "<what> \"<path>\": <strerror>".
 *
 * Not thread-safe. Assumes nobody else modifies the tree concurrently (if someone does, the
 * writer may fail, but it still never writes outside the root).
 */
class SafeTreeWriter
{
public:
    /** What entryInfo() found at a path (lstat semantics, no component followed). */
    struct EntryInfo {
        enum class Type { Missing, File, Directory, Symlink, Other };
        Type type = Type::Missing;
        quint32 mode = 0;       ///< permission bits & 07777
        qint64 size = 0;
        qint64 mtimeNs = 0;     ///< modification time, ns since the epoch
        qint64 ctimeNs = 0;     ///< status change time, ns since the epoch
        quint64 inode = 0;
        QByteArray linkTarget;  ///< symlinks only
    };

    SafeTreeWriter();
    ~SafeTreeWriter();
    SafeTreeWriter(const SafeTreeWriter &) = delete;
    SafeTreeWriter &operator=(const SafeTreeWriter &) = delete;

    /** Opens @p rootDir (which must exist and be a directory; it may be reached through symlinks). */
    Result<void> open(const QString &rootDir);
    bool isOpen() const { return m_rootFd >= 0; }

    /**
     * Starts a regular file at @p path, creating parent directories and replacing whatever is
     * at @p path. Data follows with write(); endFile() applies @p mode (& 07777, exactly, not
     * masked by the umask) and closes. Only one file can be open at a time.
     */
    Result<void> beginFile(const QByteArray &path, quint32 mode);
    /** Appends to the open file (buffered). */
    Result<void> write(const char *data, qint64 size);
    /** Flushes, sets the mode and closes the open file, checking every step. */
    Result<void> endFile();
    /** Closes and deletes the open file, if any (for error paths; never fails). */
    void abortFile();

    /** Creates symlink @p path -> @p target (target taken verbatim), replacing whatever is there. */
    Result<void> createSymlink(const QByteArray &path, const QByteArray &target);
    /** Creates @p path and its parents as real directories (mode 0755 & ~umask) where missing. */
    Result<void> createDirectory(const QByteArray &path);
    /** chmod of a file or directory at @p path; a symlink there is an error (never followed). */
    Result<void> setMode(const QByteArray &path, quint32 mode);
    /** Sets the modification (and access) time of @p path to @p mtimeNs; a symlink's own time. */
    Result<void> setModificationTime(const QByteArray &path, qint64 mtimeNs);
    /**
     * Removes @p path (recursively if a directory) without following symlinks.
     * Returns whether something was there; a missing path (or parent) is not an error.
     */
    Result<bool> removePath(const QByteArray &path);
    /** Removes @p path only if it is an empty directory; returns whether it did. */
    bool removeEmptyDirectory(const QByteArray &path);
    /**
     * Moves the file or symlink @p sourcePath of @p source's tree to @p path in this tree with
     * renameat(), replacing whatever is at @p path and creating parent directories. Falls back
     * to copying when the trees are on different file systems.
     */
    Result<void> moveFrom(SafeTreeWriter &source, const QByteArray &sourcePath, const QByteArray &path);
    /** lstat() of @p path; Type::Missing if it or a parent is missing or a parent is not a directory. */
    Result<EntryInfo> entryInfo(const QByteArray &path);

private:
    struct Level {
        QByteArray name;
        int fd = -1;
    };

    Result<int> parentDir(const QByteArray &path, bool create, QByteArray *leaf);
    Result<int> openChildDir(int parentFd, const QByteArray &name, bool create, const QByteArray &path);
    Result<bool> removeAt(int parentFd, const QByteArray &name, const QByteArray &path);
    Result<void> flushBuffer();
    Result<void> writeAll(const char *data, qint64 size);
    Result<void> copyFrom(int sourceParent, const QByteArray &sourceLeaf, const QByteArray &path);
    void popLevels(int keep);
    Error ioError(const char *what, const QByteArray &path, int err) const;

    int m_rootFd = -1;
    QVector<Level> m_levels; // cached directory chain below the root

    int m_fileFd = -1;
    QByteArray m_filePath;
    quint32 m_fileMode = 0;
    QByteArray m_buffer;
    qint64 m_bufferFill = 0;
};

} // namespace BuildService
