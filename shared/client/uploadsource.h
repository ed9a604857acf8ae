// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: LGPL-2.1-only OR LGPL-3.0-only

// UploadSource: scans and packs a checkout on a worker thread, handing out bounded chunks.
#pragma once

#include "core/result.h"
#include "packaging/treepacker.h"
#include "packaging/treescanner.h"
#include "sync/manifest.h"

#include <QByteArray>
#include <QMutex>
#include <QObject>
#include <QQueue>
#include <QThread>
#include <QWaitCondition>

#include <atomic>

namespace BuildService {

/**
 * Producer side of an upload. The worker blocks when `maxQueuedChunks` chunks wait, so memory
 * stays bounded whatever the tree size; the consumer (the connection) takes chunks on its own
 * thread when the server's flow-control window allows. Signals arrive on the creating thread.
 */
class UploadSource : public QObject
{
    Q_OBJECT
public:
    /**
     * @p cachedWorkspaceId: the workspace whose cached manifest (ManifestCache in
     * @p manifestFolder) is the base, i.e.
     * what the client believes the workspace holds; empty for none. The cache is read on the
     * worker thread; baseLoaded() tells its digest ("" when there is no usable cache).
     */
    UploadSource(const QString &root, const TreeScanner::Options &options, const QString &manifestFolder,
                 const QString &cachedWorkspaceId, QObject *parent = nullptr);
    ~UploadSource() override;

    /** Scans and hashes at once; packing waits for setPlan(). */
    void start();
    /**
     * What to pack: everything (full), or the entries that differ from the base plus @p need
     * (delta). May be called before prepared(); the worker picks it up when it gets there.
     */
    void setPlan(bool delta, const QStringList &need = {});
    /** After prepared(): the tree as scanned, with hashes and local stat. */
    const Manifest &target() const { return m_target; }
    /** After prepared(): base paths that are not in the tree any more. */
    const QStringList &removed() const { return m_removed; }
    /** After prepared(): true when the tree and every file's stat equal the base. */
    bool targetIsBase() const { return m_targetIsBase; }
    /** Next chunk, or an empty array when none is ready yet. */
    QByteArray takeChunk();
    /** True when packing finished and every chunk was taken. */
    bool atEnd() const;
    /** Stops the worker; no further signals. */
    void cancel();
    qint64 entries() const { return m_entries; }

Q_SIGNALS:
    void baseLoaded(const QString &digest);
    void scanned(int files, qint64 bytes, const QStringList &skipped);
    /** Hashing done; target() and removed() are valid. */
    void prepared(qint64 hashedFiles, qint64 reusedHashes);
    void chunkAvailable();
    void progress(const BuildService::PackProgress &progress);
    void finished();
    void failed(const BuildService::Error &error);

private:
    void run();

    QString m_root;
    TreeScanner::Options m_options;
    QString m_manifestFolder;
    QString m_cachedWorkspaceId;
    Manifest m_base;
    Manifest m_target;
    QStringList m_removed;
    bool m_targetIsBase = false;
    bool m_planSet = false;
    bool m_delta = false;
    QStringList m_need;
    QWaitCondition m_planReady;
    QThread *m_thread = nullptr;
    mutable QMutex m_mutex;
    QWaitCondition m_notFull;
    QQueue<QByteArray> m_chunks;
    bool m_producerDone = false;
    std::atomic_bool m_cancel{false};
    qint64 m_entries = 0;
};

} // namespace BuildService

Q_DECLARE_METATYPE(BuildService::PackProgress)
