// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: GPL-2.0-or-later

// LogFormat: how the server's log lines look on stderr (timestamped, or journald priorities).
#pragma once

#include <QDateTime>
#include <QString>
#include <QtGlobal>

namespace BuildService {

/**
 * Formats Qt log messages (qCInfo(...) and friends) into the server's log lines and installs
 * the message handler that writes them to stderr.
 *
 * Two styles:
 * - Timestamped (a terminal, a file, a container log):
 *   `2026-12-04T17:01:02.345Z info buildservice.server.build: bld_… finished ...`
 *   (ISO 8601 in UTC with milliseconds, the level, the logging category).
 * - Journal (stderr is connected to systemd's journal, see journalStreamMatches()): no
 *   timestamp (journald adds its own), and each line starts with the syslog priority in the
 *   sd-daemon(3) form `<6>`, so `journalctl -p warning` works:
 *   `<6>buildservice.server.build: bld_… finished ...`
 *
 * A message with several lines becomes several log lines, each with the full prefix, so no
 * line reaches the journal or a grep without its level.
 *
 * The handler writes with one write(2) per message (lines of concurrent threads do not mix)
 * and is thread-safe. Set QT_MESSAGE_PATTERN to use Qt's own pattern instead.
 */
class LogFormat
{
public:
    enum class Style { Timestamped, Journal };

    /** The log line(s) for one message, each ending in '\n'. */
    static QByteArray format(Style style, QtMsgType type, const char *category, const QString &message,
                             const QDateTime &timeUtc);
    /** "debug", "info", "warning", "critical", "fatal". */
    static const char *levelName(QtMsgType type);
    /** The syslog priority journald maps the level to: debug 7, info 6, warning 4, critical 3, fatal 2. */
    static int syslogPriority(QtMsgType type);

    /**
     * True when @p journalStream (the value of $JOURNAL_STREAM, "<device>:<inode>" as systemd
     * sets it) names the file stderr is open on. Comparing with stderr, rather than only
     * testing that the variable is set, keeps timestamps when a process started by a service
     * (which inherits the variable) sends the server's stderr to a file or a pipe.
     */
    static bool journalStreamMatches(const QByteArray &journalStream);
    /** The style for this process: Journal when $JOURNAL_STREAM matches stderr, else Timestamped. */
    static Style detectStyle();

    /** Installs the stderr handler with @p style (once, at the start of main()). */
    static void install(Style style);
};

} // namespace BuildService
