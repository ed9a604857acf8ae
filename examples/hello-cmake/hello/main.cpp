// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: CC0-1.0

// hello: prints a greeting for each name given on the command line.
#include "greeting/greeting.h"

#include <iostream>

int main(int argc, char **argv)
{
    if (argc < 2) {
        std::cout << greeting::greet({}) << '\n';
        return 0;
    }
    for (int i = 1; i < argc; ++i) {
        std::cout << greeting::greet(argv[i]) << '\n';
    }
    return 0;
}
