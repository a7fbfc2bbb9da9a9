#pragma once

#include "auth/JwtClaims.h"
#include "core/Clock.h"
#include "protocol/Result.h"

#include <QByteArray>
#include <QByteArrayView>

namespace pc {

// Verifies HS256 access tokens (PROTOCOL.md, "Endpoint and authentication"), and the engine's refresh
// tokens for the REST API.
// Every failure is ErrorCode::AuthenticationFailed with a short reason for people; no message ever
// quotes the token or any part of it.
class JwtVerifier {
public:
    static constexpr qsizetype MaxTokenBytes = 8 * 1024;
    static constexpr int DefaultLeewaySecs = 30;

    // The clock must outlive the verifier. An empty secret makes every verify() fail.
    explicit JwtVerifier(QByteArray secret, const Clock& clock = Clock::system(),
                         int leewaySecs = DefaultLeewaySecs);

    // Access: `token_type` "access" or absent (tokens from other issuers). Refresh: `token_type` "refresh"
    // and a `jti` are required. Any other type is refused, so one kind never passes for the other.
    enum class Kind { Access, Refresh };

    [[nodiscard]] Result<JwtClaims> verify(QByteArrayView token, Kind kind = Kind::Access) const;

    [[nodiscard]] int leewaySecs() const { return m_leewaySecs; }
    [[nodiscard]] bool hasSecret() const { return !m_secret.isEmpty(); }

private:
    QByteArray m_secret;
    const Clock* m_clock;
    int m_leewaySecs;
};

} // namespace pc
