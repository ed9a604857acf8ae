// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: GPL-2.0-or-later

// CacheKey: hashing of the build inputs.
#include "cachekey.h"

#include "sync/manifest.h"

#include <xxhash.h>

#include <memory>

namespace BuildService {

namespace {

// Bump when the encoding changes so that old entries can never match new requests.
constexpr char s_domain[] = "build-service-cache-key/2";

class KeyHasher
{
public:
    KeyHasher() : m_state(XXH3_createState(), &XXH3_freeState) { XXH3_128bits_reset(m_state.get()); }

    void bytes(const void *data, size_t size) { XXH3_128bits_update(m_state.get(), data, size); }
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

    QString hex() const
    {
        const XXH128_hash_t h = XXH3_128bits_digest(m_state.get());
        return QStringLiteral("%1%2").arg(h.high64, 16, 16, QLatin1Char('0')).arg(h.low64, 16, 16, QLatin1Char('0'));
    }

private:
    std::unique_ptr<XXH3_state_t, XXH_errorcode (*)(XXH3_state_t *)> m_state;
};

} // namespace

QString CacheKey::compute(const Manifest &tree, const CacheKeyInput &input)
{
    KeyHasher h;
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
    if (input.terminal)
        h.field('Y', QByteArrayLiteral("tty"));
    return h.hex();
}

QString CacheKey::withState(const QString &baseKey, const QString &priorState)
{
    KeyHasher h;
    h.field('D', QByteArray("build-service-cache-key-state/1"));
    h.field('K', baseKey);
    h.field('W', priorState);
    return h.hex();
}

} // namespace BuildService
