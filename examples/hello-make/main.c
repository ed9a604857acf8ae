// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: CC0-1.0

/* app: greets every name given on the command line. */
#include "greet.h"

#include <stddef.h>

int main(int argc, char **argv)
{
    if (argc < 2)
        greet(NULL);
    for (int i = 1; i < argc; ++i)
        greet(argv[i]);
    return 0;
}
