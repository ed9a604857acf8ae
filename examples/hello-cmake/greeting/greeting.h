// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: CC0-1.0

// Builds the greeting line printed by the hello program.
#pragma once

#include <string>

namespace greeting {

// Returns "Hello, <Name>!" for a cleaned-up `name`, or "Hello, world!" when it is blank.
std::string greet(const std::string &name);

} // namespace greeting
