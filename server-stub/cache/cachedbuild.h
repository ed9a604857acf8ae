// CachedBuild: the build cache's part in one build: look up, wait, replay, or record a live run.
#pragma once

#include "build/eventsink.h"
#include "cache/cacheindex.h"
#include "protocol/messages.h"
#include "sync/manifest.h"

#include <QObject>

#include <memory>

namespace BuildService {

class BuildCache;
class EventRecorder;
class RecordingReader;
class Replayer;

/**
 * Created by a BuildJob once the workspace is synced. start() decides, possibly after waiting:
 * - replay: a live entry exists (and verifies): sends "started" (with the recorded workspace
 *   path, so clients map recorded paths as usual), the recorded output at the requested speed,
 *   and an "exit" event under the new build id with cached = true and the cache details; the
 *   recorded artifacts are linked into @p target.artifactsZip. Then replayed() is emitted.
 * - live: runLive() is emitted; the job runs the command, sending its events to liveSink()
 *   (which records them when the outcome may be cached), and calls liveFinished() with the
 *   exit event it sent.
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
        QString workspacePath;
        QString artifactsZip;  ///< the new build's artifacts.zip path
    };
    enum class State { Idle, WaitingForToolchain, WaitingForIdentical, Preparing, Replaying, Live, Done };
    Q_ENUM(State)

    CachedBuild(BuildCache &cache, const BuildRequest &request, const Manifest &tree, Target target, EventSink *sink,
                QObject *parent = nullptr);
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
    /** The sink for the live run: a recorder in front of the client's sink, or that sink. */
    EventSink *liveSink();
    /** The cache part of the live build's exit event. */
    CacheInfo liveInfo() const { return m_info; }
    /** The live build sent @p exit; stores the recording when the outcome may be cached. */
    void liveFinished(const ExitEvent &exit);

Q_SIGNALS:
    void runLive();
    void replayed();
    void failed(const BuildService::Error &error);

private:
    void decide();
    void startLive(bool record);
    void startReplay(const CacheEntry &entry, std::shared_ptr<RecordingReader> reader);
    void finishReplay(const QJsonObject &recordedExit, bool cancelled);
    void releaseClaim();

    BuildCache &m_cache;
    BuildRequest m_request;
    Manifest m_tree;
    Target m_target;
    EventSink *m_sink;
    State m_state = State::Idle;
    QString m_key;
    bool m_claimed = false;
    CacheInfo m_info;
    CacheEntry m_hit;
    qint64 m_startedMs = 0;
    std::unique_ptr<EventRecorder> m_recorder;
    std::unique_ptr<Replayer> m_replayer;
};

} // namespace BuildService
