// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: BSD-2-Clause

// Tests that the .ts files match the sources and that installTranslations loads them.
#include "i18n/translationloader.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLibraryInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>
#include <QXmlStreamReader>

namespace {

QStringList listFromDefinition(const char *commaSeparated)
{
    return QString::fromUtf8(commaSeparated).split(QLatin1Char(','), Qt::SkipEmptyParts);
}

QString sourcePath(const QString &relative)
{
    return QDir(QStringLiteral(BS_SOURCE_DIR)).filePath(relative);
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return {};
    }
    return file.readAll();
}

// Names the first line where two texts differ, so a failing CI log shows what changed.
QString firstDifference(const QByteArray &committed, const QByteArray &current)
{
    const QList<QByteArray> a = committed.split('\n');
    const QList<QByteArray> b = current.split('\n');
    int line = 0;
    while (line < a.size() && line < b.size() && a.at(line) == b.at(line)) {
        ++line;
    }
    const auto at = [](const QList<QByteArray> &lines, int i) {
        return i < lines.size() ? QString::fromUtf8(lines.at(i).trimmed()) : QStringLiteral("<end of file>");
    };
    return QStringLiteral("first difference at line %1: committed \"%2\", lupdate gives \"%3\"")
        .arg(line + 1)
        .arg(at(a, line), at(b, line));
}

struct FinishedTranslation
{
    QString context;
    QString source;
    QString disambiguation;
    QString translation;
};

// The first finished, non-plural translation in a .ts file; an empty source when there is none.
bool firstFinishedTranslation(const QString &tsPath, FinishedTranslation *found, QString *error)
{
    QFile file(tsPath);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot open %1: %2").arg(tsPath, file.errorString());
        return false;
    }
    QXmlStreamReader xml(&file);
    QString context;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement()) {
            continue;
        }
        if (xml.name() == QLatin1String("name")) { // only appears as <context><name>
            context = xml.readElementText();
            continue;
        }
        if (xml.name() != QLatin1String("message")) {
            continue;
        }
        const bool plural = xml.attributes().value(QLatin1String("numerus")) == QLatin1String("yes");
        FinishedTranslation message{context, {}, {}, {}};
        bool finished = false;
        while (xml.readNextStartElement()) {
            if (xml.name() == QLatin1String("source")) {
                message.source = xml.readElementText();
            } else if (xml.name() == QLatin1String("comment")) {
                message.disambiguation = xml.readElementText();
            } else if (xml.name() == QLatin1String("translation")) {
                // No type attribute means finished; "unfinished", "vanished" and "obsolete" do not ship.
                finished = !xml.attributes().hasAttribute(QLatin1String("type"));
                message.translation = xml.readElementText(QXmlStreamReader::IncludeChildElements);
            } else {
                xml.skipCurrentElement();
            }
        }
        if (finished && !plural && !message.translation.isEmpty()) {
            *found = message;
            return true;
        }
    }
    if (xml.hasError()) {
        *error = QStringLiteral("%1: XML error at line %2: %3")
                     .arg(tsPath)
                     .arg(xml.lineNumber())
                     .arg(xml.errorString());
        return false;
    }
    *found = FinishedTranslation{};
    return true;
}

} // namespace

class TstTranslations : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cleanup();
    void tsFilesMatchSources_data();
    void tsFilesMatchSources();
    void embedsCompiledCatalogueForEachTsFile_data();
    void embedsCompiledCatalogueForEachTsFile();
    void loadsGermanProjectTranslation();
    void translatesPluginAndCMakeMirrorTextsToGerman_data();
    void translatesPluginAndCMakeMirrorTextsToGerman();
    void returnsFalseForSourceLanguage();
    void loadsQtBaseTranslationWhenInstalled();
    void repeatedCallReplacesTranslators();
};

void TstTranslations::cleanup()
{
    // Deleting a QTranslator uninstalls it, so every test starts untranslated.
    qDeleteAll(QCoreApplication::instance()->findChildren<QTranslator *>());
}

void TstTranslations::tsFilesMatchSources_data()
{
    QTest::addColumn<QString>("tsFile");
    const QStringList tsFiles = listFromDefinition(BS_TS_FILES);
    QVERIFY2(!tsFiles.isEmpty(), "translations/CMakeLists.txt lists no .ts file");
    for (const QString &ts : tsFiles) {
        QTest::newRow(qPrintable(ts)) << ts;
    }
}

void TstTranslations::tsFilesMatchSources()
{
    QFETCH(QString, tsFile);
    const QString committed = sourcePath(tsFile);
    const QByteArray committedContent = readAll(committed);
    QVERIFY2(!committedContent.isEmpty(), qPrintable(QStringLiteral("cannot read %1").arg(committed)));

    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const QString copy = tmp.filePath(QFileInfo(committed).fileName());
    QVERIFY(QFile::copy(committed, copy));
    QVERIFY(QFile::setPermissions(copy, QFile::ReadOwner | QFile::WriteOwner));

    // Same command as the update_translations target, on a copy of the committed file.
    QProcess lupdate;
    lupdate.setWorkingDirectory(QStringLiteral(BS_SOURCE_DIR));
    lupdate.setProcessChannelMode(QProcess::MergedChannels);
    const QStringList arguments = QStringList{QStringLiteral("-silent"), QStringLiteral("-no-obsolete"),
                                              QStringLiteral("-locations"), QStringLiteral("none")}
        + listFromDefinition(BS_LUPDATE_SOURCE_DIRS) + QStringList{QStringLiteral("-ts"), copy};
    lupdate.start(QStringLiteral(BS_LUPDATE_EXECUTABLE), arguments);
    QVERIFY2(lupdate.waitForFinished(60000), qPrintable(lupdate.errorString()));
    QVERIFY2(lupdate.exitStatus() == QProcess::NormalExit && lupdate.exitCode() == 0,
             qPrintable(QString::fromLocal8Bit(lupdate.readAll())));

    const QByteArray current = readAll(copy);
    QVERIFY2(current == committedContent,
             qPrintable(QStringLiteral("%1 is out of date with the sources (%2); run "
                                       "`cmake --build build --target update_translations` and "
                                       "commit the result")
                            .arg(tsFile, firstDifference(committedContent, current))));
}

void TstTranslations::embedsCompiledCatalogueForEachTsFile_data()
{
    QTest::addColumn<QString>("resource");
    for (const QString &ts : listFromDefinition(BS_TS_FILES)) {
        const QString qm = QFileInfo(ts).completeBaseName() + QLatin1String(".qm");
        QTest::newRow(qPrintable(qm)) << QLatin1String(":/i18n/") + qm;
    }
}

void TstTranslations::embedsCompiledCatalogueForEachTsFile()
{
    QFETCH(QString, resource);
    // installTranslations registers the resources of the static library bs_translations.
    BuildService::installTranslations(*QCoreApplication::instance(), QLocale::c());
    QVERIFY2(QFile::exists(resource), qPrintable(resource));
    QVERIFY(QFileInfo(resource).size() > 0);
}

void TstTranslations::loadsGermanProjectTranslation()
{
    const QString tsPath = sourcePath(QStringLiteral("translations/build-service_de.ts"));
    FinishedTranslation expected;
    QString error;
    QVERIFY2(firstFinishedTranslation(tsPath, &expected, &error), qPrintable(error));
    if (expected.source.isEmpty()) {
        QSKIP("translations/build-service_de.ts has no finished translation yet; translate at least "
              "one message (e.g. with Qt Linguist) to enable this test");
    }

    QVERIFY(BuildService::installTranslations(*QCoreApplication::instance(), QLocale(QStringLiteral("de_DE"))));
    const QByteArray context = expected.context.toUtf8();
    const QByteArray source = expected.source.toUtf8();
    const QByteArray disambiguation = expected.disambiguation.toUtf8();
    QCOMPARE(QCoreApplication::translate(context.constData(), source.constData(),
                                         disambiguation.isEmpty() ? nullptr : disambiguation.constData()),
             expected.translation);
}

void TstTranslations::translatesPluginAndCMakeMirrorTextsToGerman_data()
{
    QTest::addColumn<QByteArray>("context");
    QTest::addColumn<QByteArray>("source");
    QTest::addColumn<QString>("german");
    // Texts of the KDevelop plugin (plugin/) and of the CMake build-directory mirror (shared/client,
    // cli/): the catalogue the plugin installs at load must hold finished translations for them.
    QTest::newRow("settings page name") << QByteArray("BuildService::Plugin::ServersPage")
                                        << QByteArray("Build Servers") << QStringLiteral("Build-Server");
    QTest::newRow("button with accelerator")
        << QByteArray("BuildService::Plugin::ServersPage") << QByteArray("&Test Connection")
        << QStringLiteral("Verbindung &testen");
    QTest::newRow("project settings page") << QByteArray("BuildService::Plugin::ProjectSettingsPage")
                                           << QByteArray("Remote Build") << QStringLiteral("Entfernter Build");
    QTest::newRow("launch configuration type")
        << QByteArray("BuildService::Plugin::RemoteLaunchConfigurationType")
        << QByteArray("Remote Command (Build Server)") << QStringLiteral("Entfernter Befehl (Build-Server)");
    QTest::newRow("server list validation")
        << QByteArray("BuildService::Plugin::ServerListModel")
        << QByteArray("The server name must not contain control characters.")
        << QStringLiteral("Der Servername darf keine Steuerzeichen enthalten.");
    QTest::newRow("connection test") << QByteArray("BuildService::Plugin::ConnectionTester")
                                     << QByteArray("The server refused the connection: %1")
                                     << QStringLiteral("Der Server hat die Verbindung abgelehnt: %1");
    QTest::newRow("cmake mirror failure") << QByteArray("BuildService::BuildClient")
                                          << QByteArray("the CMake configuration could not be mirrored: %1")
                                          << QStringLiteral("die CMake-Konfiguration konnte nicht gespiegelt werden: %1");
    QTest::newRow("cmake mirror query") << QByteArray("QObject")
                                        << QByteArray("the CMake file-API query %1 is not UTF-8 text")
                                        << QStringLiteral("die CMake-File-API-Anfrage %1 ist kein UTF-8-Text");
}

void TstTranslations::translatesPluginAndCMakeMirrorTextsToGerman()
{
    QFETCH(QByteArray, context);
    QFETCH(QByteArray, source);
    QFETCH(QString, german);
    // The same call the plugin makes at load; de_DE falls back to build-service_de.qm.
    QVERIFY(BuildService::installTranslations(*QCoreApplication::instance(), QLocale(QStringLiteral("de_DE"))));
    QCOMPARE(QCoreApplication::translate(context.constData(), source.constData()), german);
}

void TstTranslations::returnsFalseForSourceLanguage()
{
    // English is the source language: there is no catalogue and nothing is translated.
    QVERIFY(!BuildService::installTranslations(*QCoreApplication::instance(), QLocale(QStringLiteral("en_US"))));
    const auto translators = QCoreApplication::instance()->findChildren<QTranslator *>();
    for (const QTranslator *translator : translators) {
        QVERIFY2(!translator->filePath().startsWith(QLatin1String(":/i18n/")), qPrintable(translator->filePath()));
    }
}

void TstTranslations::loadsQtBaseTranslationWhenInstalled()
{
    const QString qtbaseDe = QDir(QLibraryInfo::location(QLibraryInfo::TranslationsPath))
                                 .filePath(QStringLiteral("qtbase_de.qm"));
    if (!QFile::exists(qtbaseDe)) {
        QSKIP("Qt's German translation (qttranslations5-l10n) is not installed");
    }
    BuildService::installTranslations(*QCoreApplication::instance(), QLocale(QStringLiteral("de_DE")));
    QCOMPARE(QCoreApplication::translate("QIODevice", "No such file or directory"),
             QStringLiteral("Die Datei oder das Verzeichnis konnte nicht gefunden werden"));
}

void TstTranslations::repeatedCallReplacesTranslators()
{
    QCoreApplication &app = *QCoreApplication::instance();
    BuildService::installTranslations(app, QLocale(QStringLiteral("de_DE")));
    const int afterFirst = app.findChildren<QTranslator *>().size();
    if (afterFirst == 0) {
        QSKIP("neither a project nor a Qt translation exists for German here");
    }
    BuildService::installTranslations(app, QLocale(QStringLiteral("de_DE")));
    QCOMPARE(app.findChildren<QTranslator *>().size(), afterFirst);

    // Switching to the source language drops the German translators.
    BuildService::installTranslations(app, QLocale(QStringLiteral("en_US")));
    QCOMPARE(QCoreApplication::translate("QIODevice", "No such file or directory"),
             QStringLiteral("No such file or directory"));
    const auto remaining = app.findChildren<QTranslator *>();
    for (const QTranslator *translator : remaining) {
        QVERIFY2(!translator->filePath().endsWith(QLatin1String("_de.qm")), qPrintable(translator->filePath()));
    }
}

QTEST_GUILESS_MAIN(TstTranslations)
#include "tst_translations.moc"
