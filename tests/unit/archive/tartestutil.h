// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: BSD-2-Clause

// Test helpers: hand-crafted tar blocks (for hostile archives), KTar-built archives, zstd compression.
#pragma once

#include <KTar>

#include <QBuffer>
#include <QByteArray>
#include <QList>
#include <QPair>

#include <cstring>
#include <functional>
#include <zstd.h>

namespace TarTest {

inline void writeOctal(char *field, int len, quint64 value)
{
    // len-1 octal digits, NUL-terminated, as POSIX writers do.
    const QByteArray digits = QByteArray::number(value, 8).rightJustified(len - 1, '0');
    std::memcpy(field, digits.constData(), size_t(len - 1));
    field[len - 1] = 0;
}

/** Recomputes the checksum field of a 512-byte header block. */
inline void setChecksum(QByteArray &block)
{
    std::memset(block.data() + 148, ' ', 8);
    quint64 sum = 0;
    for (char c : qAsConst(block))
        sum += uchar(c);
    const QByteArray digits = QByteArray::number(sum, 8).rightJustified(6, '0');
    std::memcpy(block.data() + 148, digits.constData(), 6);
    block[154] = 0;
    block[155] = ' ';
}

/** A ustar header block; the name and link are cut to 100 bytes (use long-name records for more). */
inline QByteArray header(const QByteArray &name, char type, qint64 size, const QByteArray &link = {}, quint32 mode = 0644)
{
    QByteArray b(512, '\0');
    std::memcpy(b.data(), name.constData(), size_t(qMin(100, name.size())));
    writeOctal(b.data() + 100, 8, mode);
    writeOctal(b.data() + 108, 8, 0);
    writeOctal(b.data() + 116, 8, 0);
    writeOctal(b.data() + 124, 12, quint64(size));
    writeOctal(b.data() + 136, 12, 1700000000);
    b[156] = type;
    std::memcpy(b.data() + 157, link.constData(), size_t(qMin(100, link.size())));
    std::memcpy(b.data() + 257, "ustar\0" "00", 8);
    setChecksum(b);
    return b;
}

/** @p data padded with zeros to a multiple of 512 bytes. */
inline QByteArray padded(const QByteArray &data)
{
    QByteArray out = data;
    out.append(QByteArray(int((512 - data.size() % 512) % 512), '\0'));
    return out;
}

inline QByteArray file(const QByteArray &name, const QByteArray &content, quint32 mode = 0644)
{
    return header(name, '0', content.size(), {}, mode) + padded(content);
}

inline QByteArray endMarker()
{
    return QByteArray(1024, '\0');
}

/** A GNU ././@LongLink record ('L' for the name, 'K' for the link target) for the next header. */
inline QByteArray gnuLongRecord(char type, const QByteArray &value)
{
    QByteArray data = value;
    data.append('\0');
    QByteArray h = header("././@LongLink", type, data.size(), {}, 0);
    std::memcpy(h.data() + 257, "ustar  \0", 8);
    setChecksum(h);
    return h + padded(data);
}

/** A pax extended header ('x' or 'g') holding @p records. */
inline QByteArray paxRecord(const QList<QPair<QByteArray, QByteArray>> &records, char type = 'x')
{
    QByteArray data;
    for (const auto &kv : records) {
        const QByteArray body = ' ' + kv.first + '=' + kv.second + '\n';
        int len = body.size() + 1;
        while (QByteArray::number(len).size() + body.size() != len)
            ++len;
        data += QByteArray::number(len) + body;
    }
    return header("PaxHeader/x", type, data.size(), {}, 0644) + padded(data);
}

/** A plain tar made by KArchive's KTar, as the client writes it. */
inline QByteArray ktar(const std::function<void(KTar &)> &fill)
{
    QBuffer buffer;
    buffer.open(QIODevice::ReadWrite);
    {
        KTar tar(&buffer);
        if (!tar.open(QIODevice::WriteOnly))
            return {};
        fill(tar);
        tar.close();
    }
    return buffer.data();
}

inline QByteArray zstdCompress(const QByteArray &data, int level = 1)
{
    QByteArray out(int(ZSTD_compressBound(size_t(data.size()))), Qt::Uninitialized);
    const size_t n = ZSTD_compress(out.data(), size_t(out.size()), data.constData(), size_t(data.size()), level);
    if (ZSTD_isError(n))
        return {};
    out.truncate(int(n));
    return out;
}

} // namespace TarTest
