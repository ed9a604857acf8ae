// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: CC0-1.0

/* Prints greetings for the hello-make example. */
#ifndef GREET_H
#define GREET_H

/* Prints "Hello, <Name>!" to stdout; "world" when `name` is NULL or empty. */
void greet(const char *name);

#endif
