// BuildServicePlugin: registers one remote runtime per configured build server.
#include "buildserviceplugin.h"

#include "debug.h"
#include "projecttracker.h"
#include "remoteruntime.h"
#include "serverlist.h"

#include <interfaces/icore.h>
#include <interfaces/iprojectcontroller.h>
#include <interfaces/iruntimecontroller.h>

#include <KPluginFactory>
#include <KSharedConfig>

#include <QFileInfo>
#include <QStandardPaths>

K_PLUGIN_FACTORY_WITH_JSON(BuildServicePluginFactory, "kdevbuildservice.json",
                           registerPlugin<BuildService::Plugin::BuildServicePlugin>();)

namespace BuildService::Plugin {

namespace {
const QLatin1String CliName("build-service");

bool isExecutableFile(const QString &path)
{
    const QFileInfo info(path);
    return info.isFile() && info.isExecutable();
}
} // namespace

BuildServicePlugin::BuildServicePlugin(QObject *parent, const QVariantList &)
    : KDevelop::IPlugin(QStringLiteral("kdevbuildservice"), parent)
    , m_tracker(new ProjectTracker(core()->projectController(), this))
{
    reloadServers();
}

BuildServicePlugin::~BuildServicePlugin() = default;

QString BuildServicePlugin::locateCli()
{
    const QString fromEnv = qEnvironmentVariable("BUILD_SERVICE_CLI");
    if (!fromEnv.isEmpty())
        return fromEnv;
    const KConfigGroup group = KSharedConfig::openConfig()->group(ServerList::GroupName);
    const QString configured = group.readEntry("Executable", QString());
    if (!configured.isEmpty())
        return configured;
    const QString installed = QStringLiteral(BS_INSTALL_BINDIR "/") + CliName;
    if (isExecutableFile(installed))
        return installed;
    return QStandardPaths::findExecutable(CliName);
}

void BuildServicePlugin::reloadServers()
{
    const QString cli = locateCli();
    if (cli.isEmpty())
        qCWarning(BS_PLUGIN) << "the build-service executable was not found; remote runtimes will build locally";
    const QVector<ServerEntry> servers = ServerList::load(KSharedConfig::openConfig()->group(ServerList::GroupName));
    auto *controller = core()->runtimeController();
    for (const ServerEntry &server : servers) {
        RemoteRuntime *existing = nullptr;
        // Reuse a runtime left by an earlier load of the plugin in this session: the
        // controller cannot remove runtimes, and duplicate names would confuse the user.
        const auto available = controller->availableRuntimes();
        for (KDevelop::IRuntime *runtime : available) {
            auto *remote = qobject_cast<RemoteRuntime *>(runtime);
            if (remote && remote->name() == RemoteRuntime::runtimeName(server.name))
                existing = remote;
        }
        if (existing) {
            existing->setServer(server);
            existing->setTracker(m_tracker);
            existing->setCliPath(cli);
        } else {
            existing = new RemoteRuntime(server, m_tracker, cli);
            controller->addRuntimes(existing);
            qCDebug(BS_PLUGIN) << "added runtime" << existing->name() << server.url;
        }
        if (!m_runtimes.contains(existing))
            m_runtimes.append(existing);
    }
}

void BuildServicePlugin::unload()
{
    auto *controller = core()->runtimeController();
    if (m_runtimes.contains(qobject_cast<RemoteRuntime *>(controller->currentRuntime()))) {
        const auto available = controller->availableRuntimes();
        // The host runtime is always the first one the controller creates.
        if (!available.isEmpty())
            controller->setCurrentRuntime(available.first());
    }
    for (RemoteRuntime *runtime : qAsConst(m_runtimes))
        runtime->setTracker(nullptr);
}

} // namespace BuildService::Plugin

#include "buildserviceplugin.moc"
