// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: CC0-1.0

// Unit test for the greeting library; exits non-zero on the first mismatch.
#include "greeting/format.h"
#include "greeting/greeting.h"

#include <iostream>
#include <string>

namespace {

int failures = 0;

void expectEqual(const std::string &actual, const std::string &expected)
{
    if (actual != expected) {
        std::cerr << "FAIL: got \"" << actual << "\", expected \"" << expected << "\"\n";
        ++failures;
    }
}

} // namespace

int main()
{
    expectEqual(greeting::trimmed("  ada \t"), "ada");
    expectEqual(greeting::capitalized("ada"), "Ada");
    expectEqual(greeting::greet(" ada "), "Hello, Ada!");
    expectEqual(greeting::greet("   "), "Hello, world!");
    if (failures == 0) {
        std::cout << "all greeting tests passed\n";
    }
    return failures == 0 ? 0 : 1;
}
