#include "PasswordHasher.h"

#include <QCryptographicHash>
#include <QList>
#include <QPasswordDigestor>
#include <QRandomGenerator>

#include <array>

using namespace Qt::Literals::StringLiterals;

namespace pc {

namespace {

constexpr qsizetype DerivedKeyBytes = 32; // SHA-256 output, as Django stores it
constexpr qsizetype MaxSaltChars = 256;
constexpr qsizetype MinStoredHashBytes = 16;
constexpr qsizetype MaxStoredHashBytes = 64;

struct ParsedHash {
    int iterations = 0;
    QString salt;
    QByteArray hash;
};

[[nodiscard]] Error malformed(const QString& why)
{
    return Error{ErrorCode::InvalidMessage, u"not a usable password hash: "_s + why};
}

[[nodiscard]] bool isDigits(QStringView text)
{
    for (const QChar c : text)
        if (c < u'0' || c > u'9')
            return false;
    return !text.isEmpty();
}

[[nodiscard]] Result<ParsedHash> parse(QStringView encoded)
{
    const QList<QStringView> parts = encoded.split(u'$');
    if (parts.size() != 4)
        return malformed(u"expected algorithm$iterations$salt$hash"_s);
    if (parts.at(0) != PasswordHasher::Algorithm)
        return malformed(u"unsupported algorithm"_s);
    // Digits only and at most 8 of them: no signs, spaces or overflow reach toInt().
    if (!isDigits(parts.at(1)) || parts.at(1).size() > 8)
        return malformed(u"bad iteration count"_s);
    ParsedHash parsed;
    parsed.iterations = parts.at(1).toInt();
    if (parsed.iterations < 1 || parsed.iterations > PasswordHasher::MaxIterations)
        return malformed(u"iteration count out of range"_s);
    if (parts.at(2).isEmpty() || parts.at(2).size() > MaxSaltChars)
        return malformed(u"bad salt"_s);
    parsed.salt = parts.at(2).toString();
    auto decoded = QByteArray::fromBase64Encoding(
        parts.at(3).toLatin1(), QByteArray::Base64Encoding | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || decoded.decoded.size() < MinStoredHashBytes ||
        decoded.decoded.size() > MaxStoredHashBytes || decoded.decoded.toBase64() != parts.at(3).toLatin1())
        return malformed(u"bad hash encoding"_s);
    parsed.hash = std::move(decoded.decoded);
    return parsed;
}

[[nodiscard]] QByteArray derive(QStringView password, const QString& salt, int iterations, qsizetype bytes)
{
    return QPasswordDigestor::deriveKeyPbkdf2(QCryptographicHash::Sha256, password.toUtf8(), salt.toUtf8(),
                                              iterations, quint64(bytes));
}

[[nodiscard]] bool constantTimeEquals(const QByteArray& a, const QByteArray& b)
{
    if (a.size() != b.size())
        return false;
    volatile unsigned char diff = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        diff = diff | static_cast<unsigned char>(a.at(i) ^ b.at(i));
    return diff == 0;
}

} // namespace

QString PasswordHasher::hash(QStringView password, int iterations)
{
    std::array<quint32, SaltBytes / sizeof(quint32)> random{};
    QRandomGenerator::system()->fillRange(random.data(), random.size());
    const QString salt =
        QString::fromLatin1(QByteArray(reinterpret_cast<const char*>(random.data()), SaltBytes)
                                .toBase64(QByteArray::OmitTrailingEquals));
    auto encoded = hashWithSalt(password, salt, iterations);
    return encoded ? encoded.value() : QString();
}

Result<QString> PasswordHasher::hashWithSalt(QStringView password, QStringView salt, int iterations)
{
    if (iterations < 1 || iterations > MaxIterations)
        return Error{ErrorCode::InvalidMessage, u"iteration count out of range"_s};
    if (salt.isEmpty() || salt.size() > MaxSaltChars || salt.contains(u'$'))
        return Error{ErrorCode::InvalidMessage, u"a salt must be 1 to 256 characters without '$'"_s};
    const QString saltText = salt.toString();
    const QByteArray key = derive(password, saltText, iterations, DerivedKeyBytes);
    return u"%1$%2$%3$%4"_s.arg(Algorithm, QString::number(iterations), saltText,
                                QString::fromLatin1(key.toBase64()));
}

Result<bool> PasswordHasher::verify(QStringView password, QStringView encoded)
{
    auto parsed = parse(encoded);
    if (!parsed)
        return parsed.error();
    // Qt's PBKDF2 re-hashes a long key on every iteration: an unbounded password would be a cheap way to
    // burn CPU. Nothing this long was ever accepted as a password.
    if (password.size() > MaxPasswordChars)
        return false;
    const QByteArray key = derive(password, parsed->salt, parsed->iterations, parsed->hash.size());
    return constantTimeEquals(key, parsed->hash);
}

int PasswordHasher::iterations(QStringView encoded)
{
    const auto parsed = parse(encoded);
    return parsed ? parsed->iterations : 0;
}

} // namespace pc
