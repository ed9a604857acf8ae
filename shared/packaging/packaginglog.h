// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: LGPL-2.1-only OR LGPL-3.0-only

// Logging category of the packaging library ("buildservice.packaging").
#pragma once

#include <QLoggingCategory>

namespace BuildService {
Q_DECLARE_LOGGING_CATEGORY(lcPackaging)
}
