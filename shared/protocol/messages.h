// Typed views of the protocol's JSON messages and their encode/decode functions.
#pragma once

#include "core/result.h"
#include "protocol/protocol.h"

#include <QByteArray>
#include <QJsonObject>
#include <QMap>
#include <QString>
#include <QStringList>

namespace BuildService {

/**
 * A decoded text frame: its "type" and the whole JSON object. Produced by decodeMessage(),
 * which has already checked that the type is known and that required fields have the right
 * JSON types, so the typed fromJson() functions below only read.
 */
struct Message {
    QString type;
    QJsonObject json;
};

/**
 * Parses one text frame. Errors: BadMessage (not JSON, not an object, missing or mistyped
 * field, with the field named in the message), UnknownMessage (unknown "type"),
 * MessageTooLarge (more than @p maxBytes bytes).
 */
Result<Message> decodeMessage(const QByteArray &utf8, qint64 maxBytes = Protocol::DefaultMaxMessageBytes);

/** Serialises @p json compactly for a text frame. */
QString encodeMessage(const QJsonObject &json);

/** Which output stream a chunk of build output came from. */
enum class OutputStream { Stdout, Stderr };

// ---- client -> server ------------------------------------------------------------------

struct HelloMessage {
    int protocol = Protocol::Version;
    QString client;         ///< "name/version" of the client program
    QString token;          ///< access token; empty when none is configured
    QJsonObject toJson() const;
    static HelloMessage fromJson(const QJsonObject &json);
};

/** Describes the upload that follows an accepted build request. */
struct UploadSpec {
    QString format = QString(Protocol::FormatTarZstd);
    /** "full": the archive is the whole tree; paths absent from it are deleted. */
    QString mode = QStringLiteral("full");
};

struct BuildRequest {
    QString command;                 ///< run with /bin/sh -c in the workspace
    QString workspaceId;             ///< empty: new workspace
    QMap<QString, QString> env;      ///< variables set for the command
    QStringList artifacts;           ///< glob patterns relative to the workspace
    int timeoutSec = 0;              ///< 0: the server's default
    UploadSpec upload;
    QJsonObject toJson() const;
    /** Validates values (command not empty, ids well-formed, globs relative). */
    static Result<BuildRequest> fromJson(const QJsonObject &json);
};

struct UploadEnd {
    qint64 bytes = 0;    ///< binary bytes sent for this upload
    qint64 entries = 0;  ///< archive entries written
    QJsonObject toJson() const;
    static UploadEnd fromJson(const QJsonObject &json);
};

// ---- server -> client ------------------------------------------------------------------

struct WelcomeMessage {
    int protocol = Protocol::Version;
    QString server;                  ///< "name/version"
    qint64 maxMessageBytes = Protocol::DefaultMaxMessageBytes;
    qint64 uploadWindowBytes = Protocol::DefaultUploadWindowBytes;
    QJsonObject toJson() const;
    static WelcomeMessage fromJson(const QJsonObject &json);
};

/** Sent when a build request is taken; the client then streams the upload. */
struct AcceptedMessage {
    QString buildId;
    QString workspaceId;
    QString workspace;   ///< "new", "reused" or "temporary"
    QString reason;      ///< why a new workspace: "requested", "unknown", "expired", "dirty"
    QJsonObject toJson() const;
    static AcceptedMessage fromJson(const QJsonObject &json);
};

struct SyncedMessage {
    qint64 written = 0;    ///< files written (new or changed)
    qint64 unchanged = 0;  ///< files whose content was already there
    qint64 deleted = 0;    ///< files removed because they left the tree
    qint64 bytes = 0;      ///< uncompressed bytes received
    qint64 durationMs = 0;
    QJsonObject toJson() const;
    static SyncedMessage fromJson(const QJsonObject &json);
};

struct StartedMessage {
    QString buildId;
    QString workspacePath;  ///< absolute path on the server, for mapping output to local paths
    QJsonObject toJson() const;
    static StartedMessage fromJson(const QJsonObject &json);
};

struct OutputEvent {
    OutputStream stream = OutputStream::Stdout;
    QByteArray data;  ///< raw bytes; sent as "text" when valid UTF-8, else "base64"
    QJsonObject toJson() const;
    static OutputEvent fromJson(const QJsonObject &json);
};

struct ArtifactFile {
    QString path;
    qint64 size = 0;
};

struct ExitEvent {
    int code = 0;              ///< exit status; 128 + signal when killed by a signal
    int signal = 0;            ///< terminating signal, 0 if it exited normally
    QString workspaceId;
    QString buildId;
    qint64 durationMs = 0;
    bool timedOut = false;
    bool cancelled = false;
    bool outputTruncated = false;
    bool cached = false;
    QList<ArtifactFile> artifacts;
    qint64 artifactsBytes = 0;  ///< size of artifacts.zip, 0 when there are none
    QJsonObject toJson() const;
    static ExitEvent fromJson(const QJsonObject &json);
};

struct ErrorEvent {
    ErrorCode code = ErrorCode::Internal;
    QString message;
    QString buildId;
    QJsonObject toJson() const;
    static ErrorEvent fromJson(const QJsonObject &json);
};

/** Convenience: an "error" message for @p error. */
QJsonObject errorMessage(const Error &error, const QString &buildId = QString());

/** True when @p id looks like "ws_<uuid>" (lowercase hex, dashes). */
bool isValidWorkspaceId(const QString &id);
/** True when @p id looks like "bld_<uuid>". */
bool isValidBuildId(const QString &id);

} // namespace BuildService

Q_DECLARE_METATYPE(BuildService::OutputStream)
Q_DECLARE_METATYPE(BuildService::AcceptedMessage)
Q_DECLARE_METATYPE(BuildService::SyncedMessage)
Q_DECLARE_METATYPE(BuildService::StartedMessage)
Q_DECLARE_METATYPE(BuildService::ExitEvent)
Q_DECLARE_METATYPE(BuildService::Error)
