#include "AuthStubServer.h"

#include "auth/JwtSigner.h"
#include "core/Clock.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QSslConfiguration>
#include <QSslServer>
#include <QSslSocket>
#include <QTcpServer>
#include <QTcpSocket>

using namespace Qt::Literals::StringLiterals;

namespace pc::test {

namespace {

constexpr qsizetype MaxRequestBytes = 256 * 1024;

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 429:
        return "Too Many Requests";
    case 500:
        return "Internal Server Error";
    default:
        return "Status";
    }
}

} // namespace

AuthStubServer::AuthStubServer(QObject* parent)
    : QObject(parent)
{}

AuthStubServer::~AuthStubServer() = default;

bool AuthStubServer::listen()
{
    m_tls = false;
    m_server = std::make_unique<QTcpServer>();
    connect(m_server.get(), &QTcpServer::pendingConnectionAvailable, this, &AuthStubServer::onNewConnection);
    return m_server->listen(QHostAddress::LocalHost, 0);
}

bool AuthStubServer::listenTls(const QSslCertificate& certificate, const QSslKey& key)
{
    m_tls = true;
    auto server = std::make_unique<QSslServer>();
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setLocalCertificate(certificate);
    configuration.setPrivateKey(key);
    configuration.setPeerVerifyMode(QSslSocket::VerifyNone);
    server->setSslConfiguration(configuration);
    server->setHandshakeTimeout(5000);
    m_server = std::move(server);
    connect(m_server.get(), &QTcpServer::pendingConnectionAvailable, this, &AuthStubServer::onNewConnection);
    return m_server->listen(QHostAddress::LocalHost, 0);
}

quint16 AuthStubServer::port() const
{
    return m_server ? m_server->serverPort() : 0;
}

QUrl AuthStubServer::serverUrl() const
{
    QUrl url;
    url.setScheme(m_tls ? u"wss"_s : u"ws"_s);
    url.setHost(u"127.0.0.1"_s);
    url.setPort(port());
    url.setPath(u"/ws/chat/"_s);
    return url;
}

void AuthStubServer::addUser(const QString& username, const QString& password, const QString& userId)
{
    m_users.insert(username, {password, userId});
}

void AuthStubServer::setMode(Mode mode, const QByteArray& retryAfter)
{
    m_mode = mode;
    m_retryAfter = retryAfter;
}

void AuthStubServer::onNewConnection()
{
    while (QTcpSocket* socket = m_server->nextPendingConnection()) {
        socket->setParent(this);
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
            m_buffers.remove(socket);
            socket->deleteLater();
        });
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
        if (socket->bytesAvailable() > 0)
            onReadyRead(socket);
    }
}

void AuthStubServer::onReadyRead(QTcpSocket* socket)
{
    QByteArray& buffer = m_buffers[socket];
    buffer += socket->readAll();
    if (buffer.size() > MaxRequestBytes) {
        socket->abort();
        return;
    }
    const qsizetype headEnd = buffer.indexOf("\r\n\r\n");
    if (headEnd < 0)
        return;
    const QList<QByteArray> lines = buffer.left(headEnd).split('\n');
    Request request;
    const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
    request.method = requestLine.value(0);
    request.path = requestLine.value(1);
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const qsizetype colon = lines.at(i).indexOf(':');
        if (colon > 0)
            request.headers.insert(lines.at(i).left(colon).trimmed().toLower(),
                                   lines.at(i).mid(colon + 1).trimmed());
    }
    const qsizetype length = request.headers.value("content-length").toLongLong();
    if (buffer.size() < headEnd + 4 + length)
        return; // the body is still coming
    request.body = buffer.mid(headEnd + 4, length);
    buffer.clear();
    m_requests.append(request);
    handle(socket, request);
}

void AuthStubServer::handle(QTcpSocket* socket, const Request& request)
{
    if (m_mode == Mode::RateLimited) {
        QList<QPair<QByteArray, QByteArray>> headers;
        if (!m_retryAfter.isEmpty())
            headers.append({"Retry-After", m_retryAfter});
        respondJson(
            socket, 429,
            QJsonObject{{u"detail"_s, u"Request was throttled. Expected available in %1 seconds."_s.arg(
                                          QString::fromLatin1(m_retryAfter))}},
            headers);
        return;
    }
    if (m_mode == Mode::ServerError) {
        respond(socket, 500, "text/html", "<h1>Server Error (500)</h1>");
        return;
    }
    const bool isToken = request.path == "/api/auth/token/";
    const bool isRefresh = request.path == "/api/auth/token/refresh/";
    if (!isToken && !isRefresh) {
        respondJson(socket, 404, QJsonObject{{u"detail"_s, u"Not found."_s}});
        return;
    }
    if (request.method != "POST") {
        respondJson(socket, 405,
                    QJsonObject{{u"detail"_s,
                                 u"Method \"%1\" not allowed."_s.arg(QString::fromLatin1(request.method))}});
        return;
    }
    const QJsonObject body = QJsonDocument::fromJson(request.body).object();
    const qint64 now = Clock::system().nowSecs();
    if (isToken) {
        const QString username = body.value(u"username"_s).toString();
        const QString password = body.value(u"password"_s).toString();
        QJsonObject missing;
        if (username.isEmpty())
            missing.insert(u"username"_s, QJsonArray{u"This field is required."_s});
        if (password.isEmpty())
            missing.insert(u"password"_s, QJsonArray{u"This field is required."_s});
        if (!missing.isEmpty()) {
            respondJson(socket, 400, missing);
            return;
        }
        const auto user = m_users.constFind(username);
        if (user == m_users.cend() || user->first != password) {
            respondJson(socket, 401,
                        QJsonObject{{u"detail"_s, u"No active account found with the given credentials"_s}});
            return;
        }
        const QString userId = user->second;
        const QString refresh = mintRefresh(userId);
        m_refreshTokens.insert(refresh, userId);
        respondJson(socket, 200,
                    QJsonObject{{u"refresh"_s, refresh},
                                {u"access"_s, QString::fromLatin1(
                                                  JwtSigner::mintAccessToken(secret(), userId, now, 300))}});
        return;
    }
    const QString refresh = body.value(u"refresh"_s).toString();
    if (refresh.isEmpty()) {
        respondJson(socket, 400, QJsonObject{{u"refresh"_s, QJsonArray{u"This field is required."_s}}});
        return;
    }
    const auto known = m_refreshTokens.constFind(refresh);
    if (known == m_refreshTokens.cend()) {
        respondJson(
            socket, 401,
            QJsonObject{{u"detail"_s, u"Token is invalid or expired"_s}, {u"code"_s, u"token_not_valid"_s}});
        return;
    }
    const QString userId = known.value();
    QJsonObject answer{
        {u"access"_s, QString::fromLatin1(JwtSigner::mintAccessToken(secret(), userId, now, 300))}};
    if (m_rotate) {
        m_refreshTokens.remove(refresh);
        const QString rotated = mintRefresh(userId);
        m_refreshTokens.insert(rotated, userId);
        answer.insert(u"refresh"_s, rotated);
    }
    respondJson(socket, 200, answer);
}

QString AuthStubServer::mintRefresh(const QString& userId) const
{
    const qint64 now = Clock::system().nowSecs();
    const QString jti = QString::number(QRandomGenerator::global()->generate64(), 16);
    const QJsonObject payload{{u"token_type"_s, u"refresh"_s},
                              {u"exp"_s, now + 86400},
                              {u"iat"_s, now},
                              {u"jti"_s, jti},
                              {u"user_id"_s, userId}};
    return QString::fromLatin1(
        JwtSigner::sign(secret(), QJsonObject{{u"alg"_s, u"HS256"_s}, {u"typ"_s, u"JWT"_s}}, payload));
}

void AuthStubServer::respondJson(QTcpSocket* socket, int status, const QJsonObject& body,
                                 const QList<QPair<QByteArray, QByteArray>>& headers)
{
    respond(socket, status, "application/json", QJsonDocument(body).toJson(QJsonDocument::Compact), headers);
}

void AuthStubServer::respond(QTcpSocket* socket, int status, const QByteArray& contentType,
                             const QByteArray& body, const QList<QPair<QByteArray, QByteArray>>& headers)
{
    QByteArray head = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) + "\r\n";
    head += "Content-Type: " + contentType + "\r\n";
    head += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    for (const auto& header : headers)
        head += header.first + ": " + header.second + "\r\n";
    head += "Connection: close\r\n\r\n";
    socket->write(head + body);
    socket->disconnectFromHost();
}

} // namespace pc::test
