#include "JwtVerifier.h"

#include "core/Logging.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QJsonValue>
#include <QMessageAuthenticationCode>

#include <algorithm>
#include <cmath>
#include <optional>

using namespace Qt::Literals::StringLiterals;

namespace pc {

namespace {

// 9999-12-31T23:59:59Z: any time claim beyond it is nonsense, and the bound keeps every
// seconds-to-milliseconds step below far from qint64 overflow.
constexpr qint64 MaxTimeClaimSecs = 253402300799;
// 2^53: integers above it do not survive a round trip through a JSON double.
constexpr double MaxExactInteger = 9007199254740992.0;
constexpr int MaxLeewaySecs = 24 * 60 * 60;
constexpr qsizetype HmacSha256Bytes = 32;
constexpr qsizetype MaxUserIdChars = 256;
constexpr qsizetype MaxTokenIdChars = 128;

[[nodiscard]] Error failure(QString reason) {
    qCDebug(lcAuth) << "token rejected:" << reason;
    return Error{ErrorCode::AuthenticationFailed, std::move(reason)};
}

[[nodiscard]] bool isBase64UrlChar(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
}

// Strict base64url (RFC 7515 section 2): the url alphabet only, no padding, no whitespace, and only the
// one canonical spelling of each byte string. Qt's decoder alone skips junk unless told to abort, and
// accepts non-zero trailing bits, so the result is re-encoded and compared.
[[nodiscard]] std::optional<QByteArray> decodeSegment(QByteArrayView segment) {
    if (!std::all_of(segment.begin(), segment.end(), isBase64UrlChar) || segment.size() % 4 == 1)
        return std::nullopt;
    const QByteArray encoded = segment.toByteArray();
    constexpr auto options = QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;
    auto decoded = QByteArray::fromBase64Encoding(encoded, options | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return std::nullopt;
    if (decoded.decoded.toBase64(options) != encoded)
        return std::nullopt;
    return std::move(decoded.decoded);
}

// Compares in time that depends only on the length, which is public (always 32 bytes here).
[[nodiscard]] bool constantTimeEquals(const QByteArray& a, const QByteArray& b) {
    if (a.size() != b.size())
        return false;
    volatile unsigned char diff = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        diff = diff | static_cast<unsigned char>(a.at(i) ^ b.at(i));
    return diff == 0;
}

[[nodiscard]] std::optional<QJsonObject> parseObject(const QByteArray& json) {
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return std::nullopt;
    return document.object();
}

// A NumericDate as an integer JSON number in [0, 9999-12-31]. Strings, booleans, fractions,
// negatives and huge values (1e300) are refused before any arithmetic.
[[nodiscard]] std::optional<qint64> timeClaim(const QJsonValue& value) {
    if (!value.isDouble())
        return std::nullopt;
    const double number = value.toDouble();
    if (!std::isfinite(number) || number < 0.0 || number > static_cast<double>(MaxTimeClaimSecs) ||
        std::trunc(number) != number)
        return std::nullopt;
    return static_cast<qint64>(number);
}

// simplejwt writes the primary key as it is: usually an integer, sometimes a string (UUID).
[[nodiscard]] std::optional<QString> userIdClaim(const QJsonValue& value) {
    QString id;
    if (value.isString()) {
        id = value.toString();
    } else if (value.isDouble()) {
        const double number = value.toDouble();
        if (!std::isfinite(number) || std::fabs(number) > MaxExactInteger || std::trunc(number) != number)
            return std::nullopt;
        id = QString::number(static_cast<qint64>(number));
    } else {
        return std::nullopt;
    }
    if (id.isEmpty() || id.size() > MaxUserIdChars)
        return std::nullopt;
    return id;
}

} // namespace

JwtVerifier::JwtVerifier(QByteArray secret, const Clock& clock, int leewaySecs)
    : m_secret(std::move(secret))
    , m_clock(&clock)
    , m_leewaySecs(std::clamp(leewaySecs, 0, MaxLeewaySecs)) {}

Result<JwtClaims> JwtVerifier::verify(QByteArrayView token, Kind kind) const {
    if (m_secret.isEmpty())
        return failure(u"no signing secret configured"_s);
    if (token.isEmpty())
        return failure(u"empty token"_s);
    if (token.size() > MaxTokenBytes)
        return failure(u"token too large"_s);

    // Exactly three segments: header.payload.signature.
    qsizetype firstDot = -1;
    qsizetype secondDot = -1;
    for (qsizetype i = 0; i < token.size(); ++i) {
        if (token.at(i) != '.')
            continue;
        if (firstDot < 0) {
            firstDot = i;
        } else if (secondDot < 0) {
            secondDot = i;
        } else {
            return failure(u"malformed token: wrong number of segments"_s);
        }
    }
    if (secondDot < 0)
        return failure(u"malformed token: wrong number of segments"_s);

    const QByteArrayView headerSegment = token.first(firstDot);
    const QByteArrayView payloadSegment = token.sliced(firstDot + 1, secondDot - firstDot - 1);
    const QByteArrayView signatureSegment = token.sliced(secondDot + 1);

    // The header decides whether this is a token we handle at all, so it is checked before any MAC
    // work: `alg: none` and algorithm confusion never reach the signature code.
    const auto headerJson = decodeSegment(headerSegment);
    if (!headerJson)
        return failure(u"malformed token header encoding"_s);
    const auto header = parseObject(*headerJson);
    if (!header)
        return failure(u"malformed token header"_s);
    const QJsonValue alg = header->value("alg"_L1);
    if (!alg.isString() || alg.toString() != "HS256"_L1)
        return failure(u"unsupported algorithm"_s);
    if (header->contains("typ"_L1)) {
        const QJsonValue typ = header->value("typ"_L1);
        if (!typ.isString() || typ.toString() != "JWT"_L1)
            return failure(u"unsupported token type header"_s);
    }
    // We understand no extensions, so any `crit` (an empty list is invalid too) is refused.
    if (header->contains("crit"_L1))
        return failure(u"unsupported critical header parameter"_s);
    // `kid` is deliberately ignored: there is one key, and its value never reaches a path or query.

    const auto signature = decodeSegment(signatureSegment);
    if (!signature || signature->size() != HmacSha256Bytes)
        return failure(u"invalid signature"_s);
    const auto payloadJson = decodeSegment(payloadSegment);
    if (!payloadJson)
        return failure(u"malformed token payload encoding"_s);

    const QByteArray signingInput = token.first(secondDot).toByteArray();
    const QByteArray expected =
        QMessageAuthenticationCode::hash(signingInput, m_secret, QCryptographicHash::Sha256);
    if (!constantTimeEquals(expected, *signature))
        return failure(u"invalid signature"_s);

    auto payload = parseObject(*payloadJson);
    if (!payload)
        return failure(u"malformed token payload"_s);

    const qint64 nowMs = m_clock->nowMs();
    const qint64 leewayMs = qint64(m_leewaySecs) * 1000;

    JwtClaims claims;
    if (!payload->contains("exp"_L1))
        return failure(u"token has no expiry"_s);
    const auto exp = timeClaim(payload->value("exp"_L1));
    if (!exp)
        return failure(u"invalid expiry claim"_s);
    // RFC 7519: valid only while now is before exp (plus leeway).
    if (nowMs >= *exp * 1000 + leewayMs)
        return failure(u"token expired"_s);
    claims.exp = *exp;

    if (payload->contains("nbf"_L1)) {
        const auto nbf = timeClaim(payload->value("nbf"_L1));
        if (!nbf)
            return failure(u"invalid not-before claim"_s);
        if (*nbf * 1000 > nowMs + leewayMs)
            return failure(u"token not yet valid"_s);
        claims.nbf = *nbf;
    }
    if (payload->contains("iat"_L1)) {
        const auto iat = timeClaim(payload->value("iat"_L1));
        if (!iat)
            return failure(u"invalid issued-at claim"_s);
        if (*iat * 1000 > nowMs + leewayMs)
            return failure(u"token issued in the future"_s);
        claims.iat = *iat;
    }

    const QLatin1StringView wantedType = kind == Kind::Refresh ? "refresh"_L1 : "access"_L1;
    if (payload->contains("token_type"_L1)) {
        const QJsonValue type = payload->value("token_type"_L1);
        if (!type.isString() || type.toString() != wantedType)
            return failure(kind == Kind::Refresh ? u"not a refresh token"_s : u"not an access token"_s);
        claims.tokenType = type.toString();
    } else if (kind == Kind::Refresh) {
        return failure(u"not a refresh token"_s);
    }

    if (payload->contains("jti"_L1)) {
        const QJsonValue jti = payload->value("jti"_L1);
        if (!jti.isString())
            return failure(u"invalid token id claim"_s);
        claims.jti = jti.toString();
    }
    if (kind == Kind::Refresh && (claims.jti.isEmpty() || claims.jti.size() > MaxTokenIdChars))
        return failure(u"invalid token id claim"_s);

    if (payload->contains("user_id"_L1)) {
        const auto id = userIdClaim(payload->value("user_id"_L1));
        if (!id)
            return failure(u"invalid user id claim"_s);
        claims.userId = *id;
    } else if (payload->contains("sub"_L1)) {
        const QJsonValue sub = payload->value("sub"_L1);
        if (!sub.isString() || sub.toString().isEmpty() || sub.toString().size() > MaxUserIdChars)
            return failure(u"invalid subject claim"_s);
        claims.userId = sub.toString();
    } else {
        return failure(u"token names no user"_s);
    }

    claims.raw = std::move(*payload);
    return claims;
}

} // namespace pc
