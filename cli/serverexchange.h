// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: GPL-2.0-or-later

// exchangeWithServer: one request, one reply, for the CLI's query commands.
#pragma once

#include "client/clientconnection.h"

#include <QJsonObject>
#include <QString>

#include <functional>

namespace BuildService::Cli {

/**
 * Connects to @p server (checking a wss:// certificate as @p tls says), sends @p request, waits for the reply of type @p replyType and hands
 * it to @p onReply. Returns 0 then; on a connection failure or an error event prints
 * "build-service: error (<code>): <message>" and returns 125. Runs a local event loop.
 * @p connectTimeoutMs: 0 for the client's default; -1 (an invalid --connect-timeout) prints
 * an error and returns 2.
 */
int exchangeWithServer(const QString &server, const QString &token, const ClientTlsOptions &tls, const QJsonObject &request, const QString &replyType,
                       const std::function<void(const QJsonObject &)> &onReply, int connectTimeoutMs = 0);

} // namespace BuildService::Cli
