// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: GPL-2.0-or-later

// Sandbox: bwrap arguments, the environment allow-list, the start-up probe, ownership and limit diagnosis.
#include "runner/sandbox.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstring>

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

extern char **environ;

namespace BuildService {

namespace {

// The system a build sees, read-only. Symlinks (merged /usr) are recreated as symlinks.
const char *const s_systemTrees[] = {"/usr", "/etc", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32", "/opt"};

// Readable to root-mapped processes in a user namespace and of no use to a build.
const char *const s_sensitiveFiles[] = {"/etc/shadow", "/etc/shadow-", "/etc/gshadow", "/etc/gshadow-", "/etc/sudoers",
                                        "/etc/sudoers.d", "/etc/ssh", "/etc/ssl/private", "/etc/build-service"};

// Directories nested deeper than this are not walked (a tree the sync could not even create).
constexpr int s_maxDepth = 1024;

QString errnoText(int error)
{
    return QString::fromLocal8Bit(std::strerror(error));
}

bool isUnder(const QString &path, const QString &tree)
{
    return path == tree || path.startsWith(tree + QLatin1Char('/'));
}

Result<void> giveEntries(int dirFd, const QString &path, uid_t uid, gid_t gid, int depth)
{
    DIR *dir = ::fdopendir(dirFd);
    if (!dir) {
        const int error = errno;
        ::close(dirFd);
        return makeError(ErrorCode::IoError, QStringLiteral("cannot read %1: %2").arg(path, errnoText(error)));
    }
    Result<void> result;
    while (struct dirent *e = ::readdir(dir)) {
        if (qstrcmp(e->d_name, ".") == 0 || qstrcmp(e->d_name, "..") == 0)
            continue;
        const QString child = path + QLatin1Char('/') + QFile::decodeName(e->d_name);
        struct stat st;
        if (::fstatat(::dirfd(dir), e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0)
            continue; // removed meanwhile: nothing to give
        if ((st.st_uid != uid || st.st_gid != gid) && ::fchownat(::dirfd(dir), e->d_name, uid, gid, AT_SYMLINK_NOFOLLOW) != 0) {
            result = makeError(ErrorCode::IoError, QStringLiteral("cannot give %1 to the build user: %2").arg(child, errnoText(errno)));
            break;
        }
        if (!S_ISDIR(st.st_mode))
            continue;
        if (depth >= s_maxDepth) {
            result = makeError(ErrorCode::IoError, QStringLiteral("%1 is nested deeper than %2 directories").arg(child).arg(s_maxDepth));
            break;
        }
        const int sub = ::openat(::dirfd(dir), e->d_name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        if (sub < 0)
            continue;
        result = giveEntries(sub, child, uid, gid, depth + 1);
        if (!result)
            break;
    }
    ::closedir(dir);
    return result;
}

bool containsAny(const QByteArray &haystack, std::initializer_list<const char *> needles)
{
    for (const char *needle : needles) {
        if (haystack.contains(needle))
            return true;
    }
    return false;
}

} // namespace

QMap<QByteArray, QByteArray> Sandbox::processEnvironment()
{
    QMap<QByteArray, QByteArray> env;
    for (char **e = environ; e && *e; ++e) {
        const QByteArray entry(*e);
        const int eq = entry.indexOf('=');
        if (eq > 0)
            env.insert(entry.left(eq), entry.mid(eq + 1));
    }
    return env;
}

QByteArray Sandbox::describe(const SandboxOptions &options, const QMap<QByteArray, QByteArray> &environment)
{
    QByteArray text = "sandbox network=" + QByteArray(options.network ? "on" : "off") + " uid=" + QByteArray::number(options.uid)
        + " gid=" + QByteArray::number(options.gid) + " nproc=" + QByteArray::number(options.maxProcesses)
        + " as=" + QByteArray::number(options.maxMemoryBytes) + " fsize=" + QByteArray::number(options.maxFileBytes)
        + " cpu=" + QByteArray::number(options.maxCpuSec) + '\n';
    // Where builds see their workspace is in their outputs. Only when set, so recordings of
    // servers without it keep their stamp.
    if (!options.workspacePath.isEmpty())
        text += "workspace_path=" + options.workspacePath.toUtf8() + '\n';
    for (auto it = environment.cbegin(); it != environment.cend(); ++it)
        text += it.key() + '=' + it.value() + '\n';
    return text;
}

QString Sandbox::defaultPath()
{
    return QStringLiteral("/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
}

QMap<QByteArray, QByteArray> Sandbox::baseEnvironment(const QMap<QByteArray, QByteArray> &serverEnvironment)
{
    QMap<QByteArray, QByteArray> env;
    for (auto it = serverEnvironment.cbegin(); it != serverEnvironment.cend(); ++it) {
        // Language settings change compiler messages, nothing else; TERM only how they look.
        if (it.key() == "LANG" || it.key() == "LANGUAGE" || it.key().startsWith("LC_") || it.key() == "TERM"
            || it.key() == "TZ")
            env.insert(it.key(), it.value());
    }
    env.insert("PATH", defaultPath().toUtf8());
    env.insert("HOME", "/tmp");
    env.insert("TMPDIR", "/tmp");
    env.insert("BUILD_SERVICE", "1");
    return env;
}

Result<void> Sandbox::checkWorkspacePath(const QString &path)
{
    auto refuse = [&path](const QString &why) {
        return makeError(ErrorCode::ConfigInvalid, QStringLiteral("\"%1\" %2").arg(path.left(200), why));
    };
    if (path.isEmpty() || !path.startsWith(QLatin1Char('/')))
        return refuse(QStringLiteral("is not an absolute path"));
    if (path.toUtf8().size() > 4096)
        return refuse(QStringLiteral("is longer than 4096 bytes"));
    if (std::any_of(path.cbegin(), path.cend(), [](QChar c) { return c.category() == QChar::Other_Control; }))
        return refuse(QStringLiteral("contains a control character"));
    if (path == QLatin1String("/"))
        return refuse(QStringLiteral("is the root directory"));
    // cleanPath() also folds "..", so comparing catches ".", "..", "//" and a trailing slash.
    if (path.split(QLatin1Char('/')).contains(QLatin1String("..")) || QDir::cleanPath(path) != path)
        return refuse(QStringLiteral("is not normalised (no \".\" or \"..\" components, no doubled or trailing \"/\")"));
    if (path == QLatin1String("/tmp"))
        return refuse(QStringLiteral("is /tmp itself, which every build has as its own empty directory"));
    // The sandbox mounts these itself: a workspace there would hide or be hidden by the system.
    static const char *const s_ownTrees[] = {"/usr", "/etc", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32", "/opt",
                                             "/proc", "/dev", "/sys"};
    for (const char *tree : s_ownTrees) {
        const QString t = QString::fromLatin1(tree);
        if (isUnder(path, t))
            return refuse(QStringLiteral("is inside %1, which the sandbox provides itself").arg(t));
    }
    return {};
}

QStringList Sandbox::arguments(const SandboxOptions &options, const QString &workDir, int infoFd, int blockFd,
                               const QStringList &command, bool ownTerminal, const QString &insideDir)
{
    QStringList args{QStringLiteral("--die-with-parent"), QStringLiteral("--unshare-pid"),
                     QStringLiteral("--unshare-ipc"), QStringLiteral("--unshare-uts"), QStringLiteral("--unshare-cgroup-try"),
                     QStringLiteral("--hostname"), QStringLiteral("build-service")};
    if (!ownTerminal)
        args << QStringLiteral("--new-session");
    if (!options.network)
        args << QStringLiteral("--unshare-net");
    // Without root, namespaces need a user namespace; its uid inside maps to the server's
    // outside, so the workspace stays the server's. Root switches to the build user instead.
    if (::geteuid() != 0)
        args << QStringLiteral("--unshare-user");
    for (const char *tree : s_systemTrees) {
        const QString path = QString::fromLatin1(tree);
        const QFileInfo info(path);
        if (info.isSymLink())
            args << QStringLiteral("--symlink") << info.symLinkTarget().replace(QRegularExpression(QStringLiteral("^/")), QString()) << path;
        else if (info.isDir())
            args << QStringLiteral("--ro-bind") << path << path;
    }
    auto inSystemTree = [](const QString &path) {
        return std::any_of(std::begin(s_systemTrees), std::end(s_systemTrees),
                           [&](const char *tree) { return isUnder(path, QString::fromLatin1(tree)); });
    };
    QStringList hidden = options.hiddenPaths;
    for (const char *file : s_sensitiveFiles)
        hidden << QString::fromLatin1(file);
    QStringList emptied; // directories replaced by an empty tmpfs
    for (const QString &path : qAsConst(hidden)) {
        const QFileInfo info(path);
        const QString clean = QDir::cleanPath(info.absoluteFilePath());
        if (!inSystemTree(clean) || !info.exists())
            continue;
        if (info.isDir() && !info.isSymLink()) {
            args << QStringLiteral("--tmpfs") << clean;
            emptied << clean;
        } else {
            args << QStringLiteral("--ro-bind") << QStringLiteral("/dev/null") << clean;
        }
    }
    args << QStringLiteral("--dev") << QStringLiteral("/dev") << QStringLiteral("--proc") << QStringLiteral("/proc")
         << QStringLiteral("--perms") << QStringLiteral("1777") << QStringLiteral("--tmpfs") << QStringLiteral("/tmp");
    // The directories leading to the workspace are made here, searchable by the build user
    // (bwrap would copy the host's modes, and a 0700 data directory would lock it out).
    const QString cleanWorkDir = QDir::cleanPath(workDir);
    const QString target = insideDir.isEmpty() ? cleanWorkDir : QDir::cleanPath(insideDir);
    const QStringList parts = target.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    QString ancestor;
    for (int i = 0; i + 1 < parts.size(); ++i) {
        ancestor += QLatin1Char('/') + parts.at(i);
        const bool inEmptied = std::any_of(emptied.cbegin(), emptied.cend(), [&](const QString &dir) { return isUnder(ancestor, dir) && ancestor != dir; });
        if (inSystemTree(ancestor) && !inEmptied)
            continue; // exists, read-only
        args << QStringLiteral("--perms") << QStringLiteral("0755") << QStringLiteral("--dir") << ancestor;
    }
    // At its own or the configured path (after /tmp, which may hold it), so paths recorded in
    // the build stay valid where it runs again.
    args << QStringLiteral("--bind") << cleanWorkDir << target << QStringLiteral("--chdir") << target;
    if (infoFd >= 0)
        args << QStringLiteral("--info-fd") << QString::number(infoFd);
    if (blockFd >= 0)
        args << QStringLiteral("--block-fd") << QString::number(blockFd);
    args << QStringLiteral("--");
    if (options.uid >= 0) {
        args << QStringLiteral("/usr/bin/setpriv") << QStringLiteral("--reuid=%1").arg(options.uid)
             << QStringLiteral("--regid=%1").arg(options.gid) << QStringLiteral("--clear-groups")
             << QStringLiteral("--inh-caps=-all") << QStringLiteral("--bounding-set=-all") << QStringLiteral("--no-new-privs")
             << QStringLiteral("--");
    }
    args << command;
    return args;
}

Result<void> Sandbox::probe(const SandboxOptions &options)
{
    if (!QFileInfo(options.bwrap).isExecutable())
        return makeError(ErrorCode::SpawnFailed, QStringLiteral("%1 is not an executable (install bubblewrap)").arg(options.bwrap));
    QTemporaryDir dir;
    if (!dir.isValid())
        return makeError(ErrorCode::SpawnFailed, QStringLiteral("cannot create a directory for the sandbox probe: %1").arg(dir.errorString()));
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.setStandardInputFile(QProcess::nullDevice());
    // A fixed workspace path is tried too: bwrap must be able to make it.
    const QString inside = options.workspacePath == ClientMode ? QString() : options.workspacePath;
    process.start(options.bwrap, arguments(options, dir.path(), -1, -1,
                                           {QStringLiteral("/bin/sh"), QStringLiteral("-c"), QStringLiteral("test -d /proc/self && test -w /tmp")},
                                           false, inside));
    if (!process.waitForStarted(5000))
        return makeError(ErrorCode::SpawnFailed, QStringLiteral("cannot run %1: %2").arg(options.bwrap, process.errorString()));
    if (!process.waitForFinished(10000)) {
        process.kill();
        process.waitForFinished(1000);
        return makeError(ErrorCode::SpawnFailed, QStringLiteral("%1 did not finish within 10 seconds").arg(options.bwrap));
    }
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        const QString output = QString::fromLocal8Bit(process.readAll()).trimmed();
        return makeError(ErrorCode::SpawnFailed, QStringLiteral("%1 cannot create the namespaces (exit %2)%3")
                                                     .arg(options.bwrap).arg(process.exitCode())
                                                     .arg(output.isEmpty() ? QString() : QStringLiteral(": ") + output));
    }
    return {};
}

Result<void> Sandbox::giveTree(const QString &dir, qint64 uid, qint64 gid)
{
    const QByteArray name = QFile::encodeName(dir);
    const int fd = ::open(name.constData(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0)
        return makeError(ErrorCode::IoError, QStringLiteral("cannot open %1: %2").arg(dir, errnoText(errno)));
    if (::fchown(fd, uid_t(uid), gid_t(gid)) != 0) {
        const int error = errno;
        ::close(fd);
        return makeError(ErrorCode::IoError, QStringLiteral("cannot give %1 to the build user: %2").arg(dir, errnoText(error)));
    }
    return giveEntries(fd, dir, uid_t(uid), gid_t(gid), 0);
}

void Sandbox::LimitDiagnosis::observe(const QByteArray &output)
{
    if (m_forkFailed && m_outOfMemory)
        return;
    // A message split between two chunks is still found: search the end of the last one too.
    const QByteArray text = (m_tail + output).toLower();
    m_forkFailed = m_forkFailed
        || containsAny(text, {"cannot fork", "can't fork", "fork: resource temporarily unavailable", "fork failed", "fork: retry"});
    m_outOfMemory = m_outOfMemory
        || containsAny(text, {"cannot allocate memory", "out of memory", "memoryerror", "bad_alloc", "memory exhausted"});
    m_tail = output.right(64);
}

QString Sandbox::LimitDiagnosis::reason(int exitCode, int signal) const
{
    const int sig = signal ? signal : (exitCode > 128 && exitCode < 128 + 65 ? exitCode - 128 : 0);
    if (m_options.maxCpuSec > 0 && sig == SIGXCPU)
        return QStringLiteral("CPU time limit reached: a process of the build used more than %1 s of CPU time ([sandbox] max_cpu_sec)")
            .arg(m_options.maxCpuSec);
    if (m_options.maxFileBytes > 0 && sig == SIGXFSZ)
        return QStringLiteral("file size limit reached: a process of the build wrote a file larger than %1 bytes ([sandbox] max_file_bytes)")
            .arg(m_options.maxFileBytes);
    if (exitCode == 0)
        return QString();
    if (m_options.maxProcesses > 0 && m_forkFailed)
        return QStringLiteral("process limit reached: the build could not start more than %1 processes at once ([sandbox] max_processes)")
            .arg(m_options.maxProcesses);
    if (m_options.maxMemoryBytes > 0 && m_outOfMemory)
        return QStringLiteral("out of memory: a process of the build needed more than %1 bytes of address space ([sandbox] max_memory_bytes)")
            .arg(m_options.maxMemoryBytes);
    return QString();
}

} // namespace BuildService
