// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: LGPL-2.1-only OR LGPL-3.0-only

// ChunkSinkDevice: a write-only sequential QIODevice that (optionally) zstd-compresses and
// hands fixed-size chunks to a callback.
#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QIODevice>

#include <functional>

typedef struct ZSTD_CCtx_s ZSTD_CCtx;

namespace BuildService::Internal {

/**
 * The device KTar writes into. Every byte written is compressed with libzstd's streaming API
 * (level 1, two worker threads when the library has them) or passed through, and the output
 * is cut into chunks of exactly chunkBytes (only the last one is shorter) handed to the sink
 * in order. Memory stays bounded by one chunk plus zstd's window.
 *
 * When the sink returns false, or compression fails, every later write fails (returns -1);
 * aborted() / failure() tell which. Not thread-safe: use it from one thread.
 */
class ChunkSinkDevice : public QIODevice
{
public:
    using Sink = std::function<bool(const QByteArray &chunk)>;

    ChunkSinkDevice(bool compress, int chunkBytes, Sink sink);
    ~ChunkSinkDevice() override;

    /** Sets up the compressor and opens the device write-only. */
    Result<void> start();
    /** Ends the zstd frame and hands over the last chunk. Call once after the last write. */
    Result<void> finish();

    bool isSequential() const override { return true; }

    /** The sink returned false. */
    bool aborted() const { return m_aborted; }
    /** Why writing failed (compression error), empty otherwise. */
    QString failure() const { return m_failure; }
    /** Bytes produced so far (handed over plus pending). */
    qint64 bytesOut() const { return m_handedOver + m_fill; }
    /** Bytes handed to the sink so far. */
    qint64 bytesHandedOver() const { return m_handedOver; }

protected:
    qint64 readData(char *data, qint64 maxSize) override;
    qint64 writeData(const char *data, qint64 size) override;

private:
    bool handOver();
    bool compress(const char *data, qint64 size, bool end);

    const bool m_compress;
    const int m_chunkBytes;
    Sink m_sink;
    ZSTD_CCtx *m_cctx = nullptr;
    QByteArray m_chunk; // the chunk being filled; a fresh one after each hand-over
    int m_fill = 0;
    qint64 m_handedOver = 0;
    bool m_aborted = false;
    QString m_failure;
};

} // namespace BuildService::Internal
