// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: GPL-2.0-or-later

// BlobStore: hashing, storing and removing content-addressed blobs.
#include "blobstore.h"

#include "cache/sha256.h"

#include <QDir>
#include <QFile>
#include <QUuid>

#include <cerrno>
#include <functional>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace BuildService {

namespace {
constexpr qint64 s_chunk = 1 << 20;

Error errnoError(const QString &what, const QString &path, int err)
{
    return makeError(err == ENOSPC || err == EDQUOT ? ErrorCode::DiskFull : ErrorCode::IoError,
                     QStringLiteral("cannot %1 %2: %3").arg(what, path, QString::fromLocal8Bit(std::strerror(err))));
}

bool writeAll(int fd, const char *data, qint64 size)
{
    while (size > 0) {
        const ssize_t n = ::write(fd, data, size_t(size));
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return false;
        }
        data += n;
        size -= n;
    }
    return true;
}
} // namespace

BlobStore::BlobStore(const QString &dir)
    : m_dir(dir)
{
}

Result<void> BlobStore::open()
{
    const QString tmp = m_dir + QLatin1String("/tmp");
    if (!QDir().mkpath(tmp))
        return makeError(ErrorCode::IoError, QStringLiteral("cannot create the blob directory %1").arg(tmp));
    const QDir tmpDir(tmp);
    for (const QString &name : tmpDir.entryList(QDir::Files | QDir::Hidden))
        QFile::remove(tmpDir.filePath(name));
    return {};
}

QString BlobStore::path(const QByteArray &sha256) const
{
    if (!Sha256::isHexDigest(sha256))
        return QString();
    return m_dir + QLatin1Char('/') + QString::fromLatin1(sha256.left(2)) + QLatin1Char('/') + QString::fromLatin1(sha256);
}

bool BlobStore::contains(const QByteArray &sha256) const
{
    const QString p = path(sha256);
    return !p.isEmpty() && QFile::exists(p);
}

namespace {
/** Reads @p fd to its end in chunks, handing each to @p consume; stops at the first error. */
Result<qint64> readChunks(int fd, const std::function<Result<void>(const char *, qint64)> &consume)
{
    QByteArray buffer(int(s_chunk), Qt::Uninitialized);
    qint64 total = 0;
    for (;;) {
        const ssize_t n = ::read(fd, buffer.data(), size_t(buffer.size()));
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return errnoError(QStringLiteral("read"), QStringLiteral("a workspace file"), errno);
        if (n == 0)
            return total;
        total += n;
        if (Result<void> consumed = consume(buffer.constData(), n); !consumed)
            return consumed.error();
    }
}
} // namespace

Result<BlobStore::Stored> BlobStore::hash(int fd)
{
    Sha256 digest;
    const Result<qint64> read = readChunks(fd, [&](const char *data, qint64 size) -> Result<void> {
        digest.update(data, size);
        return {};
    });
    if (!read)
        return read.error();
    Stored result;
    result.size = read.value();
    result.sha256 = digest.hexDigest();
    return result;
}

Result<BlobStore::Stored> BlobStore::put(int fd, qint64 maxBytes, const QByteArray &needle) const
{
    const QString temporary = m_dir + QLatin1String("/tmp/") + QUuid::createUuid().toString(QUuid::Id128);
    const QByteArray tmpName = QFile::encodeName(temporary);
    const int out = ::open(tmpName.constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (out < 0)
        return errnoError(QStringLiteral("create"), temporary, errno);
    auto fail = [&](const Error &error) -> Result<Stored> {
        ::close(out);
        ::unlink(tmpName.constData());
        return error;
    };
    Sha256 digest;
    QByteArray tail;  // the end of the previous chunk, so a needle across two chunks is found
    Stored result;
    const Result<qint64> read = readChunks(fd, [&](const char *data, qint64 n) -> Result<void> {
        if (!needle.isEmpty() && !result.containsNeedle) {
            const QByteArray window = tail + QByteArray::fromRawData(data, int(n));
            result.containsNeedle = window.contains(needle);
            tail = window.right(needle.size() - 1);
        }
        result.size += n;
        if (result.size > maxBytes)
            return makeError(ErrorCode::LimitExceeded, QStringLiteral("the outputs exceed %1 bytes").arg(maxBytes));
        digest.update(data, n);
        if (!writeAll(out, data, n))
            return errnoError(QStringLiteral("write"), temporary, errno);
        return {};
    });
    if (!read)
        return fail(read.error());
    if (::close(out) != 0) {
        const int err = errno;
        ::unlink(tmpName.constData());
        return errnoError(QStringLiteral("write"), temporary, err);
    }
    result.sha256 = digest.hexDigest();
    const QString target = path(result.sha256);
    if (QFile::exists(target)) {
        ::unlink(tmpName.constData());
        return result;
    }
    QDir().mkpath(m_dir + QLatin1Char('/') + QString::fromLatin1(result.sha256.left(2)));
    if (::rename(tmpName.constData(), QFile::encodeName(target).constData()) != 0) {
        const int err = errno;
        ::unlink(tmpName.constData());
        return errnoError(QStringLiteral("store"), target, err);
    }
    result.added = true;
    return result;
}

bool BlobStore::remove(const QByteArray &sha256) const
{
    const QString p = path(sha256);
    return !p.isEmpty() && QFile::remove(p);
}

} // namespace BuildService
