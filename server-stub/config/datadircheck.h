// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: GPL-2.0-or-later

// DataDirCheck: whether the server could use a data directory, without changing anything.
#pragma once

#include "core/result.h"

#include <QString>

namespace BuildService {

/**
 * For --check-config and start-up: a data directory is usable when every existing component
 * of its path is a directory (symlinks followed) and the deepest existing one is writable and
 * searchable (the rest is created), or it exists and is readable, writable and searchable.
 * Nothing is created. Thread-safe.
 */
class DataDirCheck
{
public:
    /**
     * Errors (ConfigInvalid) name the directory and the reason, e.g. "cannot use the data
     * directory /srv/bs/data: /srv/bs is not a directory".
     */
    static Result<void> check(const QString &dataDir);
};

} // namespace BuildService
