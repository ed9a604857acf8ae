// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: GPL-2.0-or-later

// RecordingReader: reads and verifies a recording written by RecordingWriter.
#pragma once

#include "cache/recordingformat.h"
#include "core/result.h"

#include <QFile>

#include <memory>

namespace BuildService {

/**
 * Streams the events of a recording with bounded memory (one line at a time, lines capped at
 * RecordingFormat::MaxLineBytes). Every problem - missing file, bad zstd data, a cut-off file,
 * a line that is not JSON, a trailer whose counts or hash do not match - is an error with
 * ErrorCode::IoError and a message naming the file and what is wrong; nothing is returned
 * past the first problem. Not thread-safe; may move between threads between calls.
 */
class RecordingReader
{
public:
    explicit RecordingReader(const QString &fileName);
    ~RecordingReader();
    RecordingReader(const RecordingReader &) = delete;
    RecordingReader &operator=(const RecordingReader &) = delete;

    /** Opens the file (keeping it open: a replaced file does not affect this reader) and reads the header. */
    Result<RecordingHeader> open();
    /**
     * Reads the next event into @p event and returns true; returns false once the trailer was
     * read and matched (the summary is then available). The exit event is the last event.
     */
    Result<bool> next(RecordedEvent *event);
    /** Goes back to the first event (after the header) of the same open file. */
    Result<void> rewind();
    /** Valid after next() returned false. */
    const RecordingSummary &summary() const { return m_summary; }
    const RecordingHeader &header() const { return m_header; }

    /**
     * Reads the whole open recording, checking every line and the trailer, then rewinds.
     * Also checks that the exit event is the last event.
     */
    Result<RecordingSummary> verify();

private:
    Result<bool> readLine(QByteArray *line);
    Error corrupt(const QString &what) const;

    struct Private;
    std::unique_ptr<Private> d;
    QFile m_file;
    RecordingHeader m_header;
    RecordingSummary m_summary;
    qint64 m_lines = 0;
    qint64 m_bytes = 0;
    QList<WorkspaceChange> m_changes;
    bool m_sawExit = false;
    bool m_atEnd = false;
};

} // namespace BuildService
