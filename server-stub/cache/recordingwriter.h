// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: GPL-2.0-or-later

// RecordingWriter: streams a build recording to a zstd-compressed JSON-lines file.
#pragma once

#include "cache/recordingformat.h"
#include "core/result.h"

#include <QFile>

#include <memory>

namespace BuildService {

/**
 * Writes one recording (format in recordingformat.h) with bounded memory: lines are compressed
 * as they come and written in blocks. The file is complete only after finish(); a writer
 * destroyed before that removes its file, so a half-written recording never stays behind.
 * Not thread-safe, but may be handed to another thread between calls (finish() is usually
 * called from a worker).
 */
class RecordingWriter
{
public:
    explicit RecordingWriter(const QString &fileName);
    ~RecordingWriter();
    RecordingWriter(const RecordingWriter &) = delete;
    RecordingWriter &operator=(const RecordingWriter &) = delete;

    /** Creates the file and writes the header line. Errors: IoError naming the file. */
    Result<void> open(const RecordingHeader &header);
    /** Appends an event @p timeMs after the start of the command ("exit" events are tagged as such). */
    Result<void> append(qint64 timeMs, const QJsonObject &event);
    /** Appends a workspace change; only after the exit event. */
    Result<void> appendChange(const WorkspaceChange &change);
    /**
     * Appends the trailer (hash of everything before it, and the artifacts' size and hash),
     * ends the zstd frame and closes the file. After success the file is kept.
     */
    Result<void> finish(qint64 artifactsBytes, const QString &artifactsHash, const QString &afterState = QString());
    /** Removes the file (also done by the destructor unless finish() succeeded). */
    void discard();

    QString fileName() const { return m_file.fileName(); }
    /** Compressed bytes written so far (the size the recording will take on disk). */
    qint64 compressedBytes() const { return m_compressedBytes; }
    qint64 lines() const { return m_lines; }

private:
    Result<void> writeLine(const QByteArray &line);
    Result<void> compress(const char *data, size_t size, bool end);
    Error ioError(const QString &what) const;

    struct Private;
    std::unique_ptr<Private> d;
    QFile m_file;
    qint64 m_compressedBytes = 0;
    qint64 m_uncompressedBytes = 0;
    qint64 m_lines = 0;
    bool m_finished = false;
    bool m_failed = false;
};

} // namespace BuildService
