// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: CC0-1.0

/* Prints greetings for the hello-make example. */
#include "greet.h"

#include "strutil.h"

#include <stdio.h>

void greet(const char *name)
{
    if (!name || !*name) {
        printf("Hello, world!\n");
        return;
    }
    char buffer[64];
    str_capitalize(buffer, sizeof buffer, name);
    printf("Hello, %s!\n", buffer);
}
