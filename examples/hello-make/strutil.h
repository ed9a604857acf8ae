// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: CC0-1.0

/* Small string helpers for the hello-make example. */
#ifndef STRUTIL_H
#define STRUTIL_H

#include <stddef.h>

/* Copies `src` into `dst` (capacity `size`, at least 1) with the first letter upper-cased;
 * truncates and always NUL-terminates. */
void str_capitalize(char *dst, size_t size, const char *src);

#endif
