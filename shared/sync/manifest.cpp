// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: LGPL-2.1-only OR LGPL-3.0-only

// Manifest persistence and digest.
#include "manifest.h"

#include "core/atomicfile.h"

#include <QFile>

#include <xxhash.h>

namespace BuildService {

namespace {
const QByteArray s_header = QByteArrayLiteral("build-service-manifest 1\n");
const QByteArray s_trailer = QByteArrayLiteral("end\n");

QByteArray serialiseEntry(const ManifestEntry &e, bool withStat = false)
{
    QByteArray line;
    line.reserve(e.path.size() + 48);
    line += char(e.type);
    line += '\t';
    line += QByteArray::number(e.mode, 8);
    line += '\t';
    line += QByteArray::number(e.size);
    line += '\t';
    line += Manifest::hashToHex(e.hash).toLatin1();
    line += '\t';
    line += e.path.toUtf8();
    line += '\t';
    line += e.linkTarget.toUtf8();
    if (withStat) {
        line += '\t';
        line += QByteArray::number(e.mtimeNs);
        line += '\t';
        line += QByteArray::number(e.inode);
        line += '\t';
        line += QByteArray::number(e.ctimeNs);
    }
    line += '\n';
    return line;
}
} // namespace

const ManifestEntry *Manifest::find(const QString &path) const
{
    auto it = m_entries.constFind(path);
    return it == m_entries.constEnd() ? nullptr : &it.value();
}

qint64 Manifest::totalBytes() const
{
    qint64 total = 0;
    for (const ManifestEntry &e : m_entries)
        total += e.size;
    return total;
}

QString Manifest::hashToHex(quint64 hash)
{
    return QStringLiteral("%1").arg(hash, 16, 16, QLatin1Char('0'));
}

QString Manifest::digest() const
{
    if (!m_digest.isEmpty())
        return m_digest;
    XXH3_state_t *state = XXH3_createState();
    XXH3_64bits_reset(state);
    for (const ManifestEntry &e : m_entries) {
        const QByteArray line = serialiseEntry(e);
        XXH3_64bits_update(state, line.constData(), size_t(line.size()));
    }
    const quint64 h = XXH3_64bits_digest(state);
    XXH3_freeState(state);
    m_digest = hashToHex(h);
    return m_digest;
}

Result<void> Manifest::save(const QString &fileName) const
{
    AtomicFile file(fileName);
    if (Result<void> r = file.open(); !r)
        return r;
    QByteArray buffer = s_header;
    for (const ManifestEntry &e : m_entries) {
        buffer += serialiseEntry(e, true);
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

Result<Manifest> Manifest::load(const QString &fileName)
{
    QFile file(fileName);
    if (!file.open(QIODevice::ReadOnly))
        return makeError(ErrorCode::IoError, QStringLiteral("cannot read %1: %2").arg(fileName, file.errorString()));
    const QByteArray data = file.readAll();
    if (!data.startsWith(s_header) || !data.endsWith(s_trailer))
        return makeError(ErrorCode::IoError, QStringLiteral("%1 is not a complete manifest").arg(fileName));
    Manifest manifest;
    const QByteArray body = data.mid(s_header.size(), data.size() - s_header.size() - s_trailer.size());
    int lineNo = 1;
    for (const QByteArray &line : body.split('\n')) {
        ++lineNo;
        if (line.isEmpty())
            continue;
        const QList<QByteArray> f = line.split('\t');
        bool okMode = false, okSize = false, okHash = false;
        ManifestEntry e;
        if ((f.size() == 6 || f.size() == 9) && f[0].size() == 1 && (f[0][0] == 'f' || f[0][0] == 'l')) {
            e.type = ManifestEntry::Type(f[0][0]);
            e.mode = f[1].toUInt(&okMode, 8);
            e.size = f[2].toLongLong(&okSize);
            e.hash = f[3].toULongLong(&okHash, 16);
            e.path = QString::fromUtf8(f[4]);
            e.linkTarget = QString::fromUtf8(f[5]);
            if (f.size() == 9) {
                e.mtimeNs = f[6].toLongLong();
                e.inode = f[7].toULongLong();
                e.ctimeNs = f[8].toLongLong();
            }
        }
        if (!okMode || !okSize || !okHash || e.path.isEmpty())
            return makeError(ErrorCode::IoError, QStringLiteral("%1:%2: malformed manifest line").arg(fileName).arg(lineNo));
        manifest.insert(e);
    }
    return manifest;
}

} // namespace BuildService
