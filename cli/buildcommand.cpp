// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: GPL-2.0-or-later

// BuildCommand: option parsing and user-facing reporting of a remote build.
#include "buildcommand.h"

#include "client/checkoutlocator.h"
#include "commandline.h"
#include "core/shellwords.h"
#include "core/unixsignalwatcher.h"
#include "interactivity.h"
#include "packaging/wildmatch.h"
#include "progressline.h"
#include "serveroptions.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QEventLoop>
#include <QFileInfo>
#include <QRegularExpression>
#include <QTimer>

#include <algorithm>
#include <csignal>
#include <cstdio>

#include <unistd.h>

namespace BuildService::Cli {

QStringList unmatchedArtifactGlobs(const QStringList &globs, const QList<ArtifactFile> &artifacts)
{
    QStringList unmatched;
    for (const QString &glob : globs) {
        QString pattern = glob;
        while (pattern.endsWith(QLatin1Char('/')))
            pattern.chop(1);
        const QByteArray patternUtf8 = pattern.toUtf8();
        // A glob that names a directory brings back everything below it: try every ancestor.
        const bool matched = std::any_of(artifacts.begin(), artifacts.end(), [&](const ArtifactFile &file) {
            QString path = file.path;
            for (;;) {
                if (Internal::wildMatch(patternUtf8.constData(), path.toUtf8().constData(), true))
                    return true;
                const int slash = path.lastIndexOf(QLatin1Char('/'));
                if (slash < 0)
                    return false;
                path.truncate(slash);
            }
        });
        if (!matched)
            unmatched << glob;
    }
    return unmatched;
}

QString describeRecording(const CacheInfo &cache)
{
    const QDateTime when = QDateTime::fromMSecsSinceEpoch(cache.originalDateMs).toLocalTime();
    return BuildCommand::tr("build of %1, took %2 s")
        .arg(when.toString(QStringLiteral("yyyy-MM-dd hh:mm")))
        .arg(double(cache.originalDurationMs) / 1000, 0, 'f', 1);
}


BuildCommand::BuildCommand(QObject *parent)
    : QObject(parent)
{
}

int BuildCommand::run(const QStringList &arguments)
{
    CommandLine commandLine(QStringLiteral("build"), tr(
        "Runs <command> on the build server in the workspace of this checkout and streams its output.\n"
        "The checkout is the nearest directory upwards holding .git or .build-service/; all of it (files\n"
        "not ignored by .gitignore) is uploaded, and <command> runs in the matching subdirectory. The\n"
        "workspace id is kept per server in .build-service/ so the next build is incremental.\n"
        "The exit code is the remote command's; 2 means a usage error, %1 that build-service itself\n"
        "failed, %2 that the build was interrupted.\n"
        "A single <command> word is passed to /bin/sh -c as it is (so 'make && make test' works);\n"
        "several words are quoted and joined.").arg(ClientFailure).arg(Interrupted));
    QCommandLineParser &parser = commandLine.parser();
    const ServerOptions serverOptions(parser);
    const QCommandLineOption dirOption({QStringLiteral("C"), QStringLiteral("directory")},
        tr("Start in <dir> instead of the current directory (its checkout is built, the command runs in <dir>)."),
        QStringLiteral("dir"), QDir::currentPath());
    const QCommandLineOption artifactOption({QStringLiteral("a"), QStringLiteral("artifacts")},
        tr("Bring back files matching <glob> (relative to the start directory; * ? [..] and **); repeatable."), QStringLiteral("glob"));
    const QCommandLineOption envOption({QStringLiteral("e"), QStringLiteral("env")},
        tr("Set NAME=VALUE in the remote command's environment; repeatable."), QStringLiteral("NAME=VALUE"));
    const QCommandLineOption excludeOption(QStringLiteral("exclude"),
        tr("Also leave out paths matching <pattern> (.gitignore syntax); repeatable."), QStringLiteral("pattern"));
    const QCommandLineOption timeoutOption(QStringLiteral("timeout"),
        tr("Stop the remote command after <seconds> (default: the server's limit)."), QStringLiteral("seconds"));
    const QCommandLineOption freshOption(QStringLiteral("fresh-workspace"),
        tr("Ignore the stored workspace id and build in a new workspace."));
    const QCommandLineOption noRewriteOption(QStringLiteral("no-path-rewrite"),
        tr("Show remote paths in the output as they are instead of mapping them to the checkout."));
    const QCommandLineOption quietOption({QStringLiteral("q"), QStringLiteral("quiet")},
        tr("Print only the remote output and errors, no progress or summaries."));
    const QCommandLineOption freshBuildOption(QStringLiteral("fresh"),
        tr("Run the command even if the server has a recording of an identical build (the new result replaces it)."));
    const QCommandLineOption noCacheOption(QStringLiteral("no-cache"),
        tr("Neither replay a recorded build nor record this one."));
    const QCommandLineOption oneStreamOption(QStringLiteral("one-stream"),
        tr("Write the remote stderr and build-service's own lines to stdout too, in the order they happen "
           "(for IDEs that read stdout and stderr separately)."));
    const QCommandLineOption verifyOption(QStringLiteral("verify"),
        tr("Run the command and compare exit code, output and workspace changes with the recording of the identical build."));
    const QCommandLineOption replaySpeedOption(QStringLiteral("replay-speed"),
        tr("How to replay a recorded build: instant (default), realtime, or a factor such as 2."), QStringLiteral("speed"));
    const QCommandLineOption cmakeOption(QStringLiteral("cmake-build-dir"),
        tr("Mirror the CMake build directory <dir> (inside the checkout) for local tools: it is not uploaded, "
           "local CMake file-API queries are sent along, and after the command its CMakeCache.txt, Makefile or "
           "build.ninja, compile_commands.json and file-API replies come back with server paths mapped to the checkout."),
        QStringLiteral("dir"));
    const QCommandLineOption reattachOption(QStringLiteral("reattach-timeout"),
        tr("When the connection is lost while the command runs on a server that keeps such builds "
           "([build] disconnect_policy = \"detach\"), keep reconnecting for up to <seconds> and resume the "
           "output where it stopped (default 60; 0: give up at once)."),
        QStringLiteral("seconds"), QStringLiteral("60"));
    const QCommandLineOption stdinOption(QStringLiteral("stdin"),
        tr("Forward this program's stdin to the remote command, end of file included (default when stdin is a pipe or a file). "
           "Such a build is never replayed from the build cache nor recorded."));
    const QCommandLineOption noStdinOption(QStringLiteral("no-stdin"),
        tr("The remote command reads nothing (/dev/null), whatever stdin is."));
    const QCommandLineOption ttyOption(QStringLiteral("tty"),
        tr("Run the remote command in a pseudo-terminal of this terminal's size, so colours and progress bars work "
           "(default when stdout is a terminal); its stdout and stderr then arrive as one stream."));
    const QCommandLineOption noTtyOption(QStringLiteral("no-tty"),
        tr("Run the remote command without a terminal, with stdout and stderr apart."));
    parser.addOptions({dirOption, artifactOption, envOption, excludeOption, timeoutOption, cmakeOption,
                       freshOption, noRewriteOption, quietOption, freshBuildOption, noCacheOption, verifyOption, replaySpeedOption, oneStreamOption,
                       stdinOption, noStdinOption, ttyOption, noTtyOption, reattachOption});
    commandLine.addPositionalArgument(QStringLiteral("command"), tr("The build command, e.g. make -j8 or 'cmake -B build && cmake --build build'."),
                                      QStringLiteral("[--] <command>..."));
    if (const std::optional<int> exitCode = commandLine.parse(arguments, &serverOptions))
        return *exitCode;

    Terminal terminal(parser.isSet(quietOption));
    terminal.setOneStream(parser.isSet(oneStreamOption));
    m_terminal = &terminal;
    const QStringList words = parser.positionalArguments();
    if (words.isEmpty())
        return commandLine.usageError(tr("no command given; usage: build-service build [options] -- <command>"));

    BuildOptions options;
    serverOptions.applyTo(parser, options);
    bool reattachOk = false;
    const double reattachSec = parser.value(reattachOption).toDouble(&reattachOk);
    if (!reattachOk || reattachSec < 0 || reattachSec > 86400)
        return commandLine.usageError(tr("--reattach-timeout expects a number of seconds from 0 to 86400, got \"%1\"")
                                          .arg(parser.value(reattachOption)));
    options.reattachTimeoutMs = int(reattachSec * 1000);
    const QString startDir = parser.value(dirOption);
    if (!QFileInfo(startDir).isDir())
        return commandLine.usageError(tr("the directory \"%1\" does not exist").arg(startDir));
    const CheckoutLocation location = CheckoutLocator::locate(startDir);
    options.checkoutDir = location.root;
    options.subdirectory = location.subdirectory;
    options.freshWorkspace = parser.isSet(freshOption);
    options.rewritePaths = !parser.isSet(noRewriteOption);
    options.scan.extraExcludes = parser.values(excludeOption);
    options.request.command = words.size() == 1 ? words.first() : ShellWords::join(words);
    // Relative to where the user is, like the command itself; the server takes them from the root.
    m_artifactGlobs = parser.values(artifactOption);
    for (const QString &glob : qAsConst(m_artifactGlobs)) {
        options.request.artifacts << (location.subdirectory.isEmpty() ? glob
                                                                       : literalGlob(location.subdirectory) + QLatin1Char('/') + glob);
    }
    m_requestedGlobs = options.request.artifacts;
    m_checkoutDir = options.checkoutDir;
    // Relative to where the user is, like every path typed in a shell.
    if (parser.isSet(cmakeOption))
        options.cmakeBuildDir = QDir(startDir).absoluteFilePath(parser.value(cmakeOption));
    if (!options.cmakeBuildDir.isEmpty()) {
        const Result<CMakeMirror> mirror = CMakeMirror::create(options.checkoutDir, options.cmakeBuildDir);
        if (!mirror)
            return commandLine.usageError(mirror.errorString());
        m_mirror = mirror.value();
    }
    if (const QString bad = ServerOptions::addEnvironment(parser.values(envOption), options.request.env); !bad.isNull())
        return commandLine.usageError(tr("--env expects NAME=VALUE, got \"%1\"").arg(bad));
    if (parser.isSet(timeoutOption)) {
        bool ok = false;
        options.request.timeoutSec = parser.value(timeoutOption).toInt(&ok);
        if (!ok || options.request.timeoutSec <= 0)
            return commandLine.usageError(tr("--timeout expects a positive number of seconds, got \"%1\"").arg(parser.value(timeoutOption)));
    }
    if (int(parser.isSet(freshBuildOption)) + int(parser.isSet(noCacheOption)) + int(parser.isSet(verifyOption)) > 1)
        return commandLine.usageError(tr("--fresh, --no-cache and --verify exclude each other"));
    if (parser.isSet(verifyOption))
        options.request.cache.mode = CacheSpec::Mode::Verify;
    else if (parser.isSet(freshBuildOption))
        options.request.cache.mode = CacheSpec::Mode::Fresh;
    else if (parser.isSet(noCacheOption))
        options.request.cache.mode = CacheSpec::Mode::Off;
    if (parser.isSet(replaySpeedOption)) {
        const Result<double> speed = CacheSpec::parseSpeed(parser.value(replaySpeedOption));
        if (!speed) {
            return commandLine.usageError(tr("--replay-speed expects instant, realtime or a factor from %1 to %2, got \"%3\"")
                                              .arg(CacheSpec::MinSpeed).arg(CacheSpec::MaxSpeed).arg(parser.value(replaySpeedOption)));
        }
        options.request.cache.replaySpeed = speed.value();
    }

    if (parser.isSet(stdinOption) && parser.isSet(noStdinOption))
        return commandLine.usageError(tr("--stdin and --no-stdin exclude each other"));
    if (parser.isSet(ttyOption) && parser.isSet(noTtyOption))
        return commandLine.usageError(tr("--tty and --no-tty exclude each other"));
    const bool stdinByDefault = !parser.isSet(stdinOption) && !parser.isSet(noStdinOption) && Interactivity::carriesInput(STDIN_FILENO);
    if (parser.isSet(stdinOption) || stdinByDefault)
        options.stdinFd = STDIN_FILENO;
    if (stdinByDefault)
        terminal.status(tr("forwarding stdin to the remote command (the build cache is not used for it; --no-stdin turns this off)"));
    if (parser.isSet(ttyOption) || (!parser.isSet(noTtyOption) && Interactivity::isTerminal(STDOUT_FILENO))) {
        TerminalSpec tty;
        tty.size = currentWindowSize();
        tty.term = qEnvironmentVariable("TERM");
        options.request.terminal = tty;
    }

    UnixSignalWatcher signalWatcher({SIGINT, SIGTERM, SIGHUP, SIGWINCH});
    connect(&signalWatcher, &UnixSignalWatcher::unixSignal, this, [this](int signalNumber) {
        // The remote terminal follows the size of ours.
        if (signalNumber == SIGWINCH)
            m_client.resizeTerminal(currentWindowSize());
        else
            interrupt();
    });
    connectClient();
    QEventLoop loop;
    connect(&m_client, &BuildClient::finished, &loop, &QEventLoop::quit, Qt::QueuedConnection);
    connect(&m_client, &BuildClient::errorOccurred, &loop, &QEventLoop::quit, Qt::QueuedConnection);
    m_client.start(options);
    loop.exec();
    terminal.clearProgress();
    m_terminal = nullptr;
    return m_exitCode;
}

WindowSize BuildCommand::currentWindowSize()
{
    for (const int fd : {STDOUT_FILENO, STDERR_FILENO, STDIN_FILENO}) {
        if (const std::optional<WindowSize> size = Interactivity::windowSize(fd))
            return *size;
    }
    return WindowSize();
}

void BuildCommand::interrupt()
{
    if (m_interrupted) {
        // Second Ctrl-C: the user does not want to wait for the remote side to confirm.
        m_terminal->error(tr("interrupted again; exiting without waiting for the server (exit code %1)").arg(Interrupted));
        std::_Exit(Interrupted);
    }
    m_interrupted = true;
    m_terminal->status(tr("cancelling the remote build..."));
    m_client.cancel();
}

void BuildCommand::connectClient()
{
    connect(&m_client, &BuildClient::scanned, this, [this](int files, qint64 bytes, const QStringList &skipped) {
        for (const QString &line : skipped)
            m_terminal->status(tr("not uploaded: %1").arg(line));
        if (files == 0)
            m_terminal->error(tr("warning: nothing to upload: %1 holds no file that is not ignored").arg(m_checkoutDir));
        m_terminal->progress(tr("packing %1 files (%2)").arg(files).arg(formatBytes(bytes)));
    });
    connect(&m_client, &BuildClient::queued, this, [this](int position) {
        m_terminal->status(tr("the workspace is busy; waiting (position %1 in the queue)").arg(position));
    });
    connect(&m_client, &BuildClient::accepted, this, [this](const AcceptedMessage &accepted) {
        m_buildId = accepted.buildId;
        if (accepted.workspace == QLatin1String("reused")) {
            m_terminal->status(tr("reusing workspace %1").arg(accepted.workspaceId));
        } else if (accepted.workspace == QLatin1String("temporary")) {
            m_terminal->status(tr("building in a temporary directory (the server does not keep workspaces)"));
        } else {
            QString why;
            if (accepted.reason == QLatin1String("expired"))
                why = tr(" (the previous one expired)");
            else if (accepted.reason == QLatin1String("unknown"))
                why = tr(" (the server no longer knows the previous one)");
            else if (accepted.reason == QLatin1String("dirty"))
                why = tr(" (the previous sync was interrupted; re-uploading everything)");
            m_terminal->status(tr("new workspace %1%2").arg(accepted.workspaceId, why));
        }
    });
    connect(&m_client, &BuildClient::uploadProgress, this, [this](const UploadProgress &p) {
        if (!m_uploadClock.isValid())
            m_uploadClock.start();
        m_terminal->progress(ProgressLine::upload(p, m_uploadClock.elapsed()));
    });
    connect(&m_client, &BuildClient::synced, this, [this](const SyncedMessage &s) {
        // Two clocks: the transfer as this client saw it, and the server's own time for
        // applying the upload (duration_ms) - one number for both hid a slow upload.
        m_terminal->status(tr("synced: %1 written, %2 unchanged, %3 deleted (%4 uploaded in %5 s, %6; applied on the server in %7 ms)")
                               .arg(s.written).arg(s.unchanged).arg(s.deleted)
                               .arg(formatBytes(m_client.bytesUploaded()))
                               .arg(double(std::max<qint64>(m_client.uploadDurationMs(), 0)) / 1000, 0, 'f', 1)
                               .arg(m_client.isDeltaUpload() ? tr("changes only") : tr("whole tree"))
                               .arg(s.durationMs));
    });
    connect(&m_client, &BuildClient::started, this, [this](const StartedMessage &started) {
        m_commandStarted = true;
        if (started.cache.hit())
            m_terminal->status(tr("replaying from cache: %1").arg(describeRecording(started.cache)));
    });
    connect(&m_client, &BuildClient::output, this, [this](OutputStream stream, const QByteArray &data) {
        if (stream == OutputStream::Stdout)
            m_terminal->out(data);
        else
            m_terminal->err(data);
    });
    connect(&m_client, &BuildClient::warning, this, [this](const QString &message) { m_terminal->error(message); });
    connect(&m_client, &BuildClient::artifactsUnpacked, this, [this](const QStringList &paths) {
        // The mirrored CMake configuration is not what the user asked for with -a: say so apart.
        const int mirrored = m_mirror ? int(std::count_if(paths.begin(), paths.end(),
                                                          [this](const QString &path) { return m_mirror->mirrors(path); }))
                                      : 0;
        if (mirrored > 0)
            m_terminal->status(tr("CMake configuration of %1 mirrored into the checkout (%2 files)").arg(m_mirror->relativeDir()).arg(mirrored));
        if (paths.size() > mirrored)
            m_terminal->status(tr("artifacts: %1 file(s) written into the checkout").arg(paths.size() - mirrored));
    });
    connect(&m_client, &BuildClient::finished, this, [this](const ExitEvent &exit) {
        if (exit.outputTruncated)
            m_terminal->error(tr("the output was truncated by the server's [build] max_output_bytes limit"));
        if (exit.timedOut)
            m_terminal->error(tr("the build was stopped after exceeding its time limit"));
        if (exit.signal > 0 && !exit.cancelled)
            m_terminal->error(tr("the remote command was killed by signal %1").arg(exit.signal));
        if (exit.cancelled && !m_interrupted) {
            // We sent no cancel, so the server stopped the build itself (in protocol 1 only when
            // it shuts down). That is a failure of the service, not an interrupt by the user.
            m_terminal->error(tr("the server stopped the build (shutting down); run it again when the server is back"));
            m_exitCode = ClientFailure;
            return;
        }
        if (exit.cached) {
            m_terminal->status(tr("replayed from cache: %1, saved %2 s")
                                   .arg(describeRecording(exit.cache)).arg(exit.cache.secondsSaved, 0, 'f', 1));
        }
        reportVerify(exit.cache.verify);
        if (m_interrupted || exit.cancelled) {
            // The remote exit status (e.g. 143 after SIGTERM) is not what this process returns.
            m_terminal->status(tr("cancelled: the remote command was stopped after %1 s; exit code %2")
                                   .arg(double(exit.durationMs) / 1000, 0, 'f', 1).arg(Interrupted));
            m_exitCode = Interrupted;
            return;
        }
        const QStringList unmatched = unmatchedArtifactGlobs(m_requestedGlobs, exit.artifacts);
        for (int i = 0; i < m_requestedGlobs.size(); ++i) {
            if (unmatched.contains(m_requestedGlobs.at(i)))
                m_terminal->error(tr("warning: -a '%1' matched no file").arg(m_artifactGlobs.at(i)));
        }
        m_terminal->status(tr("finished with exit code %1 in %2 s").arg(exit.code).arg(double(exit.durationMs) / 1000, 0, 'f', 1));
        m_exitCode = exit.code;
    });
    connect(&m_client, &BuildClient::errorOccurred, this, [this](const Error &error) {
        if (error.code == ErrorCode::Cancelled && m_interrupted) {
            m_terminal->status(tr("cancelled before the remote command started; exit code %1").arg(Interrupted));
            m_exitCode = Interrupted;
            return;
        }
        m_terminal->error(tr("error (%1): %2").arg(errorCodeName(error.code), error.message));
        if (error.code == ErrorCode::ConnectionFailed && m_commandStarted && !m_buildId.isEmpty()
            && !error.message.contains(m_buildId)) {
            // The server may keep the build running ([build] disconnect_policy = "detach").
            m_terminal->error(tr("the build may still be running on the server; if it keeps builds of lost clients, "
                                 "follow it with: build-service attach %1").arg(m_buildId));
        }
        m_exitCode = ClientFailure;
    });
}

void BuildCommand::reportVerify(const VerifyResult &verify)
{
    if (verify.result == QLatin1String("reproducible") && verify.detail.isEmpty())
        m_terminal->status(tr("verify: reproducible (same exit code, output and workspace changes as the recording)"));
    else if (verify.result == QLatin1String("reproducible"))
        m_terminal->status(tr("verify: reproducible, but %1").arg(verify.detail));
    else if (verify.result == QLatin1String("differs"))
        m_terminal->error(tr("verify: not reproducible: %1").arg(verify.detail));
    else if (verify.result == QLatin1String("no_recording"))
        m_terminal->status(tr("verify: there was no recording of this build to compare with; it has been recorded now"));
}

} // namespace BuildService::Cli
