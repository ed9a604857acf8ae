// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: GPL-2.0-or-later

// BuildServer: server start-up, status and graceful shutdown.
#include "buildserver.h"

#include "workspace/trashbin.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QHostAddress>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QTimer>

#include <pwd.h>
#include <unistd.h>

Q_LOGGING_CATEGORY(lcServer, "buildservice.server")

namespace BuildService {

namespace {
constexpr int s_loopWatchMs = 50;
constexpr int s_loopLagWarnMs = 100;
} // namespace

BuildServer::BuildServer(ServerConfig config, QObject *parent)
    : QObject(parent)
    , m_config(std::move(config))
    , m_auth(m_config.server.tokens, m_config.server.tokensFile)
    , m_store(m_config.resolvedDataDir(), m_config.build.workspaceTtlSec)
    , m_running(m_config.resolvedDataDir() + QLatin1String("/running"))
    , m_cache(m_config.resolvedDataDir(), BuildCache::Options::fromConfig(m_config))
{
}

BuildServer::~BuildServer() = default;

Result<void> BuildServer::start()
{
    const Result<void> valid = m_config.validate();
    if (!valid)
        return valid;
    if (const Result<void> tokens = m_auth.reload(); !tokens)
        return tokens;
    if (m_auth.required())
        qCInfo(lcServer) << m_auth.size() << "access token(s) accepted";
    const Result<void> opened = m_store.open();
    if (!opened)
        return opened;
    // Only now that we hold the data directory's lock: builds a killed server left running
    // would otherwise keep writing into workspaces we are about to hand out again.
    const int reaped = m_running.reapOrphans();
    if (reaped > 0)
        qCWarning(lcServer) << "stopped" << reaped << "build(s) left running by an earlier server process";
    m_gc = std::make_unique<WorkspaceGc>(m_store, m_locks, m_config, systemClock());
    m_gc->start();
    const Result<void> sandboxed = prepareSandbox();
    if (!sandboxed)
        return sandboxed;
    const Result<void> cacheOpened = m_cache.open();
    if (!cacheOpened)
        return cacheOpened;
    m_registry.setMetrics(&m_metrics);
    const BuildContext context{m_config, m_store, m_locks, &m_cache, &m_running, &m_registry, &m_auth, &m_sandbox};
    m_listener = std::make_unique<Listener>(context, [this](const Identity &identity) { return status(identity); });
    HttpEndpoints::Providers http;
    http.notReadyReason = [this] { return notReadyReason(); };
    http.metrics = [this] { return renderMetrics(); };
    http.auth = &m_auth;
    m_listener->setHttpProviders(http);
    if (const Result<void> tls = m_listener->loadTls(); !tls)
        return tls;
    connect(m_listener.get(), &Listener::drained, this, [this] {
        qCInfo(lcServer) << "all connections closed; stopping";
        Q_EMIT stopped();
    });
    const Result<void> listening = m_listener->listen(QHostAddress(m_config.server.listen), quint16(m_config.server.port));
    if (!listening)
        return listening;
    m_uptime.start();
    // Nothing slow may run on the event loop: a timer that fires late shows when something did.
    m_loopClock.start();
    m_loopWatch.setInterval(s_loopWatchMs);
    connect(&m_loopWatch, &QTimer::timeout, this, [this] {
        const qint64 lag = m_loopClock.restart() - s_loopWatchMs;
        if (lag > m_loopLagMaxMs)
            m_loopLagMaxMs = lag;
        if (lag >= s_loopLagWarnMs)
            qCWarning(lcServer) << "the event loop was blocked for about" << lag << "ms";
    });
    m_loopWatch.start();
    return {};
}

Result<void> BuildServer::prepareSandbox()
{
    const ServerConfig::Sandbox &config = m_config.sandbox;
    for (const QString &warning : m_config.warnings())
        qCWarning(lcServer).noquote() << warning;
    if (!config.enabled) {
        qCWarning(lcServer) << "[sandbox] enabled = false: builds run unconfined, as the server's user with its environment";
        return {};
    }
    SandboxOptions options;
    options.bwrap = config.bwrap;
    options.workspacePath = config.workspacePath;
    options.network = config.network;
    options.maxProcesses = config.maxProcesses;
    options.maxMemoryBytes = config.maxMemoryBytes;
    options.maxFileBytes = config.maxFileBytes;
    options.maxCpuSec = config.maxCpuSec;
    options.hiddenPaths = QStringList{m_config.resolvedDataDir()};
    if (!m_config.sourceFile.isEmpty())
        options.hiddenPaths << QFileInfo(m_config.sourceFile).absoluteFilePath();
    if (::geteuid() == 0) {
        const QByteArray name = config.buildUser.toLocal8Bit();
        struct passwd entry;
        struct passwd *found = nullptr;
        char buffer[4096];
        if (::getpwnam_r(name.constData(), &entry, buffer, sizeof buffer, &found) != 0 || !found)
            return makeError(ErrorCode::ConfigInvalid, QStringLiteral("[sandbox] build_user: there is no user \"%1\" on this system").arg(config.buildUser));
        if (found->pw_uid == 0)
            return makeError(ErrorCode::ConfigInvalid, QStringLiteral("[sandbox] build_user: builds must not run as root; \"%1\" is uid 0").arg(config.buildUser));
        options.uid = found->pw_uid;
        options.gid = found->pw_gid;
    }
    // Once, before anything listens: a few milliseconds of bwrap.
    const Result<void> probed = Sandbox::probe(options);
    if (!probed) {
        if (m_config.requiresTokens())
            return makeError(ErrorCode::SpawnFailed,
                             QStringLiteral("builds cannot be sandboxed on this machine: %1. Refusing to serve several users "
                                            "([server] tokens or tokens_file is set) with builds that could read each other's workspaces and the "
                                            "server's configuration. Install bubblewrap and allow namespaces, or set [sandbox] "
                                            "enabled = false to accept unconfined builds.")
                                 .arg(probed.errorString()));
        qCWarning(lcServer).noquote() << "WARNING: builds cannot be sandboxed on this machine:" << probed.errorString()
                                      << "- they run UNCONFINED as the server's user (single-user mode without tokens only;"
                                      << "see docs/security.md)";
        if (!config.workspacePath.isEmpty())
            qCWarning(lcServer) << "[sandbox] workspace_path is ignored: unconfined builds run at their workspace's own path";
        return {};
    }
    options.enabled = true;
    m_sandbox = options;
    // Recordings of builds that saw another environment or sandbox are not replayed.
    m_cache.setBuildEnvironment(Sandbox::defaultPath(), Sandbox::describe(options, Sandbox::baseEnvironment(Sandbox::processEnvironment())));
    qCInfo(lcServer).noquote() << "builds run sandboxed by" << options.bwrap
                               << (options.uid >= 0 ? QStringLiteral("as uid %1").arg(options.uid) : QStringLiteral("in a user namespace"))
                               << (options.network ? "with network access" : "without network")
                               << (options.workspacePath.isEmpty() ? QString()
                                   : options.workspacePath == Sandbox::ClientMode ? QStringLiteral("at the client's checkout path")
                                                                                  : QStringLiteral("at %1").arg(options.workspacePath));
    return {};
}

QString BuildServer::url() const
{
    return m_listener ? m_listener->url() : QString();
}

void BuildServer::stop()
{
    if (m_stopping || !m_listener) {
        if (!m_listener)
            Q_EMIT stopped();
        return;
    }
    if (m_draining) {
        qCInfo(lcServer) << "asked again to stop: not waiting for the running build(s) any longer";
        stopNow();
        return;
    }
    const int running = m_listener->activeBuilds();
    if (m_config.server.drainTimeoutSec == 0 || running == 0) {
        stopNow();
        return;
    }
    // A restart or an upgrade should not throw away builds that are about to end; builds
    // that do not end in time are cancelled as before.
    m_draining = true;
    qCInfo(lcServer) << "draining: refusing new builds, waiting up to" << m_config.server.drainTimeoutSec << "s for" << running
                     << "running build(s) to finish (stop again to cancel them now)";
    connect(m_listener.get(), &Listener::buildsDrained, this, [this] {
        qCInfo(lcServer) << "drained: all builds finished";
        stopNow();
    });
    m_drainTimer.setSingleShot(true);
    m_drainTimer.setInterval(int(m_config.server.drainTimeoutSec * 1000));
    connect(&m_drainTimer, &QTimer::timeout, this, [this] {
        qCWarning(lcServer) << "drain timeout ([server] drain_timeout_sec =" << m_config.server.drainTimeoutSec << "s) reached with"
                            << m_listener->activeBuilds() << "build(s) still running";
        stopNow();
    });
    m_drainTimer.start();
    m_listener->drain();
}

void BuildServer::stopNow()
{
    if (m_stopping)
        return;
    m_drainTimer.stop();
    m_stopping = true;
    qCInfo(lcServer) << "stopping: cancelling" << m_listener->activeBuilds() << "running build(s)";
    m_listener->shutdown();
}

Result<void> BuildServer::reload()
{
    QStringList problems;
    if (const Result<void> tokens = m_auth.reload(); tokens)
        qCInfo(lcServer) << "reloaded: now" << m_auth.size() << "access token(s) accepted";
    else
        problems.append(tokens.errorString());
    if (m_listener) {
        if (const Result<void> tls = m_listener->loadTls(); !tls)
            problems.append(tls.errorString());
    }
    if (problems.isEmpty())
        return {};
    const QString text = problems.join(QLatin1Char('\n'));
    qCWarning(lcServer).noquote() << "reload: kept the previous settings:" << text;
    return makeError(ErrorCode::ConfigInvalid, text);
}

QString BuildServer::notReadyReason() const
{
    if (m_stopping)
        return QStringLiteral("shutting down");
    if (m_draining)
        return QStringLiteral("draining: new builds are refused while running builds finish");
    return QString();
}

QByteArray BuildServer::renderMetrics() const
{
    // All from memory: the store's index, the lock table, the listener's sessions.
    ServerMetrics::Gauges gauges;
    if (m_listener) {
        gauges.sessions = m_listener->sessionCount();
        gauges.runningBuilds = m_listener->activeBuilds();
    }
    const QStringList busy = m_locks.busyIds();
    for (const QString &id : busy)
        gauges.queuedBuilds += m_locks.waitingCount(id);
    for (const WorkspaceStore::WorkspaceInfo &workspace : m_store.list()) {
        const QString state = busy.contains(workspace.id) ? QStringLiteral("building")
                              : workspace.dirty            ? QStringLiteral("dirty")
                                                           : QStringLiteral("idle");
        ++gauges.workspaces[state];
        gauges.workspaceBytes += workspace.bytes;
    }
    gauges.ready = notReadyReason().isEmpty();
    return m_metrics.render(gauges);
}

QJsonObject BuildServer::status(const Identity &identity) const
{
    const auto all = m_store.list();
    QList<WorkspaceStore::WorkspaceInfo> workspaces;
    qint64 bytes = 0;
    for (const auto &w : all) {
        if (!identity.mayAccess(w.owner))
            continue;
        workspaces.append(w);
        bytes += w.bytes;
    }
    const QJsonObject who{{QStringLiteral("user"), identity.name}, {QStringLiteral("role"), Identity::roleName(identity.role)}};
    if (!identity.isAdmin()) {
        // Server-wide figures (other users' connections, builds, disk use) are for admins only.
        return QJsonObject{
            {QStringLiteral("server"), QString(QCoreApplication::applicationName() + QLatin1Char('/') + QCoreApplication::applicationVersion())},
            {QStringLiteral("protocol"), Protocol::Version},
            {QStringLiteral("identity"), who},
            {QStringLiteral("workspaces"), int(workspaces.size())},
            {QStringLiteral("workspace_bytes"), bytes},
            {QStringLiteral("workspace_ttl_sec"), m_config.build.workspaceTtlSec},
            {QStringLiteral("cache_enabled"), m_cache.enabled()},
        };
    }
    return QJsonObject{
        {QStringLiteral("identity"), who},
        {QStringLiteral("server"), QString(QCoreApplication::applicationName() + QLatin1Char('/') + QCoreApplication::applicationVersion())},
        {QStringLiteral("protocol"), Protocol::Version},
        {QStringLiteral("uptime_sec"), m_uptime.elapsed() / 1000},
        {QStringLiteral("connections"), m_listener ? m_listener->sessionCount() : 0},
        {QStringLiteral("builds_running"), m_listener ? m_listener->activeBuilds() : 0},
        {QStringLiteral("workspaces"), int(workspaces.size())},
        {QStringLiteral("workspace_bytes"), bytes},
        {QStringLiteral("workspace_ttl_sec"), m_config.build.workspaceTtlSec},
        {QStringLiteral("max_workspaces"), m_config.build.maxWorkspaces},
        {QStringLiteral("max_total_bytes"), m_config.build.maxTotalBytes},
        {QStringLiteral("concurrent_builds"),
         m_config.build.concurrentBuilds == ServerConfig::ConcurrentBuilds::Reject ? QStringLiteral("reject") : QStringLiteral("queue")},
        {QStringLiteral("cache_enabled"), m_cache.enabled()},
        {QStringLiteral("sandboxed"), m_sandbox.enabled},
        {QStringLiteral("trash"), m_store.trash() ? m_store.trash()->status() : QJsonObject()},
        {QStringLiteral("loop_lag_max_ms"), m_loopLagMaxMs},
    };
}

} // namespace BuildService
