// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: GPL-2.0-or-later

// HttpEndpoints: what the server's port answers to plain HTTP (health, readiness, metrics).
#pragma once

#include "net/httprequesthead.h"

#include <QByteArray>
#include <QList>
#include <QPair>

#include <functional>

namespace BuildService {

class Authenticator;

/** One HTTP response; the connection is closed after it. */
struct HttpResponse {
    int status = 200;
    QByteArray contentType = "text/plain; charset=utf-8";
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;  ///< extra headers (Allow, WWW-Authenticate)
    bool headOnly = false;  ///< HEAD request: headers with the body's length, no body

    static HttpResponse text(int status, const QByteArray &body);
    /** Status line, headers (Content-Length, Connection: close) and body. */
    QByteArray encode() const;
};

/**
 * Routes a parsed request that is not a WebSocket upgrade:
 *   GET /healthz  200 "ok" (the event loop answered), open to everyone;
 *   GET /readyz   200 "ready", or 503 with the reason while the server does not accept builds; open;
 *   GET /metrics  Prometheus text; with tokens configured only for an admin identity
 *                 (Authorization: Bearer <token>; 401 without or with an unknown token, 403 for a user).
 * HEAD is accepted wherever GET is; other methods get 405, other paths 404.
 * Event-loop thread; the providers must be quick (they run on the loop).
 */
class HttpEndpoints
{
public:
    struct Providers {
        /** Empty while the server accepts builds, else why not ("draining", ...). */
        std::function<QString()> notReadyReason;
        /** The /metrics body. */
        std::function<QByteArray()> metrics;
        /** Null, or not required(): /metrics is open like the WebSocket is. */
        const Authenticator *auth = nullptr;
    };

    explicit HttpEndpoints(Providers providers);
    HttpResponse answer(const HttpRequestHead &request) const;

private:
    HttpResponse metrics(const HttpRequestHead &request) const;

    Providers m_providers;
};

} // namespace BuildService
