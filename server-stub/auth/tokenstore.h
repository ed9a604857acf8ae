// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: GPL-2.0-or-later

// TokenStore: access tokens, stored as SHA-256 hashes, mapped to identities.
#pragma once

#include "auth/identity.h"
#include "core/result.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace BuildService {

/**
 * The accepted tokens. Only SHA-256 hashes of the tokens are kept (a leaked tokens file or
 * memory dump does not reveal a usable token); a presented token is hashed and compared with
 * every entry in constant time (CRYPTO_memcmp, and no early exit), so the time a check takes
 * does not tell how much of a guess was right or which entry it was near.
 *
 * Tokens file format (one identity per line, '#' starts a comment line, blank lines ignored):
 *
 *     NAME ROLE sha256:HEX
 *
 * NAME: 1 to 64 letters, digits, '.', '_', '-'; ROLE: "user" or "admin"; HEX: 64 hex digits,
 * the SHA-256 of the token's UTF-8 bytes (generateToken() prints a ready line). A name may have
 * several lines (several valid tokens, e.g. while rotating).
 *
 * Plain value type; const methods are thread-safe.
 */
class TokenStore
{
public:
    struct Entry {
        Identity identity;
        QByteArray sha256;  ///< 32 raw bytes
        int line = 0;       ///< where it was read (0: from [server] tokens)
    };

    /**
     * Parses the tokens file text @p text. Errors (ConfigInvalid) name @p fileName and the line:
     * "tokens.txt:3: role must be \"user\" or \"admin\", got \"root\"". All bad lines are reported.
     */
    static Result<TokenStore> parse(const QByteArray &text, const QString &fileName);
    /** Reads and parses @p fileName (at most 1 MiB). Errors: ConfigInvalid naming the file. */
    static Result<TokenStore> load(const QString &fileName);
    /**
     * Parses one "NAME ROLE sha256:HEX" line; the error text has no position (the caller adds it).
     * Used for the file and for such entries in [server] tokens.
     */
    static Result<Entry> parseLine(const QString &line);

    /**
     * Adds a plain token from the deprecated [server] tokens array: hashed here, it maps to the
     * identity @p identity.
     */
    void addPlainToken(const QString &token, const Identity &identity);
    /** Adds all entries of @p other (e.g. the tokens file to the config's entries). */
    void merge(const TokenStore &other);

    /** The identity of @p token, or nothing. Constant time in the token's content. */
    std::optional<Identity> authenticate(const QString &token) const;

    bool isEmpty() const { return m_entries.isEmpty(); }
    int size() const { return m_entries.size(); }
    const QList<Entry> &entries() const { return m_entries; }

    /** SHA-256 of the UTF-8 bytes of @p token (32 raw bytes). */
    static QByteArray hashToken(const QString &token);
    /** Byte-wise comparison that takes the same time wherever the first difference is. */
    static bool constantTimeEquals(const QByteArray &a, const QByteArray &b);
    /** A new random token: "bst_" followed by 43 base64url characters (256 bits). */
    static QString generateToken();
    /** The tokens file line for @p token: "NAME ROLE sha256:HEX". */
    static QString fileLine(const QString &name, Identity::Role role, const QString &token);
    /** True for a valid identity name (see the file format). */
    static bool isValidName(const QString &name);

private:
    QList<Entry> m_entries;
};

} // namespace BuildService
