// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: GPL-2.0-or-later

// Authenticator: configuration tokens plus the tokens file.
#include "authenticator.h"

#include <QRegularExpression>

namespace BuildService {

Authenticator::Authenticator(const QStringList &tokens, const QString &tokensFile)
    : m_tokens(tokens)
    , m_tokensFile(tokensFile)
{
}

Result<void> Authenticator::reload()
{
    TokenStore store;
    static const QRegularExpression space(QStringLiteral("\\s"));
    for (const QString &raw : qAsConst(m_tokens)) {
        const QString token = raw.trimmed();
        if (token.contains(space)) {
            // An identity entry, "NAME ROLE sha256:HEX", as in the tokens file.
            const Result<TokenStore> parsed = TokenStore::parse(token.toUtf8(), QStringLiteral("[server] tokens"));
            if (!parsed)
                return parsed.error();
            store.merge(parsed.value());
        } else {
            store.addPlainToken(raw, legacyIdentity());
        }
    }
    if (!m_tokensFile.isEmpty()) {
        const Result<TokenStore> fromFile = TokenStore::load(m_tokensFile);
        if (!fromFile)
            return fromFile.error();
        store.merge(fromFile.value());
    }
    m_store = std::move(store);
    return {};
}

std::optional<Identity> Authenticator::authenticate(const QString &token) const
{
    if (!required())
        return Identity::local();
    if (token.isEmpty())
        return std::nullopt;
    return m_store.authenticate(token);
}

} // namespace BuildService
