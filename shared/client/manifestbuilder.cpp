// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: LGPL-2.1-only OR LGPL-3.0-only

// ManifestBuilder: stat-based reuse of content hashes, XXH3 for the rest.
#include "manifestbuilder.h"

#include <QCoreApplication>
#include <QFile>

#include <xxhash.h>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace BuildService {

namespace {
Result<quint64> hashFile(const QByteArray &path, qint64 expectedSize)
{
    const int fd = ::open(path.constData(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0)
        return makeError(ErrorCode::IoError, QCoreApplication::translate("ManifestBuilder", "cannot read %1: %2")
                                                 .arg(QFile::decodeName(path), QString::fromLocal8Bit(std::strerror(errno))));
    XXH3_state_t *state = XXH3_createState();
    XXH3_64bits_reset(state);
    static thread_local QByteArray buffer(256 * 1024, Qt::Uninitialized);
    qint64 total = 0;
    for (;;) {
        const ssize_t n = ::read(fd, buffer.data(), size_t(buffer.size()));
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            const QString reason = QString::fromLocal8Bit(std::strerror(errno));
            ::close(fd);
            XXH3_freeState(state);
            return makeError(ErrorCode::IoError, QCoreApplication::translate("ManifestBuilder", "cannot read %1: %2")
                                                     .arg(QFile::decodeName(path), reason));
        }
        if (n == 0)
            break;
        XXH3_64bits_update(state, buffer.constData(), size_t(n));
        total += n;
    }
    ::close(fd);
    const quint64 hash = XXH3_64bits_digest(state);
    XXH3_freeState(state);
    if (total != expectedSize)
        return makeError(ErrorCode::IoError, QCoreApplication::translate("ManifestBuilder", "%1 changed while it was read")
                                                 .arg(QFile::decodeName(path)));
    return hash;
}
} // namespace

Result<Manifest> ManifestBuilder::build(const QString &root, const QList<ScannedEntry> &entries, const Manifest &cache,
                                        Stats *stats, const std::atomic_bool *cancel)
{
    Stats local;
    Stats &s = stats ? *stats : local;
    const QByteArray rootBytes = QFile::encodeName(root) + '/';
    Manifest manifest;
    for (const ScannedEntry &scanned : entries) {
        if (cancel && cancel->load())
            return makeError(ErrorCode::Cancelled, QCoreApplication::translate("ManifestBuilder", "cancelled"));
        ManifestEntry e;
        e.path = scanned.path;
        e.type = scanned.type;
        e.size = scanned.type == ManifestEntry::Type::Symlink ? 0 : scanned.size;
        // What the server will store (it normalises modes), so that digests agree.
        e.mode = ManifestEntry::checkoutMode(scanned.type, scanned.mode);
        e.linkTarget = scanned.linkTarget;
        e.mtimeNs = scanned.mtimeNs;
        e.ctimeNs = scanned.ctimeNs;
        e.inode = scanned.inode;
        if (e.type == ManifestEntry::Type::Symlink) {
            const QByteArray target = e.linkTarget.toUtf8();
            e.hash = XXH3_64bits(target.constData(), size_t(target.size()));
        } else {
            const ManifestEntry *cached = cache.find(e.path);
            if (cached && cached->type == e.type && cached->size == e.size && cached->mode == e.mode && cached->mtimeNs == e.mtimeNs
                && cached->ctimeNs == e.ctimeNs && cached->inode == e.inode && e.mtimeNs != 0) {
                e.hash = cached->hash;
                ++s.reusedHashes;
            } else {
                const Result<quint64> hash = hashFile(rootBytes + e.path.toUtf8(), e.size);
                if (!hash)
                    return hash.error();
                e.hash = hash.value();
                ++s.hashedFiles;
                s.hashedBytes += e.size;
            }
        }
        manifest.insert(e);
    }
    return manifest;
}

} // namespace BuildService
