#pragma once

#include "auth/JwtClaims.h"
#include "http/CorsPolicy.h"

#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QPair>
#include <QString>
#include <QThreadPool>

#include <memory>
#include <optional>

class QHttpServer;
class QHttpServerRequest;
class QHttpServerResponder;
class QJsonObject;

namespace pc {

class Engine;
class SignInThrottle;
class UserAccounts;

// The engine's REST API, on the HTTP side of its one port (docs/rest-api.md). Shaped like
// djangorestframework-simplejwt so that web frontends written for the older Django backend sign in
// unchanged:
//   POST /api/auth/token/          {username, password} -> {access, refresh}
//   POST /api/auth/token/refresh/  {refresh} -> {access}
//   POST /api/auth/token/verify/   {token} -> {}
//   POST /api/auth/token/revoke/   {refresh} -> {}
//   GET  /api/templates/[?category=&q=]   (Bearer access token) -> {count, results: [template]}
//   GET  /api/templates/<id>/             (Bearer access token) -> template
// Every failure is a JSON object with `detail` (for people) and `code` (for programs) and a fitting
// status. Password checks run on a small thread pool so that a sign-in never stalls the chat sockets
// served by the same thread. Lives on the engine's thread; nothing here logs a token or password.
class RestApi : public QObject {
    Q_OBJECT
public:
    static constexpr int MaxSignInsInFlight = 16;

    explicit RestApi(Engine& engine, QObject* parent = nullptr);
    ~RestApi() override;

    // Adds the /api/ routes.
    void install(QHttpServer& server);

    [[nodiscard]] int signInsInFlight() const { return m_signInsInFlight; }

    using Headers = QList<QPair<QByteArray, QByteArray>>;

private:
    enum class Endpoint { TokenObtain, TokenRefresh, TokenVerify, TokenRevoke, TemplateList, TemplateDetail };
    struct Route {
        Endpoint endpoint;
        QString templateId;
    };
    // What a reply needs to know about its request (kept past the request for asynchronous replies).
    struct Call {
        QByteArray corsOrigin; // the allowed Origin to echo, or empty
        QHostAddress peer;
        bool head = false; // a HEAD request: the answer has no body
    };

    void handle(const QHttpServerRequest& request, QHttpServerResponder&& responder);
    [[nodiscard]] static std::optional<Route> match(const QString& path);
    [[nodiscard]] std::optional<QJsonObject> jsonBody(const Call& call, const QHttpServerRequest& request,
                                                      QHttpServerResponder& responder);
    [[nodiscard]] std::optional<QString> bearerUser(const Call& call, const QHttpServerRequest& request,
                                                    QHttpServerResponder& responder);
    [[nodiscard]] bool requireSecret(const Call& call, QHttpServerResponder& responder);
    // The token named `name` from a JSON body, or nullopt once a 400/503 has been sent.
    [[nodiscard]] std::optional<QString> tokenField(const Call& call, const QJsonObject& body,
                                                    const QString& name, QHttpServerResponder& responder);
    [[nodiscard]] bool isLiveRefresh(const JwtClaims& claims) const;

    void obtainToken(const Call& call, const QJsonObject& body, QHttpServerResponder&& responder);
    void finishSignIn(const Call& call, const QString& username, const QString& userId, bool passwordMatched,
                      QHttpServerResponder& responder, bool connected);
    void refreshToken(const Call& call, const QJsonObject& body, QHttpServerResponder&& responder);
    void verifyToken(const Call& call, const QJsonObject& body, QHttpServerResponder&& responder);
    void revokeToken(const Call& call, const QJsonObject& body, QHttpServerResponder&& responder);
    void listTemplates(const Call& call, const QHttpServerRequest& request, QHttpServerResponder&& responder);
    void templateDetail(const Call& call, const QString& id, const QHttpServerRequest& request,
                        QHttpServerResponder&& responder);

    static void send(QHttpServerResponder& responder, const Call& call, int status, const QJsonObject& body,
                     const Headers& extra = {});
    static void sendError(QHttpServerResponder& responder, const Call& call, int status, const QString& code,
                          const QString& detail, const Headers& extra = {});

    Engine& m_engine;
    CorsPolicy m_cors;
    std::unique_ptr<UserAccounts> m_accounts;
    std::unique_ptr<SignInThrottle> m_userThrottle;
    std::unique_ptr<SignInThrottle> m_addressThrottle;
    QThreadPool m_passwordPool;
    int m_signInsInFlight = 0;
    qint64 m_lastPurgeMs = 0;
};

} // namespace pc
