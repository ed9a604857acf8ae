// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: LGPL-2.1-only OR LGPL-3.0-only

// CMakeConfigureFirst: the CMake configure a remote build needs when its build directory is new on the server.
#include "cmakeconfigurefirst.h"

#include <algorithm>

namespace BuildService::Plugin {

QString CMakeConfigureFirst::cacheValue(const QByteArray &cache, const QString &key)
{
    // Lines are KEY:TYPE=VALUE; comments start with # or //.
    const QByteArray prefix = key.toUtf8() + ':';
    const QList<QByteArray> lines = cache.split('\n');
    for (QByteArray line : lines) {
        if (line.endsWith('\r'))
            line.chop(1);
        if (!line.startsWith(prefix))
            continue;
        const int eq = line.indexOf('=', prefix.size());
        if (eq > 0)
            return QString::fromUtf8(line.mid(eq + 1));
    }
    return {};
}

QStringList CMakeConfigureFirst::withGenerator(const QStringList &argv, const QString &generator)
{
    if (argv.isEmpty() || generator.isEmpty())
        return argv;
    const bool named = std::any_of(argv.begin() + 1, argv.end(), [](const QString &arg) {
        return arg.startsWith(QLatin1String("-G")) || arg.startsWith(QLatin1String("-DCMAKE_GENERATOR="))
            || arg.startsWith(QLatin1String("-DCMAKE_GENERATOR:"));
    });
    if (named)
        return argv;
    QStringList result = argv;
    result.insert(1, QStringLiteral("-G"));
    result.insert(2, generator);
    return result;
}

QStringList CMakeConfigureFirst::configureArgv(const QByteArray &cache, const QStringList &extraArguments)
{
    const QString source = cacheValue(cache, QStringLiteral("CMAKE_HOME_DIRECTORY"));
    if (source.isEmpty())
        return {};
    QStringList argv{QStringLiteral("cmake"), QStringLiteral("-DCMAKE_EXPORT_COMPILE_COMMANDS=ON")};
    if (const QString type = cacheValue(cache, QStringLiteral("CMAKE_BUILD_TYPE")); !type.isEmpty())
        argv << QStringLiteral("-DCMAKE_BUILD_TYPE=") + type;
    if (const QString prefix = cacheValue(cache, QStringLiteral("CMAKE_INSTALL_PREFIX")); !prefix.isEmpty())
        argv << QStringLiteral("-DCMAKE_INSTALL_PREFIX=") + prefix;
    argv << extraArguments << source;
    return withGenerator(argv, cacheValue(cache, QStringLiteral("CMAKE_GENERATOR")));
}

} // namespace BuildService::Plugin
