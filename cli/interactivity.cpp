// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: GPL-2.0-or-later

// Interactivity: fstat, isatty and TIOCGWINSZ on the CLI's descriptors.
#include "interactivity.h"

#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace BuildService::Cli {

bool Interactivity::carriesInput(int fd)
{
    struct stat st;
    if (::fstat(fd, &st) != 0)
        return false;
    return S_ISFIFO(st.st_mode) || S_ISSOCK(st.st_mode) || S_ISREG(st.st_mode);
}

bool Interactivity::isTerminal(int fd)
{
    return ::isatty(fd) == 1;
}

std::optional<WindowSize> Interactivity::windowSize(int fd)
{
    winsize ws;
    if (::ioctl(fd, TIOCGWINSZ, &ws) != 0 || ws.ws_row == 0 || ws.ws_col == 0)
        return std::nullopt;
    WindowSize size;
    size.rows = ws.ws_row;
    size.columns = ws.ws_col;
    return size;
}

} // namespace BuildService::Cli
