// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: GPL-2.0-or-later

// CommandLine: one subcommand's option parsing with the CLI's rules for help and usage errors.
#pragma once

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QString>

#include <optional>

namespace BuildService::Cli {

class ServerOptions;

/** The exit codes of every command (README, "Exit codes"). */
namespace ExitCode {
constexpr int Success = 0;
constexpr int UsageError = 2;        ///< bad option, argument or URL; nothing was sent
constexpr int ClientFailure = 125;   ///< build-service itself failed (connection, upload, server refused, ...)
constexpr int Interrupted = 130;     ///< Ctrl-C (SIGINT), SIGTERM or SIGHUP: the remote build was cancelled
} // namespace ExitCode

/**
 * Wraps a QCommandLineParser for `build-service <command>`: `-h/--help` prints the command's
 * help (usage line, description, options and arguments; no Qt options), an unknown option or a
 * bad --server/--connect-timeout is reported as
 * `build-service <command>: <error>` with a hint and exit code 2. Errors are printed, never
 * thrown; ::exit() is never called.
 */
class CommandLine
{
    Q_DECLARE_TR_FUNCTIONS(CommandLine)
public:
    /** @p command as typed after build-service ("build", "cache stats"). */
    CommandLine(const QString &command, const QString &description);

    QCommandLineParser &parser() { return m_parser; }
    /** A positional argument, shown as @p syntax in the usage line and explained under "Arguments". */
    void addPositionalArgument(const QString &name, const QString &description, const QString &syntax = QString());

    /**
     * Parses @p arguments (without the command words). std::nullopt: go on; otherwise the exit
     * code to return (Success after printing the help, UsageError after printing an error).
     * With @p serverOptions, also checks --server and --connect-timeout.
     */
    std::optional<int> parse(const QStringList &arguments, const ServerOptions *serverOptions = nullptr);

    /** The help text printed for --help and `build-service help <command>`. */
    QString helpText() const;
    /** Prints "build-service <command>: @p message" and the help hint to stderr; returns UsageError. */
    int usageError(const QString &message) const;

private:
    QString m_command;
    QString m_syntax;
    QCommandLineParser m_parser;
    QCommandLineOption m_help;
};

} // namespace BuildService::Cli
