// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: GPL-2.0-or-later

// CachedBuild: the build cache's part in one build: look up, wait, restore and replay, or record a live run.
#pragma once

#include "build/eventsink.h"
#include "cache/cacheindex.h"
#include "cache/statescanner.h"
#include "cache/workspacestate.h"
#include "protocol/messages.h"
#include "sync/manifest.h"

#include <QObject>

#include <functional>
#include <memory>
#include <optional>

namespace BuildService {

class BuildCache;
class EventRecorder;
class RecordingReader;
class Replayer;
struct BuildExit;

/**
 * Created by a BuildJob once the workspace is synced, with the workspace state the build
 * starts from (WorkspaceState, after the sync) and this build's environment stamp. The key is
 * the request's inputs plus that state, so a recording is replayed only onto a workspace that
 * holds what the recorded one held (a new or emptied workspace: any recording made in such a
 * clean workspace). start() decides, possibly after waiting:
 * - replay: a live entry exists and verifies; its workspace changes are restored into the
 *   workspace (skipped for temporary builds), then "started" (with the recorded workspace path),
 *   the recorded output at the requested speed, and an "exit" event with cached = true. If the
 *   restore fails the build runs live instead (nothing was sent yet). Then replayed().
 * - live: runLive() is emitted; the job runs the command, sending its events to liveSink(),
 *   scans the workspace (capturing outputs when wantsCapture()), and calls completeLive()
 *   before it sends the exit event.
 * An identical build already running makes this one wait for it (single flight); a corrupt
 * recording is dropped and the build runs live. Lives on the server thread; @p cache and
 * @p sink must outlive it.
 */
class CachedBuild : public QObject
{
    Q_OBJECT
public:
    /** Where this build's results go. */
    struct Target {
        QString buildId;
        QString workspaceId;
        QString workspacePath;  ///< the workspace on the host (where outputs are restored)
        QString artifactsZip;  ///< the new build's artifacts.zip path
        QString statePath;     ///< where the workspace's state is saved; empty for temporary builds
        QString realPath;      ///< the workspace's canonical path (what the build's outputs name)
        QString owner;         ///< identity name of the build (recorded with the entry; the key's scope)
        QByteArray contentDigest; ///< CacheKey::contentDigest() of the sources when BuildCache::strongKeys()
        /** Where the build sees its workspace (its "started"; recorded for replays); empty: workspacePath. */
        QString shownPath;
        /** CacheKeyInput::workspacePath: shownPath when the sandbox shows a path of its own, else empty. */
        QString keyPath;
    };
    enum class State { Idle, WaitingForToolchain, WaitingForIdentical, Preparing, Restoring, Replaying, Live, Done };
    Q_ENUM(State)

    /** @p baseKey: CacheKey::compute() of the request, when the caller computed it off the event loop. */
    CachedBuild(BuildCache &cache, const BuildRequest &request, const Manifest &tree, Target target, EventSink *sink,
                WorkspaceState prior, QString environmentStamp, QString baseKey = QString(), QObject *parent = nullptr);
    ~CachedBuild() override;

    void start();
    /**
     * Client cancel: while waiting, failed(cancelled) follows; while replaying, the replay stops
     * and an exit event with cancelled = true is sent, then replayed(). No effect on a live run.
     */
    void cancel();
    /** Forwarded from the session: resumes a replay paused by back-pressure. */
    void sinkDrained();

    State state() const { return m_state; }
    /** The cache part of the exit event as decided so far. */
    CacheInfo liveInfo() const { return m_info; }
    /** The sink for the live run: a recorder in front of the client's sink, or that sink. */
    EventSink *liveSink();
    /** Whether the scan after the live command should store changed outputs (the result may be recorded). */
    bool wantsCapture(const BuildExit &exit) const;
    /**
     * The live command ended with @p exit and left the workspace as @p scan found it. Finishes
     * the recording (stored when cacheable), compares with the stored one for --verify, then
     * calls @p done (queued or at once) with the cache part of the exit event.
     */
    void completeLive(const ExitEvent &exit, const StateScanner::Scan &scan, std::function<void(const CacheInfo &)> done);

Q_SIGNALS:
    void runLive();
    void replayed();
    void failed(const BuildService::Error &error);

private:
    void decide();
    void miss(const QString &reason, bool record);
    void startLive(bool record);
    void restore(const CacheEntry &entry, std::shared_ptr<RecordingReader> reader, const QList<WorkspaceChange> &changes);
    void startReplay(const CacheEntry &entry, std::shared_ptr<RecordingReader> reader);
    void finishReplay(const QJsonObject &recordedExit, bool cancelled);
    void releaseClaim();
    CacheEntry entryFor(const ExitEvent &exit, const QString &outcome) const;

    BuildCache &m_cache;
    BuildRequest m_request;
    Manifest m_tree;
    Target m_target;
    EventSink *m_sink;
    WorkspaceState m_prior;
    QString m_environmentStamp;
    State m_state = State::Idle;
    QString m_baseKey;
    QString m_key;
    bool m_claimed = false;
    bool m_cancelPending = false;
    CacheInfo m_info;
    CacheEntry m_hit;
    std::optional<CacheEntry> m_verifyAgainst;  ///< --verify: the stored recording of the key
    qint64 m_startedMs = 0;
    std::unique_ptr<EventRecorder> m_recorder;
    std::unique_ptr<Replayer> m_replayer;
};

} // namespace BuildService
