// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: GPL-2.0-or-later

// ServerMetrics: counters and histograms of this server run, rendered in the Prometheus text format.
#pragma once

#include <QByteArray>
#include <QMap>
#include <QString>
#include <QVector>

namespace BuildService {

/**
 * The figures GET /metrics reports. Counters and histograms live here, in memory, from the
 * start of the server process (Prometheus expects counters to reset on a restart); the gauges
 * are a snapshot the caller takes when it renders. Event-loop thread only; every method is a
 * few additions, nothing that could stall the loop.
 */
class ServerMetrics
{
public:
    /** How a build ended; the label value of buildservice_builds_total{outcome=...}. */
    enum class Outcome { Success, Failure, Cancelled, Timeout, Cached };
    static QString outcomeName(Outcome outcome);

    /** Figures that describe the server now, not a sum over time. */
    struct Gauges {
        int sessions = 0;
        int runningBuilds = 0;
        int queuedBuilds = 0;           ///< builds waiting for their workspace
        QMap<QString, int> workspaces;  ///< by state ("building", "idle", "dirty")
        qint64 workspaceBytes = 0;      ///< the sizes recorded after each build, summed
        bool ready = true;
    };

    ServerMetrics();

    /** A build ended; @p seconds from its request to its end. */
    void buildFinished(Outcome outcome, double seconds);
    /** A build's sources were synced into its workspace. */
    void syncFinished(qint64 bytes, double seconds);
    /** A build asked the cache: @p hit true when it was replayed. */
    void cacheLookup(bool hit);

    /** Text exposition format 0.0.4 (Content-Type text/plain; version=0.0.4). */
    QByteArray render(const Gauges &gauges) const;

private:
    struct Histogram {
        QVector<double> bounds;   ///< upper bounds, ascending, without +Inf
        QVector<qint64> counts;   ///< per bucket (not cumulative), size bounds + 1
        double sum = 0;
        qint64 count = 0;
        void observe(double value);
    };
    static void renderHistogram(QByteArray &out, const char *name, const char *help, const Histogram &histogram);

    QMap<Outcome, qint64> m_builds;
    Histogram m_buildSeconds;
    Histogram m_syncSeconds;
    qint64 m_syncedBytes = 0;
    qint64 m_cacheHits = 0;
    qint64 m_cacheMisses = 0;
};

} // namespace BuildService
