#include "ManualClock.h"
#include "auth/JwtSigner.h"
#include "auth/JwtVerifier.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMessageAuthenticationCode>
#include <QMutex>
#include <QRandomGenerator>
#include <QStringList>
#include <QTest>

#include <cstring>
#include <limits>

using namespace Qt::Literals::StringLiterals;

namespace {

constexpr qint64 Now = 1'700'000'000; // seconds; the ManualClock default
const QByteArray Secret = "test-secret-for-promptcraft-0123456789abcdef"_ba;

QJsonObject standardHeader() {
    return QJsonObject{{u"alg"_s, u"HS256"_s}, {u"typ"_s, u"JWT"_s}};
}

// What djangorestframework-simplejwt puts in an access token.
QJsonObject simplejwtClaims() {
    return QJsonObject{{u"token_type"_s, u"access"_s},
                       {u"exp"_s, Now + 300},
                       {u"iat"_s, Now},
                       {u"jti"_s, u"8d0b6c2e4f5a47a1b2c3d4e5f6a7b8c9"_s},
                       {u"user_id"_s, 42}};
}

QJsonObject with(QJsonObject object, const QString& key, const QJsonValue& value) {
    object.insert(key, value);
    return object;
}

QJsonObject without(QJsonObject object, const QString& key) {
    object.remove(key);
    return object;
}

QByteArray b64(const QByteArray& data) {
    return pc::JwtSigner::base64Url(data);
}

QByteArray json(const QJsonObject& object) {
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QByteArray token(const QJsonObject& header, const QJsonObject& payload) {
    return pc::JwtSigner::sign(Secret, header, payload);
}

QByteArray token(const QJsonObject& payload) {
    return token(standardHeader(), payload);
}

// Correctly signed over whatever text the segments are, so only the decoder can object.
QByteArray signedSegments(const QByteArray& header, const QByteArray& payload) {
    return pc::JwtSigner::signSegments(Secret, header, payload);
}

QByteArray rawPayloadToken(const QByteArray& payloadJson) {
    return signedSegments(b64(json(standardHeader())), b64(payloadJson));
}

QList<QByteArray> segments(const QByteArray& token) {
    return token.split('.');
}

// Claims whose encoding satisfies `accept`, found by growing a filler claim.
template <class Predicate> QByteArray payloadSegmentWhere(const QString& fillerUnit, Predicate accept) {
    for (int n = 0; n < 64; ++n) {
        const QByteArray segment = b64(json(with(simplejwtClaims(), u"pad"_s, fillerUnit.repeated(n))));
        if (accept(segment))
            return segment;
    }
    qFatal("no filler gives the wanted encoding");
}

QByteArray replaceFirst(QByteArray text, char from, char to) {
    const qsizetype at = text.indexOf(from);
    Q_ASSERT(at >= 0);
    text[at] = to;
    return text;
}

const char Alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

// Same bytes, other spelling: toggles the lowest (unused) bit of the last character.
QByteArray nonCanonicalTail(QByteArray segment) {
    const char* at = std::strchr(Alphabet, segment.back());
    const int index = int(at - Alphabet);
    segment.back() = Alphabet[index ^ 1];
    return segment;
}

QByteArray withSignature(const QByteArray& token, const QByteArray& signatureSegment) {
    return token.left(token.lastIndexOf('.') + 1) + signatureSegment;
}

QByteArray tokenWithForeignMac(const QString& alg, QCryptographicHash::Algorithm hash) {
    const QByteArray input =
        b64(json(with(standardHeader(), u"alg"_s, alg))) + '.' + b64(json(simplejwtClaims()));
    return input + '.' + b64(QMessageAuthenticationCode::hash(input, Secret, hash));
}

QByteArray tokenWithRandomSignature(const QString& alg, int signatureBytes) {
    const QByteArray input =
        b64(json(with(standardHeader(), u"alg"_s, alg))) + '.' + b64(json(simplejwtClaims()));
    QByteArray signature(signatureBytes, Qt::Uninitialized);
    QRandomGenerator random(7);
    for (char& c : signature)
        c = char(random.bounded(256));
    return input + '.' + b64(signature);
}

// Log lines caught while a test runs, to prove no token reaches them.
QMutex logMutex;
QStringList capturedLog;
QtMessageHandler previousHandler = nullptr;

void captureMessage(QtMsgType type, const QMessageLogContext& context, const QString& message) {
    {
        QMutexLocker lock(&logMutex);
        capturedLog.append(message);
    }
    // The verifier explains every rejection at debug level; thousands of those would drown the output.
    const bool authDebug = type == QtDebugMsg && context.category &&
                           std::strcmp(context.category, "promptcraft.engine.auth") == 0;
    if (previousHandler && !authDebug)
        previousHandler(type, context, message);
}

// Messages must not quote the token or any recognisable part of it.
void verifyQuotesNothingOf(const QString& text, const QByteArray& token) {
    if (!token.isEmpty())
        QVERIFY2(!text.contains(QString::fromLatin1(token)), qPrintable(text));
    for (const QByteArray& segment : segments(token)) {
        const QByteArray trimmed = segment.trimmed();
        if (trimmed.size() >= 6)
            QVERIFY2(!text.contains(QString::fromLatin1(trimmed.left(6))), qPrintable(text));
    }
}

} // namespace

class TestJwtVerifier : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void init();

    void verify_data();
    void verify();

    void claimsAreFilled();
    void emptySecretAlwaysFails();
    void wrongSecretFails();
    void expiryFollowsTheClock();
    void leewayIsConfigurable();
    void sizeLimitEdge();
    void mutatedTokensAreAllRejected();
};

void TestJwtVerifier::initTestCase() {
    previousHandler = qInstallMessageHandler(captureMessage);
}

void TestJwtVerifier::cleanupTestCase() {
    qInstallMessageHandler(previousHandler);
}

void TestJwtVerifier::init() {
    QMutexLocker lock(&logMutex);
    capturedLog.clear();
}

void TestJwtVerifier::verify_data() {
    QTest::addColumn<QByteArray>("token");
    QTest::addColumn<QString>("error"); // empty: accepted
    QTest::addColumn<QString>("userId");

    const QString ok;
    const QString badAlg = u"unsupported algorithm"_s;
    const QString badSignature = u"invalid signature"_s;
    const QString badHeaderEncoding = u"malformed token header encoding"_s;
    const QString badHeader = u"malformed token header"_s;
    const QString badPayloadEncoding = u"malformed token payload encoding"_s;
    const QString badPayload = u"malformed token payload"_s;
    const QString badSegments = u"malformed token: wrong number of segments"_s;
    const QString badExp = u"invalid expiry claim"_s;
    const QString expired = u"token expired"_s;

    const QByteArray valid = token(simplejwtClaims());
    const QList<QByteArray> parts = segments(valid);
    const QByteArray& h = parts.at(0);
    const QByteArray& p = parts.at(1);
    const QByteArray& s = parts.at(2);

    // Accepted shapes.
    QTest::newRow("valid simplejwt token") << valid << ok << u"42"_s;
    QTest::newRow("string user_id") << token(with(simplejwtClaims(), u"user_id"_s, u"alice"_s)) << ok
                                    << u"alice"_s;
    QTest::newRow("no typ header") << token(without(standardHeader(), u"typ"_s), simplejwtClaims()) << ok
                                   << u"42"_s;
    QTest::newRow("sub fallback") << token(with(without(simplejwtClaims(), u"user_id"_s), u"sub"_s, u"bob"_s))
                                  << ok << u"bob"_s;
    QTest::newRow("user_id wins over sub")
        << token(with(simplejwtClaims(), u"sub"_s, u"bob"_s)) << ok << u"42"_s;
    QTest::newRow("minimal: exp and sub")
        << token(QJsonObject{{u"exp"_s, Now + 60}, {u"sub"_s, u"carol"_s}}) << ok << u"carol"_s;
    QTest::newRow("no token_type") << token(without(simplejwtClaims(), u"token_type"_s)) << ok << u"42"_s;
    QTest::newRow("exp written as 1.7e9 style integer")
        << rawPayloadToken("{\"exp\":1.7000003e9,\"user_id\":1}"_ba) << ok << u"1"_s;
    QTest::newRow("exp year 9999") << token(with(simplejwtClaims(), u"exp"_s, 253402300799LL)) << ok
                                   << u"42"_s;

    // alg: refused before any MAC work. A correct HS256 MAC over an `alg: none` header (or a junk
    // signature) still reports the algorithm, which shows the header is judged first.
    for (const QString& alg : {u"none"_s, u"None"_s, u"NONE"_s, u"nOnE"_s}) {
        const QByteArray noneToken = token(with(standardHeader(), u"alg"_s, alg), simplejwtClaims());
        QTest::addRow("alg %s, empty signature", qPrintable(alg))
            << withSignature(noneToken, {}) << badAlg << ok;
        QTest::addRow("alg %s, valid HS256 MAC", qPrintable(alg)) << noneToken << badAlg << ok;
        QTest::addRow("alg %s, junk signature", qPrintable(alg))
            << withSignature(noneToken, "!!junk!!"_ba) << badAlg << ok;
    }
    QTest::newRow("alg HS384") << tokenWithForeignMac(u"HS384"_s, QCryptographicHash::Sha384) << badAlg << ok;
    QTest::newRow("alg HS512") << tokenWithForeignMac(u"HS512"_s, QCryptographicHash::Sha512) << badAlg << ok;
    QTest::newRow("alg RS256") << tokenWithRandomSignature(u"RS256"_s, 256) << badAlg << ok;
    QTest::newRow("alg ES256") << tokenWithRandomSignature(u"ES256"_s, 64) << badAlg << ok;
    QTest::newRow("alg RS256 with HMAC (key confusion)")
        << tokenWithForeignMac(u"RS256"_s, QCryptographicHash::Sha256) << badAlg << ok;
    QTest::newRow("alg hs256 lower case")
        << tokenWithForeignMac(u"hs256"_s, QCryptographicHash::Sha256) << badAlg << ok;
    QTest::newRow("alg empty") << tokenWithForeignMac(QString(), QCryptographicHash::Sha256) << badAlg << ok;
    QTest::newRow("alg missing") << token(without(standardHeader(), u"alg"_s), simplejwtClaims()) << badAlg
                                 << ok;
    QTest::newRow("alg number") << token(with(standardHeader(), u"alg"_s, 256), simplejwtClaims()) << badAlg
                                << ok;
    QTest::newRow("alg array") << token(with(standardHeader(), u"alg"_s, QJsonArray{u"HS256"_s}),
                                        simplejwtClaims())
                               << badAlg << ok;

    // Other header parameters.
    QTest::newRow("typ jwt lower case")
        << token(with(standardHeader(), u"typ"_s, u"jwt"_s), simplejwtClaims())
        << u"unsupported token type header"_s << ok;
    QTest::newRow("typ JOSE") << token(with(standardHeader(), u"typ"_s, u"JOSE"_s), simplejwtClaims())
                              << u"unsupported token type header"_s << ok;
    QTest::newRow("crit [exp]") << token(with(standardHeader(), u"crit"_s, QJsonArray{u"exp"_s}),
                                         simplejwtClaims())
                                << u"unsupported critical header parameter"_s << ok;
    QTest::newRow("crit [b64] with b64 false")
        << token(with(with(standardHeader(), u"crit"_s, QJsonArray{u"b64"_s}), u"b64"_s, false),
                 simplejwtClaims())
        << u"unsupported critical header parameter"_s << ok;
    QTest::newRow("crit empty list") << token(with(standardHeader(), u"crit"_s, QJsonArray{}),
                                              simplejwtClaims())
                                     << u"unsupported critical header parameter"_s << ok;
    const QStringList hostileKids{
        u"../../../../../../dev/null"_s, u"/etc/passwd"_s,      u"' OR '1'='1' --"_s,
        u"x'; DROP TABLE users; --"_s,   u"|cat /etc/shadow"_s, QString(QChar(0)) + u"a"_s};
    for (qsizetype i = 0; i < hostileKids.size(); ++i) {
        QTest::addRow("kid ignored %d (path/SQL/shell)", int(i))
            << token(with(standardHeader(), u"kid"_s, hostileKids.at(i)), simplejwtClaims()) << ok << u"42"_s;
    }
    QTest::newRow("kid object ignored")
        << token(with(standardHeader(), u"kid"_s, QJsonObject{{u"a"_s, 1}}), simplejwtClaims()) << ok
        << u"42"_s;

    // Signatures.
    {
        QByteArray flipped = s;
        flipped[0] = flipped[0] == 'A' ? 'B' : 'A';
        QTest::newRow("flipped signature") << withSignature(valid, flipped) << badSignature << ok;
        QByteArray flippedMiddle = s;
        flippedMiddle[20] = flippedMiddle[20] == 'x' ? 'y' : 'x';
        QTest::newRow("flipped signature, middle")
            << withSignature(valid, flippedMiddle) << badSignature << ok;
    }
    QTest::newRow("empty signature") << withSignature(valid, {}) << badSignature << ok;
    QTest::newRow("signature truncated by 4") << withSignature(valid, s.chopped(4)) << badSignature << ok;
    QTest::newRow("signature truncated by 1") << withSignature(valid, s.chopped(1)) << badSignature << ok;
    QTest::newRow("signature doubled") << withSignature(valid, s + s) << badSignature << ok;
    QTest::newRow("signature of another secret")
        << pc::JwtSigner::sign("another-secret-another-secret-00"_ba, standardHeader(), simplejwtClaims())
        << badSignature << ok;
    QTest::newRow("payload swapped, old signature")
        << QByteArray(h + '.' + b64(json(with(simplejwtClaims(), u"user_id"_s, 1))) + '.' + s) << badSignature
        << ok;
    QTest::newRow("signature with padding") << withSignature(valid, s + '=') << badSignature << ok;
    QTest::newRow("signature non-canonical tail")
        << withSignature(valid, nonCanonicalTail(s)) << badSignature << ok;
    QTest::newRow("trailing space") << QByteArray(valid + ' ') << badSignature << ok;
    QTest::newRow("trailing newline") << QByteArray(valid + '\n') << badSignature << ok;

    // exp.
    QTest::newRow("exp missing") << token(without(simplejwtClaims(), u"exp"_s)) << u"token has no expiry"_s
                                 << ok;
    QTest::newRow("exp expired long ago")
        << token(with(simplejwtClaims(), u"exp"_s, Now - 3600)) << expired << ok;
    QTest::newRow("exp expired beyond leeway")
        << token(with(simplejwtClaims(), u"exp"_s, Now - 31)) << expired << ok;
    QTest::newRow("exp at leeway edge (now == exp + leeway)")
        << token(with(simplejwtClaims(), u"exp"_s, Now - 30)) << expired << ok;
    QTest::newRow("exp inside leeway") << token(with(simplejwtClaims(), u"exp"_s, Now - 29)) << ok << u"42"_s;
    QTest::newRow("exp now") << token(with(simplejwtClaims(), u"exp"_s, Now)) << ok << u"42"_s;
    QTest::newRow("exp string") << token(with(simplejwtClaims(), u"exp"_s, QString::number(Now + 300)))
                                << badExp << ok;
    QTest::newRow("exp float with fraction")
        << rawPayloadToken("{\"exp\":1700000300.5,\"user_id\":1}"_ba) << badExp << ok;
    QTest::newRow("exp 1e300") << rawPayloadToken("{\"exp\":1e300,\"user_id\":1}"_ba) << badExp << ok;
    QTest::newRow("exp -1e300") << rawPayloadToken("{\"exp\":-1e300,\"user_id\":1}"_ba) << badExp << ok;
    QTest::newRow("exp 1e400 (not representable)")
        << rawPayloadToken("{\"exp\":1e400,\"user_id\":1}"_ba) << badPayload << ok;
    QTest::newRow("exp 2^63-1") << token(
                                       with(simplejwtClaims(), u"exp"_s, std::numeric_limits<qint64>::max()))
                                << badExp << ok;
    QTest::newRow("exp 99999999999999999999")
        << rawPayloadToken("{\"exp\":99999999999999999999,\"user_id\":1}"_ba) << badExp << ok;
    QTest::newRow("exp after year 9999")
        << token(with(simplejwtClaims(), u"exp"_s, 253402300800LL)) << badExp << ok;
    QTest::newRow("exp negative") << token(with(simplejwtClaims(), u"exp"_s, -1)) << badExp << ok;
    QTest::newRow("exp int64 min") << token(with(simplejwtClaims(), u"exp"_s,
                                                 std::numeric_limits<qint64>::min()))
                                   << badExp << ok;
    QTest::newRow("exp bool") << token(with(simplejwtClaims(), u"exp"_s, true)) << badExp << ok;
    QTest::newRow("exp null") << token(with(simplejwtClaims(), u"exp"_s, QJsonValue::Null)) << badExp << ok;
    QTest::newRow("exp object") << token(with(simplejwtClaims(), u"exp"_s, QJsonObject{})) << badExp << ok;

    // nbf and iat.
    QTest::newRow("nbf in the future beyond leeway")
        << token(with(simplejwtClaims(), u"nbf"_s, Now + 31)) << u"token not yet valid"_s << ok;
    QTest::newRow("nbf at leeway edge")
        << token(with(simplejwtClaims(), u"nbf"_s, Now + 30)) << ok << u"42"_s;
    QTest::newRow("nbf past") << token(with(simplejwtClaims(), u"nbf"_s, Now - 10)) << ok << u"42"_s;
    QTest::newRow("nbf string") << token(with(simplejwtClaims(), u"nbf"_s, u"0"_s))
                                << u"invalid not-before claim"_s << ok;
    QTest::newRow("nbf 1e300") << rawPayloadToken("{\"exp\":1700000300,\"nbf\":1e300,\"user_id\":1}"_ba)
                               << u"invalid not-before claim"_s << ok;
    QTest::newRow("iat in the future beyond leeway")
        << token(with(simplejwtClaims(), u"iat"_s, Now + 31)) << u"token issued in the future"_s << ok;
    QTest::newRow("iat at leeway edge")
        << token(with(simplejwtClaims(), u"iat"_s, Now + 30)) << ok << u"42"_s;
    QTest::newRow("iat float with fraction")
        << rawPayloadToken("{\"exp\":1700000300,\"iat\":0.5,\"user_id\":1}"_ba)
        << u"invalid issued-at claim"_s << ok;
    QTest::newRow("iat negative") << token(with(simplejwtClaims(), u"iat"_s, -5))
                                  << u"invalid issued-at claim"_s << ok;

    // token_type, jti and the user.
    QTest::newRow("token_type refresh")
        << token(with(simplejwtClaims(), u"token_type"_s, u"refresh"_s)) << u"not an access token"_s << ok;
    QTest::newRow("token_type Access")
        << token(with(simplejwtClaims(), u"token_type"_s, u"Access"_s)) << u"not an access token"_s << ok;
    QTest::newRow("token_type number")
        << token(with(simplejwtClaims(), u"token_type"_s, 1)) << u"not an access token"_s << ok;
    QTest::newRow("jti number") << token(with(simplejwtClaims(), u"jti"_s, 5)) << u"invalid token id claim"_s
                                << ok;
    QTest::newRow("no user_id, no sub")
        << token(without(simplejwtClaims(), u"user_id"_s)) << u"token names no user"_s << ok;
    QTest::newRow("user_id bool") << token(with(simplejwtClaims(), u"user_id"_s, true))
                                  << u"invalid user id claim"_s << ok;
    QTest::newRow("user_id float") << token(with(simplejwtClaims(), u"user_id"_s, 1.5))
                                   << u"invalid user id claim"_s << ok;
    QTest::newRow("user_id empty") << token(with(simplejwtClaims(), u"user_id"_s, QString()))
                                   << u"invalid user id claim"_s << ok;
    QTest::newRow("user_id null") << token(with(simplejwtClaims(), u"user_id"_s, QJsonValue::Null))
                                  << u"invalid user id claim"_s << ok;
    QTest::newRow("sub number") << token(with(without(simplejwtClaims(), u"user_id"_s), u"sub"_s, 7))
                                << u"invalid subject claim"_s << ok;

    // Non-canonical base64url, each correctly signed over its own text so that only the decoder objects.
    {
        const QByteArray unpadded =
            payloadSegmentWhere(u"x"_s, [](const QByteArray& segment) { return segment.size() % 4 == 2; });
        QTest::newRow("payload with == padding")
            << signedSegments(h, unpadded + "=="_ba) << badPayloadEncoding << ok;
        QTest::newRow("payload with = padding")
            << signedSegments(h, unpadded + "="_ba) << badPayloadEncoding << ok;
        QTest::newRow("payload non-canonical tail")
            << signedSegments(h, nonCanonicalTail(unpadded)) << badPayloadEncoding << ok;
        const QByteArray unpadded3 =
            payloadSegmentWhere(u"x"_s, [](const QByteArray& segment) { return segment.size() % 4 == 3; });
        QTest::newRow("payload with = padding (3)")
            << signedSegments(h, unpadded3 + "="_ba) << badPayloadEncoding << ok;
        QTest::newRow("payload non-canonical tail (3)")
            << signedSegments(h, nonCanonicalTail(unpadded3)) << badPayloadEncoding << ok;
        QTest::newRow("payload impossible length")
            << signedSegments(h, unpadded3 + "A"_ba + "A"_ba) << badPayloadEncoding << ok;
    }
    {
        const QByteArray dash =
            payloadSegmentWhere(u"~"_s, [](const QByteArray& segment) { return segment.contains('-'); });
        QTest::newRow("payload with + instead of -")
            << signedSegments(h, replaceFirst(dash, '-', '+')) << badPayloadEncoding << ok;
        const QByteArray underscore =
            payloadSegmentWhere(u"?"_s, [](const QByteArray& segment) { return segment.contains('_'); });
        QTest::newRow("payload with / instead of _")
            << signedSegments(h, replaceFirst(underscore, '_', '/')) << badPayloadEncoding << ok;
        QByteArray standardSignature = s;
        standardSignature.replace('-', '+').replace('_', '/');
        if (standardSignature != s)
            QTest::newRow("signature in standard alphabet")
                << withSignature(valid, standardSignature) << badSignature << ok;
    }
    QTest::newRow("payload with space")
        << signedSegments(h, p.left(10) + ' ' + p.mid(10)) << badPayloadEncoding << ok;
    QTest::newRow("payload with newline")
        << signedSegments(h, p.left(10) + '\n' + p.mid(10)) << badPayloadEncoding << ok;
    QTest::newRow("payload with tab")
        << signedSegments(h, p.left(10) + '\t' + p.mid(10)) << badPayloadEncoding << ok;
    QTest::newRow("payload with CRLF at the end")
        << signedSegments(h, p + "\r\n"_ba) << badPayloadEncoding << ok;
    QTest::newRow("payload with junk !")
        << signedSegments(h, p.left(10) + '!' + p.mid(10)) << badPayloadEncoding << ok;
    QTest::newRow("payload with junk %")
        << signedSegments(h, p.left(10) + "%41"_ba + p.mid(10)) << badPayloadEncoding << ok;
    QTest::newRow("payload with NUL")
        << signedSegments(h, p.left(10) + QByteArray(1, '\0') + p.mid(10)) << badPayloadEncoding << ok;
    QTest::newRow("payload with high byte")
        << signedSegments(h, p.left(10) + "\xc3\xa9"_ba + p.mid(10)) << badPayloadEncoding << ok;
    QTest::newRow("header with space")
        << signedSegments(h.left(8) + ' ' + h.mid(8), p) << badHeaderEncoding << ok;
    QTest::newRow("header with padding") << signedSegments(h + "=="_ba, p) << badHeaderEncoding << ok;
    QTest::newRow("header with junk *")
        << signedSegments(h.left(8) + '*' + h.mid(8), p) << badHeaderEncoding << ok;
    QTest::newRow("leading space") << QByteArray(' ' + valid) << badHeaderEncoding << ok;

    // Structure.
    QTest::newRow("empty") << QByteArray() << u"empty token"_s << ok;
    QTest::newRow("2 segments") << QByteArray(h + '.' + p) << badSegments << ok;
    QTest::newRow("4 segments") << QByteArray(valid + '.' + s) << badSegments << ok;
    QTest::newRow("4 segments, empty last") << QByteArray(valid + '.') << badSegments << ok;
    QTest::newRow("1 segment") << h << badSegments << ok;
    QTest::newRow("only dots") << "..."_ba << badSegments << ok;
    QTest::newRow("two dots") << ".."_ba << badHeader << ok;
    QTest::newRow("empty payload, signed") << signedSegments(h, {}) << badPayload << ok;
    QTest::newRow("100 KB token") << token(with(simplejwtClaims(), u"pad"_s, QString(100 * 1024, u'a')))
                                  << u"token too large"_s << ok;
    QTest::newRow("100 KB of dots") << QByteArray(100 * 1024, '.') << u"token too large"_s << ok;
    QTest::newRow("non-JSON header") << signedSegments(b64("not json at all"_ba), p) << badHeader << ok;
    QTest::newRow("header is an array") << signedSegments(b64(R"(["alg","HS256"])"_ba), p) << badHeader << ok;
    QTest::newRow("header is a string") << signedSegments(b64(R"("HS256")"_ba), p) << badHeader << ok;
    QTest::newRow("header is null") << signedSegments(b64("null"_ba), p) << badHeader << ok;
    QTest::newRow("header truncated JSON")
        << signedSegments(b64(R"({"alg":"HS256")"_ba), p) << badHeader << ok;
    QTest::newRow("header with trailing junk")
        << signedSegments(b64(R"({"alg":"HS256"}x)"_ba), p) << badHeader << ok;
    QTest::newRow("header nested 2000 deep")
        << signedSegments(b64(QByteArray(2000, '[') + QByteArray(2000, ']')), p) << badHeader << ok;
    QTest::newRow("header empty object") << signedSegments(b64("{}"_ba), p) << badAlg << ok;
    QTest::newRow("payload not JSON") << rawPayloadToken("user=42"_ba) << badPayload << ok;
    QTest::newRow("payload is an array")
        << rawPayloadToken(R"([{"exp":1700000300,"user_id":1}])"_ba) << badPayload << ok;
    QTest::newRow("payload nested 2000 deep")
        << rawPayloadToken(QByteArray(2000, '[') + QByteArray(2000, ']')) << badPayload << ok;
}

void TestJwtVerifier::verify() {
    QFETCH(QByteArray, token);
    QFETCH(QString, error);
    QFETCH(QString, userId);

    const pc::ManualClock clock(Now * 1000);
    const pc::JwtVerifier verifier(Secret, clock);
    const auto result = verifier.verify(token);

    if (error.isEmpty()) {
        QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
        QCOMPARE(result->userId, userId);
    } else {
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, pc::ErrorCode::AuthenticationFailed);
        QCOMPARE(result.error().message, error);
        verifyQuotesNothingOf(result.error().message, token);
    }

    QMutexLocker lock(&logMutex);
    for (const QString& line : std::as_const(capturedLog))
        verifyQuotesNothingOf(line, token);
}

void TestJwtVerifier::claimsAreFilled() {
    const pc::ManualClock clock(Now * 1000);
    const pc::JwtVerifier verifier(Secret, clock);
    const auto result = verifier.verify(token(with(simplejwtClaims(), u"nbf"_s, Now - 5)));
    QVERIFY(result.ok());
    QCOMPARE(result->userId, u"42"_s);
    QCOMPARE(result->tokenType, u"access"_s);
    QCOMPARE(result->exp, Now + 300);
    QCOMPARE(result->iat, std::optional<qint64>(Now));
    QCOMPARE(result->nbf, std::optional<qint64>(Now - 5));
    QCOMPARE(result->jti, u"8d0b6c2e4f5a47a1b2c3d4e5f6a7b8c9"_s);
    QCOMPARE(result->raw.value(u"user_id"_s).toInteger(), 42);

    const auto minimal = verifier.verify(token(QJsonObject{{u"exp"_s, Now + 60}, {u"sub"_s, u"x"_s}}));
    QVERIFY(minimal.ok());
    QVERIFY(!minimal->iat.has_value());
    QVERIFY(!minimal->nbf.has_value());
    QVERIFY(minimal->tokenType.isEmpty());
    QVERIFY(minimal->jti.isEmpty());

    // The signer's own access tokens come back as they went in.
    const QByteArray minted = pc::JwtSigner::mintAccessToken(Secret, u"user-7"_s, Now, 600);
    const auto mintedResult = verifier.verify(minted);
    QVERIFY(mintedResult.ok());
    QCOMPARE(mintedResult->userId, u"user-7"_s);
    QCOMPARE(mintedResult->tokenType, u"access"_s);
    QCOMPARE(mintedResult->exp, Now + 600);
    QCOMPARE(mintedResult->iat, std::optional<qint64>(Now));
    QCOMPARE(mintedResult->jti.size(), 32);
    QVERIFY(QByteArray::fromHex(mintedResult->jti.toLatin1()).size() == 16);
    QVERIFY(pc::JwtSigner::mintAccessToken(Secret, u"user-7"_s, Now, 600) != minted); // fresh jti
    QCOMPARE(segments(minted).at(0), b64(R"({"alg":"HS256","typ":"JWT"})"_ba));
}

void TestJwtVerifier::emptySecretAlwaysFails() {
    const pc::ManualClock clock(Now * 1000);
    const pc::JwtVerifier verifier(QByteArray(), clock);
    QVERIFY(!verifier.hasSecret());
    for (const QByteArray& candidate :
         {pc::JwtSigner::sign(QByteArray(), standardHeader(), simplejwtClaims()), token(simplejwtClaims()),
          QByteArray()}) {
        const auto result = verifier.verify(candidate);
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, pc::ErrorCode::AuthenticationFailed);
        QCOMPARE(result.error().message, u"no signing secret configured"_s);
    }
}

void TestJwtVerifier::wrongSecretFails() {
    const pc::ManualClock clock(Now * 1000);
    const pc::JwtVerifier verifier(Secret + 'x', clock);
    const auto result = verifier.verify(token(simplejwtClaims()));
    QVERIFY(!result.ok());
    QCOMPARE(result.error().message, u"invalid signature"_s);
}

void TestJwtVerifier::expiryFollowsTheClock() {
    pc::ManualClock clock(Now * 1000);
    const pc::JwtVerifier verifier(Secret, clock);
    const QByteArray t = token(simplejwtClaims()); // exp = Now + 300

    QVERIFY(verifier.verify(t).ok());
    clock.setNowMs((Now + 300 + 30) * 1000 - 1); // the last millisecond inside the leeway
    QVERIFY(verifier.verify(t).ok());
    clock.advanceMs(1);
    const auto expired = verifier.verify(t);
    QVERIFY(!expired.ok());
    QCOMPARE(expired.error().message, u"token expired"_s);

    // A token from the future becomes valid once the clock catches up.
    const QByteArray early = token(with(simplejwtClaims(), u"nbf"_s, Now + 120));
    clock.setNowSecs(Now);
    QCOMPARE(verifier.verify(early).error().message, u"token not yet valid"_s);
    clock.advanceSecs(90);
    QVERIFY(verifier.verify(early).ok());
}

void TestJwtVerifier::leewayIsConfigurable() {
    const pc::ManualClock clock(Now * 1000);
    const pc::JwtVerifier strict(Secret, clock, 0);
    QCOMPARE(strict.leewaySecs(), 0);
    QVERIFY(!strict.verify(token(with(simplejwtClaims(), u"exp"_s, Now))).ok());
    QVERIFY(strict.verify(token(with(simplejwtClaims(), u"exp"_s, Now + 1))).ok());
    QVERIFY(!strict.verify(token(with(simplejwtClaims(), u"iat"_s, Now + 1))).ok());

    const pc::JwtVerifier negative(Secret, clock, -100);
    QCOMPARE(negative.leewaySecs(), 0);
    const pc::JwtVerifier huge(Secret, clock, std::numeric_limits<int>::max());
    QCOMPARE(huge.leewaySecs(), 24 * 60 * 60);
    QVERIFY(!huge.verify(token(with(simplejwtClaims(), u"exp"_s, Now - 24 * 60 * 60))).ok());

    const pc::JwtVerifier defaults(Secret, clock);
    QCOMPARE(defaults.leewaySecs(), 30);
}

void TestJwtVerifier::sizeLimitEdge() {
    const pc::ManualClock clock(Now * 1000);
    const pc::JwtVerifier verifier(Secret, clock);
    auto tokenOfSize = [](qsizetype size) {
        for (qsizetype n = size * 3 / 4 - 200; n < size; ++n) {
            const QByteArray t = token(with(simplejwtClaims(), u"pad"_s, QString(n, u'a')));
            if (t.size() == size)
                return t;
            if (t.size() > size)
                break;
        }
        return QByteArray();
    };
    const QByteArray atLimit = tokenOfSize(pc::JwtVerifier::MaxTokenBytes);
    QCOMPARE(atLimit.size(), pc::JwtVerifier::MaxTokenBytes);
    QVERIFY(verifier.verify(atLimit).ok());
    const QByteArray overLimit = tokenOfSize(pc::JwtVerifier::MaxTokenBytes + 1);
    QCOMPARE(overLimit.size(), pc::JwtVerifier::MaxTokenBytes + 1);
    QCOMPARE(verifier.verify(overLimit).error().message, u"token too large"_s);
}

// Strict decoding means one spelling per token: every one-byte change must be refused.
void TestJwtVerifier::mutatedTokensAreAllRejected() {
    const pc::ManualClock clock(Now * 1000);
    const pc::JwtVerifier verifier(Secret, clock);
    const QByteArray original = token(simplejwtClaims());
    QVERIFY(verifier.verify(original).ok());

    QRandomGenerator random(20240601);
    for (int i = 0; i < 3000; ++i) {
        QByteArray mutant = original;
        const qsizetype at = random.bounded(mutant.size());
        switch (i % 3) {
        case 0: {
            char c = char(random.bounded(256));
            if (c == mutant.at(at))
                c = char(c + 1);
            mutant[at] = c;
            break;
        }
        case 1:
            mutant.remove(at, 1);
            break;
        default:
            mutant.insert(at, char(random.bounded(256)));
            break;
        }
        const auto result = verifier.verify(mutant);
        QVERIFY2(!result.ok(), mutant.constData());
        QCOMPARE(result.error().code, pc::ErrorCode::AuthenticationFailed);
        verifyQuotesNothingOf(result.error().message, mutant);
    }
}

QTEST_GUILESS_MAIN(TestJwtVerifier)
#include "tst_jwtverifier.moc"
