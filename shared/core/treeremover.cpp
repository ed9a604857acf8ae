// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: LGPL-2.1-only OR LGPL-3.0-only

// TreeRemover: iterative, descriptor-relative tree removal that never follows a symlink.
#include "treeremover.h"

#include <QFile>
#include <QVector>

#include <cerrno>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace BuildService {

namespace {

constexpr int s_dirFlags = O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC;
// Paths of very deep entries are shown with their middle elided.
constexpr int s_shownComponents = 6;

struct Frame {
    QByteArray name;
    dev_t dev = 0;
    ino_t ino = 0;
    QVector<QByteArray> subdirs; // still to remove
};

bool cancelled(const std::atomic_bool *cancel)
{
    return cancel && cancel->load(std::memory_order_relaxed);
}

void closeFd(int fd)
{
    if (fd >= 0)
        ::close(fd);
}

/** The path of the entry @p leaf below the stack, for messages; deep paths lose their middle. */
QByteArray shownPath(const QByteArray &root, const QVector<Frame> &stack, const QByteArray &leaf)
{
    QByteArray path = root;
    const int skipFrom = stack.size() > s_shownComponents ? 2 : stack.size();
    const int skipTo = stack.size() > s_shownComponents ? stack.size() - (s_shownComponents - 2) : stack.size();
    for (int i = 1; i < stack.size(); ++i) {
        if (i >= skipFrom && i < skipTo) {
            if (i == skipFrom)
                path += "/...(" + QByteArray::number(skipTo - skipFrom) + " levels)...";
            continue;
        }
        path += '/' + stack.at(i).name;
    }
    if (!leaf.isEmpty())
        path += '/' + leaf;
    return path;
}

Error removeError(const QByteArray &path, int err)
{
    const ErrorCode code = err == ECANCELED ? ErrorCode::Cancelled : ErrorCode::IoError;
    if (err == ECANCELED)
        return makeError(code, QStringLiteral("removal of %1 was cancelled").arg(QFile::decodeName(path)));
    return makeError(code, QStringLiteral("cannot remove %1: %2").arg(QFile::decodeName(path), QString::fromLocal8Bit(std::strerror(err))));
}

/**
 * Opens the directory @p name of @p parentFd for reading, without following a symlink.
 * A directory the owner may not read or search is chmod-ed first, through an O_PATH
 * descriptor of that very directory (so no symlink can redirect the chmod).
 * Returns the descriptor, or -1 with errno set (ENOTDIR/ELOOP: not a directory).
 */
int openDirectory(int parentFd, const char *name)
{
    int fd = ::openat(parentFd, name, s_dirFlags);
    if (fd >= 0 || errno != EACCES)
        return fd;
    const int pathFd = ::openat(parentFd, name, O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (pathFd < 0)
        return -1;
    struct stat st;
    bool changed = false;
    if (::fstat(pathFd, &st) == 0 && S_ISDIR(st.st_mode)) {
        // fchmod() does not take O_PATH descriptors; the /proc link names exactly this inode.
        const QByteArray proc = "/proc/self/fd/" + QByteArray::number(pathFd);
        changed = ::chmod(proc.constData(), (st.st_mode & 07777) | S_IRWXU) == 0;
    }
    ::close(pathFd);
    if (!changed) {
        errno = EACCES;
        return -1;
    }
    return ::openat(parentFd, name, s_dirFlags);
}

/**
 * Deletes the non-directories in @p dirFd and lists its subdirectories in @p subdirs.
 * Returns 0 or an errno value; @p failedName names the entry that failed.
 */
int scanDirectory(int dirFd, QVector<QByteArray> *subdirs, QByteArray *failedName, const std::atomic_bool *cancel)
{
    struct stat st;
    // Removing entries needs write and search permission on the directory itself.
    if (::fstat(dirFd, &st) == 0 && (st.st_mode & S_IRWXU) != S_IRWXU)
        ::fchmod(dirFd, (st.st_mode & 07777) | S_IRWXU);
    const int scanFd = ::dup(dirFd);
    if (scanFd < 0)
        return errno;
    DIR *dir = ::fdopendir(scanFd);
    if (!dir) {
        const int err = errno;
        ::close(scanFd);
        return err;
    }
    int result = 0;
    while (true) {
        errno = 0;
        const dirent *e = ::readdir(dir);
        if (!e) {
            result = errno;
            break;
        }
        const char *n = e->d_name;
        if (n[0] == '.' && (n[1] == 0 || (n[1] == '.' && n[2] == 0)))
            continue;
        if (cancelled(cancel)) {
            result = ECANCELED;
            break;
        }
        bool isDir = e->d_type == DT_DIR;
        if (e->d_type == DT_UNKNOWN) {
            struct stat cst;
            isDir = ::fstatat(dirFd, n, &cst, AT_SYMLINK_NOFOLLOW) == 0 && S_ISDIR(cst.st_mode);
        }
        if (isDir) {
            subdirs->append(QByteArray(n));
        } else if (::unlinkat(dirFd, n, 0) != 0 && errno != ENOENT) {
            result = errno;
            *failedName = QByteArray(n);
            break;
        }
    }
    ::closedir(dir);
    return result;
}

} // namespace

Result<void> TreeRemover::removeTree(const QString &path, const std::atomic_bool *cancel)
{
    if (path.isEmpty())
        return makeError(ErrorCode::Internal, QStringLiteral("TreeRemover::removeTree called with an empty path"));
    const QByteArray native = QFile::encodeName(path);
    // The parent is the caller's path (symlinks allowed there); the leaf is never followed.
    QByteArray trimmed = native;
    while (trimmed.size() > 1 && trimmed.endsWith('/'))
        trimmed.chop(1);
    const int slash = trimmed.lastIndexOf('/');
    const QByteArray parent = slash < 0 ? QByteArray(".") : (slash == 0 ? QByteArray("/") : trimmed.left(slash));
    const QByteArray leaf = slash < 0 ? trimmed : trimmed.mid(slash + 1);
    if (leaf.isEmpty() || leaf == "." || leaf == ".." || trimmed == "/")
        return makeError(ErrorCode::Internal, QStringLiteral("TreeRemover::removeTree refuses to remove \"%1\"").arg(path));
    const int parentFd = ::open(parent.constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (parentFd < 0) {
        if (errno == ENOENT)
            return {};
        return removeError(native, errno);
    }
    Result<void> r = removeAt(parentFd, leaf, trimmed, cancel);
    ::close(parentFd);
    return r;
}

Result<void> TreeRemover::removeAt(int parentFd, const QByteArray &name, const QByteArray &shown, const std::atomic_bool *cancel)
{
    struct stat st;
    if (::fstatat(parentFd, name.constData(), &st, AT_SYMLINK_NOFOLLOW) != 0)
        return errno == ENOENT ? Result<void>() : Result<void>(removeError(shown, errno));
    if (!S_ISDIR(st.st_mode)) {
        if (::unlinkat(parentFd, name.constData(), 0) != 0 && errno != ENOENT)
            return removeError(shown, errno);
        return {};
    }

    int cur = openDirectory(parentFd, name.constData());
    if (cur < 0) {
        const int err = errno;
        if (err == ENOENT)
            return {};
        // Replaced by a file or symlink since the fstatat: remove that instead.
        if ((err == ENOTDIR || err == ELOOP) && ::unlinkat(parentFd, name.constData(), 0) == 0)
            return {};
        return removeError(shown, err);
    }
    // The shown path already names the root; frame names below it are appended.
    QVector<Frame> stack;
    struct stat cst;
    if (::fstat(cur, &cst) != 0) {
        const int err = errno;
        ::close(cur);
        return removeError(shown, err);
    }
    stack.append(Frame{name, cst.st_dev, cst.st_ino, {}});

    QByteArray failedName;
    int err = scanDirectory(cur, &stack.last().subdirs, &failedName, cancel);
    while (err == 0) {
        Frame &top = stack.last();
        if (!top.subdirs.isEmpty()) {
            if (cancelled(cancel)) {
                err = ECANCELED;
                break;
            }
            const QByteArray sub = top.subdirs.takeLast();
            const int next = openDirectory(cur, sub.constData());
            if (next < 0) {
                const int openErr = errno;
                if (openErr == ENOENT)
                    continue;
                if ((openErr == ENOTDIR || openErr == ELOOP) && ::unlinkat(cur, sub.constData(), 0) == 0)
                    continue;
                err = openErr;
                failedName = sub;
                break;
            }
            struct stat nst;
            if (::fstat(next, &nst) != 0) {
                err = errno;
                failedName = sub;
                ::close(next);
                break;
            }
            ::close(cur);
            cur = next;
            stack.append(Frame{sub, nst.st_dev, nst.st_ino, {}});
            err = scanDirectory(cur, &stack.last().subdirs, &failedName, cancel);
            continue;
        }
        // This directory is empty now: go up and remove it.
        const QByteArray doneName = top.name;
        if (stack.size() == 1) {
            ::close(cur);
            cur = -1;
            if (::unlinkat(parentFd, doneName.constData(), AT_REMOVEDIR) != 0 && errno != ENOENT) {
                err = errno;
                stack.clear();
                return removeError(shown, err);
            }
            return {};
        }
        const int up = ::openat(cur, "..", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (up < 0) {
            err = errno;
            break;
        }
        struct stat ust;
        const Frame &parentFrame = stack.at(stack.size() - 2);
        if (::fstat(up, &ust) != 0 || ust.st_dev != parentFrame.dev || ust.st_ino != parentFrame.ino) {
            // Someone moved the tree while we were in it; going on could delete elsewhere.
            ::close(up);
            err = ESTALE;
            break;
        }
        ::close(cur);
        cur = up;
        stack.removeLast();
        if (::unlinkat(cur, doneName.constData(), AT_REMOVEDIR) != 0 && errno != ENOENT) {
            err = errno;
            failedName = doneName;
            break;
        }
    }
    closeFd(cur);
    return removeError(shownPath(shown, stack, failedName), err);
}

} // namespace BuildService
