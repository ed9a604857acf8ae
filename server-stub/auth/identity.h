// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: GPL-2.0-or-later

// Identity: who a connection acts as: a user name and a role.
#pragma once

#include <QString>

namespace BuildService {

/**
 * The identity a token maps to. Every workspace, build, artifact set and cache entry records
 * the name of the identity that created it; only that identity and admins can use it.
 * Plain value type.
 */
struct Identity {
    enum class Role { User, Admin };

    QString name;
    Role role = Role::User;

    bool isAdmin() const { return role == Role::Admin; }
    /** True when this identity may use something recorded as created by @p owner. */
    bool mayAccess(const QString &owner) const { return isAdmin() || (!owner.isEmpty() && owner == name); }

    /** "user" or "admin". */
    static QString roleName(Role role) { return role == Role::Admin ? QStringLiteral("admin") : QStringLiteral("user"); }
    /** The implicit identity of a server without tokens (loopback only): "local", admin. */
    static Identity local() { return Identity{QStringLiteral("local"), Role::Admin}; }
};

} // namespace BuildService
