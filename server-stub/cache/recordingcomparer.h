// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: GPL-2.0-or-later

// RecordingComparer: tells whether a live build reproduced a recording (exit code, output, workspace changes).
#pragma once

#include "cache/workspacestate.h"
#include "protocol/messages.h"

namespace BuildService {

class BlobStore;

/**
 * Compares two recordings of the same key (the stored one and the live --verify run, both
 * finished files): the exit code, the output as text lines (stdout and stderr merged in
 * arrival order, each recording's workspace path replaced by "<workspace>" so recordings
 * from different workspaces compare), and the workspace changes by path; files that name
 * their workspace (objects with debug info, CMake's cache) are compared with each
 * recording's workspace path blanked out, from their contents in @p blobs. Reports the first
 * difference in that order. Reads the files; runs on a worker thread.
 */
namespace RecordingComparer {
VerifyResult compare(const QString &recordedFile, const QString &liveFile, const BlobStore &blobs);
} // namespace RecordingComparer

} // namespace BuildService
