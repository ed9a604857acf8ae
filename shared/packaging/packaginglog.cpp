// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: LGPL-2.1-only OR LGPL-3.0-only

// Logging category of the packaging library ("buildservice.packaging").
#include "packaginglog.h"

namespace BuildService {
Q_LOGGING_CATEGORY(lcPackaging, "buildservice.packaging", QtInfoMsg)
}
