// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: GPL-2.0-or-later

// PseudoTerminal: opens a pty pair of a given size and resizes it.
#pragma once

#include "core/result.h"
#include "protocol/messages.h"

namespace BuildService {

/**
 * The pseudo-terminal a build runs in with --tty: the server keeps the master (reads the
 * build's output from it, writes its input into it), the child gets the slave as 0/1/2 and
 * makes it its controlling terminal. Both descriptors are O_CLOEXEC and above 2; the caller
 * owns them. Stateless; thread-safe.
 */
class PseudoTerminal
{
public:
    struct Pair {
        int master = -1;
        int slave = -1;
    };

    /** Opens a new pty of @p size. Errors (SpawnFailed) name the failing call and the reason. */
    static Result<Pair> open(const WindowSize &size);
    /** TIOCSWINSZ on @p fd (either side): the kernel sends SIGWINCH to the foreground group. */
    static Result<void> setWindowSize(int fd, const WindowSize &size);
};

} // namespace BuildService
