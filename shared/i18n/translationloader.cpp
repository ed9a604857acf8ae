// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: LGPL-2.1-only OR LGPL-3.0-only

// Installs the project's embedded translations (and Qt's own) into an application.
#include "i18n/translationloader.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLoggingCategory>
#include <QTranslator>

#include <memory>

// Q_INIT_RESOURCE must be used outside any namespace.
static void initTranslationResources()
{
    // bs_translations is a static library: referencing its initialiser here keeps the linker
    // from dropping the object that holds the embedded .qm files. Registering twice is a no-op.
    Q_INIT_RESOURCE(bs_translations);
}

namespace BuildService {
namespace {

Q_LOGGING_CATEGORY(lcI18n, "buildservice.i18n", QtInfoMsg)

// Marks our translators so a later call can find and replace them.
const char s_translatorObjectName[] = "BuildService::installTranslations";

bool installCatalogue(QCoreApplication &app, const QLocale &locale, const QString &catalogue,
                      const QString &directory)
{
    auto translator = std::make_unique<QTranslator>();
    if (!translator->load(locale, catalogue, QStringLiteral("_"), directory)) {
        qCDebug(lcI18n) << "no" << catalogue << "translation for" << locale.name() << "in"
                        << directory;
        return false;
    }
    qCDebug(lcI18n) << "loaded" << translator->filePath();
    translator->setObjectName(QLatin1String(s_translatorObjectName));
    translator->setParent(&app);
    QCoreApplication::installTranslator(translator.release());
    return true;
}

} // namespace

bool installTranslations(QCoreApplication &app, const QLocale &locale)
{
    initTranslationResources();

    const auto previous = app.findChildren<QTranslator *>(QLatin1String(s_translatorObjectName),
                                                          Qt::FindDirectChildrenOnly);
    for (QTranslator *translator : previous) {
        QCoreApplication::removeTranslator(translator);
        delete translator;
    }

    const bool projectLoaded =
        installCatalogue(app, locale, QStringLiteral("build-service"), QStringLiteral(":/i18n"));
    installCatalogue(app, locale, QStringLiteral("qtbase"),
                     QLibraryInfo::location(QLibraryInfo::TranslationsPath));
    return projectLoaded;
}

} // namespace BuildService
