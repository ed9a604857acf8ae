// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: BSD-2-Clause

// Tests that loading the plugin into a real KDevelop core installs its German translations.
#include "testcore.h"

#include <interfaces/configpage.h>
#include <interfaces/iplugin.h>
#include <interfaces/iplugincontroller.h>
#include <interfaces/iruncontroller.h>
#include <interfaces/launchconfigurationtype.h>
#include <shell/core.h>

#include <KConfigGroup>
#include <KSharedConfig>

#include <QLocale>
#include <QStandardPaths>
#include <QTest>
#include <QTranslator>

#include <memory>

using KDevelop::ICore;

namespace {

} // namespace

class TestPluginTranslations : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void serversPageNameIsGerman();
    void launchConfigurationTypeNameIsGerman();
    void reloadingPluginKeepsOneProjectTranslator();

private:
    KDevelop::IPlugin *m_plugin = nullptr;
};

void TestPluginTranslations::initTestCase()
{
    BuildService::Test::prepareTestEnvironment({});
    // The plugin installs the catalogue for QLocale(): make that German for this process only.
    QLocale::setDefault(QLocale(QStringLiteral("de_DE")));

    // Before the core (and with it the plugin) loads, nothing has installed our catalogue.
    QCOMPARE(QCoreApplication::translate("BuildService::Plugin::ServersPage", "Build Servers"),
             QStringLiteral("Build Servers"));

    QVERIFY(BuildService::Test::startTestCore(QStringLiteral("tst_plugintranslations"), {QStringLiteral("kdevbuildservice"), QStringLiteral("KDevStandardOutputView")}));
    m_plugin = ICore::self()->pluginController()->loadPlugin(QStringLiteral("kdevbuildservice"));
    QVERIFY2(m_plugin, "the plugin did not load; is it built into " BS_BINARY_DIR "/plugins?");
}

void TestPluginTranslations::cleanupTestCase()
{
    BuildService::Test::stopTestCore();
}

void TestPluginTranslations::serversPageNameIsGerman()
{
    QCOMPARE(m_plugin->configPages(), 1);
    std::unique_ptr<KDevelop::ConfigPage> page(m_plugin->configPage(0, nullptr));
    QVERIFY(page);
    QCOMPARE(page->name(), QStringLiteral("Build-Server"));
    QCOMPARE(page->fullName(), QStringLiteral("Entfernte Build-Server einrichten"));
}

void TestPluginTranslations::launchConfigurationTypeNameIsGerman()
{
    QStringList names;
    const auto types = ICore::self()->runController()->launchConfigurationTypes();
    for (const KDevelop::LaunchConfigurationType *type : types)
        names << type->name();
    QVERIFY2(names.contains(QStringLiteral("Entfernter Befehl (Build-Server)")), qPrintable(names.join(QLatin1String(", "))));
}

void TestPluginTranslations::reloadingPluginKeepsOneProjectTranslator()
{
    const auto projectTranslators = [] {
        int count = 0;
        const auto translators = QCoreApplication::instance()->findChildren<QTranslator *>();
        for (const QTranslator *translator : translators)
            count += translator->filePath().startsWith(QLatin1String(":/i18n/build-service_")) ? 1 : 0;
        return count;
    };
    QCOMPARE(projectTranslators(), 1);
    QVERIFY(ICore::self()->pluginController()->unloadPlugin(QStringLiteral("kdevbuildservice")));
    m_plugin = ICore::self()->pluginController()->loadPlugin(QStringLiteral("kdevbuildservice"));
    QVERIFY(m_plugin);
    QCOMPARE(projectTranslators(), 1);
    QCOMPARE(QCoreApplication::translate("BuildService::Plugin::ServersPage", "Build Servers"),
             QStringLiteral("Build-Server"));
}

QTEST_MAIN(TestPluginTranslations)
#include "tst_plugintranslations.moc"
