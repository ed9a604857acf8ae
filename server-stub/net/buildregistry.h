// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: GPL-2.0-or-later

// BuildRegistry: every build's event stream by build id, and the builds whose client went away.
#pragma once

#include <QHash>
#include <QObject>
#include <QPointer>

#include <memory>

namespace BuildService {

class BuildJob;
class BuildStream;
class ServerMetrics;

/**
 * Knows the BuildStream of every build of this server run, so that `attach` can find it by
 * build id, and owns the jobs of detached builds ([build] disconnect_policy = "detach"): their
 * client disconnected, they keep running, their events are kept in the stream's bounded buffer.
 * A finished build stays attachable for keepAfterFinishMs() (to fetch the rest of its output
 * and its exit event), then its stream (and a detached job) is deleted.
 *
 * Event-loop thread only.
 */
class BuildRegistry : public QObject
{
    Q_OBJECT
public:
    explicit BuildRegistry(QObject *parent = nullptr);
    ~BuildRegistry() override;

    static constexpr int keepAfterFinishMs() { return 10 * 60 * 1000; }

    /** Counts every build added from now on in @p metrics (not owned; must outlive the registry). */
    void setMetrics(ServerMetrics *metrics) { m_metrics = metrics; }

    /**
     * Registers @p job (owned by its session), started by the identity @p owner, and returns the
     * stream it must use as its sink.
     */
    BuildStream *add(BuildJob *job, const QString &buildId, qint64 bufferBytes, const QString &owner = QString());
    /** The identity name that started @p buildId (empty when unknown). */
    QString owner(const QString &buildId) const;
    /** The stream of @p buildId, or null (unknown, or expired after it finished). */
    BuildStream *stream(const QString &buildId) const;
    /** The job of @p buildId while it has not finished, else null. */
    BuildJob *runningJob(const QString &buildId) const;

    /** The client of @p job went away: the registry owns the job from now on; it keeps running. */
    void detach(BuildJob *job);
    /** A session took @p job over again (attach): it owns it from now on. */
    void adopt(BuildJob *job, QObject *session);

    /** Detached builds that have not finished. */
    int detachedRunning() const;
    /** Server shutdown: cancels the detached builds; idle() follows once none is running. */
    void shutdown();

Q_SIGNALS:
    /** After shutdown(): no detached build is running any more. */
    void idle();
    /** A build of this registry (attached or detached) finished; its job's state() is Finished. */
    void buildFinished(const QString &buildId);

private:
    struct Entry {
        std::unique_ptr<BuildStream> stream;
        QPointer<BuildJob> job;
        QString owner;
        bool finished = false;
    };
    void onFinished(const QString &buildId);
    void expire(const QString &buildId);

    QHash<QString, std::shared_ptr<Entry>> m_entries;
    bool m_shuttingDown = false;
    ServerMetrics *m_metrics = nullptr;
};

} // namespace BuildService
