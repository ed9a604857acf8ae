// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: GPL-2.0-or-later

// NinjaLogs: parsing and rewriting of ninja's build log (v5) and deps log (v4).
#include "ninjalogs.h"

#include "archive/safetreewriter.h"
#include "cache/blobstore.h"

#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSet>
#include <QtEndian>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace BuildService {

namespace {

const QByteArray s_logHeader("# ninja log v5\n");
const QByteArray s_depsHeader("# ninjadeps\n");

Result<QByteArray> readWorkspaceFile(const QString &root, const QString &path)
{
    QFile file;
    const int fd = ::open(QFile::encodeName(root + QLatin1Char('/') + path).constData(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0 || !file.open(fd, QIODevice::ReadOnly, QFileDevice::AutoCloseHandle)) {
        if (fd >= 0)
            ::close(fd);
        return makeError(ErrorCode::IoError, QStringLiteral("cannot read %1: %2").arg(path, QString::fromLocal8Bit(std::strerror(errno))));
    }
    return file.readAll();
}

/** Output -> command line of every edge of the build.ninja in @p dir, from `ninja -t compdb`. */
QHash<QByteArray, QByteArray> commandsOf(const QString &dir)
{
    QProcess ninja;
    ninja.setProgram(QStringLiteral("ninja"));
    ninja.setArguments({QStringLiteral("-C"), dir, QStringLiteral("-t"), QStringLiteral("compdb")});
    ninja.setStandardInputFile(QProcess::nullDevice());
    ninja.start();
    QHash<QByteArray, QByteArray> commands;
    if (!ninja.waitForStarted(5000) || !ninja.waitForFinished(30000) || ninja.exitStatus() != QProcess::NormalExit
        || ninja.exitCode() != 0) {
        ninja.kill();
        return commands;
    }
    const QJsonArray edges = QJsonDocument::fromJson(ninja.readAllStandardOutput()).array();
    for (const QJsonValue &edge : edges) {
        const QJsonObject e = edge.toObject();
        commands.insert(e.value(QLatin1String("output")).toString().toUtf8(), e.value(QLatin1String("command")).toString().toUtf8());
    }
    return commands;
}

/** The .ninja_log with the mtime column of @p outputs set to @p mtimeNs; empty when unchanged. */
QByteArray retimeBuildLog(const QByteArray &log, const QSet<QByteArray> &outputs, qint64 mtimeNs,
                          const QHash<QByteArray, QByteArray> &commands = {})
{
    if (!log.startsWith(s_logHeader))
        return QByteArray();
    QByteArray result = s_logHeader;
    bool changed = false;
    const QList<QByteArray> lines = log.mid(s_logHeader.size()).split('\n');
    for (int i = 0; i < lines.size(); ++i) {
        const QByteArray &line = lines[i];
        if (i == lines.size() - 1 && line.isEmpty())
            break;
        QList<QByteArray> f = line.split('\t');
        if (f.size() == 5 && outputs.contains(f[3])) {
            f[2] = QByteArray::number(mtimeNs);
            const auto command = commands.constFind(f[3]);
            if (command != commands.cend())
                f[4] = QByteArray::number(NinjaLogs::commandHash(command.value()), 16);
            changed = true;
        }
        result += f.join('\t') + '\n';
    }
    return changed ? result : QByteArray();
}

/** The .ninja_deps with the mtime of @p outputs' records set to @p mtimeNs; empty when unchanged. */
QByteArray retimeDepsLog(QByteArray deps, const QSet<QByteArray> &outputs, qint64 mtimeNs)
{
    const int headerSize = s_depsHeader.size() + 4;
    if (!deps.startsWith(s_depsHeader) || deps.size() < headerSize
        || qFromLittleEndian<qint32>(deps.constData() + s_depsHeader.size()) != 4)
        return QByteArray();
    QList<QByteArray> paths;  // by node id, in order of their records
    bool changed = false;
    int pos = headerSize;
    while (pos + 4 <= deps.size()) {
        const quint32 head = qFromLittleEndian<quint32>(deps.constData() + pos);
        const bool isDeps = head & 0x80000000u;
        const int size = int(head & 0x7fffffffu);
        pos += 4;
        if (size > deps.size() - pos)
            break; // a truncated last record: ninja ignores it, and so do we
        if (!isDeps) {
            if (size < 4)
                break;
            QByteArray path = deps.mid(pos, size - 4);
            while (path.endsWith('\0'))
                path.chop(1);
            paths.append(path);
        } else if (size >= 12) {
            const qint32 out = qFromLittleEndian<qint32>(deps.constData() + pos);
            if (out >= 0 && out < paths.size() && outputs.contains(paths[out])) {
                qToLittleEndian<quint32>(quint32(quint64(mtimeNs) & 0xffffffffu), deps.data() + pos + 4);
                qToLittleEndian<quint32>(quint32(quint64(mtimeNs) >> 32), deps.data() + pos + 8);
                changed = true;
            }
        }
        pos += size;
    }
    return changed ? deps : QByteArray();
}

} // namespace

quint64 NinjaLogs::commandHash(const QByteArray &command)
{
    // MurmurHash64A (Austin Appleby, public domain) with ninja's seed.
    constexpr quint64 multiplier = 0xc6a4a7935bd1e995ULL;
    constexpr int shift = 47;
    const auto *data = reinterpret_cast<const unsigned char *>(command.constData());
    size_t length = size_t(command.size());
    quint64 h = 0xDECAFBADDECAFBADULL ^ (quint64(length) * multiplier);
    for (; length >= 8; length -= 8, data += 8) {
        quint64 k = qFromLittleEndian<quint64>(data);
        k *= multiplier;
        k ^= k >> shift;
        k *= multiplier;
        h ^= k;
        h *= multiplier;
    }
    if (length > 0) {
        for (size_t i = length; i-- > 0;)
            h ^= quint64(data[i]) << (8 * i);
        h *= multiplier;
    }
    h ^= h >> shift;
    h *= multiplier;
    h ^= h >> shift;
    return h;
}

Result<QByteArray> NinjaLogs::hashFile(const QString &root, const QString &path, qint64 *size)
{
    const int fd = ::open(QFile::encodeName(root + QLatin1Char('/') + path).constData(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0)
        return makeError(ErrorCode::IoError, QStringLiteral("cannot read %1: %2").arg(path, QString::fromLocal8Bit(std::strerror(errno))));
    const Result<BlobStore::Stored> hashed = BlobStore::hash(fd);
    ::close(fd);
    if (!hashed)
        return hashed.error();
    *size = hashed->size;
    return hashed->sha256;
}

Result<QStringList> NinjaLogs::retime(const QString &root, SafeTreeWriter &writer, const QStringList &restored, qint64 mtimeNs,
                                      bool commandsMoved)
{
    QStringList changed;
    for (const QString &log : restored) {
        const bool buildLog = log == QLatin1String(".ninja_log") || log.endsWith(QLatin1String("/.ninja_log"));
        const bool depsLog = log == QLatin1String(".ninja_deps") || log.endsWith(QLatin1String("/.ninja_deps"));
        if (!buildLog && !depsLog)
            continue;
        const int slash = log.lastIndexOf(QLatin1Char('/'));
        const QString dir = slash < 0 ? QString() : log.left(slash + 1);
        // ninja names outputs relative to its build directory, the directory of its logs.
        QSet<QByteArray> outputs;
        for (const QString &path : restored) {
            if (path.startsWith(dir))
                outputs.insert(path.mid(dir.size()).toUtf8());
        }
        const Result<QByteArray> content = readWorkspaceFile(root, log);
        if (!content)
            return content.error();
        const QHash<QByteArray, QByteArray> commands =
            buildLog && commandsMoved ? commandsOf(root + QLatin1Char('/') + (dir.isEmpty() ? QStringLiteral(".") : dir)) : QHash<QByteArray, QByteArray>();
        const QByteArray rewritten = buildLog ? retimeBuildLog(content.value(), outputs, mtimeNs, commands)
                                              : retimeDepsLog(content.value(), outputs, mtimeNs);
        if (rewritten.isEmpty())
            continue;
        const Result<SafeTreeWriter::EntryInfo> info = writer.entryInfo(log.toUtf8());
        if (!info)
            return info.error();
        Result<void> r = writer.beginFile(log.toUtf8(), info->mode);
        if (r)
            r = writer.write(rewritten.constData(), rewritten.size());
        if (r)
            r = writer.endFile();
        if (!r)
            return r.error();
        changed.append(log);
    }
    return changed;
}

} // namespace BuildService
