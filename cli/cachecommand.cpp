// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: GPL-2.0-or-later

// CacheCommand: build cache statistics and invalidation from the command line.
#include "cachecommand.h"

#include "protocol/messages.h"
#include "cachetransfer.h"
#include "serverexchange.h"

#include "commandline.h"
#include "serveroptions.h"
#include "terminal.h"

#include <QCommandLineParser>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>

#include <cstdio>

namespace BuildService::Cli {

namespace {

QString dateText(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms).toString(QStringLiteral("yyyy-MM-dd hh:mm"));
}

QString printableStats(const QJsonObject &s)
{
    auto number = [&](const char *name) { return qint64(s.value(QLatin1String(name)).toDouble()); };
    QString text;
    if (!s.value(QLatin1String("enabled")).toBool())
        return CacheCommand::tr("the build cache is disabled on this server ([cache] enabled = false)\n");
    text += CacheCommand::tr("entries:        %1 (%2 of %3)\n")
                .arg(number("entries")).arg(formatBytes(number("bytes")), formatBytes(number("max_bytes")));
    text += CacheCommand::tr("lookups:        %1 (%2 hits, %3 misses)\n").arg(number("lookups")).arg(number("hits")).arg(number("misses"));
    text += CacheCommand::tr("hit rate:       %1 %\n").arg(s.value(QLatin1String("hit_rate")).toDouble() * 100, 0, 'f', 1);
    const QJsonObject reasons = s.value(QLatin1String("misses_by_reason")).toObject();
    auto reason = [&](const char *name) { return qint64(reasons.value(QLatin1String(name)).toDouble()); };
    text += CacheCommand::tr("misses:         %1 no recording, %2 other workspace state, %3 fresh, %4 verify, %5 state unknown\n")
                .arg(reason("no_entry")).arg(reason("different_prior_state")).arg(reason("fresh_requested"))
                .arg(reason("verify_requested")).arg(reason("not_cacheable"));
    text += CacheCommand::tr("not cached:     %1 build(s) asked for no caching\n").arg(number("off"));
    text += CacheCommand::tr("time saved:     %1 s\n").arg(s.value(QLatin1String("seconds_saved")).toDouble(), 0, 'f', 1);
    text += CacheCommand::tr("building now:   %1\n").arg(number("building"));
    text += CacheCommand::tr("TTL:            %1 s after success, %2 s after failure\n")
                .arg(number("ttl_success_sec")).arg(number("ttl_failure_sec"));
    text += CacheCommand::tr("toolchain:      %1\n").arg(s.value(QLatin1String("toolchain")).toString());
    for (const QJsonValue &error : s.value(QLatin1String("errors")).toArray())
        text += CacheCommand::tr("not read:       %1\n").arg(error.toString());
    const QJsonArray top = s.value(QLatin1String("top")).toArray();
    if (top.isEmpty())
        return text;
    text += CacheCommand::tr("\nmost used:\n");
    text += QStringLiteral("%1  %2  %3  %4  %5  %6  %7\n")
                .arg(CacheCommand::tr("KEY"), -32).arg(CacheCommand::tr("USES"), 5).arg(CacheCommand::tr("LAST USED"), -16)
                .arg(CacheCommand::tr("RECORDED"), -16).arg(CacheCommand::tr("RESULT"), -9).arg(CacheCommand::tr("SIZE"), 9)
                .arg(CacheCommand::tr("COMMAND"));
    for (const QJsonValue &v : top) {
        const QJsonObject e = v.toObject();
        const QString result = e.value(QLatin1String("outcome")).toString() == QLatin1String("success")
                                   ? CacheCommand::tr("ok")
                                   : CacheCommand::tr("exit %1").arg(e.value(QLatin1String("exit_code")).toInt());
        QString command = e.value(QLatin1String("command")).toString().simplified();
        if (command.size() > 60)
            command = command.left(57) + QLatin1String("...");
        text += QStringLiteral("%1  %2  %3  %4  %5  %6  %7\n")
                    .arg(e.value(QLatin1String("key")).toString(), -32)
                    .arg(qint64(e.value(QLatin1String("access_count")).toDouble()), 5)
                    .arg(dateText(qint64(e.value(QLatin1String("last_access_ms")).toDouble())), -16)
                    .arg(dateText(qint64(e.value(QLatin1String("created_ms")).toDouble())), -16)
                    .arg(result, -9)
                    .arg(formatBytes(qint64(e.value(QLatin1String("bytes")).toDouble())), 9)
                    .arg(command);
    }
    return text;
}

void printUsage(FILE *stream)
{
    const QString usage = CacheCommand::tr(
        "Usage: build-service cache <stats|clear|export|import> [options]\n"
        "\n"
        "  stats [--json] [--top N]      hit rate, entries, size and the most used recordings\n"
        "  clear --key KEY               remove one recording\n"
        "  clear --workspace ID          remove the recordings made in workspace ID\n"
        "  clear --all                   remove every recording\n"
        "  clear --old-toolchains        remove recordings made with another toolchain than the current one\n"
        "  export KEY FILE               save one recording (output, workspace changes, artifacts) to FILE\n"
        "  import FILE                   add a recording saved by export (checked before it is used)\n"
        "\n"
        "Options for all commands: --server URL, --token TOKEN.\n");
    std::fputs(qPrintable(usage), stream);
}

} // namespace

CacheCommand::CacheCommand(QObject *parent)
    : QObject(parent)
{
}

int CacheCommand::run(const QStringList &arguments)
{
    if (arguments.isEmpty()) {
        printUsage(stderr);
        return 2;
    }
    const QString action = arguments.first();
    if (action == QLatin1String("stats"))
        return stats(arguments.mid(1));
    if (action == QLatin1String("clear"))
        return clear(arguments.mid(1));
    if (action == QLatin1String("export"))
        return exportEntry(arguments.mid(1));
    if (action == QLatin1String("import"))
        return importEntry(arguments.mid(1));
    if (action == QLatin1String("-h") || action == QLatin1String("--help") || action == QLatin1String("help")) {
        printUsage(stdout);
        return 0;
    }
    Terminal(false).error(tr("unknown cache command \"%1\"; use stats, clear, export or import").arg(action));
    printUsage(stderr);
    return 2;
}

int CacheCommand::stats(const QStringList &arguments)
{
    CommandLine commandLine(QStringLiteral("cache stats"), tr("Shows the build cache's hit rate, size and most used recordings."));
    QCommandLineParser &parser = commandLine.parser();
    const ServerOptions serverOptions(parser);
    const QCommandLineOption jsonOption(QStringLiteral("json"), tr("Print the server's reply as JSON."));
    const QCommandLineOption topOption(QStringLiteral("top"), tr("List the <n> most used recordings (default 10)."),
                                       QStringLiteral("n"), QStringLiteral("10"));
    parser.addOptions({jsonOption, topOption});
    if (const std::optional<int> exitCode = commandLine.parse(arguments, &serverOptions))
        return *exitCode;
    if (!parser.positionalArguments().isEmpty())
        return commandLine.usageError(tr("unexpected argument \"%1\"").arg(parser.positionalArguments().first()));
    bool ok = false;
    const int top = parser.value(topOption).toInt(&ok);
    if (!ok || top < 0 || top > 100)
        return commandLine.usageError(tr("--top expects a number from 0 to 100, got \"%1\"").arg(parser.value(topOption)));
    return exchangeWithServer(serverOptions.server(parser), serverOptions.token(parser), serverOptions.tls(parser),
                    QJsonObject{{QStringLiteral("type"), Protocol::Type::CacheStats}, {QStringLiteral("top"), top}},
                    Protocol::Type::CacheStatsReply, [&](const QJsonObject &reply) {
                        Terminal terminal(false);
                        if (parser.isSet(jsonOption))
                            terminal.out(QJsonDocument(reply).toJson(QJsonDocument::Indented));
                        else
                            terminal.out(printableStats(reply).toUtf8());
                    }, serverOptions.connectTimeoutMs(parser));
}

int CacheCommand::clear(const QStringList &arguments)
{
    CommandLine commandLine(QStringLiteral("cache clear"), tr("Removes recordings from the build cache, so the next identical build runs again."));
    QCommandLineParser &parser = commandLine.parser();
    const ServerOptions serverOptions(parser);
    const QCommandLineOption keyOption(QStringLiteral("key"), tr("Remove the recording with cache key <key>."), QStringLiteral("key"));
    const QCommandLineOption workspaceOption(QStringLiteral("workspace"), tr("Remove the recordings made in workspace <id>."),
                                             QStringLiteral("id"));
    const QCommandLineOption allOption(QStringLiteral("all"), tr("Remove every recording."));
    const QCommandLineOption oldOption(QStringLiteral("old-toolchains"),
                                       tr("Remove recordings made with a toolchain other than the server's current one."));
    parser.addOptions({keyOption, workspaceOption, allOption, oldOption});
    if (const std::optional<int> exitCode = commandLine.parse(arguments, &serverOptions))
        return *exitCode;
    if (!parser.positionalArguments().isEmpty())
        return commandLine.usageError(tr("unexpected argument \"%1\"").arg(parser.positionalArguments().first()));

    const int selectors = int(parser.isSet(keyOption)) + int(parser.isSet(workspaceOption)) + int(parser.isSet(allOption))
                          + int(parser.isSet(oldOption));
    if (selectors != 1)
        return commandLine.usageError(tr("cache clear needs exactly one of --key, --workspace, --all, --old-toolchains"));
    CacheClearRequest request;
    if (parser.isSet(keyOption)) {
        request.scope = CacheClearRequest::Scope::Key;
        request.value = parser.value(keyOption);
    } else if (parser.isSet(workspaceOption)) {
        request.scope = CacheClearRequest::Scope::Workspace;
        request.value = parser.value(workspaceOption);
    } else if (parser.isSet(oldOption)) {
        request.scope = CacheClearRequest::Scope::OldToolchains;
    }
    return exchangeWithServer(serverOptions.server(parser), serverOptions.token(parser), serverOptions.tls(parser), request.toJson(), Protocol::Type::CacheCleared,
                    [](const QJsonObject &reply) {
                        Terminal terminal(false);
                        terminal.out(tr("removed %1 recording(s), %2\n")
                                         .arg(reply.value(QLatin1String("removed")).toInt())
                                         .arg(formatBytes(qint64(reply.value(QLatin1String("bytes")).toDouble())))
                                         .toUtf8());
                    }, serverOptions.connectTimeoutMs(parser));
}

int CacheCommand::exportEntry(const QStringList &arguments)
{
    CommandLine commandLine(QStringLiteral("cache export"), tr("Saves one recording of the build cache (output, workspace changes and artifacts) to a file "
                                        "that \"build-service cache import\" adds to another server."));
    QCommandLineParser &parser = commandLine.parser();
    const ServerOptions serverOptions(parser);
    commandLine.addPositionalArgument(QStringLiteral("key"), tr("The cache key (see \"cache stats\")."), QStringLiteral("<key>"));
    commandLine.addPositionalArgument(QStringLiteral("file"), tr("Where to save it."), QStringLiteral("<file>"));
    if (const std::optional<int> exitCode = commandLine.parse(arguments, &serverOptions))
        return *exitCode;
    if (parser.positionalArguments().size() != 2)
        return commandLine.usageError(tr("cache export needs a key and a file"));
    return CacheTransfer::exportEntry(serverOptions.server(parser), serverOptions.token(parser), serverOptions.tls(parser), parser.positionalArguments().at(0),
                            parser.positionalArguments().at(1));
}

int CacheCommand::importEntry(const QStringList &arguments)
{
    CommandLine commandLine(QStringLiteral("cache import"), tr("Adds a recording saved by \"build-service cache export\" to the server's build cache."));
    QCommandLineParser &parser = commandLine.parser();
    const ServerOptions serverOptions(parser);
    commandLine.addPositionalArgument(QStringLiteral("file"), tr("A file written by cache export."), QStringLiteral("<file>"));
    if (const std::optional<int> exitCode = commandLine.parse(arguments, &serverOptions))
        return *exitCode;
    if (parser.positionalArguments().size() != 1)
        return commandLine.usageError(tr("cache import needs a file"));
    return CacheTransfer::importEntry(serverOptions.server(parser), serverOptions.token(parser), serverOptions.tls(parser), parser.positionalArguments().at(0));
}

} // namespace BuildService::Cli
