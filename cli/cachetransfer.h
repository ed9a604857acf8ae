// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: GPL-2.0-or-later

// Cache transfers: moving one recording from a server into a file and from a file into a server.
#pragma once

#include "client/clientconnection.h"

#include <QCoreApplication>
#include <QString>

namespace BuildService::Cli {

/** Moving one recording of the build cache into a file and back into a server. */
class CacheTransfer
{
    Q_DECLARE_TR_FUNCTIONS(CacheTransfer)
public:

/**
 * Downloads the cache entry @p key of @p server into @p file (written atomically with
 * QSaveFile; an existing file is replaced only when the download is complete). Returns 0, or
 * prints "build-service: error (<code>): <message>" and returns 125. Runs a local event loop.
 */
    static int exportEntry(const QString &server, const QString &token, const ClientTlsOptions &tls, const QString &key, const QString &file);

/**
 * Uploads the bundle @p file (made by exportCacheEntry) to @p server, which checks it like an
 * upload before it adds the entry. Returns 0 with the imported key printed, 2 when the file
 * cannot be read, 125 on a refusal or connection failure (the server's reason printed).
 */
    static int importEntry(const QString &server, const QString &token, const ClientTlsOptions &tls, const QString &file);
};

} // namespace BuildService::Cli
