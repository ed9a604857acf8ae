// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: BSD-2-Clause

// startTestCore: a real KDevelop core for plugin tests, with exactly the plugins a test names.
#pragma once

#include "serverprocess.h"

#include <interfaces/icore.h>
#include <interfaces/iproject.h>
#include <interfaces/iprojectcontroller.h>
#include <interfaces/iruntime.h>
#include <interfaces/iruntimecontroller.h>
#include <shell/core.h>
#include <shell/session.h>
#include <shell/sessioncontroller.h>
#include <shell/shellextension.h>

#include <KConfigGroup>
#include <KSharedConfig>

#include <QCoreApplication>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStringList>
#include <QUrl>

namespace BuildService::Test {

/** The shell description KDevelop asks for; its default plugins are the only ones enabled. */
class TestShellExtension : public KDevelop::ShellExtension
{
public:
    static void install(const QStringList &plugins) { s_instance = new TestShellExtension(plugins); }

    QString executableFilePath() override { return QCoreApplication::applicationFilePath(); }
    QString xmlFile() override { return QStringLiteral("kdevelopui.rc"); }
    KDevelop::AreaParams defaultArea() override { return {QStringLiteral("code"), QStringLiteral("Code")}; }
    QString projectFileExtension() override { return QStringLiteral("kdev4"); }
    QString projectFileDescription() override { return QStringLiteral("KDevelop Project File"); }
    QStringList defaultPlugins() override { return m_plugins; }

private:
    explicit TestShellExtension(const QStringList &plugins)
        : m_plugins(plugins)
    {
    }
    QStringList m_plugins;
};

/**
 * What every plugin test sets before starting the core: QStandardPaths' test mode (so no user
 * configuration is read or changed), a fresh DUChain, the CLI and the plugin of this build, and
 * @p servers (name, URL) as the only configured build servers.
 */
inline void prepareTestEnvironment(const QList<QPair<QString, QString>> &servers)
{
    QStandardPaths::setTestModeEnabled(true);
    qputenv("CLEAR_DUCHAIN_DIR", "1");
    qputenv("BUILD_SERVICE_CLI", binaryPath("build-service").toLocal8Bit());
    QCoreApplication::addLibraryPath(QStringLiteral(BS_BINARY_DIR "/plugins"));
    KConfigGroup group = KSharedConfig::openConfig()->group("BuildService");
    group.deleteGroup();
    for (const auto &server : servers)
        group.group(QStringLiteral("Server ") + server.first).writeEntry("Url", server.second);
    group.sync();
}

/** Opens the project file @p projectFile and waits until it is imported; nullptr on timeout. */
inline KDevelop::IProject *openTestProject(const QString &projectFile, int timeoutMs = 30000)
{
    qRegisterMetaType<KDevelop::IProject *>();
    QSignalSpy opened(KDevelop::ICore::self()->projectController(), &KDevelop::IProjectController::projectOpened);
    KDevelop::ICore::self()->projectController()->openProject(QUrl::fromLocalFile(projectFile));
    if (opened.isEmpty() && !opened.wait(timeoutMs))
        return nullptr;
    return opened.first().first().value<KDevelop::IProject *>();
}

/**
 * Starts the core in Default mode (run under QT_QPA_PLATFORM=offscreen: opening projects and
 * launch configurations need the UI parts) with @p plugins, in a temporary session named after
 * @p testName. The caller shuts it down with KDevelop::Core::self()->shutdown().
 */
inline bool startTestCore(const QString &testName, const QStringList &plugins)
{
    TestShellExtension::install(plugins);
    if (!KDevelop::Core::initialize(KDevelop::Core::Default,
                                    QStringLiteral("%1-%2").arg(testName).arg(QCoreApplication::applicationPid())))
        return false;
    KDevelop::Core::self()->activeSession()->setTemporary(true);
    return true;
}

/** Ends what startTestCore() began: back to the host runtime, projects closed, core shut down. */
inline void stopTestCore()
{
    if (!KDevelop::Core::self())
        return;
    auto *controller = KDevelop::ICore::self()->runtimeController();
    controller->setCurrentRuntime(controller->availableRuntimes().first());
    KDevelop::ICore::self()->projectController()->closeAllProjects();
    KDevelop::Core::self()->shutdown();
}

} // namespace BuildService::Test
