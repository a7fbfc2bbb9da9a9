#pragma once

#include "client/SignInResult.h"

#include <QObject>
#include <QString>
#include <QTimer>
#include <QUrl>

#include <functional>
#include <optional>

namespace pc {

class SignInClient;
class TokenStore;

// Keeps the desktop signed in to one remote server between sign-ins. It hands out the stored access
// token and renews it with the stored refresh token RefreshMarginSecs before it expires (the `exp` of
// the token, read without verifying: only the server decides), and again when the server refuses it.
// The user is asked to sign in again only when the refresh token itself is missing or refused.
//
// Tokens are renewed RefreshMarginSecs before they expire (short-lived ones half-way through their life).
// A refresh that fails for another reason (network, server error, rate limit) is tried again with a
// growing delay; the current token is kept meanwhile.
class ServerSession : public QObject {
    Q_OBJECT

public:
    static constexpr qint64 RefreshMarginSecs = 60;
    static constexpr int FirstRetryMs = 5'000;
    static constexpr int MaxRetryMs = 5 * 60'000;

    // The token store must outlive this object.
    explicit ServerSession(TokenStore* tokens, QObject* parent = nullptr);
    ~ServerSession() override;

    // Starts over for `server`: reads its stored access token (refreshing first when it has expired or
    // is about to) and reports it through accessTokenChanged(), empty when none is stored.
    void open(const QUrl& server);
    // Forgets the server (local mode): no refresh happens any more.
    void close();
    // The server refused the current token (ChatClient::State::NeedsSignIn). Refreshes, once per
    // refusal since the last connection: a server that keeps refusing fresh tokens needs a real sign-in.
    void tokenRefused();
    // A connection with the current token was accepted.
    void connected();

    [[nodiscard]] QUrl server() const { return m_server; }
    [[nodiscard]] QString accessToken() const { return m_token; }
    [[nodiscard]] bool isRefreshScheduled() const { return m_timer.isActive(); }
    // The delay the pending refresh was scheduled with (-1: none scheduled).
    [[nodiscard]] int refreshDelayMs() const { return m_timer.isActive() ? m_timer.interval() : -1; }

    // The `exp` claim of a JWT (seconds since the epoch), without verifying anything; nullopt when
    // the token is not a JWT or has no numeric `exp`.
    [[nodiscard]] static std::optional<qint64> expiresAt(const QString& token);
    [[nodiscard]] static std::optional<qint64> issuedAt(const QString& token);
    // Wall clock in seconds since the epoch (tests move it).
    void setClock(std::function<qint64()> nowSecs) { m_nowSecs = std::move(nowSecs); }

Q_SIGNALS:
    // The token to connect to `server` with (empty: none stored, connect anonymously).
    void accessTokenChanged(const QUrl& server, const QString& token);
    // The refresh token is missing or was refused: only signing in again helps.
    void signInRequired(const QUrl& server, const QString& reason);

private:
    void refresh();
    void onRefreshed(const SignInResult& result);
    // fresh: just issued by the server (timed by its own lifetime), else read from the keychain.
    void useToken(const QString& token, bool fresh);
    void scheduleRefresh(bool fresh);
    [[nodiscard]] static std::optional<qint64> numericClaim(const QString& token, const QString& name);

    SignInClient* m_signIn;
    TokenStore* m_tokens;
    std::function<qint64()> m_nowSecs;
    QTimer m_timer;
    QUrl m_server;
    QString m_token;
    quint64 m_readId = 0;
    bool m_refreshing = false;
    // Whether accessTokenChanged() was emitted since open().
    bool m_announced = false;
    int m_refusalsSinceConnected = 0;
    int m_retryMs = FirstRetryMs;
};

} // namespace pc
