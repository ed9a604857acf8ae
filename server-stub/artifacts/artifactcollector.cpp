// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: GPL-2.0-or-later

// ArtifactCollector: symlink-free directory walk (openat + O_NOFOLLOW) and streamed KZip writing.
#include "artifacts/artifactcollector.h"

#include "artifacts/artifactglob.h"

#include <KZip>

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QTemporaryFile>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <utility>
#include <vector>

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace BuildService {

namespace {

Q_LOGGING_CATEGORY(lcArtifacts, "buildservice.server.artifacts", QtInfoMsg)

constexpr int MaxDepth = 256;
constexpr qint64 ReadChunk = 256 * 1024;

QString errnoText(int error)
{
    return QString::fromLocal8Bit(strerror(error));
}

/** Closes a descriptor when it goes out of scope. */
class Fd
{
public:
    explicit Fd(int fd = -1) : m_fd(fd) {}
    ~Fd() { reset(); }
    Fd(const Fd &) = delete;
    Fd &operator=(const Fd &) = delete;
    Fd(Fd &&other) noexcept : m_fd(std::exchange(other.m_fd, -1)) {}
    int get() const { return m_fd; }
    void reset(int fd = -1)
    {
        if (m_fd >= 0)
            ::close(m_fd);
        m_fd = fd;
    }

private:
    int m_fd;
};

/** Why @p name (one component, raw bytes) cannot be an artifact name, or empty if it can. */
QString nameProblem(const QByteArray &raw, QString *decoded)
{
    *decoded = QString::fromUtf8(raw);
    if (decoded->toUtf8() != raw)
        return QStringLiteral("not valid UTF-8");
    for (const QChar c : qAsConst(*decoded)) {
        if (c == QLatin1Char('\\'))
            return QStringLiteral("contains a backslash");
        if (c.unicode() < 0x20 || c.unicode() == 0x7f)
            return QStringLiteral("contains a control character");
    }
    return QString();
}

/** A position in one glob: which pattern and how many of its components are consumed. */
struct State {
    int glob;
    int pos;
    bool operator==(const State &o) const { return glob == o.glob && pos == o.pos; }
};

struct Found {
    QString path;
    qint64 size;
};

class Walker
{
public:
    Walker(const std::vector<ArtifactGlob> &globs, qint64 maxBytes) : m_globs(globs), m_maxBytes(maxBytes) {}

    Result<void> walk(int dirFd, const QString &relDir, const std::vector<State> &states, bool takeAll, int depth);

    std::vector<Found> found;
    qint64 total = 0;

private:
    void addClosure(std::vector<State> &states) const;
    bool complete(const std::vector<State> &states, bool isDir) const;

    const std::vector<ArtifactGlob> &m_globs;
    const qint64 m_maxBytes;
};

void Walker::addClosure(std::vector<State> &states) const
{
    // "**" may match zero components: being before it also means being after it.
    for (size_t i = 0; i < states.size(); ++i) {
        const State s = states[i];
        const ArtifactGlob &g = m_globs[size_t(s.glob)];
        if (s.pos < g.componentCount() && g.isRecursive(s.pos)) {
            const State next{s.glob, s.pos + 1};
            if (std::find(states.begin(), states.end(), next) == states.end())
                states.push_back(next);
        }
    }
}

bool Walker::complete(const std::vector<State> &states, bool isDir) const
{
    for (const State &s : states) {
        const ArtifactGlob &g = m_globs[size_t(s.glob)];
        if (s.pos == g.componentCount() && (isDir || !g.directoryOnly()))
            return true;
    }
    return false;
}

Result<void> Walker::walk(int dirFd, const QString &relDir, const std::vector<State> &states, bool takeAll, int depth)
{
    if (depth > MaxDepth)
        return makeError(ErrorCode::ArtifactsFailed, QStringLiteral("directory nesting deeper than %1 levels at %2").arg(MaxDepth).arg(relDir));

    // Read the names first so the DIR stream is not held across the recursion.
    std::vector<QByteArray> names;
    {
        const int dupFd = fcntl(dirFd, F_DUPFD_CLOEXEC, 0);
        DIR *dir = dupFd >= 0 ? ::fdopendir(dupFd) : nullptr;
        if (!dir) {
            const int error = errno;
            if (dupFd >= 0)
                ::close(dupFd);
            return makeError(ErrorCode::IoError, QStringLiteral("cannot read directory %1: %2").arg(relDir, errnoText(error)));
        }
        while (dirent *e = ::readdir(dir)) {
            if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
                names.emplace_back(e->d_name);
        }
        ::closedir(dir);
    }
    std::sort(names.begin(), names.end());

    for (const QByteArray &raw : names) {
        struct stat st;
        if (::fstatat(dirFd, raw.constData(), &st, AT_SYMLINK_NOFOLLOW) != 0)
            continue; // vanished meanwhile
        const bool isDir = S_ISDIR(st.st_mode);
        if (!isDir && !S_ISREG(st.st_mode)) {
            if (S_ISLNK(st.st_mode))
                qCDebug(lcArtifacts) << "not following symlink" << relDir << raw;
            continue;
        }

        bool take = takeAll;
        std::vector<State> next;
        if (!take) {
            std::vector<State> current = states;
            addClosure(current);
            for (const State &s : current) {
                const ArtifactGlob &g = m_globs[size_t(s.glob)];
                if (s.pos >= g.componentCount())
                    continue;
                if (g.isRecursive(s.pos)) {
                    if (std::find(next.begin(), next.end(), s) == next.end())
                        next.push_back(s);
                } else if (g.matchComponent(s.pos, QString::fromUtf8(raw))) {
                    const State advanced{s.glob, s.pos + 1};
                    if (std::find(next.begin(), next.end(), advanced) == next.end())
                        next.push_back(advanced);
                }
            }
            if (next.empty())
                continue;
            addClosure(next);
            take = complete(next, isDir);
        }

        QString name;
        const QString problem = nameProblem(raw, &name);
        const QString rel = relDir.isEmpty() ? name : relDir + QLatin1Char('/') + name;
        if (!problem.isEmpty() && (take || isDir)) {
            if (!take)
                continue; // a badly named directory only matters if something below is taken
            return makeError(ErrorCode::ArtifactsFailed, QStringLiteral("artifact name not allowed: %1 (%2)").arg(rel, problem));
        }

        if (isDir) {
            Fd sub(::openat(dirFd, raw.constData(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
            if (sub.get() < 0)
                continue; // replaced by a symlink or removed since fstatat
            auto r = walk(sub.get(), rel, next, take, depth + 1);
            if (!r)
                return r;
        } else if (take) {
            total += st.st_size;
            if (m_maxBytes > 0 && total > m_maxBytes)
                return makeError(ErrorCode::LimitExceeded, QStringLiteral("artifacts exceed the limit of %1 bytes").arg(m_maxBytes));
            found.push_back({rel, qint64(st.st_size)});
        }
    }
    return {};
}

/** Opens @p rel below @p rootFd without following a symlink at any level. */
int openNoFollow(int rootFd, const QString &rel)
{
    const QList<QByteArray> parts = rel.toUtf8().split('/');
    Fd dir(fcntl(rootFd, F_DUPFD_CLOEXEC, 0));
    for (int i = 0; i + 1 < parts.size(); ++i) {
        const int next = ::openat(dir.get(), parts.at(i).constData(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        if (next < 0)
            return -1;
        dir.reset(next);
    }
    // O_NONBLOCK: a FIFO swapped in meanwhile must not hang us; fstat rejects it below.
    return ::openat(dir.get(), parts.last().constData(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
}

Error writeError(const QString &path, const QString &detail)
{
    const bool full = detail == errnoText(ENOSPC);
    return makeError(full ? ErrorCode::DiskFull : ErrorCode::IoError, QStringLiteral("cannot write %1: %2").arg(path, detail));
}

} // namespace

Result<ArtifactResult> ArtifactCollector::collect(const QString &workspaceDir, const QStringList &globs, const QString &zipPath, qint64 maxBytes)
{
    std::vector<ArtifactGlob> parsed;
    for (const QString &pattern : globs) {
        auto glob = ArtifactGlob::parse(pattern);
        if (!glob)
            return glob.error();
        parsed.push_back(glob.value());
    }
    ArtifactResult result;
    if (parsed.empty())
        return result;

    Fd root(::open(QFile::encodeName(workspaceDir).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (root.get() < 0)
        return makeError(ErrorCode::IoError, QStringLiteral("cannot open workspace %1: %2").arg(workspaceDir, errnoText(errno)));

    Walker walker(parsed, maxBytes);
    std::vector<State> start;
    for (int i = 0; i < int(parsed.size()); ++i)
        start.push_back({i, 0});
    auto walked = walker.walk(root.get(), QString(), start, false, 0);
    if (!walked)
        return walked.error();
    if (walker.found.empty())
        return result;
    std::sort(walker.found.begin(), walker.found.end(), [](const Found &a, const Found &b) { return a.path < b.path; });

    const QString parent = QFileInfo(zipPath).absolutePath();
    if (!QDir().mkpath(parent))
        return makeError(ErrorCode::IoError, QStringLiteral("cannot create directory %1").arg(parent));
    QTemporaryFile tmp(parent + QStringLiteral("/.artifacts-XXXXXX.zip.tmp"));
    if (!tmp.open())
        return writeError(tmp.fileTemplate(), tmp.errorString());

    KZip zip(&tmp);
    if (!zip.open(QIODevice::WriteOnly))
        return writeError(tmp.fileName(), zip.errorString());
    zip.setCompression(KZip::DeflateCompression);

    std::vector<char> buffer(ReadChunk);
    qint64 total = 0;
    for (const Found &file : walker.found) {
        Fd fd(openNoFollow(root.get(), file.path));
        struct stat st;
        if (fd.get() < 0 || ::fstat(fd.get(), &st) != 0 || !S_ISREG(st.st_mode))
            return makeError(ErrorCode::ArtifactsFailed, QStringLiteral("artifact vanished or changed type while collecting: %1").arg(file.path));
        const QDateTime mtime = QDateTime::fromSecsSinceEpoch(st.st_mtim.tv_sec);
        const QDateTime atime = QDateTime::fromSecsSinceEpoch(st.st_atim.tv_sec);
        if (!zip.prepareWriting(file.path, QString(), QString(), st.st_size, S_IFREG | (st.st_mode & 0777), atime, mtime, mtime))
            return writeError(tmp.fileName(), zip.errorString());
        qint64 written = 0;
        for (;;) {
            const ssize_t n = ::read(fd.get(), buffer.data(), buffer.size());
            if (n < 0 && errno == EINTR)
                continue;
            if (n < 0)
                return makeError(ErrorCode::IoError, QStringLiteral("cannot read %1: %2").arg(file.path, errnoText(errno)));
            if (n == 0)
                break;
            written += n;
            total += n;
            // Files may grow after the walk: the limit holds for what is actually zipped.
            if (maxBytes > 0 && total > maxBytes)
                return makeError(ErrorCode::LimitExceeded, QStringLiteral("artifacts exceed the limit of %1 bytes").arg(maxBytes));
            if (!zip.writeData(buffer.data(), n))
                return writeError(tmp.fileName(), tmp.errorString());
        }
        if (!zip.finishWriting(written))
            return writeError(tmp.fileName(), tmp.errorString());
        result.files.append(ArtifactFile{file.path, written});
    }
    if (!zip.close())
        return writeError(tmp.fileName(), zip.errorString());
    // KArchive does not report failed buffered writes: ask the file itself.
    if (tmp.isOpen() && !tmp.flush())
        return writeError(tmp.fileName(), tmp.errorString());
    if (tmp.error() != QFileDevice::NoError)
        return writeError(tmp.fileName(), tmp.errorString());
    tmp.close();
    if (tmp.error() != QFileDevice::NoError)
        return writeError(tmp.fileName(), tmp.errorString());
    result.zipBytes = QFileInfo(tmp.fileName()).size();
    if (::rename(QFile::encodeName(tmp.fileName()).constData(), QFile::encodeName(zipPath).constData()) != 0)
        return makeError(ErrorCode::IoError, QStringLiteral("cannot rename %1 to %2: %3").arg(tmp.fileName(), zipPath, errnoText(errno)));
    tmp.setAutoRemove(false);
    qCDebug(lcArtifacts) << "collected" << result.files.size() << "artifacts," << result.zipBytes << "bytes zipped";
    return result;
}

} // namespace BuildService
