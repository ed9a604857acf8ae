// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: GPL-2.0-or-later

// HttpRequestHead: the request line and headers of one HTTP/1.x request, parsed by http-parser.
#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>

namespace BuildService {

/**
 * What the server needs from the head of a request that arrives on its port: method, target,
 * headers and whether it asks for a protocol upgrade (the WebSocket handshake). The bytes are
 * parsed by the http-parser library (Debian libhttp-parser-dev), never by hand: this faces the
 * network before any authentication.
 */
struct HttpRequestHead {
    enum class State {
        Incomplete,  ///< the head does not end within the bytes given yet
        Complete,    ///< method, target and headers are filled in; length is the head's size
        Malformed,   ///< not HTTP/1.x, or larger than allowed; error says what is wrong
    };
    State state = State::Incomplete;
    QByteArray method;  ///< "GET", "POST", ...
    QByteArray target;  ///< the request target as sent ("/metrics?x=1")
    QByteArray path;    ///< target without query and fragment ("/metrics")
    QList<QPair<QByteArray, QByteArray>> headers;  ///< names as sent, in order
    bool upgrade = false;  ///< "Connection: upgrade" with an "Upgrade" header
    int length = 0;        ///< bytes of the head, including the empty line
    QByteArray error;      ///< Malformed: a short English reason

    /** The value of the first header named @p name (case-insensitive), or a null QByteArray. */
    QByteArray header(const QByteArray &name) const;

    /**
     * Parses the start of @p bytes. Incomplete while the head does not end in them and they
     * are at most @p maxBytes long; Malformed beyond that (a head may not grow without bound).
     * A body after the head is not looked at. Pure function: no sockets, no state.
     */
    static HttpRequestHead parse(const QByteArray &bytes, int maxBytes);
};

} // namespace BuildService
