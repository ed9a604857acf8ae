// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: GPL-2.0-or-later

// ChangeApplier: removal, directory, file and symlink steps of a restore.
#include "changeapplier.h"

#include "archive/safetreewriter.h"
#include "cache/blobstore.h"
#include "cache/ninjalogs.h"
#include "cache/sha256.h"
#include "sync/manifest.h"

#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QSet>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace BuildService {

namespace {

void eraseTree(WorkspaceState &state, const QString &path)
{
    const QString prefix = path + QLatin1Char('/');
    QStringList doomed;
    for (const StateEntry &e : state.entries()) {
        if (e.path == path || e.path.startsWith(prefix))
            doomed.append(e.path);
    }
    for (const QString &p : qAsConst(doomed))
        state.remove(p);
}

/** Replaces one path by another of the same length in a stream of chunks (a match may span two). */
class PathRelocator
{
public:
    PathRelocator(const QByteArray &from, const QByteArray &to)
        : m_from(from)
        , m_to(to)
    {
    }
    bool active() const { return !m_from.isEmpty() && m_from != m_to; }
    /** Returns the bytes that are final; keeps the last from-length - 1 bytes back. */
    QByteArray feed(const char *data, qint64 size)
    {
        m_pending.append(data, int(size));
        replaceAll();
        const int keep = std::min<int>(m_pending.size(), m_from.size() - 1);
        const QByteArray ready = m_pending.left(m_pending.size() - keep);
        m_pending.remove(0, ready.size());
        return ready;
    }
    QByteArray finish() { return std::exchange(m_pending, QByteArray()); }

private:
    void replaceAll()
    {
        for (int at = m_pending.indexOf(m_from); at >= 0; at = m_pending.indexOf(m_from, at + m_to.size()))
            m_pending.replace(at, m_to.size(), m_to);
    }
    QByteArray m_from;
    QByteArray m_to;
    QByteArray m_pending;
};

/** Copies the blob of @p change into the workspace; returns the SHA-256 of what was written. */
Result<QByteArray> copyBlob(SafeTreeWriter &writer, const BlobStore &blobs, const WorkspaceChange &change,
                            const QByteArray &fromPath, const QByteArray &toPath)
{
    PathRelocator relocator(change.relocate ? fromPath : QByteArray(), toPath);
    if (relocator.active() && fromPath.size() != toPath.size())
        return makeError(ErrorCode::IoError, QStringLiteral("%1 names the recording workspace %2, which cannot be relocated to %3 (the paths differ in length)")
                                                 .arg(change.path, QString::fromUtf8(fromPath), QString::fromUtf8(toPath)));
    const QString source = blobs.path(change.sha256);
    const int fd = ::open(QFile::encodeName(source).constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return makeError(ErrorCode::IoError, QStringLiteral("cannot read the stored output %1: %2").arg(source, QString::fromLocal8Bit(std::strerror(errno))));
    const QByteArray path = change.path.toUtf8();
    Result<void> r = writer.beginFile(path, change.mode);
    Sha256 stored;
    Sha256 written;
    QByteArray buffer(1 << 20, Qt::Uninitialized);
    qint64 size = 0;
    auto put = [&](const QByteArray &bytes) {
        written.update(bytes.constData(), bytes.size());
        return writer.write(bytes.constData(), bytes.size());
    };
    while (r) {
        const ssize_t n = ::read(fd, buffer.data(), size_t(buffer.size()));
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            r = makeError(ErrorCode::IoError, QStringLiteral("cannot read the stored output %1: %2").arg(source, QString::fromLocal8Bit(std::strerror(errno))));
            break;
        }
        if (n == 0) {
            if (relocator.active())
                r = put(relocator.finish());
            break;
        }
        stored.update(buffer.constData(), n);
        size += n;
        if (relocator.active()) {
            r = put(relocator.feed(buffer.constData(), n));
        } else {
            written.update(buffer.constData(), n);
            r = writer.write(buffer.constData(), n);
        }
    }
    ::close(fd);
    if (r && (size != change.size || stored.hexDigest() != change.sha256))
        r = makeError(ErrorCode::IoError, QStringLiteral("the stored output %1 does not match its checksum").arg(source));
    if (!r) {
        writer.abortFile();
        return r.error();
    }
    const Result<void> ended = writer.endFile();
    if (!ended)
        return ended.error();
    return written.hexDigest();
}

Result<StateEntry> entryOnDisk(SafeTreeWriter &writer, const WorkspaceChange &change, StateEntry::Type type)
{
    const Result<SafeTreeWriter::EntryInfo> info = writer.entryInfo(change.path.toUtf8());
    if (!info)
        return info.error();
    StateEntry e;
    e.path = change.path;
    e.type = type;
    e.mode = type == StateEntry::Type::Symlink ? 0777 : info->mode;
    e.size = type == StateEntry::Type::File ? change.size : 0;
    e.sha256 = change.sha256;
    e.linkTarget = change.linkTarget;
    e.mtimeNs = info->mtimeNs;
    e.ctimeNs = info->ctimeNs;
    e.inode = info->inode;
    return e;
}

} // namespace

Result<void> ChangeApplier::checkBlobs(const QList<WorkspaceChange> &changes, const BlobStore &blobs)
{
    for (const WorkspaceChange &c : changes) {
        if (c.op != WorkspaceChange::Op::File)
            continue;
        const QFileInfo blob(blobs.path(c.sha256));
        if (!blob.isFile() || blob.size() != c.size)
            return makeError(ErrorCode::IoError, QStringLiteral("the stored output for %1 is missing or has the wrong size").arg(c.path));
    }
    return {};
}

Result<ChangeApplier::Applied> ChangeApplier::apply(const QString &root, const Manifest &sources, const WorkspaceState &before,
                                                    const QList<WorkspaceChange> &changes, const BlobStore &blobs, qint64 mtimeNs,
                                                    const QByteArray &fromPath, const QByteArray &toPath)
{
    SafeTreeWriter writer;
    Result<void> opened = writer.open(root);
    if (!opened)
        return opened.error();
    Applied applied;
    applied.state = before;
    QStringList written;
    QHash<QString, QByteArray> writtenDigests;
    for (const WorkspaceChange &c : changes) {
        const QByteArray path = c.path.toUtf8();
        switch (c.op) {
        case WorkspaceChange::Op::Remove: {
            const Result<bool> removed = writer.removePath(path);
            if (!removed)
                return removed.error();
            eraseTree(applied.state, c.path);
            if (sources.contains(c.path)) {
                StateEntry gone;
                gone.path = c.path;
                gone.type = StateEntry::Type::Gone;
                applied.state.insert(gone);
            }
            break;
        }
        case WorkspaceChange::Op::Directory: {
            Result<void> r = writer.createDirectory(path);
            if (r)
                r = writer.setMode(path, c.mode);
            if (!r)
                return r.error();
            const Result<StateEntry> e = entryOnDisk(writer, c, StateEntry::Type::Directory);
            if (!e)
                return e.error();
            applied.state.insert(e.value());
            break;
        }
        case WorkspaceChange::Op::File: {
            const Result<QByteArray> copied = copyBlob(writer, blobs, c, fromPath, toPath);
            if (!copied)
                return copied.error();
            writtenDigests.insert(c.path, copied.value());
            applied.bytesWritten += c.size;
            ++applied.files;
            written.append(c.path);
            break;
        }
        case WorkspaceChange::Op::Symlink: {
            const Result<void> linked = writer.createSymlink(path, c.linkTarget.toUtf8());
            if (!linked)
                return linked.error();
            ++applied.files;
            written.append(c.path);
            break;
        }
        }
    }
    const bool relocated = !fromPath.isEmpty() && fromPath != toPath;
    const Result<QStringList> retimed = NinjaLogs::retime(root, writer, written, mtimeNs, relocated);
    if (!retimed)
        return retimed.error();
    const QSet<QString> rewritten(retimed->cbegin(), retimed->cend());
    for (const WorkspaceChange &c : changes) {
        if (c.op != WorkspaceChange::Op::File && c.op != WorkspaceChange::Op::Symlink)
            continue;
        const Result<void> timed = writer.setModificationTime(c.path.toUtf8(), mtimeNs);
        if (!timed)
            return timed.error();
        WorkspaceChange actual = c;
        actual.sha256 = writtenDigests.value(c.path, c.sha256);
        if (rewritten.contains(c.path)) {
            // Its content now differs from the recording's: hash what is on disk.
            const Result<QByteArray> sha = NinjaLogs::hashFile(root, c.path, &actual.size);
            if (!sha)
                return sha.error();
            actual.sha256 = sha.value();
        }
        const Result<StateEntry> e = entryOnDisk(writer, actual, c.op == WorkspaceChange::Op::File ? StateEntry::Type::File
                                                                                                   : StateEntry::Type::Symlink);
        if (!e)
            return e.error();
        applied.state.insert(e.value());
    }
    return applied;
}

} // namespace BuildService
