// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: BSD-2-Clause

// Fuzz target: a downloaded artifacts.zip's central directory (zip64 included), which the
// client reads before extracting anything so hostile names are seen as stored.
#include "artifacts/zipcentraldirectory.h"

#include <QBuffer>

using namespace BuildService;
using namespace BuildService::Internal;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    QByteArray bytes = QByteArray::fromRawData(reinterpret_cast<const char *>(data), int(size));
    QBuffer device(&bytes);
    device.open(QIODevice::ReadOnly);
    auto entries = ZipCentralDirectory::read(device, 4096);
    if (!entries)
        return 0;
    if (entries.value().size() > 4096)
        __builtin_trap(); // the entry limit must hold
    for (const ZipCentralEntry &entry : entries.value())
        (void)entry.unixMode();
    return 0;
}
