#!/bin/sh

# SPDX-FileCopyrightText: 2026 build-service contributors
#
# SPDX-License-Identifier: BSD-2-Clause

# Checks a generated man page against its program: `man -l` renders it without warnings, and
# every option the program's --help (and `help <command>` for each command given) lists
# appears in the rendered page.
# Usage: check-manpage.sh <page.1> <program> [command ...]   (a command may be "cache stats")
set -u
if [ "${1:-}" = "--no-help2man" ]; then
    echo "SKIP: help2man was not found when the build was configured, so no man pages were built (scripts/install-deps.sh installs it)"
    exit 77
fi
page=$1
program=$2
shift 2

if ! command -v man >/dev/null 2>&1; then
    echo "SKIP: man not found (Debian package man-db); $page was not checked"
    exit 77
fi
[ -s "$page" ] || { echo "FAIL: $page is missing or empty"; exit 1; }

work=$(mktemp -d) || exit 1
trap 'rm -rf "$work"' EXIT

# Render as plain ASCII text; groff's warnings (-ww) go to stderr.
if ! LC_ALL=C MANWIDTH=100 MAN_KEEP_FORMATTING= man --warnings=w -l "$page" >"$work/rendered" 2>"$work/warnings"; then
    echo "FAIL: man -l $page failed:"
    cat "$work/warnings"
    exit 1
fi
if [ -s "$work/warnings" ]; then
    echo "FAIL: man -l $page warns:"
    cat "$work/warnings"
    exit 1
fi
col -b <"$work/rendered" >"$work/page.txt"

"$program" --help >"$work/help" || { echo "FAIL: $program --help failed"; exit 1; }
for command in "$@"; do
    # shellcheck disable=SC2086 # "cache stats" is two words on purpose
    "$program" help $command >>"$work/help" || { echo "FAIL: $program help $command failed"; exit 1; }
done

options=$(grep -oE '(^|[ ,])--?[a-zA-Z][a-zA-Z0-9-]*' "$work/help" | sed 's/^[ ,]//' | sort -u)
[ -n "$options" ] || { echo "FAIL: found no options in the help of $program"; exit 1; }
missing=0
count=0
for option in $options; do
    count=$((count + 1))
    if ! grep -qE -- "(^|[^a-zA-Z0-9-])${option}([^a-zA-Z0-9-]|\$)" "$work/page.txt"; then
        echo "FAIL: $page does not mention $option (listed by $program's help)"
        missing=1
    fi
done
[ $missing -eq 0 ] || exit 1
for command in "$@"; do
    if ! grep -qF "$command" "$work/page.txt"; then
        echo "FAIL: $page has no section for the command \"$command\""
        exit 1
    fi
done
echo "OK: $page mentions all $count options of $program"
