// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: BSD-2-Clause

// Fuzz target: one WebSocket text frame through decodeMessage() and, when it is a known type,
// the typed fromJson() reader the server or the client would call next.
#include "protocol/messages.h"
#include "protocol/protocol.h"

using namespace BuildService;
namespace PT = BuildService::Protocol::Type;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray frame = QByteArray::fromRawData(reinterpret_cast<const char *>(data), int(size));
    auto message = decodeMessage(frame, 64 * 1024);
    if (!message)
        return 0;
    const QString &type = message.value().type;
    const QJsonObject &json = message.value().json;
    if (type == PT::Hello)
        (void)HelloMessage::fromJson(json);
    else if (type == PT::Build)
        (void)BuildRequest::fromJson(json);
    else if (type == PT::UploadEnd)
        (void)UploadEnd::fromJson(json);
    else if (type == PT::Welcome)
        (void)WelcomeMessage::fromJson(json);
    else if (type == PT::Accepted)
        (void)AcceptedMessage::fromJson(json);
    else if (type == PT::Synced)
        (void)SyncedMessage::fromJson(json);
    else if (type == PT::Started)
        (void)StartedMessage::fromJson(json);
    else if (type == PT::Output)
        (void)OutputEvent::fromJson(json);
    else if (type == PT::Exit)
        (void)ExitEvent::fromJson(json);
    else if (type == PT::Error)
        (void)ErrorEvent::fromJson(json);
    else if (type == PT::CacheClear)
        (void)CacheClearRequest::fromJson(json);
    // The encoder must accept whatever the decoder accepted.
    if (encodeMessage(json).isEmpty())
        __builtin_trap();
    return 0;
}
