// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: BSD-2-Clause

// QVERIFY_RESULT: checks that a Result<T> succeeded and, when it did not, says why.
#pragma once

#include <QTest>

/**
 * `QVERIFY(r.ok())` reports only "returned FALSE"; this reports the error text of @p result
 * (an expression yielding a Result<T>, evaluated once), which is what one needs to see when a
 * test fails on a machine one cannot log into.
 */
#define QVERIFY_RESULT(result)                                                                     \
    do {                                                                                           \
        const auto &bsResult_ = (result);                                                          \
        QVERIFY2(bsResult_.ok(), bsResult_.ok() ? "" : qPrintable(bsResult_.errorString()));      \
    } while (false)
