// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: GPL-2.0-or-later

// HttpEndpoints: routing, the operator's token check and response encoding.
#include "httpendpoints.h"

#include "auth/authenticator.h"

namespace BuildService {

namespace {
QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200: return "OK";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 431: return "Request Header Fields Too Large";
    case 503: return "Service Unavailable";
    default: return "Error";
    }
}
} // namespace

HttpResponse HttpResponse::text(int status, const QByteArray &body)
{
    HttpResponse response;
    response.status = status;
    response.body = body + '\n';
    return response;
}

QByteArray HttpResponse::encode() const
{
    QByteArray out = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) + "\r\n";
    out += "Content-Type: " + contentType + "\r\n";
    out += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    out += "Cache-Control: no-store\r\n";
    for (const auto &header : headers)
        out += header.first + ": " + header.second + "\r\n";
    // One request per connection: nothing to keep track of between requests.
    out += "Connection: close\r\n\r\n";
    if (!headOnly)
        out += body;
    return out;
}

HttpEndpoints::HttpEndpoints(Providers providers)
    : m_providers(std::move(providers))
{
}

HttpResponse HttpEndpoints::answer(const HttpRequestHead &request) const
{
    const QByteArray path = request.path;
    if (path != "/healthz" && path != "/readyz" && path != "/metrics")
        return HttpResponse::text(404, "not found: this port serves the build-service WebSocket and /healthz, /readyz, /metrics");
    const bool head = request.method == "HEAD";
    if (request.method != "GET" && !head) {
        HttpResponse response = HttpResponse::text(405, "method not allowed: use GET");
        response.headers.append(qMakePair(QByteArray("Allow"), QByteArray("GET, HEAD")));
        return response;
    }
    HttpResponse response;
    if (path == "/healthz") {
        // Answered at all means the event loop runs; nothing else is checked on purpose.
        response = HttpResponse::text(200, "ok");
    } else if (path == "/readyz") {
        const QString reason = m_providers.notReadyReason ? m_providers.notReadyReason() : QString();
        response = reason.isEmpty() ? HttpResponse::text(200, "ready") : HttpResponse::text(503, "not ready: " + reason.toUtf8());
    } else {
        response = metrics(request);
    }
    response.headOnly = head;
    return response;
}

HttpResponse HttpEndpoints::metrics(const HttpRequestHead &request) const
{
    const Authenticator *auth = m_providers.auth;
    if (auth && auth->required()) {
        const QByteArray authorization = request.header("Authorization").trimmed();
        const QByteArray scheme = "bearer ";
        std::optional<Identity> identity;
        if (authorization.size() > scheme.size() && authorization.left(scheme.size()).toLower() == scheme)
            identity = auth->authenticate(QString::fromUtf8(authorization.mid(scheme.size()).trimmed()));
        if (!identity) {
            HttpResponse response = HttpResponse::text(401, authorization.isEmpty()
                                                                ? "unauthorized: /metrics needs Authorization: Bearer <token of an admin>"
                                                                : "unauthorized: the access token was not accepted");
            response.headers.append(qMakePair(QByteArray("WWW-Authenticate"), QByteArray("Bearer realm=\"build-service\"")));
            return response;
        }
        if (!identity->isAdmin())
            return HttpResponse::text(403, "forbidden: /metrics is for admins; " + identity->name.toUtf8() + " has the role \"user\"");
    }
    HttpResponse response;
    response.contentType = "text/plain; version=0.0.4; charset=utf-8";
    response.body = m_providers.metrics ? m_providers.metrics() : QByteArray();
    return response;
}

} // namespace BuildService
