// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: CC0-1.0

// Evaluates one binary integer operation, as used by the calc program.
#include "calculator.h"

namespace calc {

std::optional<long long> apply(long long lhs, const std::string &op, long long rhs)
{
    if (op == "+") {
        return lhs + rhs;
    }
    if (op == "-") {
        return lhs - rhs;
    }
    if (op == "*" || op == "x") {
        return lhs * rhs;
    }
    if (op == "/" && rhs != 0) {
        return lhs / rhs;
    }
    return std::nullopt;
}

} // namespace calc
