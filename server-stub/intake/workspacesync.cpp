// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: GPL-2.0-or-later

// WorkspaceSync: brings a persistent workspace up to date from a staged upload, keeping build outputs.
#include "workspacesync.h"

#include "archive/safetreewriter.h"

#include <QDir>
#include <QLoggingCategory>
#include <QSet>

Q_LOGGING_CATEGORY(lcSync, "buildservice.server.sync", QtInfoMsg)

namespace BuildService {

namespace {
using Info = SafeTreeWriter::EntryInfo;

bool stillMatches(const ManifestEntry &entry, const Info &info)
{
    if (entry.type == ManifestEntry::Type::Symlink)
        return info.type == Info::Type::Symlink && info.linkTarget == entry.linkTarget.toUtf8();
    return info.type == Info::Type::File && info.size == entry.size && info.mode == entry.mode;
}

// Every directory the incoming tree needs, so pruning never removes one of them.
QSet<QString> neededDirectories(const Manifest &incoming)
{
    QSet<QString> dirs;
    for (auto it = incoming.entries().constBegin(); it != incoming.entries().constEnd(); ++it) {
        const QString &path = it.key();
        for (int i = path.lastIndexOf(QLatin1Char('/')); i > 0; i = path.lastIndexOf(QLatin1Char('/'), i - 1)) {
            const QString dir = path.left(i);
            if (dirs.contains(dir))
                break; // its parents are in already
            dirs.insert(dir);
        }
    }
    return dirs;
}
} // namespace

Result<WorkspaceSync::SyncStats> WorkspaceSync::apply(const QString &stagingDir, const Manifest &incoming,
                                                      const QString &workspaceDir, const Manifest &previous)
{
    SyncStats stats;
    if (!QDir().mkpath(workspaceDir))
        return makeError(ErrorCode::IoError, QStringLiteral("cannot create workspace directory \"%1\"").arg(workspaceDir));
    SafeTreeWriter staging;
    Result<void> r = staging.open(stagingDir);
    if (!r)
        return r.error();
    SafeTreeWriter workspace;
    r = workspace.open(workspaceDir);
    if (!r)
        return r.error();

    // 1. Removals first, so a file that becomes a directory (or back) finds its place free.
    const QSet<QString> needed = neededDirectories(incoming);
    QSet<QString> pruneCandidates;
    for (auto it = previous.entries().constBegin(); it != previous.entries().constEnd(); ++it) {
        if (incoming.contains(it.key()))
            continue;
        Result<bool> removed = workspace.removePath(it.key().toUtf8());
        if (!removed)
            return removed.error();
        if (removed.value())
            ++stats.deleted;
        const int slash = it.key().lastIndexOf(QLatin1Char('/'));
        if (slash > 0)
            pruneCandidates.insert(it.key().left(slash));
    }
    // Deepest first, so a parent is tried after its children; rmdir only removes empty
    // directories, so anything a build put there keeps its directory.
    QStringList prune(pruneCandidates.cbegin(), pruneCandidates.cend());
    std::sort(prune.begin(), prune.end(), [](const QString &a, const QString &b) { return a.size() > b.size(); });
    QSet<QString> tried;
    for (QString dir : qAsConst(prune)) {
        while (!dir.isEmpty() && !needed.contains(dir) && !tried.contains(dir)) {
            tried.insert(dir);
            if (!workspace.removeEmptyDirectory(dir.toUtf8()))
                break;
            const int slash = dir.lastIndexOf(QLatin1Char('/'));
            dir = slash > 0 ? dir.left(slash) : QString();
        }
    }

    // 2./3. Keep what is unchanged, move everything else into place.
    for (auto it = incoming.entries().constBegin(); it != incoming.entries().constEnd(); ++it) {
        const ManifestEntry &entry = it.value();
        const QByteArray path = entry.path.toUtf8();
        const ManifestEntry *old = previous.find(entry.path);
        if (old && old->sameContent(entry)) {
            Result<Info> info = workspace.entryInfo(path);
            if (!info)
                return info.error();
            // A build that rewrote a source file in place (same size) changed its mtime: the
            // stat recorded at the previous sync tells, so the upload's copy wins.
            const bool untouched = old->mtimeNs == 0 || info->mtimeNs == old->mtimeNs;
            if (untouched && stillMatches(entry, info.value())) {
                ++stats.unchanged;
                continue;
            }
        }
        r = workspace.moveFrom(staging, path, path);
        if (!r)
            return r.error();
        ++stats.written;
        stats.bytes += entry.size;
    }
    qCDebug(lcSync) << "synced" << workspaceDir << ": written" << stats.written << "unchanged" << stats.unchanged
                    << "deleted" << stats.deleted << "bytes" << stats.bytes;
    return stats;
}

} // namespace BuildService
