// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: GPL-2.0-or-later

// WorkspaceStore: layout, crash recovery, metadata files and symlink-safe tree removal.
#include "workspacestore.h"

#include "core/atomicfile.h"
#include "core/treeremover.h"
#include "protocol/messages.h"
#include "trashbin.h"

#include <QDir>
#include <QFile>
#include <QLockFile>
#include <QLoggingCategory>
#include <QUuid>
#include <QtConcurrent>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

Q_LOGGING_CATEGORY(lcWorkspaceStore, "buildservice.workspace.store", QtInfoMsg)

namespace BuildService {

namespace {

const QLatin1String s_persistentDir("persistent");
const QLatin1String s_metaDir("workspace-meta");
const QLatin1String s_buildsDir("workspaces/builds");
const QLatin1String s_stagingDir("staging");
const QLatin1String s_artifactsDir("artifacts");
const QLatin1String s_lockFile("server.lock");

const QLatin1String s_fileList("file-list.txt");
const QLatin1String s_lastUsed("last-used");
const QLatin1String s_state("state");
const QLatin1String s_outputsState("outputs-state");
const QLatin1String s_size("size");
const QLatin1String s_files("files");
const QLatin1String s_owner("owner");

const QByteArray s_stateCreating = QByteArrayLiteral("creating");
const QByteArray s_stateReady = QByteArrayLiteral("ready");
const QByteArray s_stateDirty = QByteArrayLiteral("dirty");

// Metadata files are a few bytes; anything larger is garbage and is not read whole.
constexpr qint64 s_maxMetaFileBytes = 64;

Error unknownId(const QString &id)
{
    return makeError(ErrorCode::UnknownId, QStringLiteral("unknown workspace id \"%1\"").arg(id));
}

/** Names in @p dir (without "." and ".."); empty on error, with errno kept. */
bool listNames(const QByteArray &dir, QList<QByteArray> *names, int *err)
{
    DIR *d = ::opendir(dir.constData());
    if (!d) {
        *err = errno;
        return false;
    }
    errno = 0;
    while (const dirent *e = ::readdir(d)) {
        if (std::strcmp(e->d_name, ".") == 0 || std::strcmp(e->d_name, "..") == 0)
            continue;
        names->append(QByteArray(e->d_name));
        errno = 0;
    }
    *err = errno;
    ::closedir(d);
    return *err == 0;
}

qint64 measureImpl(const QByteArray &dir)
{
    QList<QByteArray> names;
    int err = 0;
    listNames(dir, &names, &err);
    qint64 total = 0;
    for (const QByteArray &name : qAsConst(names)) {
        const QByteArray path = dir + '/' + name;
        struct stat st;
        if (::lstat(path.constData(), &st) != 0)
            continue;
        if (S_ISDIR(st.st_mode))
            total += measureImpl(path);
        else if (S_ISREG(st.st_mode) || S_ISLNK(st.st_mode))
            total += st.st_size;
    }
    return total;
}

bool isDirectoryNoFollow(const QString &path)
{
    struct stat st;
    return ::lstat(QFile::encodeName(path).constData(), &st) == 0 && S_ISDIR(st.st_mode);
}

/**
 * Counts the entry lines of a manifest file without loading it (header and trailer excluded).
 * Only for workspaces written before the count was kept in the "files" metadata file.
 */
int countManifestEntries(const QString &fileName)
{
    QFile file(fileName);
    if (!file.open(QIODevice::ReadOnly))
        return 0;
    qint64 lines = 0;
    char buffer[64 * 1024];
    qint64 n;
    while ((n = file.read(buffer, sizeof buffer)) > 0)
        lines += std::count(buffer, buffer + n, '\n');
    return int(qMax<qint64>(0, lines - 2));
}

} // namespace

WorkspaceStore::WorkspaceStore(const QString &dataDir, qint64 ttlSec, Clock clock)
    : m_dataDir(QDir::cleanPath(dataDir))
    , m_ttlSec(ttlSec)
    , m_clock(std::move(clock))
{
}

WorkspaceStore::~WorkspaceStore() = default;

TrashBin *WorkspaceStore::trash() const
{
    return m_trash.get();
}

QString WorkspaceStore::dataDir() const
{
    return m_dataDir;
}

Result<void> WorkspaceStore::open()
{
    if (m_lock)
        return {};
    if (m_dataDir.isEmpty() || m_dataDir == QLatin1String("."))
        return makeError(ErrorCode::IoError, QStringLiteral("no data directory configured ([storage] data_dir)"));

    if (!QDir().mkpath(m_dataDir))
        return makeError(ErrorCode::IoError, QStringLiteral("cannot create directory %1").arg(m_dataDir));
    // The lock before anything else in the directory: a second server must change nothing.
    const QString lockPath = m_dataDir + QLatin1Char('/') + s_lockFile;
    auto lock = std::make_unique<QLockFile>(lockPath);
    // A server runs for weeks: never treat a held lock as stale by age, only when its pid is gone.
    lock->setStaleLockTime(0);
    if (!lock->tryLock(0)) {
        if (lock->error() == QLockFile::LockFailedError) {
            qint64 pid = 0;
            QString host, app;
            lock->getLockInfo(&pid, &host, &app);
            return makeError(ErrorCode::IoError,
                             QStringLiteral("data directory %1 is in use by another server: %2 is held by pid %3%4")
                                 .arg(m_dataDir, lockPath)
                                 .arg(pid)
                                 .arg(host.isEmpty() ? QString() : QStringLiteral(" on host %1").arg(host)));
        }
        return makeError(ErrorCode::IoError, QStringLiteral("cannot create lock file %1").arg(lockPath));
    }
    m_lock = std::move(lock);

    for (const QString &sub : {QString(s_persistentDir), QString(s_metaDir), QString(s_buildsDir), QString(s_stagingDir),
                               QString(s_artifactsDir)}) {
        const QString path = m_dataDir + QLatin1Char('/') + sub;
        if (!QDir().mkpath(path)) {
            m_lock.reset();
            return makeError(ErrorCode::IoError, QStringLiteral("cannot create directory %1").arg(path));
        }
    }

    auto trash = std::make_unique<TrashBin>(m_dataDir);
    if (Result<void> r = trash->open(); !r) {
        m_lock.reset();
        return r;
    }
    m_trash = std::move(trash);
    recover();
    return {};
}

void WorkspaceStore::recover()
{
    // Nothing found here is a reason not to start: what must go is moved into the trash (one
    // rename each) and deleted on its worker thread; what cannot be deleted is quarantined.
    // Per-build directories belong to builds of a previous run; none of them survives a restart.
    for (const QLatin1String sub : {s_stagingDir, s_buildsDir}) {
        const QString dir = m_dataDir + QLatin1Char('/') + sub;
        const QStringList children = QDir(dir).entryList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot);
        for (const QString &child : children) {
            const QString path = dir + QLatin1Char('/') + child;
            qCInfo(lcWorkspaceStore) << "recovery: removing leftover" << path;
            m_trash->discard(path, child);
        }
    }

    const QString metaRoot = m_dataDir + QLatin1Char('/') + s_metaDir;
    const QString wsRoot = m_dataDir + QLatin1Char('/') + s_persistentDir;
    const QDir::Filters all = QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot;

    for (const QString &id : QDir(metaRoot).entryList(all)) {
        const QString meta = metaRoot + QLatin1Char('/') + id;
        if (!isValidWorkspaceId(id) || !isDirectoryNoFollow(meta)) {
            qCWarning(lcWorkspaceStore) << "recovery: removing unexpected entry" << meta;
            m_trash->discard(meta, QStringLiteral("unexpected-meta"));
            continue;
        }
        const Result<QByteArray> state = readMeta(id, s_state);
        const bool hasWorkspace = isDirectoryNoFollow(workspacePath(id));
        const bool complete = state && (state.value() == s_stateReady || state.value() == s_stateDirty);
        // Only what create() provably left unfinished is removed: "creating", or a metadata
        // directory without state and without a workspace (a crash right after its mkdir).
        const bool creating = state ? state.value() == s_stateCreating : (!hasWorkspace && !QFileInfo::exists(meta + QLatin1Char('/') + s_state));
        if (creating || (complete && !hasWorkspace)) {
            qCInfo(lcWorkspaceStore) << "recovery: removing incomplete workspace" << id
                                     << (complete ? "(workspace directory missing)" : "(never finished creating)");
            if (Result<void> r = remove(id); !r)
                qCWarning(lcWorkspaceStore).noquote() << "recovery: cannot remove" << id << ":" << r.errorString();
            continue;
        }
        if (!complete) {
            // Unreadable or damaged state: an error, not a reason to delete. Whether its last
            // sync completed is unknown, so its next build re-extracts the sources (outputs of
            // earlier builds that were never part of an upload stay).
            qCWarning(lcWorkspaceStore).noquote() << "recovery: workspace" << id << "has unreadable state ("
                                                  << (state ? QStringLiteral("\"%1\"").arg(QString::fromUtf8(state.value().left(16))) : state.errorString())
                                                  << "); keeping it, marked dirty";
            if (!hasWorkspace && !QDir().mkpath(workspacePath(id)))
                qCWarning(lcWorkspaceStore) << "recovery: cannot recreate the workspace directory of" << id;
            if (Result<void> r = writeMetaFile(id, s_state, s_stateDirty); !r)
                qCWarning(lcWorkspaceStore).noquote() << "recovery: cannot repair the state of" << id << ":" << r.errorString();
        }
        if (state && state.value() == s_stateDirty)
            qCInfo(lcWorkspaceStore) << "recovery: workspace" << id << "is dirty; its next build re-extracts it";
        // AtomicFile temporaries ("last-used.XXXXXX") of writes interrupted by the crash.
        for (const QString &name : QDir(meta).entryList(all)) {
            if (name == s_fileList || name == s_lastUsed || name == s_state || name == s_size || name == s_files
                || name == s_outputsState || name == s_owner)
                continue;
            qCInfo(lcWorkspaceStore) << "recovery: removing stray metadata file" << meta + QLatin1Char('/') + name;
            m_trash->discard(meta + QLatin1Char('/') + name, id + QLatin1String("-stray"));
        }
    }

    for (const QString &id : QDir(wsRoot).entryList(all)) {
        const QString path = wsRoot + QLatin1Char('/') + id;
        if (!isValidWorkspaceId(id)) {
            // Not a name we create: leave it to the admin rather than delete unknown data.
            qCWarning(lcWorkspaceStore) << "recovery: ignoring unexpected entry" << path;
            continue;
        }
        if (!isDirectoryNoFollow(metaPath(id))) {
            qCInfo(lcWorkspaceStore) << "recovery: removing workspace without metadata" << id;
            m_trash->discard(path, id);
        }
    }

    // What list() reports, read once; from now on every write through the store updates it.
    m_index.clear();
    for (const QString &id : QDir(metaRoot).entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        if (!isValidWorkspaceId(id) || !isDirectoryNoFollow(workspacePath(id)))
            continue;
        const QByteArray state = readMetaFile(id, s_state);
        if (state == s_stateReady || state == s_stateDirty)
            m_index.insert(id, loadInfo(id));
    }
}

WorkspaceStore::Lookup WorkspaceStore::lookup(const QString &id)
{
    if (!isValidWorkspaceId(id))
        return Lookup::Unknown;
    const QByteArray state = readMetaFile(id, s_state);
    if ((state != s_stateReady && state != s_stateDirty) || !isDirectoryNoFollow(workspacePath(id)))
        return Lookup::Unknown;
    if (m_ttlSec <= 0)
        return Lookup::Expired;
    const Result<qint64> used = lastUsed(id);
    if (!used) {
        // Not knowing when it was used is no reason to throw it away: treat it as used now.
        repairLastUsed(id, used.errorString());
        return Lookup::Live;
    }
    if (const auto it = m_index.find(id); it != m_index.end() && it->lastUsedMs != used.value()) {
        it->lastUsedMs = used.value(); // the file is the truth when it was read
        it->lastUsedError.clear();
    }
    if (used.value() + m_ttlSec * 1000 < m_clock())
        return Lookup::Expired;
    return Lookup::Live;
}

void WorkspaceStore::repairLastUsed(const QString &id, const QString &problem)
{
    const Result<void> repaired = touch(id);
    if (repaired)
        qCWarning(lcWorkspaceStore).noquote() << "workspace" << id << ":" << problem << "- kept, last-used repaired to now";
    else
        qCWarning(lcWorkspaceStore).noquote() << "workspace" << id << ":" << problem << "- kept; cannot repair last-used:"
                                              << repaired.errorString();
}

Result<QString> WorkspaceStore::create(const QString &owner)
{
    Result<QString> created = createOnDisk(m_dataDir, m_clock(), owner);
    if (created)
        adoptCreated(created.value());
    return created;
}

QFuture<Result<QString>> WorkspaceStore::createInBackground(const QString &owner) const
{
    return QtConcurrent::run([dataDir = m_dataDir, now = m_clock(), owner] { return createOnDisk(dataDir, now, owner); });
}

QString WorkspaceStore::owner(const QString &id) const
{
    const auto it = m_index.constFind(id);
    return it != m_index.constEnd() ? it->owner : QString::fromUtf8(readMetaFile(id, s_owner));
}

Result<void> WorkspaceStore::setArtifactsOwner(const QString &buildId, const QString &owner)
{
    const QString dir = artifactsPath(buildId);
    if (dir.isEmpty())
        return makeError(ErrorCode::UnknownId, QStringLiteral("unknown build id \"%1\"").arg(buildId));
    if (!QDir().mkpath(dir))
        return makeError(ErrorCode::IoError, QStringLiteral("cannot create directory %1").arg(dir));
    return AtomicFile::write(dir + QLatin1Char('/') + s_owner, owner.toUtf8());
}

QString WorkspaceStore::artifactsOwner(const QString &buildId) const
{
    const QString dir = artifactsPath(buildId);
    if (dir.isEmpty())
        return QString();
    QFile file(dir + QLatin1Char('/') + s_owner);
    if (!file.open(QIODevice::ReadOnly))
        return QString();
    return QString::fromUtf8(file.read(s_maxMetaFileBytes).trimmed());
}

Result<QString> WorkspaceStore::createOnDisk(const QString &dataDir, qint64 nowMs, const QString &owner)
{
    const QString id = QStringLiteral("ws_") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    Q_ASSERT(isValidWorkspaceId(id));
    const QString meta = dataDir + QLatin1Char('/') + s_metaDir + QLatin1Char('/') + id;
    const QString ws = dataDir + QLatin1Char('/') + s_persistentDir + QLatin1Char('/') + id;
    const auto write = [&](const QString &name, const QByteArray &content) {
        return AtomicFile::write(meta + QLatin1Char('/') + name, content);
    };
    auto fail = [&](const Error &error) -> Result<QString> {
        // Nobody knows the id yet, so the trees can go right here (no trash needed); what
        // cannot go says "creating", and open() removes it after a restart.
        for (const QString &tree : {meta, ws}) {
            if (const Result<void> removed = TreeRemover::removeTree(tree); !removed)
                qCWarning(lcWorkspaceStore).noquote() << "cannot remove the half-created workspace" << id << ":" << removed.errorString();
        }
        return error;
    };
    if (!QDir().mkpath(meta))
        return makeError(ErrorCode::IoError, QStringLiteral("cannot create directory %1").arg(meta));
    if (Result<void> r = write(s_state, s_stateCreating); !r)
        return fail(r.error());
    if (!QDir().mkpath(ws))
        return fail(makeError(ErrorCode::IoError, QStringLiteral("cannot create directory %1").arg(ws)));
    if (Result<void> r = write(s_lastUsed, QByteArray::number(nowMs)); !r)
        return fail(r.error());
    if (Result<void> r = write(s_size, QByteArrayLiteral("0")); !r)
        return fail(r.error());
    // Before "ready": a workspace is never visible without the identity it belongs to.
    if (Result<void> r = write(s_owner, owner.toUtf8()); !r)
        return fail(r.error());
    if (Result<void> r = write(s_state, s_stateReady); !r)
        return fail(r.error());
    return id;
}

void WorkspaceStore::adoptCreated(const QString &id)
{
    m_index.insert(id, loadInfo(id));
    qCInfo(lcWorkspaceStore) << "created workspace" << id;
}

QString WorkspaceStore::workspacePath(const QString &id) const
{
    return isValidWorkspaceId(id) ? m_dataDir + QLatin1Char('/') + s_persistentDir + QLatin1Char('/') + id : QString();
}

QString WorkspaceStore::outputsStatePath(const QString &id) const
{
    const QString meta = metaPath(id);
    return meta.isEmpty() ? QString() : meta + QLatin1Char('/') + s_outputsState;
}

QString WorkspaceStore::metaPath(const QString &id) const
{
    return isValidWorkspaceId(id) ? m_dataDir + QLatin1Char('/') + s_metaDir + QLatin1Char('/') + id : QString();
}

QString WorkspaceStore::stagingPath(const QString &buildId) const
{
    return isValidBuildId(buildId) ? m_dataDir + QLatin1Char('/') + s_stagingDir + QLatin1Char('/') + buildId : QString();
}

QString WorkspaceStore::temporaryBuildPath(const QString &buildId) const
{
    return isValidBuildId(buildId) ? m_dataDir + QLatin1Char('/') + s_buildsDir + QLatin1Char('/') + buildId : QString();
}

QString WorkspaceStore::artifactsPath(const QString &buildId) const
{
    return isValidBuildId(buildId) ? m_dataDir + QLatin1Char('/') + s_artifactsDir + QLatin1Char('/') + buildId : QString();
}

Result<Manifest> WorkspaceStore::manifest(const QString &id) const
{
    if (!isValidWorkspaceId(id))
        return unknownId(id);
    const QString fileName = metaPath(id) + QLatin1Char('/') + s_fileList;
    if (!QFile::exists(fileName)) {
        m_manifests.remove(id);
        return Manifest();
    }
    // Parsing a big manifest costs tens of milliseconds; keep the last one of each workspace.
    const auto cached = m_manifests.constFind(id);
    if (cached != m_manifests.constEnd())
        return cached.value();
    Result<Manifest> loaded = Manifest::load(fileName);
    if (loaded)
        m_manifests.insert(id, loaded.value());
    return loaded;
}

Result<void> WorkspaceStore::saveManifest(const QString &id, const Manifest &manifest)
{
    if (!isValidWorkspaceId(id) || !isDirectoryNoFollow(metaPath(id)))
        return unknownId(id);
    m_manifests.remove(id);
    Result<void> saved = manifest.save(metaPath(id) + QLatin1Char('/') + s_fileList);
    if (!saved)
        return saved;
    m_manifests.insert(id, manifest);
    if (const auto it = m_index.find(id); it != m_index.end())
        it->files = manifest.size();
    // After a restart the count comes from here instead of from counting manifest lines.
    if (Result<void> counted = writeMetaFile(id, s_files, QByteArray::number(manifest.size())); !counted)
        qCWarning(lcWorkspaceStore).noquote() << "cannot record the file count of" << id << ":" << counted.errorString()
                                              << "(list_workspaces counts the manifest instead)";
    return {};
}

std::function<Result<void>(const Manifest &)> WorkspaceStore::syncPersister(const QString &id) const
{
    if (!isValidWorkspaceId(id))
        return [id](const Manifest &) -> Result<void> { return unknownId(id); };
    return [meta = metaPath(id), clock = m_clock](const Manifest &manifest) -> Result<void> {
        // The same files, in the same order, as saveManifest(), setDirty(false) and touch().
        if (!isDirectoryNoFollow(meta))
            return makeError(ErrorCode::UnknownId, QStringLiteral("workspace metadata %1 is gone").arg(meta));
        if (Result<void> r = manifest.save(meta + QLatin1Char('/') + s_fileList); !r)
            return r;
        if (Result<void> r = AtomicFile::write(meta + QLatin1Char('/') + s_files, QByteArray::number(manifest.size())); !r)
            qCWarning(lcWorkspaceStore).noquote() << "cannot record the file count:" << r.errorString();
        if (Result<void> r = AtomicFile::write(meta + QLatin1Char('/') + s_state, s_stateReady); !r)
            return r;
        if (Result<void> r = AtomicFile::write(meta + QLatin1Char('/') + s_lastUsed, QByteArray::number(clock())); !r)
            qCWarning(lcWorkspaceStore).noquote() << "cannot update last-used:" << r.errorString() << "(the old value stays)";
        return {};
    };
}

void WorkspaceStore::syncPersisted(const QString &id, const Manifest &manifest)
{
    m_manifests.insert(id, manifest);
    const auto it = m_index.find(id);
    if (it == m_index.end())
        return;
    it->files = manifest.size();
    it->dirty = false;
    // What the persister wrote; re-read so that a last-used it could not write is not assumed.
    const Result<qint64> used = lastUsed(id);
    if (used) {
        it->lastUsedMs = used.value();
        it->lastUsedError.clear();
    }
}

Result<void> WorkspaceStore::setDirty(const QString &id, bool dirty)
{
    return writeMetaFile(id, s_state, dirty ? s_stateDirty : s_stateReady);
}

bool WorkspaceStore::isDirty(const QString &id) const
{
    return readMetaFile(id, s_state) == s_stateDirty;
}

Result<void> WorkspaceStore::touch(const QString &id)
{
    return writeMetaFile(id, s_lastUsed, QByteArray::number(m_clock()));
}

Result<qint64> WorkspaceStore::lastUsed(const QString &id) const
{
    const Result<QByteArray> text = readMeta(id, s_lastUsed);
    if (!text)
        return text.error();
    bool ok = false;
    const qint64 ms = text.value().toLongLong(&ok);
    if (!ok || ms < 0)
        return makeError(ErrorCode::IoError, text.value().isEmpty() ? QStringLiteral("last-used is empty")
                                                                    : QStringLiteral("last-used is not a time: \"%1\"").arg(QString::fromUtf8(text.value().left(32))));
    return ms;
}

Result<void> WorkspaceStore::recordSize(const QString &id, qint64 bytes)
{
    return writeMetaFile(id, s_size, QByteArray::number(qMax<qint64>(0, bytes)));
}

qint64 WorkspaceStore::recordedSize(const QString &id) const
{
    bool ok = false;
    const qint64 bytes = readMetaFile(id, s_size).toLongLong(&ok);
    return ok ? bytes : 0;
}

qint64 WorkspaceStore::measureSize(const QString &dir)
{
    return measureImpl(QFile::encodeName(dir));
}

Result<void> WorkspaceStore::remove(const QString &id)
{
    if (!isValidWorkspaceId(id))
        return unknownId(id);
    m_manifests.remove(id);
    m_index.remove(id);
    if (!m_trash)
        return makeError(ErrorCode::Internal, QStringLiteral("WorkspaceStore::remove() before open()"));
    // Metadata first: from then on lookup() says Unknown, and a crash in between leaves a
    // workspace without metadata, which open() removes. Both are renames; the deletion
    // itself happens on the trash's worker thread.
    m_trash->discard(metaPath(id), id + QLatin1String("-meta"));
    m_trash->discard(workspacePath(id), id);
    return {};
}

Result<void> WorkspaceStore::clearContents(const QString &id)
{
    if (!isValidWorkspaceId(id) || !isDirectoryNoFollow(workspacePath(id)))
        return unknownId(id);
    if (!m_trash)
        return makeError(ErrorCode::Internal, QStringLiteral("WorkspaceStore::clearContents() before open()"));
    // The old tree goes to the trash in one rename; an empty directory takes its place.
    const QString ws = workspacePath(id);
    m_trash->discard(ws, id + QLatin1String("-contents"));
    if (!QDir().mkpath(ws))
        return makeError(ErrorCode::IoError, QStringLiteral("cannot create directory %1").arg(ws));
    if (Result<void> r = saveManifest(id, Manifest()); !r)
        return r;
    return recordSize(id, 0);
}

QList<WorkspaceStore::WorkspaceInfo> WorkspaceStore::list() const
{
    // From memory: status and the GC call this often, and reading four files per workspace
    // each time is slow work on the event loop (and slower still when the disk is busy).
    QList<WorkspaceInfo> result = m_index.values();
    const qint64 now = m_clock();
    for (WorkspaceInfo &info : result) {
        // An unknown time sorts as "just used": never the first one evicted.
        if (!info.lastUsedError.isEmpty())
            info.lastUsedMs = now;
    }
    std::sort(result.begin(), result.end(), [](const WorkspaceInfo &a, const WorkspaceInfo &b) {
        return a.lastUsedMs != b.lastUsedMs ? a.lastUsedMs < b.lastUsedMs : a.id < b.id;
    });
    return result;
}

WorkspaceStore::WorkspaceInfo WorkspaceStore::loadInfo(const QString &id) const
{
    WorkspaceInfo info;
    info.id = id;
    const Result<qint64> used = lastUsed(id);
    info.lastUsedMs = used ? used.value() : 0;
    info.lastUsedError = used ? QString() : used.errorString();
    info.bytes = recordedSize(id);
    info.files = fileCount(id);
    info.dirty = readMetaFile(id, s_state) == s_stateDirty;
    info.owner = QString::fromUtf8(readMetaFile(id, s_owner));
    return info;
}

void WorkspaceStore::updateIndex(const QString &id, const QString &name, const QByteArray &content)
{
    const auto it = m_index.find(id);
    if (it == m_index.end())
        return; // still being created: create() adds it when it is complete
    if (name == s_lastUsed) {
        it->lastUsedMs = content.toLongLong();
        it->lastUsedError.clear();
    } else if (name == s_size) {
        it->bytes = content.toLongLong();
    } else if (name == s_files) {
        it->files = content.toInt();
    } else if (name == s_state) {
        it->dirty = content == s_stateDirty;
    }
}

int WorkspaceStore::fileCount(const QString &id) const
{
    bool ok = false;
    const int count = readMetaFile(id, s_files).toInt(&ok);
    // Written before the count was kept: count once (at start, for the index).
    return ok ? count : countManifestEntries(metaPath(id) + QLatin1Char('/') + s_fileList);
}

Result<void> WorkspaceStore::writeMetaFile(const QString &id, const QString &name, const QByteArray &content)
{
    const QString meta = metaPath(id);
    if (meta.isEmpty() || !isDirectoryNoFollow(meta))
        return unknownId(id);
    // Old or new value, also on a full disk (AtomicFile explains why not QSaveFile).
    Result<void> written = AtomicFile::write(meta + QLatin1Char('/') + name, content);
    if (written)
        updateIndex(id, name, content);
    return written;
}

Result<QByteArray> WorkspaceStore::readMeta(const QString &id, const QString &name) const
{
    const QString meta = metaPath(id);
    if (meta.isEmpty())
        return unknownId(id);
    const QString fileName = meta + QLatin1Char('/') + name;
    QFile file(fileName);
    if (!file.open(QIODevice::ReadOnly))
        return makeError(ErrorCode::IoError, QStringLiteral("cannot read %1: %2").arg(fileName, file.errorString()));
    const QByteArray content = file.read(s_maxMetaFileBytes);
    if (file.error() != QFileDevice::NoError)
        return makeError(ErrorCode::IoError, QStringLiteral("cannot read %1: %2").arg(fileName, file.errorString()));
    return content.trimmed();
}

QByteArray WorkspaceStore::readMetaFile(const QString &id, const QString &name) const
{
    const Result<QByteArray> content = readMeta(id, name);
    return content ? content.value() : QByteArray();
}

} // namespace BuildService
