// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: LGPL-2.1-only OR LGPL-3.0-only

// SafeTreeWriter: writes and replaces entries below a root directory without ever following a symlink.
#include "safetreewriter.h"

#include "entrypolicy.h"

#include "core/treeremover.h"

#include <QFile>

#include <cerrno>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace BuildService {

namespace {
constexpr qint64 s_bufferSize = 1 << 20;
// Levels up to this depth keep their descriptor open; deeper ones only the current one.
constexpr int s_cachedLevels = 64;
constexpr int s_dirFlags = O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC;
constexpr int s_retries = 4;

bool isDiskFull(int err)
{
    return err == ENOSPC || err == EDQUOT;
}

QString shown(const QByteArray &path)
{
    return EntryPolicy::printable(QString::fromUtf8(path));
}

Error diskFull(const QByteArray &path)
{
    return makeError(ErrorCode::DiskFull, QStringLiteral("no space left on device while writing %1").arg(shown(path)));
}

void closeFd(int fd)
{
    if (fd >= 0)
        ::close(fd);
}

bool validComponent(const char *p, int len)
{
    return len > 0 && !(len == 1 && p[0] == '.') && !(len == 2 && p[0] == '.' && p[1] == '.');
}
} // namespace

SafeTreeWriter::SafeTreeWriter() = default;

SafeTreeWriter::~SafeTreeWriter()
{
    abortFile();
    popLevels(0);
    closeFd(m_rootFd);
}

Error SafeTreeWriter::ioError(const char *what, const QByteArray &path, int err) const
{
    if (isDiskFull(err))
        return diskFull(path);
    return makeError(ErrorCode::IoError, QStringLiteral("%1 \"%2\": %3")
                                             .arg(QLatin1String(what), shown(path), QString::fromLocal8Bit(std::strerror(err))));
}

Result<void> SafeTreeWriter::open(const QString &rootDir)
{
    abortFile();
    popLevels(0);
    closeFd(m_rootFd);
    m_rootFd = ::open(QFile::encodeName(rootDir).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (m_rootFd < 0) {
        const int err = errno;
        return makeError(ErrorCode::IoError, QStringLiteral("cannot open directory \"%1\": %2")
                                                 .arg(rootDir, QString::fromLocal8Bit(std::strerror(err))));
    }
    return {};
}

void SafeTreeWriter::popLevels(int keep)
{
    while (m_levels.size() > keep) {
        closeFd(m_levels.last().fd);
        m_levels.removeLast();
    }
}

Result<int> SafeTreeWriter::openChildDir(int parentFd, const QByteArray &name, bool create, const QByteArray &path)
{
    for (int attempt = 0; attempt < s_retries; ++attempt) {
        const int fd = ::openat(parentFd, name.constData(), s_dirFlags);
        if (fd >= 0)
            return fd;
        const int err = errno;
        if (err == ENOENT) {
            if (!create)
                return -1;
            if (::mkdirat(parentFd, name.constData(), 0755) != 0 && errno != EEXIST)
                return ioError("cannot create directory", path, errno);
            continue;
        }
        if (err == ENOTDIR || err == ELOOP) {
            // A file or symlink where a directory belongs (e.g. left by a build): replace it,
            // never look through it.
            if (!create)
                return -1;
            Result<bool> removed = removeAt(parentFd, name, path);
            if (!removed)
                return removed.error();
            continue;
        }
        return ioError("cannot open directory", path, err);
    }
    return makeError(ErrorCode::IoError, QStringLiteral("cannot create directory \"%1\": it keeps changing").arg(shown(path)));
}

Result<int> SafeTreeWriter::parentDir(const QByteArray &path, bool create, QByteArray *leaf)
{
    if (m_rootFd < 0)
        return makeError(ErrorCode::Internal, QStringLiteral("SafeTreeWriter used before open()"));
    const char *d = path.constData();
    const int n = path.size();
    // Split into components, checking each one.
    int start = 0;
    int level = 0;
    int common = 0;
    bool diverged = false;
    QVarLengthArray<std::pair<int, int>, 32> comps;
    for (int i = 0; i <= n; ++i) {
        if (i < n && d[i] != '/')
            continue;
        if (!validComponent(d + start, i - start))
            return makeError(ErrorCode::Internal, QStringLiteral("invalid path \"%1\" passed to SafeTreeWriter").arg(shown(path)));
        comps.append({start, i - start});
        start = i + 1;
    }
    const int dirCount = comps.size() - 1;
    *leaf = QByteArray(d + comps.last().first, comps.last().second);

    // Reuse the cached prefix, but only up to the deepest level whose descriptor is still open.
    for (level = 0; level < dirCount && level < m_levels.size() && !diverged; ++level) {
        const Level &l = m_levels.at(level);
        if (l.name.size() == comps[level].second && std::memcmp(l.name.constData(), d + comps[level].first, size_t(l.name.size())) == 0)
            common = level + 1;
        else
            diverged = true;
    }
    while (common > 0 && m_levels.at(common - 1).fd < 0)
        --common;
    popLevels(common);

    for (int i = common; i < dirCount; ++i) {
        const int parentFd = m_levels.isEmpty() ? m_rootFd : m_levels.last().fd;
        const QByteArray name(d + comps[i].first, comps[i].second);
        Result<int> fd = openChildDir(parentFd, name, create, QByteArray(d, comps[i].first + comps[i].second));
        if (!fd)
            return fd;
        if (fd.value() < 0)
            return -1;
        if (m_levels.size() > s_cachedLevels) {
            closeFd(m_levels.last().fd);
            m_levels.last().fd = -1;
        }
        m_levels.append(Level{name, fd.value()});
    }
    return dirCount == 0 ? m_rootFd : m_levels.last().fd;
}

Result<bool> SafeTreeWriter::removeAt(int parentFd, const QByteArray &name, const QByteArray &path)
{
    struct stat st;
    if (::fstatat(parentFd, name.constData(), &st, AT_SYMLINK_NOFOLLOW) != 0) {
        if (errno == ENOENT)
            return false;
        return ioError("cannot inspect", path, errno);
    }
    if (S_ISDIR(st.st_mode)) {
        Result<void> r = TreeRemover::removeAt(parentFd, name, path);
        if (!r)
            return r.error();
        return true;
    }
    if (::unlinkat(parentFd, name.constData(), 0) != 0 && errno != ENOENT)
        return ioError("cannot remove", path, errno);
    return true;
}

Result<void> SafeTreeWriter::beginFile(const QByteArray &path, quint32 mode)
{
    Q_ASSERT(m_fileFd < 0);
    if (m_fileFd >= 0)
        return makeError(ErrorCode::Internal, QStringLiteral("SafeTreeWriter: a file is already open"));
    QByteArray leaf;
    Result<int> parent = parentDir(path, true, &leaf);
    if (!parent)
        return parent.error();
    for (int attempt = 0; attempt < s_retries; ++attempt) {
        const int fd = ::openat(parent.value(), leaf.constData(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
        if (fd >= 0) {
            m_fileFd = fd;
            m_filePath = path;
            m_fileMode = mode & 07777;
            m_bufferFill = 0;
            if (m_buffer.size() != s_bufferSize)
                m_buffer.resize(int(s_bufferSize));
            return {};
        }
        if (errno != EEXIST)
            return ioError("cannot create file", path, errno);
        // Unlink and recreate rather than truncate: a hard link a build made must not change.
        Result<bool> removed = removeAt(parent.value(), leaf, path);
        if (!removed)
            return removed.error();
    }
    return makeError(ErrorCode::IoError, QStringLiteral("cannot create file \"%1\": it keeps reappearing").arg(shown(path)));
}

Result<void> SafeTreeWriter::writeAll(const char *data, qint64 size)
{
    while (size > 0) {
        const ssize_t n = ::write(m_fileFd, data, size_t(size));
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return ioError("cannot write", m_filePath, errno);
        }
        if (n == 0)
            return diskFull(m_filePath);
        data += n;
        size -= n;
    }
    return {};
}

Result<void> SafeTreeWriter::flushBuffer()
{
    if (m_bufferFill == 0)
        return {};
    Result<void> r = writeAll(m_buffer.constData(), m_bufferFill);
    m_bufferFill = 0;
    return r;
}

Result<void> SafeTreeWriter::write(const char *data, qint64 size)
{
    Q_ASSERT(m_fileFd >= 0);
    if (m_fileFd < 0)
        return makeError(ErrorCode::Internal, QStringLiteral("SafeTreeWriter: write() without beginFile()"));
    if (m_bufferFill + size <= s_bufferSize) {
        std::memcpy(m_buffer.data() + m_bufferFill, data, size_t(size));
        m_bufferFill += size;
        return {};
    }
    Result<void> r = flushBuffer();
    if (!r)
        return r;
    if (size >= s_bufferSize)
        return writeAll(data, size);
    std::memcpy(m_buffer.data(), data, size_t(size));
    m_bufferFill = size;
    return {};
}

Result<void> SafeTreeWriter::endFile()
{
    Q_ASSERT(m_fileFd >= 0);
    if (m_fileFd < 0)
        return makeError(ErrorCode::Internal, QStringLiteral("SafeTreeWriter: endFile() without beginFile()"));
    Result<void> r = flushBuffer();
    if (r && ::fchmod(m_fileFd, mode_t(m_fileMode)) != 0)
        r = ioError("cannot set the mode of", m_filePath, errno);
    const int fd = m_fileFd;
    m_fileFd = -1;
    // close() can report delayed write errors (NFS, quotas): check it.
    if (::close(fd) != 0 && r)
        r = ioError("cannot write", m_filePath, errno);
    if (!r) {
        // Best effort: the first error is what the caller needs; a partial file that cannot be
        // unlinked either is inside the caller's tree, which is discarded or re-synced.
        QByteArray leaf;
        Result<int> parent = parentDir(m_filePath, false, &leaf);
        if (parent && parent.value() >= 0)
            ::unlinkat(parent.value(), leaf.constData(), 0);
    }
    return r;
}

void SafeTreeWriter::abortFile()
{
    if (m_fileFd < 0)
        return;
    ::close(m_fileFd);
    m_fileFd = -1;
    m_bufferFill = 0;
    // Error path (never fails, see the header): what cannot be unlinked stays in the caller's
    // tree, which the caller discards (staging) or marks dirty (workspace).
    QByteArray leaf;
    Result<int> parent = parentDir(m_filePath, false, &leaf);
    if (parent && parent.value() >= 0)
        ::unlinkat(parent.value(), leaf.constData(), 0);
}

Result<void> SafeTreeWriter::createSymlink(const QByteArray &path, const QByteArray &target)
{
    QByteArray leaf;
    Result<int> parent = parentDir(path, true, &leaf);
    if (!parent)
        return parent.error();
    for (int attempt = 0; attempt < s_retries; ++attempt) {
        if (::symlinkat(target.constData(), parent.value(), leaf.constData()) == 0)
            return {};
        if (errno != EEXIST)
            return ioError("cannot create symlink", path, errno);
        Result<bool> removed = removeAt(parent.value(), leaf, path);
        if (!removed)
            return removed.error();
    }
    return makeError(ErrorCode::IoError, QStringLiteral("cannot create symlink \"%1\": it keeps reappearing").arg(shown(path)));
}

Result<void> SafeTreeWriter::createDirectory(const QByteArray &path)
{
    QByteArray leaf;
    Result<int> parent = parentDir(path, true, &leaf);
    if (!parent)
        return parent.error();
    Result<int> fd = openChildDir(parent.value(), leaf, true, path);
    if (!fd)
        return fd.error();
    closeFd(fd.value());
    return {};
}

Result<void> SafeTreeWriter::setMode(const QByteArray &path, quint32 mode)
{
    QByteArray leaf;
    Result<int> parent = parentDir(path, false, &leaf);
    if (!parent)
        return parent.error();
    if (parent.value() < 0)
        return ioError("cannot set the mode of", path, ENOENT);
    // O_NONBLOCK: a FIFO a build left there must not block us.
    const int fd = ::openat(parent.value(), leaf.constData(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return ioError("cannot set the mode of", path, errno);
    Result<void> r;
    if (::fchmod(fd, mode_t(mode & 07777)) != 0)
        r = ioError("cannot set the mode of", path, errno);
    ::close(fd);
    return r;
}

Result<void> SafeTreeWriter::setModificationTime(const QByteArray &path, qint64 mtimeNs)
{
    QByteArray leaf;
    Result<int> parent = parentDir(path, false, &leaf);
    if (!parent)
        return parent.error();
    if (parent.value() < 0)
        return ioError("cannot set the time of", path, ENOENT);
    const struct timespec times[2] = {{time_t(mtimeNs / 1000000000LL), long(mtimeNs % 1000000000LL)},
                                      {time_t(mtimeNs / 1000000000LL), long(mtimeNs % 1000000000LL)}};
    if (::utimensat(parent.value(), leaf.constData(), times, AT_SYMLINK_NOFOLLOW) != 0)
        return ioError("cannot set the time of", path, errno);
    return {};
}

Result<bool> SafeTreeWriter::removePath(const QByteArray &path)
{
    QByteArray leaf;
    Result<int> parent = parentDir(path, false, &leaf);
    if (!parent)
        return parent.error();
    if (parent.value() < 0)
        return false;
    return removeAt(parent.value(), leaf, path);
}

bool SafeTreeWriter::removeEmptyDirectory(const QByteArray &path)
{
    QByteArray leaf;
    Result<int> parent = parentDir(path, false, &leaf);
    if (!parent || parent.value() < 0)
        return false;
    return ::unlinkat(parent.value(), leaf.constData(), AT_REMOVEDIR) == 0;
}

Result<SafeTreeWriter::EntryInfo> SafeTreeWriter::entryInfo(const QByteArray &path)
{
    EntryInfo info;
    QByteArray leaf;
    Result<int> parent = parentDir(path, false, &leaf);
    if (!parent)
        return parent.error();
    if (parent.value() < 0)
        return info;
    struct stat st;
    if (::fstatat(parent.value(), leaf.constData(), &st, AT_SYMLINK_NOFOLLOW) != 0) {
        if (errno == ENOENT)
            return info;
        return ioError("cannot inspect", path, errno);
    }
    info.mode = quint32(st.st_mode & 07777);
    info.size = qint64(st.st_size);
    info.mtimeNs = qint64(st.st_mtim.tv_sec) * 1000000000LL + st.st_mtim.tv_nsec;
    info.ctimeNs = qint64(st.st_ctim.tv_sec) * 1000000000LL + st.st_ctim.tv_nsec;
    info.inode = quint64(st.st_ino);
    if (S_ISREG(st.st_mode)) {
        info.type = EntryInfo::Type::File;
    } else if (S_ISDIR(st.st_mode)) {
        info.type = EntryInfo::Type::Directory;
    } else if (S_ISLNK(st.st_mode)) {
        info.type = EntryInfo::Type::Symlink;
        QByteArray target(int(qMax<qint64>(st.st_size, 255)) + 1, Qt::Uninitialized);
        const ssize_t n = ::readlinkat(parent.value(), leaf.constData(), target.data(), size_t(target.size()));
        if (n < 0)
            return ioError("cannot read symlink", path, errno);
        target.truncate(int(n));
        info.linkTarget = target;
    } else {
        info.type = EntryInfo::Type::Other;
    }
    return info;
}

Result<void> SafeTreeWriter::copyFrom(int sourceParent, const QByteArray &sourceLeaf, const QByteArray &path)
{
    struct stat st;
    if (::fstatat(sourceParent, sourceLeaf.constData(), &st, AT_SYMLINK_NOFOLLOW) != 0)
        return ioError("cannot read staged entry", path, errno);
    if (S_ISLNK(st.st_mode)) {
        QByteArray target(int(st.st_size) + 1, Qt::Uninitialized);
        const ssize_t n = ::readlinkat(sourceParent, sourceLeaf.constData(), target.data(), size_t(target.size()));
        if (n < 0)
            return ioError("cannot read staged entry", path, errno);
        target.truncate(int(n));
        return createSymlink(path, target);
    }
    const int in = ::openat(sourceParent, sourceLeaf.constData(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    if (in < 0)
        return ioError("cannot read staged entry", path, errno);
    Result<void> r = beginFile(path, quint32(st.st_mode & 07777));
    if (r) {
        QByteArray chunk(int(s_bufferSize), Qt::Uninitialized);
        while (true) {
            const ssize_t n = ::read(in, chunk.data(), size_t(chunk.size()));
            if (n < 0 && errno == EINTR)
                continue;
            if (n < 0) {
                r = ioError("cannot read staged entry", path, errno);
                break;
            }
            if (n == 0)
                break;
            r = write(chunk.constData(), n);
            if (!r)
                break;
        }
        if (r)
            r = endFile();
        else
            abortFile();
    }
    ::close(in);
    // The copy is in place; the staged original goes with its staging directory if this fails.
    if (r)
        ::unlinkat(sourceParent, sourceLeaf.constData(), 0);
    return r;
}

Result<void> SafeTreeWriter::moveFrom(SafeTreeWriter &source, const QByteArray &sourcePath, const QByteArray &path)
{
    Q_ASSERT(&source != this);
    QByteArray sourceLeaf;
    Result<int> sourceParent = source.parentDir(sourcePath, false, &sourceLeaf);
    if (!sourceParent)
        return sourceParent.error();
    if (sourceParent.value() < 0)
        return ioError("cannot read staged entry", sourcePath, ENOENT);
    QByteArray leaf;
    Result<int> parent = parentDir(path, true, &leaf);
    if (!parent)
        return parent.error();
    for (int attempt = 0; attempt < s_retries; ++attempt) {
        if (::renameat(sourceParent.value(), sourceLeaf.constData(), parent.value(), leaf.constData()) == 0)
            return {};
        const int err = errno;
        if (err == EXDEV)
            return copyFrom(sourceParent.value(), sourceLeaf, path);
        if (err != EISDIR && err != ENOTEMPTY && err != EEXIST && err != ENOTDIR)
            return ioError("cannot move into place", path, err);
        // A directory sits where the file goes: remove it (without following anything).
        Result<bool> removed = removeAt(parent.value(), leaf, path);
        if (!removed)
            return removed.error();
    }
    return makeError(ErrorCode::IoError, QStringLiteral("cannot move into place \"%1\": it keeps reappearing").arg(shown(path)));
}

} // namespace BuildService
