// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: LGPL-2.1-only OR LGPL-3.0-only

// Glob matching with git's wildmatch semantics (used by IgnoreRules).
#pragma once

namespace BuildService::Internal {

/**
 * Matches the NUL-terminated @p text against the NUL-terminated glob @p pattern exactly as
 * git's wildmatch() does: `*`, `?`, `[...]` (with `!`/`^` negation, ranges, `[:class:]`),
 * backslash escapes. With @p pathname set (git's WM_PATHNAME), `*`, `?` and classes never
 * match '/', and `**` between slashes (or at either end) matches any number of directories.
 * Byte-wise and case-sensitive. Pure function, thread-safe.
 */
bool wildMatch(const char *pattern, const char *text, bool pathname);

} // namespace BuildService::Internal
