// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: GPL-2.0-or-later

// CacheBundle: writing with KTar, reading with the project's own checked tar reader.
#include "cachebundle.h"

#include "archive/tarstreamreader.h"
#include "cache/blobstore.h"
#include "cache/recordingreader.h"
#include "cache/sha256.h"

#include <KTar>

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QRegularExpression>
#include <QFile>
#include <QJsonDocument>
#include <QSet>

#include <fcntl.h>
#include <unistd.h>

#include <xxhash.h>

namespace BuildService {

namespace {

const QString s_entryName = QStringLiteral("build-service-cache-entry.json");
const QString s_recordingName = QStringLiteral("recording.rec.zst");
const QString s_artifactsName = QStringLiteral("artifacts.zip");
const QString s_blobPrefix = QStringLiteral("blobs/");
constexpr qint64 s_maxEntryJson = 1 << 20;

Error rejected(const QString &why)
{
    return makeError(ErrorCode::ArchiveRejected, QStringLiteral("the cache bundle is not valid: %1").arg(why));
}

QJsonObject entryJson(const CacheEntry &e)
{
    QJsonArray blobs;
    for (const QByteArray &b : e.blobs)
        blobs.append(QString::fromLatin1(b));
    return {{QStringLiteral("format"), QStringLiteral("build-service-cache-entry")},
            {QStringLiteral("version"), 1},
            {QStringLiteral("key"), e.key},
            {QStringLiteral("base_key"), e.baseKey},
            {QStringLiteral("prior_state"), e.priorState},
            {QStringLiteral("build_id"), e.buildId},
            {QStringLiteral("command"), e.command},
            {QStringLiteral("outcome"), e.outcome},
            {QStringLiteral("exit_code"), e.exitCode},
            {QStringLiteral("duration_ms"), e.durationMs},
            {QStringLiteral("created_ms"), e.createdMs},
            {QStringLiteral("toolchain"), e.toolchain},
            {QStringLiteral("blobs"), blobs}};
}

bool isHex(const QString &text, int length)
{
    if (text.size() != length)
        return false;
    for (const QChar c : text) {
        if (!((c >= QLatin1Char('0') && c <= QLatin1Char('9')) || (c >= QLatin1Char('a') && c <= QLatin1Char('f'))))
            return false;
    }
    return true;
}

Result<CacheEntry> entryFromJson(const QByteArray &text)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(text, &error);
    if (!doc.isObject())
        return rejected(QStringLiteral("%1 is not a JSON object (%2)").arg(s_entryName, error.errorString()));
    const QJsonObject o = doc.object();
    if (o.value(QLatin1String("format")).toString() != QLatin1String("build-service-cache-entry") || o.value(QLatin1String("version")).toInt() != 1)
        return rejected(QStringLiteral("%1 is not a cache entry of version 1").arg(s_entryName));
    CacheEntry e;
    e.key = o.value(QLatin1String("key")).toString();
    e.baseKey = o.value(QLatin1String("base_key")).toString();
    e.priorState = o.value(QLatin1String("prior_state")).toString();
    e.buildId = o.value(QLatin1String("build_id")).toString();
    e.command = o.value(QLatin1String("command")).toString();
    e.outcome = o.value(QLatin1String("outcome")).toString();
    e.exitCode = o.value(QLatin1String("exit_code")).toInt();
    e.durationMs = qint64(o.value(QLatin1String("duration_ms")).toDouble());
    e.createdMs = qint64(o.value(QLatin1String("created_ms")).toDouble());
    e.toolchain = o.value(QLatin1String("toolchain")).toString();
    if (!isHex(e.key, 32) || !isHex(e.baseKey, 32))
        return rejected(QStringLiteral("the key is not 32 hex digits"));
    if (!QRegularExpression(QStringLiteral("^bld_[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")).match(e.buildId).hasMatch())
        return rejected(QStringLiteral("the build id is not of the form bld_<uuid>"));
    if (e.outcome != QLatin1String("success") && e.outcome != QLatin1String("failure"))
        return rejected(QStringLiteral("unknown outcome \"%1\"").arg(e.outcome));
    for (const QJsonValue &b : o.value(QLatin1String("blobs")).toArray()) {
        const QByteArray sha = b.toString().toLatin1();
        if (!Sha256::isHexDigest(sha))
            return rejected(QStringLiteral("a blob name is not a SHA-256 digest"));
        e.blobs.append(sha);
    }
    return e;
}

/** Receives the tar's entries: small ones into memory, files into the scratch directory. */
class BundleHandler : public TarStreamReader::Handler
{
public:
    BundleHandler(const QString &scratch, const BlobStore &blobs, qint64 maxBytes)
        : m_scratch(scratch)
        , m_blobs(blobs)
        , m_maxBytes(maxBytes)
    {
    }
    ~BundleHandler() override
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }

    Result<void> beginEntry(const TarStreamReader::Entry &entry) override
    {
        if (entry.type == TarStreamReader::Entry::Type::Directory && entry.path == QLatin1String("blobs/"))
            return {};
        if (entry.type != TarStreamReader::Entry::Type::File)
            return rejected(QStringLiteral("\"%1\" is not a regular file").arg(entry.path.left(200)));
        if (m_seen.contains(entry.path))
            return rejected(QStringLiteral("\"%1\" appears twice").arg(entry.path.left(200)));
        m_seen.insert(entry.path);
        m_total += entry.size;
        if (m_total > m_maxBytes)
            return makeError(ErrorCode::LimitExceeded, QStringLiteral("the cache bundle unpacks to more than %1 bytes").arg(m_maxBytes));
        m_current = entry.path;
        m_sha.reset();
        if (entry.path == s_entryName) {
            if (entry.size > s_maxEntryJson)
                return rejected(QStringLiteral("%1 is too large").arg(s_entryName));
            return {};
        }
        QString target;
        if (entry.path == s_recordingName || entry.path == s_artifactsName) {
            target = m_scratch + QLatin1Char('/') + entry.path;
        } else if (entry.path.startsWith(s_blobPrefix) && Sha256::isHexDigest(entry.path.mid(s_blobPrefix.size()).toLatin1())) {
            target = m_scratch + QLatin1String("/blob");
            m_sha = std::make_unique<Sha256>();
        } else {
            return rejected(QStringLiteral("unexpected entry \"%1\"").arg(entry.path.left(200)));
        }
        m_fd = ::open(QFile::encodeName(target).constData(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0600);
        if (m_fd < 0)
            return makeError(ErrorCode::IoError, QStringLiteral("cannot write %1").arg(target));
        m_target = target;
        return {};
    }

    Result<void> entryData(const char *data, qint64 size) override
    {
        if (m_current == s_entryName) {
            m_entryJson.append(data, int(size));
            return {};
        }
        if (m_sha)
            m_sha->update(data, size);
        while (size > 0) {
            const ssize_t n = ::write(m_fd, data, size_t(size));
            if (n < 0)
                return makeError(ErrorCode::IoError, QStringLiteral("cannot write %1").arg(m_target));
            data += n;
            size -= n;
        }
        return {};
    }

    Result<void> endEntry() override
    {
        if (m_fd >= 0) {
            ::close(m_fd);
            m_fd = -1;
        }
        if (!m_sha)
            return {};
        const QByteArray name = m_current.mid(s_blobPrefix.size()).toLatin1();
        if (m_sha->hexDigest() != name)
            return rejected(QStringLiteral("blob %1 does not match its content").arg(QString::fromLatin1(name)));
        m_sha.reset();
        // Stored right away (it is checked); the caller discards what it did not keep.
        const int fd = ::open(QFile::encodeName(m_target).constData(), O_RDONLY | O_CLOEXEC);
        if (fd < 0)
            return makeError(ErrorCode::IoError, QStringLiteral("cannot read %1").arg(m_target));
        const Result<BlobStore::Stored> stored = m_blobs.put(fd, m_maxBytes);
        ::close(fd);
        if (!stored)
            return stored.error();
        if (stored->added)
            m_added.append(stored->sha256);
        m_bundleBlobs.insert(stored->sha256);
        return {};
    }

    QByteArray m_entryJson;
    QSet<QString> m_seen;
    QSet<QByteArray> m_bundleBlobs;
    QByteArrayList m_added;

private:
    QString m_scratch;
    const BlobStore &m_blobs;
    qint64 m_maxBytes;
    qint64 m_total = 0;
    QString m_current;
    QString m_target;
    int m_fd = -1;
    std::unique_ptr<Sha256> m_sha;
};

Result<QString> xxh3OfFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return makeError(ErrorCode::IoError, QStringLiteral("cannot read %1").arg(path));
    XXH3_state_t *state = XXH3_createState();
    XXH3_64bits_reset(state);
    while (!file.atEnd()) {
        const QByteArray chunk = file.read(1 << 20);
        XXH3_64bits_update(state, chunk.constData(), size_t(chunk.size()));
    }
    const QString hex = QStringLiteral("%1").arg(XXH3_64bits_digest(state), 16, 16, QLatin1Char('0'));
    XXH3_freeState(state);
    return hex;
}

bool addFile(KTar &tar, const QString &name, const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return false;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (!tar.prepareWriting(name, QStringLiteral("root"), QStringLiteral("root"), file.size(), 0100644, now, now, now))
        return false;
    while (!file.atEnd()) {
        const QByteArray chunk = file.read(1 << 20);
        if (!tar.writeData(chunk.constData(), chunk.size()))
            return false;
    }
    return tar.finishWriting(file.size());
}

} // namespace

Result<qint64> CacheBundle::write(const QString &file, const CacheEntry &entry, const QString &recording, const QString &artifacts,
                                  const BlobStore &blobs)
{
    KTar tar(file, QStringLiteral("application/x-tar"));
    if (!tar.open(QIODevice::WriteOnly))
        return makeError(ErrorCode::IoError, QStringLiteral("cannot create %1: %2").arg(file, tar.errorString()));
    const QByteArray json = QJsonDocument(entryJson(entry)).toJson(QJsonDocument::Compact);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    bool ok = tar.writeFile(s_entryName, json, 0100644, QStringLiteral("root"), QStringLiteral("root"), now, now, now)
              && addFile(tar, s_recordingName, recording);
    if (ok && entry.artifactsBytes > 0)
        ok = addFile(tar, s_artifactsName, artifacts);
    for (const QByteArray &blob : entry.blobs) {
        if (!ok)
            break;
        ok = addFile(tar, s_blobPrefix + QString::fromLatin1(blob), blobs.path(blob));
    }
    const QString error = tar.errorString();
    if (!tar.close() || !ok) {
        QFile::remove(file);
        return makeError(ErrorCode::IoError, QStringLiteral("cannot write the cache bundle %1: %2").arg(file, error));
    }
    // KTar leaves out the end-of-archive marker; the reader requires it to tell a cut-off
    // transfer from a complete one.
    QFile marker(file);
    if (!marker.open(QIODevice::Append) || marker.write(QByteArray(1024, '\0')) != 1024 || !marker.flush()) {
        QFile::remove(file);
        return makeError(ErrorCode::IoError, QStringLiteral("cannot write the cache bundle %1: %2").arg(file, marker.errorString()));
    }
    marker.close();
    return QFileInfo(file).size();
}

Result<CacheBundle::Imported> CacheBundle::read(const QString &file, const QString &scratchDir, const BlobStore &blobs, qint64 maxBytes)
{
    QFile in(file);
    if (!in.open(QIODevice::ReadOnly))
        return makeError(ErrorCode::IoError, QStringLiteral("cannot read %1").arg(file));
    BundleHandler handler(scratchDir, blobs, maxBytes);
    TarStreamReader reader(&handler);
    Imported imported;
    auto fail = [&](const Error &error) -> Result<Imported> {
        for (const QByteArray &sha : qAsConst(handler.m_added))
            blobs.remove(sha);
        return error;
    };
    while (!in.atEnd()) {
        const Result<void> pushed = reader.push(in.read(1 << 20));
        if (!pushed)
            return fail(pushed.error());
    }
    if (const Result<void> finished = reader.finish(); !finished)
        return fail(finished.error());
    if (!handler.m_seen.contains(s_entryName) || !handler.m_seen.contains(s_recordingName))
        return fail(rejected(QStringLiteral("it lacks %1 or %2").arg(s_entryName, s_recordingName)));
    Result<CacheEntry> entry = entryFromJson(handler.m_entryJson);
    if (!entry)
        return fail(entry.error());
    imported.entry = entry.value();
    imported.recording = scratchDir + QLatin1Char('/') + s_recordingName;
    RecordingReader recording(imported.recording);
    const Result<RecordingHeader> header = recording.open();
    if (!header)
        return fail(rejected(header.errorString()));
    if (header->key != imported.entry.key)
        return fail(rejected(QStringLiteral("the recording holds key %1, the entry %2").arg(header->key, imported.entry.key)));
    const Result<RecordingSummary> summary = recording.verify();
    if (!summary)
        return fail(rejected(summary.errorString()));
    for (const WorkspaceChange &change : summary->changes) {
        if (change.op == WorkspaceChange::Op::File && !handler.m_bundleBlobs.contains(change.sha256) && !blobs.contains(change.sha256))
            return fail(rejected(QStringLiteral("the output %1 is neither in the bundle nor stored here").arg(change.path)));
    }
    if (summary->artifactsBytes > 0) {
        imported.artifacts = scratchDir + QLatin1Char('/') + s_artifactsName;
        const Result<QString> hash = xxh3OfFile(imported.artifacts);
        if (!hash || hash.value() != summary->artifactsHash || QFileInfo(imported.artifacts).size() != summary->artifactsBytes)
            return fail(rejected(QStringLiteral("the artifacts do not match the recording's checksum")));
    }
    imported.entry.artifactsBytes = summary->artifactsBytes;
    imported.entry.blobs.clear();
    QSet<QByteArray> named;
    for (const WorkspaceChange &change : summary->changes) {
        if (change.op == WorkspaceChange::Op::File && !named.contains(change.sha256)) {
            named.insert(change.sha256);
            imported.entry.blobs.append(change.sha256);
            imported.entry.bytes += change.size;
        }
    }
    for (const QByteArray &sha : qAsConst(handler.m_added)) {
        if (named.contains(sha))
            imported.addedBlobs.append(sha);
        else
            blobs.remove(sha); // in the bundle, but no change names it
    }
    return imported;
}

} // namespace BuildService
