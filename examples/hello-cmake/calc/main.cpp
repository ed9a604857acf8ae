// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: CC0-1.0

// calc: evaluates "<a> <op> <b>" from the command line, e.g. `calc 6 x 7`.
#include "calculator.h"

#include <exception>
#include <iostream>
#include <string>

int main(int argc, char **argv)
{
    if (argc != 4) {
        std::cerr << "usage: calc <a> <+|-|x|/> <b>\n";
        return 2;
    }
    try {
        const auto result = calc::apply(std::stoll(argv[1]), argv[2], std::stoll(argv[3]));
        if (!result) {
            std::cerr << "calc: cannot evaluate " << argv[1] << ' ' << argv[2] << ' ' << argv[3] << '\n';
            return 1;
        }
        std::cout << *result << '\n';
    } catch (const std::exception &) {
        std::cerr << "calc: operands must be integers\n";
        return 2;
    }
    return 0;
}
