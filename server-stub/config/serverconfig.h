// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: GPL-2.0-or-later

// ServerConfig: the server's settings, read from one TOML file where every key has a default.
#pragma once

#include "core/result.h"

#include <QHash>
#include <QString>
#include <QStringList>

namespace BuildService {

/**
 * All server settings, grouped as the TOML tables of the configuration file
 * (documented key by key in docs/configuration.md). A default-constructed ServerConfig holds
 * the defaults, so the server runs with no file at all.
 *
 * Plain value type: copy it freely; no threading constraints.
 */
struct ServerConfig {
    /** What a build request does when another build holds its workspace. */
    enum class ConcurrentBuilds { Queue, Reject };

    /** [server] */
    struct Server {
        QString listen = QStringLiteral("127.0.0.1");  ///< IP address to bind ("localhost" is accepted)
        int port = 7468;                              ///< 0 lets the system pick a free port
        /** Access tokens; required unless listen is loopback. Each entry is "NAME ROLE sha256:HEX" (see
         *  TokenStore) or, deprecated, a plain token that acts as the identity "admin". */
        QStringList tokens;
        QString tokensFile;                           ///< [server] tokens_file: identities, re-read on SIGHUP
        QString tlsCertificate;                       ///< PEM certificate (chain); with tlsPrivateKey: wss://
        QString tlsPrivateKey;                        ///< PEM private key of tlsCertificate
        QStringList allowedOrigins;                   ///< browser Origins accepted; no Origin header is always fine
        qint64 maxMessageBytes = 1048576;
        qint64 maxFrameBytes = 1048576;
        qint64 uploadWindowBytes = 8388608;
        qint64 heartbeatIntervalSec = 10;  ///< WebSocket ping every this many seconds, to every client
        qint64 heartbeatTimeoutSec = 30;   ///< a client silent this long counts as disconnected
        qint64 drainTimeoutSec = 60;       ///< SIGTERM: running builds may finish this long; 0: cancel at once
    };
    /** [storage] */
    struct Storage {
        QString dataDir;  ///< empty: GenericDataLocation + "/build-service"; see resolvedDataDir()
    };
    /** [build] */
    struct Build {
        qint64 workspaceTtlSec = 28800;  ///< 0: no reuse, a temporary build dir per build
        qint64 gcIntervalSec = 300;
        qint64 maxWorkspaces = 100;              ///< 0: unlimited
        qint64 maxTotalBytes = 53687091200LL;    ///< 0: unlimited
        ConcurrentBuilds concurrentBuilds = ConcurrentBuilds::Queue;
        qint64 timeoutSec = 3600;                ///< 0: no timeout
        qint64 maxOutputBytes = 1073741824LL;
        qint64 killGraceMs = 5000;
        qint64 nice = 10;  ///< niceness of build processes: the server's event loop stays responsive under load
        QString disconnectPolicy = QStringLiteral("detach");  ///< "cancel" or "detach": a build whose client went away
        qint64 detachBufferBytes = 16777216;  ///< events kept per build for attach
    };
    /** [limits] (applied to every upload) */
    struct Limits {
        qint64 maxEntries = 200000;
        qint64 maxUploadBytes = 8589934592LL;
        qint64 maxFileBytes = 4294967296LL;
        double maxCompressionRatio = 1000.0;
        qint64 compressionAllowanceBytes = 1048576;  ///< output allowed beyond the ratio, from the first byte
        QString nameTwins = QStringLiteral("warn");  ///< "warn" or "refuse": paths differing only in case/normalisation
        qint64 maxPathLength = 4096;
    };
    /** [artifacts] */
    struct Artifacts {
        qint64 ttlSec = 86400;
        qint64 maxBytes = 2147483648LL;
    };
    /** [cache] (the build cache: recordings of builds replayed for identical requests) */
    struct Cache {
        bool enabled = true;
        qint64 ttlSuccessSec = 2592000;    ///< 30 days; 0: successful builds are not cached
        qint64 ttlFailureSec = 0;          ///< 0 (default): failed builds are not cached
        qint64 maxBytes = 10737418240LL;   ///< 10 GiB of recordings and artifacts; LRU beyond
        qint64 maxRecordedFilesBytes = 2147483648LL; ///< files one recording may store (2 GiB)
        /** Run with /bin/sh -c at start; their output is hashed into every cache key. */
        QStringList toolchainCommands = {QStringLiteral("cc --version"), QStringLiteral("c++ --version"),
                                         QStringLiteral("cmake --version"), QStringLiteral("make --version")};
        QString salt;                      ///< free-form text hashed into every key (bump to invalidate)
        /** "user": recordings replay only for the identity that recorded them; "all": for everyone
         *  (the key then hashes file contents with SHA-256). */
        QString share = QStringLiteral("user");
    };
    /** [sandbox] (how builds are confined; docs/security.md) */
    struct Sandbox {
        bool enabled = true;                              ///< false: builds run unconfined as the server
        bool network = false;                             ///< true: builds share the server's network
        QString buildUser = QStringLiteral("nobody");     ///< the user builds run as when the server is root
        QString bwrap = QStringLiteral("/usr/bin/bwrap"); ///< the bubblewrap binary
        qint64 maxProcesses = 1024;                       ///< RLIMIT_NPROC; 0: unlimited
        qint64 maxMemoryBytes = 17179869184LL;            ///< RLIMIT_AS per process (16 GiB); 0: unlimited
        qint64 maxFileBytes = 17179869184LL;              ///< RLIMIT_FSIZE (16 GiB); 0: unlimited
        qint64 maxCpuSec = 3600;                          ///< RLIMIT_CPU per process; 0: unlimited
        /** Where builds see their workspace: "" its own host path, "client" the client's
         *  checkout path, or a fixed absolute path such as "/build" (Sandbox::checkWorkspacePath). */
        QString workspacePath;
    };

    /** True when tokens or a tokens file are configured (every client must present a token). */
    bool requiresTokens() const { return !server.tokens.isEmpty() || !server.tokensFile.isEmpty(); }
    /** True when the listener serves wss:// (a certificate and key are configured). */
    bool usesTls() const { return !server.tlsCertificate.isEmpty(); }

    /** Where a key was set: 1-based line and column of the key in the file. */
    struct SourcePosition {
        int line = 0;
        int column = 0;
    };

    Server server;
    Storage storage;
    Build build;
    Limits limits;
    Artifacts artifacts;
    Cache cache;
    Sandbox sandbox;

    /** The file load() read, empty for defaults(). Used to name the file in validate()'s errors. */
    QString sourceFile;
    /** Position of each key load() saw, keyed "table.key" (e.g. "build.workspace_ttl_sec"). */
    QHash<QString, SourcePosition> sourcePositions;

    /**
     * Reads and validates @p fileName. An empty @p fileName yields defaults() (a server started
     * without --config); a named file that cannot be read is an error.
     * Errors (ErrorCode::ConfigInvalid) name the file, line, column and key, e.g.
     * "/etc/bs.toml:7:1: [build] workspace_ttl_sec: expected an integer, got string".
     * Unknown keys and tables are errors so that typos do not pass silently.
     */
    static Result<ServerConfig> load(const QString &fileName);

    /** The built-in defaults (identical to a default-constructed ServerConfig). */
    static ServerConfig defaults();

    /** storage.dataDir, or the per-user default when it is empty. Never ends with '/'. */
    QString resolvedDataDir() const;

    /**
     * Checks value ranges and combinations: port in 0..65535, listen an IP address, tokens
     * when listening beyond loopback, no negative numbers, positive sizes, an absolute data_dir.
     * Errors (ConfigInvalid) carry "file:line:col: " when the value came from a file.
     */
    Result<void> validate() const;

    /**
     * Settings that are valid but have no effect as combined (for --check-config and the log),
     * e.g. [sandbox] workspace_path with enabled = false. Each "file:line:col: text" when the
     * key came from a file.
     */
    QStringList warnings() const;
};

} // namespace BuildService
