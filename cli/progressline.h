// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: GPL-2.0-or-later

// ProgressLine: the text of the upload progress line and fitting it to a terminal's width.
#pragma once

#include "client/buildclient.h"

#include <QCoreApplication>
#include <QString>

namespace BuildService::Cli {

/**
 * Pure formatting, no I/O and no clock: the caller passes the elapsed time, so the rate and the
 * ETA are tested without waiting.
 */
class ProgressLine
{
    Q_DECLARE_TR_FUNCTIONS(ProgressLine)
public:
    /**
     * "uploading: 42% 120/300 files, 12.0 MB of 28.5 MB, 4.1 MB/s, ETA 0:04, 3.2 MB sent".
     * The percentage is of the bytes read from the checkout (the work that takes time); the rate
     * is of those bytes over @p elapsedMs since the upload began; rate and ETA are left out
     * until there is enough to measure (@p elapsedMs < 500 or nothing read yet).
     */
    static QString upload(const UploadProgress &progress, qint64 elapsedMs);
    /** "0:04", "12:30", "1:02:03". */
    static QString duration(qint64 seconds);
    /**
     * @p line cut to at most @p columns - 1 characters (ending in "..."), so that a terminal never
     * wraps it: a wrapped line cannot be erased with a carriage return and would leave a copy
     * on every redraw. @p columns <= 0: unchanged.
     */
    static QString fitToWidth(const QString &line, int columns);
};

} // namespace BuildService::Cli
