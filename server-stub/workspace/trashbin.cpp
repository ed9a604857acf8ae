// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: GPL-2.0-or-later

// TrashBin: rename into trash/, delete on a worker thread, quarantine what cannot be deleted.
#include "trashbin.h"

#include "core/treeremover.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QUuid>
#include <QtConcurrent>

#include <sys/resource.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <sys/stat.h>

Q_LOGGING_CATEGORY(lcTrash, "buildservice.workspace.trash", QtInfoMsg)

namespace BuildService {

namespace {
const QDir::Filters s_all = QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot;

/** "<label>.<8 hex digits>": unique in trash/, and the label is recoverable after a restart. */
QString trashName(const QString &label)
{
    return label + QLatin1Char('.') + QUuid::createUuid().toString(QUuid::Id128).left(8);
}

QString labelOf(const QString &trashName)
{
    const int dot = trashName.lastIndexOf(QLatin1Char('.'));
    return dot > 0 ? trashName.left(dot) : trashName;
}
} // namespace

TrashBin::TrashBin(const QString &dataDir, QObject *parent)
    : QObject(parent)
    , m_trashDir(dataDir + QLatin1String("/trash"))
    , m_quarantineDir(dataDir + QLatin1String("/quarantine"))
{
    m_pool.setMaxThreadCount(1);
    connect(&m_watcher, &QFutureWatcherBase::finished, this, &TrashBin::onRemoved);
}

TrashBin::~TrashBin()
{
    if (m_busy)
        qCInfo(lcTrash).noquote() << "stopping the removal of" << m_current.label << "- the rest is removed at the next start";
    m_cancel = true;
    // The remover checks the flag between two entries, so this wait is short.
    m_pool.waitForDone();
}

Result<void> TrashBin::open()
{
    for (const QString &dir : {m_trashDir, m_quarantineDir}) {
        if (!QDir().mkpath(dir))
            return makeError(ErrorCode::IoError, QStringLiteral("cannot create directory %1").arg(dir));
    }
    const QStringList leftovers = QDir(m_trashDir).entryList(s_all, QDir::Name);
    for (const QString &name : leftovers) {
        qCInfo(lcTrash).noquote() << "recovery: removing" << name << "left in the trash by an earlier run";
        m_queue.enqueue(Item{m_trashDir + QLatin1Char('/') + name, labelOf(name)});
    }
    const QStringList stuck = quarantined();
    if (!stuck.isEmpty())
        qCWarning(lcTrash).noquote() << stuck.size() << "tree(s) in" << m_quarantineDir
                                     << "could not be removed automatically; an administrator should inspect and delete them:"
                                     << stuck.join(QLatin1String(", "));
    startNext();
    return {};
}

void TrashBin::discard(const QString &path, const QString &label)
{
    const QByteArray from = QFile::encodeName(path);
    struct stat st;
    if (::lstat(from.constData(), &st) != 0 && errno == ENOENT)
        return;
    const QString target = m_trashDir + QLatin1Char('/') + trashName(label);
    if (std::rename(from.constData(), QFile::encodeName(target).constData()) == 0) {
        m_queue.enqueue(Item{target, label});
    } else {
        const int err = errno;
        if (err == ENOENT)
            return;
        qCWarning(lcTrash).noquote() << "cannot move" << path << "into the trash:" << QString::fromLocal8Bit(std::strerror(err))
                                     << "- removing it in place";
        m_queue.enqueue(Item{path, label});
    }
    startNext();
}

int TrashBin::pendingCount() const
{
    return m_queue.size() + (m_busy ? 1 : 0);
}

QString TrashBin::removing() const
{
    return m_busy ? m_current.label : QString();
}

QStringList TrashBin::quarantined() const
{
    return QDir(m_quarantineDir).entryList(s_all, QDir::Name);
}

QJsonObject TrashBin::status() const
{
    return QJsonObject{{QStringLiteral("pending"), pendingCount()},
                       {QStringLiteral("removing"), removing()},
                       {QStringLiteral("removed"), m_removed},
                       {QStringLiteral("quarantined"), int(quarantined().size())}};
}

void TrashBin::startNext()
{
    if (m_busy || m_queue.isEmpty() || m_cancel)
        return;
    m_current = m_queue.dequeue();
    m_busy = true;
    qCInfo(lcTrash).noquote() << "removing" << m_current.label << QStringLiteral("(%1)").arg(m_current.path);
    Q_EMIT removalStarted(m_current.label);
    m_timer.start();
    m_watcher.setFuture(QtConcurrent::run(&m_pool, [path = m_current.path, cancel = &m_cancel] {
        // Nothing waits for a removal: the pool's one thread yields the CPU to the event loop
        // and to builds (Linux applies nice per thread). Lowering never fails for lack of rights.
        (void)::setpriority(PRIO_PROCESS, id_t(::gettid()), 19);
        return TreeRemover::removeTree(path, cancel);
    }));
}

void TrashBin::onRemoved()
{
    const Item item = m_current;
    const Result<void> result = m_watcher.result();
    m_busy = false;
    m_current = Item();
    bool removed = result.ok();
    if (removed) {
        ++m_removed;
        qCInfo(lcTrash).noquote() << "removed" << item.label << "in" << m_timer.elapsed() << "ms";
    } else if (result.errorCode() != ErrorCode::Cancelled) {
        quarantine(item, result.errorString());
    }
    Q_EMIT removalFinished(item.label, removed);
    startNext();
}

void TrashBin::quarantine(const Item &item, const QString &reason)
{
    const QString target = m_quarantineDir + QLatin1Char('/') + QFileInfo(item.path).fileName();
    if (std::rename(QFile::encodeName(item.path).constData(), QFile::encodeName(target).constData()) == 0) {
        qCWarning(lcTrash).noquote() << "cannot remove" << item.label << ":" << reason << "- quarantined as" << target
                                     << "for an administrator to inspect";
        return;
    }
    const int err = errno;
    qCWarning(lcTrash).noquote() << "cannot remove" << item.label << ":" << reason << "- and cannot quarantine it at" << target
                                 << ":" << QString::fromLocal8Bit(std::strerror(err)) << "; it stays at" << item.path;
}

} // namespace BuildService
