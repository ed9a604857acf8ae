// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: GPL-2.0-or-later

// ServerConfig: TOML loading with positioned errors, and range validation.
#include "serverconfig.h"

#include "auth/tokenstore.h"
#include "runner/sandbox.h"

#include <QDir>
#include <QFile>
#include <QHostAddress>
#include <QRegularExpression>
#include <QStandardPaths>

#include <toml++/toml.h>

#include <algorithm>
#include <limits>
#include <string_view>
#include <variant>

namespace BuildService {

namespace {

// A config file larger than this is certainly a mistake (wrong path); do not parse it.
constexpr qint64 s_maxConfigFileBytes = 1 << 20;
constexpr qint64 s_noMax = std::numeric_limits<qint64>::max();
// Values turned into QTimer intervals (int milliseconds) must fit.
constexpr qint64 s_maxTimerSec = std::numeric_limits<int>::max() / 1000;

using FieldRef = std::variant<qint64 *, int *, double *, bool *, QString *, QStringList *, ServerConfig::ConcurrentBuilds *>;
// TTLs are turned into millisecond expiry times; keep them far from overflowing.
constexpr qint64 s_maxTtlSec = 100LL * 366 * 24 * 3600;

/** One known key: where it lives, which field it fills, its numeric range. */
struct KeySpec {
    const char *table;
    const char *key;
    FieldRef (*field)(ServerConfig &);
    qint64 min = 0;
    qint64 max = s_noMax;
};

// In documentation order; validate() reports in this order for values that did not come from a file.
const KeySpec s_keys[] = {
    {"server", "listen", [](ServerConfig &c) -> FieldRef { return &c.server.listen; }},
    {"server", "port", [](ServerConfig &c) -> FieldRef { return &c.server.port; }, 0, 65535},
    {"server", "tokens", [](ServerConfig &c) -> FieldRef { return &c.server.tokens; }},
    {"server", "tokens_file", [](ServerConfig &c) -> FieldRef { return &c.server.tokensFile; }},
    {"server", "tls_certificate", [](ServerConfig &c) -> FieldRef { return &c.server.tlsCertificate; }},
    {"server", "tls_private_key", [](ServerConfig &c) -> FieldRef { return &c.server.tlsPrivateKey; }},
    {"server", "allowed_origins", [](ServerConfig &c) -> FieldRef { return &c.server.allowedOrigins; }},
    {"server", "max_message_bytes", [](ServerConfig &c) -> FieldRef { return &c.server.maxMessageBytes; }, 1},
    {"server", "max_frame_bytes", [](ServerConfig &c) -> FieldRef { return &c.server.maxFrameBytes; }, 1},
    {"server", "upload_window_bytes", [](ServerConfig &c) -> FieldRef { return &c.server.uploadWindowBytes; }, 1},
    {"server", "heartbeat_interval_sec", [](ServerConfig &c) -> FieldRef { return &c.server.heartbeatIntervalSec; }, 1, 3600},
    {"server", "heartbeat_timeout_sec", [](ServerConfig &c) -> FieldRef { return &c.server.heartbeatTimeoutSec; }, 1, 7200},
    {"server", "drain_timeout_sec", [](ServerConfig &c) -> FieldRef { return &c.server.drainTimeoutSec; }, 0, s_maxTimerSec},
    {"storage", "data_dir", [](ServerConfig &c) -> FieldRef { return &c.storage.dataDir; }},
    {"build", "workspace_ttl_sec", [](ServerConfig &c) -> FieldRef { return &c.build.workspaceTtlSec; }},
    {"build", "gc_interval_sec", [](ServerConfig &c) -> FieldRef { return &c.build.gcIntervalSec; }, 1, s_maxTimerSec},
    {"build", "max_workspaces", [](ServerConfig &c) -> FieldRef { return &c.build.maxWorkspaces; }},
    {"build", "max_total_bytes", [](ServerConfig &c) -> FieldRef { return &c.build.maxTotalBytes; }},
    {"build", "concurrent_builds", [](ServerConfig &c) -> FieldRef { return &c.build.concurrentBuilds; }},
    {"build", "timeout_sec", [](ServerConfig &c) -> FieldRef { return &c.build.timeoutSec; }, 0, s_maxTimerSec},
    {"build", "max_output_bytes", [](ServerConfig &c) -> FieldRef { return &c.build.maxOutputBytes; }, 1},
    {"build", "kill_grace_ms", [](ServerConfig &c) -> FieldRef { return &c.build.killGraceMs; }, 0, std::numeric_limits<int>::max()},
    {"build", "nice", [](ServerConfig &c) -> FieldRef { return &c.build.nice; }, 0, 19},
    {"build", "disconnect_policy", [](ServerConfig &c) -> FieldRef { return &c.build.disconnectPolicy; }},
    {"build", "detach_buffer_bytes", [](ServerConfig &c) -> FieldRef { return &c.build.detachBufferBytes; }, 1},
    {"limits", "max_entries", [](ServerConfig &c) -> FieldRef { return &c.limits.maxEntries; }, 1},
    {"limits", "max_upload_bytes", [](ServerConfig &c) -> FieldRef { return &c.limits.maxUploadBytes; }, 1},
    {"limits", "max_file_bytes", [](ServerConfig &c) -> FieldRef { return &c.limits.maxFileBytes; }, 1},
    {"limits", "max_compression_ratio", [](ServerConfig &c) -> FieldRef { return &c.limits.maxCompressionRatio; }, 1},
    {"limits", "compression_allowance_bytes", [](ServerConfig &c) -> FieldRef { return &c.limits.compressionAllowanceBytes; }},
    {"limits", "max_path_length", [](ServerConfig &c) -> FieldRef { return &c.limits.maxPathLength; }, 1},
    {"limits", "name_twins", [](ServerConfig &c) -> FieldRef { return &c.limits.nameTwins; }},
    {"artifacts", "ttl_sec", [](ServerConfig &c) -> FieldRef { return &c.artifacts.ttlSec; }},
    {"artifacts", "max_bytes", [](ServerConfig &c) -> FieldRef { return &c.artifacts.maxBytes; }, 1},
    {"cache", "enabled", [](ServerConfig &c) -> FieldRef { return &c.cache.enabled; }},
    {"cache", "ttl_success_sec", [](ServerConfig &c) -> FieldRef { return &c.cache.ttlSuccessSec; }, 0, s_maxTtlSec},
    {"cache", "ttl_failure_sec", [](ServerConfig &c) -> FieldRef { return &c.cache.ttlFailureSec; }, 0, s_maxTtlSec},
    {"cache", "max_bytes", [](ServerConfig &c) -> FieldRef { return &c.cache.maxBytes; }, 1},
    {"cache", "max_recorded_files_bytes", [](ServerConfig &c) -> FieldRef { return &c.cache.maxRecordedFilesBytes; }, 1},
    {"cache", "toolchain_commands", [](ServerConfig &c) -> FieldRef { return &c.cache.toolchainCommands; }},
    {"cache", "salt", [](ServerConfig &c) -> FieldRef { return &c.cache.salt; }},
    {"cache", "share", [](ServerConfig &c) -> FieldRef { return &c.cache.share; }},
    {"sandbox", "enabled", [](ServerConfig &c) -> FieldRef { return &c.sandbox.enabled; }},
    {"sandbox", "network", [](ServerConfig &c) -> FieldRef { return &c.sandbox.network; }},
    {"sandbox", "build_user", [](ServerConfig &c) -> FieldRef { return &c.sandbox.buildUser; }},
    {"sandbox", "bwrap", [](ServerConfig &c) -> FieldRef { return &c.sandbox.bwrap; }},
    {"sandbox", "max_processes", [](ServerConfig &c) -> FieldRef { return &c.sandbox.maxProcesses; }},
    {"sandbox", "max_memory_bytes", [](ServerConfig &c) -> FieldRef { return &c.sandbox.maxMemoryBytes; }},
    {"sandbox", "max_file_bytes", [](ServerConfig &c) -> FieldRef { return &c.sandbox.maxFileBytes; }},
    {"sandbox", "max_cpu_sec", [](ServerConfig &c) -> FieldRef { return &c.sandbox.maxCpuSec; }},
    {"sandbox", "workspace_path", [](ServerConfig &c) -> FieldRef { return &c.sandbox.workspacePath; }},
};

const char *const s_tables[] = {"server", "storage", "build", "limits", "artifacts", "cache", "sandbox"};

QString qs(std::string_view s)
{
    return QString::fromUtf8(s.data(), int(s.size()));
}

QString qs(const char *s)
{
    return QString::fromUtf8(s);
}

QString keyLabel(const KeySpec &spec)
{
    return QStringLiteral("[%1] %2").arg(qs(spec.table), qs(spec.key));
}

QString positionKey(const KeySpec &spec)
{
    return qs(spec.table) + QLatin1Char('.') + qs(spec.key);
}

/** "a string", "an integer", ... as used in "expected X, got Y". */
QString typeName(const toml::node &node)
{
    switch (node.type()) {
    case toml::node_type::string: return QStringLiteral("string");
    case toml::node_type::integer: return QStringLiteral("integer");
    case toml::node_type::floating_point: return QStringLiteral("float");
    case toml::node_type::boolean: return QStringLiteral("boolean");
    case toml::node_type::date: return QStringLiteral("date");
    case toml::node_type::time: return QStringLiteral("time");
    case toml::node_type::date_time: return QStringLiteral("date-time");
    case toml::node_type::array: return QStringLiteral("array");
    case toml::node_type::table: return QStringLiteral("table");
    case toml::node_type::none: break;
    }
    return QStringLiteral("nothing");
}

/** An error found while reading, with the position it is reported at. */
struct Problem {
    int line = 0;
    int column = 0;
    QString text;
};

class Reader
{
public:
    explicit Reader(ServerConfig &config) : m_config(config) {}

    void readRoot(const toml::table &root)
    {
        for (auto &&[key, node] : root) {
            const QString name = qs(key.str());
            const bool known = std::any_of(std::begin(s_tables), std::end(s_tables),
                                           [&](const char *t) { return name == qs(t); });
            if (!known) {
                // A table is reported at its "[header]", a key at its name.
                if (node.is_table())
                    add(node.source(), QStringLiteral("unknown table [%1]").arg(name));
                else
                    add(key.source(), QStringLiteral("unknown key %1").arg(name));
                continue;
            }
            const toml::table *table = node.as_table();
            if (!table) {
                add(key.source(), QStringLiteral("[%1]: expected a table, got %2").arg(name, typeName(node)));
                continue;
            }
            readTable(name, *table);
        }
    }

    QList<Problem> problems() const { return m_problems; }

private:
    void readTable(const QString &tableName, const toml::table &table)
    {
        for (auto &&[key, node] : table) {
            const QString name = qs(key.str());
            const KeySpec *spec = nullptr;
            for (const KeySpec &s : s_keys) {
                if (tableName == qs(s.table) && name == qs(s.key)) {
                    spec = &s;
                    break;
                }
            }
            if (!spec) {
                if (node.is_table())
                    add(node.source(), QStringLiteral("unknown table [%1.%2]").arg(tableName, name));
                else
                    add(key.source(), QStringLiteral("unknown key [%1] %2").arg(tableName, name));
                continue;
            }
            m_config.sourcePositions.insert(positionKey(*spec),
                                            {int(key.source().begin.line), int(key.source().begin.column)});
            readValue(*spec, key.source(), node);
        }
    }

    void readValue(const KeySpec &spec, const toml::source_region &where, const toml::node &node)
    {
        const QString label = keyLabel(spec);
        auto mismatch = [&](const QString &expected) {
            add(where, QStringLiteral("%1: expected %2, got %3").arg(label, expected, typeName(node)));
        };
        FieldRef field = spec.field(m_config);
        if (auto p = std::get_if<qint64 *>(&field)) {
            if (!node.is_integer())
                return mismatch(QStringLiteral("an integer"));
            **p = node.as_integer()->get();
        } else if (auto p = std::get_if<int *>(&field)) {
            if (!node.is_integer())
                return mismatch(QStringLiteral("an integer"));
            const qint64 v = node.as_integer()->get();
            // Keep out-of-range values visible to validate() instead of wrapping them.
            **p = int(std::clamp<qint64>(v, std::numeric_limits<int>::min(), std::numeric_limits<int>::max()));
        } else if (auto p = std::get_if<double *>(&field)) {
            if (node.is_integer())
                **p = double(node.as_integer()->get());
            else if (node.is_floating_point())
                **p = node.as_floating_point()->get();
            else
                return mismatch(QStringLiteral("a number"));
        } else if (auto p = std::get_if<bool *>(&field)) {
            if (!node.is_boolean())
                return mismatch(QStringLiteral("a boolean"));
            **p = node.as_boolean()->get();
        } else if (auto p = std::get_if<QString *>(&field)) {
            if (!node.is_string())
                return mismatch(QStringLiteral("a string"));
            **p = qs(node.as_string()->get());
        } else if (auto p = std::get_if<QStringList *>(&field)) {
            const toml::array *array = node.as_array();
            if (!array)
                return mismatch(QStringLiteral("an array of strings"));
            QStringList values;
            for (size_t i = 0; i < array->size(); ++i) {
                const toml::node &element = *array->get(i);
                if (!element.is_string()) {
                    add(where, QStringLiteral("%1: expected an array of strings, element %2 is %3")
                                   .arg(label).arg(i + 1).arg(typeName(element)));
                    return;
                }
                values.append(qs(element.as_string()->get()));
            }
            **p = values;
        } else if (auto p = std::get_if<ServerConfig::ConcurrentBuilds *>(&field)) {
            if (!node.is_string())
                return mismatch(QStringLiteral("a string"));
            const QString value = qs(node.as_string()->get());
            if (value == QLatin1String("queue"))
                **p = ServerConfig::ConcurrentBuilds::Queue;
            else if (value == QLatin1String("reject"))
                **p = ServerConfig::ConcurrentBuilds::Reject;
            else
                add(where, QStringLiteral("%1: expected \"queue\" or \"reject\", got \"%2\"").arg(label, value));
        }
    }

    void add(const toml::source_region &where, const QString &text)
    {
        m_problems.append({int(where.begin.line), int(where.begin.column), text});
    }

    ServerConfig &m_config;
    QList<Problem> m_problems;
};

Error configError(const QString &message)
{
    return makeError(ErrorCode::ConfigInvalid, message);
}

/** "file:line:col: text" lines in file order; see validate(). */
QString formatProblems(QList<Problem> problems, const QString &fileName);
/** The range and combination checks of validate(), each at the position of its key. */
QList<Problem> validationProblems(const ServerConfig &config);

} // namespace

ServerConfig ServerConfig::defaults()
{
    return ServerConfig();
}

QString ServerConfig::resolvedDataDir() const
{
    if (!storage.dataDir.isEmpty())
        return QDir::cleanPath(storage.dataDir);
    const QString base = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation);
    if (base.isEmpty())
        return QString();
    return QDir::cleanPath(base + QLatin1String("/build-service"));
}

Result<ServerConfig> ServerConfig::load(const QString &fileName)
{
    if (fileName.isEmpty())
        return defaults();

    QFile file(fileName);
    if (!file.open(QIODevice::ReadOnly))
        return configError(QStringLiteral("%1: cannot read the configuration file: %2").arg(fileName, file.errorString()));
    if (file.size() > s_maxConfigFileBytes)
        return configError(QStringLiteral("%1: larger than %2 bytes, not a configuration file").arg(fileName).arg(s_maxConfigFileBytes));
    const QByteArray text = file.read(s_maxConfigFileBytes + 1);
    if (text.size() > s_maxConfigFileBytes)
        return configError(QStringLiteral("%1: larger than %2 bytes, not a configuration file").arg(fileName).arg(s_maxConfigFileBytes));

    const std::string_view document(text.constData(), size_t(text.size()));
    const std::string sourcePath = fileName.toStdString();
    auto syntaxError = [&](const toml::parse_error &e) {
        return configError(QStringLiteral("%1:%2:%3: syntax error: %4")
                               .arg(fileName).arg(e.source().begin.line).arg(e.source().begin.column)
                               .arg(qs(e.description())));
    };

    toml::table root;
    // The Debian library is built with exceptions; a build with -fno-exceptions gets a
    // parse_result instead. Handle both so the code does not depend on the compile mode.
#if TOML_EXCEPTIONS
    try {
        root = toml::parse(document, sourcePath);
    } catch (const toml::parse_error &e) {
        return syntaxError(e);
    }
#else
    toml::parse_result parsed = toml::parse(document, sourcePath);
    if (!parsed)
        return syntaxError(parsed.error());
    root = std::move(parsed).table();
#endif

    ServerConfig config;
    config.sourceFile = fileName;
    Reader reader(config);
    reader.readRoot(root);
    // Type errors and range errors together: a key whose type is wrong keeps its (valid)
    // default, so it adds no range error of its own.
    QList<Problem> problems = reader.problems() + validationProblems(config);
    if (!problems.isEmpty())
        return configError(formatProblems(problems, fileName));
    return config;
}

Result<void> ServerConfig::validate() const
{
    const QList<Problem> problems = validationProblems(*this);
    if (!problems.isEmpty())
        return configError(formatProblems(problems, sourceFile));
    return {};
}

QStringList ServerConfig::warnings() const
{
    QList<Problem> found;
    auto note = [&](const QString &key, const QString &text) {
        const auto it = sourcePositions.constFind(key);
        if (!sourceFile.isEmpty() && it != sourcePositions.constEnd())
            found.append({it->line, it->column, text});
        else
            found.append({0, 0, text});
    };
    if (!sandbox.enabled && !sandbox.workspacePath.isEmpty())
        note(QStringLiteral("sandbox.workspace_path"),
             QStringLiteral("[sandbox] workspace_path: has no effect with enabled = false (unsandboxed builds run at their workspace's own path)"));
    if (found.isEmpty())
        return {};
    return formatProblems(found, sourceFile).split(QLatin1Char('\n'));
}

namespace {

QString formatProblems(QList<Problem> problems, const QString &fileName)
{
    // File order (toml++ tables are ordered by key name, the checks by the key table); problems
    // without a position (values from the command line or defaults) after them, as found.
    std::stable_sort(problems.begin(), problems.end(), [](const Problem &a, const Problem &b) {
        if ((a.line == 0) != (b.line == 0))
            return b.line == 0;
        return a.line != b.line ? a.line < b.line : a.column < b.column;
    });
    QStringList lines;
    for (const Problem &p : problems) {
        if (p.line > 0 && !fileName.isEmpty())
            lines.append(QStringLiteral("%1:%2:%3: %4").arg(fileName).arg(p.line).arg(p.column).arg(p.text));
        else
            lines.append(p.text);
    }
    return lines.join(QLatin1Char('\n'));
}

QList<Problem> validationProblems(const ServerConfig &config)
{
    QList<Problem> problems;
    auto report = [&](const QString &positionKey, const QString &text) {
        const auto it = config.sourcePositions.constFind(positionKey);
        if (!config.sourceFile.isEmpty() && it != config.sourcePositions.constEnd())
            problems.append({it->line, it->column, text});
        else
            problems.append({0, 0, text});
    };
    const ServerConfig::Server &server = config.server;
    const ServerConfig::Build &build = config.build;
    const ServerConfig::Limits &limits = config.limits;
    const ServerConfig::Cache &cache = config.cache;
    const ServerConfig::Storage &storage = config.storage;
    const ServerConfig::Sandbox &sandbox = config.sandbox;

    // Reading through the shared key table; nothing is modified.
    ServerConfig &self = const_cast<ServerConfig &>(config);
    for (const KeySpec &spec : s_keys) {
        const QString label = keyLabel(spec);
        const QString where = positionKey(spec);
        FieldRef field = spec.field(self);
        qint64 value = 0;
        if (auto p = std::get_if<qint64 *>(&field)) {
            value = **p;
        } else if (auto p = std::get_if<int *>(&field)) {
            value = **p;
        } else if (auto p = std::get_if<double *>(&field)) {
            if (!(**p >= double(spec.min)))
                report(where, QStringLiteral("%1: must be at least %2, got %3").arg(label).arg(spec.min).arg(**p));
            continue;
        } else {
            continue;
        }
        if (value >= spec.min && value <= spec.max)
            continue;
        if (spec.max != s_noMax)
            report(where, QStringLiteral("%1: must be between %2 and %3, got %4").arg(label).arg(spec.min).arg(spec.max).arg(value));
        else if (spec.min == 0)
            report(where, QStringLiteral("%1: must not be negative, got %2").arg(label).arg(value));
        else
            report(where, QStringLiteral("%1: must be greater than 0, got %2").arg(label).arg(value));
    }

    const QString listenKey = QStringLiteral("server.listen");
    QHostAddress address;
    const bool isLocalhostName = server.listen == QLatin1String("localhost");
    if (!isLocalhostName && !address.setAddress(server.listen)) {
        report(listenKey, QStringLiteral("[server] listen: \"%1\" is not an IP address (for example 127.0.0.1, ::1 or 0.0.0.0)")
                              .arg(server.listen));
    } else if (!isLocalhostName && !address.isLoopback() && !config.requiresTokens()) {
        report(listenKey, QStringLiteral("refusing to listen on %1 without an access token: set [server] tokens_file (or tokens)").arg(server.listen));
    }
    for (int i = 0; i < server.tokens.size(); ++i) {
        const QString token = server.tokens.at(i).trimmed();
        if (token.isEmpty()) {
            report(QStringLiteral("server.tokens"), QStringLiteral("[server] tokens: a token must not be empty"));
            break;
        }
        // Whitespace marks an identity entry ("NAME ROLE sha256:HEX"); a plain token has none.
        if (token.contains(QRegularExpression(QStringLiteral("\\s")))) {
            const Result<TokenStore::Entry> entry = TokenStore::parseLine(token);
            if (!entry)
                report(QStringLiteral("server.tokens"), QStringLiteral("[server] tokens: element %1: %2").arg(i + 1).arg(entry.errorString()));
        }
    }
    if (!server.tokensFile.isEmpty() && !QDir::isAbsolutePath(server.tokensFile))
        report(QStringLiteral("server.tokens_file"),
               QStringLiteral("[server] tokens_file: must be an absolute path, got \"%1\"").arg(server.tokensFile));
    if (server.tlsCertificate.isEmpty() != server.tlsPrivateKey.isEmpty())
        report(server.tlsCertificate.isEmpty() ? QStringLiteral("server.tls_private_key") : QStringLiteral("server.tls_certificate"),
               QStringLiteral("[server] tls_certificate and tls_private_key: set both (wss://) or neither (ws://)"));
    for (const auto &[key, path] : {std::pair<QString, QString>{QStringLiteral("tls_certificate"), server.tlsCertificate},
                                    std::pair<QString, QString>{QStringLiteral("tls_private_key"), server.tlsPrivateKey}}) {
        if (!path.isEmpty() && !QDir::isAbsolutePath(path))
            report(QStringLiteral("server.") + key, QStringLiteral("[server] %1: must be an absolute path, got \"%2\"").arg(key, path));
    }
    if (cache.share != QLatin1String("user") && cache.share != QLatin1String("all"))
        report(QStringLiteral("cache.share"), QStringLiteral("[cache] share: expected \"user\" or \"all\", got \"%1\"").arg(cache.share));
    for (const QString &origin : server.allowedOrigins) {
        if (origin.trimmed().isEmpty()) {
            report(QStringLiteral("server.allowed_origins"), QStringLiteral("[server] allowed_origins: an origin must not be empty"));
            break;
        }
    }
    for (const QString &command : cache.toolchainCommands) {
        if (command.trimmed().isEmpty()) {
            report(QStringLiteral("cache.toolchain_commands"), QStringLiteral("[cache] toolchain_commands: a command must not be empty"));
            break;
        }
    }
    if (server.heartbeatTimeoutSec < server.heartbeatIntervalSec)
        report(QStringLiteral("server.heartbeat_timeout_sec"),
               QStringLiteral("[server] heartbeat_timeout_sec: must be at least heartbeat_interval_sec (%1), got %2")
                   .arg(server.heartbeatIntervalSec).arg(server.heartbeatTimeoutSec));
    if (build.disconnectPolicy != QLatin1String("cancel") && build.disconnectPolicy != QLatin1String("detach"))
        report(QStringLiteral("build.disconnect_policy"),
               QStringLiteral("[build] disconnect_policy: expected \"cancel\" or \"detach\", got \"%1\"").arg(build.disconnectPolicy));
    if (limits.nameTwins != QLatin1String("warn") && limits.nameTwins != QLatin1String("refuse"))
        report(QStringLiteral("limits.name_twins"),
               QStringLiteral("[limits] name_twins: expected \"warn\" or \"refuse\", got \"%1\"").arg(limits.nameTwins));
    if (sandbox.enabled && !QDir::isAbsolutePath(sandbox.bwrap))
        report(QStringLiteral("sandbox.bwrap"),
               QStringLiteral("[sandbox] bwrap: must be an absolute path, got \"%1\"").arg(sandbox.bwrap));
    if (sandbox.enabled && sandbox.buildUser.trimmed().isEmpty())
        report(QStringLiteral("sandbox.build_user"), QStringLiteral("[sandbox] build_user: must not be empty"));
    if (!sandbox.workspacePath.isEmpty() && sandbox.workspacePath != Sandbox::ClientMode) {
        if (const Result<void> usable = Sandbox::checkWorkspacePath(sandbox.workspacePath); !usable)
            report(QStringLiteral("sandbox.workspace_path"),
                   QStringLiteral("[sandbox] workspace_path: %1 (expected \"\", \"client\" or an absolute path such as \"/build\")")
                       .arg(usable.errorString()));
    }
    if (!storage.dataDir.isEmpty() && !QDir::isAbsolutePath(storage.dataDir))
        report(QStringLiteral("storage.data_dir"),
               QStringLiteral("[storage] data_dir: must be an absolute path, got \"%1\"").arg(storage.dataDir));

    return problems;
}

} // namespace

} // namespace BuildService
