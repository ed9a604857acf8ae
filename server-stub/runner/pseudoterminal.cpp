// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: GPL-2.0-or-later

// PseudoTerminal: posix_openpt, grantpt/unlockpt, TIOCSWINSZ.
#include "runner/pseudoterminal.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>

#include <fcntl.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

namespace BuildService {

namespace {

Error ptyError(const char *call, int error)
{
    return makeError(ErrorCode::SpawnFailed,
                     QStringLiteral("cannot create a pseudo-terminal for the build: %1 failed: %2")
                         .arg(QLatin1String(call), QString::fromLocal8Bit(strerror(error))));
}

// A server started with closed stdio descriptors would get 0..2 here; the child's dup2 onto
// 0..2 would then clobber them.
int aboveStdio(int fd)
{
    if (fd < 0 || fd > 2)
        return fd;
    const int moved = fcntl(fd, F_DUPFD_CLOEXEC, 3);
    ::close(fd);
    return moved;
}

} // namespace

Result<PseudoTerminal::Pair> PseudoTerminal::open(const WindowSize &size)
{
    Pair pair;
    pair.master = aboveStdio(::posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC));
    if (pair.master < 0)
        return ptyError("posix_openpt", errno);
    char name[128];
    if (::grantpt(pair.master) != 0 || ::unlockpt(pair.master) != 0 || ::ptsname_r(pair.master, name, sizeof name) != 0) {
        const int error = errno;
        ::close(pair.master);
        return ptyError("unlockpt", error);
    }
    // O_NOCTTY: the server itself must never acquire it; the child takes it with TIOCSCTTY.
    pair.slave = aboveStdio(::open(name, O_RDWR | O_NOCTTY | O_CLOEXEC));
    if (pair.slave < 0) {
        const int error = errno;
        ::close(pair.master);
        return ptyError("open of the terminal", error);
    }
    // Our client writes the output to a local terminal in its normal mode, which turns "\n"
    // into "\r\n" itself (or to a file, which wants "\n"): doing it here as well would
    // double the carriage returns.
    termios modes;
    if (::tcgetattr(pair.slave, &modes) == 0) {
        modes.c_oflag &= ~tcflag_t(ONLCR);
        ::tcsetattr(pair.slave, TCSANOW, &modes);
    }
    if (const Result<void> sized = setWindowSize(pair.master, size); !sized) {
        ::close(pair.master);
        ::close(pair.slave);
        return sized.error();
    }
    return pair;
}

Result<void> PseudoTerminal::setWindowSize(int fd, const WindowSize &size)
{
    winsize ws;
    memset(&ws, 0, sizeof ws);
    ws.ws_row = static_cast<unsigned short>(size.rows);
    ws.ws_col = static_cast<unsigned short>(size.columns);
    if (::ioctl(fd, TIOCSWINSZ, &ws) != 0)
        return ptyError("TIOCSWINSZ", errno);
    return {};
}

} // namespace BuildService
