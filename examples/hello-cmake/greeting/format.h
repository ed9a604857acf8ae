// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: CC0-1.0

// Text helpers used by the greeting library.
#pragma once

#include <string>

namespace greeting {

// Returns `text` with leading and trailing spaces and tabs removed.
std::string trimmed(const std::string &text);

// Returns `text` with its first letter upper-cased (ASCII only).
std::string capitalized(const std::string &text);

} // namespace greeting
