// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: CC0-1.0

/* Small string helpers for the hello-make example. */
#include "strutil.h"

#include <ctype.h>
#include <string.h>

void str_capitalize(char *dst, size_t size, const char *src)
{
    size_t len = strlen(src);
    if (len >= size)
        len = size - 1;
    memcpy(dst, src, len);
    dst[len] = '\0';
    if (len > 0)
        dst[0] = (char)toupper((unsigned char)dst[0]);
}
