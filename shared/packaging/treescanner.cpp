// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: LGPL-2.1-only OR LGPL-3.0-only

// TreeScanner: lists the files and symlinks of a checkout that git would not ignore.
#include "treescanner.h"

#include "ignorerules.h"
#include "packaginglog.h"

#include <QDir>
#include <QFileInfo>

#include <algorithm>
#include <cstring>
#include <vector>

#include <cerrno>
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace BuildService {

namespace {

// Upper bound for one ignore file; a bigger one is almost certainly not an ignore file.
constexpr qint64 MaxIgnoreFileBytes = 16 * 1024 * 1024;

struct RawEntry {
    QByteArray path;
    ScannedEntry entry;
};

QString errnoText(int error)
{
    return qt_error_string(error);
}

qint64 toNs(const struct timespec &ts)
{
    return qint64(ts.tv_sec) * 1000000000LL + ts.tv_nsec;
}

bool hasControlCharacter(const QByteArray &name)
{
    for (const char c : name) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x20 || u == 0x7f)
            return true;
    }
    return false;
}

bool isAscii(const QByteArray &name)
{
    for (const char c : name) {
        if (static_cast<unsigned char>(c) >= 0x80)
            return false;
    }
    return true;
}

bool isValidUtf8(const QByteArray &name)
{
    return isAscii(name) || QString::fromUtf8(name).toUtf8() == name;
}

QString displayPath(const QByteArray &path)
{
    return QString::fromUtf8(path);
}

// Reads a whole ignore file opened relative to a directory without following a symlink.
// A missing file, a symlink or a non-regular file leaves *present false: git skips those too.
Result<QByteArray> readIgnoreFile(int dirFd, const char *name, const QString &shownPath, bool *present)
{
    *present = false;
    const int fd = ::openat(dirFd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) {
        const int error = errno;
        // Missing, or a symlink (git does not follow .gitignore symlinks either).
        if (error == ENOENT || error == ELOOP || error == ENOTDIR)
            return QByteArray();
        return makeError(ErrorCode::IoError,
                         QStringLiteral("Cannot read ignore file '%1': %2").arg(shownPath, errnoText(error)));
    }
    struct stat st;
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        ::close(fd);
        return QByteArray();
    }
    if (st.st_size > MaxIgnoreFileBytes) {
        ::close(fd);
        return makeError(ErrorCode::IoError,
                         QStringLiteral("Ignore file '%1' is too large (%2 bytes)").arg(shownPath).arg(st.st_size));
    }
    QByteArray content(int(st.st_size), Qt::Uninitialized);
    qint64 done = 0;
    while (done < content.size()) {
        const ssize_t n = ::read(fd, content.data() + done, size_t(content.size() - done));
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            const int error = errno;
            ::close(fd);
            return makeError(ErrorCode::IoError,
                             QStringLiteral("Cannot read ignore file '%1': %2").arg(shownPath, errnoText(error)));
        }
        if (n == 0)
            break;
        done += n;
    }
    ::close(fd);
    content.truncate(int(done));
    *present = true;
    return content;
}

// Whether a relative symlink target stays inside the tree: only leading ".." may climb, and
// never above the root. @p depth is the number of directories between the root and the link.
bool relativeTargetStaysInside(const QByteArray &target, int depth)
{
    bool seenNormal = false;
    int level = depth;
    for (const QByteArray &part : target.split('/')) {
        if (part.isEmpty() || part == ".")
            continue;
        if (part == "..") {
            if (seenNormal)
                return false;
            if (--level < 0)
                return false;
        } else {
            seenNormal = true;
        }
    }
    return true;
}

class Walker
{
public:
    Walker(const QString &root, const QStringList &rootForms)
        : m_root(root)
        , m_rootForms(rootForms)
    {
    }

    IgnoreRules rules;
    std::vector<RawEntry> entries;
    QStringList skipped;

    Result<void> walk(int dirFd, const QByteArray &relDir, int depth);

private:
    struct Child {
        QByteArray name;
        unsigned char type;
    };

    QString absolute(const QByteArray &rel) const
    {
        return rel.isEmpty() ? m_root : m_root + QLatin1Char('/') + displayPath(rel);
    }
    void skip(const QByteArray &path, const QString &reason)
    {
        skipped.append(displayPath(path) + QLatin1String(": ") + reason);
    }
    void addSymlink(int dirFd, const QByteArray &name, const QByteArray &path, const struct stat &st, int depth);

    QString m_root;
    QStringList m_rootForms; // absolute spellings of the root, for absolute symlink targets
};

void Walker::addSymlink(int dirFd, const QByteArray &name, const QByteArray &path, const struct stat &st,
                        int depth)
{
    QByteArray target(int(qMax<off_t>(st.st_size, 64)) + 1, Qt::Uninitialized);
    ssize_t n;
    for (;;) {
        n = ::readlinkat(dirFd, name.constData(), target.data(), size_t(target.size()));
        if (n < 0) {
            if (errno != ENOENT && errno != EINVAL)
                skip(path, QStringLiteral("cannot read symlink (%1)").arg(errnoText(errno)));
            return; // vanished or replaced meanwhile
        }
        if (n < target.size())
            break;
        target.resize(target.size() * 2); // grew between lstat and readlink
    }
    target.truncate(int(n));

    const QString shownTarget = QString::fromUtf8(target);
    if (target.isEmpty()) {
        skip(path, QStringLiteral("symlink has an empty target"));
        return;
    }
    if (hasControlCharacter(target) || !isValidUtf8(target)) {
        skip(path, QStringLiteral("symlink target has control characters or is not valid UTF-8"));
        return;
    }
    if (target.startsWith('/')) {
        const QString cleaned = QDir::cleanPath(shownTarget);
        for (const QString &root : m_rootForms) {
            if (cleaned == root || cleaned.startsWith(root + QLatin1Char('/'))) {
                skip(path, QStringLiteral("symlink has an absolute target inside the tree (%1); make it relative")
                               .arg(shownTarget));
                return;
            }
        }
        skip(path, QStringLiteral("symlink points outside the tree (%1)").arg(shownTarget));
        return;
    }
    if (!relativeTargetStaysInside(target, depth)) {
        skip(path, QStringLiteral("symlink points outside the tree (%1)").arg(shownTarget));
        return;
    }
    RawEntry raw;
    raw.path = path;
    raw.entry.type = ManifestEntry::Type::Symlink;
    raw.entry.mode = 0777;
    raw.entry.size = 0;
    raw.entry.mtimeNs = toNs(st.st_mtim);
    raw.entry.ctimeNs = toNs(st.st_ctim);
    raw.entry.inode = st.st_ino;
    raw.entry.linkTarget = shownTarget;
    entries.push_back(std::move(raw));
}

Result<void> Walker::walk(int dirFd, const QByteArray &relDir, int depth)
{
    // Read the whole directory first: the .gitignore in it must be known before any entry
    // is judged.
    DIR *dir = ::fdopendir(dirFd);
    if (!dir) {
        const int error = errno;
        ::close(dirFd);
        return makeError(ErrorCode::IoError,
                         QStringLiteral("Cannot read directory '%1': %2").arg(absolute(relDir), errnoText(error)));
    }
    std::vector<Child> children;
    bool hasGitignore = false;
    errno = 0;
    while (struct dirent *de = ::readdir(dir)) {
        const char *n = de->d_name;
        if (n[0] == '.' && (n[1] == 0 || (n[1] == '.' && n[2] == 0)))
            continue;
        if (std::strcmp(n, ".git") == 0)
            continue;
        if (depth == 0 && std::strcmp(n, ".build-service") == 0)
            continue;
        if (std::strcmp(n, ".gitignore") == 0)
            hasGitignore = true;
        children.push_back(Child{QByteArray(n), de->d_type});
        errno = 0;
    }
    if (errno != 0) {
        const int error = errno;
        ::closedir(dir);
        return makeError(ErrorCode::IoError,
                         QStringLiteral("Cannot read directory '%1': %2").arg(absolute(relDir), errnoText(error)));
    }
    const int fd = ::dirfd(dir);

    bool pushedRules = false;
    if (hasGitignore) {
        bool present = false;
        const QByteArray ignorePath = relDir.isEmpty() ? QByteArray(".gitignore") : relDir + "/.gitignore";
        Result<QByteArray> content = readIgnoreFile(fd, ".gitignore", absolute(ignorePath), &present);
        if (!content) {
            ::closedir(dir);
            return content.error();
        }
        if (present) {
            rules.addDirectoryPatterns(relDir, content.value());
            pushedRules = true;
        }
    }

    const QByteArray prefix = relDir.isEmpty() ? QByteArray() : relDir + '/';
    Result<void> result;
    for (const Child &child : children) {
        const QByteArray path = prefix + child.name;
        struct stat st;
        unsigned char type = child.type;
        bool haveStat = false;
        if (type == DT_UNKNOWN) {
            if (::fstatat(fd, child.name.constData(), &st, AT_SYMLINK_NOFOLLOW) != 0)
                continue; // vanished
            haveStat = true;
            type = S_ISDIR(st.st_mode) ? DT_DIR : S_ISREG(st.st_mode) ? DT_REG : S_ISLNK(st.st_mode) ? DT_LNK : DT_UNKNOWN;
        }
        const bool isDir = type == DT_DIR;
        if (rules.match(path, isDir) == IgnoreRules::Verdict::Ignored)
            continue;
        if (hasControlCharacter(child.name)) {
            skip(path, QStringLiteral("name contains control characters"));
            continue;
        }
        if (!isValidUtf8(child.name)) {
            skip(path, QStringLiteral("name is not valid UTF-8"));
            continue;
        }

        if (isDir) {
            const int subFd = ::openat(fd, child.name.constData(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
            if (subFd < 0) {
                const int error = errno;
                if (error == ENOENT || error == ENOTDIR || error == ELOOP)
                    continue; // replaced or removed while scanning
                result = makeError(ErrorCode::IoError,
                                   QStringLiteral("Cannot read directory '%1': %2").arg(absolute(path), errnoText(error)));
                break;
            }
            result = walk(subFd, path, depth + 1);
            if (!result)
                break;
            continue;
        }

        if (!haveStat && ::fstatat(fd, child.name.constData(), &st, AT_SYMLINK_NOFOLLOW) != 0)
            continue; // vanished
        if (S_ISREG(st.st_mode)) {
            RawEntry raw;
            raw.path = path;
            raw.entry.type = ManifestEntry::Type::File;
            raw.entry.mode = quint32(st.st_mode & 07777);
            raw.entry.size = st.st_size;
            raw.entry.mtimeNs = toNs(st.st_mtim);
            raw.entry.ctimeNs = toNs(st.st_ctim);
            raw.entry.inode = st.st_ino;
            entries.push_back(std::move(raw));
        } else if (S_ISLNK(st.st_mode)) {
            addSymlink(fd, child.name, path, st, depth);
        } else if (S_ISDIR(st.st_mode)) {
            // d_type said otherwise; the entry changed while scanning: judge it again as a directory.
            if (rules.match(path, true) == IgnoreRules::Verdict::Ignored)
                continue;
            const int subFd = ::openat(fd, child.name.constData(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
            if (subFd < 0)
                continue;
            result = walk(subFd, path, depth + 1);
            if (!result)
                break;
        } else {
            const char *what = S_ISSOCK(st.st_mode) ? "socket"
                : S_ISFIFO(st.st_mode)              ? "fifo"
                : S_ISBLK(st.st_mode)               ? "block device"
                : S_ISCHR(st.st_mode)               ? "character device"
                                                    : "unknown file type";
            skip(path, QStringLiteral("not a regular file, directory or symlink (%1)").arg(QLatin1String(what)));
        }
    }

    if (pushedRules)
        rules.removeDirectoryPatterns(relDir);
    ::closedir(dir);
    return result;
}

} // namespace

Result<ScanResult> TreeScanner::scan(const QString &root, const Options &options)
{
    const QString absoluteRoot = QDir::cleanPath(QFileInfo(root).absoluteFilePath());
    const QByteArray encodedRoot = QFile::encodeName(absoluteRoot);
    const int rootFd = ::open(encodedRoot.constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (rootFd < 0) {
        return makeError(ErrorCode::IoError,
                         QStringLiteral("Cannot open directory '%1': %2").arg(absoluteRoot, errnoText(errno)));
    }

    QStringList rootForms{absoluteRoot};
    const QString canonical = QFileInfo(absoluteRoot).canonicalFilePath();
    if (!canonical.isEmpty() && canonical != absoluteRoot)
        rootForms.append(canonical);

    Walker walker(absoluteRoot, rootForms);
    if (!options.extraExcludes.isEmpty())
        walker.rules.addRootPatterns(options.extraExcludes);

    struct stat st;
    if (::fstatat(rootFd, ".git", &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISDIR(st.st_mode)) {
        bool present = false;
        Result<QByteArray> exclude = readIgnoreFile(rootFd, ".git/info/exclude",
                                                    absoluteRoot + QLatin1String("/.git/info/exclude"), &present);
        if (!exclude) {
            ::close(rootFd);
            return exclude.error();
        }
        if (present)
            walker.rules.addRootPatterns(exclude.value());
    }

    // walk() takes ownership of the descriptor.
    Result<void> walked = walker.walk(rootFd, QByteArray(), 0);
    if (!walked)
        return walked.error();

    std::sort(walker.entries.begin(), walker.entries.end(),
              [](const RawEntry &a, const RawEntry &b) { return a.path < b.path; });

    ScanResult result;
    result.entries.reserve(int(walker.entries.size()));
    for (RawEntry &raw : walker.entries) {
        raw.entry.path = QString::fromUtf8(raw.path);
        result.entries.append(std::move(raw.entry));
    }
    result.skipped = std::move(walker.skipped);
    result.skipped.sort();
    qCDebug(lcPackaging, "scanned %s: %d entries, %d skipped", qPrintable(absoluteRoot), int(result.entries.size()),
            int(result.skipped.size()));
    return result;
}

} // namespace BuildService
