#include "ChatConnection.h"

#include "Engine.h"
#include "MessageCodec.h"
#include "auth/JwtVerifier.h"
#include "core/Clock.h"
#include "core/Logging.h"
#include "core/Redact.h"
#include "storage/EngineStore.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QUrlQuery>
#include <QWebSocket>

namespace pc {

using namespace Qt::Literals::StringLiterals;

namespace {

// `/ws/chat/<session_id>/` with the trailing slash optional.
std::optional<QString> sessionIdFromPath(const QString& path)
{
    static const QRegularExpression pattern(u"^/ws/chat/([A-Za-z0-9_-]{1,128})/?$"_s);
    const QRegularExpressionMatch match = pattern.match(path);
    if (!match.hasMatch())
        return std::nullopt;
    return match.captured(1);
}

bool isNoToken(const QString& token)
{
    return token.isEmpty() || token == u"undefined" || token == u"null";
}

} // namespace

ChatConnection::ChatConnection(Engine& engine, QWebSocket* socket, QObject* parent)
    : QObject(parent)
    , m_engine(engine)
    , m_socket(socket)
{
    m_socket->setParent(this);
    m_socket->setMaxAllowedIncomingMessageSize(quint64(engine.config().maxMessageBytes));
    m_socket->setMaxAllowedIncomingFrameSize(quint64(engine.config().maxMessageBytes));
    m_heartbeat.setInterval(engine.config().heartbeatIntervalMs);
    m_tokenExpiry.setSingleShot(true);
    connect(&m_heartbeat, &QTimer::timeout, this,
            [this] { send(ServerMessage{Heartbeat{m_engine.clock().now()}}); });
    connect(&m_tokenExpiry, &QTimer::timeout, this, &ChatConnection::expireToken);
    connect(m_socket, &QWebSocket::textMessageReceived, this, &ChatConnection::onText);
    connect(m_socket, &QWebSocket::binaryMessageReceived, this, &ChatConnection::onBinary);
    connect(m_socket, &QWebSocket::disconnected, this, [this] {
        m_heartbeat.stop();
        m_tokenExpiry.stop();
        Q_EMIT closed(this);
    });
    start();
}

ChatConnection::~ChatConnection() = default;

QString ChatConnection::rateLimitKey() const
{
    return m_userId ? u"user:"_s + *m_userId : u"peer:"_s + m_socket->peerAddress().toString();
}

void ChatConnection::start()
{
    const QNetworkRequest request = m_socket->request();
    const QUrl url = request.url();
    qCInfo(lcEngine).noquote() << "connection from" << m_socket->peerAddress().toString() << "to"
                               << redactUrl(url);

    const auto sessionId = sessionIdFromPath(url.path());
    if (!sessionId) {
        fail(ErrorCode::InvalidMessage,
             u"the URL must be /ws/chat/<session_id>/ with a session id of letters, "
             u"digits, '_' or '-' (at most 128)"_s,
             CloseCode::Policy);
        return;
    }
    m_sessionId = *sessionId;
    const QUrlQuery query(url);
    m_stream = query.queryItemValue(u"stream"_s) == u"1" || query.queryItemValue(u"stream"_s) == u"true";

    QString token;
    const QByteArray authorization = request.rawHeader("Authorization");
    if (authorization.startsWith("Bearer ") || authorization.startsWith("bearer "))
        token = QString::fromLatin1(authorization.mid(7)).trimmed();
    if (isNoToken(token))
        token = query.queryItemValue(u"token"_s, QUrl::FullyDecoded).trimmed();
    if (isNoToken(token)) {
        if (!m_engine.config().allowAnonymous) {
            fail(ErrorCode::AuthenticationRequired, u"sign in first: this engine needs an access token"_s,
                 CloseCode::AuthenticationFailed);
            return;
        }
    } else {
        const auto claims = m_engine.verifier().verify(token.toUtf8());
        if (!claims) {
            qCInfo(lcAuth).noquote() << "rejected a token:" << claims.error().message;
            fail(ErrorCode::AuthenticationFailed,
                 u"the access token was rejected: "_s + claims.error().message,
                 CloseCode::AuthenticationFailed);
            return;
        }
        m_userId = claims->userId;
        const qint64 expiresAtMs = (claims->exp + m_engine.config().jwtLeewaySecs) * 1000;
        const qint64 untilExpiry =
            qBound<qint64>(0, expiresAtMs - m_engine.clock().nowMs(), 24LL * 3600 * 1000);
        m_tokenExpiry.start(int(untilExpiry));
    }

    const auto session = m_engine.store().openSession(m_sessionId, m_userId);
    if (!session) {
        if (session.error().code == ErrorCode::NotFound)
            fail(ErrorCode::NotFound, u"this session id belongs to another user; start a new session"_s,
                 CloseCode::Policy);
        else
            fail(ErrorCode::InternalError, u"the engine could not set up this session"_s,
                 CloseCode::SessionSetupFailed);
        return;
    }

    m_ready = true;
    m_engine.registerSession(this);
    ConnectionAck ack;
    ack.sessionId = m_sessionId;
    ack.authenticated = isAuthenticated();
    ack.userId = m_userId;
    ack.server = m_engine.config().serverName + u'/' + QStringLiteral(PC_VERSION);
    ack.features = m_engine.features();
    ack.timestamp = m_engine.clock().now();
    send(ServerMessage{ack});
    m_heartbeat.start();
}

void ChatConnection::send(const ServerMessage& message)
{
    if (m_closing || m_socket->state() != QAbstractSocket::ConnectedState)
        return;
    if (m_socket->bytesToWrite() > m_engine.config().sendBufferLimitBytes) {
        qCWarning(lcEngine) << "dropping a client that stopped reading (session" << m_sessionId << ")";
        m_closing = true;
        m_socket->abort();
        return;
    }
    m_socket->sendTextMessage(QString::fromUtf8(MessageCodec::encode(message)));
}

void ChatConnection::sendError(ErrorCode code, const QString& message, const QString& replyTo,
                               std::optional<int> retryAfter)
{
    send(ServerMessage{ErrorReply{code, message, replyTo, retryAfter, m_engine.clock().now()}});
}

void ChatConnection::fail(ErrorCode code, const QString& message, int closeCode)
{
    sendError(code, message);
    closeSocket(closeCode, message.left(100));
}

void ChatConnection::closeSocket(int code, const QString& reason)
{
    if (m_closing)
        return;
    m_closing = true;
    m_ready = false;
    m_heartbeat.stop();
    m_tokenExpiry.stop();
    m_socket->close(QWebSocketProtocol::CloseCode(code), reason);
}

void ChatConnection::expireToken()
{
    fail(ErrorCode::AuthenticationFailed, u"the access token has expired; sign in again"_s,
         CloseCode::AuthenticationFailed);
}

void ChatConnection::onBinary(const QByteArray&)
{
    closeSocket(CloseCode::BinaryData, u"binary frames are not supported"_s);
}

void ChatConnection::onText(const QString& text)
{
    if (!m_ready)
        return;
    const QByteArray utf8 = text.toUtf8();
    if (utf8.size() > m_engine.config().maxMessageBytes) {
        closeSocket(CloseCode::TooBig, u"message too large"_s);
        return;
    }
    auto decoded = MessageCodec::decodeClientMessage(utf8);
    if (!decoded) {
        // Echo the id of a chat message that failed validation, when it can be read, so that a client can
        // attach the error to the right message.
        QString replyTo;
        if (decoded.error().code != ErrorCode::InvalidJson) {
            const QJsonValue id = QJsonDocument::fromJson(utf8).object().value(u"message_id");
            if (id.isString() && id.toString().size() <= MaxMessageIdLength)
                replyTo = id.toString();
        }
        sendError(decoded.error().code, decoded.error().message, replyTo);
        return;
    }
    dispatch(decoded.value());
}

void ChatConnection::dispatch(const ClientMessage& message)
{
    if (const auto* chat = std::get_if<ChatMessage>(&message)) {
        m_engine.handleChatMessage(this, *chat);
    } else if (const auto* cancel = std::get_if<CancelGeneration>(&message)) {
        m_engine.handleCancel(this, *cancel);
    } else if (const auto* ping = std::get_if<Ping>(&message)) {
        Pong pong{m_engine.clock().now(), std::nullopt};
        const QDateTime sent = QDateTime::fromString(ping->timestamp, Qt::ISODateWithMs);
        if (sent.isValid())
            pong.latencyMs = qMax<qint64>(0, m_engine.clock().nowMs() - sent.toMSecsSinceEpoch());
        send(ServerMessage{pong});
    } else if (const auto* sync = std::get_if<Sync>(&message)) {
        QString after = sync->after;
        // Replays page by page so that a long session is never held whole.
        for (;;) {
            const auto page = m_engine.store().answersAfter(m_sessionId, after, 200);
            if (!page) {
                sendError(page.error().code, page.error().message);
                return;
            }
            for (const SessionMessage& m : page.value())
                send(ServerMessage{m.toAssistantMessage()});
            if (page->size() < 200)
                return;
            after = page->last().messageId;
        }
    } else {
        Q_EMIT messageReceived(this, message);
    }
}

} // namespace pc
