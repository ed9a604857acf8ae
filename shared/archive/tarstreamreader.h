// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: LGPL-2.1-only OR LGPL-3.0-only

// TarStreamReader: push-based parser for untrusted ustar/GNU/pax tar streams.
#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace BuildService {

/**
 * Parses a tar stream that arrives in pieces of any size (network frames, decompressor output)
 * without buffering entry data: file contents are passed to the handler straight from the
 * pushed buffers.
 *
 * Understood: ustar and GNU headers (as KArchive's KTar writes them), GNU "././@LongLink"
 * records ('L' long name, 'K' long link target), POSIX pax extended headers ('x': path,
 * linkpath, size; other keys ignored) and global headers ('g', ignored). Entry types: regular
 * file ('0' and NUL), directory ('5'), symlink ('2'). Everything else (hard links, devices,
 * FIFOs, unknown types) is rejected. Every header's checksum is verified; numeric fields may be
 * octal or GNU base-256; names must be valid UTF-8. The archive ends with two zero blocks;
 * trailing zero bytes after them are allowed, anything else is rejected. KArchive's KTar (5.103)
 * writes no end marker at all, so setEndMarkerRequired(false) accepts a stream that simply
 * stops at an entry boundary (then only a cut inside a header, entry or record is detected).
 *
 * The reader validates structure only; path rules are EntryPolicy's job.
 *
 * Errors: malformed or unsupported input -> ErrorCode::ArchiveRejected; finish() before the
 * end-of-archive marker -> ErrorCode::UploadIncomplete; handler errors are returned unchanged.
 * After the first error every call returns it again.
 *
 * Not thread-safe. The handler is not owned and must outlive the reader.
 */
class TarStreamReader
{
public:
    /** One file-system entry of the archive, with long names and pax overrides applied. */
    struct Entry {
        enum class Type { File, Directory, Symlink };
        Type type = Type::File;
        QString path;       ///< as stored (not normalised or validated)
        QString linkTarget; ///< symlinks only
        quint32 mode = 0;   ///< permission bits & 07777
        qint64 size = 0;    ///< data bytes that follow (0 for directories and symlinks)
        qint64 mtime = 0;   ///< seconds since the epoch
    };

    /**
     * Receives the entries in archive order: beginEntry, then entryData zero or more times
     * (together exactly Entry::size bytes), then endEntry. Returning an error stops parsing.
     */
    class Handler
    {
    public:
        virtual ~Handler() = default;
        virtual Result<void> beginEntry(const Entry &entry) = 0;
        /** @p data is only valid during the call. */
        virtual Result<void> entryData(const char *data, qint64 size) = 0;
        virtual Result<void> endEntry() = 0;
    };

    /** Upper bound for the data of one 'L', 'K', 'x' or 'g' record (they are held in memory). */
    static constexpr qint64 DefaultMaxMetadataBytes = 1 << 20;
    /** Zero padding accepted after the end-of-archive marker (a tar record is 10 KiB). */
    static constexpr qint64 MaxTrailingBytes = 64 * 1024;

    explicit TarStreamReader(Handler *handler, qint64 maxMetadataBytes = DefaultMaxMetadataBytes);

    /** Parses the next @p size bytes of the stream. */
    Result<void> push(const char *data, qint64 size);
    Result<void> push(const QByteArray &data) { return push(data.constData(), data.size()); }

    /**
     * Whether finish() insists on the two zero blocks (default true). Set before pushing.
     * Without it, a stream ending cleanly between entries (KTar's output) is complete.
     */
    void setEndMarkerRequired(bool required) { m_endMarkerRequired = required; }

    /**
     * Declares the end of the stream; fails with UploadIncomplete if it stops inside a header,
     * an entry's data or a metadata record, or (if required) before the end marker.
     */
    Result<void> finish();
    /** Bytes of tar stream consumed so far. */
    qint64 bytesRead() const { return m_offset; }

private:
    enum class State { Header, Data, Padding, Metadata, End, Failed };

    Result<void> processHeader();
    Result<void> processMetadata();
    Result<void> parsePax(const QByteArray &records);
    Result<void> fail(Error error);
    void clearPending();

    Handler *m_handler;
    qint64 m_maxMetadataBytes;
    bool m_endMarkerRequired = true;
    State m_state = State::Header;
    Error m_error;

    char m_block[512];
    int m_blockFill = 0;
    qint64 m_offset = 0;       // stream bytes consumed
    qint64 m_trailingBytes = 0; // zero padding seen after the end marker
    qint64 m_blockOffset = 0;  // offset of the header block being processed
    int m_zeroBlocks = 0;

    qint64 m_remaining = 0;    // data bytes left of the current entry or metadata record
    qint64 m_padding = 0;      // padding bytes after it
    char m_metadataType = 0;
    QByteArray m_metadata;

    std::optional<QByteArray> m_longName;
    std::optional<QByteArray> m_longLink;
    std::optional<QByteArray> m_paxPath;
    std::optional<QByteArray> m_paxLink;
    std::optional<qint64> m_paxSize;

    QString m_currentPath;     // for messages about the entry whose data is being read
};

} // namespace BuildService
