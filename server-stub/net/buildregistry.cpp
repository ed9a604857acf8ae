// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: GPL-2.0-or-later

// BuildRegistry: streams by build id, detached jobs, expiry after the end.
#include "buildregistry.h"

#include "build/buildjob.h"
#include "net/buildstream.h"
#include "net/servermetrics.h"

#include <QLoggingCategory>
#include <QTimer>

Q_LOGGING_CATEGORY(lcRegistry, "buildservice.server.detached", QtInfoMsg)

namespace BuildService {

BuildRegistry::BuildRegistry(QObject *parent)
    : QObject(parent)
{
}

BuildRegistry::~BuildRegistry()
{
    // Jobs still owned here are deleted as children before the streams they write to.
    const auto children = findChildren<BuildJob *>(QString(), Qt::FindDirectChildrenOnly);
    qDeleteAll(children);
}

BuildStream *BuildRegistry::add(BuildJob *job, const QString &buildId, qint64 bufferBytes, const QString &owner)
{
    auto entry = std::make_shared<Entry>();
    entry->owner = owner;
    entry->stream = std::make_unique<BuildStream>(buildId, bufferBytes, m_metrics);
    entry->job = job;
    BuildStream *stream = entry->stream.get();
    m_entries.insert(buildId, entry);
    connect(job, &BuildJob::finished, this, [this, buildId] { onFinished(buildId); });
    return stream;
}

QString BuildRegistry::owner(const QString &buildId) const
{
    const auto it = m_entries.constFind(buildId);
    return it == m_entries.constEnd() ? QString() : it.value()->owner;
}

BuildStream *BuildRegistry::stream(const QString &buildId) const
{
    const auto it = m_entries.constFind(buildId);
    return it == m_entries.constEnd() ? nullptr : it.value()->stream.get();
}

BuildJob *BuildRegistry::runningJob(const QString &buildId) const
{
    const auto it = m_entries.constFind(buildId);
    return it == m_entries.constEnd() || it.value()->finished ? nullptr : it.value()->job.data();
}

void BuildRegistry::detach(BuildJob *job)
{
    const auto it = m_entries.constFind(job->buildId());
    if (it == m_entries.constEnd())
        return;
    it.value()->stream->detach();
    job->setParent(this);
    qCInfo(lcRegistry).noquote() << job->buildId() << "detached: its client went away; it keeps running ("
                                 << "build-service attach" << job->buildId() << ")";
    // Output may have been paused for the old connection's backlog: nobody reads it now.
    job->sinkDrained();
    if (m_shuttingDown)
        job->cancel(QStringLiteral("server shutting down"));
}

void BuildRegistry::adopt(BuildJob *job, QObject *session)
{
    job->setParent(session);
    qCInfo(lcRegistry).noquote() << job->buildId() << "attached again";
}

int BuildRegistry::detachedRunning() const
{
    int count = 0;
    for (const auto &entry : m_entries)
        count += !entry->finished && entry->job && entry->job->parent() == this ? 1 : 0;
    return count;
}

void BuildRegistry::shutdown()
{
    m_shuttingDown = true;
    for (const auto &entry : qAsConst(m_entries)) {
        if (!entry->finished && entry->job && entry->job->parent() == this)
            entry->job->cancel(QStringLiteral("server shutting down"));
    }
    if (detachedRunning() == 0)
        Q_EMIT idle();
}

void BuildRegistry::onFinished(const QString &buildId)
{
    const auto it = m_entries.constFind(buildId);
    if (it == m_entries.constEnd())
        return;
    it.value()->finished = true;
    if (m_metrics)
        m_metrics->buildFinished(it.value()->stream->outcome(), it.value()->stream->ageSeconds());
    QTimer::singleShot(keepAfterFinishMs(), this, [this, buildId] { expire(buildId); });
    Q_EMIT buildFinished(buildId);
    if (m_shuttingDown && detachedRunning() == 0)
        Q_EMIT idle();
}

void BuildRegistry::expire(const QString &buildId)
{
    const std::shared_ptr<Entry> entry = m_entries.take(buildId);
    if (!entry)
        return;
    // A session that attached meanwhile stops receiving from this stream.
    entry->stream->detach();
    if (entry->job && entry->job->parent() == this) {
        delete entry->job.data();
    } else if (entry->job) {
        // A session still owns the job, which still points at this stream: the stream lives
        // until the job is gone (the connection holds the last reference to the entry).
        connect(entry->job.data(), &QObject::destroyed, this, [entry] {});
    }
}

} // namespace BuildService
