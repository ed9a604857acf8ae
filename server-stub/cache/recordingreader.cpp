// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: GPL-2.0-or-later

// RecordingReader: streaming zstd decompression, line splitting and trailer verification.
#include "recordingreader.h"

#include <QJsonDocument>

#include <xxhash.h>
#include <zstd.h>

namespace BuildService {

struct RecordingReader::Private {
    ZSTD_DStream *stream = nullptr;
    XXH3_state_t *hash = nullptr;
    QByteArray in;         // compressed bytes read from the file
    size_t inPos = 0;
    qint64 compressedRead = 0;
    QByteArray out;        // decompressed bytes not yet split into lines
    int outPos = 0;
    bool fileEnded = false;
    bool frameComplete = false;

    Private()
    {
        stream = ZSTD_createDStream();
        hash = XXH3_createState();
        reset();
    }
    ~Private()
    {
        ZSTD_freeDStream(stream);
        XXH3_freeState(hash);
    }
    void reset()
    {
        ZSTD_DCtx_reset(stream, ZSTD_reset_session_only);
        XXH3_64bits_reset(hash);
        in.clear();
        inPos = 0;
        compressedRead = 0;
        out.clear();
        outPos = 0;
        fileEnded = false;
        frameComplete = false;
    }
};

RecordingReader::RecordingReader(const QString &fileName)
    : d(std::make_unique<Private>())
    , m_file(fileName)
{
}

RecordingReader::~RecordingReader() = default;

Error RecordingReader::corrupt(const QString &what) const
{
    return makeError(ErrorCode::IoError, QStringLiteral("corrupt recording %1: %2").arg(m_file.fileName(), what));
}

Result<RecordingHeader> RecordingReader::open()
{
    if (!m_file.isOpen() && !m_file.open(QIODevice::ReadOnly))
        return makeError(ErrorCode::IoError, QStringLiteral("cannot open the recording %1: %2").arg(m_file.fileName(), m_file.errorString()));
    const Result<void> rewound = rewind();
    if (!rewound)
        return rewound.error();
    return m_header;
}

Result<void> RecordingReader::rewind()
{
    if (!m_file.seek(0))
        return makeError(ErrorCode::IoError, QStringLiteral("cannot read the recording %1: %2").arg(m_file.fileName(), m_file.errorString()));
    d->reset();
    m_lines = 0;
    m_bytes = 0;
    m_sawExit = false;
    m_atEnd = false;
    m_summary = {};
    m_changes.clear();
    QByteArray line;
    const Result<bool> read = readLine(&line);
    if (!read)
        return read.error();
    if (!read.value())
        return corrupt(QStringLiteral("the file is empty"));
    const QJsonDocument doc = QJsonDocument::fromJson(line);
    if (!doc.isObject() || !RecordingHeader::fromJson(doc.object(), &m_header))
        return corrupt(QStringLiteral("the first line is not a recording header of version %1").arg(RecordingFormat::Version));
    XXH3_64bits_update(d->hash, line.constData(), size_t(line.size()));
    m_bytes += line.size();
    ++m_lines;
    return {};
}

Result<bool> RecordingReader::readLine(QByteArray *line)
{
    for (;;) {
        const int newline = d->out.indexOf('\n', d->outPos);
        if (newline >= 0) {
            *line = d->out.mid(d->outPos, newline + 1 - d->outPos);
            d->outPos = newline + 1;
            return true;
        }
        if (d->out.size() - d->outPos > RecordingFormat::MaxLineBytes)
            return corrupt(QStringLiteral("a line is longer than %1 bytes").arg(RecordingFormat::MaxLineBytes));
        const bool inputLeft = d->inPos < size_t(d->in.size());
        if (d->frameComplete && inputLeft)
            return corrupt(QStringLiteral("unexpected data after the end of the compressed stream"));
        if (!d->frameComplete) {
            // Also called without new input: zstd may still hold output from the last block.
            if (d->outPos > 0) {
                d->out.remove(0, d->outPos);
                d->outPos = 0;
            }
            const int chunk = int(ZSTD_DStreamOutSize());
            const int oldSize = d->out.size();
            d->out.resize(oldSize + chunk);
            ZSTD_inBuffer in{d->in.constData(), size_t(d->in.size()), d->inPos};
            ZSTD_outBuffer out{d->out.data() + oldSize, size_t(chunk), 0};
            const size_t ret = ZSTD_decompressStream(d->stream, &out, &in);
            const bool consumed = in.pos > d->inPos;
            d->inPos = in.pos;
            d->out.resize(oldSize + int(out.pos));
            if (ZSTD_isError(ret))
                return corrupt(QStringLiteral("bad compressed data (%1)").arg(QString::fromUtf8(ZSTD_getErrorName(ret))));
            if (ret == 0)
                d->frameComplete = true;
            if (out.pos > 0 || consumed)
                continue;
        }
        if (d->inPos < size_t(d->in.size()))
            continue;
        if (d->fileEnded) {
            if (d->out.size() > d->outPos)
                return corrupt(QStringLiteral("the file ends in the middle of a line (truncated)"));
            if (!d->frameComplete && d->compressedRead > 0)
                return corrupt(QStringLiteral("the compressed data ends early (truncated)"));
            return false;
        }
        d->in = m_file.read(256 * 1024);
        d->inPos = 0;
        d->compressedRead += d->in.size();
        if (d->in.isEmpty()) {
            if (m_file.error() != QFileDevice::NoError)
                return makeError(ErrorCode::IoError, QStringLiteral("cannot read the recording %1: %2").arg(m_file.fileName(), m_file.errorString()));
            d->fileEnded = true;
        }
    }
}

namespace {
/**
 * Splits an event line `{"t":<digits>,"e":<json>}` (or "x" for the exit) without parsing the
 * event. False when the line does not have that exact form.
 */
bool splitEventLine(const QByteArray &line, qint64 *time, char *tag, QByteArray *json)
{
    static const QByteArray prefix("{\"t\":");
    if (!line.startsWith(prefix) || !line.endsWith("}\n"))
        return false;
    int i = prefix.size();
    qint64 t = 0;
    const int digitsStart = i;
    while (i < line.size() && line[i] >= '0' && line[i] <= '9' && i - digitsStart < 15)
        t = t * 10 + (line[i++] - '0');
    if (i == digitsStart || line.size() < i + 6 || line[i] != ',' || line[i + 1] != '"' || line[i + 3] != '"' || line[i + 4] != ':')
        return false;
    *tag = line[i + 2];
    const int start = i + 5;
    const int length = line.size() - 2 - start; // drop the closing '}' and the newline
    if (length < 2 || line[start] != '{' || line[start + length - 1] != '}')
        return false;
    *time = t;
    *json = line.mid(start, length);
    return true;
}
} // namespace

Result<bool> RecordingReader::next(RecordedEvent *event)
{
    if (m_atEnd)
        return false;
    for (;;) {
        QByteArray line;
        const Result<bool> read = readLine(&line);
        if (!read)
            return read.error();
        if (!read.value())
            return corrupt(QStringLiteral("the file ends without its trailer (truncated)"));
        if (line.startsWith("{\"end\":")) {
            const QJsonDocument doc = QJsonDocument::fromJson(line);
            const QJsonObject end = doc.object().value(QLatin1String("end")).toObject();
            const QString hash = QStringLiteral("%1").arg(XXH3_64bits_digest(d->hash), 16, 16, QLatin1Char('0'));
            if (qint64(end.value(QLatin1String("lines")).toDouble(-1)) != m_lines
                || qint64(end.value(QLatin1String("bytes")).toDouble(-1)) != m_bytes
                || end.value(QLatin1String("xxh3")).toString() != hash)
                return corrupt(QStringLiteral("the trailer does not match the content (checksum mismatch)"));
            if (!m_sawExit)
                return corrupt(QStringLiteral("there is no exit event"));
            QByteArray rest;
            const Result<bool> more = readLine(&rest);
            if (!more)
                return more.error();
            if (more.value())
                return corrupt(QStringLiteral("data follows the trailer"));
            m_summary.lines = m_lines;
            m_summary.bytes = m_bytes;
            m_summary.hash = hash;
            m_summary.artifactsBytes = qint64(end.value(QLatin1String("artifacts_bytes")).toDouble());
            m_summary.artifactsHash = end.value(QLatin1String("artifacts_xxh3")).toString();
            m_summary.afterState = end.value(QLatin1String("after_state")).toString();
            m_summary.changes = m_changes;
            m_atEnd = true;
            return false;
        }
        XXH3_64bits_update(d->hash, line.constData(), size_t(line.size()));
        m_bytes += line.size();
        ++m_lines;
        if (m_sawExit) {
            // Only workspace changes follow the exit event; the caller reads them from summary().
            if (!line.startsWith("{\"c\":"))
                return corrupt(QStringLiteral("line %1 follows the exit event").arg(m_lines));
            const QJsonObject change = QJsonDocument::fromJson(line).object().value(QLatin1String("c")).toObject();
            const Result<WorkspaceChange> parsed = WorkspaceChange::fromJson(change);
            if (!parsed)
                return corrupt(QStringLiteral("line %1 is not a valid workspace change (%2)").arg(m_lines).arg(parsed.errorString()));
            m_changes.append(parsed.value());
            continue;
        }
        char tag = 0;
        if (!splitEventLine(line, &event->timeMs, &tag, &event->json) || (tag != 'e' && tag != 'x'))
            return corrupt(QStringLiteral("line %1 is not an event").arg(m_lines));
        event->exit = tag == 'x';
        if (event->exit) {
            // The exit event is decoded by every replay anyway; check it now.
            const QJsonObject exit = event->object();
            if (exit.value(QLatin1String("type")).toString() != QLatin1String("exit"))
                return corrupt(QStringLiteral("line %1 is not an exit event").arg(m_lines));
        }
        m_sawExit = event->exit;
        return true;
    }
}

Result<RecordingSummary> RecordingReader::verify()
{
    if (!m_file.isOpen()) {
        const Result<RecordingHeader> opened = open();
        if (!opened)
            return opened.error();
    } else {
        const Result<void> rewound = rewind();
        if (!rewound)
            return rewound.error();
    }
    RecordedEvent event;
    for (;;) {
        const Result<bool> read = next(&event);
        if (!read)
            return read.error();
        if (!read.value())
            break;
    }
    const RecordingSummary summary = m_summary;
    const Result<void> rewound = rewind();
    if (!rewound)
        return rewound.error();
    return summary;
}

} // namespace BuildService
