// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: GPL-2.0-or-later

// Sha256: streaming SHA-256 (OpenSSL) for content that one user's build may try to collide with another's.
#pragma once

#include <QByteArray>

#include <memory>

namespace BuildService {

/**
 * Incremental SHA-256 through OpenSSL's EVP interface (uses the CPU's SHA extensions where
 * present, ~2 GB/s here). The cache names stored outputs by it: unlike XXH3, a build cannot
 * craft content that collides with another build's output and so poison a later replay.
 * Not thread-safe; one object per stream.
 */
class Sha256
{
public:
    Sha256();
    ~Sha256();
    Sha256(const Sha256 &) = delete;
    Sha256 &operator=(const Sha256 &) = delete;

    void update(const char *data, qint64 size);
    /** The 32 digest bytes; the object is reset afterwards. */
    QByteArray digest();
    /** 64 lowercase hex digits; the object is reset afterwards. */
    QByteArray hexDigest() { return digest().toHex(); }

    /** True for 64 lowercase hex digits (a well-formed digest, safe to use as a file name). */
    static bool isHexDigest(const QByteArray &text);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace BuildService
