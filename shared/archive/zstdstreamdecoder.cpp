// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: LGPL-2.1-only OR LGPL-3.0-only

// ZstdStreamDecoder: push-based zstd decompression with a bounded output buffer.
#include "zstdstreamdecoder.h"

#include <zstd.h>

namespace BuildService {

namespace {
constexpr qint64 s_chunkSize = 512 * 1024;
constexpr int s_windowLogMax = 27;

ZSTD_DStream *dstream(void *p)
{
    return static_cast<ZSTD_DStream *>(p);
}
} // namespace

ZstdStreamDecoder::ZstdStreamDecoder(Sink sink)
    : m_sink(std::move(sink))
    , m_stream(ZSTD_createDStream())
{
    Q_ASSERT(m_sink);
    m_out.resize(int(s_chunkSize));
    if (m_stream)
        ZSTD_DCtx_setParameter(dstream(m_stream), ZSTD_d_windowLogMax, s_windowLogMax);
}

ZstdStreamDecoder::~ZstdStreamDecoder()
{
    ZSTD_freeDStream(dstream(m_stream));
}

qint64 ZstdStreamDecoder::chunkSize()
{
    return s_chunkSize;
}

Result<void> ZstdStreamDecoder::fail(Error error)
{
    m_failed = true;
    m_error = std::move(error);
    return m_error;
}

Result<void> ZstdStreamDecoder::push(const char *data, qint64 size)
{
    if (m_failed)
        return m_error;
    if (!m_stream)
        return fail(makeError(ErrorCode::Internal, QStringLiteral("cannot allocate a zstd decompression context")));
    if (size <= 0)
        return {};
    const qint64 base = m_compressed;
    ZSTD_inBuffer in{data, size_t(size), 0};
    // Loop until all input is consumed AND the decoder has flushed everything it can: a full
    // output buffer means more output may be pending even with no input left.
    while (true) {
        ZSTD_outBuffer out{m_out.data(), size_t(m_out.size()), 0};
        const size_t posBefore = in.pos;
        const size_t ret = ZSTD_decompressStream(dstream(m_stream), &out, &in);
        if (ZSTD_isError(ret))
            return fail(makeError(ErrorCode::ArchiveRejected,
                                  QStringLiteral("corrupt zstd data: %1").arg(QLatin1String(ZSTD_getErrorName(ret)))));
        m_compressed = base + qint64(in.pos);
        if (in.pos > posBefore || out.pos > 0) {
            m_sawFrame = true;
            // ret == 0 means a frame was completely decoded and flushed. An iteration that
            // neither consumed nor produced says nothing about frame state, so skip it.
            m_frameOpen = ret != 0;
        }
        if (out.pos > 0) {
            m_decompressed += qint64(out.pos);
            Result<void> r = m_sink(m_out.constData(), qint64(out.pos));
            if (!r)
                return fail(r.error());
        }
        if (in.pos == in.size && out.pos < out.size)
            break;
    }
    return {};
}

Result<void> ZstdStreamDecoder::finish()
{
    if (m_failed)
        return m_error;
    if (!m_sawFrame)
        return fail(makeError(ErrorCode::UploadIncomplete, QStringLiteral("compressed stream is empty")));
    if (m_frameOpen)
        return fail(makeError(ErrorCode::UploadIncomplete,
                              QStringLiteral("compressed stream ended in the middle of a zstd frame")));
    return {};
}

} // namespace BuildService
