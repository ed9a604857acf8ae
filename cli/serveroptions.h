// ServerOptions: the --server and --token options every subcommand shares.
#pragma once

#include <QCommandLineOption>
#include <QCommandLineParser>

namespace BuildService::Cli {

/** Adds --server (default $BUILD_SERVICE_SERVER or the local default) and --token to a parser. */
class ServerOptions
{
public:
    explicit ServerOptions(QCommandLineParser &parser);
    QString server(const QCommandLineParser &parser) const { return parser.value(m_server); }
    QString token(const QCommandLineParser &parser) const { return parser.value(m_token); }

private:
    QCommandLineOption m_server;
    QCommandLineOption m_token;
};

} // namespace BuildService::Cli
