// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: LGPL-2.1-only OR LGPL-3.0-only

// CheckoutLocator: the nearest ancestor with .git or .build-service/.
#include "checkoutlocator.h"

#include <QDir>
#include <QFileInfo>

namespace BuildService {

CheckoutLocation CheckoutLocator::locate(const QString &startDir)
{
    const QString start = QDir::cleanPath(QDir(startDir).absolutePath());
    QDir dir(start);
    for (;;) {
        if (QFileInfo::exists(dir.filePath(QStringLiteral(".git")))
            || QFileInfo(dir.filePath(QStringLiteral(".build-service"))).isDir()) {
            const QString root = dir.absolutePath();
            const QString relative = dir.relativeFilePath(start);
            return {root, relative == QLatin1String(".") ? QString() : relative};
        }
        if (!dir.cdUp())
            return {start, QString()};
    }
}

} // namespace BuildService
