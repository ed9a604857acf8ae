// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: LGPL-2.1-only OR LGPL-3.0-only

// ZipCentralDirectory: the raw entry names and attributes of a zip, as stored (no normalising).
#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QString>
#include <QVector>

class QIODevice;

namespace BuildService {
namespace Internal {

/** One central-directory record. */
struct ZipCentralEntry {
    QByteArray rawName;             ///< the name bytes exactly as stored
    quint16 versionMadeBy = 0;      ///< high byte 3 = Unix: externalAttributes >> 16 is st_mode
    quint32 externalAttributes = 0;
    quint32 crc32 = 0;
    quint64 uncompressedSize = 0;

    /** st_mode from a Unix-made entry, 0 when the archive records none. */
    quint32 unixMode() const { return (versionMadeBy >> 8) == 3 ? externalAttributes >> 16 : 0; }
};

/**
 * Reads a zip's central directory (zip64 included) without interpreting names. KZip cleans
 * names while reading ("/a" becomes "a", "x/../../y" becomes "../y"), which hides exactly what
 * a hostile archive tries; this reader shows the names as the archive states them.
 * Stateless; reentrant.
 */
class ZipCentralDirectory
{
public:
    /**
     * Reads the central directory of the seekable @p device (opened for reading).
     * Errors: ArchiveRejected ("not a zip archive: <why>") for a missing or malformed end record
     * or central directory, or more than @p maxEntries entries.
     */
    static Result<QVector<ZipCentralEntry>> read(QIODevice &device, qint64 maxEntries = 1000000);

    /** Updates the zip CRC-32 @p crc (start with 0) with @p size bytes of @p data. */
    static quint32 crc32(quint32 crc, const char *data, qint64 size);
};

} // namespace Internal
} // namespace BuildService
