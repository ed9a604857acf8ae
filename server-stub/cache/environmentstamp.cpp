// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: GPL-2.0-or-later

// EnvironmentStamp: stat-based fingerprint of PATH directories and the package database.
#include "environmentstamp.h"

#include <QFile>

#include <xxhash.h>

#include <algorithm>
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace BuildService {

namespace {

class StampHasher
{
public:
    StampHasher() : m_state(XXH3_createState()) { XXH3_64bits_reset(m_state); }
    ~StampHasher() { XXH3_freeState(m_state); }
    /** Name, size, mode and mtime: what a package gives its files, the same on every machine. */
    void add(const QByteArray &name, const struct stat *st)
    {
        XXH3_64bits_update(m_state, name.constData(), size_t(name.size()) + 1);
        const qint64 fields[] = {st ? qint64(st->st_mtim.tv_sec) : -1, st ? qint64(st->st_mtim.tv_nsec) : -1,
                                 st ? qint64(st->st_size) : -1, st ? qint64(st->st_mode) : -1};
        XXH3_64bits_update(m_state, fields, sizeof fields);
    }
    void addContent(const QByteArray &name, const QByteArray &content)
    {
        XXH3_64bits_update(m_state, name.constData(), size_t(name.size()) + 1);
        XXH3_64bits_update(m_state, content.constData(), size_t(content.size()));
    }
    QString hex() const { return QStringLiteral("%1").arg(XXH3_64bits_digest(m_state), 16, 16, QLatin1Char('0')); }

private:
    XXH3_state_t *m_state;
};

} // namespace

QStringList EnvironmentStamp::pathDirectories(const QString &pathVariable)
{
    QStringList dirs;
    for (const QString &dir : pathVariable.split(QLatin1Char(':'), Qt::SkipEmptyParts)) {
        if (!dirs.contains(dir))
            dirs.append(dir);
    }
    return dirs;
}

QString EnvironmentStamp::compute(const QStringList &directories, const QStringList &files, const QByteArray &environment)
{
    StampHasher hasher;
    struct stat st;
    if (!environment.isEmpty())
        hasher.addContent(QByteArrayLiteral("(environment)"), environment);
    for (const QString &file : files) {
        QFile f(file);
        hasher.addContent(QFile::encodeName(file), f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("(missing)"));
    }
    for (const QString &directory : directories) {
        const QByteArray dirName = QFile::encodeName(directory);
        const int fd = ::open(dirName.constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        DIR *dir = fd >= 0 ? ::fdopendir(fd) : nullptr;
        if (!dir) {
            if (fd >= 0)
                ::close(fd);
            hasher.add(dirName, nullptr);
            continue;
        }
        hasher.addContent(dirName, QByteArray());
        QList<QByteArray> names;
        while (struct dirent *d = ::readdir(dir)) {
            // ".." is the parent, which changes for reasons that have nothing to do with software.
            if (qstrcmp(d->d_name, ".") != 0 && qstrcmp(d->d_name, "..") != 0)
                names.append(QByteArray(d->d_name));
        }
        std::sort(names.begin(), names.end());
        for (const QByteArray &name : qAsConst(names))
            hasher.add(name, ::fstatat(::dirfd(dir), name.constData(), &st, 0) == 0 ? &st : nullptr);
        ::closedir(dir);
    }
    return hasher.hex();
}

} // namespace BuildService
