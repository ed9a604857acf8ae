// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: CC0-1.0

// Builds the greeting line printed by the hello program.
#include "greeting/greeting.h"

#include "greeting/format.h"

namespace greeting {

std::string greet(const std::string &name)
{
    const std::string cleaned = capitalized(trimmed(name));
    return "Hello, " + (cleaned.empty() ? std::string("world") : cleaned) + "!";
}

} // namespace greeting
