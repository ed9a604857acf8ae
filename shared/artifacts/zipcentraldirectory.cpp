// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: LGPL-2.1-only OR LGPL-3.0-only

// ZipCentralDirectory: end-of-central-directory search and record parsing, zip64 aware.
#include "artifacts/zipcentraldirectory.h"

#include <QIODevice>

#include <zlib.h>

namespace BuildService {
namespace Internal {

namespace {

constexpr quint32 EndSignature = 0x06054b50;
constexpr quint32 Zip64EndSignature = 0x06064b50;
constexpr quint32 Zip64LocatorSignature = 0x07064b50;
constexpr quint32 CentralSignature = 0x02014b50;
constexpr int EndSize = 22;
constexpr int Zip64LocatorSize = 20;
constexpr int Zip64EndSize = 56;
constexpr int CentralSize = 46;

quint16 le16(const char *p)
{
    const auto *u = reinterpret_cast<const uchar *>(p);
    return quint16(u[0] | (u[1] << 8));
}

quint32 le32(const char *p)
{
    const auto *u = reinterpret_cast<const uchar *>(p);
    return quint32(u[0]) | (quint32(u[1]) << 8) | (quint32(u[2]) << 16) | (quint32(u[3]) << 24);
}

quint64 le64(const char *p)
{
    return quint64(le32(p)) | (quint64(le32(p + 4)) << 32);
}

Error notZip(const QString &why)
{
    return makeError(ErrorCode::ArchiveRejected, QStringLiteral("not a zip archive: %1").arg(why));
}

bool readAt(QIODevice &device, qint64 offset, char *out, qint64 size)
{
    return device.seek(offset) && device.read(out, size) == size;
}

} // namespace

Result<QVector<ZipCentralEntry>> ZipCentralDirectory::read(QIODevice &device, qint64 maxEntries)
{
    const qint64 fileSize = device.size();
    if (fileSize < EndSize)
        return notZip(QStringLiteral("too short"));

    // The end record sits in the last 22 + 65535 (comment) bytes.
    const qint64 tailSize = qMin<qint64>(fileSize, EndSize + 0xFFFF);
    QByteArray tail(int(tailSize), Qt::Uninitialized);
    if (!readAt(device, fileSize - tailSize, tail.data(), tailSize))
        return notZip(QStringLiteral("cannot read its end"));
    int end = -1;
    for (int i = int(tailSize) - EndSize; i >= 0; --i) {
        if (le32(tail.constData() + i) == EndSignature && i + EndSize + le16(tail.constData() + i + 20) == tailSize) {
            end = i;
            break;
        }
    }
    if (end < 0)
        return notZip(QStringLiteral("no end of central directory record"));
    const char *e = tail.constData() + end;
    quint64 count = le16(e + 10);
    quint64 cdSize = le32(e + 12);
    quint64 cdOffset = le32(e + 16);
    const qint64 endOffset = fileSize - tailSize + end;

    if (count == 0xFFFF || cdSize == 0xFFFFFFFFu || cdOffset == 0xFFFFFFFFu) {
        char locator[Zip64LocatorSize];
        if (endOffset < Zip64LocatorSize || !readAt(device, endOffset - Zip64LocatorSize, locator, Zip64LocatorSize)
            || le32(locator) != Zip64LocatorSignature)
            return notZip(QStringLiteral("zip64 locator missing"));
        const quint64 zip64End = le64(locator + 8);
        char record[Zip64EndSize];
        if (zip64End > quint64(fileSize) || !readAt(device, qint64(zip64End), record, Zip64EndSize) || le32(record) != Zip64EndSignature)
            return notZip(QStringLiteral("zip64 end record missing"));
        count = le64(record + 32);
        cdSize = le64(record + 40);
        cdOffset = le64(record + 48);
    }
    if (cdOffset > quint64(fileSize) || cdSize > quint64(fileSize) - cdOffset)
        return notZip(QStringLiteral("central directory outside the file"));
    if (count > quint64(maxEntries))
        return makeError(ErrorCode::ArchiveRejected, QStringLiteral("zip archive has more than %1 entries").arg(maxEntries));
    // Each record takes at least 46 bytes: a count that cannot fit is a lie.
    if (count * CentralSize > cdSize)
        return notZip(QStringLiteral("entry count does not fit the central directory"));
    if (!device.seek(qint64(cdOffset)))
        return notZip(QStringLiteral("cannot seek to the central directory"));

    QVector<ZipCentralEntry> entries;
    entries.reserve(int(count));
    quint64 consumed = 0;
    for (quint64 i = 0; i < count; ++i) {
        char h[CentralSize];
        if (consumed + CentralSize > cdSize || device.read(h, CentralSize) != CentralSize || le32(h) != CentralSignature)
            return notZip(QStringLiteral("bad central directory record %1").arg(i));
        const int nameLen = le16(h + 28);
        const int extraLen = le16(h + 30);
        const int commentLen = le16(h + 32);
        consumed += CentralSize + quint64(nameLen) + quint64(extraLen) + quint64(commentLen);
        if (consumed > cdSize)
            return notZip(QStringLiteral("bad central directory record %1").arg(i));
        ZipCentralEntry entry;
        entry.versionMadeBy = le16(h + 4);
        entry.crc32 = le32(h + 16);
        entry.uncompressedSize = le32(h + 24);
        entry.externalAttributes = le32(h + 38);
        entry.rawName = device.read(nameLen);
        const QByteArray extra = device.read(extraLen);
        if (entry.rawName.size() != nameLen || extra.size() != extraLen || (commentLen > 0 && device.read(commentLen).size() != commentLen))
            return notZip(QStringLiteral("bad central directory record %1").arg(i));
        if (entry.uncompressedSize == 0xFFFFFFFFu) {
            // zip64 extended information: the 64-bit uncompressed size comes first.
            for (int pos = 0; pos + 4 <= extra.size();) {
                const quint16 id = le16(extra.constData() + pos);
                const quint16 len = le16(extra.constData() + pos + 2);
                if (pos + 4 + len > extra.size())
                    break;
                if (id == 0x0001 && len >= 8)
                    entry.uncompressedSize = le64(extra.constData() + pos + 4);
                pos += 4 + len;
            }
        }
        entries.append(entry);
    }
    return entries;
}

quint32 ZipCentralDirectory::crc32(quint32 crc, const char *data, qint64 size)
{
    while (size > 0) {
        const uInt step = uInt(qMin<qint64>(size, 1 << 30));
        crc = quint32(::crc32(crc, reinterpret_cast<const Bytef *>(data), step));
        data += step;
        size -= step;
    }
    return crc;
}

} // namespace Internal
} // namespace BuildService
