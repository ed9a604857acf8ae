// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: GPL-2.0-or-later

// ProgressLine: percentage, rate and ETA of an upload, fitted to the terminal.
#include "progressline.h"

#include "terminal.h"

#include <cmath>

namespace BuildService::Cli {

QString ProgressLine::duration(qint64 seconds)
{
    const qint64 h = seconds / 3600;
    const qint64 m = (seconds / 60) % 60;
    const qint64 s = seconds % 60;
    if (h > 0)
        return QStringLiteral("%1:%2:%3").arg(h).arg(m, 2, 10, QLatin1Char('0')).arg(s, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1:%2").arg(m).arg(s, 2, 10, QLatin1Char('0'));
}

QString ProgressLine::upload(const UploadProgress &p, qint64 elapsedMs)
{
    const int percent = p.bytesTotal > 0 ? int(qBound<qint64>(0, p.bytesPacked * 100 / p.bytesTotal, 100))
                                         : (p.filesTotal > 0 ? int(p.filesDone * 100 / p.filesTotal) : 0);
    QString line = tr("uploading: %1% %2/%3 files, %4 of %5")
                       .arg(percent)
                       .arg(p.filesDone)
                       .arg(p.filesTotal)
                       .arg(formatBytes(p.bytesPacked), formatBytes(p.bytesTotal));
    if (elapsedMs >= 500 && p.bytesPacked > 0) {
        const double bytesPerSecond = double(p.bytesPacked) * 1000 / double(elapsedMs);
        line += tr(", %1/s").arg(formatBytes(qint64(bytesPerSecond)));
        if (p.bytesPacked < p.bytesTotal) {
            const qint64 remaining = qint64(std::ceil(double(p.bytesTotal - p.bytesPacked) / bytesPerSecond));
            line += tr(", ETA %1").arg(duration(remaining));
        }
    }
    line += tr(", %1 sent").arg(formatBytes(p.bytesSent));
    return line;
}

QString ProgressLine::fitToWidth(const QString &line, int columns)
{
    if (columns <= 0 || line.size() < columns)
        return line;
    // Terminals wrap when a character is written into the last column, so leave it free.
    const int room = columns - 1;
    if (room <= 3)
        return line.left(qMax(room, 0));
    return line.left(room - 3) + QLatin1String("...");
}

} // namespace BuildService::Cli
