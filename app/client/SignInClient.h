#pragma once

#include "client/SignInResult.h"
#include "secrets/TokenStore.h"

#include <QObject>
#include <QPointer>
#include <QSslConfiguration>
#include <QString>
#include <QUrl>

#include <functional>
#include <memory>

class QNetworkAccessManager;
class QNetworkReply;
class QNetworkRequest;

namespace pc {

// Signs in to a remote PromptCraft server (djangorestframework-simplejwt shapes) and keeps the tokens
// in the TokenStore under secretkeys::serverAccessToken/serverRefreshToken(server URL):
//   POST <base>/api/auth/token/          {"username","password"} -> 200 {"access","refresh"}
//   POST <base>/api/auth/token/refresh/  {"refresh"}             -> 200 {"access"[,"refresh"]}
//   POST <base>/api/auth/token/revoke/   {"refresh"}             -> 200 {} (sign-out; best effort)
//   errors: 401 {"detail": ...}, 429 with Retry-After.
// <base> is the http(s) form of the ws(s) server URL: ws -> http, wss -> https, same host and port, and
// the path up to (not including) a trailing "ws/chat/" (wss://h/pc/ws/chat/ -> https://h/pc/).
//
// Certificate errors are never ignored: they end the request with Outcome::Tls and the problems
// spelt out. Redirects are not followed (a password is never re-posted elsewhere). Every operation
// reports exactly once, asynchronously; several may run at once.
class SignInClient : public QObject {
    Q_OBJECT

public:
    static constexpr int DefaultTimeoutMs = 15'000;
    static constexpr qint64 MaxResponseBytes = 64 * 1024;
    // Signing out waits at most this long for the server to revoke the refresh token.
    static constexpr int RevokeTimeoutMs = 5'000;

    // The token store must outlive this object.
    explicit SignInClient(TokenStore* tokens, QObject* parent = nullptr);
    ~SignInClient() override;

    // The http(s) base of a ws(s) server URL (see the class comment); empty when it is no server URL.
    [[nodiscard]] static QUrl httpBaseUrl(const QUrl& serverUrl);
    [[nodiscard]] static QUrl tokenUrl(const QUrl& serverUrl);
    [[nodiscard]] static QUrl refreshUrl(const QUrl& serverUrl);
    [[nodiscard]] static QUrl revokeUrl(const QUrl& serverUrl);

    // Reports through signInFinished(). On success both tokens are stored.
    void signIn(const QUrl& serverUrl, const QString& username, const QString& password);
    // Exchanges the stored refresh token for a new access token; reports through refreshFinished().
    void refresh(const QUrl& serverUrl);
    // Asks the server to revoke the stored refresh token (best effort: a server that cannot is not an
    // error, and it waits at most RevokeTimeoutMs), then deletes both stored tokens of the server;
    // reports through signedOut(). Closing the connection is the caller's part (ChatClient::close()).
    void signOut(const QUrl& serverUrl);

    void setTimeoutMs(int ms);
    [[nodiscard]] int timeoutMs() const { return m_timeoutMs; }
    // E.g. to trust a private CA. Errors are still never ignored.
    void setSslConfiguration(const QSslConfiguration& configuration);

Q_SIGNALS:
    void signInFinished(const pc::SignInResult& result);
    void refreshFinished(const pc::SignInResult& result);
    // status: Ok when both entries are gone (also when none were there).
    void signedOut(const QUrl& serverUrl, pc::TokenStore::Status status, const QString& message);

private:
    using Completion = std::function<void(SignInResult)>;

    [[nodiscard]] QNetworkRequest jsonRequest(const QUrl& endpoint) const;
    void revoke(const QUrl& serverUrl, const QString& refreshToken, const std::function<void()>& done);
    void removeTokens(const QUrl& serverUrl);
    void post(const QUrl& serverUrl, const QUrl& endpoint, const QByteArray& body, bool expectRefresh,
              Completion done);
    [[nodiscard]] SignInResult interpret(QNetworkReply* reply, const QUrl& serverUrl, bool tooLarge,
                                         const QStringList& tlsErrors, bool expectRefresh) const;
    // Writes the tokens of an Ok result, then calls done with the storage outcome filled in.
    void storeTokens(SignInResult result, Completion done);
    void finishLater(const std::function<void()>& emitter);

    QPointer<TokenStore> m_tokens;
    QNetworkAccessManager* m_network;
    std::unique_ptr<QSslConfiguration> m_ssl;
    int m_timeoutMs = DefaultTimeoutMs;
};

} // namespace pc
