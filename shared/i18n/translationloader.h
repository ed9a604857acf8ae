// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: LGPL-2.1-only OR LGPL-3.0-only

// Installs the project's embedded translations (and Qt's own) into an application.
#pragma once

#include <QLocale>

class QCoreApplication;

namespace BuildService {

/**
 * Installs the translations for @p locale into @p app.
 *
 * Loads the project catalogue embedded as ":/i18n/build-service_<lang>.qm" (QTranslator's
 * locale fallback applies: for de_DE it tries build-service_de_DE.qm, then build-service_de.qm)
 * and, when the system has it, Qt's own "qtbase_<lang>.qm" from
 * QLibraryInfo::TranslationsPath, so Qt's standard texts match the language.
 *
 * Translators installed by an earlier call are removed first: call it once at start-up, or
 * again to switch the language. Ownership: the translators are children of @p app.
 * Threading: call on the thread that owns @p app (the main thread).
 *
 * Returns whether a project translation was loaded. false is not an error: English is the
 * source language and has no catalogue, and a language nobody translated yet stays English.
 * What was loaded is logged under the category "buildservice.i18n".
 */
bool installTranslations(QCoreApplication &app, const QLocale &locale = QLocale());

} // namespace BuildService
