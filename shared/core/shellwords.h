// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: LGPL-2.1-only OR LGPL-3.0-only

// ShellWords: quoting for /bin/sh, shared by everything that builds a remote command line.
#pragma once

#include <QString>
#include <QStringList>

namespace BuildService::ShellWords {

/** @p word quoted for /bin/sh: unchanged when it only holds safe characters, else in '...'. */
QString quote(const QString &word);

/**
 * A relative @p path quoted as an argument that no command mistakes for an option: one that
 * starts with '-' gets a leading "./".
 */
QString quotePath(const QString &path);

/** The words quoted and joined with spaces, so /bin/sh splits them back into @p words. */
QString join(const QStringList &words);

} // namespace BuildService::ShellWords
