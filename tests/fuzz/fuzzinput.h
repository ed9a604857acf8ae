// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: BSD-2-Clause

// FuzzInput: splits one fuzzer input into a stream of pieces of varying sizes.
#pragma once

#include <QtGlobal>

#include <cstddef>
#include <cstdint>

namespace BuildService::Fuzz {

/**
 * The readers under test receive network frames or decompressor output, i.e. pieces of any
 * size; bugs at piece boundaries only show when the boundaries move. The first byte of the
 * input seeds the piece sizes, the rest is the stream.
 */
class FuzzInput
{
public:
    FuzzInput(const uint8_t *data, size_t size)
        : m_first(size > 0 ? data[0] : 0)
        , m_seed(m_first)
        , m_data(reinterpret_cast<const char *>(data) + (size > 0 ? 1 : 0))
        , m_left(size > 0 ? qint64(size) - 1 : 0)
    {
    }

    /** The next piece (at least one byte while data is left), or size 0 at the end. */
    bool next(const char **piece, qint64 *size)
    {
        if (m_left == 0)
            return false;
        // Pieces of 1..512 bytes, or the whole rest at once when the seed byte is 0.
        m_seed = m_seed * 33 + 7;
        const qint64 want = m_first == 0 ? m_left : 1 + qint64(m_seed % 512);
        *piece = m_data;
        *size = qMin(want, m_left);
        m_data += *size;
        m_left -= *size;
        return true;
    }

    /**
     * Pushes every piece into @p stream (anything with push(const char *, qint64) and finish()
     * returning a Result) until it refuses one, then declares the end. A refusal or an
     * incomplete stream is an expected outcome for hostile input, not a finding.
     */
    template<typename Stream>
    void feed(Stream &stream)
    {
        const char *piece = nullptr;
        qint64 size = 0;
        while (next(&piece, &size)) {
            if (!stream.push(piece, size))
                return;
        }
        (void)stream.finish();
    }

    /** The seed byte: a target may use its low bits to pick a mode. */
    unsigned seed() const { return m_first; }

private:
    const unsigned m_first;
    unsigned m_seed;
    const char *m_data;
    qint64 m_left;
};

} // namespace BuildService::Fuzz
