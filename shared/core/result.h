// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: LGPL-2.1-only OR LGPL-3.0-only

// Result<T>: a value or an error, returned by synchronous functions instead of throwing.
#pragma once

#include "protocol/errorcode.h"

#include <QString>

#include <optional>
#include <utility>

namespace BuildService {

/**
 * An error with a stable machine-readable code (see ErrorCode) and a human message.
 * The message is English for logs, or already translated when it is shown to a user.
 */
struct Error {
    ErrorCode code = ErrorCode::Internal;
    QString message;
};

/**
 * Holds either a value of type T or an Error. Check with ok() (or operator bool) before value().
 * Cheap to move; copying copies the value.
 */
template<typename T>
class [[nodiscard]] Result
{
public:
    /** An empty result (an Internal error); exists because QFuture needs default construction. */
    Result() : m_error{ErrorCode::Internal, QStringLiteral("no result")} {}
    Result(T value) : m_value(std::move(value)) {}
    Result(Error error) : m_error(std::move(error)) {}

    bool ok() const { return m_value.has_value(); }
    explicit operator bool() const { return ok(); }

    const T &value() const & { Q_ASSERT(ok()); return *m_value; }
    T &value() & { Q_ASSERT(ok()); return *m_value; }
    T &&value() && { Q_ASSERT(ok()); return std::move(*m_value); }
    const T *operator->() const { return &value(); }

    const Error &error() const { Q_ASSERT(!ok()); return m_error; }
    ErrorCode errorCode() const { return m_error.code; }
    QString errorString() const { return m_error.message; }

private:
    std::optional<T> m_value;
    Error m_error;
};

/** Result of an operation that yields nothing but can fail. */
template<>
class [[nodiscard]] Result<void>
{
public:
    Result() = default;
    Result(Error error) : m_failed(true), m_error(std::move(error)) {}

    bool ok() const { return !m_failed; }
    explicit operator bool() const { return ok(); }
    const Error &error() const { Q_ASSERT(m_failed); return m_error; }
    ErrorCode errorCode() const { return m_error.code; }
    QString errorString() const { return m_error.message; }

private:
    bool m_failed = false;
    Error m_error;
};

inline Error makeError(ErrorCode code, QString message)
{
    return Error{code, std::move(message)};
}

} // namespace BuildService
