// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: LGPL-2.1-only OR LGPL-3.0-only

// RemoteRuntime: the "Remote: <server>" runtime; build tools of open projects run on the server.
#pragma once

#include "serverlist.h"

#include <interfaces/iruntime.h>

#include <QPointer>
#include <QProcessEnvironment>

namespace KDevelop {
class IProject;
}

namespace BuildService::Plugin {

class ProjectTracker;

/**
 * A KDevelop runtime for one build server. startProcess() rewrites a process into a remote
 * build (`build-service build ...`, see RemoteCommand) only when it is a build tool doing a
 * build step AND its working directory is inside a tracked project; every other process
 * (compiler probing, debuggers, launches, tools outside projects) starts on the host as the
 * host runtime would start it. Paths are the host's: the CLI maps remote paths in the output
 * back to the checkout, so pathInHost/pathInRuntime are the identity.
 *
 * The runtime controller owns instances (parented to it); the tracker is owned by the plugin
 * and may disappear first, after which nothing is rewritten. Main thread only.
 */
class RemoteRuntime : public KDevelop::IRuntime
{
    Q_OBJECT
public:
    /** The runtime name for @p serverName; stable (not translated), KDevelop keys build dirs by it. */
    static QString runtimeName(const QString &serverName);

    RemoteRuntime(const ServerEntry &server, ProjectTracker *tracker, const QString &cliPath);

    QString name() const override;
    void startProcess(QProcess *process) const override;
    void startProcess(KProcess *process) const override;
    KDevelop::Path pathInRuntime(const KDevelop::Path &localPath) const override;
    KDevelop::Path pathInHost(const KDevelop::Path &runtimePath) const override;
    QString findExecutable(const QString &executableName) const override;
    QByteArray getenv(const QByteArray &varname) const override;
    KDevelop::Path buildPath() const override;

    const ServerEntry &server() const { return m_server; }
    /** Updates the server settings (URL, token) without changing the name. */
    void setServer(const ServerEntry &server);
    void setTracker(ProjectTracker *tracker);
    void setCliPath(const QString &cliPath) { m_cliPath = cliPath; }
    /**
     * While set (e.g. "--fresh" or "--verify"), wrapped build tools pass this build cache
     * option: Build Fresh and Verify Build. Empty: the server's cache decides.
     */
    void setCacheOverride(const QString &option) { m_cacheOverride = option; }
    QString cliPath() const { return m_cliPath; }
    bool isEnabled() const { return m_enabled; }

protected:
    void setEnabled(bool enabled) override;

private:
    /**
     * The command line that will run instead of @p argv started in @p workingDir, or an empty
     * list when the process stays on the host. Called once per started process, because it
     * uses up one-shot project settings (fresh workspace).
     */
    QStringList remoteCommandLine(const QStringList &argv, const QString &workingDir) const;
    /** --cmake-build-dir when the configuration must come back, else --exclude of the build directory. */
    QString cmakeOption(const QString &buildDir, const QString &root, bool mirror) const;
    /** KDevelop's "Extra Arguments" of @p project's CMake build directory for this runtime. */
    QStringList cmakeExtraArguments(KDevelop::IProject *project) const;
    /** Puts the short summary line first into the output of the job that owns @p process. */
    void announce(QObject *process, const QStringList &argv, const QString &workingDir) const;

    QProcessEnvironment environmentWithToken(const QProcessEnvironment &base, const QString &workingDir) const;

    ServerEntry m_server;
    QPointer<ProjectTracker> m_tracker;
    QString m_cliPath;
    QString m_cacheOverride;
    bool m_enabled = false;
};

} // namespace BuildService::Plugin
