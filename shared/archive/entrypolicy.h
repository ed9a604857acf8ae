// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: LGPL-2.1-only OR LGPL-3.0-only

// EntryPolicy: the path rules every archive entry and symlink target must pass before it is written.
#pragma once

#include "core/result.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace BuildService {

/**
 * Pure, stateless checks for paths taken from untrusted archives (server intake of uploads,
 * client unpacking of artifacts). All functions are thread-safe.
 *
 * Error texts have the form `entry "<path>" rejected: <reason>` and
 * `symlink "<path>" rejected: <reason>`, with the offending path made printable (see printable()).
 * The error code is always ErrorCode::ArchiveRejected.
 */
class EntryPolicy
{
public:
    static constexpr int DefaultMaxPathLength = 4096;
    /** The longest single component most Linux file systems accept (NAME_MAX). */
    static constexpr int MaxComponentLength = 255;

    enum class PathKind { File, Directory };

    /**
     * Validates an entry path and returns it normalised: one leading "./" is dropped, and for
     * PathKind::Directory one trailing "/" too ("./" or "." as a directory yields an empty string,
     * meaning the root itself). Rejected: empty paths, absolute paths, ".." components, "." or
     * empty components elsewhere, backslashes, NUL and other control characters (< 0x20, 0x7f),
     * unpaired UTF-16 surrogates, paths longer than @p maxLength UTF-8 bytes and components
     * longer than MaxComponentLength bytes.
     */
    static Result<QString> validateEntryPath(const QString &path, int maxLength = DefaultMaxPathLength,
                                             PathKind kind = PathKind::File);

    /**
     * Validates the target of a symlink stored at @p entryPath (an already validated, normalised
     * entry path). The target must be non-empty, relative, free of control characters and
     * backslashes, not longer than @p maxLength bytes, may contain ".." only as leading
     * components, and those may not climb above the tree root from the entry's directory
     * ("../x" is fine for "a/link", not for "link"). "." and empty components are neutral.
     */
    static Result<void> validateSymlinkTarget(const QString &entryPath, const QString &target,
                                              int maxLength = DefaultMaxPathLength);

    /**
     * A form of @p path safe for log lines and error messages: control characters become
     * "\xNN", and anything beyond 200 characters is cut and marked with "...".
     */
    static QString printable(const QString &path);

    /**
     * Groups of paths in @p paths that name the same file on a case-insensitive or
     * normalisation-insensitive file system (macOS, Windows): equal after Unicode NFC
     * normalisation and case folding ("README.txt"/"Readme.txt", "café" in NFC and NFD).
     * Each group lists its paths sorted; groups are sorted by their first path. At most
     * @p maxGroups groups are returned (the count of all of them in @p total, if given).
     */
    static QList<QStringList> findTwins(const QStringList &paths, int maxGroups = 20, int *total = nullptr);
};

} // namespace BuildService
