// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: LGPL-2.1-only OR LGPL-3.0-only

// Typed views of the protocol's JSON messages and their encode/decode functions.
#pragma once

#include "core/result.h"
#include "protocol/protocol.h"

#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

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
    /**
     * "full": the archive is the whole tree; paths absent from it are deleted.
     * "delta": the archive holds only new or changed entries and upload_end lists removed
     * paths; only valid when the workspace's manifest digest equals @ref base.
     */
    QString mode = QStringLiteral("full");
    QString base;  ///< with "delta": the manifest digest the client believes the workspace has
};

/** What a build request asks of the build cache (docs/protocol.md, "Build cache"). */
struct CacheSpec {
    enum class Mode {
        Use,    ///< replay a recording when there is one, else build and record
        Fresh,  ///< always build; the result replaces the recording
        Off,    ///< build without looking up or recording
        Verify  ///< build, and compare with the recording of the same key (recording it if none)
    };
    Mode mode = Mode::Use;
    /** Replay speed: 0 = instant (the default), 1 = real time, 2 = twice as fast, ... */
    double replaySpeed = 0;

    /** Largest and smallest factor a request may ask for (0 = instant is always allowed). */
    static constexpr double MinSpeed = 0.1;
    static constexpr double MaxSpeed = 1000;

    static QString modeName(Mode mode);
    /** "instant", "realtime" or the factor as a number. */
    QJsonValue speedJson() const;
    /** Parses "instant", "realtime" or a number (as JSON, or as text for command lines). */
    static Result<double> parseSpeed(const QJsonValue &value);
};

/** The size of a terminal in character cells. */
struct WindowSize {
    int rows = 24;
    int columns = 80;
    static constexpr int Max = 10000;  ///< larger values are refused as nonsense
    bool operator==(const WindowSize &o) const { return rows == o.rows && columns == o.columns; }
};

/** "tty" of a build request: run the command in a pseudo-terminal of this size. */
struct TerminalSpec {
    WindowSize size;
    QString term;  ///< $TERM for the command; empty: "xterm-256color"
};

struct BuildRequest {
    QString command;                 ///< run with /bin/sh -c in the workspace
    QString workspaceId;             ///< empty: new workspace
    QMap<QString, QString> env;      ///< variables set for the command
    QStringList artifacts;           ///< glob patterns relative to the workspace
    int timeoutSec = 0;              ///< 0: the server's default
    UploadSpec upload;
    CacheSpec cache;
    /** The command's stdin is fed by "input" messages (else /dev/null); such builds bypass the cache. */
    bool stdinForwarded = false;
    /** Set: the command runs in a pseudo-terminal (stdout and stderr become one stream). */
    std::optional<TerminalSpec> terminal;
    /**
     * "checkout_path": the client's absolute checkout root. A server with [sandbox]
     * workspace_path = "client" shows the workspace to the build at this path (after checking
     * it); other servers ignore it. Empty: not sent.
     */
    QString checkoutPath;
    QJsonObject toJson() const;
    /** Validates values (command not empty, ids well-formed, globs relative, cache mode and speed). */
    static Result<BuildRequest> fromJson(const QJsonObject &json);
};

/** "input": bytes for the command's stdin; @ref eof closes it after them. */
struct InputMessage {
    QByteArray data;   ///< sent as "base64"
    bool eof = false;
    QJsonObject toJson() const;
    static InputMessage fromJson(const QJsonObject &json);
};

/** "resize": the client's terminal changed size. Errors (InvalidRequest): sizes out of range. */
Result<WindowSize> windowSizeFromJson(const QJsonObject &json);
QJsonObject windowSizeToJson(const WindowSize &size);

struct UploadEnd {
    qint64 bytes = 0;    ///< binary bytes sent for this upload
    qint64 entries = 0;  ///< archive entries written
    QStringList removed; ///< delta uploads: paths of the previous tree that are gone
    QJsonObject toJson() const;
    static UploadEnd fromJson(const QJsonObject &json);
};

// ---- server -> client ------------------------------------------------------------------

struct WelcomeMessage {
    int protocol = Protocol::Version;
    QString server;                  ///< "name/version"
    qint64 maxMessageBytes = Protocol::DefaultMaxMessageBytes;
    qint64 maxFrameBytes = Protocol::DefaultMaxFrameBytes;
    qint64 uploadWindowBytes = Protocol::DefaultUploadWindowBytes;
    qint64 inputWindowBytes = Protocol::DefaultInputWindowBytes;      ///< stdin bytes a client may have unacknowledged
    int heartbeatIntervalSec = Protocol::DefaultHeartbeatIntervalSec;  ///< the client pings this often too
    int heartbeatTimeoutSec = Protocol::DefaultHeartbeatTimeoutSec;    ///< silence after which a peer is gone
    /** [build] disconnect_policy: "detach" keeps a build running for a client that reconnects. */
    QString disconnectPolicy = QStringLiteral("cancel");
    QJsonObject toJson() const;
    static WelcomeMessage fromJson(const QJsonObject &json);
};

/** Sent when a build request is taken; the client then streams the upload. */
struct AcceptedMessage {
    QString buildId;
    QString workspaceId;
    QString workspace;   ///< "new", "reused" or "temporary"
    QString reason;      ///< why a new workspace: "requested", "unknown", "expired", "dirty"
    QString uploadMode = QStringLiteral("full"); ///< what the client must send: "full" or "delta"
    QString manifest;    ///< digest of the workspace's current manifest ("" when empty)
    QStringList need;    ///< delta: unchanged-looking paths the workspace lost; send them too
    QJsonObject toJson() const;
    static AcceptedMessage fromJson(const QJsonObject &json);
};

/** Something about an upload the user should know but that did not stop the build. */
struct SyncWarning {
    QString code;               ///< stable: "name_twins"
    QString message;            ///< English, for people
    QList<QStringList> twins;   ///< name_twins: groups of paths that clash (at most 20 groups)
};

struct SyncedMessage {
    qint64 written = 0;    ///< files written (new or changed)
    qint64 unchanged = 0;  ///< files whose content was already there
    qint64 deleted = 0;    ///< files removed because they left the tree
    qint64 bytes = 0;      ///< uncompressed bytes received
    qint64 durationMs = 0;
    QString manifest;      ///< digest of the workspace's manifest after the sync
    QList<SyncWarning> warnings;  ///< "warnings" (absent when empty)
    QJsonObject toJson() const;
    static SyncedMessage fromJson(const QJsonObject &json);
};

/**
 * What the build cache did for one build. Sent in "exit" (every build when the server has a
 * cache) and in "started" of a replay. status: "hit" (replayed), "miss" (looked up, built and
 * recorded if cacheable), "fresh" (the request forced a build), "off" (the request asked for no
 * caching), "disabled" (the server has no cache). An empty status means the peer sent none.
 */
/** Outcome of a --verify build: the live run compared with the recording of the same key. */
struct VerifyResult {
    QString result;  ///< "reproducible", "differs" or "no_recording" (the live build was recorded)
    QString detail;  ///< where they first differ (exit code, output line, file), for "differs"
    bool isEmpty() const { return result.isEmpty(); }
};

struct CacheInfo {
    QString status;                 ///< "hit", "miss", "off" or "disabled"
    /** miss: "no_entry", "different_prior_state", "fresh_requested", "verify_requested", "not_cacheable". */
    QString reason;
    double rebuildSeconds = 0;      ///< miss: how long the live build ran
    QString priorState;             ///< the workspace state the build started from ("clean" or a digest)
    VerifyResult verify;
    QString key;                    ///< hex digest of the request; empty when not computed
    QString originalBuildId;        ///< hit: build id of the recorded build
    qint64 originalDateMs = 0;      ///< hit: start of the recorded build, ms since the epoch (UTC)
    qint64 originalDurationMs = 0;  ///< hit: run time of the recorded command
    double secondsSaved = 0;        ///< hit: original duration minus the replay's, never negative
    bool hit() const { return status == QLatin1String("hit"); }
    bool isEmpty() const { return status.isEmpty(); }
    QJsonObject toJson() const;
    static CacheInfo fromJson(const QJsonObject &json);
};

struct StartedMessage {
    QString buildId;
    QString workspacePath;  ///< absolute path on the server, for mapping output to local paths
    /** Replays: status "hit" and where the recording comes from; empty for live builds. */
    CacheInfo cache;
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
    bool cached = false;       ///< replayed from the build cache (then cache.hit() is true)
    CacheInfo cache;           ///< omitted from JSON when empty
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

/** "cache_clear": exactly one selector is set. */
struct CacheClearRequest {
    enum class Scope { Key, Workspace, All, OldToolchains };
    Scope scope = Scope::All;
    QString value;  ///< the key or the workspace id
    QJsonObject toJson() const;
    /** Errors (InvalidRequest): no selector, several selectors, malformed key or workspace id. */
    static Result<CacheClearRequest> fromJson(const QJsonObject &json);
};

/** True when @p key looks like a cache key: 32 lowercase hex digits. */
bool isValidCacheKey(const QString &key);

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
Q_DECLARE_METATYPE(BuildService::CacheInfo)
Q_DECLARE_METATYPE(BuildService::Error)
