#include "JwtSigner.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QMessageAuthenticationCode>
#include <QRandomGenerator>

#include <array>

using namespace Qt::Literals::StringLiterals;

namespace pc {

QByteArray JwtSigner::base64Url(const QByteArray& data) {
    return data.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

QByteArray JwtSigner::signSegments(const QByteArray& secret, const QByteArray& headerSegment,
                                   const QByteArray& payloadSegment) {
    const QByteArray signingInput = headerSegment + '.' + payloadSegment;
    const QByteArray mac = QMessageAuthenticationCode::hash(signingInput, secret, QCryptographicHash::Sha256);
    return signingInput + '.' + base64Url(mac);
}

QByteArray JwtSigner::sign(const QByteArray& secret, const QJsonObject& header, const QJsonObject& payload) {
    return signSegments(secret, base64Url(QJsonDocument(header).toJson(QJsonDocument::Compact)),
                        base64Url(QJsonDocument(payload).toJson(QJsonDocument::Compact)));
}

QString JwtSigner::newTokenId() {
    std::array<quint32, 4> random{};
    QRandomGenerator::system()->fillRange(random.data(), random.size());
    return QString::fromLatin1(QByteArray(reinterpret_cast<const char*>(random.data()), sizeof(random)).toHex());
}

namespace {
QByteArray mint(const QByteArray& secret, const QString& type, const QString& userId, const QString& jti,
                qint64 issuedAtSecs, qint64 ttlSecs) {
    const QJsonObject header{{u"alg"_s, u"HS256"_s}, {u"typ"_s, u"JWT"_s}};
    const QJsonObject payload{
        {u"token_type"_s, type}, {u"exp"_s, issuedAtSecs + ttlSecs}, {u"iat"_s, issuedAtSecs},
        {u"jti"_s, jti},         {u"user_id"_s, userId},
    };
    return JwtSigner::sign(secret, header, payload);
}
} // namespace

QByteArray JwtSigner::mintAccessToken(const QByteArray& secret, const QString& userId, qint64 issuedAtSecs,
                                      qint64 ttlSecs) {
    return mint(secret, u"access"_s, userId, newTokenId(), issuedAtSecs, ttlSecs);
}

QByteArray JwtSigner::mintRefreshToken(const QByteArray& secret, const QString& userId, const QString& jti,
                                       qint64 issuedAtSecs, qint64 ttlSecs) {
    return mint(secret, u"refresh"_s, userId, jti, issuedAtSecs, ttlSecs);
}

} // namespace pc
