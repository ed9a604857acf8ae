// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: GPL-2.0-or-later

// UploadPipeline: the worker-thread side of receiving an upload.
#include "uploadpipeline.h"

#include "archive/entrypolicy.h"
#include "sync/treestat.h"

#include <QMetaObject>

namespace BuildService {

UploadPipeline::UploadPipeline(const QString &stagingDir, const IntakeLimits &limits, bool zstd, QObject *parent)
    : QObject(parent)
    , m_stagingDir(stagingDir)
    , m_limits(limits)
    , m_intake(std::make_unique<UploadIntake>(stagingDir, limits, zstd))
    , m_stopped(std::make_shared<std::atomic_bool>(false))
{
    m_thread.setObjectName(QStringLiteral("upload"));
    m_worker = new QObject;
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread.start();
}

UploadPipeline::~UploadPipeline()
{
    m_stopped->store(true);
    m_thread.quit();
    m_thread.wait();
}

void UploadPipeline::feed(const QByteArray &bytes)
{
    auto stopped = m_stopped;
    QMetaObject::invokeMethod(m_worker, [this, bytes, stopped] {
        if (stopped->load())
            return;
        const Result<void> result = m_intake->feed(bytes);
        if (!result) {
            stopped->store(true);
            QMetaObject::invokeMethod(this, [this, error = result.error()] { Q_EMIT failed(error); });
            return;
        }
        const qint64 size = bytes.size();
        QMetaObject::invokeMethod(this, [this, size, stopped] {
            if (!stopped->load())
                Q_EMIT consumed(size);
        });
    });
}

QString UploadPipeline::twinsText(const QList<QStringList> &twins, int total)
{
    QStringList shown;
    for (const QStringList &group : twins) {
        QStringList quoted;
        for (const QString &path : group)
            quoted.append(QLatin1Char('"') + EntryPolicy::printable(path) + QLatin1Char('"'));
        shown.append(quoted.join(QLatin1String(" and ")));
    }
    QString text = QStringLiteral("%1 path(s) differ only in letter case or Unicode normalisation, so they clash on macOS "
                                  "and Windows file systems: %2")
                       .arg(total)
                       .arg(shown.join(QLatin1String("; ")));
    if (total > twins.size())
        text += QStringLiteral("; and %1 more").arg(total - twins.size());
    return text;
}

namespace {
/** The tree after a delta upload, or an error when the upload does not fit the plan. */
Result<Manifest> applyPlan(const Manifest &staged, const Manifest &previous, const UploadPipeline::Plan &plan)
{
    if (!plan.delta)
        return staged;
    Manifest incoming = previous;
    for (const QString &path : plan.removed)
        incoming.remove(path);
    for (const ManifestEntry &entry : staged.entries())
        incoming.insert(entry);
    for (const QString &path : plan.need) {
        if (incoming.contains(path) && !staged.contains(path)) {
            return makeError(ErrorCode::UploadIncomplete,
                             QStringLiteral("the upload lacks \"%1\", which the workspace no longer holds unchanged").arg(path));
        }
    }
    // A path cannot be a file and the parent directory of another entry at the same time;
    // a delta that says so does not describe a tree.
    for (const ManifestEntry &entry : incoming.entries()) {
        int slash = entry.path.indexOf(QLatin1Char('/'));
        while (slash > 0) {
            if (incoming.contains(entry.path.left(slash))) {
                return makeError(ErrorCode::ArchiveRejected,
                                 QStringLiteral("entry \"%1\" rejected: \"%2\" is a file in the resulting tree")
                                     .arg(entry.path, entry.path.left(slash)));
            }
            slash = entry.path.indexOf(QLatin1Char('/'), slash + 1);
        }
    }
    return incoming;
}
} // namespace

Result<SyncStats> UploadPipeline::applyDelta(const QString &workspaceDir, const Manifest &incoming, const Manifest &previous,
                                             const Manifest &written, const QStringList &removed) const
{
    // Only what the delta names is touched: the rest of the tree was verified by lstat when
    // the delta was accepted, so the cost grows with the change, not with the tree.
    Manifest touchedIncoming;
    Manifest touchedPrevious;
    for (const ManifestEntry &entry : written.entries()) {
        touchedIncoming.insert(*incoming.find(entry.path));
        if (const ManifestEntry *old = previous.find(entry.path))
            touchedPrevious.insert(*old);
    }
    for (const QString &path : removed) {
        if (const ManifestEntry *old = previous.find(path))
            touchedPrevious.insert(*old);
    }
    Result<SyncStats> stats = WorkspaceSync::apply(m_stagingDir, touchedIncoming, workspaceDir, touchedPrevious);
    if (stats)
        stats.value().unchanged += incoming.size() - touchedIncoming.size();
    return stats;
}

void UploadPipeline::recordStat(const QString &workspaceDir, Manifest &manifest, const Manifest &previous, const Manifest *written)
{
    if (!written) {
        TreeStat::record(workspaceDir, manifest);
        return;
    }
    // After a delta only the written entries changed on disk; the rest keep the stat recorded
    // at the previous sync, which TreeStat::changed() confirmed when the delta was accepted.
    Manifest fresh;
    for (const ManifestEntry &entry : written->entries()) {
        if (manifest.contains(entry.path))
            fresh.insert(*manifest.find(entry.path));
    }
    TreeStat::record(workspaceDir, fresh);
    for (const ManifestEntry &entry : fresh.entries())
        manifest.insert(entry);
    for (const ManifestEntry &old : previous.entries()) {
        const ManifestEntry *now = manifest.find(old.path);
        if (now && !fresh.contains(old.path)) {
            ManifestEntry kept = *now;
            kept.mtimeNs = old.mtimeNs;
            kept.inode = old.inode;
            kept.ctimeNs = old.ctimeNs;
            manifest.insert(kept);
        }
    }
}

void UploadPipeline::finish(const QString &workspaceDir, const Manifest &previous, const Plan &plan)
{
    auto stopped = m_stopped;
    QMetaObject::invokeMethod(m_worker, [this, workspaceDir, previous, plan, stopped] {
        if (stopped->load())
            return;
        Result<Manifest> staged = m_intake->finish();
        Result<Manifest> manifest = staged ? applyPlan(staged.value(), previous, plan) : Result<Manifest>(staged.error());
        if (!manifest) {
            stopped->store(true);
            QMetaObject::invokeMethod(this, [this, error = manifest.error()] { Q_EMIT failed(error); });
            return;
        }
        const qint64 entries = m_intake->entries();
        const qint64 bytes = m_intake->uncompressedBytes();
        if (plan.delta && staged->isEmpty() && plan.removed.isEmpty()) {
            // Nothing changed and TreeStat vouched for the workspace when the delta was
            // accepted: leave the tree and its metadata alone. This is the no-op fast path.
            SyncStats stats;
            stats.unchanged = previous.size();
            QMetaObject::invokeMethod(this, [this, previous, stats, stopped] {
                if (!stopped->load())
                    Q_EMIT synced(previous, stats, false);
            });
            return;
        }
        // Names that clash on case- or normalisation-insensitive file systems, in the whole
        // resulting tree (a delta can add a twin of a file it does not carry).
        int twinCount = 0;
        const QList<QStringList> twins = EntryPolicy::findTwins(manifest->entries().keys(), 20, &twinCount);
        if (!twins.isEmpty() && m_limits.nameTwins == IntakeLimits::NameTwins::Refuse) {
            stopped->store(true);
            const Error error = makeError(ErrorCode::ArchiveRejected, twinsText(twins, twinCount)
                                              + QLatin1String(" ([limits] name_twins = \"refuse\")"));
            QMetaObject::invokeMethod(this, [this, error] { Q_EMIT failed(error); });
            return;
        }
        // validated() runs on the owner's thread before the workspace is touched: the owner
        // marks the workspace dirty there, then the sync continues on this thread.
        QMetaObject::invokeMethod(this, [this, entries, bytes, workspaceDir, previous, stopped, m = manifest.value(),
                                         written = staged.value(), delta = plan.delta, removed = plan.removed, twins, twinCount,
                                         persist = plan.persist] {
            if (stopped->load())
                return;
            if (!twins.isEmpty())
                Q_EMIT nameTwinsFound(twins, twinsText(twins, twinCount));
            if (stopped->load())
                return;
            Q_EMIT validated(entries, bytes);
            if (stopped->load())
                return;
            QMetaObject::invokeMethod(m_worker, [this, workspaceDir, previous, stopped, m, written, delta, removed, persist]() mutable {
                if (stopped->load())
                    return;
                Result<SyncStats> stats = delta ? applyDelta(workspaceDir, m, previous, written, removed)
                                                : WorkspaceSync::apply(m_stagingDir, m, workspaceDir, previous);
                if (stats)
                    recordStat(workspaceDir, m, previous, delta ? &written : nullptr);
                if (stats && persist) {
                    if (Result<void> persisted = persist(m); !persisted)
                        stats = persisted.error();
                }
                QMetaObject::invokeMethod(this, [this, stats, m, stopped] {
                    if (stopped->load())
                        return;
                    if (stats)
                        Q_EMIT synced(m, stats.value(), true);
                    else
                        Q_EMIT failed(stats.error());
                });
            });
        });
    });
}

void UploadPipeline::abort()
{
    m_stopped->store(true);
}

void UploadPipeline::stopWhenIdle()
{
    abort();
    connect(&m_thread, &QThread::finished, this, [this] {
        Q_EMIT stopped();
        deleteLater();
    });
    m_thread.quit();
}

} // namespace BuildService
