// RecordingComparer: tells whether a live build reproduced a recording (exit code, output, workspace changes).
#pragma once

#include "cache/workspacestate.h"
#include "protocol/messages.h"

namespace BuildService {

/**
 * Compares two recordings of the same key (the stored one and the live --verify run, both
 * finished files): the exit code, the output as text lines (stdout and stderr merged in
 * arrival order, each recording's workspace path replaced by "<workspace>" so recordings
 * from different workspaces compare), and the workspace changes by path. Reports the first
 * difference in that order. Reads both files; runs on a worker thread.
 */
namespace RecordingComparer {
VerifyResult compare(const QString &recordedFile, const QString &liveFile);
} // namespace RecordingComparer

} // namespace BuildService
