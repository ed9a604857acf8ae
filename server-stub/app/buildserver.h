// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: GPL-2.0-or-later

// BuildServer: wires configuration, workspace store, GC and the listener together.
#pragma once

#include "auth/authenticator.h"
#include "build/buildcontext.h"
#include "cache/buildcache.h"
#include "config/serverconfig.h"
#include "net/buildregistry.h"
#include "net/listener.h"
#include "net/servermetrics.h"
#include "runner/runningbuilds.h"
#include "runner/sandbox.h"
#include "workspace/workspacegc.h"
#include "workspace/workspacelocks.h"
#include "workspace/workspacestore.h"

#include <QElapsedTimer>
#include <QTimer>
#include <QObject>

#include <memory>

namespace BuildService {

/**
 * The server application object. start() opens the data directory (recovering what a crash
 * left), starts GC and listens; stop() is the graceful SIGTERM path: first a drain (new builds
 * are refused, running builds may finish for [server] drain_timeout_sec), then no new
 * connections, builds still running cancelled with their exit events sent, then stopped() is
 * emitted. A stop() during the drain skips the rest of it.
 */
class BuildServer : public QObject
{
    Q_OBJECT
public:
    explicit BuildServer(ServerConfig config, QObject *parent = nullptr);
    ~BuildServer() override;

    Result<void> start();
    void stop();
    /**
     * SIGHUP: re-reads the tokens file and the TLS certificate and key. New connections use
     * them; established ones keep their identity and session keys. What cannot be read is
     * logged and the previous value stays in force. Returns the problems, if any.
     */
    Result<void> reload();
    QString url() const;
    const ServerConfig &config() const { return m_config; }

Q_SIGNALS:
    void stopped();

private:
    QJsonObject status(const Identity &identity) const;
    /** Empty while builds are accepted, else why not (GET /readyz). */
    QString notReadyReason() const;
    QByteArray renderMetrics() const;
    void stopNow();
    Result<void> prepareSandbox();

    ServerConfig m_config;
    Authenticator m_auth;
    WorkspaceStore m_store;
    WorkspaceLocks m_locks;
    RunningBuilds m_running;
    SandboxOptions m_sandbox;  ///< what builds run in, once start() has probed it
    BuildCache m_cache;  // before the listener: builds use it until their sessions are gone
    ServerMetrics m_metrics;   // before the registry, whose streams count into it
    BuildRegistry m_registry;  // before the listener: sessions' jobs write into its streams
    std::unique_ptr<WorkspaceGc> m_gc;
    std::unique_ptr<Listener> m_listener;
    QElapsedTimer m_uptime;
    QTimer m_loopWatch;          ///< measures how late the event loop runs a periodic timer
    QElapsedTimer m_loopClock;
    qint64 m_loopLagMaxMs = 0;   ///< worst lag since start (status "loop_lag_max_ms")
    QTimer m_drainTimer;
    bool m_draining = false;
    bool m_stopping = false;
};

} // namespace BuildService
