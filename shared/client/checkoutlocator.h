// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: LGPL-2.1-only OR LGPL-3.0-only

// CheckoutLocator: finds the checkout a directory belongs to, the way git finds its work tree.
#pragma once

#include <QString>

namespace BuildService {

/** Where a command was started, relative to the checkout it belongs to. */
struct CheckoutLocation {
    QString root;          ///< absolute, clean path of the checkout (what is uploaded)
    QString subdirectory;  ///< path of the start directory relative to root; empty when it is the root
};

/**
 * The checkout of a directory is its nearest ancestor (the directory itself included) that
 * holds `.git` (a directory or, in worktrees and submodules, a file) or a `.build-service/`
 * folder; without one, the directory itself is the checkout. Pure file-system lookups, no git
 * process; safe on any thread.
 */
class CheckoutLocator
{
public:
    /** The location of @p startDir (relative paths are taken from the current directory). */
    static CheckoutLocation locate(const QString &startDir);
};

} // namespace BuildService
