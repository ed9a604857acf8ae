// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: GPL-2.0-or-later

// TokenStore: parsing of the tokens file, hashing and constant-time comparison.
#include "tokenstore.h"

#include <QFile>
#include <QRandomGenerator>
#include <QRegularExpression>

#include <openssl/crypto.h>
#include <openssl/sha.h>

namespace BuildService {

namespace {
constexpr qint64 s_maxFileBytes = 1 << 20;
const QLatin1String s_hashPrefix("sha256:");

Error invalid(const QString &message)
{
    return makeError(ErrorCode::ConfigInvalid, message);
}
} // namespace

QByteArray TokenStore::hashToken(const QString &token)
{
    const QByteArray bytes = token.toUtf8();
    QByteArray digest(SHA256_DIGEST_LENGTH, Qt::Uninitialized);
    SHA256(reinterpret_cast<const unsigned char *>(bytes.constData()), size_t(bytes.size()),
           reinterpret_cast<unsigned char *>(digest.data()));
    return digest;
}

bool TokenStore::constantTimeEquals(const QByteArray &a, const QByteArray &b)
{
    // The lengths are public (always 32 for our digests); only the content must not leak.
    if (a.size() != b.size())
        return false;
    return CRYPTO_memcmp(a.constData(), b.constData(), size_t(a.size())) == 0;
}

QString TokenStore::generateToken()
{
    quint32 words[8];
    QRandomGenerator::system()->fillRange(words);
    const QByteArray raw(reinterpret_cast<const char *>(words), sizeof words);
    return QStringLiteral("bst_") + QString::fromLatin1(raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

QString TokenStore::fileLine(const QString &name, Identity::Role role, const QString &token)
{
    return QStringLiteral("%1 %2 %3%4").arg(name, Identity::roleName(role), s_hashPrefix, QString::fromLatin1(hashToken(token).toHex()));
}

bool TokenStore::isValidName(const QString &name)
{
    static const QRegularExpression valid(QStringLiteral("^[A-Za-z0-9._-]{1,64}$"));
    return valid.match(name).hasMatch();
}

Result<TokenStore::Entry> TokenStore::parseLine(const QString &line)
{
    const QStringList fields = line.split(QRegularExpression(QStringLiteral("\\s+")), Qt::SkipEmptyParts);
    if (fields.size() != 3)
        return invalid(QStringLiteral("expected \"NAME ROLE sha256:HEX\", got %1 field(s)").arg(fields.size()));
    Entry entry;
    if (!isValidName(fields[0]))
        return invalid(QStringLiteral("invalid name \"%1\": use 1 to 64 letters, digits, '.', '_' or '-'").arg(fields[0].left(80)));
    entry.identity.name = fields[0];
    if (fields[1] == QLatin1String("user"))
        entry.identity.role = Identity::Role::User;
    else if (fields[1] == QLatin1String("admin"))
        entry.identity.role = Identity::Role::Admin;
    else
        return invalid(QStringLiteral("role must be \"user\" or \"admin\", got \"%1\"").arg(fields[1].left(80)));
    static const QRegularExpression hex(QStringLiteral("^[0-9a-fA-F]{64}$"));
    const QString &hash = fields[2];
    if (!hash.startsWith(s_hashPrefix) || !hex.match(hash.mid(s_hashPrefix.size())).hasMatch())
        return invalid(QStringLiteral("expected \"sha256:\" and 64 hex digits, the hash of the token (never the token itself; "
                                      "build-service-server --generate-token NAME prints the line)"));
    entry.sha256 = QByteArray::fromHex(hash.mid(s_hashPrefix.size()).toLatin1());
    return entry;
}

Result<TokenStore> TokenStore::parse(const QByteArray &text, const QString &fileName)
{
    TokenStore store;
    QStringList problems;
    const QList<QByteArray> lines = text.split('\n');
    for (int i = 0; i < lines.size(); ++i) {
        const QString line = QString::fromUtf8(lines[i]).trimmed();
        if (line.isEmpty() || line.startsWith(QLatin1Char('#')))
            continue;
        Result<Entry> entry = parseLine(line);
        if (!entry) {
            problems.append(QStringLiteral("%1:%2: %3").arg(fileName).arg(i + 1).arg(entry.errorString()));
            continue;
        }
        entry.value().line = i + 1;
        bool duplicate = false;
        for (const Entry &other : qAsConst(store.m_entries)) {
            if (other.sha256 == entry->sha256) {
                problems.append(QStringLiteral("%1:%2: the same token hash is already on line %3").arg(fileName).arg(i + 1).arg(other.line));
                duplicate = true;
                break;
            }
        }
        if (!duplicate)
            store.m_entries.append(std::move(entry).value());
    }
    if (!problems.isEmpty())
        return invalid(problems.join(QLatin1Char('\n')));
    return store;
}

Result<TokenStore> TokenStore::load(const QString &fileName)
{
    QFile file(fileName);
    if (!file.open(QIODevice::ReadOnly))
        return invalid(QStringLiteral("%1: cannot read the tokens file: %2").arg(fileName, file.errorString()));
    const QByteArray text = file.read(s_maxFileBytes + 1);
    if (file.error() != QFileDevice::NoError)
        return invalid(QStringLiteral("%1: cannot read the tokens file: %2").arg(fileName, file.errorString()));
    if (text.size() > s_maxFileBytes)
        return invalid(QStringLiteral("%1: larger than %2 bytes, not a tokens file").arg(fileName).arg(s_maxFileBytes));
    return parse(text, fileName);
}

void TokenStore::addPlainToken(const QString &token, const Identity &identity)
{
    m_entries.append(Entry{identity, hashToken(token), 0});
}

void TokenStore::merge(const TokenStore &other)
{
    m_entries += other.m_entries;
}

std::optional<Identity> TokenStore::authenticate(const QString &token) const
{
    const QByteArray digest = hashToken(token);
    std::optional<Identity> found;
    // Every entry is compared, also after a match: the time does not depend on which one matched.
    for (const Entry &entry : m_entries) {
        if (constantTimeEquals(entry.sha256, digest) && !found)
            found = entry.identity;
    }
    return found;
}

} // namespace BuildService
