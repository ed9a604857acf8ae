// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: GPL-2.0-or-later

// DebugCommand: runs a program under gdbserver in the workspace and tunnels gdb to it.
#include "debugcommand.h"

#include "buildcommand.h"
#include "client/buildclient.h"
#include "client/checkoutlocator.h"
#include "commandline.h"
#include "core/shellwords.h"
#include "core/unixsignalwatcher.h"
#include "gdbtunnel.h"
#include "serveroptions.h"
#include "terminal.h"

#include <QCommandLineParser>
#include <QDir>
#include <QEventLoop>
#include <QFileInfo>

#include <csignal>

namespace BuildService::Cli {

DebugCommand::DebugCommand(QObject *parent)
    : QObject(parent)
{
}

int DebugCommand::run(const QStringList &arguments)
{
    CommandLine commandLine(QStringLiteral("debug"), tr(
        "Uploads the checkout like build, runs <program> under gdbserver in its workspace on the build server\n"
        "and makes it reachable for gdb on a local port: gdb -ex 'target remote 127.0.0.1:<port>'.\n"
        "The port and the 'set substitute-path' command that maps the workspace to the checkout are printed.\n"
        "The program runs in the matching subdirectory, in the build sandbox; its output appears on stderr.\n"
        "The exit code is gdbserver's (the program's when it ran to its end); %1 means build-service failed.")
        .arg(BuildCommand::ClientFailure));
    QCommandLineParser &parser = commandLine.parser();
    const ServerOptions serverOptions(parser);
    const QCommandLineOption dirOption({QStringLiteral("C"), QStringLiteral("directory")},
        tr("Start in <dir> instead of the current directory (its checkout is uploaded, the program runs in <dir>)."),
        QStringLiteral("dir"), QDir::currentPath());
    const QCommandLineOption envOption({QStringLiteral("e"), QStringLiteral("env")},
        tr("Set NAME=VALUE in the program's environment; repeatable."), QStringLiteral("NAME=VALUE"));
    const QCommandLineOption excludeOption(QStringLiteral("exclude"),
        tr("Also leave out paths matching <pattern> (.gitignore syntax); repeatable."), QStringLiteral("pattern"));
    const QCommandLineOption portOption(QStringLiteral("port"),
        tr("Listen for gdb on 127.0.0.1:<port> (default: a free port)."), QStringLiteral("port"), QStringLiteral("0"));
    const QCommandLineOption timeoutOption(QStringLiteral("timeout"),
        tr("Stop the program after <seconds> (default: the server's limit)."), QStringLiteral("seconds"));
    parser.addOptions({dirOption, envOption, excludeOption, portOption, timeoutOption});
    commandLine.addPositionalArgument(QStringLiteral("program"), tr("The program to debug and its arguments, e.g. ./build/app --verbose."),
                                      QStringLiteral("[--] <program> [args]..."));
    if (const std::optional<int> exitCode = commandLine.parse(arguments, &serverOptions))
        return *exitCode;

    Terminal terminal(false);
    const QStringList words = parser.positionalArguments();
    if (words.isEmpty())
        return commandLine.usageError(tr("no program given; usage: build-service debug [options] -- <program> [args]"));
    bool portOk = false;
    const uint port = parser.value(portOption).toUInt(&portOk);
    if (!portOk || port > 65535)
        return commandLine.usageError(tr("--port expects a number from 0 to 65535, got \"%1\"").arg(parser.value(portOption)));
    const QString startDir = parser.value(dirOption);
    if (!QFileInfo(startDir).isDir())
        return commandLine.usageError(tr("the directory \"%1\" does not exist").arg(startDir));

    BuildOptions options;
    serverOptions.applyTo(parser, options);
    const CheckoutLocation location = CheckoutLocator::locate(startDir);
    options.checkoutDir = location.root;
    options.subdirectory = location.subdirectory;
    options.scan.extraExcludes = parser.values(excludeOption);
    // gdb's remote protocol: bytes must arrive as sent, so no path rewriting and no terminal.
    options.rewritePaths = false;
    options.request.cache.mode = CacheSpec::Mode::Off;
    // stdio mode: the protocol on stdin/stdout; the program's output goes to stderr.
    options.request.command = QStringLiteral("exec gdbserver - ") + ShellWords::join(words);
    if (const QString bad = ServerOptions::addEnvironment(parser.values(envOption), options.request.env); !bad.isNull())
        return commandLine.usageError(tr("--env expects NAME=VALUE, got \"%1\"").arg(bad));
    if (parser.isSet(timeoutOption)) {
        bool ok = false;
        options.request.timeoutSec = parser.value(timeoutOption).toInt(&ok);
        if (!ok || options.request.timeoutSec <= 0)
            return commandLine.usageError(tr("--timeout expects a positive number of seconds, got \"%1\"").arg(parser.value(timeoutOption)));
    }

    GdbTunnel tunnel;
    if (!tunnel.listen(quint16(port))) {
        terminal.error(tr("error: %1").arg(tunnel.errorString()));
        return BuildCommand::ClientFailure;
    }
    options.stdinFd = tunnel.inputFd();
    terminal.status(tr("gdb can connect to 127.0.0.1:%1: gdb -ex 'target remote 127.0.0.1:%1' <program>").arg(tunnel.port()));

    BuildClient client;
    int exitCode = BuildCommand::ClientFailure;
    bool interrupted = false;
    connect(&client, &BuildClient::accepted, this, [&terminal](const AcceptedMessage &accepted) {
        terminal.status(tr("workspace %1").arg(accepted.workspaceId));
    });
    connect(&client, &BuildClient::started, this, [&terminal, &options](const StartedMessage &started) {
        // The debug information names the server's paths; gdb finds the local sources with this.
        terminal.status(tr("source paths: set substitute-path %1 %2")
                            .arg(ShellWords::quotePath(started.workspacePath), ShellWords::quotePath(QDir(options.checkoutDir).absolutePath())));
    });
    connect(&client, &BuildClient::output, this, [&terminal, &tunnel](OutputStream stream, const QByteArray &data) {
        if (stream == OutputStream::Stdout)
            tunnel.deliver(data);
        else
            terminal.err(data);
    });
    connect(&client, &BuildClient::warning, this, [&terminal](const QString &message) { terminal.error(message); });
    connect(&client, &BuildClient::finished, this, [&](const ExitEvent &exit) {
        if (interrupted || exit.cancelled) {
            terminal.status(tr("cancelled: the remote program was stopped; exit code %1").arg(BuildCommand::Interrupted));
            exitCode = BuildCommand::Interrupted;
            return;
        }
        terminal.status(tr("finished with exit code %1").arg(exit.code));
        exitCode = exit.code;
    });
    connect(&client, &BuildClient::errorOccurred, this, [&](const Error &error) {
        terminal.error(tr("error (%1): %2").arg(errorCodeName(error.code), error.message));
        exitCode = interrupted && error.code == ErrorCode::Cancelled ? BuildCommand::Interrupted : BuildCommand::ClientFailure;
    });
    UnixSignalWatcher signalWatcher({SIGINT, SIGTERM, SIGHUP});
    connect(&signalWatcher, &UnixSignalWatcher::unixSignal, this, [&](int) {
        if (interrupted)
            std::_Exit(BuildCommand::Interrupted);
        interrupted = true;
        terminal.status(tr("cancelling the remote program..."));
        client.cancel();
    });
    QEventLoop loop;
    connect(&client, &BuildClient::finished, &loop, &QEventLoop::quit, Qt::QueuedConnection);
    connect(&client, &BuildClient::errorOccurred, &loop, &QEventLoop::quit, Qt::QueuedConnection);
    client.start(options);
    loop.exec();
    return exitCode;
}

} // namespace BuildService::Cli
