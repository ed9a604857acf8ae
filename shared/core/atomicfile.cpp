// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: LGPL-2.1-only OR LGPL-3.0-only

// AtomicFile: temporary file + checked writes + rename.
#include "atomicfile.h"

#include <QFile>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace BuildService {

AtomicFile::AtomicFile(const QString &fileName, Sync sync)
    : m_fileName(fileName)
    , m_sync(sync)
{
}

AtomicFile::~AtomicFile()
{
    discard();
}

Error AtomicFile::failure(int err)
{
    discard();
    if (err == ENOSPC || err == EDQUOT)
        return makeError(ErrorCode::DiskFull, QStringLiteral("no space left on device while writing %1").arg(m_fileName));
    return makeError(ErrorCode::IoError, QStringLiteral("cannot write %1: %2").arg(m_fileName, QString::fromLocal8Bit(std::strerror(err))));
}

void AtomicFile::discard()
{
    if (m_fd >= 0) {
        ::close(m_fd);
        m_fd = -1;
    }
    if (!m_tempName.isEmpty()) {
        ::unlink(m_tempName.constData());
        m_tempName.clear();
    }
}

Result<void> AtomicFile::open()
{
    discard();
    m_tempName = QFile::encodeName(m_fileName) + ".XXXXXX";
    m_fd = ::mkostemp(m_tempName.data(), O_CLOEXEC);
    if (m_fd < 0) {
        const int err = errno;
        m_tempName.clear();
        return failure(err);
    }
    // mkstemp creates 0600; metadata is as readable as any other file we write.
    const mode_t mask = ::umask(0);
    ::umask(mask);
    if (::fchmod(m_fd, 0644 & ~mask) != 0)
        return failure(errno);
    return {};
}

Result<void> AtomicFile::write(const QByteArray &data)
{
    if (m_fd < 0)
        return makeError(ErrorCode::Internal, QStringLiteral("AtomicFile::write() without open() for %1").arg(m_fileName));
    const char *p = data.constData();
    qint64 left = data.size();
    while (left > 0) {
        const ssize_t n = ::write(m_fd, p, size_t(left));
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return failure(errno);
        if (n == 0)
            return failure(ENOSPC);
        p += n;
        left -= n;
    }
    return {};
}

Result<void> AtomicFile::commit()
{
    if (m_fd < 0)
        return makeError(ErrorCode::Internal, QStringLiteral("AtomicFile::commit() without open() for %1").arg(m_fileName));
    if (m_sync == Sync::Yes && ::fsync(m_fd) != 0)
        return failure(errno);
    const int fd = m_fd;
    m_fd = -1;
    // close() reports delayed write errors (NFS, quotas).
    if (::close(fd) != 0)
        return failure(errno);
    if (std::rename(m_tempName.constData(), QFile::encodeName(m_fileName).constData()) != 0)
        return failure(errno);
    m_tempName.clear();
    return {};
}

Result<void> AtomicFile::write(const QString &fileName, const QByteArray &content, Sync sync)
{
    AtomicFile file(fileName, sync);
    if (Result<void> r = file.open(); !r)
        return r;
    if (Result<void> r = file.write(content); !r)
        return r;
    return file.commit();
}

} // namespace BuildService
