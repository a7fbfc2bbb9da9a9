#pragma once

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QSet>
#include <QSslCertificate>
#include <QSslKey>
#include <QString>
#include <QUrl>

#include <memory>

class QTcpServer;
class QTcpSocket;

namespace pc::test {

// A loopback stand-in for the server's sign-in endpoints, with djangorestframework-simplejwt shapes:
//   POST /api/auth/token/          {"username","password"} -> 200 {"access","refresh"}
//                                  401 {"detail":"No active account found with the given credentials"}
//                                  400 {"<field>":["This field is required."]}
//   POST /api/auth/token/refresh/  {"refresh"} -> 200 {"access"} (plus "refresh" when rotating)
//                                  401 {"detail":"Token is invalid or expired","code":"token_not_valid"}
// Plain HTTP, or HTTPS with a given certificate (QSslServer). Every response closes its connection.
class AuthStubServer : public QObject {
    Q_OBJECT
public:
    enum class Mode {
        Normal,
        RateLimited, // 429 {"detail": "Request was throttled..."} with Retry-After (if set)
        ServerError, // 500 with an HTML body, as Django's debug-off error page
    };
    Q_ENUM(Mode)

    struct Request {
        QByteArray method;
        QByteArray path;
        QHash<QByteArray, QByteArray> headers; // names in lower case
        QByteArray body;
    };

    static QByteArray secret() { return QByteArrayLiteral("auth-stub-signing-secret-0123456789-abcdef"); }

    explicit AuthStubServer(QObject* parent = nullptr);
    ~AuthStubServer() override;

    [[nodiscard]] bool listen();
    // HTTPS with this certificate and key.
    [[nodiscard]] bool listenTls(const QSslCertificate& certificate, const QSslKey& key);
    [[nodiscard]] quint16 port() const;
    // ws://127.0.0.1:<port>/ws/chat/ (wss:// when listening with TLS): the URL a client is configured with.
    [[nodiscard]] QUrl serverUrl() const;

    void addUser(const QString& username, const QString& password, const QString& userId);
    void setMode(Mode mode, const QByteArray& retryAfter = {});
    // Refresh answers carry a new refresh token too (simplejwt ROTATE_REFRESH_TOKENS).
    void setRotateRefreshTokens(bool rotate) { m_rotate = rotate; }

    [[nodiscard]] const QList<Request>& requests() const { return m_requests; }
    // Refresh tokens handed out and still accepted.
    [[nodiscard]] bool isIssuedRefreshToken(const QString& token) const
    {
        return m_refreshTokens.contains(token);
    }

private:
    void onNewConnection();
    void onReadyRead(QTcpSocket* socket);
    void handle(QTcpSocket* socket, const Request& request);
    void respond(QTcpSocket* socket, int status, const QByteArray& contentType, const QByteArray& body,
                 const QList<QPair<QByteArray, QByteArray>>& headers = {});
    void respondJson(QTcpSocket* socket, int status, const QJsonObject& body,
                     const QList<QPair<QByteArray, QByteArray>>& headers = {});
    [[nodiscard]] QString mintRefresh(const QString& userId) const;

    std::unique_ptr<QTcpServer> m_server;
    bool m_tls = false;
    Mode m_mode = Mode::Normal;
    QByteArray m_retryAfter;
    bool m_rotate = false;
    QHash<QString, QPair<QString, QString>> m_users; // username -> (password, user id)
    QHash<QString, QString> m_refreshTokens;         // token -> user id
    QHash<QTcpSocket*, QByteArray> m_buffers;
    QList<Request> m_requests;
};

} // namespace pc::test
