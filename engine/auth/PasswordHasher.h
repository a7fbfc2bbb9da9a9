#pragma once

#include "protocol/Result.h"

#include <QString>
#include <QStringView>

namespace pc {

// Salted PBKDF2-HMAC-SHA256 password hashes in Django's encoding,
// `pbkdf2_sha256$<iterations>$<salt>$<base64 hash>`, so that hashes move between this engine and a Django
// deployment in both directions. As in Django, the salt is used as the text it is written as (its UTF-8
// bytes), not decoded; ours are 16 random bytes in base64.
class PasswordHasher {
public:
    PasswordHasher() = delete;

    static inline const QString Algorithm = QStringLiteral("pbkdf2_sha256");
    // Qt's PBKDF2 takes about 1.5 ms per thousand iterations here, so 260,000 (Django 3.2's count) keeps
    // a sign-in well under a second; hashes keep their own count, so raising it later is safe.
    static constexpr int DefaultIterations = 260'000;
    static constexpr int MaxIterations = 5'000'000; // a stored hash cannot make a sign-in take minutes
    static constexpr qsizetype MaxPasswordChars = 4096;
    static constexpr qsizetype SaltBytes = 16;

    // A new hash with a random salt.
    [[nodiscard]] static QString hash(QStringView password, int iterations = DefaultIterations);
    // The same with a given salt (tests and interop checks); the salt must not contain '$'.
    [[nodiscard]] static Result<QString> hashWithSalt(QStringView password, QStringView salt, int iterations);

    // True when `password` matches `encoded`, false when it does not; an Error (InvalidMessage) when
    // `encoded` is not a well-formed pbkdf2_sha256 hash. The comparison takes the same time wherever the
    // first difference is.
    [[nodiscard]] static Result<bool> verify(QStringView password, QStringView encoded);

    // The iteration count of a well-formed hash, else 0.
    [[nodiscard]] static int iterations(QStringView encoded);
};

} // namespace pc
