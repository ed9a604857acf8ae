// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: GPL-2.0-or-later

// Authenticator: the server's current set of tokens, re-read from the tokens file on reload.
#pragma once

#include "auth/tokenstore.h"

#include <QString>
#include <QStringList>

#include <optional>

namespace BuildService {

/**
 * Combines the [server] tokens entries (identity lines, or deprecated plain tokens acting as
 * the identity "admin" with the admin role) with the [server] tokens_file. reload() re-reads the
 * file (SIGHUP): new connections are checked against the new set; connections already past
 * "hello" keep the identity they authenticated as. A file that cannot be read or parsed keeps
 * the previous set in force and is reported, so a typo during rotation does not lock everyone
 * out.
 *
 * With neither tokens nor a file (zero-config loopback mode), every connection is
 * Identity::local() without a token.
 *
 * Threading: event-loop thread only.
 */
class Authenticator
{
public:
    Authenticator(const QStringList &tokens, const QString &tokensFile);

    /** Reads the tokens file (if any). Errors: ConfigInvalid naming file and line; the old set stays. */
    Result<void> reload();
    /** True when clients must present a token. */
    bool required() const { return !m_tokens.isEmpty() || !m_tokensFile.isEmpty(); }
    /** The identity for @p token; Identity::local() when no token is required. */
    std::optional<Identity> authenticate(const QString &token) const;
    /** How many tokens are accepted at the moment. */
    int size() const { return m_store.size(); }
    QString tokensFile() const { return m_tokensFile; }

    /** The identity plain (deprecated) [server] tokens act as. */
    static Identity legacyIdentity() { return Identity{QStringLiteral("admin"), Identity::Role::Admin}; }

private:
    QStringList m_tokens;
    QString m_tokensFile;
    TokenStore m_store;
};

} // namespace BuildService
