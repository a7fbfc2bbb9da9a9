#include "ErrorCode.h"

#include <array>
#include <utility>

namespace pc {

namespace {
using namespace Qt::Literals::StringLiterals;

const std::array<std::pair<ErrorCode, QString>, 11>& names()
{
    static const std::array<std::pair<ErrorCode, QString>, 11> table{{
        {ErrorCode::InvalidJson, u"invalid_json"_s},
        {ErrorCode::UnknownType, u"unknown_type"_s},
        {ErrorCode::InvalidMessage, u"invalid_message"_s},
        {ErrorCode::MessageTooLarge, u"message_too_large"_s},
        {ErrorCode::RateLimited, u"rate_limited"_s},
        {ErrorCode::AuthenticationRequired, u"authentication_required"_s},
        {ErrorCode::AuthenticationFailed, u"authentication_failed"_s},
        {ErrorCode::ProviderUnavailable, u"provider_unavailable"_s},
        {ErrorCode::TemplateCreationFailed, u"template_creation_failed"_s},
        {ErrorCode::NotFound, u"not_found"_s},
        {ErrorCode::InternalError, u"internal_error"_s},
    }};
    return table;
}
} // namespace

QString errorCodeName(ErrorCode code)
{
    for (const auto& [c, name] : names())
        if (c == code)
            return name;
    return u"internal_error"_s;
}

std::optional<ErrorCode> errorCodeFromName(const QString& name)
{
    for (const auto& [c, n] : names())
        if (n == name)
            return c;
    return std::nullopt;
}

} // namespace pc
