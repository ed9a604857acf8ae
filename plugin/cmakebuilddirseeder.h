// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: LGPL-2.1-only OR LGPL-3.0-only

// CMakeBuildDirSeeder: gives each open CMake project a build directory for a remote runtime.
#pragma once

#include <QObject>
#include <QString>

class KConfigGroup;
namespace KDevelop {
class IProject;
class IRuntime;
class IRuntimeController;
}

namespace BuildService::Plugin {

/**
 * KDevelop's CMake support keeps one build directory per runtime and, when the selected
 * runtime has none, stops with a modal "configure a build directory" dialog. When the user
 * selects a remote runtime, this adds a build directory for it to every open CMake project that
 * has one for the previous runtime: `<checkout>/build-remote-<server>`, with the previous one's
 * build type, install directory, CMake executable and arguments. The CMake manager then configures it on the
 * server (its reload follows the same signal), and the host's build directory stays as it was,
 * so switching back needs no reconfigure. Projects already set up for the runtime are left
 * alone. This writes the `[CMake]` group of the project configuration in KDevelop 22.12's
 * layout (cmakeconfiggroupkeys.h). Main thread only.
 */
class CMakeBuildDirSeeder : public QObject
{
    Q_OBJECT
public:
    explicit CMakeBuildDirSeeder(KDevelop::IRuntimeController *controller, QObject *parent = nullptr);

    /** The directory name used for @p runtimeName's build directory, e.g. "build-remote-localhost". */
    static QString directoryName(const QString &serverName);

    /**
     * Adds a build directory for @p runtime to @p project unless it has one; @p previousRuntime
     * names the runtime whose build directory settings are copied. Returns true when it added one.
     */
    static bool seed(KDevelop::IProject *project, const QString &runtime, const QString &serverName,
                     const QString &previousRuntime);

private:
    void onRuntimeChanged(KDevelop::IRuntime *runtime);

    QString m_previousRuntime;
};

} // namespace BuildService::Plugin
