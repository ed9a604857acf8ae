// RecordingComparer: reads two recordings and finds their first difference.
#include "recordingcomparer.h"

#include "cache/recordingreader.h"

#include <QMap>

namespace BuildService {

namespace {

struct Loaded {
    QList<QByteArray> lines;
    int exitCode = 0;
    QMap<QString, WorkspaceChange> changes;
};

Result<Loaded> load(const QString &file)
{
    RecordingReader reader(file);
    const Result<RecordingHeader> header = reader.open();
    if (!header)
        return header.error();
    const QByteArray workspace = header->workspacePath.toUtf8();
    QByteArray output;
    Loaded loaded;
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

} // namespace

VerifyResult RecordingComparer::compare(const QString &recordedFile, const QString &liveFile)
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
    for (const QString &path : qAsConst(paths)) {
        const auto a = recorded->changes.constFind(path);
        const auto b = live->changes.constFind(path);
        const WorkspaceChange *ca = a == recorded->changes.cend() ? nullptr : &a.value();
        const WorkspaceChange *cb = b == live->changes.cend() ? nullptr : &b.value();
        if (!ca || !cb || !(*ca == *cb))
            return {QStringLiteral("differs"), QStringLiteral("file %1: recorded %2, now %3").arg(path, describe(ca), describe(cb))};
    }
    return {QStringLiteral("reproducible"), QString()};
}

} // namespace BuildService
