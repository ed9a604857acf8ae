// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: LGPL-2.1-only OR LGPL-3.0-only

// BuildServicePlugin: registers one remote runtime per configured build server.
#pragma once

#include <interfaces/iplugin.h>

#include <QVariantList>
#include <QVector>

class KJob;
namespace KDevelop {
class IProject;
}

namespace BuildService::Plugin {

class ProjectTracker;
class RemoteLaunchConfigurationType;
class RemoteRuntime;

/**
 * The KDevelop plugin "kdevbuildservice". On load it reads the servers (ServerList, group
 * "BuildService" of kdeveloprc), adds a RemoteRuntime per server to the runtime controller
 * (which owns them) and tracks projects for them. The `build-service` CLI is looked up in this
 * order: $BUILD_SERVICE_CLI, the config key Executable, the install prefix's bin directory, PATH.
 * On unload a remote runtime that is current is replaced by the host runtime; the runtimes
 * stay registered but rewrite nothing (KDevelop offers no way to remove a runtime).
 */
class BuildServicePlugin : public KDevelop::IPlugin
{
    Q_OBJECT
public:
    BuildServicePlugin(QObject *parent, const QVariantList &args);
    ~BuildServicePlugin() override;

    void unload() override;

    /** Where the CLI is, or an empty string when it cannot be found. */
    static QString locateCli();

    /** Re-reads the server list: adds runtimes for new servers, updates URL and token of known ones. */
    Q_INVOKABLE void reloadServers();

    /**
     * "Build fresh": builds @p project with its own builder (as Build does) while the remote
     * runtimes pass --fresh, so the server runs the build even if its cache holds a recording
     * of an identical one. The job is registered with the run controller; returns it, or
     * nullptr when the project has no builder.
     */
    Q_INVOKABLE KJob *buildFresh(KDevelop::IProject *project);
    /**
     * "Verify build": builds @p project live with --verify: the server compares exit code,
     * output and workspace changes with its recording of the identical build, and the Build
     * view says "reproducible" or where they first differ. As buildFresh() otherwise.
     */
    Q_INVOKABLE KJob *verifyBuild(KDevelop::IProject *project);

    void createActionsForMainWindow(Sublime::MainWindow *window, QString &xmlFile, KActionCollection &actions) override;

    /** One global page, "Build Servers" (settings/serverspage.h). */
    int configPages() const override { return 1; }
    KDevelop::ConfigPage *configPage(int number, QWidget *parent) override;
    /** One page per project, "Remote Build" (settings/projectsettingspage.h). */
    int perProjectConfigPages() const override { return 1; }
    KDevelop::ConfigPage *perProjectConfigPage(int number, const KDevelop::ProjectConfigOptions &options, QWidget *parent) override;

private:
    /** Builds @p project with @p option passed to every remote build tool of that build. */
    KJob *buildWithCacheOption(KDevelop::IProject *project, const QString &option);
    /** The project of the active document, else the first open one. */
    KDevelop::IProject *currentProject() const;

    ProjectTracker *m_tracker = nullptr;
    QVector<RemoteRuntime *> m_runtimes;
    /** The run configuration type "Remote Command (Build Server)" (launcher/); owned, removed on unload. */
    RemoteLaunchConfigurationType *m_launchType = nullptr;
};

} // namespace BuildService::Plugin
