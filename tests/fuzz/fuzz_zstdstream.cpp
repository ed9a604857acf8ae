// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: BSD-2-Clause

// Fuzz target: zstd-compressed upload data through ZstdStreamDecoder, in pieces of any size,
// with a sink that stops at a decompressed-size limit as the server's intake does.
#include "fuzzinput.h"

#include "archive/zstdstreamdecoder.h"

using namespace BuildService;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    // A bomb is an expected input: stop it early so each run stays fast.
    constexpr qint64 MaxOutput = 8 * 1024 * 1024;
    qint64 produced = 0;
    ZstdStreamDecoder decoder([&produced](const char *out, qint64 outSize) -> Result<void> {
        if (!out || outSize <= 0 || outSize > ZstdStreamDecoder::chunkSize())
            __builtin_trap(); // the sink contract: non-empty chunks no larger than chunkSize()
        produced += outSize;
        if (produced > MaxOutput)
            return makeError(ErrorCode::LimitExceeded, QStringLiteral("limit"));
        return {};
    });
    Fuzz::FuzzInput input(data, size);
    input.feed(decoder);
    if (decoder.decompressedBytes() != produced)
        __builtin_trap();
    return 0;
}
