// NinjaLogs: parsing and rewriting of ninja's build log (v5) and deps log (v4).
#include "ninjalogs.h"

#include "archive/safetreewriter.h"
#include "cache/blobstore.h"

#include <QFile>
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

/** The .ninja_log with the mtime column of @p outputs set to @p mtimeNs; empty when unchanged. */
QByteArray retimeBuildLog(const QByteArray &log, const QSet<QByteArray> &outputs, qint64 mtimeNs)
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

Result<QStringList> NinjaLogs::retime(const QString &root, SafeTreeWriter &writer, const QStringList &restored, qint64 mtimeNs)
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
        const QByteArray rewritten = buildLog ? retimeBuildLog(content.value(), outputs, mtimeNs)
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
