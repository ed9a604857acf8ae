// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: LGPL-2.1-only OR LGPL-3.0-only

// readJson: parses JSON text from the network into Qt's JSON types, strictly.
#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QJsonValue>

namespace BuildService {

/**
 * Parses @p utf8 as one JSON value with nlohmann/json's SAX parser and builds the QJsonValue
 * from its events.
 *
 * Why not QJsonDocument::fromJson: Qt 5.15's parser leaks the replaced value when an object
 * repeats a key whose value is an object or array (found by fuzzing decodeMessage:
 * `{"a":[],"a":[]}` leaks ~40 bytes per repetition, so one 1 MiB message can leak megabytes
 * of server memory). Here a repeated key is an error, as it is for any sane protocol peer.
 *
 * Also rejected: invalid UTF-8, nesting deeper than @p maxDepth, trailing garbage.
 * Errors: ErrorCode::BadMessage, "invalid JSON at offset N: <reason>" for syntax errors
 * (N counts bytes from 0) and "invalid JSON: <reason>" for the rules above.
 */
Result<QJsonValue> readJson(const QByteArray &utf8, int maxDepth = 64);

} // namespace BuildService
