// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: LGPL-2.1-only OR LGPL-3.0-only

// TarStreamReader: push-based parser for untrusted ustar/GNU/pax tar streams.
#include "tarstreamreader.h"

#include "entrypolicy.h"

#include <cstring>
#include <limits>

namespace BuildService {

namespace {
constexpr int s_blockSize = 512;

// Header field offsets and lengths (POSIX ustar; GNU uses the same up to magic/version).
constexpr int s_nameOff = 0, s_nameLen = 100;
constexpr int s_modeOff = 100, s_modeLen = 8;
constexpr int s_sizeOff = 124, s_sizeLen = 12;
constexpr int s_mtimeOff = 136, s_mtimeLen = 12;
constexpr int s_chksumOff = 148, s_chksumLen = 8;
constexpr int s_typeOff = 156;
constexpr int s_linkOff = 157, s_linkLen = 100;
constexpr int s_magicOff = 257;
constexpr int s_prefixOff = 345, s_prefixLen = 155;

// Parses an octal or GNU base-256 numeric field. Returns false on any malformed or
// out-of-range value (negative base-256 values included).
bool parseNumeric(const char *field, int len, qint64 *value)
{
    const auto *u = reinterpret_cast<const unsigned char *>(field);
    if (u[0] & 0x80) {
        if (u[0] & 0x40)
            return false; // negative
        quint64 v = u[0] & 0x3f;
        for (int i = 1; i < len; ++i) {
            if (v > (quint64(std::numeric_limits<qint64>::max()) >> 8))
                return false;
            v = (v << 8) | u[i];
        }
        *value = qint64(v);
        return true;
    }
    int i = 0;
    while (i < len && field[i] == ' ')
        ++i;
    quint64 v = 0;
    for (; i < len && field[i] >= '0' && field[i] <= '7'; ++i) {
        if (v > (quint64(std::numeric_limits<qint64>::max()) >> 3))
            return false;
        v = (v << 3) | quint64(field[i] - '0');
    }
    for (; i < len; ++i) {
        if (field[i] != ' ' && field[i] != '\0')
            return false;
    }
    *value = qint64(v);
    return true;
}

// A NUL-terminated (or full-length) header string field.
QByteArray fieldString(const char *field, int len)
{
    const void *nul = std::memchr(field, 0, size_t(len));
    return QByteArray(field, nul ? int(static_cast<const char *>(nul) - field) : len);
}

// Strict UTF-8 check: no overlong forms, no surrogates, nothing above U+10FFFF.
bool isValidUtf8(const QByteArray &bytes)
{
    const auto *s = reinterpret_cast<const unsigned char *>(bytes.constData());
    const int n = bytes.size();
    int i = 0;
    while (i < n) {
        const unsigned char c = s[i];
        if (c < 0x80) {
            ++i;
            continue;
        }
        int extra;
        quint32 cp;
        if (c >= 0xc2 && c <= 0xdf) {
            extra = 1;
            cp = c & 0x1f;
        } else if (c >= 0xe0 && c <= 0xef) {
            extra = 2;
            cp = c & 0x0f;
        } else if (c >= 0xf0 && c <= 0xf4) {
            extra = 3;
            cp = c & 0x07;
        } else {
            return false;
        }
        if (i + extra >= n)
            return false;
        for (int k = 1; k <= extra; ++k) {
            if ((s[i + k] & 0xc0) != 0x80)
                return false;
            cp = (cp << 6) | (s[i + k] & 0x3f);
        }
        if ((extra == 2 && cp < 0x800) || (extra == 3 && (cp < 0x10000 || cp > 0x10ffff))
            || (cp >= 0xd800 && cp <= 0xdfff))
            return false;
        i += extra + 1;
    }
    return true;
}

QString typeDescription(char type)
{
    switch (type) {
    case '1':
        return QStringLiteral("hard links are not supported");
    case '3':
        return QStringLiteral("character devices are not supported");
    case '4':
        return QStringLiteral("block devices are not supported");
    case '6':
        return QStringLiteral("FIFOs are not supported");
    default:
        break;
    }
    const uchar u = uchar(type);
    const QString shown = (u >= 0x21 && u < 0x7f) ? QStringLiteral("'%1'").arg(QLatin1Char(type))
                                                  : QStringLiteral("0x%1").arg(uint(u), 2, 16, QLatin1Char('0'));
    return QStringLiteral("unsupported entry type %1").arg(shown);
}

Error rejected(const QString &path, const QString &reason)
{
    return makeError(ErrorCode::ArchiveRejected,
                     QStringLiteral("entry \"%1\" rejected: %2").arg(EntryPolicy::printable(path), reason));
}
} // namespace

TarStreamReader::TarStreamReader(Handler *handler, qint64 maxMetadataBytes)
    : m_handler(handler)
    , m_maxMetadataBytes(maxMetadataBytes)
{
    Q_ASSERT(m_handler);
}

Result<void> TarStreamReader::fail(Error error)
{
    m_state = State::Failed;
    m_error = std::move(error);
    return m_error;
}

void TarStreamReader::clearPending()
{
    m_longName.reset();
    m_longLink.reset();
    m_paxPath.reset();
    m_paxLink.reset();
    m_paxSize.reset();
}

Result<void> TarStreamReader::push(const char *data, qint64 size)
{
    while (size > 0) {
        qint64 n = 0;
        switch (m_state) {
        case State::Failed:
            return m_error;
        case State::Header: {
            n = qMin<qint64>(s_blockSize - m_blockFill, size);
            std::memcpy(m_block + m_blockFill, data, size_t(n));
            m_blockFill += int(n);
            m_offset += n;
            data += n;
            size -= n;
            if (m_blockFill == s_blockSize) {
                m_blockFill = 0;
                m_blockOffset = m_offset - s_blockSize;
                Result<void> r = processHeader();
                if (!r)
                    return m_state == State::Failed ? r : fail(r.error());
            }
            continue;
        }
        case State::Data: {
            n = qMin(m_remaining, size);
            Result<void> r = m_handler->entryData(data, n);
            if (!r)
                return fail(r.error());
            m_remaining -= n;
            if (m_remaining == 0) {
                Result<void> e = m_handler->endEntry();
                if (!e)
                    return fail(e.error());
                m_state = m_padding > 0 ? State::Padding : State::Header;
            }
            break;
        }
        case State::Padding:
            n = qMin(m_padding, size);
            m_padding -= n;
            if (m_padding == 0)
                m_state = State::Header;
            break;
        case State::Metadata: {
            n = qMin(m_remaining, size);
            if (m_metadataType != 'g')
                m_metadata.append(data, int(n));
            m_remaining -= n;
            if (m_remaining == 0) {
                Result<void> r = processMetadata();
                if (!r)
                    return fail(r.error());
                m_state = m_padding > 0 ? State::Padding : State::Header;
            }
            break;
        }
        case State::End: {
            // Writers pad archives to a record size (GNU tar: 10 KiB) with zeros; anything
            // else, or endless zeros (free work for us after every limit was checked), is not
            // a tar writer's doing.
            if (m_trailingBytes + size > MaxTrailingBytes)
                return fail(makeError(ErrorCode::ArchiveRejected,
                                      QStringLiteral("more than %1 bytes of padding after the end-of-archive marker").arg(MaxTrailingBytes)));
            m_trailingBytes += size;
            for (qint64 i = 0; i < size; ++i) {
                if (data[i] != 0)
                    return fail(makeError(ErrorCode::ArchiveRejected,
                                          QStringLiteral("unexpected data after the end-of-archive marker at offset %1")
                                              .arg(m_offset + i)));
            }
            n = size;
            break;
        }
        }
        m_offset += n;
        data += n;
        size -= n;
    }
    return m_state == State::Failed ? Result<void>(m_error) : Result<void>();
}

Result<void> TarStreamReader::processHeader()
{
    const char *b = m_block;
    bool allZero = true;
    for (int i = 0; i < s_blockSize; ++i) {
        if (b[i] != 0) {
            allZero = false;
            break;
        }
    }
    if (allZero) {
        if (m_longName || m_longLink || m_paxPath || m_paxLink || m_paxSize)
            return fail(makeError(ErrorCode::ArchiveRejected,
                                  QStringLiteral("end-of-archive marker at offset %1 follows a long-name or pax record")
                                      .arg(m_blockOffset)));
        if (++m_zeroBlocks == 2)
            m_state = State::End;
        return {};
    }
    if (m_zeroBlocks > 0)
        return fail(makeError(ErrorCode::ArchiveRejected,
                              QStringLiteral("lone zero block before the tar header at offset %1").arg(m_blockOffset)));

    qint64 stored = 0;
    if (!parseNumeric(b + s_chksumOff, s_chksumLen, &stored))
        return fail(makeError(ErrorCode::ArchiveRejected,
                              QStringLiteral("tar header at offset %1 has a malformed checksum field").arg(m_blockOffset)));
    qint64 unsignedSum = 0;
    qint64 signedSum = 0;
    for (int i = 0; i < s_blockSize; ++i) {
        const bool inChecksum = i >= s_chksumOff && i < s_chksumOff + s_chksumLen;
        unsignedSum += inChecksum ? ' ' : uchar(b[i]);
        signedSum += inChecksum ? ' ' : qint64(static_cast<signed char>(b[i]));
    }
    if (stored != unsignedSum && stored != signedSum)
        return fail(makeError(ErrorCode::ArchiveRejected,
                              QStringLiteral("tar header at offset %1 has a bad checksum").arg(m_blockOffset)));
    if (std::memcmp(b + s_magicOff, "ustar", 5) != 0)
        return fail(makeError(ErrorCode::ArchiveRejected,
                              QStringLiteral("tar header at offset %1 is not a ustar header").arg(m_blockOffset)));
    const bool posixUstar = std::memcmp(b + s_magicOff, "ustar\0", 6) == 0;

    const char type = b[s_typeOff];
    QByteArray rawName;
    if (m_paxPath) {
        rawName = *m_paxPath;
    } else if (m_longName) {
        rawName = *m_longName;
    } else {
        rawName = fieldString(b + s_nameOff, s_nameLen);
        if (posixUstar && b[s_prefixOff] != 0)
            rawName = fieldString(b + s_prefixOff, s_prefixLen) + '/' + rawName;
    }
    // Decode leniently for messages; reject below if it was not valid UTF-8. The explicit size
    // matters: Qt 5's fromUtf8(QByteArray) stops at a NUL, which would hide "a/\0b" tricks.
    const QString path = QString::fromUtf8(rawName.constData(), rawName.size());

    qint64 size = 0;
    if (!parseNumeric(b + s_sizeOff, s_sizeLen, &size))
        return fail(rejected(path, QStringLiteral("invalid size field")));
    const bool isMetadata = type == 'L' || type == 'K' || type == 'x' || type == 'g';
    if (m_paxSize && !isMetadata)
        size = *m_paxSize;
    m_padding = (s_blockSize - size % s_blockSize) % s_blockSize;

    if (isMetadata) {
        if (size > m_maxMetadataBytes)
            return fail(makeError(ErrorCode::ArchiveRejected,
                                  QStringLiteral("metadata record at offset %1 has %2 bytes, more than the limit of %3")
                                      .arg(m_blockOffset)
                                      .arg(size)
                                      .arg(m_maxMetadataBytes)));
        m_metadataType = type;
        m_metadata.clear();
        if (type != 'g')
            m_metadata.reserve(int(size));
        m_remaining = size;
        m_state = size > 0 ? State::Metadata : State::Header;
        if (size == 0)
            return processMetadata();
        return {};
    }

    Entry entry;
    switch (type) {
    case '0':
    case '\0':
        entry.type = Entry::Type::File;
        break;
    case '5':
        entry.type = Entry::Type::Directory;
        break;
    case '2':
        entry.type = Entry::Type::Symlink;
        break;
    default:
        return fail(rejected(path, typeDescription(type)));
    }
    if (!isValidUtf8(rawName))
        return fail(rejected(path, QStringLiteral("name is not valid UTF-8")));
    qint64 mode = 0;
    if (!parseNumeric(b + s_modeOff, s_modeLen, &mode))
        return fail(rejected(path, QStringLiteral("invalid mode field")));
    qint64 mtime = 0;
    if (!parseNumeric(b + s_mtimeOff, s_mtimeLen, &mtime))
        mtime = 0; // cosmetic; not worth refusing an archive for
    if (entry.type != Entry::Type::File && size != 0)
        return fail(rejected(path, QStringLiteral("a directory or symlink entry carries %1 bytes of data").arg(size)));
    if (entry.type == Entry::Type::Symlink) {
        QByteArray rawLink;
        if (m_paxLink)
            rawLink = *m_paxLink;
        else if (m_longLink)
            rawLink = *m_longLink;
        else
            rawLink = fieldString(b + s_linkOff, s_linkLen);
        if (!isValidUtf8(rawLink))
            return fail(rejected(path, QStringLiteral("symlink target is not valid UTF-8")));
        entry.linkTarget = QString::fromUtf8(rawLink.constData(), rawLink.size());
    }
    clearPending();
    entry.path = path;
    entry.mode = quint32(mode) & 07777;
    entry.size = size;
    entry.mtime = mtime;
    m_currentPath = path;
    m_remaining = size;

    Result<void> r = m_handler->beginEntry(entry);
    if (!r)
        return fail(r.error());
    if (size == 0) {
        Result<void> e = m_handler->endEntry();
        if (!e)
            return fail(e.error());
        m_state = State::Header;
    } else {
        m_state = State::Data;
    }
    return {};
}

Result<void> TarStreamReader::processMetadata()
{
    switch (m_metadataType) {
    case 'L':
    case 'K': {
        // GNU writes the name NUL-terminated; only trailing NULs are dropped so that an embedded
        // NUL reaches the path rules instead of silently truncating the name.
        QByteArray name = m_metadata;
        while (name.endsWith('\0'))
            name.chop(1);
        (m_metadataType == 'L' ? m_longName : m_longLink) = name;
        break;
    }
    case 'x': {
        Result<void> r = parsePax(m_metadata);
        if (!r)
            return r;
        break;
    }
    default:
        break; // 'g': global pax settings carry nothing we use
    }
    m_metadata.clear();
    m_metadata.squeeze();
    return {};
}

Result<void> TarStreamReader::parsePax(const QByteArray &records)
{
    const auto malformed = [this]() {
        return makeError(ErrorCode::ArchiveRejected,
                         QStringLiteral("malformed pax header at offset %1").arg(m_blockOffset));
    };
    const char *d = records.constData();
    const qint64 n = records.size();
    qint64 pos = 0;
    while (pos < n) {
        // "<length> <key>=<value>\n", length counting the whole record.
        qint64 len = 0;
        qint64 i = pos;
        while (i < n && d[i] >= '0' && d[i] <= '9') {
            len = len * 10 + (d[i] - '0');
            if (len > n)
                return malformed();
            ++i;
        }
        if (i == pos || i >= n || d[i] != ' ' || len <= i - pos + 1 || pos + len > n || d[pos + len - 1] != '\n')
            return malformed();
        const qint64 keyStart = i + 1;
        const qint64 end = pos + len - 1; // the newline
        const char *eq = static_cast<const char *>(std::memchr(d + keyStart, '=', size_t(end - keyStart)));
        if (!eq)
            return malformed();
        const QByteArray key(d + keyStart, int(eq - (d + keyStart)));
        const QByteArray value(eq + 1, int(d + end - (eq + 1)));
        if (key == "path") {
            m_paxPath = value;
        } else if (key == "linkpath") {
            m_paxLink = value;
        } else if (key == "size") {
            qint64 size = 0;
            if (value.isEmpty())
                return malformed();
            for (char c : value) {
                if (c < '0' || c > '9' || size > (std::numeric_limits<qint64>::max() - 9) / 10)
                    return makeError(ErrorCode::ArchiveRejected,
                                     QStringLiteral("pax header at offset %1 has an invalid size \"%2\"")
                                         .arg(m_blockOffset)
                                         .arg(EntryPolicy::printable(QString::fromLatin1(value.left(40)))));
                size = size * 10 + (c - '0');
            }
            m_paxSize = size;
        }
        pos += len;
    }
    return {};
}

Result<void> TarStreamReader::finish()
{
    switch (m_state) {
    case State::Failed:
        return m_error;
    case State::End:
        return {};
    case State::Data:
    case State::Padding:
        return fail(makeError(ErrorCode::UploadIncomplete,
                              QStringLiteral("archive ended in the middle of entry \"%1\"")
                                  .arg(EntryPolicy::printable(m_currentPath))));
    case State::Metadata:
        return fail(makeError(ErrorCode::UploadIncomplete,
                              QStringLiteral("archive ended in the middle of a long-name or pax record")));
    case State::Header:
        if (m_blockFill > 0)
            return fail(makeError(ErrorCode::UploadIncomplete,
                                  QStringLiteral("archive ended in the middle of a tar header at offset %1")
                                      .arg(m_offset - m_blockFill)));
        if (m_longName || m_longLink || m_paxPath || m_paxLink || m_paxSize)
            return fail(makeError(ErrorCode::UploadIncomplete,
                                  QStringLiteral("archive ended after a long-name or pax record")));
        if (m_endMarkerRequired)
            return fail(makeError(ErrorCode::UploadIncomplete,
                                  QStringLiteral("archive ended without an end-of-archive marker")));
        m_state = State::End;
        return {};
    }
    return {};
}

} // namespace BuildService
