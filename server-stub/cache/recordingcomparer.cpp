// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: GPL-2.0-or-later

// RecordingComparer: reads two recordings and finds their first difference.
#include "recordingcomparer.h"

#include "cache/blobstore.h"
#include "cache/recordingreader.h"

#include <QFile>
#include <QtEndian>

#include <QMap>

namespace BuildService {

namespace {

struct Loaded {
    QList<QByteArray> lines;
    int exitCode = 0;
    QMap<QString, WorkspaceChange> changes;
    QByteArray realPath;
};

Result<Loaded> load(const QString &file)
{
    RecordingReader reader(file);
    const Result<RecordingHeader> header = reader.open();
    if (!header)
        return header.error();
    const QByteArray workspace = header->workspacePath.toUtf8();
    Loaded loaded;
    loaded.realPath = header->realPath.toUtf8();
    QByteArray output;
    RecordedEvent event;
    for (;;) {
        const Result<bool> read = reader.next(&event);
        if (!read)
            return read.error();
        if (!read.value())
            break;
        if (event.isExit())
            loaded.exitCode = ExitEvent::fromJson(event.object()).code;
        else
            output += OutputEvent::fromJson(event.object()).data;
    }
    if (!workspace.isEmpty())
        output.replace(workspace, QByteArrayLiteral("<workspace>"));
    loaded.lines = output.split('\n');
    for (const WorkspaceChange &change : reader.summary().changes)
        loaded.changes.insert(change.path, change);
    return loaded;
}

QString quoted(const QByteArray &line)
{
    const QString text = QString::fromUtf8(line);
    return QLatin1Char('"') + (text.size() > 120 ? text.left(117) + QLatin1String("...") : text) + QLatin1Char('"');
}

QString describe(const WorkspaceChange *change)
{
    if (!change)
        return QStringLiteral("unchanged");
    switch (change->op) {
    case WorkspaceChange::Op::Remove: return QStringLiteral("removed");
    case WorkspaceChange::Op::Directory: return QStringLiteral("directory");
    case WorkspaceChange::Op::Symlink: return QStringLiteral("symlink to %1").arg(change->linkTarget);
    case WorkspaceChange::Op::File:
        return QStringLiteral("%1 bytes, sha256 %2").arg(change->size).arg(QString::fromLatin1(change->sha256.left(12)));
    }
    return QString();
}

/**
 * Zeroes the GNU build id of an ELF64 little-endian file: the linker hashes the whole output,
 * workspace path included, so two links in different workspaces differ only there.
 */
void blankBuildId(QByteArray &elf)
{
    auto u16 = [&](qint64 at) { return at + 2 <= elf.size() ? qFromLittleEndian<quint16>(elf.constData() + at) : quint16(0); };
    auto u32 = [&](qint64 at) { return at + 4 <= elf.size() ? qFromLittleEndian<quint32>(elf.constData() + at) : quint32(0); };
    auto u64 = [&](qint64 at) { return at + 8 <= elf.size() ? qFromLittleEndian<quint64>(elf.constData() + at) : quint64(0); };
    if (elf.size() < 64 || !elf.startsWith("\x7f" "ELF") || elf.at(4) != char(2) || elf.at(5) != char(1))
        return;
    const quint64 sectionTable = u64(0x28);
    const quint16 entrySize = u16(0x3a);
    const quint16 count = u16(0x3c);
    for (quint16 i = 0; i < count; ++i) {
        const quint64 header = sectionTable + quint64(i) * entrySize;
        if (u32(header + 4) != 7) // SHT_NOTE
            continue;
        quint64 at = u64(header + 0x18);
        const quint64 end = std::min<quint64>(at + u64(header + 0x20), quint64(elf.size()));
        while (at + 12 <= end) {
            const quint32 nameSize = u32(at);
            const quint32 descSize = u32(at + 4);
            const quint32 type = u32(at + 8);
            const quint64 desc = at + 12 + ((nameSize + 3) & ~3u);
            if (desc + descSize > end)
                break;
            if (type == 3 && nameSize == 4 && elf.mid(int(at + 12), 4) == QByteArray("GNU", 4))
                elf.replace(int(desc), int(descSize), QByteArray(int(descSize), '\0'));
            at = desc + ((descSize + 3) & ~3u);
        }
    }
}

/** Equal contents once each names its own workspace path the same way. */
bool sameAfterRelocation(const BlobStore &blobs, const WorkspaceChange &a, const QByteArray &pathA, const WorkspaceChange &b,
                         const QByteArray &pathB)
{
    if (a.size != b.size || pathA.size() != pathB.size())
        return false;
    QFile fa(blobs.path(a.sha256));
    QFile fb(blobs.path(b.sha256));
    if (!fa.open(QIODevice::ReadOnly) || !fb.open(QIODevice::ReadOnly))
        return false;
    QByteArray ca = fa.readAll();
    QByteArray cb = fb.readAll();
    const QByteArray blank(pathA.size(), '\0');
    if (!pathA.isEmpty())
        ca.replace(pathA, blank);
    if (!pathB.isEmpty())
        cb.replace(pathB, blank);
    blankBuildId(ca);
    blankBuildId(cb);
    return ca == cb;
}

} // namespace

VerifyResult RecordingComparer::compare(const QString &recordedFile, const QString &liveFile, const BlobStore &blobs)
{
    const Result<Loaded> recorded = load(recordedFile);
    const Result<Loaded> live = load(liveFile);
    if (!recorded || !live)
        return {QStringLiteral("differs"), QStringLiteral("cannot compare: %1").arg(recorded ? live.errorString() : recorded.errorString())};
    if (recorded->exitCode != live->exitCode)
        return {QStringLiteral("differs"), QStringLiteral("exit code: recorded %1, now %2").arg(recorded->exitCode).arg(live->exitCode)};
    const int lines = std::max(recorded->lines.size(), live->lines.size());
    for (int i = 0; i < lines; ++i) {
        const QByteArray a = recorded->lines.value(i);
        const QByteArray b = live->lines.value(i);
        if (a != b || (i >= recorded->lines.size()) != (i >= live->lines.size())) {
            return {QStringLiteral("differs"), QStringLiteral("output line %1: recorded %2, now %3")
                                                   .arg(i + 1)
                                                   .arg(i < recorded->lines.size() ? quoted(a) : QStringLiteral("(no line)"),
                                                        i < live->lines.size() ? quoted(b) : QStringLiteral("(no line)"))};
        }
    }
    QStringList paths = recorded->changes.keys() + live->changes.keys();
    std::sort(paths.begin(), paths.end());
    paths.erase(std::unique(paths.begin(), paths.end()), paths.end());
    QStringList pathDependent;
    for (const QString &path : qAsConst(paths)) {
        const auto a = recorded->changes.constFind(path);
        const auto b = live->changes.constFind(path);
        const WorkspaceChange *ca = a == recorded->changes.cend() ? nullptr : &a.value();
        const WorkspaceChange *cb = b == live->changes.cend() ? nullptr : &b.value();
        if (ca && cb && ca->relocate && cb->relocate && ca->op == cb->op && ca->mode == cb->mode) {
            if (sameAfterRelocation(blobs, *ca, recorded->realPath, *cb, live->realPath))
                continue;
            // A linker lays out merged strings by their hashes, so a file that embeds its
            // workspace path can differ in more than that path. Same size: say so, do not fail.
            if (ca->size == cb->size) {
                pathDependent.append(path);
                continue;
            }
        }
        if (!ca || !cb || !(*ca == *cb))
            return {QStringLiteral("differs"), QStringLiteral("file %1: recorded %2, now %3").arg(path, describe(ca), describe(cb))};
    }
    if (!pathDependent.isEmpty())
        return {QStringLiteral("reproducible"),
                QStringLiteral("%1 file(s) that embed the workspace path differ beyond it with the same size: %2")
                    .arg(pathDependent.size())
                    .arg(pathDependent.mid(0, 5).join(QLatin1String(", ")) + (pathDependent.size() > 5 ? QLatin1String(", ...") : QLatin1String("")))};
    return {QStringLiteral("reproducible"), QString()};
}

} // namespace BuildService
