// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: BSD-2-Clause

// Tests the plugin's settings pages (Build Servers, per-project Remote Build) in a real KDevelop core against real servers.
#include "client/workspaceidstore.h"
#include "serverprocess.h"
#include "testcore.h"

#include "protocol/protocol.h"
#include "settings/projectbuildsettings.h"
#include "settings/serverlistmodel.h"

#include <interfaces/configpage.h>
#include <interfaces/iplugin.h>
#include <interfaces/iplugincontroller.h>
#include <interfaces/iproject.h>
#include <interfaces/iprojectcontroller.h>
#include <interfaces/iruntime.h>
#include <interfaces/iruntimecontroller.h>
#include <project/projectconfigpage.h>
#include <shell/core.h>
#include <shell/session.h>
#include <shell/shellextension.h>

#include <KConfigGroup>
#include <KProcess>
#include <KSharedConfig>

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTest>
#include <QTreeView>

#include <memory>

using namespace BuildService::Test;
using BuildService::Plugin::ProjectBuildSettings;
using BuildService::Plugin::ServerEntry;
using BuildService::Plugin::ServerListModel;
using KDevelop::ICore;
using KDevelop::IRuntime;

namespace {

const QLatin1String SecondToken("secret-b");

// Every target prints what it saw, so a test can tell a live run from anything else.
const QByteArray Makefile =
    "all:\n"
    "\t@echo hello-from-make\n"
    "\t@touch built-marker\n"
    "artifact:\n"
    "\t@mkdir -p out && echo remote-result > out/result.txt && echo not-wanted > out/other.log\n"
    "secret:\n"
    "\t@if [ -e secret.dat ]; then echo secret-uploaded; else echo secret-absent; fi\n";

struct ProcessResult {
    bool finished = false;
    int exitCode = -1;
    QByteArray output;
    QStringList program; ///< what was actually started
};

template<typename T>
T *child(QWidget *page, const char *name)
{
    T *widget = page->findChild<T *>(QLatin1String(name));
    if (!widget)
        qWarning("no widget %s", name);
    return widget;
}

} // namespace

class TestPluginSettings : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void cleanup();

    void modelRejectsInvalidServers_data();
    void modelRejectsInvalidServers();
    void modelKeepsServersSortedAndSavesThem();
    void serversPageShowsValidationErrors();
    void serversPageAddsRuntimeOnApply();
    void serversPageEditedUrlAndTokenTakeEffect();
    void removedServerRuntimeBuildsLocally();
    void testConnectionReportsServerVersion();
    void testConnectionReportsRefusedPort();
    void testConnectionReportsRejectedToken();
    void projectPageStoresSettingsInProjectConfig();
    void artifactGlobsBringRemoteFilesBack();
    void extraExcludesKeepFileFromUpload();
    void freshWorkspaceFlagAppliesOnce();
    void projectServerOverrideSendsBuildToOtherServer();

private:
    void setServers(const QVector<ServerEntry> &servers);
    IRuntime *runtime(const QString &name) const;
    ProcessResult make(const IRuntime *runtime, const QString &target);
    std::unique_ptr<KDevelop::ConfigPage> serversPage() const;
    std::unique_ptr<KDevelop::ConfigPage> projectPage() const;
    /** The checkout's workspace on @p server (ids are kept per server). */
    QString workspaceOn(const ServerProcess &server) const;
    static bool selectServer(QWidget *page, const QString &name);

    QTemporaryDir m_dir;
    ServerProcess m_server;       ///< "alpha": no token
    ServerProcess m_secondServer; ///< "beta": requires SecondToken
    KDevelop::IPlugin *m_plugin = nullptr;
    QString m_projectRoot;
    KDevelop::IProject *m_project = nullptr;
    int m_builds = 0;
};

void TestPluginSettings::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY(m_server.start(m_dir.filePath(QStringLiteral("server-a"))));
    QVERIFY(m_secondServer.start(m_dir.filePath(QStringLiteral("server-b")),
                                 QStringLiteral("[server]\ntokens = [\"%1\"]\n").arg(SecondToken)));

    prepareTestEnvironment({{QStringLiteral("alpha"), m_server.url()}});

    QVERIFY(startTestCore(QStringLiteral("tst_pluginsettings"), {QStringLiteral("kdevbuildservice"), QStringLiteral("KDevGenericManager"), QStringLiteral("KDevStandardOutputView")}));
    m_plugin = ICore::self()->pluginController()->loadPlugin(QStringLiteral("kdevbuildservice"));
    QVERIFY2(m_plugin, "the plugin did not load; is it built into " BS_BINARY_DIR "/plugins?");

    m_projectRoot = m_dir.filePath(QStringLiteral("proj"));
    QVERIFY(writeFile(m_projectRoot + QLatin1String("/Makefile"), Makefile));
    QVERIFY(writeFile(m_projectRoot + QLatin1String("/proj.kdev4"), "[Project]\nName=proj\nManager=KDevGenericManager\n"));
    m_project = openTestProject(m_projectRoot + QLatin1String("/proj.kdev4"));
    QVERIFY(m_project);
}

void TestPluginSettings::cleanupTestCase()
{
    stopTestCore();
    QVERIFY(m_server.stop());
    QVERIFY(m_secondServer.stop());
}

void TestPluginSettings::cleanup()
{
    // Each test starts from "alpha" only and a project without settings.
    setServers({{QStringLiteral("alpha"), m_server.url(), QString()}});
    if (m_project) {
        m_project->projectConfiguration()->deleteGroup("BuildService");
        m_project->projectConfiguration()->sync();
    }
}

void TestPluginSettings::setServers(const QVector<ServerEntry> &servers)
{
    KConfigGroup group = KSharedConfig::openConfig()->group("BuildService");
    BuildService::Plugin::ServerList::save(group, servers);
    group.sync();
    QVERIFY(QMetaObject::invokeMethod(m_plugin, "reloadServers"));
}

IRuntime *TestPluginSettings::runtime(const QString &name) const
{
    const auto runtimes = ICore::self()->runtimeController()->availableRuntimes();
    for (IRuntime *candidate : runtimes) {
        if (candidate->name() == QLatin1String("Remote: ") + name)
            return candidate;
    }
    return nullptr;
}

ProcessResult TestPluginSettings::make(const IRuntime *runtime, const QString &target)
{
    // A new stamp per build changes the tree, so no build is answered from the server's cache.
    writeFile(m_projectRoot + QLatin1String("/stamp.txt"), QByteArray::number(++m_builds));
    KProcess process;
    process.setProgram({QStringLiteral("make"), target});
    process.setWorkingDirectory(m_projectRoot);
    process.setOutputChannelMode(KProcess::MergedChannels);
    runtime->startProcess(&process);
    ProcessResult result;
    result.program = process.program();
    result.finished = process.waitForFinished(60000);
    result.exitCode = process.exitCode();
    result.output = process.readAll();
    return result;
}

std::unique_ptr<KDevelop::ConfigPage> TestPluginSettings::serversPage() const
{
    if (m_plugin->configPages() != 1)
        return nullptr;
    return std::unique_ptr<KDevelop::ConfigPage>(m_plugin->configPage(0, nullptr));
}

std::unique_ptr<KDevelop::ConfigPage> TestPluginSettings::projectPage() const
{
    if (m_plugin->perProjectConfigPages() != 1)
        return nullptr;
    KDevelop::ProjectConfigOptions options;
    options.project = m_project;
    return std::unique_ptr<KDevelop::ConfigPage>(m_plugin->perProjectConfigPage(0, options, nullptr));
}

QString TestPluginSettings::workspaceOn(const ServerProcess &server) const
{
    return BuildService::WorkspaceIdStore(m_projectRoot, server.url()).read();
}

bool TestPluginSettings::selectServer(QWidget *page, const QString &name)
{
    auto *view = child<QTreeView>(page, "serverView");
    if (!view)
        return false;
    for (int row = 0; row < view->model()->rowCount(); ++row) {
        const QModelIndex index = view->model()->index(row, ServerListModel::NameColumn);
        if (index.data().toString() == name) {
            view->selectionModel()->select(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
            return true;
        }
    }
    return false;
}

void TestPluginSettings::modelRejectsInvalidServers_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("error");
    QTest::newRow("empty name") << QStringLiteral("  ") << QStringLiteral("ws://h:1") << QStringLiteral("Enter a name for the server.");
    QTest::newRow("duplicate name") << QStringLiteral(" alpha ") << QStringLiteral("ws://h:1")
                                    << QStringLiteral("A server named \"alpha\" already exists: choose another name.");
    QTest::newRow("bracket in name") << QStringLiteral("a[1]") << QStringLiteral("ws://h:1")
                                     << QStringLiteral("The server name \"a[1]\" must not contain [ or ].");
    QTest::newRow("empty url") << QStringLiteral("beta") << QString() << QStringLiteral("Enter the server's URL, e.g. ws://buildbox:7468.");
    QTest::newRow("http url") << QStringLiteral("beta") << QStringLiteral("http://h:1")
                              << QStringLiteral("The URL \"http://h:1\" must start with ws:// or wss://, e.g. ws://buildbox:7468.");
    QTest::newRow("no scheme") << QStringLiteral("beta") << QStringLiteral("buildbox:7468")
                               << QStringLiteral("The URL \"buildbox:7468\" must start with ws:// or wss://, e.g. ws://buildbox:7468.");
    QTest::newRow("no host") << QStringLiteral("beta") << QStringLiteral("ws:///path")
                             << QStringLiteral("The URL \"ws:///path\" has no host name, e.g. ws://buildbox:7468.");
}

void TestPluginSettings::modelRejectsInvalidServers()
{
    QFETCH(QString, name);
    QFETCH(QString, url);
    QFETCH(QString, error);
    ServerListModel model;
    model.setServers({{QStringLiteral("alpha"), QStringLiteral("ws://a:1"), QString()}});
    QSignalSpy edited(&model, &ServerListModel::edited);
    const auto added = model.add({name, url, QString(), QString(), QString()});
    QVERIFY(!added);
    QCOMPARE(added.errorString(), error);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(edited.count(), 0);
    // Renaming "alpha" to itself is no duplicate; the same checks apply to updates.
    QVERIFY(model.update(0, {QStringLiteral("alpha"), QStringLiteral("wss://b:2"), QString()}));
    if (name.trimmed() != QLatin1String("alpha"))
        QCOMPARE(model.update(0, {name, url, QString()}).errorString(), error);
}

void TestPluginSettings::modelKeepsServersSortedAndSavesThem()
{
    ServerListModel model;
    model.setServers({{QStringLiteral("m"), QStringLiteral("ws://m:1"), QString()}});
    QCOMPARE(model.add({QStringLiteral(" z "), QStringLiteral(" ws://z:1 "), QStringLiteral("tz"), QString(), QString()}).value(), 1);
    QCOMPARE(model.add({QStringLiteral("a"), QStringLiteral("ws://a:1"), QString(), QString(), QString()}).value(), 0);
    QCOMPARE(model.update(2, {QStringLiteral("b"), QStringLiteral("ws://b:1"), QStringLiteral("tb")}).value(), 1);
    QVERIFY(model.remove(2));
    QVERIFY(!model.remove(5));
    QCOMPARE(model.index(1, ServerListModel::TokenColumn).data().toString(), QStringLiteral("set"));

    KConfig config(m_dir.filePath(QStringLiteral("model-rc")), KConfig::SimpleConfig);
    KConfigGroup group = config.group("BuildService");
    model.save(group);
    const QVector<ServerEntry> saved = BuildService::Plugin::ServerList::load(group);
    QCOMPARE(saved.size(), 2);
    QCOMPARE(saved.at(0).name, QStringLiteral("a"));
    QCOMPARE(saved.at(1).name, QStringLiteral("b"));
    QCOMPARE(saved.at(1).url, QStringLiteral("ws://b:1"));
    QCOMPARE(saved.at(1).token, QStringLiteral("tb"));
}

void TestPluginSettings::serversPageShowsValidationErrors()
{
    const auto page = serversPage();
    QVERIFY(page);
    QCOMPARE(page->name(), QStringLiteral("Build Servers"));
    auto *name = child<QLineEdit>(page.get(), "nameEdit");
    auto *url = child<QLineEdit>(page.get(), "urlEdit");
    auto *add = child<QPushButton>(page.get(), "addButton");
    auto *update = child<QPushButton>(page.get(), "updateButton");
    auto *message = child<QLabel>(page.get(), "messageLabel");
    QVERIFY(name && url && add && update && message);
    // The page starts on the configured server.
    QCOMPARE(name->text(), QStringLiteral("alpha"));
    QCOMPARE(url->text(), m_server.url());

    QSignalSpy changed(page.get(), &KDevelop::ConfigPage::changed);
    name->setText(QString());
    add->click();
    QCOMPARE(message->text(), QStringLiteral("Enter a name for the server."));
    name->setText(QStringLiteral("alpha"));
    add->click();
    QCOMPARE(message->text(), QStringLiteral("A server named \"alpha\" already exists: choose another name."));
    name->setText(QStringLiteral("beta"));
    url->setText(QStringLiteral("http://buildbox:7468"));
    update->click();
    QCOMPARE(message->text(), QStringLiteral("The URL \"http://buildbox:7468\" must start with ws:// or wss://, e.g. ws://buildbox:7468."));
    QCOMPARE(changed.count(), 0);
    url->setText(QStringLiteral("ws://buildbox:7468"));
    add->click();
    QCOMPARE(message->text(), QString());
    QCOMPARE(changed.count(), 1);
}

void TestPluginSettings::serversPageAddsRuntimeOnApply()
{
    QVERIFY(!runtime(QStringLiteral("beta")));
    const auto page = serversPage();
    QVERIFY(page);
    child<QLineEdit>(page.get(), "nameEdit")->setText(QStringLiteral("beta"));
    child<QLineEdit>(page.get(), "urlEdit")->setText(m_secondServer.url());
    child<QLineEdit>(page.get(), "tokenEdit")->setText(SecondToken);
    child<QPushButton>(page.get(), "addButton")->click();
    QCOMPARE(child<QLabel>(page.get(), "messageLabel")->text(), QString());
    QVERIFY(!runtime(QStringLiteral("beta"))); // nothing happens before apply
    page->apply();

    // Stored in kdeveloprc, token included, and a runtime at once.
    const KConfigGroup stored = KSharedConfig::openConfig()->group("BuildService").group(QStringLiteral("Server beta"));
    QCOMPARE(stored.readEntry("Url", QString()), m_secondServer.url());
    QCOMPARE(stored.readEntry("Token", QString()), QString(SecondToken));
    IRuntime *beta = runtime(QStringLiteral("beta"));
    QVERIFY(beta);
    const ProcessResult result = make(beta, QStringLiteral("all"));
    QVERIFY2(result.exitCode == 0, result.output.constData());
    QCOMPARE(result.program.first(), binaryPath("build-service"));
    QVERIFY(m_secondServer.workspaceIds().contains(workspaceOn(m_secondServer)));
    QVERIFY(QFile::exists(m_secondServer.workspacePath(workspaceOn(m_secondServer)) + QLatin1String("/built-marker")));
}

void TestPluginSettings::serversPageEditedUrlAndTokenTakeEffect()
{
    setServers({{QStringLiteral("alpha"), m_server.url(), QString()}, {QStringLiteral("beta"), m_secondServer.url(), SecondToken}});
    IRuntime *beta = runtime(QStringLiteral("beta"));
    QVERIFY(beta);
    const auto page = serversPage();
    QVERIFY(page);
    auto *token = child<QLineEdit>(page.get(), "tokenEdit");
    auto *url = child<QLineEdit>(page.get(), "urlEdit");
    auto *update = child<QPushButton>(page.get(), "updateButton");

    QVERIFY(selectServer(page.get(), QStringLiteral("beta")));
    QCOMPARE(token->text(), QString(SecondToken));
    token->setText(QStringLiteral("wrong-token"));
    update->click();
    page->apply();
    const ProcessResult rejected = make(beta, QStringLiteral("all"));
    QCOMPARE(rejected.exitCode, 125);
    QVERIFY2(rejected.output.contains("the access token was not accepted"), rejected.output.constData());

    // Now pointed at "alpha"'s server, which checks no token; Apply takes the edited fields
    // of the selected server without "Update Selected".
    QVERIFY(selectServer(page.get(), QStringLiteral("beta")));
    url->setText(m_server.url());
    page->apply();
    QCOMPARE(runtime(QStringLiteral("beta")), beta); // the same runtime, updated
    const ProcessResult moved = make(beta, QStringLiteral("all"));
    QVERIFY2(moved.exitCode == 0, moved.output.constData());
    QVERIFY(m_server.workspaceIds().contains(workspaceOn(m_server)));
    QVERIFY(!m_secondServer.workspaceIds().contains(workspaceOn(m_server)));
}

void TestPluginSettings::removedServerRuntimeBuildsLocally()
{
    setServers({{QStringLiteral("alpha"), m_server.url(), QString()}, {QStringLiteral("beta"), m_secondServer.url(), SecondToken}});
    IRuntime *beta = runtime(QStringLiteral("beta"));
    QVERIFY(beta);
    QCOMPARE(make(beta, QStringLiteral("all")).program.first(), binaryPath("build-service"));

    const auto page = serversPage();
    QVERIFY(page);
    QVERIFY(selectServer(page.get(), QStringLiteral("beta")));
    child<QPushButton>(page.get(), "removeButton")->click();
    page->apply();
    QVERIFY(!KSharedConfig::openConfig()->group("BuildService").hasGroup(QStringLiteral("Server beta")));

    // KDevelop keeps the runtime; it must not build on the removed server any more.
    QCOMPARE(runtime(QStringLiteral("beta")), beta);
    QFile::remove(m_projectRoot + QLatin1String("/built-marker"));
    const ProcessResult local = make(beta, QStringLiteral("all"));
    QCOMPARE(local.program, (QStringList{QStringLiteral("make"), QStringLiteral("all")}));
    QCOMPARE(local.exitCode, 0);
    QVERIFY(QFile::exists(m_projectRoot + QLatin1String("/built-marker")));
    QFile::remove(m_projectRoot + QLatin1String("/built-marker"));
    // "alpha" is untouched.
    QCOMPARE(make(runtime(QStringLiteral("alpha")), QStringLiteral("all")).program.first(), binaryPath("build-service"));
}

void TestPluginSettings::testConnectionReportsServerVersion()
{
    const auto page = serversPage();
    QVERIFY(page);
    auto *result = child<QLabel>(page.get(), "testResultLabel");
    auto *button = child<QPushButton>(page.get(), "testButton");
    QVERIFY(result && button);
    QVERIFY(selectServer(page.get(), QStringLiteral("alpha")));
    button->click();
    QVERIFY(!button->isEnabled()); // no second test while one runs
    const QString expected = QStringLiteral("Connected: server %1, protocol %2").arg(QStringLiteral(BUILD_SERVICE_VERSION)).arg(BuildService::Protocol::Version);
    QTRY_COMPARE_WITH_TIMEOUT(result->text(), expected, 15000);
    QVERIFY(button->isEnabled());
}

void TestPluginSettings::testConnectionReportsRefusedPort()
{
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
    const quint16 port = probe.serverPort();
    probe.close();

    const auto page = serversPage();
    QVERIFY(page);
    child<QLineEdit>(page.get(), "urlEdit")->setText(QStringLiteral("ws://127.0.0.1:%1").arg(port));
    child<QPushButton>(page.get(), "testButton")->click();
    QTRY_COMPARE_WITH_TIMEOUT(child<QLabel>(page.get(), "testResultLabel")->text(),
                              QStringLiteral("Connection refused: is build-service-server running on 127.0.0.1:%1?").arg(port), 15000);

    child<QLineEdit>(page.get(), "urlEdit")->setText(QStringLiteral("http://127.0.0.1:%1").arg(port));
    child<QPushButton>(page.get(), "testButton")->click();
    QTRY_COMPARE_WITH_TIMEOUT(child<QLabel>(page.get(), "testResultLabel")->text(),
                              QStringLiteral("\"http://127.0.0.1:%1\" is not a build server URL: use ws://host:port or wss://host:port.").arg(port),
                              15000);
}

void TestPluginSettings::testConnectionReportsRejectedToken()
{
    const auto page = serversPage();
    QVERIFY(page);
    auto *token = child<QLineEdit>(page.get(), "tokenEdit");
    auto *button = child<QPushButton>(page.get(), "testButton");
    auto *result = child<QLabel>(page.get(), "testResultLabel");
    child<QLineEdit>(page.get(), "urlEdit")->setText(m_secondServer.url());

    token->setText(QStringLiteral("wrong-token"));
    button->click();
    QTRY_COMPARE_WITH_TIMEOUT(result->text(),
                              QStringLiteral("The server rejected the access token: check the Token field against the server's [server] tokens."), 15000);
    token->clear();
    button->click();
    QTRY_COMPARE_WITH_TIMEOUT(result->text(),
                              QStringLiteral("The server requires an access token: enter one of its [server] tokens in the Token field."), 15000);
    token->setText(SecondToken);
    button->click();
    QTRY_VERIFY_WITH_TIMEOUT(result->text().startsWith(QLatin1String("Connected: server ")), 15000);
}

void TestPluginSettings::projectPageStoresSettingsInProjectConfig()
{
    setServers({{QStringLiteral("alpha"), m_server.url(), QString()}, {QStringLiteral("beta"), m_secondServer.url(), SecondToken}});
    const auto page = projectPage();
    QVERIFY(page);
    auto *server = child<QComboBox>(page.get(), "serverCombo");
    auto *artifacts = child<QPlainTextEdit>(page.get(), "artifactsEdit");
    auto *excludes = child<QPlainTextEdit>(page.get(), "excludesEdit");
    auto *fresh = child<QCheckBox>(page.get(), "freshWorkspaceCheck");
    QVERIFY(server && artifacts && excludes && fresh);
    QCOMPARE(server->currentText(), QStringLiteral("The selected runtime's server"));
    QCOMPARE(server->count(), 3);

    server->setCurrentIndex(server->findData(QStringLiteral("beta")));
    artifacts->setPlainText(QStringLiteral("out/*.txt\n\n  build/app  \n"));
    excludes->setPlainText(QStringLiteral("*.dat"));
    fresh->setChecked(true);
    page->apply();

    const KConfigGroup group = m_project->projectConfiguration()->group("BuildService");
    const ProjectBuildSettings stored = ProjectBuildSettings::load(group);
    QCOMPARE(stored.server, QStringLiteral("beta"));
    QCOMPARE(stored.artifacts, (QStringList{QStringLiteral("out/*.txt"), QStringLiteral("build/app")}));
    QCOMPARE(stored.excludes, QStringList{QStringLiteral("*.dat")});
    QVERIFY(stored.freshWorkspace);
    QCOMPARE(stored.cliArguments(), (QStringList{QStringLiteral("-a"), QStringLiteral("out/*.txt"), QStringLiteral("-a"),
                                                 QStringLiteral("build/app"), QStringLiteral("--exclude"), QStringLiteral("*.kdev4"), QStringLiteral("--exclude"), QStringLiteral(".kdev4/"), QStringLiteral("--exclude"), QStringLiteral("*.dat"),
                                                 QStringLiteral("--fresh-workspace")}));
    // No token in the project's files.
    const QByteArray projectFile = readFile(m_projectRoot + QLatin1String("/.kdev4/proj.kdev4"));
    QVERIFY(projectFile.contains("Server=beta"));
    QVERIFY(!projectFile.contains(SecondToken.latin1()));

    // A server that is no longer configured stays visible instead of silently becoming the default.
    setServers({{QStringLiteral("alpha"), m_server.url(), QString()}});
    page->reset();
    QCOMPARE(server->currentText(), QStringLiteral("beta (not configured)"));
    QCOMPARE(artifacts->toPlainText(), QStringLiteral("out/*.txt\nbuild/app"));
    page->defaults();
    page->apply();
    QCOMPARE(ProjectBuildSettings::load(m_project->projectConfiguration()->group("BuildService")), ProjectBuildSettings());
}

void TestPluginSettings::artifactGlobsBringRemoteFilesBack()
{
    const QString result = m_projectRoot + QLatin1String("/out/result.txt");
    QVERIFY(!QFile::exists(result));
    const auto page = projectPage();
    QVERIFY(page);
    child<QPlainTextEdit>(page.get(), "artifactsEdit")->setPlainText(QStringLiteral("out/*.txt"));
    page->apply();

    const ProcessResult built = make(runtime(QStringLiteral("alpha")), QStringLiteral("artifact"));
    QVERIFY2(built.exitCode == 0, built.output.constData());
    QVERIFY(built.program.contains(QStringLiteral("out/*.txt")));
    QCOMPARE(readFile(result), QByteArray("remote-result\n"));
    // Only what the glob matches comes back.
    QVERIFY(!QFile::exists(m_projectRoot + QLatin1String("/out/other.log")));
    QVERIFY(QFile::exists(m_server.workspacePath(workspaceOn(m_server)) + QLatin1String("/out/other.log")));
    QDir(m_projectRoot + QLatin1String("/out")).removeRecursively();
}

void TestPluginSettings::extraExcludesKeepFileFromUpload()
{
    const QString secret = m_projectRoot + QLatin1String("/secret.dat");
    QVERIFY(writeFile(secret, "do not upload\n"));
    const auto page = projectPage();
    QVERIFY(page);
    child<QPlainTextEdit>(page.get(), "excludesEdit")->setPlainText(QStringLiteral("*.dat"));
    page->apply();

    const ProcessResult built = make(runtime(QStringLiteral("alpha")), QStringLiteral("secret"));
    QVERIFY2(built.exitCode == 0, built.output.constData());
    QVERIFY2(built.output.contains("secret-absent"), built.output.constData());
    const QString workspace = m_server.workspacePath(workspaceOn(m_server));
    QVERIFY(QFile::exists(workspace + QLatin1String("/Makefile")));
    QVERIFY(!QFile::exists(workspace + QLatin1String("/secret.dat")));
    QFile::remove(secret);
}

void TestPluginSettings::freshWorkspaceFlagAppliesOnce()
{
    IRuntime *alpha = runtime(QStringLiteral("alpha"));
    QVERIFY(alpha);
    QCOMPARE(make(alpha, QStringLiteral("all")).exitCode, 0);
    const QString before = workspaceOn(m_server);
    QCOMPARE(make(alpha, QStringLiteral("all")).exitCode, 0);
    QCOMPARE(workspaceOn(m_server), before); // incremental builds reuse the workspace

    const auto page = projectPage();
    QVERIFY(page);
    auto *fresh = child<QCheckBox>(page.get(), "freshWorkspaceCheck");
    fresh->setChecked(true);
    page->apply();
    const ProcessResult built = make(alpha, QStringLiteral("all"));
    QCOMPARE(built.exitCode, 0);
    QVERIFY(built.program.contains(QStringLiteral("--fresh-workspace")));
    const QString renewed = workspaceOn(m_server);
    QVERIFY(!renewed.isEmpty());
    QVERIFY(renewed != before);
    QVERIFY(m_server.workspaceIds().contains(renewed));
    // Cleared in the project's config, and the page shows it.
    QVERIFY(!ProjectBuildSettings::load(m_project->projectConfiguration()->group("BuildService")).freshWorkspace);
    page->reset();
    QVERIFY(!fresh->isChecked());

    const ProcessResult next = make(alpha, QStringLiteral("all"));
    QCOMPARE(next.exitCode, 0);
    QVERIFY(!next.program.contains(QStringLiteral("--fresh-workspace")));
    QCOMPARE(workspaceOn(m_server), renewed);
}

void TestPluginSettings::projectServerOverrideSendsBuildToOtherServer()
{
    setServers({{QStringLiteral("alpha"), m_server.url(), QString()}, {QStringLiteral("beta"), m_secondServer.url(), SecondToken}});
    IRuntime *alpha = runtime(QStringLiteral("alpha"));
    QVERIFY(alpha);
    const auto page = projectPage();
    QVERIFY(page);
    auto *server = child<QComboBox>(page.get(), "serverCombo");
    server->setCurrentIndex(server->findData(QStringLiteral("beta")));
    page->apply();

    // "alpha" is the runtime, but the project's builds go to "beta", with beta's token.
    const ProcessResult built = make(alpha, QStringLiteral("all"));
    QVERIFY2(built.exitCode == 0, built.output.constData());
    QVERIFY(built.program.contains(m_secondServer.url()));
    QVERIFY(m_secondServer.workspaceIds().contains(workspaceOn(m_secondServer)));
    QVERIFY(QFile::exists(m_secondServer.workspacePath(workspaceOn(m_secondServer)) + QLatin1String("/built-marker")));
    QVERIFY(!m_server.workspaceIds().contains(workspaceOn(m_secondServer)));

    // Back to the runtime's server.
    server->setCurrentIndex(0);
    page->apply();
    QCOMPARE(make(alpha, QStringLiteral("all")).exitCode, 0);
    QVERIFY(m_server.workspaceIds().contains(workspaceOn(m_server)));
}

QTEST_MAIN(TestPluginSettings)
#include "tst_pluginsettings.moc"
