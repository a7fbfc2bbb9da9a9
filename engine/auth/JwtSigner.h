#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QtGlobal>

namespace pc {

// Makes HS256 tokens: access tokens shaped like djangorestframework-simplejwt's for the in-process
// engine, and arbitrary (even hostile) header/payload pairs for tests.
class JwtSigner {
public:
    JwtSigner() = delete;

    // Header {"alg":"HS256","typ":"JWT"}; claims token_type "access", exp = iat + ttl, iat, jti (32 random
    // hex digits) and user_id.
    [[nodiscard]] static QByteArray mintAccessToken(const QByteArray& secret, const QString& userId,
                                                    qint64 issuedAtSecs, qint64 ttlSecs);

    // The same shape with token_type "refresh" and the given `jti` (the engine stores it to allow
    // revocation).
    [[nodiscard]] static QByteArray mintRefreshToken(const QByteArray& secret, const QString& userId,
                                                     const QString& jti, qint64 issuedAtSecs, qint64 ttlSecs);

    // 32 random hex digits, as simplejwt makes token ids.
    [[nodiscard]] static QString newTokenId();

    // base64url(header) "." base64url(payload) "." base64url(HMAC-SHA256(secret, first two parts)),
    // whatever the header says.
    [[nodiscard]] static QByteArray sign(const QByteArray& secret, const QJsonObject& header,
                                         const QJsonObject& payload);

    // Signs already encoded segments; tests use it for tokens whose segments are not canonical.
    [[nodiscard]] static QByteArray signSegments(const QByteArray& secret, const QByteArray& headerSegment,
                                                 const QByteArray& payloadSegment);

    [[nodiscard]] static QByteArray base64Url(const QByteArray& data);
};

} // namespace pc
