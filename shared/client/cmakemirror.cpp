// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: LGPL-2.1-only OR LGPL-3.0-only

// CMakeMirror: a CMake build directory configured on the server, readable by local tools.
#include "client/cmakemirror.h"
#include "client/pathrewriter.h"

#include "core/shellwords.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QSet>
#include <QTextCodec>

#include <algorithm>

namespace BuildService {

namespace {

const QLatin1String QueryDir(".cmake/api/v1/query");
const QLatin1String ReplyDir(".cmake/api/v1/reply");
constexpr int MaxQueryFiles = 64;
constexpr qint64 MaxQueryFileBytes = 64 * 1024;
// Reply JSON for very large projects stays far below this; anything bigger is not ours.
constexpr qint64 MaxMirroredFileBytes = 512LL * 1024 * 1024;

bool continuesFileName(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.';
}

// Replaces @p from by @p to where @p from is a whole path prefix (not the start of a longer
// name, nor the end of a longer path: "/build" in "/home/me/build").
QByteArray replacePathPrefix(const QByteArray &data, const QByteArray &from, const QByteArray &to, bool *changed)
{
    QByteArray result;
    int copied = 0;
    for (int at = data.indexOf(from); at >= 0; at = data.indexOf(from, at + from.size())) {
        const int end = at + from.size();
        if ((end < data.size() && continuesFileName(data.at(end))) || !PathRewriter::startsPath(data, at))
            continue;
        if (result.isEmpty())
            result.reserve(data.size());
        result.append(data.constData() + copied, at - copied);
        result.append(to);
        copied = end;
    }
    *changed = copied > 0;
    if (copied == 0)
        return data;
    result.append(data.constData() + copied, data.size() - copied);
    return result;
}

bool isReplyIndex(const QString &path)
{
    return QFileInfo(path).fileName().startsWith(QLatin1String("index-"));
}

// @p path as the body of a JSON string (a checkout path may hold '"' or '\\'), escaped by Qt.
QByteArray jsonStringBody(const QString &path)
{
    const QByteArray array = QJsonDocument(QJsonArray{path}).toJson(QJsonDocument::Compact); // ["..."]
    return array.mid(2, array.size() - 4);
}

// compile_commands.json: paths are mapped in "directory", "file", "output" and "arguments"; in
// a "command" (one shell command line) a mapped path is shell-quoted when the checkout path
// needs it (spaces, quotes), so tools that split the command (clangd) still see one argument.
QByteArray mapCompileCommands(const QByteArray &data, const QByteArray &from, const QString &to, bool *ok)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(data, &error);
    *ok = error.error == QJsonParseError::NoError && document.isArray();
    if (!*ok)
        return data;
    const QByteArray toUtf8 = to.toUtf8();
    const auto mapPath = [&](const QString &value) {
        bool changed = false;
        return QString::fromUtf8(replacePathPrefix(value.toUtf8(), from, toUtf8, &changed));
    };
    const auto mapCommand = [&](const QString &command) {
        const QByteArray bytes = command.toUtf8();
        QByteArray result;
        int copied = 0;
        for (int at = bytes.indexOf(from); at >= 0; at = bytes.indexOf(from, at + from.size())) {
            const int end = at + from.size();
            if ((end < bytes.size() && continuesFileName(bytes.at(end))) || !PathRewriter::startsPath(bytes, at))
                continue;
            int tokenEnd = bytes.indexOf(' ', end);
            if (tokenEnd < 0)
                tokenEnd = bytes.size();
            const QByteArray rest = bytes.mid(end, tokenEnd - end);
            const bool plain = at == 0 || (bytes.at(at - 1) != '"' && bytes.at(at - 1) != '\'');
            result.append(bytes.constData() + copied, at - copied);
            if (plain && !rest.contains('"') && !rest.contains('\'') && !rest.contains('\\'))
                result.append(ShellWords::quote(to + QString::fromUtf8(rest)).toUtf8());
            else
                result.append(toUtf8 + rest); // already quoted by CMake: keep its quoting
            copied = tokenEnd;
            at = tokenEnd - from.size(); // continue after this token
        }
        result.append(bytes.constData() + copied, bytes.size() - copied);
        return QString::fromUtf8(result);
    };
    QJsonArray mapped;
    const QJsonArray entries = document.array();
    for (const QJsonValue &value : entries) {
        QJsonObject entry = value.toObject();
        for (const char *key : {"directory", "file", "output"}) {
            const QString name = QLatin1String(key);
            if (entry.value(name).isString())
                entry.insert(name, mapPath(entry.value(name).toString()));
        }
        if (entry.value(QLatin1String("command")).isString())
            entry.insert(QStringLiteral("command"), mapCommand(entry.value(QLatin1String("command")).toString()));
        if (entry.value(QLatin1String("arguments")).isArray()) {
            QJsonArray arguments;
            const QJsonArray original = entry.value(QLatin1String("arguments")).toArray();
            for (const QJsonValue &argument : original)
                arguments.append(mapPath(argument.toString()));
            entry.insert(QStringLiteral("arguments"), arguments);
        }
        mapped.append(entry);
    }
    return QJsonDocument(mapped).toJson(QJsonDocument::Indented);
}

} // namespace

QString literalGlob(const QString &name)
{
    QString glob;
    for (const QChar c : name) {
        if (c == QLatin1Char('[') || c == QLatin1Char('*') || c == QLatin1Char('?'))
            glob += QLatin1Char('[') + c + QLatin1Char(']');
        else
            glob += c;
    }
    return glob;
}

const QStringList &CMakeMirror::mirroredFiles()
{
    // rules.ninja: build.ninja includes it, so local `ninja -t` queries need it.
    static const QStringList files{QStringLiteral("CMakeCache.txt"), QStringLiteral("Makefile"),
                                   QStringLiteral("build.ninja"), QStringLiteral("CMakeFiles/rules.ninja"),
                                   QStringLiteral("compile_commands.json")};
    return files;
}

CMakeMirror::CMakeMirror(const QString &checkoutDir, const QString &relativeDir)
    : m_checkoutDir(checkoutDir)
    , m_relativeDir(relativeDir)
{
}

Result<CMakeMirror> CMakeMirror::create(const QString &checkoutDir, const QString &buildDir)
{
    const QString root = QDir::cleanPath(QDir(checkoutDir).absolutePath());
    const QString absolute = QDir::cleanPath(QDir(root).absoluteFilePath(buildDir));
    const QString relative = QDir(root).relativeFilePath(absolute);
    if (relative.isEmpty() || relative == QLatin1String(".") || relative.startsWith(QLatin1String("../"))
        || relative == QLatin1String("..")) {
        return makeError(ErrorCode::InvalidRequest,
                         QObject::tr("the CMake build directory %1 must lie inside the checkout %2 and not be the checkout itself")
                             .arg(absolute, root));
    }
    if (relative.contains(QLatin1Char('\\'))) {
        // The server refuses backslashes in artifact paths, so the configuration could not come back.
        return makeError(ErrorCode::InvalidRequest,
                         QObject::tr("the CMake build directory %1 contains a backslash; choose a name without one").arg(absolute));
    }
    return CMakeMirror(root, relative);
}

QString CMakeMirror::excludePattern() const
{
    return QLatin1Char('/') + literalGlob(m_relativeDir) + QLatin1Char('/');
}

Result<void> CMakeMirror::markIgnored() const
{
    const QString dir = m_checkoutDir + QLatin1Char('/') + m_relativeDir;
    if (!QDir().mkpath(dir))
        return makeError(ErrorCode::IoError, QObject::tr("cannot create the CMake build directory %1").arg(dir));
    const QString ignore = dir + QLatin1String("/.gitignore");
    if (QFileInfo::exists(ignore))
        return {};
    QSaveFile file(ignore);
    if (!file.open(QIODevice::WriteOnly) || file.write("*\n") != 2 || !file.commit())
        return makeError(ErrorCode::IoError, QObject::tr("cannot write %1: %2").arg(ignore, file.errorString()));
    return {};
}

QStringList CMakeMirror::artifactGlobs() const
{
    QStringList globs;
    const QString dir = literalGlob(m_relativeDir);
    for (const QString &file : mirroredFiles())
        globs << dir + QLatin1Char('/') + file;
    globs << dir + QLatin1Char('/') + ReplyDir + QLatin1String("/*");
    return globs;
}

Result<QString> CMakeMirror::queryPrologue() const
{
    const QString localQueries = m_checkoutDir + QLatin1Char('/') + m_relativeDir + QLatin1Char('/') + QueryDir;
    if (!QFileInfo(localQueries).isDir())
        return QString();
    QStringList files;
    QDirIterator it(localQueries, QDir::Files | QDir::Hidden | QDir::NoSymLinks, QDirIterator::Subdirectories);
    while (it.hasNext())
        files << it.next();
    std::sort(files.begin(), files.end()); // deterministic command, so identical builds stay identical
    if (files.size() > MaxQueryFiles) {
        return makeError(ErrorCode::InvalidRequest,
                         QObject::tr("%1 holds more than %2 CMake file-API query files").arg(localQueries).arg(MaxQueryFiles));
    }
    QString prologue;
    for (const QString &path : qAsConst(files)) {
        QFile file(path);
        if (file.size() > MaxQueryFileBytes) {
            return makeError(ErrorCode::InvalidRequest,
                             QObject::tr("the CMake file-API query %1 is larger than %2 KiB").arg(path).arg(MaxQueryFileBytes / 1024));
        }
        if (!file.open(QIODevice::ReadOnly))
            return makeError(ErrorCode::IoError, QObject::tr("cannot read %1: %2").arg(path, file.errorString()));
        const QByteArray content = file.readAll();
        QTextCodec::ConverterState state;
        const QString text = QTextCodec::codecForName("UTF-8")->toUnicode(content.constData(), content.size(), &state);
        if (state.invalidChars > 0 || content.contains('\0'))
            return makeError(ErrorCode::InvalidRequest, QObject::tr("the CMake file-API query %1 is not UTF-8 text").arg(path));
        const QString relativePath = QDir(m_checkoutDir).relativeFilePath(path);
        const QString relativeParent = QFileInfo(relativePath).path();
        // A failed write must stop the command: CMake would otherwise answer no query.
        prologue += QStringLiteral("mkdir -p %1 && printf %s %2 > %3 || exit 125\n")
                        .arg(ShellWords::quotePath(relativeParent), ShellWords::quote(text), ShellWords::quotePath(relativePath));
    }
    return prologue;
}

bool CMakeMirror::mirrors(const QString &relativePath) const
{
    const QString prefix = m_relativeDir + QLatin1Char('/');
    if (!relativePath.startsWith(prefix))
        return false;
    const QString inside = relativePath.mid(prefix.size());
    const QString replyPrefix = ReplyDir + QLatin1Char('/');
    if (inside.startsWith(replyPrefix))
        return !inside.midRef(replyPrefix.size()).contains(QLatin1Char('/'));
    return mirroredFiles().contains(inside);
}

Result<void> CMakeMirror::finish(const QString &remoteRoot, const QStringList &unpacked) const
{
    const QString prefix = m_relativeDir + QLatin1Char('/');
    const QString replyPrefix = prefix + ReplyDir + QLatin1Char('/');
    QStringList mine;
    QSet<QString> replies;
    for (const QString &path : unpacked) {
        // Only the configuration: the project's own artifacts (programs) keep their bytes.
        if (!mirrors(path))
            continue;
        mine << path;
        if (path.startsWith(replyPrefix))
            replies.insert(path);
    }
    // CMakeCache.txt and the generators' files first, reply indexes last (see the class comment).
    std::stable_sort(mine.begin(), mine.end(), [](const QString &a, const QString &b) {
        return !isReplyIndex(a) && isReplyIndex(b);
    });

    const QByteArray from = QDir::cleanPath(remoteRoot).toUtf8();
    const QByteArray to = m_checkoutDir.toUtf8();
    const QByteArray toInJson = jsonStringBody(m_checkoutDir);
    for (const QString &relative : qAsConst(mine)) {
        const QString path = m_checkoutDir + QLatin1Char('/') + relative;
        QFile in(path);
        if (in.size() > MaxMirroredFileBytes)
            return makeError(ErrorCode::IoError, QObject::tr("%1 is too large to map its paths").arg(path));
        if (!in.open(QIODevice::ReadOnly))
            return makeError(ErrorCode::IoError, QObject::tr("cannot read %1: %2").arg(path, in.errorString()));
        const QByteArray data = in.readAll();
        in.close();
        bool changed = false;
        const QByteArray &target = relative.endsWith(QLatin1String(".json")) ? toInJson : to;
        QByteArray mapped = data;
        bool parsed = false;
        // The build saw the checkout's own path ([sandbox] workspace_path = "client"): nothing to map.
        const bool maps = !from.isEmpty() && from != to;
        if (maps && relative.endsWith(QLatin1String("/compile_commands.json")))
            mapped = mapCompileCommands(data, from, m_checkoutDir, &parsed);
        if (maps && !parsed)
            mapped = replacePathPrefix(data, from, target, &changed);
        // Rewritten even when unchanged, so the modification times follow the order above.
        QSaveFile out(path);
        if (!out.open(QIODevice::WriteOnly) || out.write(mapped) != mapped.size() || !out.commit())
            return makeError(ErrorCode::IoError, QObject::tr("cannot write %1: %2").arg(path, out.errorString()));
    }

    if (!replies.isEmpty()) {
        const QString localReplies = m_checkoutDir + QLatin1Char('/') + replyPrefix;
        const QStringList present = QDir(localReplies).entryList(QDir::Files | QDir::Hidden);
        for (const QString &name : present) {
            if (!replies.contains(replyPrefix + name) && !QFile::remove(localReplies + name))
                return makeError(ErrorCode::IoError, QObject::tr("cannot remove the stale reply %1").arg(localReplies + name));
        }
    }
    return {};
}

} // namespace BuildService
