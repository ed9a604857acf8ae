// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: GPL-2.0-or-later

// CommandLine: help text without Qt internals, usage errors with exit code 2.
#include "commandline.h"

#include "serveroptions.h"
#include "terminal.h"

#include <cstdio>

namespace BuildService::Cli {

CommandLine::CommandLine(const QString &command, const QString &description)
    : m_command(command)
    , m_help({QStringLiteral("h"), QStringLiteral("help")}, tr("Show this help."))
{
    // Not addHelpOption(): in Qt 5.15 it also adds --help-all with Qt's own options.
    m_parser.setApplicationDescription(description);
    m_parser.addOption(m_help);
}

void CommandLine::addPositionalArgument(const QString &name, const QString &description, const QString &syntax)
{
    m_parser.addPositionalArgument(name, description, syntax);
    m_syntax += QLatin1Char(' ') + (syntax.isEmpty() ? name : syntax);
}

QString CommandLine::helpText() const
{
    // QCommandLineParser starts with "Usage: <argv[0]> ..."; the rest (description, options,
    // arguments) is what we want.
    const QString text = m_parser.helpText();
    const int firstLineEnd = text.indexOf(QLatin1Char('\n'));
    return tr("Usage: build-service %1 [options]%2").arg(m_command, m_syntax) + text.mid(firstLineEnd);
}

int CommandLine::usageError(const QString &message) const
{
    const QString text = tr("build-service %1: %2\nRun 'build-service help %1' for its options.").arg(m_command, message);
    std::fprintf(stderr, "%s\n", qPrintable(text));
    return ExitCode::UsageError;
}

std::optional<int> CommandLine::parse(const QStringList &arguments, const ServerOptions *serverOptions)
{
    if (!m_parser.parse(QStringList{QStringLiteral("build-service")} + arguments))
        return usageError(m_parser.errorText());
    if (m_parser.isSet(m_help)) {
        std::fputs(qPrintable(helpText()), stdout);
        return ExitCode::Success;
    }
    if (serverOptions) {
        if (const Result<QString> server = serverOptions->checkedServer(m_parser); !server)
            return usageError(server.errorString());
        if (serverOptions->connectTimeoutMs(m_parser) < 0)
            return usageError(tr("--connect-timeout expects a positive number of seconds, got \"%1\"")
                                  .arg(serverOptions->connectTimeoutText(m_parser)));
    }
    return std::nullopt;
}

} // namespace BuildService::Cli
