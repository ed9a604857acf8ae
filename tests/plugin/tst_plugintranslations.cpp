// Tests that loading the plugin into a real KDevelop core installs its German translations.
#include <interfaces/configpage.h>
#include <interfaces/iplugin.h>
#include <interfaces/iplugincontroller.h>
#include <interfaces/iruncontroller.h>
#include <interfaces/launchconfigurationtype.h>
#include <shell/core.h>
#include <shell/session.h>
#include <shell/shellextension.h>

#include <KConfigGroup>
#include <KSharedConfig>

#include <QLocale>
#include <QStandardPaths>
#include <QTest>
#include <QTranslator>

#include <memory>

using KDevelop::ICore;

namespace {

// Only plugins in this list may load in the test session; the core loads them at initialisation.
class TestShellExtension : public KDevelop::ShellExtension
{
public:
    static void install() { s_instance = new TestShellExtension; }
    QString executableFilePath() override { return QCoreApplication::applicationFilePath(); }
    QString xmlFile() override { return QStringLiteral("kdevelopui.rc"); }
    KDevelop::AreaParams defaultArea() override { return {QStringLiteral("code"), QStringLiteral("Code")}; }
    QString projectFileExtension() override { return QStringLiteral("kdev4"); }
    QString projectFileDescription() override { return QStringLiteral("KDevelop Project File"); }
    QStringList defaultPlugins() override
    {
        return {QStringLiteral("kdevbuildservice"), QStringLiteral("KDevStandardOutputView")};
    }
};

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
    QStandardPaths::setTestModeEnabled(true);
    qputenv("CLEAR_DUCHAIN_DIR", "1");
    // The plugin installs the catalogue for QLocale(): make that German for this process only.
    QLocale::setDefault(QLocale(QStringLiteral("de_DE")));
    QCoreApplication::addLibraryPath(QStringLiteral(BS_BINARY_DIR "/plugins"));
    KConfigGroup group = KSharedConfig::openConfig()->group("BuildService");
    group.deleteGroup();
    group.sync();

    // Before the core (and with it the plugin) loads, nothing has installed our catalogue.
    QCOMPARE(QCoreApplication::translate("BuildService::Plugin::ServersPage", "Build Servers"),
             QStringLiteral("Build Servers"));

    TestShellExtension::install();
    QVERIFY(KDevelop::Core::initialize(KDevelop::Core::Default,
                                       QStringLiteral("tst_plugintranslations-%1").arg(QCoreApplication::applicationPid())));
    KDevelop::Core::self()->activeSession()->setTemporary(true);
    m_plugin = ICore::self()->pluginController()->loadPlugin(QStringLiteral("kdevbuildservice"));
    QVERIFY2(m_plugin, "the plugin did not load; is it built into " BS_BINARY_DIR "/plugins?");
}

void TestPluginTranslations::cleanupTestCase()
{
    if (KDevelop::Core::self())
        KDevelop::Core::self()->shutdown();
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
