// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: GPL-2.0-or-later

// ServerOptions: the --server and --token options every subcommand shares.
#pragma once

#include "client/buildclient.h"
#include "client/clientconnection.h"
#include "core/result.h"

#include <QCommandLineOption>
#include <QCommandLineParser>

namespace BuildService::Cli {

/**
 * Adds --server (default $BUILD_SERVICE_SERVER or the local default), --token, --ca-file,
 * --pin-sha256 and
 * --connect-timeout (default $BUILD_SERVICE_CONNECT_TIMEOUT or 5 seconds) to a parser.
 */
class ServerOptions
{
public:
    explicit ServerOptions(QCommandLineParser &parser);
    /** The --server URL with the default port filled in; call after checkedServer() succeeded. */
    QString server(const QCommandLineParser &parser) const;
    /**
     * The --server URL with the default port filled in, or InvalidRequest naming the URL
     * exactly as given when it is not ws://host[:port][/path] or wss://...
     */
    Result<QString> checkedServer(const QCommandLineParser &parser) const;
    /** @p url checked and completed as for checkedServer(). */
    static Result<QString> completeServerUrl(const QString &url);
    /** --connect-timeout as given. */
    QString connectTimeoutText(const QCommandLineParser &parser) const { return parser.value(m_connectTimeout); }
    QString token(const QCommandLineParser &parser) const { return parser.value(m_token); }
    /** --ca-file and --pin-sha256 (defaults: $BUILD_SERVICE_CA_FILE, $BUILD_SERVICE_PIN_SHA256). */
    ClientTlsOptions tls(const QCommandLineParser &parser) const { return {parser.value(m_caFile), parser.value(m_pin)}; }
    /** --connect-timeout in ms; 0 when not given (the client's default applies), -1 when invalid. */
    int connectTimeoutMs(const QCommandLineParser &parser) const;
    /** Fills the connection part of @p options (server, token, TLS, connect timeout) from the options for all commands. */
    void applyTo(const QCommandLineParser &parser, BuildOptions &options) const
    {
        options.serverUrl = server(parser);
        options.token = token(parser);
        options.tls = tls(parser);
        options.connectTimeoutMs = connectTimeoutMs(parser);
    }
    /**
     * Adds the NAME=VALUE @p assignments (-e/--env) to @p env. Returns the first one that is not
     * of that form (nothing is added then), or a null string.
     */
    static QString addEnvironment(const QStringList &assignments, QMap<QString, QString> &env)
    {
        QMap<QString, QString> added;
        for (const QString &assignment : assignments) {
            const int eq = assignment.indexOf(QLatin1Char('='));
            if (eq <= 0)
                return assignment;
            added.insert(assignment.left(eq), assignment.mid(eq + 1));
        }
        env.insert(added);
        return QString();
    }

private:
    QCommandLineOption m_server;
    QCommandLineOption m_token;
    QCommandLineOption m_connectTimeout;
    QCommandLineOption m_caFile;
    QCommandLineOption m_pin;
};

} // namespace BuildService::Cli
