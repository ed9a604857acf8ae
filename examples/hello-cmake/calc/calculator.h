// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: CC0-1.0

// Evaluates one binary integer operation, as used by the calc program.
#pragma once

#include <optional>
#include <string>

namespace calc {

// Applies `op` (one of + - * /) to `lhs` and `rhs`; empty for an unknown operator or
// a division by zero.
std::optional<long long> apply(long long lhs, const std::string &op, long long rhs);

} // namespace calc
