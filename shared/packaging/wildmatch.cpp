// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: LGPL-2.1-only OR LGPL-3.0-only

// Glob matching with git's wildmatch semantics (used by IgnoreRules).
#include "wildmatch.h"

#include <cstring>

namespace BuildService::Internal {

namespace {

using uchar = unsigned char;

// The two abort results prune the backtracking the same way git does; keeping them is what
// makes results identical for patterns with several stars, not only faster.
enum Outcome { Matched, NoMatch, AbortAll, AbortToStarStar };

bool isGlobSpecial(uchar c)
{
    return c == '*' || c == '?' || c == '[' || c == '\\';
}

bool inRange(uchar c, uchar lo, uchar hi)
{
    return c >= lo && c <= hi;
}

// ASCII-only classes, as git uses its own locale-independent ctype.
int classMatches(const uchar *name, int length, uchar c, bool *known)
{
    auto is = [&](const char *cls) {
        return int(std::strlen(cls)) == length && std::memcmp(name, cls, size_t(length)) == 0;
    };
    const bool upper = inRange(c, 'A', 'Z');
    const bool lower = inRange(c, 'a', 'z');
    const bool digit = inRange(c, '0', '9');
    const bool space = c == ' ' || c == '\t' || c == '\n' || c == '\r';
    *known = true;
    if (is("alnum"))
        return upper || lower || digit;
    if (is("alpha"))
        return upper || lower;
    if (is("blank"))
        return c == ' ' || c == '\t';
    if (is("cntrl"))
        return c < 0x20 || c == 0x7f;
    if (is("digit"))
        return digit;
    if (is("graph"))
        return inRange(c, 0x21, 0x7e);
    if (is("lower"))
        return lower;
    if (is("print"))
        return inRange(c, 0x20, 0x7e);
    if (is("punct"))
        return inRange(c, 0x21, 0x7e) && !upper && !lower && !digit;
    if (is("space"))
        return space;
    if (is("upper"))
        return upper;
    if (is("xdigit"))
        return digit || inRange(c, 'a', 'f') || inRange(c, 'A', 'F');
    *known = false;
    return false;
}

Outcome matchHere(const uchar *p, const uchar *text, bool pathname)
{
    // Start of this (sub)pattern: "**" only counts as a directory wildcard at a boundary.
    const uchar *const begin = p;

    for (; *p; ++text, ++p) {
        uchar pc = *p;
        uchar tc = *text;
        if (tc == 0 && pc != '*')
            return AbortAll;

        switch (pc) {
        case '\\':
            pc = *++p;
            if (tc != pc)
                return NoMatch;
            continue;
        case '?':
            if (pathname && tc == '/')
                return NoMatch;
            continue;
        case '*': {
            bool crossesSlash;
            if (*++p == '*') {
                const uchar *before = p - 2;
                while (*++p == '*') {
                }
                const bool atStart = before < begin || *before == '/';
                const bool atEnd = *p == 0 || *p == '/' || (p[0] == '\\' && p[1] == '/');
                if (!pathname) {
                    crossesSlash = true;
                } else if (atStart && atEnd) {
                    // "**/" may match no directory at all: try the rest right here first.
                    if (p[0] == '/' && matchHere(p + 1, text, pathname) == Matched)
                        return Matched;
                    crossesSlash = true;
                } else {
                    crossesSlash = false;
                }
            } else {
                crossesSlash = !pathname;
            }

            if (*p == 0) {
                if (!crossesSlash && std::strchr(reinterpret_cast<const char *>(text), '/'))
                    return NoMatch;
                return Matched;
            }
            if (!crossesSlash && *p == '/') {
                // One star then a slash: the star eats the rest of this path component.
                const char *slash = std::strchr(reinterpret_cast<const char *>(text), '/');
                if (!slash)
                    return NoMatch;
                text = reinterpret_cast<const uchar *>(slash);
                break; // the loop step consumes the slash on both sides
            }
            for (;;) {
                if (tc == 0)
                    break;
                if (!isGlobSpecial(*p)) {
                    // The next pattern byte is a literal: skip text up to its next occurrence.
                    const uchar literal = *p;
                    while ((tc = *text) != 0 && (crossesSlash || tc != '/')) {
                        if (tc == literal)
                            break;
                        ++text;
                    }
                    if (tc != literal)
                        return NoMatch;
                }
                const Outcome rest = matchHere(p, text, pathname);
                if (rest != NoMatch) {
                    if (!crossesSlash || rest != AbortToStarStar)
                        return rest;
                } else if (!crossesSlash && tc == '/') {
                    return AbortToStarStar;
                }
                tc = *++text;
            }
            return AbortAll;
        }
        case '[': {
            pc = *++p;
            if (pc == '^')
                pc = '!';
            const bool negated = pc == '!';
            if (negated)
                pc = *++p;
            uchar previous = 0;
            bool hit = false;
            do {
                if (!pc)
                    return AbortAll;
                if (pc == '\\') {
                    pc = *++p;
                    if (!pc)
                        return AbortAll;
                    if (tc == pc)
                        hit = true;
                } else if (pc == '-' && previous && p[1] && p[1] != ']') {
                    pc = *++p;
                    if (pc == '\\') {
                        pc = *++p;
                        if (!pc)
                            return AbortAll;
                    }
                    if (tc <= pc && tc >= previous)
                        hit = true;
                    pc = 0; // a range end never starts another range
                } else if (pc == '[' && p[1] == ':') {
                    p += 2;
                    const uchar *name = p;
                    while ((pc = *p) && pc != ']')
                        ++p;
                    if (!pc)
                        return AbortAll;
                    const int length = int(p - name) - 1;
                    if (length < 0 || p[-1] != ':') {
                        // No ":]": the '[' was an ordinary member of the set.
                        p = name - 2;
                        pc = '[';
                        if (tc == pc)
                            hit = true;
                        continue;
                    }
                    bool known = false;
                    if (classMatches(name, length, tc, &known))
                        hit = true;
                    if (!known)
                        return AbortAll;
                    pc = 0;
                } else if (tc == pc) {
                    hit = true;
                }
            } while (previous = pc, (pc = *++p) != ']');
            if (hit == negated || (pathname && tc == '/'))
                return NoMatch;
            continue;
        }
        default:
            if (tc != pc)
                return NoMatch;
            continue;
        }
    }
    return *text ? NoMatch : Matched;
}

} // namespace

bool wildMatch(const char *pattern, const char *text, bool pathname)
{
    return matchHere(reinterpret_cast<const uchar *>(pattern), reinterpret_cast<const uchar *>(text),
                     pathname)
        == Matched;
}

} // namespace BuildService::Internal
