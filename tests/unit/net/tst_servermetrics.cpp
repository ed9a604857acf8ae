// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: BSD-2-Clause

// ServerMetrics: counters and cumulative histogram buckets in the text format.
#include "net/servermetrics.h"

#include <QTest>

using namespace BuildService;

class TestServerMetrics : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void countsOutcomesAndCumulativeBuckets();
};

void TestServerMetrics::countsOutcomesAndCumulativeBuckets()
{
    ServerMetrics metrics;
    metrics.buildFinished(ServerMetrics::Outcome::Success, 0.3);
    metrics.buildFinished(ServerMetrics::Outcome::Timeout, 7200);
    metrics.syncFinished(100, 0.02);
    metrics.syncFinished(50, 0.02);
    metrics.cacheLookup(true);
    ServerMetrics::Gauges gauges;
    gauges.workspaces.insert(QStringLiteral("idle"), 2);
    gauges.ready = false;
    const QList<QByteArray> lines = metrics.render(gauges).split('\n');
    for (const QByteArray &expected :
         {QByteArray("buildservice_builds_total{outcome=\"success\"} 1"), QByteArray("buildservice_builds_total{outcome=\"timeout\"} 1"),
          QByteArray("buildservice_builds_total{outcome=\"cached\"} 0"),
          QByteArray("buildservice_build_duration_seconds_bucket{le=\"0.1\"} 0"),
          QByteArray("buildservice_build_duration_seconds_bucket{le=\"0.5\"} 1"),
          QByteArray("buildservice_build_duration_seconds_bucket{le=\"3600\"} 1"),
          QByteArray("buildservice_build_duration_seconds_bucket{le=\"+Inf\"} 2"), QByteArray("buildservice_build_duration_seconds_sum 7200.3"),
          QByteArray("buildservice_build_duration_seconds_count 2"), QByteArray("buildservice_sync_duration_seconds_bucket{le=\"0.01\"} 0"),
          QByteArray("buildservice_sync_duration_seconds_bucket{le=\"0.05\"} 2"), QByteArray("buildservice_synced_bytes_total 150"),
          QByteArray("buildservice_cache_hits_total 1"), QByteArray("buildservice_cache_misses_total 0"),
          QByteArray("buildservice_workspaces{state=\"idle\"} 2"), QByteArray("buildservice_workspaces{state=\"building\"} 0"),
          QByteArray("buildservice_ready 0"), QByteArray("# TYPE buildservice_synced_bytes_total counter")})
        QVERIFY2(lines.contains(expected), expected.constData());
}

QTEST_GUILESS_MAIN(TestServerMetrics)
#include "tst_servermetrics.moc"
