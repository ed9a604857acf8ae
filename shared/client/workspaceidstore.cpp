// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: LGPL-2.1-only OR LGPL-3.0-only

// WorkspaceIdStore: persistence of the workspace ids of a checkout, per server.
#include "workspaceidstore.h"

#include "protocol/messages.h"
#include "protocol/protocol.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QSaveFile>
#include <QUrl>

namespace BuildService {

namespace {
// Unbuffered: Qt 5's QSaveFile does not notice a write error in its final flush and would
// commit an empty file on a full disk.
Result<void> writeAtomically(const QString &path, const QByteArray &content)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Unbuffered) || file.write(content) != content.size() || !file.commit())
        return makeError(ErrorCode::IoError, QObject::tr("cannot write %1: %2").arg(path, file.errorString()));
    return {};
}

QString readLine(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(file.read(4096)).trimmed();
}
} // namespace

WorkspaceIdStore::WorkspaceIdStore(const QString &checkoutDir, const QString &serverUrl)
    : m_checkoutDir(checkoutDir)
    , m_server(normalizedServer(serverUrl))
    , m_folder(rootFolderPath())
{
    if (m_server.isEmpty())
        return;
    const QString owner = readLine(rootFolderPath() + QLatin1String("/server"));
    if (owner.isEmpty())
        m_claimsDefault = true;
    else if (normalizedServer(owner) != m_server)
        m_folder = rootFolderPath() + QLatin1String("/servers/") + serverKey(m_server);
}

QString WorkspaceIdStore::normalizedServer(const QString &url)
{
    const QUrl parsed(url.trimmed(), QUrl::StrictMode);
    const QString scheme = parsed.scheme().toLower();
    if (!parsed.isValid() || parsed.host().isEmpty() || (scheme != QLatin1String("ws") && scheme != QLatin1String("wss")))
        return {};
    QString path = parsed.path();
    while (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    QUrl normal;
    normal.setScheme(scheme);
    normal.setHost(parsed.host().toLower());
    normal.setPort(parsed.port(Protocol::DefaultPort));
    normal.setPath(path);
    return normal.toString();
}

QString WorkspaceIdStore::serverKey(const QString &normalizedUrl)
{
    const QUrl url(normalizedUrl);
    QString key = url.host() + QLatin1Char('-') + QString::number(url.port(Protocol::DefaultPort)) + url.path();
    if (url.scheme() == QLatin1String("wss"))
        key.prepend(QLatin1String("wss-"));
    static const QRegularExpression unsafe(QStringLiteral("[^A-Za-z0-9._-]"));
    key.replace(unsafe, QStringLiteral("_"));
    return key.startsWith(QLatin1Char('.')) ? QLatin1Char('_') + key : key;
}

QString WorkspaceIdStore::rootFolderPath() const
{
    return m_checkoutDir + QLatin1String("/.build-service");
}

QString WorkspaceIdStore::folderPath() const
{
    return m_folder;
}

QString WorkspaceIdStore::filePath() const
{
    return folderPath() + QLatin1String("/workspace-id");
}

QString WorkspaceIdStore::read() const
{
    const QString id = readLine(filePath());
    return isValidWorkspaceId(id) ? id : QString();
}

Result<void> WorkspaceIdStore::write(const QString &id) const
{
    if (!QDir().mkpath(folderPath()))
        return makeError(ErrorCode::IoError, QObject::tr("cannot create %1").arg(folderPath()));
    const QString ignoreFile = rootFolderPath() + QLatin1String("/.gitignore");
    if (!QFile::exists(ignoreFile)) {
        if (const Result<void> written = writeAtomically(ignoreFile, "*\n"); !written)
            return written;
    }
    if (m_claimsDefault) {
        if (const Result<void> claimed = writeAtomically(rootFolderPath() + QLatin1String("/server"), m_server.toUtf8() + '\n'); !claimed)
            return claimed;
    }
    return writeAtomically(filePath(), id.toUtf8() + '\n');
}

Result<void> WorkspaceIdStore::clear() const
{
    if (QFile::exists(filePath()) && !QFile::remove(filePath()))
        return makeError(ErrorCode::IoError, QObject::tr("cannot remove %1").arg(filePath()));
    return {};
}

} // namespace BuildService
