// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: LGPL-2.1-only OR LGPL-3.0-only

// Logging category of the KDevelop plugin.
#include "debug.h"

Q_LOGGING_CATEGORY(BS_PLUGIN, "buildservice.plugin", QtInfoMsg)
