// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: GPL-2.0-or-later

// Interactivity: what the CLI's own stdin and stdout are, to decide --stdin and --tty defaults.
#pragma once

#include "protocol/messages.h"

#include <optional>

namespace BuildService::Cli {

/** How the local standard descriptors look; read once at start. */
struct Interactivity {
    /**
     * True when @p fd is a pipe, a socket or a regular file: input someone meant for the
     * command (`echo hi | build-service build -- cat`). A terminal is not (it would need raw
     * mode to be forwarded well), nor /dev/null or another device (what CI and IDEs give).
     */
    static bool carriesInput(int fd);
    /** True when @p fd is a terminal. */
    static bool isTerminal(int fd);
    /** The size of the terminal on @p fd, if it is one and knows its size. */
    static std::optional<WindowSize> windowSize(int fd);
};

} // namespace BuildService::Cli
