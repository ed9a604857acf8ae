// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: GPL-2.0-or-later

// CacheIndex: schema, queries and counters on SQLite.
#include "cacheindex.h"

#include <QAtomicInteger>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace BuildService {

namespace {

QAtomicInteger<quint64> s_connectionCounter;

const char *const s_columns =
    "key, build_id, workspace_id, command, outcome, exit_code, bytes, artifacts_bytes, duration_ms, "
    "created_ms, last_access_ms, access_count, expires_ms, toolchain, base_key, prior_state, owner";

CacheEntry entryFrom(const QSqlQuery &q)
{
    CacheEntry e;
    e.key = q.value(0).toString();
    e.buildId = q.value(1).toString();
    e.workspaceId = q.value(2).toString();
    e.command = q.value(3).toString();
    e.outcome = q.value(4).toString();
    e.exitCode = q.value(5).toInt();
    e.bytes = q.value(6).toLongLong();
    e.artifactsBytes = q.value(7).toLongLong();
    e.durationMs = q.value(8).toLongLong();
    e.createdMs = q.value(9).toLongLong();
    e.lastAccessMs = q.value(10).toLongLong();
    e.accessCount = q.value(11).toLongLong();
    e.expiresMs = q.value(12).toLongLong();
    e.toolchain = q.value(13).toString();
    e.baseKey = q.value(14).toString();
    e.priorState = q.value(15).toString();
    e.owner = q.value(16).toString();
    return e;
}

} // namespace

CacheIndex::CacheIndex(const QString &fileName)
    : m_fileName(fileName)
    , m_connection(QStringLiteral("build-service-cache-%1").arg(++s_connectionCounter))
{
}

CacheIndex::~CacheIndex()
{
    {
        QSqlDatabase db = QSqlDatabase::database(m_connection, false);
        if (db.isValid())
            db.close();
    }
    if (QSqlDatabase::contains(m_connection))
        QSqlDatabase::removeDatabase(m_connection);
}

Error CacheIndex::sqlError(const QString &what, const QString &detail) const
{
    return makeError(ErrorCode::IoError, QStringLiteral("cache index %1: %2 failed: %3").arg(m_fileName, what, detail));
}

Result<void> CacheIndex::open()
{
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connection);
    db.setDatabaseName(m_fileName);
    // Wait instead of failing when another connection (e.g. a second index in tests) writes.
    db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
    if (!db.open())
        return sqlError(QStringLiteral("open"), db.lastError().text());
    QSqlQuery q(db);
    // Schema 2 (recordings of format 2, keys over the workspace state): entries of schema 1
    // can never match a request again, so their rows go; their files are swept as orphans.
    // Schema 3 (an owner per entry, keys over the identity or SHA-256 contents): the same, older
    // keys can never match again and nobody would own their rows.
    if (!q.exec(QStringLiteral("PRAGMA user_version")) || !q.next())
        return sqlError(QStringLiteral("reading the schema version"), q.lastError().text());
    if (q.value(0).toInt() < 3) {
        if (!q.exec(QStringLiteral("DROP TABLE IF EXISTS entries")) || !q.exec(QStringLiteral("DROP TABLE IF EXISTS entry_blobs"))
            || !q.exec(QStringLiteral("PRAGMA user_version = 3")))
            return sqlError(QStringLiteral("upgrading the schema"), q.lastError().text());
    }
    const char *const statements[] = {
        "PRAGMA journal_mode=WAL",
        "PRAGMA synchronous=NORMAL",
        "CREATE TABLE IF NOT EXISTS entries ("
        " key TEXT PRIMARY KEY NOT NULL,"
        " build_id TEXT NOT NULL,"
        " workspace_id TEXT NOT NULL,"
        " command TEXT NOT NULL,"
        " outcome TEXT NOT NULL,"
        " exit_code INTEGER NOT NULL,"
        " bytes INTEGER NOT NULL,"
        " artifacts_bytes INTEGER NOT NULL,"
        " duration_ms INTEGER NOT NULL,"
        " created_ms INTEGER NOT NULL,"
        " last_access_ms INTEGER NOT NULL,"
        " access_count INTEGER NOT NULL DEFAULT 0,"
        " expires_ms INTEGER NOT NULL,"
        " toolchain TEXT NOT NULL,"
        " base_key TEXT NOT NULL,"
        " prior_state TEXT NOT NULL,"
        " owner TEXT NOT NULL DEFAULT '')",
        "CREATE INDEX IF NOT EXISTS entries_owner ON entries(owner)",
        "CREATE INDEX IF NOT EXISTS entries_base_key ON entries(base_key)",
        "CREATE TABLE IF NOT EXISTS entry_blobs (build_id TEXT NOT NULL, sha256 TEXT NOT NULL)",
        "CREATE INDEX IF NOT EXISTS entry_blobs_build ON entry_blobs(build_id)",
        "CREATE INDEX IF NOT EXISTS entry_blobs_sha ON entry_blobs(sha256)",
        "CREATE INDEX IF NOT EXISTS entries_workspace ON entries(workspace_id)",
        "CREATE INDEX IF NOT EXISTS entries_last_access ON entries(last_access_ms)",
        "CREATE INDEX IF NOT EXISTS entries_expires ON entries(expires_ms)",
        "CREATE TABLE IF NOT EXISTS counters (name TEXT PRIMARY KEY NOT NULL, value INTEGER NOT NULL)",
        "INSERT OR IGNORE INTO counters(name, value) VALUES ('hits', 0), ('misses', 0), ('saved_ms', 0)",
    };
    for (const char *statement : statements) {
        if (!q.exec(QString::fromLatin1(statement)))
            return sqlError(QStringLiteral("setting up the schema"), q.lastError().text());
    }
    return {};
}

Result<std::optional<CacheEntry>> CacheIndex::find(const QString &key) const
{
    const Result<QList<CacheEntry>> rows = select(QStringLiteral("key = ?"), {key});
    if (!rows)
        return rows.error();
    if (rows->isEmpty())
        return std::optional<CacheEntry>();
    return std::optional<CacheEntry>(rows->first());
}

Result<void> CacheIndex::upsert(const CacheEntry &e)
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    QSqlDatabase db = QSqlDatabase::database(m_connection);
    db.transaction();
    q.prepare(QStringLiteral("INSERT OR REPLACE INTO entries (%1) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                  .arg(QLatin1String(s_columns)));
    // A null QString binds as SQL NULL; the columns are NOT NULL ("" for temporary builds).
    auto text = [](const QString &s) { return s.isNull() ? QStringLiteral("") : s; };
    const QVariantList values{text(e.key), text(e.buildId), text(e.workspaceId), text(e.command), text(e.outcome), e.exitCode,
                              e.bytes, e.artifactsBytes, e.durationMs, e.createdMs, e.lastAccessMs, e.accessCount,
                              e.expiresMs, text(e.toolchain), text(e.baseKey), text(e.priorState), text(e.owner)};
    for (const QVariant &v : values)
        q.addBindValue(v);
    if (!q.exec()) {
        const QString error = q.lastError().text();
        db.rollback();
        return sqlError(QStringLiteral("storing entry %1").arg(e.key), error);
    }
    if (!e.blobs.isEmpty()) {
        // One prepared statement for all rows: this runs on the event loop, and a build with
        // thousands of outputs would otherwise parse the same SQL thousands of times.
        QVariantList buildIds;
        QVariantList digests;
        for (const QByteArray &blob : e.blobs) {
            buildIds << e.buildId;
            digests << QString::fromLatin1(blob);
        }
        q.prepare(QStringLiteral("INSERT INTO entry_blobs (build_id, sha256) VALUES (?, ?)"));
        q.addBindValue(buildIds);
        q.addBindValue(digests);
        if (!q.execBatch()) {
            const QString error = q.lastError().text();
            db.rollback();
            return sqlError(QStringLiteral("storing the outputs of entry %1").arg(e.key), error);
        }
    }
    if (!db.commit())
        return sqlError(QStringLiteral("storing entry %1").arg(e.key), db.lastError().text());
    return {};
}

Result<bool> CacheIndex::hasBaseKey(const QString &baseKey) const
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.prepare(QStringLiteral("SELECT 1 FROM entries WHERE base_key = ? LIMIT 1"));
    q.addBindValue(baseKey);
    if (!q.exec())
        return sqlError(QStringLiteral("looking up inputs %1").arg(baseKey), q.lastError().text());
    return q.next();
}

Result<QByteArrayList> CacheIndex::releaseBlobs(const QString &buildId)
{
    // Two statements whatever the number of outputs: the ones no other recording names, then
    // the references themselves.
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.prepare(QStringLiteral("SELECT DISTINCT b.sha256 FROM entry_blobs b WHERE b.build_id = ? AND NOT EXISTS "
                             "(SELECT 1 FROM entry_blobs o WHERE o.sha256 = b.sha256 AND o.build_id <> b.build_id)"));
    q.addBindValue(buildId);
    if (!q.exec())
        return sqlError(QStringLiteral("reading the outputs of build %1").arg(buildId), q.lastError().text());
    QByteArrayList unused;
    while (q.next())
        unused.append(q.value(0).toString().toLatin1());
    q.prepare(QStringLiteral("DELETE FROM entry_blobs WHERE build_id = ?"));
    q.addBindValue(buildId);
    if (!q.exec())
        return sqlError(QStringLiteral("releasing the outputs of build %1").arg(buildId), q.lastError().text());
    return unused;
}

Result<QByteArrayList> CacheIndex::unreferenced(const QByteArrayList &blobs) const
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.prepare(QStringLiteral("SELECT 1 FROM entry_blobs WHERE sha256 = ? LIMIT 1"));
    QByteArrayList unused;
    for (const QByteArray &sha : blobs) {
        q.addBindValue(QString::fromLatin1(sha));
        if (!q.exec())
            return sqlError(QStringLiteral("looking up output %1").arg(QString::fromLatin1(sha)), q.lastError().text());
        if (!q.next())
            unused.append(sha);
        q.finish();
    }
    return unused;
}

Result<bool> CacheIndex::isBlobReferenced(const QByteArray &sha256) const
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.prepare(QStringLiteral("SELECT 1 FROM entry_blobs WHERE sha256 = ? LIMIT 1"));
    q.addBindValue(QString::fromLatin1(sha256));
    if (!q.exec())
        return sqlError(QStringLiteral("looking up output %1").arg(QString::fromLatin1(sha256)), q.lastError().text());
    return q.next();
}

Result<void> CacheIndex::recordAccess(const QString &key, qint64 nowMs)
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.prepare(QStringLiteral("UPDATE entries SET last_access_ms = ?, access_count = access_count + 1 WHERE key = ?"));
    q.addBindValue(nowMs);
    q.addBindValue(key);
    if (!q.exec())
        return sqlError(QStringLiteral("updating entry %1").arg(key), q.lastError().text());
    return {};
}

Result<bool> CacheIndex::remove(const QString &key, const QString &buildId)
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    if (buildId.isEmpty()) {
        q.prepare(QStringLiteral("DELETE FROM entries WHERE key = ?"));
        q.addBindValue(key);
    } else {
        q.prepare(QStringLiteral("DELETE FROM entries WHERE key = ? AND build_id = ?"));
        q.addBindValue(key);
        q.addBindValue(buildId);
    }
    if (!q.exec())
        return sqlError(QStringLiteral("removing entry %1").arg(key), q.lastError().text());
    return q.numRowsAffected() > 0;
}

Result<QList<CacheEntry>> CacheIndex::select(const QString &where, const QVariantList &values, const QString &order, int limit) const
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.setForwardOnly(true);
    QString sql = QStringLiteral("SELECT %1 FROM entries").arg(QLatin1String(s_columns));
    if (!where.isEmpty())
        sql += QStringLiteral(" WHERE ") + where;
    if (!order.isEmpty())
        sql += QStringLiteral(" ORDER BY ") + order;
    if (limit >= 0)
        sql += QStringLiteral(" LIMIT %1").arg(limit);
    q.prepare(sql);
    for (const QVariant &v : values)
        q.addBindValue(v);
    if (!q.exec())
        return sqlError(QStringLiteral("reading entries"), q.lastError().text());
    QList<CacheEntry> rows;
    while (q.next())
        rows.append(entryFrom(q));
    return rows;
}

Result<QList<CacheEntry>> CacheIndex::all() const
{
    return select(QString(), {}, QStringLiteral("created_ms"));
}

Result<QList<CacheEntry>> CacheIndex::expired(qint64 nowMs) const
{
    return select(QStringLiteral("expires_ms <= ?"), {nowMs});
}

Result<QList<CacheEntry>> CacheIndex::forWorkspace(const QString &workspaceId) const
{
    return select(QStringLiteral("workspace_id = ?"), {workspaceId});
}

Result<QList<CacheEntry>> CacheIndex::forOwner(const QString &owner) const
{
    return select(QStringLiteral("owner = ?"), {owner});
}

Result<QList<CacheEntry>> CacheIndex::withToolchainOtherThan(const QString &toolchain) const
{
    return select(QStringLiteral("toolchain <> ?"), {toolchain});
}

Result<QList<CacheEntry>> CacheIndex::leastRecentlyUsed() const
{
    return select(QString(), {}, QStringLiteral("last_access_ms ASC, created_ms ASC"));
}

Result<QList<CacheEntry>> CacheIndex::mostUsed(int limit, const QString &owner) const
{
    if (!owner.isEmpty())
        return select(QStringLiteral("owner = ?"), {owner}, QStringLiteral("access_count DESC, last_access_ms DESC"), std::max(0, limit));
    return select(QString(), {}, QStringLiteral("access_count DESC, last_access_ms DESC"), std::max(0, limit));
}

Result<qint64> CacheIndex::count(const QString &owner) const
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.prepare(owner.isEmpty() ? QStringLiteral("SELECT COUNT(*) FROM entries") : QStringLiteral("SELECT COUNT(*) FROM entries WHERE owner = ?"));
    if (!owner.isEmpty())
        q.addBindValue(owner);
    if (!q.exec() || !q.next())
        return sqlError(QStringLiteral("counting entries"), q.lastError().text());
    return q.value(0).toLongLong();
}

Result<qint64> CacheIndex::totalBytes(const QString &owner) const
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.prepare(owner.isEmpty() ? QStringLiteral("SELECT COALESCE(SUM(bytes), 0) FROM entries")
                              : QStringLiteral("SELECT COALESCE(SUM(bytes), 0) FROM entries WHERE owner = ?"));
    if (!owner.isEmpty())
        q.addBindValue(owner);
    if (!q.exec() || !q.next())
        return sqlError(QStringLiteral("summing entry sizes"), q.lastError().text());
    return q.value(0).toLongLong();
}

Result<void> CacheIndex::addCounters(qint64 hits, qint64 misses, qint64 savedMs)
{
    QSqlDatabase db = QSqlDatabase::database(m_connection);
    QSqlQuery q(db);
    q.prepare(QStringLiteral("UPDATE counters SET value = value + CASE name WHEN 'hits' THEN ? WHEN 'misses' THEN ? "
                             "WHEN 'saved_ms' THEN ? ELSE 0 END"));
    q.addBindValue(hits);
    q.addBindValue(misses);
    q.addBindValue(savedMs);
    if (!q.exec())
        return sqlError(QStringLiteral("updating counters"), q.lastError().text());
    return {};
}

Result<void> CacheIndex::addCounter(const QString &name, qint64 delta)
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.prepare(QStringLiteral("INSERT INTO counters(name, value) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET value = value + excluded.value"));
    q.addBindValue(name);
    q.addBindValue(delta);
    if (!q.exec())
        return sqlError(QStringLiteral("updating counter %1").arg(name), q.lastError().text());
    return {};
}

QString CacheIndex::userCounter(const QString &owner, const QString &name)
{
    return QStringLiteral("u/%1/%2").arg(owner, name);
}

Result<CacheCounters> CacheIndex::counters(const QString &owner) const
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    if (!q.exec(QStringLiteral("SELECT name, value FROM counters")))
        return sqlError(QStringLiteral("reading counters"), q.lastError().text());
    CacheCounters c;
    const QString prefix = owner.isEmpty() ? QString() : userCounter(owner, QString());
    while (q.next()) {
        QString name = q.value(0).toString();
        if (prefix.isEmpty() ? name.startsWith(QLatin1String("u/")) : !name.startsWith(prefix))
            continue;
        name = name.mid(prefix.size());
        const qint64 value = q.value(1).toLongLong();
        if (name == QLatin1String("hits"))
            c.hits = value;
        else if (name == QLatin1String("misses"))
            c.misses = value;
        else if (name == QLatin1String("saved_ms"))
            c.savedMs = value;
        else if (name == QLatin1String("off"))
            c.off = value;
        else if (name.startsWith(QLatin1String("miss:")))
            c.missesByReason.insert(name.mid(5), value);
    }
    return c;
}

} // namespace BuildService
