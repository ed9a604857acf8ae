// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: GPL-2.0-or-later

// StateScanner: fd-based walk, comparison with the synced sources, hashing and capture.
#include "statescanner.h"

#include "cache/blobstore.h"
#include "sync/manifest.h"

#include <QFile>
#include <QSet>

#include <cerrno>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace BuildService {

namespace {

qint64 ns(const struct timespec &ts)
{
    return qint64(ts.tv_sec) * 1000000000LL + ts.tv_nsec;
}

class Walker
{
public:
    Walker(const Manifest &sources, const StateScanner::Options &options)
        : m_sources(sources)
        , m_options(options)
    {
        for (const ManifestEntry &s : sources.entries()) {
            for (int slash = s.path.indexOf(QLatin1Char('/')); slash > 0; slash = s.path.indexOf(QLatin1Char('/'), slash + 1))
                m_sourceDirs.insert(s.path.left(slash));
        }
    }

    Result<StateScanner::Scan> run(const QString &root)
    {
        const int fd = ::open(QFile::encodeName(root).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (fd < 0)
            return ioError(QStringLiteral("open"), root, errno);
        const Result<void> walked = walk(fd, QString(), 0);
        if (!walked)
            return walked.error();
        if (!m_untracked.isEmpty()) {
            m_scan.state = WorkspaceState::untracked(m_untracked);
            return m_scan;
        }
        for (const ManifestEntry &s : m_sources.entries()) {
            if (!m_seenSources.contains(s.path)) {
                StateEntry gone;
                gone.path = s.path;
                gone.type = StateEntry::Type::Gone;
                m_scan.state.insert(gone);
            }
        }
        return m_scan;
    }

private:
    static Error ioError(const QString &what, const QString &path, int err)
    {
        return makeError(ErrorCode::IoError, QStringLiteral("cannot %1 %2: %3").arg(what, path, QString::fromLocal8Bit(std::strerror(err))));
    }

    /** Takes ownership of @p dirFd. */
    Result<void> walk(int dirFd, const QString &prefix, int depth)
    {
        DIR *dir = ::fdopendir(dirFd);
        if (!dir) {
            const int err = errno;
            ::close(dirFd);
            return ioError(QStringLiteral("read"), prefix, err);
        }
        QList<QByteArray> names;
        while (struct dirent *d = ::readdir(dir)) {
            if (std::strcmp(d->d_name, ".") != 0 && std::strcmp(d->d_name, "..") != 0)
                names.append(QByteArray(d->d_name));
        }
        Result<void> result;
        for (const QByteArray &name : qAsConst(names)) {
            if (!m_untracked.isEmpty())
                break;
            result = visit(::dirfd(dir), name, prefix.isEmpty() ? QString::fromUtf8(name) : prefix + QLatin1Char('/') + QString::fromUtf8(name), depth);
            if (!result)
                break;
        }
        ::closedir(dir);
        return result;
    }

    Result<void> visit(int dirFd, const QByteArray &name, const QString &path, int depth)
    {
        struct stat st;
        if (::fstatat(dirFd, name.constData(), &st, AT_SYMLINK_NOFOLLOW) != 0)
            return errno == ENOENT ? Result<void>() : ioError(QStringLiteral("stat"), path, errno);
        if (++m_entries > m_options.maxEntries) {
            m_untracked = QStringLiteral("the workspace holds more than %1 entries").arg(m_options.maxEntries);
            return {};
        }
        StateEntry e;
        e.path = path;
        e.mode = quint32(st.st_mode) & 07777;
        e.mtimeNs = ns(st.st_mtim);
        e.ctimeNs = ns(st.st_ctim);
        e.inode = quint64(st.st_ino);
        if (S_ISDIR(st.st_mode)) {
            if (depth + 1 > StateScanner::MaxDepth) {
                m_untracked = QStringLiteral("directories are nested deeper than %1 levels").arg(StateScanner::MaxDepth);
                return {};
            }
            if (!m_sourceDirs.contains(path)) {
                e.type = StateEntry::Type::Directory;
                m_scan.state.insert(e);
            }
            const int child = ::openat(dirFd, name.constData(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
            if (child < 0)
                return ioError(QStringLiteral("open"), path, errno);
            return walk(child, path, depth + 1);
        }
        if (S_ISLNK(st.st_mode)) {
            QByteArray target(int(st.st_size) + 1, Qt::Uninitialized);
            const ssize_t n = ::readlinkat(dirFd, name.constData(), target.data(), size_t(target.size()));
            if (n < 0)
                return ioError(QStringLiteral("read the link"), path, errno);
            target.truncate(int(n));
            m_scan.diskBytes += st.st_size;
            e.type = StateEntry::Type::Symlink;
            e.mode = 0777;
            e.linkTarget = QString::fromUtf8(target);
            const ManifestEntry *source = m_sources.find(path);
            if (source) {
                m_seenSources.insert(path);
                if (source->type == ManifestEntry::Type::Symlink && source->linkTarget == e.linkTarget)
                    return {};
            }
            m_scan.state.insert(e);
            return {};
        }
        if (!S_ISREG(st.st_mode))
            return {};
        m_scan.diskBytes += st.st_size;
        e.type = StateEntry::Type::File;
        e.size = st.st_size;
        const ManifestEntry *source = m_sources.find(path);
        if (source) {
            m_seenSources.insert(path);
            if (source->type == ManifestEntry::Type::File && source->size == e.size && source->mode == e.mode
                && source->mtimeNs == e.mtimeNs && source->inode == e.inode && source->mtimeNs != 0)
                return {};
        }
        const StateEntry *before = m_options.previous ? m_options.previous->find(path) : nullptr;
        if (before && before->sameStat(e) && !before->sha256.isEmpty()) {
            e.sha256 = before->sha256;
            m_scan.state.insert(e);
            return {};
        }
        const int fd = ::openat(dirFd, name.constData(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
        if (fd < 0)
            return ioError(QStringLiteral("open"), path, errno);
        const bool capture = m_options.capture && m_scan.captured();
        Result<BlobStore::Stored> stored = capture ? m_options.capture->put(fd, m_options.maxCaptureBytes - m_scan.capturedBytes,
                                                                            m_options.workspacePath)
                                                   : BlobStore::hash(fd);
        if (!stored && capture && stored.error().code == ErrorCode::LimitExceeded) {
            m_scan.captureProblem = QStringLiteral("the build's outputs exceed [cache] max_output_bytes (%1 bytes)").arg(m_options.maxCaptureBytes);
            ::lseek(fd, 0, SEEK_SET);
            stored = BlobStore::hash(fd);
        } else if (!stored && capture) {
            m_scan.captureProblem = stored.errorString();
            ::lseek(fd, 0, SEEK_SET);
            stored = BlobStore::hash(fd);
        }
        ::close(fd);
        if (!stored)
            return stored.error();
        e.sha256 = stored->sha256;
        // The file may have grown while we read it (a leftover process): the content is the truth.
        e.size = stored->size;
        if (capture && m_scan.captured()) {
            m_scan.capturedBytes += stored->size;
            if (stored->containsNeedle)
                m_scan.pathBearing.insert(path);
            if (stored->added)
                m_scan.addedBlobs.append(stored->sha256);
        }
        m_scan.state.insert(e);
        return {};
    }

    const Manifest &m_sources;
    const StateScanner::Options &m_options;
    QSet<QString> m_sourceDirs;
    QSet<QString> m_seenSources;
    StateScanner::Scan m_scan;
    QString m_untracked;
    qint64 m_entries = 0;
};

} // namespace

Result<StateScanner::Scan> StateScanner::scan(const QString &root, const Manifest &sources, const Options &options)
{
    Walker walker(sources, options);
    return walker.run(root);
}

} // namespace BuildService
