// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: LGPL-2.1-only OR LGPL-3.0-only

// ZstdStreamDecoder: push-based zstd decompression with a bounded output buffer.
#pragma once

#include "core/result.h"

#include <QByteArray>

#include <functional>

namespace BuildService {

/**
 * Decompresses a zstd stream (one or more frames) that arrives in pieces of any size.
 *
 * Decompressed bytes are handed to the sink in chunks of at most chunkSize() bytes as soon as
 * they are produced, so memory stays bounded however large the stream expands; the sink can
 * abort decompression by returning an error (e.g. a size or ratio limit), which push() returns
 * unchanged. The window size is capped (ZSTD_d_windowLogMax = 27, 128 MiB) so a hostile frame
 * cannot make the decoder allocate more than that.
 *
 * Errors: corrupt input -> ErrorCode::ArchiveRejected ("corrupt zstd data: <reason>");
 * finish() on a stream that stops inside a frame -> ErrorCode::UploadIncomplete. After the first
 * error every call returns that error again.
 *
 * Not thread-safe; use from one thread at a time. Not copyable.
 */
class ZstdStreamDecoder
{
public:
    /** Receives decompressed bytes; the pointer is valid only during the call. */
    using Sink = std::function<Result<void>(const char *data, qint64 size)>;

    explicit ZstdStreamDecoder(Sink sink);
    ~ZstdStreamDecoder();
    ZstdStreamDecoder(const ZstdStreamDecoder &) = delete;
    ZstdStreamDecoder &operator=(const ZstdStreamDecoder &) = delete;

    /** Decompresses @p size bytes of input, calling the sink for all output they produce. */
    Result<void> push(const char *data, qint64 size);
    Result<void> push(const QByteArray &data) { return push(data.constData(), data.size()); }

    /**
     * Declares the end of the input. Fails with UploadIncomplete if no complete frame was seen
     * or the last frame is unfinished.
     */
    Result<void> finish();

    /** Compressed bytes consumed so far (updated before each sink call, so sinks can compute ratios). */
    qint64 compressedBytes() const { return m_compressed; }
    /** Decompressed bytes handed to the sink so far. */
    qint64 decompressedBytes() const { return m_decompressed; }
    /** The largest chunk ever passed to the sink. */
    static qint64 chunkSize();

private:
    Result<void> fail(Error error);

    Sink m_sink;
    void *m_stream = nullptr; // ZSTD_DStream*, kept opaque so users need no zstd headers
    QByteArray m_out;
    qint64 m_compressed = 0;
    qint64 m_decompressed = 0;
    bool m_frameOpen = false;
    bool m_sawFrame = false;
    bool m_failed = false;
    Error m_error;
};

} // namespace BuildService
