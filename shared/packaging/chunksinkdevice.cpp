// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: LGPL-2.1-only OR LGPL-3.0-only

// ChunkSinkDevice: a write-only sequential QIODevice that (optionally) zstd-compresses and
// hands fixed-size chunks to a callback.
#include "chunksinkdevice.h"

#include "packaginglog.h"

#include <zstd.h>

#include <cstring>

namespace BuildService::Internal {

ChunkSinkDevice::ChunkSinkDevice(bool compress, int chunkBytes, Sink sink)
    : m_compress(compress)
    , m_chunkBytes(chunkBytes)
    , m_sink(std::move(sink))
{
    Q_ASSERT(chunkBytes > 0);
}

ChunkSinkDevice::~ChunkSinkDevice()
{
    if (m_cctx)
        ZSTD_freeCCtx(m_cctx);
}

Result<void> ChunkSinkDevice::start()
{
    if (m_compress) {
        m_cctx = ZSTD_createCCtx();
        if (!m_cctx)
            return makeError(ErrorCode::Internal, QStringLiteral("Cannot create a zstd compression context"));
        size_t rc = ZSTD_CCtx_setParameter(m_cctx, ZSTD_c_compressionLevel, 1);
        if (!ZSTD_isError(rc))
            rc = ZSTD_CCtx_setParameter(m_cctx, ZSTD_c_checksumFlag, 1);
        if (ZSTD_isError(rc)) {
            return makeError(ErrorCode::Internal,
                             QStringLiteral("Cannot configure zstd: %1").arg(QLatin1String(ZSTD_getErrorName(rc))));
        }
        // Two workers keep pace with the disk on a laptop; a libzstd built without threads
        // refuses the parameter and compresses in this thread instead.
        rc = ZSTD_CCtx_setParameter(m_cctx, ZSTD_c_nbWorkers, 2);
        if (ZSTD_isError(rc)) {
            qCDebug(lcPackaging, "libzstd refused 2 workers, compressing single-threaded: %s", ZSTD_getErrorName(rc));
            rc = ZSTD_CCtx_setParameter(m_cctx, ZSTD_c_nbWorkers, 0);
            if (ZSTD_isError(rc)) // 0 is the library's default: compression still works
                qCWarning(lcPackaging, "libzstd refused to compress single-threaded: %s", ZSTD_getErrorName(rc));
        }
    }
    m_chunk = QByteArray(m_chunkBytes, Qt::Uninitialized);
    m_fill = 0;
    if (!open(QIODevice::WriteOnly | QIODevice::Unbuffered))
        return makeError(ErrorCode::Internal, QStringLiteral("Cannot open the archive output device"));
    return {};
}

qint64 ChunkSinkDevice::readData(char *, qint64)
{
    return -1;
}

bool ChunkSinkDevice::handOver()
{
    if (m_fill == 0)
        return true;
    if (m_fill < m_chunkBytes)
        m_chunk.truncate(m_fill);
    const qint64 size = m_fill;
    // A fresh buffer for each chunk: the sink may keep the one it got without a copy.
    const QByteArray chunk = std::move(m_chunk);
    m_chunk = QByteArray(m_chunkBytes, Qt::Uninitialized);
    m_fill = 0;
    m_handedOver += size;
    if (!m_sink(chunk)) {
        m_aborted = true;
        setErrorString(QStringLiteral("The receiver stopped accepting data"));
        return false;
    }
    return true;
}

bool ChunkSinkDevice::compress(const char *data, qint64 size, bool end)
{
    ZSTD_inBuffer in{data, size_t(size), 0};
    for (;;) {
        ZSTD_outBuffer out{m_chunk.data(), size_t(m_chunkBytes), size_t(m_fill)};
        const size_t remaining = ZSTD_compressStream2(m_cctx, &out, &in, end ? ZSTD_e_end : ZSTD_e_continue);
        m_fill = int(out.pos);
        if (ZSTD_isError(remaining)) {
            m_failure = QStringLiteral("zstd compression failed: %1").arg(QLatin1String(ZSTD_getErrorName(remaining)));
            setErrorString(m_failure);
            return false;
        }
        if (m_fill == m_chunkBytes && !handOver())
            return false;
        const bool inputDone = in.pos == in.size;
        if (end ? (remaining == 0 && inputDone) : inputDone)
            return true;
    }
}

qint64 ChunkSinkDevice::writeData(const char *data, qint64 size)
{
    if (m_aborted || !m_failure.isEmpty())
        return -1;
    if (m_compress)
        return compress(data, size, false) ? size : -1;

    qint64 done = 0;
    while (done < size) {
        const int take = int(qMin<qint64>(size - done, m_chunkBytes - m_fill));
        std::memcpy(m_chunk.data() + m_fill, data + done, size_t(take));
        m_fill += take;
        done += take;
        if (m_fill == m_chunkBytes && !handOver())
            return -1;
    }
    return size;
}

Result<void> ChunkSinkDevice::finish()
{
    if (m_aborted)
        return makeError(ErrorCode::Cancelled, errorString());
    if (m_compress && !compress(nullptr, 0, true)) {
        if (m_aborted)
            return makeError(ErrorCode::Cancelled, errorString());
        return makeError(ErrorCode::Internal, m_failure);
    }
    if (!handOver())
        return makeError(ErrorCode::Cancelled, errorString());
    return {};
}

} // namespace BuildService::Internal
