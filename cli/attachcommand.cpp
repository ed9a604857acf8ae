// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: GPL-2.0-or-later

// AttachCommand: resume the event stream of a build by sequence number.
#include "attachcommand.h"

#include "buildcommand.h"
#include "client/clientconnection.h"
#include "commandline.h"
#include "serveroptions.h"
#include "terminal.h"

#include <QCommandLineParser>
#include <QEventLoop>

namespace BuildService::Cli {

int AttachCommand::run(const QStringList &arguments)
{
    CommandLine commandLine(QStringLiteral("attach"), tr(
        "Follows a build whose client went away (the server keeps it running when its [build] disconnect_policy\n"
        "is \"detach\"): prints its output from the beginning, or after event <seq>, and exits with its exit code."));
    QCommandLineParser &parser = commandLine.parser();
    const ServerOptions serverOptions(parser);
    const QCommandLineOption afterOption(QStringLiteral("after"),
        tr("Print only what follows event number <seq> (the \"seq\" of the last event received)."), QStringLiteral("seq"), QStringLiteral("0"));
    parser.addOption(afterOption);
    commandLine.addPositionalArgument(QStringLiteral("build-id"), tr("The build to follow (bld_...)."), QStringLiteral("<build-id>"));
    if (const std::optional<int> exitCode = commandLine.parse(arguments, &serverOptions))
        return *exitCode;

    Terminal terminal(false);
    const QStringList positional = parser.positionalArguments();
    bool afterOk = false;
    const qint64 after = parser.value(afterOption).toLongLong(&afterOk);
    if (positional.size() != 1 || !isValidBuildId(positional.first()) || !afterOk || after < 0)
        return commandLine.usageError(tr("usage: build-service attach [--after SEQ] bld_<uuid>"));
    const QString buildId = positional.first();
    const int connectTimeoutMs = serverOptions.connectTimeoutMs(parser);

    ClientConnection connection;
    if (connectTimeoutMs > 0)
        connection.setConnectTimeout(connectTimeoutMs);
    QEventLoop loop;
    int exitCode = BuildCommand::ClientFailure;
    connect(&connection, &ClientConnection::ready, &loop, [&] {
        connection.send(QJsonObject{{QStringLiteral("type"), Protocol::Type::Attach}, {QStringLiteral("build_id"), buildId},
                                    {QStringLiteral("after_seq"), after}});
    });
    connect(&connection, &ClientConnection::message, &loop, [&](const Message &message) {
        if (message.type == Protocol::Type::Attached) {
            const qint64 lost = qint64(message.json.value(QLatin1String("lost")).toDouble());
            terminal.status(message.json.value(QLatin1String("running")).toBool() ? tr("attached to %1 (running)").arg(buildId)
                                                                                     : tr("attached to %1 (finished)").arg(buildId));
            if (lost > 0)
                terminal.error(tr("the server no longer keeps the first %1 event(s) asked for; that output is missing").arg(lost));
        } else if (message.type == Protocol::Type::Output) {
            const OutputEvent event = OutputEvent::fromJson(message.json);
            if (event.stream == OutputStream::Stdout)
                terminal.out(event.data);
            else
                terminal.err(event.data);
        } else if (message.type == Protocol::Type::Exit) {
            const ExitEvent exit = ExitEvent::fromJson(message.json);
            // A cancelled command's own status (e.g. 143 after SIGTERM) is not what happened.
            if (exit.cancelled)
                terminal.status(tr("cancelled: the remote command was stopped; exit code %1").arg(BuildCommand::Interrupted));
            else
                terminal.status(tr("finished with exit code %1").arg(exit.code));
            exitCode = exit.cancelled ? BuildCommand::Interrupted : exit.code;
            connection.close();
            loop.quit();
        }
    });
    connect(&connection, &ClientConnection::serverError, &loop, [&](const ErrorEvent &error) {
        terminal.error(tr("error (%1): %2").arg(errorCodeName(error.code), error.message));
        loop.quit();
    });
    connect(&connection, &ClientConnection::failed, &loop, [&](const Error &error) {
        terminal.error(tr("error (%1): %2").arg(errorCodeName(error.code), error.message));
        loop.quit();
    });
    connection.setTlsOptions(serverOptions.tls(parser));
    connection.open(QUrl(serverOptions.server(parser)), serverOptions.token(parser));
    loop.exec();
    return exitCode;
}

} // namespace BuildService::Cli
