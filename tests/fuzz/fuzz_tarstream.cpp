// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: BSD-2-Clause

// Fuzz target: an uploaded tar stream through TarStreamReader and the EntryPolicy path rules,
// as the server's intake reads it (pieces of any size, entry data never buffered).
#include "fuzzinput.h"

#include "archive/entrypolicy.h"
#include "archive/tarstreamreader.h"

using namespace BuildService;

namespace {

class PolicyHandler : public TarStreamReader::Handler
{
public:
    Result<void> beginEntry(const TarStreamReader::Entry &entry) override
    {
        const auto kind = entry.type == TarStreamReader::Entry::Type::Directory ? EntryPolicy::PathKind::Directory
                                                                                 : EntryPolicy::PathKind::File;
        auto path = EntryPolicy::validateEntryPath(entry.path, EntryPolicy::DefaultMaxPathLength, kind);
        if (!path)
            return path.error();
        if (entry.type == TarStreamReader::Entry::Type::Symlink) {
            auto target = EntryPolicy::validateSymlinkTarget(path.value(), entry.linkTarget);
            if (!target)
                return target.error();
        }
        m_left = entry.size;
        return {};
    }
    Result<void> entryData(const char *data, qint64 size) override
    {
        // The reader promises exactly Entry::size bytes; a breach is a bug worth a crash.
        if (size <= 0 || size > m_left || !data)
            __builtin_trap();
        m_left -= size;
        return {};
    }
    Result<void> endEntry() override
    {
        if (m_left != 0)
            __builtin_trap();
        return {};
    }

private:
    qint64 m_left = 0;
};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    Fuzz::FuzzInput input(data, size);
    PolicyHandler handler;
    TarStreamReader reader(&handler, 64 * 1024);
    reader.setEndMarkerRequired(input.seed() & 1);
    input.feed(reader);
    return 0;
}
