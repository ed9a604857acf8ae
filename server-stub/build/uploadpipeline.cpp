// UploadPipeline: the worker-thread side of receiving an upload.
#include "uploadpipeline.h"

#include <QMetaObject>

namespace BuildService {

UploadPipeline::UploadPipeline(const QString &stagingDir, const IntakeLimits &limits, bool zstd, QObject *parent)
    : QObject(parent)
    , m_stagingDir(stagingDir)
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

void UploadPipeline::finish(const QString &workspaceDir, const Manifest &previous)
{
    auto stopped = m_stopped;
    QMetaObject::invokeMethod(m_worker, [this, workspaceDir, previous, stopped] {
        if (stopped->load())
            return;
        Result<Manifest> manifest = m_intake->finish();
        if (!manifest) {
            stopped->store(true);
            QMetaObject::invokeMethod(this, [this, error = manifest.error()] { Q_EMIT failed(error); });
            return;
        }
        const qint64 entries = m_intake->entries();
        const qint64 bytes = m_intake->uncompressedBytes();
        // validated() is delivered before the sync starts: the receiver marks the workspace
        // dirty there, and Qt::BlockingQueuedConnection-like ordering is not needed because
        // apply() only starts after the main thread confirms.
        QMetaObject::invokeMethod(this, [this, entries, bytes, workspaceDir, previous, stopped, m = manifest.value()] {
            if (stopped->load())
                return;
            Q_EMIT validated(entries, bytes);
            if (stopped->load())
                return;
            QMetaObject::invokeMethod(m_worker, [this, workspaceDir, previous, stopped, m] {
                if (stopped->load())
                    return;
                const Result<SyncStats> stats = WorkspaceSync::apply(m_stagingDir, m, workspaceDir, previous);
                QMetaObject::invokeMethod(this, [this, stats, m, stopped] {
                    if (stopped->load())
                        return;
                    if (stats)
                        Q_EMIT synced(m, stats.value());
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

} // namespace BuildService
