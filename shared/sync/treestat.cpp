// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: LGPL-2.1-only OR LGPL-3.0-only

// TreeStat: lstat-based verification of a synced tree.
#include "treestat.h"

#include <QFile>

#include <sys/stat.h>
#include <unistd.h>

namespace BuildService {

namespace {
qint64 nanoseconds(const struct timespec &ts)
{
    return qint64(ts.tv_sec) * 1000000000LL + ts.tv_nsec;
}

QByteArray fullPath(const QByteArray &root, const QString &relative)
{
    return root + '/' + relative.toUtf8();
}
} // namespace

void TreeStat::record(const QString &root, Manifest &manifest)
{
    const QByteArray rootBytes = QFile::encodeName(root);
    Manifest updated;
    for (ManifestEntry entry : manifest.entries()) {
        struct stat st;
        if (::lstat(fullPath(rootBytes, entry.path).constData(), &st) == 0) {
            entry.mtimeNs = nanoseconds(st.st_mtim);
            entry.ctimeNs = nanoseconds(st.st_ctim);
            entry.inode = quint64(st.st_ino);
        } else {
            entry.mtimeNs = entry.ctimeNs = 0;
            entry.inode = 0;
        }
        updated.insert(entry);
    }
    manifest = updated;
}

QStringList TreeStat::changed(const QString &root, const Manifest &manifest)
{
    const QByteArray rootBytes = QFile::encodeName(root);
    QStringList result;
    for (const ManifestEntry &entry : manifest.entries()) {
        const QByteArray path = fullPath(rootBytes, entry.path);
        struct stat st;
        if (::lstat(path.constData(), &st) != 0) {
            result.append(entry.path);
            continue;
        }
        bool same;
        if (entry.type == ManifestEntry::Type::Symlink) {
            same = S_ISLNK(st.st_mode);
            if (same) {
                QByteArray target(int(st.st_size) + 1, '\0');
                const ssize_t n = ::readlink(path.constData(), target.data(), size_t(target.size()));
                same = n >= 0 && target.left(int(n)) == entry.linkTarget.toUtf8();
            }
        } else {
            same = S_ISREG(st.st_mode) && st.st_size == entry.size && quint32(st.st_mode & 01777) == entry.mode;
        }
        if (same && entry.mtimeNs != 0)
            same = nanoseconds(st.st_mtim) == entry.mtimeNs && quint64(st.st_ino) == entry.inode;
        if (!same)
            result.append(entry.path);
    }
    return result;
}

} // namespace BuildService
