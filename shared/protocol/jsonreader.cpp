// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: LGPL-2.1-only OR LGPL-3.0-only

#include "protocol/jsonreader.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSet>

#include <nlohmann/json.hpp>

#include <limits>
#include <vector>

namespace BuildService {

namespace {

using Json = nlohmann::json;

/** Builds Qt values from SAX events; the first rule broken stops parsing with a reason. */
class QtValueBuilder final : public nlohmann::json_sax<Json>
{
public:
    explicit QtValueBuilder(int maxDepth)
        : m_maxDepth(maxDepth)
    {
    }

    bool null() override { return add(QJsonValue(QJsonValue::Null)); }
    bool boolean(bool value) override { return add(QJsonValue(value)); }
    bool number_integer(number_integer_t value) override { return add(QJsonValue(qint64(value))); }
    bool number_unsigned(number_unsigned_t value) override
    {
        if (value > number_unsigned_t(std::numeric_limits<qint64>::max()))
            return add(QJsonValue(double(value)));
        return add(QJsonValue(qint64(value)));
    }
    bool number_float(number_float_t value, const string_t &) override { return add(QJsonValue(value)); }
    bool string(string_t &value) override { return add(QJsonValue(QString::fromStdString(value))); }
    bool binary(binary_t &) override { return fail(QStringLiteral("binary values are not JSON")); }

    bool start_object(std::size_t) override { return open(true); }
    bool key(string_t &value) override
    {
        Frame &frame = m_stack.back();
        frame.key = QString::fromStdString(value);
        if (frame.keys.contains(frame.key))
            return fail(QStringLiteral("duplicate key \"%1\"").arg(frame.key.left(100)));
        frame.keys.insert(frame.key);
        return true;
    }
    bool end_object() override { return close(); }
    bool start_array(std::size_t) override { return open(false); }
    bool end_array() override { return close(); }

    bool parse_error(std::size_t position, const std::string &, const nlohmann::detail::exception &error) override
    {
        // what() reads "[json.exception.parse_error.101] parse error at line 1, column 2: <reason>";
        // the offset is given separately, so only the reason is kept.
        QString reason = QString::fromUtf8(error.what());
        const int colon = reason.indexOf(QLatin1String(": "));
        if (colon >= 0)
            reason = reason.mid(colon + 2);
        // nlohmann counts the byte it stopped at from 1.
        m_errorOffset = position > 0 ? qint64(position) - 1 : 0;
        m_error = reason;
        return false;
    }

    bool failed() const { return !m_error.isEmpty(); }
    QString error() const { return m_error; }
    qint64 errorOffset() const { return m_errorOffset; }
    QJsonValue result() const { return m_root; }

private:
    struct Frame {
        bool isObject = false;
        QJsonObject object;
        QJsonArray array;
        QString key;
        QSet<QString> keys;
    };

    bool open(bool isObject)
    {
        if (int(m_stack.size()) >= m_maxDepth)
            return fail(QStringLiteral("nested deeper than %1 levels").arg(m_maxDepth));
        m_stack.emplace_back();
        m_stack.back().isObject = isObject;
        return true;
    }
    bool close()
    {
        Frame frame = std::move(m_stack.back());
        m_stack.pop_back();
        return add(frame.isObject ? QJsonValue(frame.object) : QJsonValue(frame.array));
    }
    bool add(const QJsonValue &value)
    {
        if (m_stack.empty()) {
            m_root = value;
        } else if (m_stack.back().isObject) {
            m_stack.back().object.insert(m_stack.back().key, value);
        } else {
            m_stack.back().array.append(value);
        }
        return true;
    }
    bool fail(const QString &reason)
    {
        m_error = reason;
        m_errorOffset = -1;
        return false;
    }

    const int m_maxDepth;
    std::vector<Frame> m_stack;
    QJsonValue m_root;
    QString m_error;
    qint64 m_errorOffset = -1;
};

} // namespace

Result<QJsonValue> readJson(const QByteArray &utf8, int maxDepth)
{
    QtValueBuilder builder(maxDepth);
    const bool ok = Json::sax_parse(utf8.cbegin(), utf8.cend(), &builder, nlohmann::detail::input_format_t::json, true);
    if (ok && !builder.failed())
        return builder.result();
    if (builder.errorOffset() >= 0) {
        return makeError(ErrorCode::BadMessage,
                         QStringLiteral("invalid JSON at offset %1: %2").arg(builder.errorOffset()).arg(builder.error()));
    }
    return makeError(ErrorCode::BadMessage, QStringLiteral("invalid JSON: %1").arg(builder.error()));
}

} // namespace BuildService
