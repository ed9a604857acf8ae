// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: GPL-2.0-or-later

// CacheKey: hashing of the build inputs.
#include "cachekey.h"

#include "cache/sha256.h"

#include "sync/manifest.h"

#include <QFile>

#include <xxhash.h>

#include <memory>
#include <optional>

namespace BuildService {

namespace {

// Bump when the encoding changes so that old entries can never match new requests.
constexpr char s_domain[] = "build-service-cache-key/3";

/** XXH3-128 by default; SHA-256 (first 128 bits shown) when the key must resist collisions. */
class KeyHasher
{
public:
    explicit KeyHasher(bool strong = false) : m_state(XXH3_createState(), &XXH3_freeState)
    {
        if (strong)
            m_sha.emplace();
        XXH3_128bits_reset(m_state.get());
    }

    void bytes(const void *data, size_t size)
    {
        if (m_sha)
            m_sha->update(static_cast<const char *>(data), qint64(size));
        else
            XXH3_128bits_update(m_state.get(), data, size);
    }
    void number(quint64 value)
    {
        unsigned char le[8];
        for (int i = 0; i < 8; ++i)
            le[i] = static_cast<unsigned char>(value >> (8 * i));
        bytes(le, sizeof le);
    }
    void field(char tag, const QByteArray &value)
    {
        bytes(&tag, 1);
        number(quint64(value.size()));
        bytes(value.constData(), size_t(value.size()));
    }
    void field(char tag, const QString &value) { field(tag, value.toUtf8()); }

    QString hex()
    {
        if (m_sha)
            return QString::fromLatin1(m_sha->digest().left(16).toHex());
        const XXH128_hash_t h = XXH3_128bits_digest(m_state.get());
        return QStringLiteral("%1%2").arg(h.high64, 16, 16, QLatin1Char('0')).arg(h.low64, 16, 16, QLatin1Char('0'));
    }

private:
    std::unique_ptr<XXH3_state_t, XXH_errorcode (*)(XXH3_state_t *)> m_state;
    std::optional<Sha256> m_sha;
};

} // namespace

QString CacheKey::compute(const Manifest &tree, const CacheKeyInput &input)
{
    KeyHasher h(!input.contentDigest.isEmpty());
    h.field('D', QByteArray(s_domain));

    h.field('T', QByteArray());
    h.number(quint64(tree.size()));
    for (const ManifestEntry &e : tree.entries()) {
        h.field('p', e.path);
        const char type = static_cast<char>(e.type);
        h.bytes(&type, 1);
        h.number(e.mode);
        h.number(quint64(e.size));
        h.number(e.hash);
        h.field('l', e.linkTarget);
    }

    h.field('C', input.command);

    h.field('E', QByteArray());
    h.number(quint64(input.env.size()));
    for (auto it = input.env.cbegin(); it != input.env.cend(); ++it) {
        h.field('n', it.key());
        h.field('v', it.value());
    }

    QStringList globs = input.artifactGlobs;
    globs.sort();
    globs.removeDuplicates();
    h.field('A', QByteArray());
    h.number(quint64(globs.size()));
    for (const QString &glob : globs)
        h.field('g', glob);

    h.field('P', QByteArray::number(input.protocolVersion));
    h.field('F', input.toolchainFingerprint);
    h.field('S', input.salt);
    h.field('U', input.scope);
    h.field('H', input.contentDigest);
    if (input.terminal)
        h.field('Y', QByteArrayLiteral("tty"));
    if (!input.workspacePath.isEmpty())
        h.field('Q', input.workspacePath);
    return h.hex();
}

QString CacheKey::withState(const QString &baseKey, const QString &priorState, bool strong)
{
    KeyHasher h(strong);
    h.field('D', QByteArray("build-service-cache-key-state/1"));
    h.field('K', baseKey);
    h.field('W', priorState);
    return h.hex();
}

Result<QByteArray> CacheKey::contentDigest(const QString &root, const Manifest &tree)
{
    Sha256 all;
    QByteArray buffer(256 * 1024, Qt::Uninitialized);
    for (const ManifestEntry &e : tree.entries()) {
        if (e.type != ManifestEntry::Type::File)
            continue;
        QFile file(root + QLatin1Char('/') + e.path);
        if (!file.open(QIODevice::ReadOnly))
            return makeError(ErrorCode::IoError, QStringLiteral("cannot read %1 for its SHA-256: %2").arg(file.fileName(), file.errorString()));
        Sha256 content;
        qint64 total = 0;
        qint64 n = 0;
        while ((n = file.read(buffer.data(), buffer.size())) > 0) {
            content.update(buffer.constData(), n);
            total += n;
        }
        if (n < 0 || total != e.size)
            return makeError(ErrorCode::IoError, QStringLiteral("cannot read %1 for its SHA-256: %2")
                                                     .arg(file.fileName(), n < 0 ? file.errorString() : QStringLiteral("its size changed")));
        const QByteArray path = e.path.toUtf8();
        const quint64 length = quint64(path.size());
        all.update(reinterpret_cast<const char *>(&length), qint64(sizeof length));
        all.update(path.constData(), path.size());
        const QByteArray digest = content.digest();
        all.update(digest.constData(), digest.size());
    }
    return all.digest();
}

} // namespace BuildService
