// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: GPL-2.0-or-later

// QueryCommand: server status and workspace listing for admins and users.
#include "querycommand.h"

#include "commandline.h"
#include "protocol/protocol.h"
#include "serverexchange.h"
#include "serveroptions.h"
#include "terminal.h"

#include <QCommandLineParser>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>

namespace BuildService::Cli {

QueryCommand::QueryCommand(Kind kind, QObject *parent)
    : QObject(parent)
    , m_kind(kind)
{
}

static QString printableStatus(const QJsonObject &s)
{
    QString text;
    const QJsonObject identity = s.value(QLatin1String("identity")).toObject();
    text += QObject::tr("server:            %1\n").arg(s.value(QLatin1String("server")).toString());
    text += QObject::tr("protocol:          %1\n").arg(s.value(QLatin1String("protocol")).toInt());
    if (!identity.isEmpty())
        text += QObject::tr("you are:           %1 (%2)\n").arg(identity.value(QLatin1String("user")).toString(),
                                                                identity.value(QLatin1String("role")).toString());
    // Server-wide figures come only for admins.
    if (s.contains(QLatin1String("uptime_sec")))
        text += QObject::tr("uptime:            %1 s\n").arg(s.value(QLatin1String("uptime_sec")).toDouble());
    if (s.contains(QLatin1String("connections")))
        text += QObject::tr("connections:       %1\n").arg(s.value(QLatin1String("connections")).toInt());
    if (s.contains(QLatin1String("builds_running")))
        text += QObject::tr("builds running:    %1\n").arg(s.value(QLatin1String("builds_running")).toInt());
    text += QObject::tr("workspaces:        %1 (%2)\n").arg(s.value(QLatin1String("workspaces")).toInt())
                .arg(formatBytes(qint64(s.value(QLatin1String("workspace_bytes")).toDouble())));
    text += QObject::tr("workspace TTL:     %1 s\n").arg(s.value(QLatin1String("workspace_ttl_sec")).toDouble());
    if (s.contains(QLatin1String("concurrent_builds")))
        text += QObject::tr("concurrent builds: %1\n").arg(s.value(QLatin1String("concurrent_builds")).toString());
    return text;
}

static QString printableWorkspaces(const QJsonArray &list)
{
    if (list.isEmpty())
        return QObject::tr("no workspaces\n");
    QString text = QObject::tr("%1  %2  %3  %4  %5\n")
                       .arg(QObject::tr("ID"), -43).arg(QObject::tr("LAST USED"), -19).arg(QObject::tr("FILES"), 7)
                       .arg(QObject::tr("SIZE"), 10).arg(QObject::tr("STATE"));
    for (const QJsonValue &v : list) {
        const QJsonObject w = v.toObject();
        const QDateTime lastUsed = QDateTime::fromMSecsSinceEpoch(qint64(w.value(QLatin1String("last_used_ms")).toDouble()));
        QString state = w.value(QLatin1String("busy")).toBool() ? QObject::tr("building") : QObject::tr("idle");
        if (w.value(QLatin1String("dirty")).toBool())
            state += QObject::tr(", dirty");
        text += QStringLiteral("%1  %2  %3  %4  %5\n")
                    .arg(w.value(QLatin1String("id")).toString(), -43)
                    .arg(lastUsed.toString(QStringLiteral("yyyy-MM-dd hh:mm:ss")), -19)
                    .arg(w.value(QLatin1String("files")).toInt(), 7)
                    .arg(formatBytes(qint64(w.value(QLatin1String("bytes")).toDouble())), 10)
                    .arg(state);
    }
    return text;
}

int QueryCommand::run(const QStringList &arguments)
{
    const QString subcommand = m_kind == Kind::Status ? QStringLiteral("status") : QStringLiteral("workspaces");
    CommandLine commandLine(subcommand, m_kind == Kind::Status ? tr("Shows the build server's status.")
                                                               : tr("Lists the workspaces the build server holds."));
    QCommandLineParser &parser = commandLine.parser();
    const ServerOptions serverOptions(parser);
    const QCommandLineOption jsonOption(QStringLiteral("json"), tr("Print the server's reply as JSON."));
    parser.addOption(jsonOption);
    if (const std::optional<int> exitCode = commandLine.parse(arguments, &serverOptions))
        return *exitCode;
    if (!parser.positionalArguments().isEmpty())
        return commandLine.usageError(tr("unexpected argument \"%1\"").arg(parser.positionalArguments().first()));

    const bool json = parser.isSet(jsonOption);
    const Kind kind = m_kind;
    const QJsonObject request{{QStringLiteral("type"), kind == Kind::Status ? Protocol::Type::Status : Protocol::Type::ListWorkspaces}};
    const QString replyType = kind == Kind::Status ? QString(Protocol::Type::StatusReply) : QString(Protocol::Type::Workspaces);
    return exchangeWithServer(serverOptions.server(parser), serverOptions.token(parser), serverOptions.tls(parser), request, replyType, [json, kind](const QJsonObject &reply) {
        Terminal terminal(false);
        if (json)
            terminal.out(QJsonDocument(reply).toJson(QJsonDocument::Indented));
        else if (kind == Kind::Status)
            terminal.out(printableStatus(reply).toUtf8());
        else
            terminal.out(printableWorkspaces(reply.value(QLatin1String("workspaces")).toArray()).toUtf8());
    }, serverOptions.connectTimeoutMs(parser));
}

} // namespace BuildService::Cli
