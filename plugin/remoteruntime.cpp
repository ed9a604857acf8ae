// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: LGPL-2.1-only OR LGPL-3.0-only

// RemoteRuntime: the "Remote: <server>" runtime; build tools of open projects run on the server.
#include "remoteruntime.h"

#include "cmakeconfigurefirst.h"
#include "cmakeinputs.h"
#include "debug.h"
#include "projecttracker.h"
#include "remotecommand.h"
#include "client/cmakemirror.h"
#include "client/workspaceidstore.h"
#include "settings/projectsettingsapplier.h"

#include <interfaces/iproject.h>
#include <outputview/outputexecutejob.h>
#include <outputview/outputmodel.h>
#include <util/path.h>

#include <KConfigGroup>
#include <KShell>
#include <KSharedConfig>

#include <KProcess>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>

namespace BuildService::Plugin {

namespace {
const QLatin1String TokenVariable("BUILD_SERVICE_TOKEN");

QString effectiveWorkingDir(const QString &workingDir)
{
    // QProcess runs in the IDE's current directory when none is set.
    return QDir::cleanPath(workingDir.isEmpty() ? QDir::currentPath() : QDir(workingDir).absolutePath());
}

template<typename Process>
void logErrors(const KDevelop::IRuntime *runtime, Process *process)
{
    QObject::connect(process, &QProcess::errorOccurred, runtime, [process](QProcess::ProcessError error) {
        qCWarning(BS_PLUGIN) << "process" << process->program() << "failed:" << error << process->errorString();
    });
}
} // namespace

QString RemoteRuntime::runtimeName(const QString &serverName)
{
    return QStringLiteral("Remote: ") + serverName;
}

RemoteRuntime::RemoteRuntime(const ServerEntry &server, ProjectTracker *tracker, const QString &cliPath)
    : m_server(server)
    , m_tracker(tracker)
    , m_cliPath(cliPath)
{
}

QString RemoteRuntime::name() const
{
    return runtimeName(m_server.name);
}

void RemoteRuntime::setServer(const ServerEntry &server)
{
    Q_ASSERT(server.name == m_server.name);
    m_server = server;
}

void RemoteRuntime::setTracker(ProjectTracker *tracker)
{
    m_tracker = tracker;
}

QStringList RemoteRuntime::remoteCommandLine(const QStringList &argv, const QString &workingDir) const
{
    if (!m_tracker || !RemoteCommand::isBuildTool(argv))
        return {};
    const QString dir = m_tracker->mapIntoProject(effectiveWorkingDir(workingDir));
    const QString root = m_tracker->rootFor(dir);
    if (root.isEmpty()) {
        qCDebug(BS_PLUGIN) << "build tool outside any project stays local:" << argv << "in" << dir;
        return {};
    }
    if (m_cliPath.isEmpty()) {
        qCWarning(BS_PLUGIN) << "the build-service executable was not found; running" << argv << "locally";
        return {};
    }
    KDevelop::IProject *project = m_tracker->projectFor(root);
    RemoteCommand::Input input{argv, dir, root, m_server.url, m_cliPath, {}, {}};
    const QString buildDir = RemoteCommand::cmakeBuildDir(argv, dir, root, [](const QString &candidate) {
        return QFileInfo::exists(candidate + QLatin1String("/CMakeCache.txt"));
    });
    bool configures = RemoteCommand::isCMakeConfigure(argv);
    if (!buildDir.isEmpty()) {
        input.buildDir = buildDir;
        QFile cacheFile(buildDir + QLatin1String("/CMakeCache.txt"));
        const QByteArray cache = cacheFile.open(QIODevice::ReadOnly) ? cacheFile.readAll() : QByteArray();
        if (configures) {
            // KDevelop names the generator only when the local build directory is new; the
            // server's may be new although the mirrored one is not.
            input.argv = CMakeConfigureFirst::withGenerator(argv, CMakeConfigureFirst::cacheValue(cache, QStringLiteral("CMAKE_GENERATOR")));
        } else if (ProjectSettingsApplier::freshWorkspacePending(project)) {
            // A new workspace has no build directory: configure it first, as the local one was.
            input.configureFirst = CMakeConfigureFirst::configureArgv(cache, cmakeExtraArguments(project));
            configures = !input.configureFirst.isEmpty();
        }
    }
    QStringList command = RemoteCommand::wrap(input);
    const bool mirror = !buildDir.isEmpty() && (configures || CMakeInputs::changedSinceMirror(buildDir));
    if (const QString cmake = cmakeOption(buildDir, root, mirror); !cmake.isEmpty())
        command.insert(2, cmake); // right after "build"
    ProjectSettingsApplier::apply(project, m_server, command); // settings/: server, -a, --exclude
    // The server replays a recording only onto a workspace in the state it was recorded from
    // and restores the outputs, so Clean, Install and Configure need nothing from us here.
    if (!m_cacheOverride.isEmpty())
        command.insert(2, m_cacheOverride);
    return command;
}

QString RemoteRuntime::cmakeOption(const QString &buildDir, const QString &root, bool mirror) const
{
    if (buildDir.isEmpty())
        return {};
    const Result<CMakeMirror> created = CMakeMirror::create(root, buildDir);
    if (!created) {
        qCWarning(BS_PLUGIN) << "the CMake build directory is not mirrored:" << created.errorString();
        return {};
    }
    // The configuration comes back after a configure, and after a build only when CMake may
    // have re-run: it is large for large projects. Either way the local copy stays local.
    if (mirror)
        return QStringLiteral("--cmake-build-dir=") + created.value().relativeDir();
    return QStringLiteral("--exclude=") + created.value().excludePattern();
}

QStringList RemoteRuntime::cmakeExtraArguments(KDevelop::IProject *project) const
{
    if (!project)
        return {};
    // KDevelop 22.12's keys (plugins/cmake/cmakeconfiggroupkeys.h), per runtime.
    const KConfigGroup cmake = project->projectConfiguration()->group("CMake");
    const int index = cmake.readEntry(QStringLiteral("Current Build Directory Index-") + name(), -1);
    if (index < 0)
        return {};
    const QString extra = cmake.group(QStringLiteral("CMake Build Directory %1").arg(index)).readEntry("Extra Arguments", QString());
    return KShell::splitArgs(extra);
}

void RemoteRuntime::announce(QObject *process, const QStringList &argv, const QString &workingDir) const
{
    // KDevelop's own first line is "<dir>> <program and arguments>", i.e. the long CLI call;
    // it comes right after startProcess() returns, so a line added now comes before it.
    auto *job = qobject_cast<KDevelop::OutputExecuteJob *>(process->parent());
    if (!job || !job->model() || !m_tracker)
        return;
    const QString dir = m_tracker->mapIntoProject(effectiveWorkingDir(workingDir));
    const ServerEntry server = ProjectSettingsApplier::serverFor(m_tracker->projectFor(dir), m_server);
    job->model()->appendLine(RemoteCommand::summary(argv, dir, m_tracker->rootFor(dir), server.url));
}

QProcessEnvironment RemoteRuntime::environmentWithToken(const QProcessEnvironment &base, const QString &workingDir) const
{
    // The project may send its builds to another server (settings/), with that server's token.
    const ServerEntry server = ProjectSettingsApplier::serverFor(
        m_tracker ? m_tracker->projectFor(effectiveWorkingDir(workingDir)) : nullptr, m_server);
    QProcessEnvironment env = base.isEmpty() ? QProcessEnvironment::systemEnvironment() : base;
    // The token goes through the environment, never the command line (visible in ps).
    if (!server.token.isEmpty())
        env.insert(TokenVariable, server.token);
    // The certificate checks of a wss:// server, as the CLI reads them.
    if (!server.caFile.isEmpty())
        env.insert(QStringLiteral("BUILD_SERVICE_CA_FILE"), server.caFile);
    if (!server.pinSha256.isEmpty())
        env.insert(QStringLiteral("BUILD_SERVICE_PIN_SHA256"), server.pinSha256);
    return env;
}

void RemoteRuntime::startProcess(QProcess *process) const
{
    logErrors(this, process);
    const QStringList argv = QStringList{process->program()} + process->arguments();
    const QStringList remote = remoteCommandLine(argv, process->workingDirectory());
    if (!remote.isEmpty()) {
        qCInfo(BS_PLUGIN) << "running remotely on" << m_server.name << ":" << remote;
        announce(process, argv, process->workingDirectory());
        process->setProgram(remote.first());
        process->setArguments(remote.mid(1));
        process->setProcessEnvironment(environmentWithToken(process->processEnvironment(), process->workingDirectory()));
    }
    process->start();
}

void RemoteRuntime::startProcess(KProcess *process) const
{
    logErrors(this, process);
    const QStringList remote = remoteCommandLine(process->program(), process->workingDirectory());
    if (!remote.isEmpty()) {
        qCInfo(BS_PLUGIN) << "running remotely on" << m_server.name << ":" << remote;
        announce(process, process->program(), process->workingDirectory());
        process->setProgram(remote);
        process->setProcessEnvironment(environmentWithToken(process->processEnvironment(), process->workingDirectory()));
    }
    process->start();
}

KDevelop::Path RemoteRuntime::pathInRuntime(const KDevelop::Path &localPath) const
{
    return localPath;
}

KDevelop::Path RemoteRuntime::pathInHost(const KDevelop::Path &runtimePath) const
{
    return runtimePath;
}

QString RemoteRuntime::findExecutable(const QString &executableName) const
{
    // Tools are looked up to be run: the ones that go remote are invoked by name there.
    return QStandardPaths::findExecutable(executableName);
}

QByteArray RemoteRuntime::getenv(const QByteArray &varname) const
{
    return qgetenv(varname.constData());
}

KDevelop::Path RemoteRuntime::buildPath() const
{
    // Build directories stay where the user keeps them locally (inside the checkout).
    return {};
}

void RemoteRuntime::setEnabled(bool enabled)
{
    m_enabled = enabled;
    qCDebug(BS_PLUGIN) << name() << (enabled ? "enabled" : "disabled");
}

} // namespace BuildService::Plugin
