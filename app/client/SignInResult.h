#pragma once

#include "secrets/TokenStore.h"

#include <QObject>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <optional>

namespace pc {

// The outcome of SignInClient::signIn() or refresh(). `message` is a sentence for people (certificate
// problems spelt out plainly); it never contains a password or token.
struct SignInResult {
    Q_GADGET
public:
    enum class Outcome {
        Ok,
        BadCredentials,   // 400/401/403: wrong user name or password, or the refresh token was refused
        RateLimited,      // 429; retryAfterSecs when the server said how long to wait
        Network,          // refused, unreachable, reset, timed out
        Tls,              // the certificate or TLS handshake failed (never ignored); see tlsErrors
        ServerError,      // 5xx, a redirect, or an answer that is not the expected JSON
        InvalidServerUrl, // the server URL is not a ws:// or wss:// URL
        NotSignedIn,      // refresh(): no refresh token is stored for this server
        SecretStoreError, // refresh(): the stored refresh token could not be read
    };
    Q_ENUM(Outcome)

    Outcome outcome = Outcome::ServerError;
    QString message;
    QUrl serverUrl;                    // the ws(s) URL the operation was for
    int httpStatus = 0;                // 0: no HTTP answer
    std::optional<int> retryAfterSecs; // RateLimited
    QStringList tlsErrors;             // Tls: each certificate problem, as Qt describes it

    // Ok only. The tokens are also written to the TokenStore; `storage` says how that went (NoBackend
    // or TimedOut: no keychain, the tokens are only in this result and the caller may keep them in
    // memory for the session).
    QString accessToken;
    QString refreshToken;
    TokenStore::Status storage = TokenStore::Status::Ok;
    QString storageMessage;

    [[nodiscard]] bool ok() const { return outcome == Outcome::Ok; }
};

} // namespace pc
