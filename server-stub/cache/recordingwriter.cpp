// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: GPL-2.0-or-later

// RecordingWriter: zstd streaming compression of JSON lines with a checksummed trailer.
#include "recordingwriter.h"

#include <QJsonDocument>

#include <algorithm>

#include <xxhash.h>
#include <zstd.h>

namespace BuildService {

namespace {
constexpr int s_level = 3;
}

struct RecordingWriter::Private {
    ZSTD_CStream *stream = nullptr;
    XXH3_state_t *hash = nullptr;
    QByteArray out;

    Private()
    {
        stream = ZSTD_createCStream();
        ZSTD_CCtx_setParameter(stream, ZSTD_c_compressionLevel, s_level);
        // zstd's own frame checksum catches bit rot inside the compressed data early.
        ZSTD_CCtx_setParameter(stream, ZSTD_c_checksumFlag, 1);
        hash = XXH3_createState();
        XXH3_64bits_reset(hash);
        out.resize(int(ZSTD_CStreamOutSize()));
    }
    ~Private()
    {
        ZSTD_freeCStream(stream);
        XXH3_freeState(hash);
    }
};

RecordingWriter::RecordingWriter(const QString &fileName)
    : d(std::make_unique<Private>())
    , m_file(fileName)
{
}

RecordingWriter::~RecordingWriter()
{
    if (!m_finished)
        discard();
}

Error RecordingWriter::ioError(const QString &what) const
{
    return makeError(m_file.error() == QFileDevice::ResourceError ? ErrorCode::DiskFull : ErrorCode::IoError,
                     QStringLiteral("cannot %1 the recording %2: %3").arg(what, m_file.fileName(), m_file.errorString()));
}

Result<void> RecordingWriter::open(const RecordingHeader &header)
{
    if (!m_file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        m_failed = true;
        return ioError(QStringLiteral("create"));
    }
    return writeLine(QJsonDocument(header.toJson()).toJson(QJsonDocument::Compact));
}

Result<void> RecordingWriter::append(qint64 timeMs, const QJsonObject &event)
{
    const bool exit = event.value(QLatin1String("type")).toString() == QLatin1String("exit");
    const QByteArray line = "{\"t\":" + QByteArray::number(std::max<qint64>(0, timeMs)) + (exit ? ",\"x\":" : ",\"e\":")
                            + QJsonDocument(event).toJson(QJsonDocument::Compact) + '}';
    return writeLine(line);
}

Result<void> RecordingWriter::appendChange(const WorkspaceChange &change)
{
    return writeLine("{\"c\":" + QJsonDocument(change.toJson()).toJson(QJsonDocument::Compact) + '}');
}

Result<void> RecordingWriter::finish(qint64 artifactsBytes, const QString &artifactsHash, const QString &afterState)
{
    if (m_failed || !m_file.isOpen())
        return makeError(ErrorCode::IoError, QStringLiteral("the recording %1 is not open").arg(m_file.fileName()));
    const QJsonObject end{{QStringLiteral("lines"), m_lines},
                          {QStringLiteral("bytes"), m_uncompressedBytes},
                          {QStringLiteral("xxh3"), QStringLiteral("%1").arg(XXH3_64bits_digest(d->hash), 16, 16, QLatin1Char('0'))},
                          {QStringLiteral("artifacts_bytes"), artifactsBytes},
                          {QStringLiteral("artifacts_xxh3"), artifactsHash},
                          {QStringLiteral("after_state"), afterState}};
    QByteArray trailer = QJsonDocument(QJsonObject{{QStringLiteral("end"), end}}).toJson(QJsonDocument::Compact);
    trailer += '\n';
    Result<void> written = compress(trailer.constData(), size_t(trailer.size()), true);
    if (!written)
        return written;
    if (!m_file.flush()) {
        m_failed = true;
        return ioError(QStringLiteral("write"));
    }
    m_file.close();
    m_finished = true;
    return {};
}

void RecordingWriter::discard()
{
    if (m_file.isOpen())
        m_file.close();
    if (!m_file.fileName().isEmpty())
        QFile::remove(m_file.fileName());
}

Result<void> RecordingWriter::writeLine(const QByteArray &json)
{
    if (m_failed || !m_file.isOpen())
        return makeError(ErrorCode::IoError, QStringLiteral("the recording %1 is not open").arg(m_file.fileName()));
    QByteArray line = json;
    line += '\n';
    XXH3_64bits_update(d->hash, line.constData(), size_t(line.size()));
    m_uncompressedBytes += line.size();
    ++m_lines;
    return compress(line.constData(), size_t(line.size()), false);
}

Result<void> RecordingWriter::compress(const char *data, size_t size, bool end)
{
    ZSTD_inBuffer in{data, size, 0};
    for (;;) {
        ZSTD_outBuffer out{d->out.data(), size_t(d->out.size()), 0};
        const size_t left = ZSTD_compressStream2(d->stream, &out, &in, end ? ZSTD_e_end : ZSTD_e_continue);
        if (ZSTD_isError(left)) {
            m_failed = true;
            return makeError(ErrorCode::Internal, QStringLiteral("zstd compression of %1 failed: %2")
                                                      .arg(m_file.fileName(), QString::fromUtf8(ZSTD_getErrorName(left))));
        }
        if (out.pos > 0) {
            if (m_file.write(d->out.constData(), qint64(out.pos)) != qint64(out.pos)) {
                m_failed = true;
                return ioError(QStringLiteral("write"));
            }
            m_compressedBytes += qint64(out.pos);
        }
        const bool consumed = in.pos == in.size;
        if (end ? left == 0 : consumed)
            return {};
    }
}

} // namespace BuildService
