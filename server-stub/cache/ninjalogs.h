// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: GPL-2.0-or-later

// NinjaLogs: moves the output times that ninja keeps in .ninja_log and .ninja_deps to the time outputs were restored.
#pragma once

#include "core/result.h"

#include <QStringList>

namespace BuildService {

class SafeTreeWriter;

/**
 * ninja remembers, per output, the output's modification time: in .ninja_log (compared with
 * the newest input: older means dirty) and in .ninja_deps (compared with the output: older
 * deps are stale). Outputs restored from a recording get a new time, so the recorded times
 * would make ninja rebuild everything. For every .ninja_log (format v5) and .ninja_deps
 * (format v4, ninja 1.10+) among @p restored, the entries of outputs that were restored too
 * are set to @p mtimeNs; other entries and unknown formats are left as they are.
 *
 * .ninja_log also keeps a hash of each output's command line (MurmurHash64A, seed
 * 0xDECAFBADDECAFBAD); a restore that relocated the workspace path changed the command lines
 * in build.ninja, so with @p commandsMoved the hashes of restored outputs are recomputed from
 * the commands `ninja -t compdb` prints for the restored build.ninja (when ninja is installed;
 * otherwise the next build reruns those commands, which is correct, only slower).
 */
namespace NinjaLogs {
/** Rewrites the logs among @p restored (workspace-relative paths); returns the ones it changed. */
Result<QStringList> retime(const QString &root, SafeTreeWriter &writer, const QStringList &restored, qint64 mtimeNs,
                           bool commandsMoved = false);
/** ninja's hash of a command line. */
quint64 commandHash(const QByteArray &command);
/** SHA-256 (64 hex digits) and size of the workspace file @p path below @p root. */
Result<QByteArray> hashFile(const QString &root, const QString &path, qint64 *size);
} // namespace NinjaLogs

} // namespace BuildService
