// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: LGPL-2.1-only OR LGPL-3.0-only

// ArtifactUnpacker: raw-name validation, symlink-safe destination checks, atomic file writes.
#include "artifacts/artifactunpacker.h"

#include "artifacts/zipcentraldirectory.h"

#include <KZip>
#include <KArchiveDirectory>
#include <KArchiveFile>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QLoggingCategory>
#include <QSet>

#include <cerrno>
#include <cstring>
#include <memory>
#include <vector>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace BuildService {

namespace {

Q_LOGGING_CATEGORY(lcUnpack, "buildservice.artifacts", QtInfoMsg)

constexpr qint64 CopyChunk = 64 * 1024;

QString errnoText(int error)
{
    return QString::fromLocal8Bit(strerror(error));
}

/** @p name quoted, with control characters shown as \xNN so messages stay on one line. */
QString display(const QString &name)
{
    QString out = QStringLiteral("'");
    for (const QChar c : name) {
        if (c.unicode() < 0x20 || c.unicode() == 0x7f)
            out += QStringLiteral("\\x") + QString::number(c.unicode(), 16).rightJustified(2, QLatin1Char('0')).toUpper();
        else
            out += c;
    }
    return out + QLatin1Char('\'');
}

Error rejected(const QString &name, const QString &reason)
{
    return makeError(ErrorCode::ArchiveRejected, QStringLiteral("archive entry %1 %2").arg(display(name), reason));
}

Error throughSymlink(const QString &path)
{
    return makeError(ErrorCode::ArchiveRejected, QStringLiteral("refusing to write through symlink %1").arg(path));
}

/** Why @p raw is not an acceptable entry name, or empty. Sets @p name to the decoded name. */
QString nameProblem(const QByteArray &raw, QString *name)
{
    *name = QString::fromUtf8(raw);
    if (name->toUtf8() != raw)
        return QStringLiteral("is not valid UTF-8");
    if (name->isEmpty())
        return QStringLiteral("has an empty name");
    for (const QChar c : qAsConst(*name)) {
        if (c.unicode() < 0x20 || c.unicode() == 0x7f)
            return QStringLiteral("contains a control character");
        if (c == QLatin1Char('\\'))
            return QStringLiteral("contains a backslash");
    }
    if (name->startsWith(QLatin1Char('/')))
        return QStringLiteral("is an absolute path");
    QString body = *name;
    if (body.endsWith(QLatin1Char('/')))
        body.chop(1);
    const QStringList parts = body.split(QLatin1Char('/'));
    if (parts.contains(QStringLiteral("..")))
        return QStringLiteral("leaves the destination (..)");
    for (const QString &part : parts) {
        if (part.isEmpty() || part == QLatin1String("."))
            return QStringLiteral("has an empty or '.' path component");
    }
    return QString();
}

struct Planned {
    QString name;
    QStringList parts;
    quint32 crc = 0;
    quint64 size = 0;
    const KArchiveFile *file = nullptr;
};

int countFiles(const KArchiveDirectory *dir)
{
    int n = 0;
    for (const QString &name : dir->entries()) {
        const KArchiveEntry *e = dir->entry(name);
        if (e->isDirectory())
            n += countFiles(static_cast<const KArchiveDirectory *>(e));
        else
            ++n;
    }
    return n;
}

enum class PathKind { Missing, Directory, Symlink, Other };

PathKind kindOf(const QString &path)
{
    struct stat st;
    if (::lstat(QFile::encodeName(path).constData(), &st) != 0)
        return PathKind::Missing;
    if (S_ISLNK(st.st_mode))
        return PathKind::Symlink;
    return S_ISDIR(st.st_mode) ? PathKind::Directory : PathKind::Other;
}

/** Checks the existing part of @p plan's path below @p root; nothing is created. */
Result<void> checkDestination(const QString &root, const Planned &plan, QSet<QString> &checkedDirs)
{
    QString path = root;
    for (int i = 0; i + 1 < plan.parts.size(); ++i) {
        path += QLatin1Char('/') + plan.parts.at(i);
        if (checkedDirs.contains(path))
            continue;
        switch (kindOf(path)) {
        case PathKind::Missing:
            return {}; // nothing below exists either
        case PathKind::Symlink:
            return throughSymlink(path);
        case PathKind::Other:
            return makeError(ErrorCode::IoError, QStringLiteral("cannot create directory %1: a file is in the way").arg(path));
        case PathKind::Directory:
            checkedDirs.insert(path);
            break;
        }
    }
    path += QLatin1Char('/') + plan.parts.last();
    switch (kindOf(path)) {
    case PathKind::Symlink:
        return throughSymlink(path);
    case PathKind::Directory:
        return makeError(ErrorCode::IoError, QStringLiteral("cannot overwrite directory %1 with a file").arg(path));
    default:
        return {};
    }
}

Error writeFailed(const QString &path, int error)
{
    if (error == ENOSPC || error == EDQUOT)
        return makeError(ErrorCode::DiskFull, QStringLiteral("no space left on device while writing %1").arg(path));
    return makeError(ErrorCode::IoError, QStringLiteral("cannot write %1: %2").arg(path, errnoText(error)));
}

/** Writes one entry to a temporary file next to its target and renames it into place. */
Result<void> writeEntry(const QString &root, const Planned &plan)
{
    QString dir = root;
    for (int i = 0; i + 1 < plan.parts.size(); ++i) {
        dir += QLatin1Char('/') + plan.parts.at(i);
        if (::mkdir(QFile::encodeName(dir).constData(), 0755) != 0 && errno != EEXIST)
            return makeError(ErrorCode::IoError, QStringLiteral("cannot create directory %1: %2").arg(dir, errnoText(errno)));
        // Checked again: something may have appeared since the first pass.
        const PathKind kind = kindOf(dir);
        if (kind == PathKind::Symlink)
            return throughSymlink(dir);
        if (kind != PathKind::Directory)
            return makeError(ErrorCode::IoError, QStringLiteral("cannot create directory %1: a file is in the way").arg(dir));
    }
    const QString target = dir + QLatin1Char('/') + plan.parts.last();
    const PathKind targetKind = kindOf(target);
    if (targetKind == PathKind::Symlink)
        return throughSymlink(target);
    if (targetKind == PathKind::Directory)
        return makeError(ErrorCode::IoError, QStringLiteral("cannot overwrite directory %1 with a file").arg(target));

    std::unique_ptr<QIODevice> device(plan.file->createDevice());
    if (!device || !device->isOpen())
        return rejected(plan.name, QStringLiteral("cannot be decompressed"));

    QByteArray tmpName = QFile::encodeName(dir + QStringLiteral("/.bs-unpack-XXXXXX"));
    const int fd = ::mkostemp(tmpName.data(), O_CLOEXEC);
    if (fd < 0)
        return writeFailed(target, errno);
    auto fail = [&](const Error &error) -> Result<void> {
        ::close(fd);
        ::unlink(tmpName.constData());
        return error;
    };

    std::vector<char> buffer(CopyChunk);
    quint64 size = 0;
    quint32 crc = 0;
    for (;;) {
        const qint64 n = device->read(buffer.data(), CopyChunk);
        if (n < 0)
            return fail(rejected(plan.name, QStringLiteral("cannot be decompressed")));
        if (n == 0)
            break;
        size += quint64(n);
        if (size > plan.size)
            return fail(rejected(plan.name, QStringLiteral("is corrupt (size mismatch)")));
        crc = Internal::ZipCentralDirectory::crc32(crc, buffer.data(), n);
        for (qint64 off = 0; off < n;) {
            const ssize_t w = ::write(fd, buffer.data() + off, size_t(n - off));
            if (w < 0 && errno == EINTR)
                continue;
            if (w < 0)
                return fail(writeFailed(target, errno));
            off += w;
        }
    }
    if (size != plan.size)
        return fail(rejected(plan.name, QStringLiteral("is corrupt (size mismatch)")));
    if (crc != plan.crc)
        return fail(rejected(plan.name, QStringLiteral("is corrupt (CRC mismatch)")));

    mode_t mode = plan.file->permissions() & 0777;
    if (mode == 0)
        mode = 0644;
    mode |= S_IRUSR | S_IWUSR;
    if (::fchmod(fd, mode) != 0)
        return fail(writeFailed(target, errno));
    if (::close(fd) != 0) {
        const int error = errno;
        ::unlink(tmpName.constData());
        return writeFailed(target, error);
    }
    // rename() replaces the directory entry itself: even a symlink raced in is not followed.
    if (::rename(tmpName.constData(), QFile::encodeName(target).constData()) != 0) {
        const int error = errno;
        ::unlink(tmpName.constData());
        return makeError(ErrorCode::IoError, QStringLiteral("cannot rename into %1: %2").arg(target, errnoText(error)));
    }
    return {};
}

} // namespace

Result<QStringList> ArtifactUnpacker::unpack(const QString &zipPath, const QString &destRoot)
{
    QFile zipFile(zipPath);
    if (!zipFile.open(QIODevice::ReadOnly))
        return makeError(ErrorCode::IoError, QStringLiteral("cannot open %1: %2").arg(zipPath, zipFile.errorString()));
    auto central = Internal::ZipCentralDirectory::read(zipFile);
    if (!central)
        return central.error();

    // Pass 1: every name as stored, before KZip cleans anything and before anything is written.
    std::vector<Planned> plans;
    QSet<QString> files;
    QSet<QString> directories;
    for (const Internal::ZipCentralEntry &entry : central.value()) {
        QString name;
        const QString problem = nameProblem(entry.rawName, &name);
        if (!problem.isEmpty())
            return rejected(name, problem);
        if ((entry.unixMode() & S_IFMT) == S_IFLNK)
            return rejected(name, QStringLiteral("is a symbolic link"));
        QString body = name;
        const bool isDirectory = body.endsWith(QLatin1Char('/'));
        if (isDirectory)
            body.chop(1);
        const QStringList parts = body.split(QLatin1Char('/'));
        for (int i = 1; i < parts.size(); ++i)
            directories.insert(parts.mid(0, i).join(QLatin1Char('/')));
        if (isDirectory) {
            directories.insert(body);
            continue;
        }
        if (files.contains(body))
            return rejected(name, QStringLiteral("appears twice"));
        files.insert(body);
        plans.push_back({body, parts, entry.crc32, entry.uncompressedSize, nullptr});
    }
    for (const Planned &plan : plans) {
        if (directories.contains(plan.name))
            return rejected(plan.name, QStringLiteral("is both a file and a directory"));
    }
    zipFile.close();

    KZip zip(zipPath);
    if (!zip.open(QIODevice::ReadOnly))
        return makeError(ErrorCode::ArchiveRejected, QStringLiteral("cannot read zip archive %1: %2").arg(zipPath, zip.errorString()));
    // The names are clean, so KZip's tree must hold exactly them; anything else means the local
    // headers and the central directory disagree.
    for (Planned &plan : plans) {
        const KArchiveEntry *e = zip.directory()->entry(plan.name);
        if (!e || !e->isFile())
            return makeError(ErrorCode::ArchiveRejected, QStringLiteral("zip archive %1 has inconsistent entries").arg(zipPath));
        if (!e->symLinkTarget().isEmpty() || (e->permissions() & S_IFMT) == S_IFLNK)
            return rejected(plan.name, QStringLiteral("is a symbolic link"));
        plan.file = static_cast<const KArchiveFile *>(e);
    }
    if (countFiles(zip.directory()) != int(plans.size()))
        return makeError(ErrorCode::ArchiveRejected, QStringLiteral("zip archive %1 has inconsistent entries").arg(zipPath));

    // Pass 2: the destination, still without writing.
    const QString root = QDir::cleanPath(QFileInfo(destRoot).absoluteFilePath());
    QSet<QString> checkedDirs;
    for (const Planned &plan : plans) {
        auto ok = checkDestination(root, plan, checkedDirs);
        if (!ok)
            return ok.error();
    }

    // Pass 3: write.
    if (!QDir().mkpath(root))
        return makeError(ErrorCode::IoError, QStringLiteral("cannot create directory %1").arg(root));
    QStringList written;
    for (const Planned &plan : plans) {
        auto ok = writeEntry(root, plan);
        if (!ok)
            return ok.error();
        written.append(plan.name);
    }
    qCDebug(lcUnpack) << "unpacked" << written.size() << "files into" << root;
    return written;
}

} // namespace BuildService
