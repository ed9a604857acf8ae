// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: LGPL-2.1-only OR LGPL-3.0-only

// Encoding, decoding and validation of protocol messages.
#include "messages.h"

#include "jsonreader.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonValue>
#include <QRegularExpression>

#include <cstring>

namespace BuildService {

namespace {

struct Field {
    const char *name;
    QJsonValue::Type type;
    bool required;
};

struct Schema {
    QLatin1String type;
    std::initializer_list<Field> fields;
};

using T = QJsonValue::Type;
namespace PT = Protocol::Type;

// Required fields and JSON types per message type; everything else is ignored so that newer
// peers can add optional fields without breaking older ones.
const Schema s_schemas[] = {
    {PT::Hello, {{"protocol", T::Double, true}, {"client", T::String, false}, {"token", T::String, false}}},
    {PT::Build, {{"command", T::String, true}, {"workspace_id", T::String, false}, {"env", T::Object, false},
                 {"artifacts", T::Array, false}, {"timeout_sec", T::Double, false}, {"upload", T::Object, false},
                 {"cache", T::Object, false}, {"stdin", T::Bool, false}, {"tty", T::Object, false},
                 {"checkout_path", T::String, false}}},
    {PT::Input, {{"base64", T::String, false}, {"eof", T::Bool, false}}},
    {PT::Resize, {{"rows", T::Double, true}, {"columns", T::Double, true}}},
    {PT::InputAck, {{"bytes", T::Double, true}, {"closed", T::Bool, false}}},
    {PT::UploadEnd, {{"bytes", T::Double, true}, {"entries", T::Double, false}, {"removed", T::Array, false}}},
    {PT::Cancel, {}},
    {PT::Status, {}},
    {PT::ListWorkspaces, {}},
    {PT::FetchArtifacts, {{"build_id", T::String, true}}},
    {PT::CacheStats, {{"top", T::Double, false}}},
    {PT::CacheClear, {{"key", T::String, false}, {"workspace_id", T::String, false}, {"all", T::Bool, false},
                      {"old_toolchains", T::Bool, false}}},
    {PT::CacheExport, {{"key", T::String, true}}},
    {PT::CacheImport, {{"bytes", T::Double, true}}},
    {PT::CacheImportEnd, {{"bytes", T::Double, true}}},
    {PT::Welcome, {{"protocol", T::Double, true}, {"server", T::String, false}}},
    {PT::Accepted, {{"build_id", T::String, true}, {"workspace_id", T::String, true}, {"workspace", T::String, true}}},
    {PT::Queued, {{"position", T::Double, true}}},
    {PT::UploadAck, {{"bytes", T::Double, true}}},
    {PT::Synced, {{"written", T::Double, true}, {"deleted", T::Double, true}}},
    {PT::Started, {{"build_id", T::String, true}, {"workspace_path", T::String, true}}},
    {PT::Output, {{"stream", T::String, true}}},
    {PT::Exit, {{"code", T::Double, true}, {"workspace_id", T::String, true}, {"artifacts", T::Object, true}}},
    {PT::Error, {{"code", T::String, true}, {"message", T::String, true}}},
    {PT::Attach, {{"build_id", T::String, true}, {"after_seq", T::Double, false}}},
    {PT::Attached, {{"build_id", T::String, true}, {"running", T::Bool, true}, {"last_seq", T::Double, true}}},
    {PT::StatusReply, {{"server", T::String, true}}},
    {PT::Workspaces, {{"workspaces", T::Array, true}}},
    {PT::ArtifactsBegin, {{"build_id", T::String, true}, {"bytes", T::Double, true}}},
    {PT::ArtifactsEnd, {{"build_id", T::String, true}, {"bytes", T::Double, true}}},
    {PT::CacheStatsReply, {{"entries", T::Double, true}, {"bytes", T::Double, true}, {"top", T::Array, false}}},
    {PT::CacheCleared, {{"removed", T::Double, true}}},
    {PT::CacheExportBegin, {{"key", T::String, true}, {"bytes", T::Double, true}}},
    {PT::CacheExportEnd, {{"key", T::String, true}, {"bytes", T::Double, true}}},
    {PT::CacheImportReady, {}},
    {PT::CacheImported, {{"key", T::String, true}}},
};

QString jsonTypeName(QJsonValue::Type type)
{
    switch (type) {
    case T::Bool: return QStringLiteral("boolean");
    case T::Double: return QStringLiteral("number");
    case T::String: return QStringLiteral("string");
    case T::Array: return QStringLiteral("array");
    case T::Object: return QStringLiteral("object");
    default: return QStringLiteral("null");
    }
}

Error badMessage(const QString &text)
{
    return makeError(ErrorCode::BadMessage, text);
}

// Strict UTF-8 check (no overlongs, surrogates or code points above U+10FFFF) without building
// a QString: output is checked chunk by chunk on the hot path of every build.
bool isValidUtf8(const QByteArray &data)
{
    const auto *p = reinterpret_cast<const unsigned char *>(data.constData());
    const unsigned char *end = p + data.size();
    while (p < end) {
        // Fast path: eight ASCII bytes at a time.
        if (end - p >= 8) {
            quint64 word;
            std::memcpy(&word, p, 8);
            if ((word & 0x8080808080808080ULL) == 0) {
                p += 8;
                continue;
            }
        }
        const unsigned char c = *p;
        if (c < 0x80) {
            ++p;
            continue;
        }
        int length;
        quint32 cp;
        if (c >= 0xC2 && c <= 0xDF) {
            length = 2;
            cp = c & 0x1F;
        } else if (c >= 0xE0 && c <= 0xEF) {
            length = 3;
            cp = c & 0x0F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            length = 4;
            cp = c & 0x07;
        } else {
            return false;
        }
        if (end - p < length)
            return false;
        for (int i = 1; i < length; ++i) {
            if ((p[i] & 0xC0) != 0x80)
                return false;
            cp = (cp << 6) | (p[i] & 0x3F);
        }
        if ((length == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) || (length == 4 && (cp < 0x10000 || cp > 0x10FFFF)))
            return false;
        p += length;
    }
    return true;
}

bool isRelativeSafeGlob(const QString &glob)
{
    if (glob.isEmpty() || glob.startsWith(QLatin1Char('/')) || glob.contains(QLatin1Char('\\'))
        || glob.contains(QChar(0)))
        return false;
    const auto parts = glob.split(QLatin1Char('/'));
    for (const QString &part : parts) {
        if (part == QLatin1String(".."))
            return false;
    }
    return true;
}

} // namespace

Result<Message> decodeMessage(const QByteArray &utf8, qint64 maxBytes)
{
    if (utf8.size() > maxBytes) {
        return makeError(ErrorCode::MessageTooLarge,
                         QStringLiteral("message of %1 bytes exceeds the limit of %2 bytes").arg(utf8.size()).arg(maxBytes));
    }
    auto parsed = readJson(utf8);
    if (!parsed)
        return parsed.error();
    if (!parsed.value().isObject())
        return badMessage(QStringLiteral("a message must be a JSON object"));
    const QJsonObject json = parsed.value().toObject();
    const QJsonValue typeValue = json.value(QLatin1String("type"));
    if (!typeValue.isString())
        return badMessage(QStringLiteral("field \"type\" must be a string"));
    const QString type = typeValue.toString();
    for (const Schema &schema : s_schemas) {
        if (type != schema.type)
            continue;
        for (const Field &field : schema.fields) {
            const QJsonValue value = json.value(QLatin1String(field.name));
            if (value.isUndefined() || value.isNull()) {
                if (field.required)
                    return badMessage(QStringLiteral("message \"%1\" lacks required field \"%2\"").arg(type, QLatin1String(field.name)));
                continue;
            }
            if (value.type() != field.type) {
                return badMessage(QStringLiteral("field \"%1\" of message \"%2\" must be a %3")
                                      .arg(QLatin1String(field.name), type, jsonTypeName(field.type)));
            }
        }
        return Message{type, json};
    }
    return makeError(ErrorCode::UnknownMessage, QStringLiteral("unknown message type \"%1\"").arg(type));
}

QString encodeMessage(const QJsonObject &json)
{
    return QString::fromUtf8(QJsonDocument(json).toJson(QJsonDocument::Compact));
}

QJsonObject HelloMessage::toJson() const
{
    QJsonObject o{{QStringLiteral("type"), PT::Hello}, {QStringLiteral("protocol"), protocol},
                  {QStringLiteral("client"), client}};
    if (!token.isEmpty())
        o.insert(QStringLiteral("token"), token);
    return o;
}

HelloMessage HelloMessage::fromJson(const QJsonObject &json)
{
    HelloMessage m;
    m.protocol = json.value(QLatin1String("protocol")).toInt();
    m.client = json.value(QLatin1String("client")).toString();
    m.token = json.value(QLatin1String("token")).toString();
    return m;
}

QJsonObject BuildRequest::toJson() const
{
    QJsonObject envJson;
    for (auto it = env.cbegin(); it != env.cend(); ++it)
        envJson.insert(it.key(), it.value());
    QJsonObject o{{QStringLiteral("type"), PT::Build},
                  {QStringLiteral("command"), command},
                  {QStringLiteral("env"), envJson},
                  {QStringLiteral("artifacts"), QJsonArray::fromStringList(artifacts)},
                  {QStringLiteral("upload"),
                   upload.base.isEmpty()
                       ? QJsonObject{{QStringLiteral("format"), upload.format}, {QStringLiteral("mode"), upload.mode}}
                       : QJsonObject{{QStringLiteral("format"), upload.format}, {QStringLiteral("mode"), upload.mode},
                                     {QStringLiteral("base"), upload.base}}}};
    if (!workspaceId.isEmpty())
        o.insert(QStringLiteral("workspace_id"), workspaceId);
    if (timeoutSec > 0)
        o.insert(QStringLiteral("timeout_sec"), timeoutSec);
    o.insert(QStringLiteral("cache"), QJsonObject{{QStringLiteral("mode"), CacheSpec::modeName(cache.mode)},
                                                  {QStringLiteral("replay_speed"), cache.speedJson()}});
    if (stdinForwarded)
        o.insert(QStringLiteral("stdin"), true);
    if (terminal) {
        QJsonObject tty = windowSizeToJson(terminal->size);
        if (!terminal->term.isEmpty())
            tty.insert(QStringLiteral("term"), terminal->term);
        o.insert(QStringLiteral("tty"), tty);
    }
    if (!checkoutPath.isEmpty())
        o.insert(QStringLiteral("checkout_path"), checkoutPath);
    return o;
}

QJsonObject windowSizeToJson(const WindowSize &size)
{
    return {{QStringLiteral("rows"), size.rows}, {QStringLiteral("columns"), size.columns}};
}

Result<WindowSize> windowSizeFromJson(const QJsonObject &json)
{
    WindowSize size;
    const double rows = json.value(QLatin1String("rows")).toDouble(size.rows);
    const double columns = json.value(QLatin1String("columns")).toDouble(size.columns);
    if (!(rows >= 1 && rows <= WindowSize::Max && columns >= 1 && columns <= WindowSize::Max))
        return makeError(ErrorCode::InvalidRequest,
                         QStringLiteral("a terminal size must have 1 to %1 rows and columns, got %2x%3").arg(WindowSize::Max).arg(rows).arg(columns));
    size.rows = int(rows);
    size.columns = int(columns);
    return size;
}

QJsonObject InputMessage::toJson() const
{
    QJsonObject o{{QStringLiteral("type"), PT::Input}, {QStringLiteral("base64"), QString::fromLatin1(data.toBase64())}};
    if (eof)
        o.insert(QStringLiteral("eof"), true);
    return o;
}

InputMessage InputMessage::fromJson(const QJsonObject &json)
{
    InputMessage m;
    m.data = QByteArray::fromBase64(json.value(QLatin1String("base64")).toString().toLatin1());
    m.eof = json.value(QLatin1String("eof")).toBool();
    return m;
}

Result<BuildRequest> BuildRequest::fromJson(const QJsonObject &json)
{
    BuildRequest r;
    r.command = json.value(QLatin1String("command")).toString();
    if (r.command.trimmed().isEmpty())
        return makeError(ErrorCode::InvalidRequest, QStringLiteral("\"command\" must not be empty"));
    if (r.command.contains(QChar(0)))
        return makeError(ErrorCode::InvalidRequest, QStringLiteral("\"command\" must not contain NUL"));
    r.workspaceId = json.value(QLatin1String("workspace_id")).toString();
    if (!r.workspaceId.isEmpty() && !isValidWorkspaceId(r.workspaceId))
        return makeError(ErrorCode::InvalidRequest, QStringLiteral("\"workspace_id\" is not of the form ws_<uuid>: %1").arg(r.workspaceId.left(80)));
    const QJsonObject envJson = json.value(QLatin1String("env")).toObject();
    for (auto it = envJson.constBegin(); it != envJson.constEnd(); ++it) {
        if (!it.value().isString())
            return makeError(ErrorCode::InvalidRequest, QStringLiteral("\"env\" value of %1 must be a string").arg(it.key()));
        if (it.key().isEmpty() || it.key().contains(QLatin1Char('=')) || it.key().contains(QChar(0)) || it.value().toString().contains(QChar(0)))
            return makeError(ErrorCode::InvalidRequest, QStringLiteral("\"env\" has an invalid variable name or value: %1").arg(it.key()));
        r.env.insert(it.key(), it.value().toString());
    }
    const QJsonArray globs = json.value(QLatin1String("artifacts")).toArray();
    for (const QJsonValue &g : globs) {
        if (!g.isString() || !isRelativeSafeGlob(g.toString()))
            return makeError(ErrorCode::InvalidRequest, QStringLiteral("artifact patterns must be relative paths inside the workspace: %1").arg(g.toString()));
        r.artifacts.append(g.toString());
    }
    const double timeout = json.value(QLatin1String("timeout_sec")).toDouble(0);
    if (timeout < 0 || timeout > 7 * 24 * 3600)
        return makeError(ErrorCode::InvalidRequest, QStringLiteral("\"timeout_sec\" must be between 0 and 604800"));
    r.timeoutSec = int(timeout);
    const QJsonObject upload = json.value(QLatin1String("upload")).toObject();
    r.upload.format = upload.value(QLatin1String("format")).toString(QString(Protocol::FormatTarZstd));
    r.upload.mode = upload.value(QLatin1String("mode")).toString(QStringLiteral("full"));
    if (r.upload.format != Protocol::FormatTarZstd && r.upload.format != Protocol::FormatTar)
        return makeError(ErrorCode::InvalidRequest, QStringLiteral("unsupported upload format \"%1\" (supported: tar+zstd, tar)").arg(r.upload.format));
    r.upload.base = upload.value(QLatin1String("base")).toString();
    if (r.upload.mode != QLatin1String("full") && r.upload.mode != QLatin1String("delta"))
        return makeError(ErrorCode::InvalidRequest, QStringLiteral("unsupported upload mode \"%1\" (supported: full, delta)").arg(r.upload.mode));
    static const QRegularExpression digest(QStringLiteral("^[0-9a-f]{16}$"));
    if (r.upload.mode == QLatin1String("delta") && !digest.match(r.upload.base).hasMatch())
        return makeError(ErrorCode::InvalidRequest, QStringLiteral("a delta upload needs \"base\": the 16-hex-digit manifest digest"));
    const QJsonObject cache = json.value(QLatin1String("cache")).toObject();
    const QJsonValue mode = cache.value(QLatin1String("mode"));
    const QString modeText = mode.toString();
    if (mode.isUndefined() || mode.isNull() || modeText == QLatin1String("use"))
        r.cache.mode = CacheSpec::Mode::Use;
    else if (modeText == QLatin1String("fresh"))
        r.cache.mode = CacheSpec::Mode::Fresh;
    else if (modeText == QLatin1String("off"))
        r.cache.mode = CacheSpec::Mode::Off;
    else if (modeText == QLatin1String("verify"))
        r.cache.mode = CacheSpec::Mode::Verify;
    else
        return makeError(ErrorCode::InvalidRequest, QStringLiteral("\"cache.mode\" must be \"use\", \"fresh\", \"off\" or \"verify\""));
    const QJsonValue speed = cache.value(QLatin1String("replay_speed"));
    if (!speed.isUndefined() && !speed.isNull()) {
        const Result<double> parsed = CacheSpec::parseSpeed(speed);
        if (!parsed)
            return parsed.error();
        r.cache.replaySpeed = parsed.value();
    }
    r.stdinForwarded = json.value(QLatin1String("stdin")).toBool();
    if (json.contains(QLatin1String("tty"))) {
        const QJsonObject tty = json.value(QLatin1String("tty")).toObject();
        const Result<WindowSize> size = windowSizeFromJson(tty);
        if (!size)
            return makeError(ErrorCode::InvalidRequest, QStringLiteral("\"tty\": %1").arg(size.errorString()));
        TerminalSpec terminal;
        terminal.size = size.value();
        terminal.term = tty.value(QLatin1String("term")).toString();
        static const QRegularExpression termName(QStringLiteral("^[A-Za-z0-9._+-]{0,64}$"));
        if (!termName.match(terminal.term).hasMatch())
            return makeError(ErrorCode::InvalidRequest, QStringLiteral("\"tty.term\" is not a terminal type name: %1").arg(terminal.term.left(80)));
        r.terminal = terminal;
    }
    // Only the form is checked here; whether a build may see it is the server's decision.
    const QJsonValue checkout = json.value(QLatin1String("checkout_path"));
    if (!checkout.isUndefined() && !checkout.isNull()) {
        if (!checkout.isString())
            return makeError(ErrorCode::InvalidRequest, QStringLiteral("\"checkout_path\" must be a string"));
        r.checkoutPath = checkout.toString();
        if (r.checkoutPath.size() > 4096)
            return makeError(ErrorCode::InvalidRequest, QStringLiteral("\"checkout_path\" is longer than 4096 characters"));
    }
    return r;
}

QJsonObject UploadEnd::toJson() const
{
    QJsonObject o{{QStringLiteral("type"), PT::UploadEnd}, {QStringLiteral("bytes"), bytes}, {QStringLiteral("entries"), entries}};
    if (!removed.isEmpty())
        o.insert(QStringLiteral("removed"), QJsonArray::fromStringList(removed));
    return o;
}

UploadEnd UploadEnd::fromJson(const QJsonObject &json)
{
    UploadEnd m;
    m.bytes = qint64(json.value(QLatin1String("bytes")).toDouble());
    m.entries = qint64(json.value(QLatin1String("entries")).toDouble());
    for (const QJsonValue &v : json.value(QLatin1String("removed")).toArray())
        m.removed.append(v.toString());
    return m;
}

QJsonObject WelcomeMessage::toJson() const
{
    return {{QStringLiteral("type"), PT::Welcome}, {QStringLiteral("protocol"), protocol},
            {QStringLiteral("server"), server}, {QStringLiteral("max_message_bytes"), maxMessageBytes},
            {QStringLiteral("max_frame_bytes"), maxFrameBytes},
            {QStringLiteral("upload_window_bytes"), uploadWindowBytes},
            {QStringLiteral("input_window_bytes"), inputWindowBytes},
            {QStringLiteral("heartbeat_interval_sec"), heartbeatIntervalSec},
            {QStringLiteral("heartbeat_timeout_sec"), heartbeatTimeoutSec},
            {QStringLiteral("disconnect_policy"), disconnectPolicy}};
}

WelcomeMessage WelcomeMessage::fromJson(const QJsonObject &json)
{
    WelcomeMessage m;
    m.protocol = json.value(QLatin1String("protocol")).toInt();
    m.server = json.value(QLatin1String("server")).toString();
    m.maxMessageBytes = qint64(json.value(QLatin1String("max_message_bytes")).toDouble(double(Protocol::DefaultMaxMessageBytes)));
    m.uploadWindowBytes = qint64(json.value(QLatin1String("upload_window_bytes")).toDouble(double(Protocol::DefaultUploadWindowBytes)));
    m.inputWindowBytes = std::max<qint64>(1, qint64(json.value(QLatin1String("input_window_bytes")).toDouble(double(Protocol::DefaultInputWindowBytes))));
    m.maxFrameBytes = qint64(json.value(QLatin1String("max_frame_bytes")).toDouble(double(Protocol::DefaultMaxFrameBytes)));
    // Older servers send neither: keep the defaults; nonsense values are clamped to sane ones.
    m.heartbeatIntervalSec = std::clamp(json.value(QLatin1String("heartbeat_interval_sec")).toInt(Protocol::DefaultHeartbeatIntervalSec), 1, 3600);
    m.heartbeatTimeoutSec = std::clamp(json.value(QLatin1String("heartbeat_timeout_sec")).toInt(Protocol::DefaultHeartbeatTimeoutSec),
                                       m.heartbeatIntervalSec, 7200);
    m.disconnectPolicy = json.value(QLatin1String("disconnect_policy")).toString(QStringLiteral("cancel"));
    return m;
}

QJsonObject AcceptedMessage::toJson() const
{
    QJsonObject o{{QStringLiteral("type"), PT::Accepted}, {QStringLiteral("build_id"), buildId},
                  {QStringLiteral("workspace_id"), workspaceId}, {QStringLiteral("workspace"), workspace}};
    if (!reason.isEmpty())
        o.insert(QStringLiteral("reason"), reason);
    o.insert(QStringLiteral("upload_mode"), uploadMode);
    o.insert(QStringLiteral("manifest"), manifest);
    if (!need.isEmpty())
        o.insert(QStringLiteral("need"), QJsonArray::fromStringList(need));
    return o;
}

AcceptedMessage AcceptedMessage::fromJson(const QJsonObject &json)
{
    AcceptedMessage m;
    m.buildId = json.value(QLatin1String("build_id")).toString();
    m.workspaceId = json.value(QLatin1String("workspace_id")).toString();
    m.workspace = json.value(QLatin1String("workspace")).toString();
    m.reason = json.value(QLatin1String("reason")).toString();
    m.uploadMode = json.value(QLatin1String("upload_mode")).toString(QStringLiteral("full"));
    m.manifest = json.value(QLatin1String("manifest")).toString();
    for (const QJsonValue &v : json.value(QLatin1String("need")).toArray())
        m.need.append(v.toString());
    return m;
}

QJsonObject SyncedMessage::toJson() const
{
    QJsonObject o{{QStringLiteral("type"), PT::Synced}, {QStringLiteral("written"), written},
            {QStringLiteral("unchanged"), unchanged}, {QStringLiteral("deleted"), deleted},
            {QStringLiteral("bytes"), bytes}, {QStringLiteral("duration_ms"), durationMs},
            {QStringLiteral("manifest"), manifest}};
    if (!warnings.isEmpty()) {
        QJsonArray list;
        for (const SyncWarning &w : warnings) {
            QJsonArray groups;
            for (const QStringList &group : w.twins)
                groups.append(QJsonArray::fromStringList(group));
            QJsonObject entry{{QStringLiteral("code"), w.code}, {QStringLiteral("message"), w.message}};
            if (!groups.isEmpty())
                entry.insert(QStringLiteral("twins"), groups);
            list.append(entry);
        }
        o.insert(QStringLiteral("warnings"), list);
    }
    return o;
}

SyncedMessage SyncedMessage::fromJson(const QJsonObject &json)
{
    SyncedMessage m;
    m.written = qint64(json.value(QLatin1String("written")).toDouble());
    m.unchanged = qint64(json.value(QLatin1String("unchanged")).toDouble());
    m.deleted = qint64(json.value(QLatin1String("deleted")).toDouble());
    m.bytes = qint64(json.value(QLatin1String("bytes")).toDouble());
    m.durationMs = qint64(json.value(QLatin1String("duration_ms")).toDouble());
    m.manifest = json.value(QLatin1String("manifest")).toString();
    for (const QJsonValue &value : json.value(QLatin1String("warnings")).toArray()) {
        const QJsonObject entry = value.toObject();
        SyncWarning w;
        w.code = entry.value(QLatin1String("code")).toString();
        w.message = entry.value(QLatin1String("message")).toString();
        for (const QJsonValue &group : entry.value(QLatin1String("twins")).toArray()) {
            QStringList paths;
            for (const QJsonValue &path : group.toArray())
                paths.append(path.toString());
            w.twins.append(paths);
        }
        m.warnings.append(w);
    }
    return m;
}

QJsonObject StartedMessage::toJson() const
{
    QJsonObject o{{QStringLiteral("type"), PT::Started}, {QStringLiteral("build_id"), buildId},
                  {QStringLiteral("workspace_path"), workspacePath}, {QStringLiteral("cached"), cache.hit()}};
    if (!cache.isEmpty())
        o.insert(QStringLiteral("cache"), cache.toJson());
    return o;
}

StartedMessage StartedMessage::fromJson(const QJsonObject &json)
{
    StartedMessage m;
    m.buildId = json.value(QLatin1String("build_id")).toString();
    m.workspacePath = json.value(QLatin1String("workspace_path")).toString();
    m.cache = CacheInfo::fromJson(json.value(QLatin1String("cache")).toObject());
    return m;
}

QJsonObject OutputEvent::toJson() const
{
    QJsonObject o{{QStringLiteral("type"), PT::Output},
                  {QStringLiteral("stream"), stream == OutputStream::Stdout ? QStringLiteral("stdout") : QStringLiteral("stderr")}};
    if (isValidUtf8(data))
        o.insert(QStringLiteral("text"), QString::fromUtf8(data));
    else
        o.insert(QStringLiteral("base64"), QString::fromLatin1(data.toBase64()));
    return o;
}

OutputEvent OutputEvent::fromJson(const QJsonObject &json)
{
    OutputEvent e;
    e.stream = json.value(QLatin1String("stream")).toString() == QLatin1String("stderr") ? OutputStream::Stderr : OutputStream::Stdout;
    if (json.contains(QLatin1String("base64")))
        e.data = QByteArray::fromBase64(json.value(QLatin1String("base64")).toString().toLatin1());
    else
        e.data = json.value(QLatin1String("text")).toString().toUtf8();
    return e;
}

QJsonObject ExitEvent::toJson() const
{
    QJsonArray files;
    for (const ArtifactFile &f : artifacts)
        files.append(QJsonObject{{QStringLiteral("path"), f.path}, {QStringLiteral("size"), f.size}});
    QJsonObject o{{QStringLiteral("type"), PT::Exit},
                  {QStringLiteral("code"), code},
                  {QStringLiteral("workspace_id"), workspaceId},
                  {QStringLiteral("build_id"), buildId},
                  {QStringLiteral("duration_ms"), durationMs},
                  {QStringLiteral("timed_out"), timedOut},
                  {QStringLiteral("cancelled"), cancelled},
                  {QStringLiteral("output_truncated"), outputTruncated},
                  {QStringLiteral("cached"), cached},
                  {QStringLiteral("artifacts"),
                   QJsonObject{{QStringLiteral("files"), files}, {QStringLiteral("bytes"), artifactsBytes}}}};
    o.insert(QStringLiteral("signal"), signal > 0 ? QJsonValue(signal) : QJsonValue());
    if (!cache.isEmpty())
        o.insert(QStringLiteral("cache"), cache.toJson());
    return o;
}

ExitEvent ExitEvent::fromJson(const QJsonObject &json)
{
    ExitEvent e;
    e.code = json.value(QLatin1String("code")).toInt();
    e.signal = json.value(QLatin1String("signal")).toInt(0);
    e.workspaceId = json.value(QLatin1String("workspace_id")).toString();
    e.buildId = json.value(QLatin1String("build_id")).toString();
    e.durationMs = qint64(json.value(QLatin1String("duration_ms")).toDouble());
    e.timedOut = json.value(QLatin1String("timed_out")).toBool();
    e.cancelled = json.value(QLatin1String("cancelled")).toBool();
    e.outputTruncated = json.value(QLatin1String("output_truncated")).toBool();
    e.cached = json.value(QLatin1String("cached")).toBool();
    e.cache = CacheInfo::fromJson(json.value(QLatin1String("cache")).toObject());
    const QJsonObject artifacts = json.value(QLatin1String("artifacts")).toObject();
    e.artifactsBytes = qint64(artifacts.value(QLatin1String("bytes")).toDouble());
    const QJsonArray files = artifacts.value(QLatin1String("files")).toArray();
    for (const QJsonValue &f : files) {
        const QJsonObject fo = f.toObject();
        e.artifacts.append({fo.value(QLatin1String("path")).toString(), qint64(fo.value(QLatin1String("size")).toDouble())});
    }
    return e;
}

QJsonObject ErrorEvent::toJson() const
{
    QJsonObject o{{QStringLiteral("type"), PT::Error}, {QStringLiteral("code"), errorCodeName(code)},
                  {QStringLiteral("message"), message}};
    if (!buildId.isEmpty())
        o.insert(QStringLiteral("build_id"), buildId);
    return o;
}

ErrorEvent ErrorEvent::fromJson(const QJsonObject &json)
{
    ErrorEvent e;
    e.code = errorCodeFromName(json.value(QLatin1String("code")).toString());
    e.message = json.value(QLatin1String("message")).toString();
    e.buildId = json.value(QLatin1String("build_id")).toString();
    return e;
}

QJsonObject errorMessage(const Error &error, const QString &buildId)
{
    return ErrorEvent{error.code, error.message, buildId}.toJson();
}

QString CacheSpec::modeName(Mode mode)
{
    switch (mode) {
    case Mode::Use: return QStringLiteral("use");
    case Mode::Fresh: return QStringLiteral("fresh");
    case Mode::Off: return QStringLiteral("off");
    case Mode::Verify: return QStringLiteral("verify");
    }
    return QStringLiteral("use");
}

QJsonValue CacheSpec::speedJson() const
{
    if (replaySpeed <= 0)
        return QStringLiteral("instant");
    if (replaySpeed == 1)
        return QStringLiteral("realtime");
    return replaySpeed;
}

Result<double> CacheSpec::parseSpeed(const QJsonValue &value)
{
    const auto invalid = [] {
        return makeError(ErrorCode::InvalidRequest,
                         QStringLiteral("\"cache.replay_speed\" must be \"instant\", \"realtime\" or a factor from %1 to %2")
                             .arg(MinSpeed).arg(MaxSpeed));
    };
    double factor = 0;
    if (value.isString()) {
        QString text = value.toString().trimmed();
        if (text == QLatin1String("instant"))
            return 0.0;
        if (text == QLatin1String("realtime"))
            return 1.0;
        if (text.endsWith(QLatin1Char('x')))
            text.chop(1);
        bool ok = false;
        factor = text.toDouble(&ok);
        if (!ok)
            return invalid();
    } else if (value.isDouble()) {
        factor = value.toDouble();
    } else {
        return invalid();
    }
    if (!(factor >= MinSpeed && factor <= MaxSpeed))
        return invalid();
    return factor;
}

QJsonObject CacheInfo::toJson() const
{
    QJsonObject o{{QStringLiteral("hit"), hit()}, {QStringLiteral("status"), status}, {QStringLiteral("key"), key},
                  {QStringLiteral("seconds_saved"), secondsSaved}};
    if (!reason.isEmpty())
        o.insert(QStringLiteral("reason"), reason);
    if (status == QLatin1String("miss"))
        o.insert(QStringLiteral("rebuild_seconds"), rebuildSeconds);
    if (!priorState.isEmpty())
        o.insert(QStringLiteral("prior_state"), priorState);
    if (!verify.isEmpty())
        o.insert(QStringLiteral("verify"), QJsonObject{{QStringLiteral("result"), verify.result}, {QStringLiteral("detail"), verify.detail}});
    if (hit()) {
        o.insert(QStringLiteral("original_build_id"), originalBuildId);
        o.insert(QStringLiteral("original_date"),
                 QDateTime::fromMSecsSinceEpoch(originalDateMs, Qt::UTC).toString(Qt::ISODateWithMs));
        o.insert(QStringLiteral("original_duration_ms"), originalDurationMs);
    }
    return o;
}

CacheInfo CacheInfo::fromJson(const QJsonObject &json)
{
    CacheInfo c;
    c.status = json.value(QLatin1String("status")).toString();
    if (c.status.isEmpty() && json.contains(QLatin1String("hit")))
        c.status = json.value(QLatin1String("hit")).toBool() ? QStringLiteral("hit") : QStringLiteral("miss");
    c.key = json.value(QLatin1String("key")).toString();
    c.originalBuildId = json.value(QLatin1String("original_build_id")).toString();
    const QDateTime date = QDateTime::fromString(json.value(QLatin1String("original_date")).toString(), Qt::ISODateWithMs);
    c.originalDateMs = date.isValid() ? date.toMSecsSinceEpoch() : 0;
    c.originalDurationMs = qint64(json.value(QLatin1String("original_duration_ms")).toDouble());
    c.secondsSaved = json.value(QLatin1String("seconds_saved")).toDouble();
    c.reason = json.value(QLatin1String("reason")).toString();
    c.rebuildSeconds = json.value(QLatin1String("rebuild_seconds")).toDouble();
    c.priorState = json.value(QLatin1String("prior_state")).toString();
    const QJsonObject verify = json.value(QLatin1String("verify")).toObject();
    c.verify.result = verify.value(QLatin1String("result")).toString();
    c.verify.detail = verify.value(QLatin1String("detail")).toString();
    return c;
}

QJsonObject CacheClearRequest::toJson() const
{
    QJsonObject o{{QStringLiteral("type"), PT::CacheClear}};
    switch (scope) {
    case Scope::Key: o.insert(QStringLiteral("key"), value); break;
    case Scope::Workspace: o.insert(QStringLiteral("workspace_id"), value); break;
    case Scope::All: o.insert(QStringLiteral("all"), true); break;
    case Scope::OldToolchains: o.insert(QStringLiteral("old_toolchains"), true); break;
    }
    return o;
}

Result<CacheClearRequest> CacheClearRequest::fromJson(const QJsonObject &json)
{
    CacheClearRequest r;
    int selectors = 0;
    if (json.contains(QLatin1String("key"))) {
        ++selectors;
        r.scope = Scope::Key;
        r.value = json.value(QLatin1String("key")).toString();
        if (!isValidCacheKey(r.value))
            return makeError(ErrorCode::InvalidRequest, QStringLiteral("\"key\" is not a cache key (32 hex digits): %1").arg(r.value.left(80)));
    }
    if (json.contains(QLatin1String("workspace_id"))) {
        ++selectors;
        r.scope = Scope::Workspace;
        r.value = json.value(QLatin1String("workspace_id")).toString();
        if (!isValidWorkspaceId(r.value))
            return makeError(ErrorCode::InvalidRequest, QStringLiteral("\"workspace_id\" is not of the form ws_<uuid>: %1").arg(r.value.left(80)));
    }
    if (json.value(QLatin1String("all")).toBool()) {
        ++selectors;
        r.scope = Scope::All;
    }
    if (json.value(QLatin1String("old_toolchains")).toBool()) {
        ++selectors;
        r.scope = Scope::OldToolchains;
    }
    if (selectors != 1)
        return makeError(ErrorCode::InvalidRequest,
                         QStringLiteral("\"cache_clear\" needs exactly one of \"key\", \"workspace_id\", \"all\": true or \"old_toolchains\": true"));
    return r;
}

bool isValidCacheKey(const QString &key)
{
    static const QRegularExpression hex(QStringLiteral("^[0-9a-f]{32}$"));
    return hex.match(key).hasMatch();
}

static bool matchesPrefixedUuid(const QString &id, QLatin1String prefix)
{
    // anchoredPattern, not ^...$: "$" also matches before a trailing newline ("ws_<uuid>\n").
    static const QRegularExpression uuid(QRegularExpression::anchoredPattern(
        QStringLiteral("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")));
    return id.startsWith(prefix) && uuid.match(id.mid(prefix.size())).hasMatch();
}

bool isValidWorkspaceId(const QString &id)
{
    return matchesPrefixedUuid(id, QLatin1String("ws_"));
}

bool isValidBuildId(const QString &id)
{
    return matchesPrefixedUuid(id, QLatin1String("bld_"));
}

} // namespace BuildService
