// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: BSD-2-Clause

// TarBuilder: hand-made tar streams (including hostile ones) for tests.
#pragma once

#include <QByteArray>
#include <QString>

#include <zstd.h>

#include <cstring>

namespace BuildService::Test {

/**
 * Writes ustar headers directly so tests can produce entries no well-behaved archiver would:
 * "../" names, absolute paths, duplicate entries, symlinks out of the tree, hard links.
 */
class TarBuilder
{
public:
    TarBuilder &file(const QByteArray &name, const QByteArray &content, int mode = 0644)
    {
        header(name, '0', mode, content.size(), QByteArray());
        m_data += content;
        pad();
        return *this;
    }
    TarBuilder &dir(const QByteArray &name, int mode = 0755)
    {
        header(name, '5', mode, 0, QByteArray());
        return *this;
    }
    TarBuilder &symlink(const QByteArray &name, const QByteArray &target)
    {
        header(name, '2', 0777, 0, target);
        return *this;
    }
    TarBuilder &hardlink(const QByteArray &name, const QByteArray &target)
    {
        header(name, '1', 0644, 0, target);
        return *this;
    }
    /** A GNU long-name record followed by a file. */
    TarBuilder &longFile(const QByteArray &name, const QByteArray &content)
    {
        QByteArray longName = name + '\0';
        header("././@LongLink", 'L', 0644, longName.size(), QByteArray());
        m_data += longName;
        pad();
        return file(name.left(99), content);
    }

    QByteArray tar() const { return m_data + QByteArray(1024, '\0'); }

    QByteArray zstd() const { return compress(tar()); }

    static QByteArray compress(const QByteArray &raw)
    {
        QByteArray out(int(ZSTD_compressBound(size_t(raw.size()))), '\0');
        const size_t n = ZSTD_compress(out.data(), size_t(out.size()), raw.constData(), size_t(raw.size()), 1);
        out.resize(int(n));
        return out;
    }

private:
    void header(const QByteArray &name, char type, int mode, qint64 size, const QByteArray &link)
    {
        char h[512];
        std::memset(h, 0, sizeof h);
        std::memcpy(h, name.constData(), size_t(std::min<int>(name.size(), 100)));
        std::snprintf(h + 100, 8, "%07o", mode);
        std::snprintf(h + 108, 8, "%07o", 0);
        std::snprintf(h + 116, 8, "%07o", 0);
        std::snprintf(h + 124, 12, "%011llo", static_cast<unsigned long long>(size));
        std::snprintf(h + 136, 12, "%011o", 0);
        h[156] = type;
        std::memcpy(h + 157, link.constData(), size_t(std::min<int>(link.size(), 100)));
        std::memcpy(h + 257, "ustar", 6);
        std::memcpy(h + 263, "00", 2);
        std::memset(h + 148, ' ', 8);
        unsigned sum = 0;
        for (unsigned char c : h)
            sum += c;
        std::snprintf(h + 148, 8, "%06o", sum);
        h[155] = ' ';
        m_data += QByteArray(h, 512);
    }
    void pad()
    {
        if (m_data.size() % 512)
            m_data += QByteArray(512 - m_data.size() % 512, '\0');
    }

    QByteArray m_data;
};

} // namespace BuildService::Test
