// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: GPL-2.0-or-later

// Clock: injectable wall-clock time, so TTL and GC logic is tested without sleeping.
#pragma once

#include <QtGlobal>

#include <functional>

namespace BuildService {

/** Returns the current time in milliseconds since the Unix epoch. */
using Clock = std::function<qint64()>;

/** The real clock (QDateTime::currentMSecsSinceEpoch). Thread-safe. */
Clock systemClock();

} // namespace BuildService
