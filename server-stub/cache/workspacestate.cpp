// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: GPL-2.0-or-later

// WorkspaceState: digest, sync adjustment, diff and persistence of a workspace's non-source state.
#include "workspacestate.h"

#include "archive/entrypolicy.h"
#include "core/atomicfile.h"
#include "cache/sha256.h"
#include "sync/manifest.h"

#include <QFile>
#include <QSet>
#include <QUuid>

#include <algorithm>

namespace BuildService {

namespace {

const QByteArray s_header("build-service-state 1\n");
const QByteArray s_trailer("end\n");

bool isBelow(const QString &path, const QString &dir)
{
    return path.size() > dir.size() && path.startsWith(dir) && path.at(dir.size()) == QLatin1Char('/');
}

QString opName(WorkspaceChange::Op op)
{
    switch (op) {
    case WorkspaceChange::Op::Remove: return QStringLiteral("remove");
    case WorkspaceChange::Op::Directory: return QStringLiteral("directory");
    case WorkspaceChange::Op::File: return QStringLiteral("file");
    case WorkspaceChange::Op::Symlink: return QStringLiteral("symlink");
    }
    return QString();
}

} // namespace

QJsonObject WorkspaceChange::toJson() const
{
    QJsonObject json{{QStringLiteral("op"), opName(op)}, {QStringLiteral("path"), path}};
    if (op == Op::File || op == Op::Directory)
        json.insert(QStringLiteral("mode"), qint64(mode));
    if (op == Op::File) {
        json.insert(QStringLiteral("size"), size);
        json.insert(QStringLiteral("sha256"), QString::fromLatin1(sha256));
        if (relocate)
            json.insert(QStringLiteral("relocate"), true);
    }
    if (op == Op::Symlink)
        json.insert(QStringLiteral("target"), linkTarget);
    return json;
}

Result<WorkspaceChange> WorkspaceChange::fromJson(const QJsonObject &json)
{
    WorkspaceChange c;
    const QString op = json.value(QLatin1String("op")).toString();
    if (op == QLatin1String("remove"))
        c.op = Op::Remove;
    else if (op == QLatin1String("directory"))
        c.op = Op::Directory;
    else if (op == QLatin1String("file"))
        c.op = Op::File;
    else if (op == QLatin1String("symlink"))
        c.op = Op::Symlink;
    else
        return makeError(ErrorCode::InvalidRequest, QStringLiteral("unknown workspace change \"%1\"").arg(op));
    const Result<QString> path = EntryPolicy::validateEntryPath(json.value(QLatin1String("path")).toString());
    if (!path)
        return path.error();
    c.path = path.value();
    c.mode = quint32(json.value(QLatin1String("mode")).toDouble()) & 07777;
    c.size = qint64(json.value(QLatin1String("size")).toDouble());
    c.sha256 = json.value(QLatin1String("sha256")).toString().toLatin1();
    c.linkTarget = json.value(QLatin1String("target")).toString();
    c.relocate = json.value(QLatin1String("relocate")).toBool();
    if (c.op == Op::File && (!Sha256::isHexDigest(c.sha256) || c.size < 0))
        return makeError(ErrorCode::InvalidRequest, QStringLiteral("workspace change of %1 has no valid content digest").arg(EntryPolicy::printable(c.path)));
    if (c.op == Op::Symlink) {
        const Result<void> target = EntryPolicy::validateSymlinkTarget(c.path, c.linkTarget);
        if (!target)
            return target.error();
    }
    return c;
}

WorkspaceState WorkspaceState::untracked(const QString &why)
{
    WorkspaceState state;
    state.m_untracked = why.isEmpty() ? QStringLiteral("unknown") : why;
    state.m_untrackedId = QUuid::createUuid().toString(QUuid::Id128);
    return state;
}

const StateEntry *WorkspaceState::find(const QString &path) const
{
    const auto it = m_entries.constFind(path);
    return it == m_entries.cend() ? nullptr : &it.value();
}

qint64 WorkspaceState::bytes() const
{
    qint64 total = 0;
    for (const StateEntry &e : m_entries) {
        if (e.type == StateEntry::Type::File)
            total += e.size;
    }
    return total;
}

QString WorkspaceState::cleanDigest()
{
    return WorkspaceState().digest();
}

QString WorkspaceState::digest() const
{
    if (!isTracked())
        return QStringLiteral("untracked-") + m_untrackedId;
    Sha256 hash;
    hash.update("build-service-state/1\n", 22);
    for (const StateEntry &e : m_entries) {
        const QByteArray line = QByteArray(1, char(e.type)) + '\t' + QByteArray::number(e.mode, 8) + '\t'
                                + QByteArray::number(e.size) + '\t' + e.sha256 + '\t' + e.path.toUtf8() + '\t'
                                + e.linkTarget.toUtf8() + '\n';
        hash.update(line.constData(), line.size());
    }
    return QString::fromLatin1(hash.hexDigest().left(32));
}

WorkspaceState WorkspaceState::afterSync(const Manifest &sources) const
{
    if (!isTracked())
        return *this;
    QSet<QString> sourceDirs;
    for (const ManifestEntry &s : sources.entries()) {
        for (int slash = s.path.indexOf(QLatin1Char('/')); slash > 0; slash = s.path.indexOf(QLatin1Char('/'), slash + 1))
            sourceDirs.insert(s.path.left(slash));
    }
    WorkspaceState result;
    for (const StateEntry &e : m_entries) {
        if (e.type == StateEntry::Type::Gone || sources.contains(e.path) || sourceDirs.contains(e.path))
            continue;
        // Something synced as a file where this entry's parent was: the entry is gone.
        bool shadowed = false;
        for (int slash = e.path.indexOf(QLatin1Char('/')); slash > 0 && !shadowed; slash = e.path.indexOf(QLatin1Char('/'), slash + 1))
            shadowed = sources.contains(e.path.left(slash));
        if (!shadowed)
            result.insert(e);
    }
    return result;
}

QList<WorkspaceChange> WorkspaceState::diff(const WorkspaceState &before, const WorkspaceState &after)
{
    Q_ASSERT(before.isTracked() && after.isTracked());
    QList<WorkspaceChange> removals;
    QList<WorkspaceChange> directories;
    QList<WorkspaceChange> writes;
    for (const StateEntry &old : before.m_entries) {
        if (!after.m_entries.contains(old.path) && old.type != StateEntry::Type::Gone) {
            // A removed directory takes its contents along; list only the topmost removal.
            bool parentRemoved = false;
            for (const WorkspaceChange &r : qAsConst(removals))
                parentRemoved = parentRemoved || isBelow(old.path, r.path);
            if (!parentRemoved)
                removals.append({WorkspaceChange::Op::Remove, old.path, 0, 0, {}, {}, false});
        }
    }
    for (const StateEntry &e : after.m_entries) {
        const StateEntry *old = before.find(e.path);
        if (old && old->sameContent(e))
            continue;
        switch (e.type) {
        case StateEntry::Type::Gone:
            removals.append({WorkspaceChange::Op::Remove, e.path, 0, 0, {}, {}, false});
            break;
        case StateEntry::Type::Directory:
            directories.append({WorkspaceChange::Op::Directory, e.path, e.mode, 0, {}, {}, false});
            break;
        case StateEntry::Type::File:
            writes.append({WorkspaceChange::Op::File, e.path, e.mode, e.size, e.sha256, {}, false});
            break;
        case StateEntry::Type::Symlink:
            writes.append({WorkspaceChange::Op::Symlink, e.path, 0, 0, {}, e.linkTarget, false});
            break;
        }
    }
    std::sort(removals.begin(), removals.end(), [](const WorkspaceChange &a, const WorkspaceChange &b) {
        return a.path.count(QLatin1Char('/')) > b.path.count(QLatin1Char('/'));
    });
    std::sort(directories.begin(), directories.end(), [](const WorkspaceChange &a, const WorkspaceChange &b) {
        return a.path.count(QLatin1Char('/')) < b.path.count(QLatin1Char('/'));
    });
    return removals + directories + writes;
}

Result<void> WorkspaceState::save(const QString &fileName) const
{
    // AtomicFile, not QSaveFile: on a full disk QSaveFile can leave an empty file behind.
    AtomicFile file(fileName);
    if (Result<void> r = file.open(); !r)
        return r;
    QByteArray buffer = s_header;
    if (!isTracked())
        buffer += "untracked\t" + m_untracked.toUtf8().replace('\n', ' ').replace('\t', ' ') + '\n';
    for (const StateEntry &e : m_entries) {
        buffer += QByteArray(1, char(e.type)) + '\t' + QByteArray::number(e.mode, 8) + '\t' + QByteArray::number(e.size) + '\t'
                  + (e.sha256.isEmpty() ? QByteArray("-") : e.sha256) + '\t' + QByteArray::number(e.mtimeNs) + '\t'
                  + QByteArray::number(e.inode) + '\t' + QByteArray::number(e.ctimeNs) + '\t' + e.path.toUtf8() + '\t'
                  + e.linkTarget.toUtf8() + '\n';
        if (buffer.size() > (1 << 20)) {
            if (Result<void> r = file.write(buffer); !r)
                return r;
            buffer.clear();
        }
    }
    buffer += s_trailer;
    if (Result<void> r = file.write(buffer); !r)
        return r;
    return file.commit();
}

Result<WorkspaceState> WorkspaceState::load(const QString &fileName)
{
    QFile file(fileName);
    if (!file.exists())
        return untracked(QStringLiteral("no state was recorded for this workspace"));
    if (!file.open(QIODevice::ReadOnly))
        return makeError(ErrorCode::IoError, QStringLiteral("cannot read %1: %2").arg(fileName, file.errorString()));
    const QByteArray data = file.readAll();
    auto corrupt = [&](const QString &what) {
        return makeError(ErrorCode::IoError, QStringLiteral("the workspace state %1 is damaged: %2").arg(fileName, what));
    };
    if (!data.startsWith(s_header) || !data.endsWith(s_trailer))
        return corrupt(QStringLiteral("missing header or end line"));
    WorkspaceState state;
    const QList<QByteArray> lines = data.mid(s_header.size(), data.size() - s_header.size() - s_trailer.size()).split('\n');
    for (const QByteArray &line : lines) {
        if (line.isEmpty())
            continue;
        const QList<QByteArray> f = line.split('\t');
        if (f.size() == 2 && f[0] == "untracked") {
            state = untracked(QString::fromUtf8(f[1]));
            continue;
        }
        if (f.size() != 9 || f[0].size() != 1 || !QByteArray("fldx").contains(f[0][0]))
            return corrupt(QStringLiteral("bad line \"%1\"").arg(QString::fromUtf8(line.left(200))));
        StateEntry e;
        bool ok = true;
        e.type = StateEntry::Type(f[0][0]);
        e.mode = f[1].toUInt(&ok, 8);
        e.size = ok ? f[2].toLongLong(&ok) : 0;
        e.sha256 = f[3] == "-" ? QByteArray() : f[3];
        e.mtimeNs = ok ? f[4].toLongLong(&ok) : 0;
        e.inode = ok ? f[5].toULongLong(&ok) : 0;
        e.ctimeNs = ok ? f[6].toLongLong(&ok) : 0;
        e.path = QString::fromUtf8(f[7]);
        e.linkTarget = QString::fromUtf8(f[8]);
        if (!ok || e.path.isEmpty() || (e.type == StateEntry::Type::File && !Sha256::isHexDigest(e.sha256)))
            return corrupt(QStringLiteral("bad line \"%1\"").arg(QString::fromUtf8(line.left(200))));
        state.insert(e);
    }
    return state;
}

} // namespace BuildService
