// startTestCore: a real KDevelop core for plugin tests, with exactly the plugins a test names.
#pragma once

#include <shell/core.h>
#include <shell/session.h>
#include <shell/sessioncontroller.h>
#include <shell/shellextension.h>

#include <QCoreApplication>
#include <QStringList>

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

} // namespace BuildService::Test
