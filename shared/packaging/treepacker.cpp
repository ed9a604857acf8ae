// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: LGPL-2.1-only OR LGPL-3.0-only

// TreePacker: streams scanned entries as a tar archive, zstd-compressed or plain, in chunks.
#include "treepacker.h"

#include "chunksinkdevice.h"
#include "packaginglog.h"

#include <KTar>

#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>

#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace BuildService {

namespace {

constexpr int ReadBufferBytes = 256 * 1024;
constexpr qint64 ProgressIntervalMs = 50;

class FileCloser
{
public:
    explicit FileCloser(int fd) : m_fd(fd) {}
    ~FileCloser()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    FileCloser(const FileCloser &) = delete;
    FileCloser &operator=(const FileCloser &) = delete;

private:
    int m_fd;
};

bool isSafeRelativePath(const QString &path)
{
    if (path.isEmpty() || path.startsWith(QLatin1Char('/')))
        return false;
    for (const QStringRef &part : path.splitRef(QLatin1Char('/'))) {
        if (part.isEmpty() || part == QLatin1String(".") || part == QLatin1String(".."))
            return false;
    }
    return true;
}

QDateTime toDateTime(qint64 ns)
{
    return QDateTime::fromMSecsSinceEpoch(qMax<qint64>(0, ns / 1000000), Qt::UTC);
}

class Packer
{
public:
    Packer(int rootFd, const QList<ScannedEntry> &entries, KTar &tar, Internal::ChunkSinkDevice &device,
           const TreePacker::ProgressSink &progress, const std::atomic_bool *cancel)
        : m_rootFd(rootFd)
        , m_entries(entries)
        , m_tar(tar)
        , m_device(device)
        , m_progressSink(progress)
        , m_cancel(cancel)
        , m_buffer(ReadBufferBytes, Qt::Uninitialized)
    {
        m_progress.filesTotal = entries.size();
        for (const ScannedEntry &entry : entries) {
            if (entry.type == ManifestEntry::Type::File)
                m_progress.bytesTotal += entry.size;
        }
        m_clock.start();
    }

    Result<void> run();
    const PackProgress &progress() const { return m_progress; }

private:
    Result<void> writeFile(const ScannedEntry &entry);
    Error archiveError(const QString &path) const;
    bool cancelled() const { return m_cancel && m_cancel->load(std::memory_order_relaxed); }
    void report(bool force);

    const int m_rootFd;
    const QList<ScannedEntry> &m_entries;
    KTar &m_tar;
    Internal::ChunkSinkDevice &m_device;
    const TreePacker::ProgressSink &m_progressSink;
    const std::atomic_bool *m_cancel;
    QByteArray m_buffer;
    PackProgress m_progress;
    QElapsedTimer m_clock;
    qint64 m_lastReport = -ProgressIntervalMs;
};

Error cancelledError()
{
    return makeError(ErrorCode::Cancelled, QStringLiteral("Packing cancelled"));
}

void Packer::report(bool force)
{
    if (!m_progressSink)
        return;
    const qint64 now = m_clock.elapsed();
    if (!force && now - m_lastReport < ProgressIntervalMs)
        return;
    m_lastReport = now;
    m_progress.bytesOut = m_device.bytesOut();
    m_progressSink(m_progress);
}

Error Packer::archiveError(const QString &path) const
{
    if (m_device.aborted())
        return makeError(ErrorCode::Cancelled, QStringLiteral("Packing aborted: the receiver stopped accepting data"));
    if (!m_device.failure().isEmpty())
        return makeError(ErrorCode::Internal, m_device.failure());
    return makeError(ErrorCode::IoError,
                     QStringLiteral("Cannot add '%1' to the archive: %2").arg(path, m_tar.errorString()));
}

Result<void> Packer::writeFile(const ScannedEntry &entry)
{
    const QByteArray name = entry.path.toUtf8();
    const int fd = ::openat(m_rootFd, name.constData(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) {
        const int error = errno;
        if (error == ENOENT || error == ENOTDIR)
            return makeError(ErrorCode::IoError, QStringLiteral("File vanished while packing: '%1'").arg(entry.path));
        if (error == ELOOP)
            return makeError(ErrorCode::IoError,
                             QStringLiteral("File turned into a symlink while packing: '%1'").arg(entry.path));
        return makeError(ErrorCode::IoError,
                         QStringLiteral("Cannot open '%1': %2").arg(entry.path, qt_error_string(error)));
    }
    FileCloser closer(fd);

    struct stat st;
    if (::fstat(fd, &st) != 0) {
        return makeError(ErrorCode::IoError,
                         QStringLiteral("Cannot open '%1': %2").arg(entry.path, qt_error_string(errno)));
    }
    if (!S_ISREG(st.st_mode))
        return makeError(ErrorCode::IoError,
                         QStringLiteral("File is no longer a regular file: '%1'").arg(entry.path));
    const auto changedSize = [&entry](qint64 now) {
        return makeError(ErrorCode::IoError, QStringLiteral("File changed size while packing: '%1' (scanned %2 bytes, now %3)")
                                                 .arg(entry.path)
                                                 .arg(entry.size)
                                                 .arg(now));
    };
    if (st.st_size != entry.size)
        return changedSize(st.st_size);

    if (!m_tar.prepareWriting(entry.path, QString(), QString(), entry.size, mode_t(entry.mode & 07777),
                              QDateTime(), toDateTime(entry.mtimeNs), QDateTime()))
        return archiveError(entry.path);

    qint64 done = 0;
    for (;;) {
        if (cancelled())
            return cancelledError();
        // Ask for a full buffer even near the end: getting more than expected means it grew.
        const ssize_t n = ::read(fd, m_buffer.data(), size_t(m_buffer.size()));
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return makeError(ErrorCode::IoError,
                             QStringLiteral("Cannot read '%1': %2").arg(entry.path, qt_error_string(errno)));
        }
        if (n == 0)
            break;
        if (done + n > entry.size)
            return changedSize(done + n);
        if (!m_tar.writeData(m_buffer.constData(), n))
            return archiveError(entry.path);
        done += n;
        m_progress.bytesIn += n;
        report(false);
    }
    if (done != entry.size)
        return changedSize(done);
    if (!m_tar.finishWriting(entry.size))
        return archiveError(entry.path);
    return {};
}

Result<void> Packer::run()
{
    // Checked up front so that a bad list produces no archive bytes at all.
    for (const ScannedEntry &entry : m_entries) {
        if (!isSafeRelativePath(entry.path))
            return makeError(ErrorCode::InvalidRequest,
                             QStringLiteral("Refusing to pack an entry outside the tree: '%1'").arg(entry.path));
    }
    report(true);
    for (const ScannedEntry &entry : m_entries) {
        if (cancelled())
            return cancelledError();
        if (entry.type == ManifestEntry::Type::Symlink) {
            if (!m_tar.writeSymLink(entry.path, entry.linkTarget, QString(), QString(), 0777, QDateTime(),
                                    toDateTime(entry.mtimeNs), QDateTime()))
                return archiveError(entry.path);
        } else {
            Result<void> written = writeFile(entry);
            if (!written)
                return written;
        }
        ++m_progress.filesDone;
        report(false);
    }
    // KTar leaves out the end-of-archive marker; readers want two zero blocks.
    const QByteArray endBlocks(1024, '\0');
    if (m_device.write(endBlocks) != endBlocks.size())
        return archiveError(QStringLiteral("(end of archive)"));
    return {};
}

} // namespace

Result<PackStats> TreePacker::pack(const QString &root, const QList<ScannedEntry> &entries, Compression compression,
                                   int chunkBytes, const ChunkSink &sink, const ProgressSink &progress,
                                   const std::atomic_bool *cancel)
{
    if (chunkBytes < 1)
        return makeError(ErrorCode::InvalidRequest, QStringLiteral("Invalid chunk size %1").arg(chunkBytes));

    const QString absoluteRoot = QDir::cleanPath(QFileInfo(root).absoluteFilePath());
    const int rootFd = ::open(QFile::encodeName(absoluteRoot).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (rootFd < 0) {
        return makeError(ErrorCode::IoError,
                         QStringLiteral("Cannot open directory '%1': %2").arg(absoluteRoot, qt_error_string(errno)));
    }
    FileCloser rootCloser(rootFd);

    Internal::ChunkSinkDevice device(compression == Compression::Zstd, chunkBytes, sink);
    Result<void> started = device.start();
    if (!started)
        return started.error();

    KTar tar(&device);
    if (!tar.open(QIODevice::WriteOnly))
        return makeError(ErrorCode::Internal, QStringLiteral("Cannot start the tar archive: %1").arg(tar.errorString()));

    Packer packer(rootFd, entries, tar, device, progress, cancel);
    Result<void> packed = packer.run();
    if (!packed)
        return packed.error();

    Result<void> finished = device.finish();
    if (!finished) {
        if (finished.errorCode() == ErrorCode::Cancelled)
            return makeError(ErrorCode::Cancelled,
                             QStringLiteral("Packing aborted: the receiver stopped accepting data"));
        return finished.error();
    }
    tar.close();

    PackStats stats;
    stats.entries = entries.size();
    stats.bytesIn = packer.progress().bytesIn;
    stats.bytesOut = device.bytesHandedOver();
    if (progress) {
        PackProgress last = packer.progress();
        last.bytesOut = stats.bytesOut;
        progress(last);
    }
    qCDebug(lcPackaging, "packed %lld entries, %lld bytes in, %lld bytes out", qlonglong(stats.entries),
            qlonglong(stats.bytesIn), qlonglong(stats.bytesOut));
    return stats;
}

} // namespace BuildService
