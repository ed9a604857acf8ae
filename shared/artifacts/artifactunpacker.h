// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: LGPL-2.1-only OR LGPL-3.0-only

// ArtifactUnpacker: extracts artifacts.zip on the client, refusing anything hostile.
#pragma once

#include "core/result.h"

#include <QString>
#include <QStringList>

namespace BuildService {

/**
 * Extracts an artifacts zip into a local directory. The zip comes from a server, so it is
 * treated as hostile input: every entry name is checked as stored in the archive (KZip would
 * silently clean some of them) before anything is written.
 */
class ArtifactUnpacker
{
public:
    /**
     * Extracts the regular files of @p zipPath below @p destRoot (created if missing) and
     * returns their relative paths, in archive order.
     *
     * Names are checked before anything is written; one bad entry rejects the whole archive
     * (ErrorCode::ArchiveRejected, message "archive entry '<name>' <reason>", control characters
     * shown as \xNN): absolute paths, `..`, empty or `.` components, backslashes, control
     * characters, invalid UTF-8, duplicates, a name that is both a file and a directory, and
     * symbolic-link entries ("is a symbolic link").
     *
     * Never writes through a symlink: when an existing path component below @p destRoot, or the
     * target itself, is a symlink, nothing is written and the error is ArchiveRejected
     * "refusing to write through symlink <absolute path>". (@p destRoot itself may be a symlink.)
     * A regular file in the way of a directory, or a directory in the way of a file, is an
     * IoError, also detected before writing.
     *
     * Each file is written to a temporary name in its directory and renamed over the target,
     * so an existing file is replaced atomically. Mode: the entry's permission bits (exec bits
     * kept, set-id bits dropped) plus owner read/write; 0644 when the archive records none.
     * Contents are checked against the archive's CRC-32 and size (ArchiveRejected "... is
     * corrupt"); a failure there leaves the files written before it in place.
     *
     * Blocking; reentrant. Other errors: ArchiveRejected (not a readable zip), DiskFull, IoError.
     */
    static Result<QStringList> unpack(const QString &zipPath, const QString &destRoot);
};

} // namespace BuildService
