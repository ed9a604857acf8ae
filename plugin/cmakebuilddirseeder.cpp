// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: LGPL-2.1-only OR LGPL-3.0-only

// CMakeBuildDirSeeder: gives each open CMake project a build directory for a remote runtime.
#include "cmakebuilddirseeder.h"

#include "debug.h"
#include "remoteruntime.h"

#include <interfaces/icore.h>
#include <interfaces/iproject.h>
#include <interfaces/iprojectcontroller.h>
#include <interfaces/iruntime.h>
#include <interfaces/iruntimecontroller.h>
#include <util/path.h>

#include <KConfigGroup>
#include <KSharedConfig>

#include <QRegularExpression>

namespace BuildService::Plugin {

namespace {
// KDevelop 22.12's keys (plugins/cmake/cmakeconfiggroupkeys.h).
const QLatin1String CMakeGroup("CMake");
const QLatin1String IndexKeyPrefix("Current Build Directory Index");
const char *const CountKey = "Build Directory Count";
const char *const PathKey = "Build Directory Path";
const char *const RuntimeKey = "Runtime";
// Settings of a build directory that carry over to the remote one.
// The install directory too: a prefix inside the project is how remote installs come back.
const char *const CopiedKeys[] = {"Build Type", "CMake Executable", "CMake Binary", "Extra Arguments", "Install Directory",
                                  "Environment Profile"};

QString indexKey(const QString &runtime)
{
    return IndexKeyPrefix + QLatin1Char('-') + runtime;
}

QString buildDirGroupName(int index)
{
    return QStringLiteral("CMake Build Directory %1").arg(index);
}
} // namespace

CMakeBuildDirSeeder::CMakeBuildDirSeeder(KDevelop::IRuntimeController *controller, QObject *parent)
    : QObject(parent)
{
    if (!controller)
        return;
    m_previousRuntime = controller->currentRuntime() ? controller->currentRuntime()->name() : QString();
    connect(controller, &KDevelop::IRuntimeController::currentRuntimeChanged, this, &CMakeBuildDirSeeder::onRuntimeChanged);
}

QString CMakeBuildDirSeeder::directoryName(const QString &serverName)
{
    static const QRegularExpression unsafe(QStringLiteral("[^A-Za-z0-9_.-]+"));
    return QLatin1String("build-remote-") + QString(serverName).replace(unsafe, QStringLiteral("_"));
}

void CMakeBuildDirSeeder::onRuntimeChanged(KDevelop::IRuntime *runtime)
{
    const QString previous = m_previousRuntime;
    m_previousRuntime = runtime ? runtime->name() : QString();
    auto *remote = qobject_cast<RemoteRuntime *>(runtime);
    if (!remote)
        return;
    const auto projects = KDevelop::ICore::self()->projectController()->projects();
    for (KDevelop::IProject *project : projects)
        seed(project, remote->name(), remote->server().name, previous);
}

bool CMakeBuildDirSeeder::seed(KDevelop::IProject *project, const QString &runtime, const QString &serverName,
                               const QString &previousRuntime)
{
    if (!project || !project->path().isLocalFile())
        return false;
    KConfigGroup cmake = project->projectConfiguration()->group(CMakeGroup);
    if (!cmake.exists() || cmake.hasKey(indexKey(runtime)))
        return false;
    int previousIndex = cmake.readEntry(indexKey(previousRuntime), -1);
    if (previousIndex < 0)
        previousIndex = cmake.readEntry(QString(IndexKeyPrefix), -1); // the pre-runtime layout
    const int count = cmake.readEntry(CountKey, 0);
    if (previousIndex < 0 || previousIndex >= count)
        return false; // never configured: KDevelop asks for a build directory as usual

    const KConfigGroup from = cmake.group(buildDirGroupName(previousIndex));
    KConfigGroup to = cmake.group(buildDirGroupName(count));
    for (const char *key : CopiedKeys) {
        if (from.hasKey(key))
            to.writeEntry(key, from.readEntry(key, QString()));
    }
    const QString buildDir = project->path().toLocalFile() + QLatin1Char('/') + directoryName(serverName);
    to.writeEntry(PathKey, buildDir);
    to.writeEntry(RuntimeKey, runtime);
    cmake.writeEntry(CountKey, count + 1);
    cmake.writeEntry(indexKey(runtime), count);
    cmake.sync();
    qCInfo(BS_PLUGIN) << "project" << project->name() << "builds in" << buildDir << "with" << runtime;
    return true;
}

} // namespace BuildService::Plugin
