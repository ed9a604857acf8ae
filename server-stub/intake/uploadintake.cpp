// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: GPL-2.0-or-later

// UploadIntake: reads an untrusted (zstd-compressed) tar upload into an empty staging directory.
#include "uploadintake.h"

#include "archive/entrypolicy.h"
#include "archive/safetreewriter.h"
#include "archive/tarstreamreader.h"
#include "archive/zstdstreamdecoder.h"

#include <QDir>
#include <QHash>
#include <QLoggingCategory>

#include <xxhash.h>

Q_LOGGING_CATEGORY(lcIntake, "buildservice.server.intake", QtInfoMsg)

namespace BuildService {

namespace {
// What the archive declared at a path, to catch clashes before anything is written.
enum class PathKind : char { File = 'f', Symlink = 's', Directory = 'd', ImpliedDirectory = 'i' };

Error rejected(const QString &path, const QString &reason)
{
    return makeError(ErrorCode::ArchiveRejected,
                     QStringLiteral("entry \"%1\" rejected: %2").arg(EntryPolicy::printable(path), reason));
}
} // namespace

class UploadIntake::Private : public TarStreamReader::Handler
{
public:
    Private(const QString &stagingDir, const IntakeLimits &limits, bool zstd)
        : m_stagingDir(stagingDir)
        , m_limits(limits)
        , m_reader(this)
        , m_hash(XXH3_createState())
    {
        m_reader.setEndMarkerRequired(limits.requireEndMarker);
        if (zstd) {
            m_decoder = std::make_unique<ZstdStreamDecoder>([this](const char *data, qint64 size) {
                return decompressed(data, size);
            });
        }
    }

    ~Private() override
    {
        m_writer.abortFile();
        XXH3_freeState(m_hash);
    }

    Result<void> start();
    Result<void> feed(const char *data, qint64 size);
    Result<Manifest> finish();
    Result<void> decompressed(const char *data, qint64 size);

    Result<void> beginEntry(const TarStreamReader::Entry &entry) override;
    Result<void> entryData(const char *data, qint64 size) override;
    Result<void> endEntry() override;

    const Error &fail(const Error &error);
    Result<void> checkParents(const QString &path);

    QString m_stagingDir;
    IntakeLimits m_limits;
    TarStreamReader m_reader;
    std::unique_ptr<ZstdStreamDecoder> m_decoder;
    SafeTreeWriter m_writer;
    XXH3_state_t *m_hash;
    Manifest m_manifest;
    QHash<QString, PathKind> m_kinds;
    QString m_lastParent; // parents of this path were already checked and recorded

    ManifestEntry m_current;
    bool m_inFile = false;
    bool m_started = false;
    bool m_finished = false;
    bool m_failed = false;
    Error m_error;

    qint64 m_compressed = 0;
    qint64 m_uncompressed = 0;
    qint64 m_entries = 0;
    qint64 m_totalBytes = 0;
};

const Error &UploadIntake::Private::fail(const Error &error)
{
    if (!m_failed) {
        m_failed = true;
        m_error = error;
        m_writer.abortFile();
        m_inFile = false;
        qCWarning(lcIntake) << "upload into" << m_stagingDir << "refused:" << error.message;
    }
    return m_error;
}

Result<void> UploadIntake::Private::start()
{
    m_started = true;
    const QDir dir(m_stagingDir);
    if (!dir.exists())
        return makeError(ErrorCode::IoError, QStringLiteral("staging directory \"%1\" does not exist").arg(m_stagingDir));
    if (!dir.isEmpty(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System))
        return makeError(ErrorCode::IoError, QStringLiteral("staging directory \"%1\" is not empty").arg(m_stagingDir));
    return m_writer.open(m_stagingDir);
}

Result<void> UploadIntake::Private::feed(const char *data, qint64 size)
{
    if (m_failed)
        return m_error;
    if (m_finished)
        return fail(makeError(ErrorCode::Internal, QStringLiteral("upload intake fed after finish()")));
    if (!m_started) {
        Result<void> r = start();
        if (!r)
            return fail(r.error());
    }
    m_compressed += size;
    Result<void> r;
    if (m_decoder) {
        r = m_decoder->push(data, size);
    } else {
        m_uncompressed += size;
        r = m_reader.push(data, size);
    }
    if (!r)
        return fail(r.error());
    return {};
}

Result<void> UploadIntake::Private::decompressed(const char *data, qint64 size)
{
    m_uncompressed += size;
    // Checked from the first byte, before anything is written: the output may exceed
    // ratio * compressed input only by the allowance, however little input produced it.
    const double allowed = double(m_limits.compressionAllowanceBytes)
        + m_limits.maxCompressionRatio * double(m_decoder->compressedBytes());
    if (double(m_uncompressed) > allowed) {
        return makeError(ErrorCode::LimitExceeded,
                         QStringLiteral("compression ratio exceeds the limit of %1:1 ([limits] max_compression_ratio, "
                                        "beyond an allowance of %2 bytes, [limits] compression_allowance_bytes)")
                             .arg(m_limits.maxCompressionRatio)
                             .arg(m_limits.compressionAllowanceBytes));
    }
    return m_reader.push(data, size);
}

Result<Manifest> UploadIntake::Private::finish()
{
    if (m_failed)
        return m_error;
    if (m_finished)
        return fail(makeError(ErrorCode::Internal, QStringLiteral("upload intake finished twice")));
    if (!m_started) {
        Result<void> r = start();
        if (!r)
            return fail(r.error());
    }
    m_finished = true;
    if (m_decoder) {
        Result<void> r = m_decoder->finish();
        if (!r)
            return fail(r.error());
    }
    Result<void> r = m_reader.finish();
    if (!r)
        return fail(r.error());
    qCDebug(lcIntake) << "staged" << m_manifest.size() << "entries," << m_totalBytes << "bytes from" << m_compressed
                      << "upload bytes into" << m_stagingDir;
    return std::move(m_manifest);
}

Result<void> UploadIntake::Private::checkParents(const QString &path)
{
    const int slash = path.lastIndexOf(QLatin1Char('/'));
    if (slash < 0)
        return {};
    const QStringView parent = QStringView(path).left(slash);
    if (parent == m_lastParent)
        return {};
    for (int i = path.indexOf(QLatin1Char('/')); i >= 0 && i <= slash; i = path.indexOf(QLatin1Char('/'), i + 1)) {
        const QString prefix = path.left(i);
        const auto it = m_kinds.constFind(prefix);
        if (it == m_kinds.constEnd()) {
            m_kinds.insert(prefix, PathKind::ImpliedDirectory);
        } else if (*it == PathKind::File) {
            return rejected(path, QStringLiteral("\"%1\" is a file in the archive").arg(EntryPolicy::printable(prefix)));
        } else if (*it == PathKind::Symlink) {
            return rejected(path, QStringLiteral("\"%1\" is a symlink in the archive").arg(EntryPolicy::printable(prefix)));
        }
    }
    m_lastParent = parent.toString();
    return {};
}

Result<void> UploadIntake::Private::beginEntry(const TarStreamReader::Entry &entry)
{
    if (++m_entries > m_limits.maxEntries)
        return makeError(ErrorCode::LimitExceeded,
                         QStringLiteral("archive has more than %1 entries (server limit [limits] max_entries)").arg(m_limits.maxEntries));
    const bool isDir = entry.type == TarStreamReader::Entry::Type::Directory;
    Result<QString> valid = EntryPolicy::validateEntryPath(
        entry.path, m_limits.maxPathLength, isDir ? EntryPolicy::PathKind::Directory : EntryPolicy::PathKind::File);
    if (!valid)
        return valid.error();
    const QString path = std::move(valid).value();
    if (isDir && path.isEmpty())
        return {}; // "./": the staging root itself

    Result<void> parents = checkParents(path);
    if (!parents)
        return parents;

    const auto existing = m_kinds.constFind(path);
    if (isDir) {
        if (existing != m_kinds.constEnd()) {
            if (*existing == PathKind::Directory)
                return rejected(path, QStringLiteral("duplicate path"));
            if (*existing == PathKind::File || *existing == PathKind::Symlink)
                return rejected(path, QStringLiteral("a file of the same name is in the archive"));
        }
        m_kinds.insert(path, PathKind::Directory);
        return {};
    }
    if (existing != m_kinds.constEnd()) {
        if (*existing == PathKind::File || *existing == PathKind::Symlink)
            return rejected(path, QStringLiteral("duplicate path"));
        return rejected(path, QStringLiteral("a directory of the same name is in the archive"));
    }

    const bool isSymlink = entry.type == TarStreamReader::Entry::Type::Symlink;
    if (!isSymlink) {
        if (entry.size > m_limits.maxFileBytes)
            return makeError(ErrorCode::LimitExceeded,
                             QStringLiteral("entry \"%1\" has %2 bytes, more than the limit of %3 ([limits] max_file_bytes)")
                                 .arg(EntryPolicy::printable(path))
                                 .arg(entry.size)
                                 .arg(m_limits.maxFileBytes));
        if (entry.size > m_limits.maxTotalBytes - m_totalBytes)
            return makeError(ErrorCode::LimitExceeded,
                             QStringLiteral("archive holds more than %1 bytes of files (server limit [limits] max_upload_bytes), reached at entry \"%2\"")
                                 .arg(m_limits.maxTotalBytes)
                                 .arg(EntryPolicy::printable(path)));
    } else {
        Result<void> target = EntryPolicy::validateSymlinkTarget(path, entry.linkTarget, m_limits.maxPathLength);
        if (!target)
            return target;
    }

    m_kinds.insert(path, isSymlink ? PathKind::Symlink : PathKind::File);
    m_current = ManifestEntry();
    m_current.path = path;
    const QByteArray nativePath = path.toUtf8();
    if (isSymlink) {
        const QByteArray target = entry.linkTarget.toUtf8();
        m_current.type = ManifestEntry::Type::Symlink;
        m_current.mode = 0777;
        m_current.hash = XXH3_64bits(target.constData(), size_t(target.size()));
        m_current.linkTarget = entry.linkTarget;
        Result<void> r = m_writer.createSymlink(nativePath, target);
        if (!r)
            return r;
        m_manifest.insert(m_current);
        return {};
    }
    m_current.type = ManifestEntry::Type::File;
    m_current.mode = ManifestEntry::checkoutMode(m_current.type, entry.mode);
    m_current.size = entry.size;
    m_totalBytes += entry.size;
    XXH3_64bits_reset(m_hash);
    Result<void> r = m_writer.beginFile(nativePath, m_current.mode);
    if (!r)
        return r;
    m_inFile = true;
    return {};
}

Result<void> UploadIntake::Private::entryData(const char *data, qint64 size)
{
    if (!m_inFile)
        return {}; // directories and symlinks carry no data (the reader enforces it)
    XXH3_64bits_update(m_hash, data, size_t(size));
    return m_writer.write(data, size);
}

Result<void> UploadIntake::Private::endEntry()
{
    if (!m_inFile)
        return {};
    m_inFile = false;
    Result<void> r = m_writer.endFile();
    if (!r)
        return r;
    m_current.hash = XXH3_64bits_digest(m_hash);
    m_manifest.insert(m_current);
    return {};
}

UploadIntake::UploadIntake(const QString &stagingDir, const IntakeLimits &limits, bool zstdCompressed)
    : d(std::make_unique<Private>(stagingDir, limits, zstdCompressed))
{
}

UploadIntake::~UploadIntake() = default;

Result<void> UploadIntake::feed(const QByteArray &compressed)
{
    return d->feed(compressed.constData(), compressed.size());
}

Result<void> UploadIntake::feed(const char *data, qint64 size)
{
    return d->feed(data, size);
}

Result<Manifest> UploadIntake::finish()
{
    return d->finish();
}

qint64 UploadIntake::compressedBytes() const
{
    return d->m_compressed;
}

qint64 UploadIntake::uncompressedBytes() const
{
    return d->m_uncompressed;
}

qint64 UploadIntake::entries() const
{
    return d->m_entries;
}

} // namespace BuildService
