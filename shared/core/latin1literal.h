// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: LGPL-2.1-only OR LGPL-3.0-only

// latin1Literal: a QLatin1String constant from a string literal, for any compiler.
#pragma once

#include <QLatin1String>

namespace BuildService {

/**
 * Qt 5's QLatin1String(const char *) measures the text with strlen, which GCC folds at compile
 * time but clang does not, so `constexpr QLatin1String x{"..."}` fails to compile with clang
 * (the fuzz build). The literal's length is known from its type instead.
 */
template<int N>
constexpr QLatin1String latin1Literal(const char (&text)[N])
{
    return QLatin1String(text, N - 1);
}

} // namespace BuildService
