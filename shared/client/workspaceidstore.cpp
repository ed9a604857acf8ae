// WorkspaceIdStore: persistence of the workspace id per checkout.
#include "workspaceidstore.h"

#include "protocol/messages.h"

#include <QDir>
#include <QFile>
#include <QSaveFile>

namespace BuildService {

WorkspaceIdStore::WorkspaceIdStore(const QString &checkoutDir)
    : m_checkoutDir(checkoutDir)
{
}

QString WorkspaceIdStore::folderPath() const
{
    return m_checkoutDir + QLatin1String("/.build-service");
}

QString WorkspaceIdStore::filePath() const
{
    return folderPath() + QLatin1String("/workspace-id");
}

QString WorkspaceIdStore::read() const
{
    QFile file(filePath());
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QString id = QString::fromUtf8(file.read(256)).trimmed();
    return isValidWorkspaceId(id) ? id : QString();
}

Result<void> WorkspaceIdStore::write(const QString &id) const
{
    if (!QDir().mkpath(folderPath()))
        return makeError(ErrorCode::IoError, QObject::tr("cannot create %1").arg(folderPath()));
    const QString ignoreFile = folderPath() + QLatin1String("/.gitignore");
    if (!QFile::exists(ignoreFile)) {
        // Unbuffered: Qt 5's QSaveFile does not notice a write error in its final flush and
        // would commit an empty file on a full disk.
        QSaveFile ignore(ignoreFile);
        if (!ignore.open(QIODevice::WriteOnly | QIODevice::Unbuffered) || ignore.write("*\n") != 2 || !ignore.commit())
            return makeError(ErrorCode::IoError, QObject::tr("cannot write %1: %2").arg(ignoreFile, ignore.errorString()));
    }
    QSaveFile file(filePath());
    const QByteArray content = id.toUtf8() + '\n';
    if (!file.open(QIODevice::WriteOnly | QIODevice::Unbuffered) || file.write(content) != content.size() || !file.commit())
        return makeError(ErrorCode::IoError, QObject::tr("cannot write %1: %2").arg(filePath(), file.errorString()));
    return {};
}

Result<void> WorkspaceIdStore::clear() const
{
    if (QFile::exists(filePath()) && !QFile::remove(filePath()))
        return makeError(ErrorCode::IoError, QObject::tr("cannot remove %1").arg(filePath()));
    return {};
}

} // namespace BuildService
