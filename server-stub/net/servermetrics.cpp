// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: GPL-2.0-or-later

// ServerMetrics: in-memory counters and the Prometheus text exposition format 0.0.4.
#include "servermetrics.h"

#include <algorithm>

namespace BuildService {

namespace {
QByteArray number(double value)
{
    // Prometheus accepts Go float syntax; 15 significant digits print 0.1 as 0.1 and keep sums exact enough.
    return QByteArray::number(value, 'g', 15);
}

void family(QByteArray &out, const char *name, const char *type, const char *help)
{
    out += QByteArrayLiteral("# HELP ") + name + ' ' + help + '\n';
    out += QByteArrayLiteral("# TYPE ") + name + ' ' + type + '\n';
}

void sample(QByteArray &out, const char *name, qint64 value)
{
    out += QByteArray(name) + ' ' + QByteArray::number(value) + '\n';
}

/** Label values here are fixed words; escaping keeps that true should one ever come from outside. */
QByteArray labelValue(const QString &value)
{
    QByteArray escaped = value.toUtf8();
    escaped.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', "\\n");
    return escaped;
}
} // namespace

QString ServerMetrics::outcomeName(Outcome outcome)
{
    switch (outcome) {
    case Outcome::Success: return QStringLiteral("success");
    case Outcome::Failure: return QStringLiteral("failure");
    case Outcome::Cancelled: return QStringLiteral("cancelled");
    case Outcome::Timeout: return QStringLiteral("timeout");
    case Outcome::Cached: return QStringLiteral("cached");
    }
    return QString();
}

ServerMetrics::ServerMetrics()
{
    // Builds take from well under a second (a replay, an up-to-date ninja) to an hour.
    m_buildSeconds.bounds = {0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800, 3600};
    m_syncSeconds.bounds = {0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300};
    m_buildSeconds.counts.fill(0, m_buildSeconds.bounds.size() + 1);
    m_syncSeconds.counts.fill(0, m_syncSeconds.bounds.size() + 1);
    // Every outcome is present from the start: a rate() over a series that appears late misses its first increase.
    for (Outcome outcome : {Outcome::Success, Outcome::Failure, Outcome::Cancelled, Outcome::Timeout, Outcome::Cached})
        m_builds.insert(outcome, 0);
}

void ServerMetrics::Histogram::observe(double value)
{
    const auto bucket = std::lower_bound(bounds.cbegin(), bounds.cend(), value) - bounds.cbegin();
    ++counts[int(bucket)];
    sum += value;
    ++count;
}

void ServerMetrics::buildFinished(Outcome outcome, double seconds)
{
    ++m_builds[outcome];
    m_buildSeconds.observe(seconds);
}

void ServerMetrics::syncFinished(qint64 bytes, double seconds)
{
    m_syncedBytes += bytes;
    m_syncSeconds.observe(seconds);
}

void ServerMetrics::cacheLookup(bool hit)
{
    ++(hit ? m_cacheHits : m_cacheMisses);
}

void ServerMetrics::renderHistogram(QByteArray &out, const char *name, const char *help, const Histogram &histogram)
{
    family(out, name, "histogram", help);
    qint64 cumulative = 0;
    for (int i = 0; i < histogram.bounds.size(); ++i) {
        cumulative += histogram.counts.at(i);
        out += QByteArray(name) + "_bucket{le=\"" + number(histogram.bounds.at(i)) + "\"} " + QByteArray::number(cumulative) + '\n';
    }
    out += QByteArray(name) + "_bucket{le=\"+Inf\"} " + QByteArray::number(histogram.count) + '\n';
    out += QByteArray(name) + "_sum " + number(histogram.sum) + '\n';
    out += QByteArray(name) + "_count " + QByteArray::number(histogram.count) + '\n';
}

QByteArray ServerMetrics::render(const Gauges &gauges) const
{
    QByteArray out;
    family(out, "buildservice_builds_total", "counter", "Builds that ended since the server started, by outcome.");
    for (auto it = m_builds.cbegin(); it != m_builds.cend(); ++it)
        out += "buildservice_builds_total{outcome=\"" + labelValue(outcomeName(it.key())) + "\"} " + QByteArray::number(it.value()) + '\n';
    renderHistogram(out, "buildservice_build_duration_seconds", "Time from a build request to its end, in seconds.", m_buildSeconds);
    renderHistogram(out, "buildservice_sync_duration_seconds", "Time to sync a build's sources into its workspace, in seconds.",
                    m_syncSeconds);
    family(out, "buildservice_synced_bytes_total", "counter", "Uncompressed bytes of sources received by syncs.");
    sample(out, "buildservice_synced_bytes_total", m_syncedBytes);
    family(out, "buildservice_cache_hits_total", "counter", "Builds replayed from the build cache.");
    sample(out, "buildservice_cache_hits_total", m_cacheHits);
    family(out, "buildservice_cache_misses_total", "counter", "Builds the cache could not replay and that ran live.");
    sample(out, "buildservice_cache_misses_total", m_cacheMisses);
    family(out, "buildservice_workspaces", "gauge", "Workspaces on disk, by state.");
    for (const char *state : {"building", "dirty", "idle"})
        out += QByteArray("buildservice_workspaces{state=\"") + state + "\"} " + QByteArray::number(gauges.workspaces.value(QLatin1String(state))) + '\n';
    family(out, "buildservice_workspace_bytes", "gauge", "Disk use of all workspaces as measured after their last build, in bytes.");
    sample(out, "buildservice_workspace_bytes", gauges.workspaceBytes);
    family(out, "buildservice_queued_builds", "gauge", "Builds waiting for their workspace.");
    sample(out, "buildservice_queued_builds", gauges.queuedBuilds);
    family(out, "buildservice_running_builds", "gauge", "Builds between their request and their end.");
    sample(out, "buildservice_running_builds", gauges.runningBuilds);
    family(out, "buildservice_sessions", "gauge", "Open WebSocket connections.");
    sample(out, "buildservice_sessions", gauges.sessions);
    family(out, "buildservice_ready", "gauge", "1 while the server accepts builds, 0 while it drains or stops.");
    sample(out, "buildservice_ready", gauges.ready ? 1 : 0);
    return out;
}

} // namespace BuildService
