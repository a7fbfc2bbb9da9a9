#pragma once

#include <QJsonObject>
#include <QString>
#include <QtGlobal>

#include <optional>

namespace pc {

// The claims of a verified access token, as djangorestframework-simplejwt issues them.
struct JwtClaims {
    QString userId;    // from `user_id` (string or integer), else `sub`
    QString tokenType; // "access", or empty when the token carries no `token_type`
    qint64 exp = 0;    // seconds since the epoch
    std::optional<qint64> iat;
    std::optional<qint64> nbf;
    QString jti;     // empty when absent
    QJsonObject raw; // the whole payload, for claims this struct does not name
};

} // namespace pc
