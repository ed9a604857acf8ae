// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: GPL-2.0-or-later

// HttpRequestHead: glue between http-parser's callbacks and a plain struct.
#include "httprequesthead.h"

#include <http_parser.h>

namespace BuildService {

namespace {
/** Collects the callbacks of one http_parser_execute() run. */
struct Collector {
    HttpRequestHead *head = nullptr;
    QByteArray field;
    QByteArray value;
    bool inValue = false;
    bool headersDone = false;

    void flushHeader()
    {
        if (inValue)
            head->headers.append({field, value});
        field.clear();
        value.clear();
        inValue = false;
    }
};

Collector *collector(http_parser *parser)
{
    return static_cast<Collector *>(parser->data);
}

int onUrl(http_parser *parser, const char *at, size_t length)
{
    collector(parser)->head->target.append(at, int(length));
    return 0;
}

int onHeaderField(http_parser *parser, const char *at, size_t length)
{
    Collector *c = collector(parser);
    if (c->inValue)
        c->flushHeader();
    c->field.append(at, int(length));
    return 0;
}

int onHeaderValue(http_parser *parser, const char *at, size_t length)
{
    Collector *c = collector(parser);
    c->inValue = true;
    c->value.append(at, int(length));
    return 0;
}

int onHeadersComplete(http_parser *parser)
{
    Collector *c = collector(parser);
    c->flushHeader();
    c->headersDone = true;
    // Stop right after the head: a body (or WebSocket frames) is none of this parser's business.
    http_parser_pause(parser, 1);
    return 0;
}
} // namespace

QByteArray HttpRequestHead::header(const QByteArray &name) const
{
    for (const auto &entry : headers) {
        if (entry.first.compare(name, Qt::CaseInsensitive) == 0)
            return entry.second;
    }
    return QByteArray();
}

HttpRequestHead HttpRequestHead::parse(const QByteArray &bytes, int maxBytes)
{
    HttpRequestHead head;
    const QByteArray window = bytes.left(maxBytes);
    http_parser_settings settings;
    http_parser_settings_init(&settings);
    settings.on_url = onUrl;
    settings.on_header_field = onHeaderField;
    settings.on_header_value = onHeaderValue;
    settings.on_headers_complete = onHeadersComplete;
    http_parser parser;
    http_parser_init(&parser, HTTP_REQUEST);
    Collector collected;
    collected.head = &head;
    parser.data = &collected;
    const size_t parsed = http_parser_execute(&parser, &settings, window.constData(), size_t(window.size()));
    const auto error = http_errno(parser.http_errno);
    if (collected.headersDone) {
        head.state = State::Complete;
        // Paused in on_headers_complete: the parser stopped on the head's last byte. An
        // upgrade request makes it return without pausing, after the head.
        head.length = int(parsed) + (error == HPE_PAUSED ? 1 : 0);
        head.method = http_method_str(http_method(parser.method));
        head.upgrade = parser.upgrade != 0;
        http_parser_url url;
        http_parser_url_init(&url);
        if (http_parser_parse_url(head.target.constData(), size_t(head.target.size()), 0, &url) != 0) {
            head.state = State::Malformed;
            head.error = "invalid request target";
            return head;
        }
        if (url.field_set & (1 << UF_PATH))
            head.path = head.target.mid(url.field_data[UF_PATH].off, url.field_data[UF_PATH].len);
        return head;
    }
    if (error != HPE_OK) {
        head.state = State::Malformed;
        head.error = http_errno_description(error);
        return head;
    }
    if (bytes.size() >= maxBytes) {
        head.state = State::Malformed;
        head.error = "request head too large";
        return head;
    }
    return head;
}

} // namespace BuildService
