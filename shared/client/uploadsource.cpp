// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: LGPL-2.1-only OR LGPL-3.0-only

// UploadSource: the worker thread that turns a checkout into archive chunks.
#include "uploadsource.h"

#include "client/manifestbuilder.h"
#include "client/manifestcache.h"

#include <QMetaObject>
#include <QSet>

namespace BuildService {

namespace {
constexpr int s_chunkBytes = 256 * 1024;
constexpr int s_maxQueuedChunks = 16;
}

UploadSource::UploadSource(const QString &root, const TreeScanner::Options &options, const QString &manifestFolder,
                           const QString &cachedWorkspaceId, QObject *parent)
    : QObject(parent)
    , m_root(root)
    , m_options(options)
    , m_manifestFolder(manifestFolder)
    , m_cachedWorkspaceId(cachedWorkspaceId)
{
    qRegisterMetaType<PackProgress>();
}

UploadSource::~UploadSource()
{
    cancel();
    if (m_thread) {
        m_thread->wait();
        delete m_thread;
    }
}

void UploadSource::start()
{
    m_thread = QThread::create([this] { run(); });
    m_thread->setObjectName(QStringLiteral("packer"));
    m_thread->start();
}

void UploadSource::cancel()
{
    m_cancel.store(true);
    QMutexLocker lock(&m_mutex);
    m_notFull.wakeAll();
    m_planReady.wakeAll();
}

void UploadSource::setPlan(bool delta, const QStringList &need)
{
    QMutexLocker lock(&m_mutex);
    m_planSet = true;
    m_delta = delta;
    m_need = need;
    m_planReady.wakeAll();
}

QByteArray UploadSource::takeChunk()
{
    QMutexLocker lock(&m_mutex);
    if (m_chunks.isEmpty())
        return {};
    QByteArray chunk = m_chunks.dequeue();
    m_notFull.wakeAll();
    return chunk;
}

bool UploadSource::atEnd() const
{
    QMutexLocker lock(&m_mutex);
    return m_producerDone && m_chunks.isEmpty();
}

void UploadSource::run()
{
    auto post = [this](auto &&fn) { QMetaObject::invokeMethod(this, std::forward<decltype(fn)>(fn), Qt::QueuedConnection); };
    // The request can go out as soon as the base is known; the scan then overlaps with the
    // server's check of the workspace.
    if (!m_cachedWorkspaceId.isEmpty())
        m_base = ManifestCache(m_manifestFolder).load(m_cachedWorkspaceId);
    post([this, digest = m_base.isEmpty() ? QString() : m_base.digest()] { if (!m_cancel) Q_EMIT baseLoaded(digest); });
    Result<ScanResult> scan = TreeScanner::scan(m_root, m_options);
    if (!scan) {
        post([this, error = scan.error()] { if (!m_cancel) Q_EMIT failed(error); });
        return;
    }
    qint64 total = 0;
    for (const ScannedEntry &e : scan->entries)
        total += e.size;
    post([this, files = int(scan->entries.size()), total, skipped = scan->skipped] {
        if (!m_cancel) Q_EMIT scanned(files, total, skipped);
    });

    ManifestBuilder::Stats hashing;
    Result<Manifest> target = ManifestBuilder::build(m_root, scan->entries, m_base, &hashing, &m_cancel);
    if (!target) {
        post([this, error = target.error()] { if (!m_cancel) Q_EMIT failed(error); });
        return;
    }
    QStringList removed;
    for (const ManifestEntry &old : m_base.entries()) {
        if (!target->contains(old.path))
            removed.append(old.path);
    }
    // When nothing changed, not even a stat, the cached manifest need not be rewritten.
    bool sameAsBase = removed.isEmpty() && target->size() == m_base.size() && target->digest() == m_base.digest();
    for (auto it = target->entries().cbegin(); sameAsBase && it != target->entries().cend(); ++it) {
        const ManifestEntry *old = m_base.find(it.key());
        sameAsBase = old && old->mtimeNs == it->mtimeNs && old->ctimeNs == it->ctimeNs && old->inode == it->inode;
    }
    {
        QMutexLocker lock(&m_mutex);
        m_target = target.value();
        m_removed = removed;
        m_targetIsBase = sameAsBase;
    }
    post([this, hashing] { if (!m_cancel) Q_EMIT prepared(hashing.hashedFiles, hashing.reusedHashes); });

    bool delta = false;
    QSet<QString> need;
    {
        QMutexLocker lock(&m_mutex);
        while (!m_planSet && !m_cancel.load())
            m_planReady.wait(&m_mutex);
        if (m_cancel.load())
            return;
        delta = m_delta;
        need = QSet<QString>(m_need.cbegin(), m_need.cend());
    }
    QList<ScannedEntry> selected;
    if (delta) {
        // Only what differs from the tree the server holds, plus what it says it lost.
        for (const ScannedEntry &entry : scan->entries) {
            const ManifestEntry *now = target->find(entry.path);
            const ManifestEntry *before = m_base.find(entry.path);
            if (!before || !now || !before->sameContent(*now) || need.contains(entry.path))
                selected.append(entry);
        }
    } else {
        selected = scan->entries;
    }

    const auto sink = [this, post](const QByteArray &chunk) {
        QMutexLocker lock(&m_mutex);
        while (m_chunks.size() >= s_maxQueuedChunks && !m_cancel.load())
            m_notFull.wait(&m_mutex);
        if (m_cancel.load())
            return false;
        m_chunks.enqueue(chunk);
        lock.unlock();
        post([this] { if (!m_cancel) Q_EMIT chunkAvailable(); });
        return true;
    };
    const auto onProgress = [this, post](const PackProgress &p) {
        post([this, p] { if (!m_cancel) Q_EMIT progress(p); });
    };
    const Result<PackStats> packed = TreePacker::pack(m_root, selected, TreePacker::Compression::Zstd, s_chunkBytes, sink, onProgress, &m_cancel);
    if (!packed) {
        post([this, error = packed.error()] { if (!m_cancel) Q_EMIT failed(error); });
        return;
    }
    {
        QMutexLocker lock(&m_mutex);
        m_producerDone = true;
        m_entries = packed->entries;
    }
    post([this] {
        if (m_cancel)
            return;
        Q_EMIT chunkAvailable();
        Q_EMIT finished();
    });
}

} // namespace BuildService
