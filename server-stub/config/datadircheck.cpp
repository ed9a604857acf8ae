// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: GPL-2.0-or-later

// DataDirCheck: stat() of every path component, access() of the deepest existing one.
#include "config/datadircheck.h"

#include <QDir>
#include <QFile>

#include <cerrno>
#include <cstring>

#include <sys/stat.h>
#include <unistd.h>

namespace BuildService {

Result<void> DataDirCheck::check(const QString &dataDir)
{
    const auto unusable = [&dataDir](const QString &reason) {
        return makeError(ErrorCode::ConfigInvalid, QStringLiteral("cannot use the data directory %1: %2").arg(dataDir, reason));
    };
    if (dataDir.isEmpty())
        return makeError(ErrorCode::ConfigInvalid, QStringLiteral("no data directory: set [storage] data_dir or --data-dir"));
    const QString clean = QDir::cleanPath(QDir(dataDir).absolutePath());
    const QStringList parts = clean.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    QString existing = QStringLiteral("/");
    QString path;
    for (const QString &part : parts) {
        path += QLatin1Char('/') + part;
        struct stat st;
        if (::stat(QFile::encodeName(path).constData(), &st) != 0) {
            if (errno == ENOENT)
                break; // created at start-up, below the deepest existing directory
            return unusable(QStringLiteral("%1: %2").arg(path, QString::fromLocal8Bit(strerror(errno))));
        }
        if (!S_ISDIR(st.st_mode))
            return unusable(QStringLiteral("%1 is not a directory").arg(path));
        existing = path;
    }
    const int mode = existing == clean ? (R_OK | W_OK | X_OK) : (W_OK | X_OK);
    if (::access(QFile::encodeName(existing).constData(), mode) != 0) {
        const QString what = existing == clean ? QStringLiteral("%1 is not readable, writable and searchable").arg(existing)
                                               : QStringLiteral("%1 cannot be created: %2 is not writable").arg(clean, existing);
        return unusable(QStringLiteral("%1 (%2)").arg(what, QString::fromLocal8Bit(strerror(errno))));
    }
    return {};
}

} // namespace BuildService
