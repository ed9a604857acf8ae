// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: CC0-1.0

// Text helpers used by the greeting library.
#include "greeting/format.h"

#include <cctype>

namespace greeting {

std::string trimmed(const std::string &text)
{
    const auto first = text.find_first_not_of(" \t");
    if (first == std::string::npos) {
        return {};
    }
    const auto last = text.find_last_not_of(" \t");
    return text.substr(first, last - first + 1);
}

std::string capitalized(const std::string &text)
{
    std::string result = text;
    if (!result.empty()) {
        result[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(result[0])));
    }
    return result;
}

} // namespace greeting
