// BuildServicePlugin: registers one remote runtime per configured build server.
#pragma once

#include <interfaces/iplugin.h>

#include <QVariantList>
#include <QVector>

namespace BuildService::Plugin {

class ProjectTracker;
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

private:
    ProjectTracker *m_tracker = nullptr;
    QVector<RemoteRuntime *> m_runtimes;
};

} // namespace BuildService::Plugin
