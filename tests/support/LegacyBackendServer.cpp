#include "LegacyBackendServer.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QWebSocket>

using namespace Qt::Literals::StringLiterals;

namespace pc::test {

namespace {
QString now()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
}
} // namespace

LegacyBackendServer::LegacyBackendServer(QObject* parent)
    : QObject(parent)
    , m_server(u"legacy-django-backend"_s, QWebSocketServer::NonSecureMode)
{
    connect(&m_server, &QWebSocketServer::newConnection, this, &LegacyBackendServer::onNewConnection);
    connect(&m_heartbeat, &QTimer::timeout, this, [this] {
        sendToAll(QJsonObject{{u"type"_s, u"heartbeat"_s}, {u"timestamp"_s, now()}});
    });
}

LegacyBackendServer::~LegacyBackendServer()
{
    for (const auto& socket : std::as_const(m_sockets))
        if (socket)
            socket->abort();
}

bool LegacyBackendServer::listen()
{
    return m_server.listen(QHostAddress::LocalHost, 0);
}

QUrl LegacyBackendServer::baseUrl() const
{
    QUrl url;
    url.setScheme(u"ws"_s);
    url.setHost(u"127.0.0.1"_s);
    url.setPort(port());
    url.setPath(u"/ws/chat/"_s);
    return url;
}

void LegacyBackendServer::setHeartbeatIntervalMs(int intervalMs)
{
    m_heartbeat.stop();
    if (intervalMs > 0)
        m_heartbeat.start(intervalMs);
}

void LegacyBackendServer::sendToAll(const QJsonObject& message)
{
    for (const auto& socket : std::as_const(m_sockets))
        if (socket)
            send(socket, message);
}

void LegacyBackendServer::sendTextToAll(const QString& text)
{
    for (const auto& socket : std::as_const(m_sockets))
        if (socket && socket->state() == QAbstractSocket::ConnectedState)
            socket->sendTextMessage(text);
}

void LegacyBackendServer::closeAll(int closeCode, const QString& reason)
{
    for (const auto& socket : std::as_const(m_sockets))
        if (socket && socket->state() == QAbstractSocket::ConnectedState)
            socket->close(QWebSocketProtocol::CloseCode(closeCode), reason);
}

int LegacyBackendServer::openConnectionCount() const
{
    int open = 0;
    for (const auto& socket : m_sockets)
        if (socket && socket->state() == QAbstractSocket::ConnectedState)
            ++open;
    return open;
}

QList<QJsonObject> LegacyBackendServer::receivedOfType(const QString& type) const
{
    QList<QJsonObject> out;
    for (const QJsonObject& o : m_received)
        if (o.value(u"type"_s).toString() == type)
            out.append(o);
    return out;
}

void LegacyBackendServer::onNewConnection()
{
    m_sockets.removeAll(nullptr);
    while (QWebSocket* socket = m_server.nextPendingConnection()) {
        ++m_accepted;
        socket->setParent(this);
        m_sockets.append(socket);
        m_requests.append(socket->request());
        connect(socket, &QWebSocket::disconnected, socket, &QObject::deleteLater);
        connect(socket, &QWebSocket::textMessageReceived, this,
                [this, socket](const QString& text) { onText(socket, text); });

        static const QRegularExpression sessionPattern(u"/ws/chat/([^/]+)/?$"_s);
        const QString sessionId = sessionPattern.match(socket->requestUrl().path()).captured(1);
        send(socket, QJsonObject{{u"type"_s, u"connection_ack"_s},
                                 {u"session_id"_s, sessionId},
                                 {u"authenticated"_s, true},
                                 {u"user_id"_s, 42},
                                 {u"timestamp"_s, now()}});
        if (m_closeAfterAck != 0) {
            socket->close(QWebSocketProtocol::CloseCode(m_closeAfterAck), u"flapping"_s);
            continue;
        }
        send(socket, QJsonObject{{u"type"_s, u"session_restored"_s}, {u"messages"_s, QJsonArray()}});
    }
}

void LegacyBackendServer::send(QWebSocket* socket, const QJsonObject& message)
{
    if (socket->state() == QAbstractSocket::ConnectedState)
        socket->sendTextMessage(QString::fromUtf8(QJsonDocument(message).toJson(QJsonDocument::Compact)));
}

void LegacyBackendServer::onText(QWebSocket* socket, const QString& text)
{
    const QJsonObject message = QJsonDocument::fromJson(text.toUtf8()).object();
    m_received.append(message);
    Q_EMIT messageReceived(message);
    if (m_autoReply)
        reply(socket, message);
}

void LegacyBackendServer::reply(QWebSocket* socket, const QJsonObject& message)
{
    const QString type = message.value(u"type"_s).toString();
    if (type == u"chat_message") {
        const QString content = message.value(u"content"_s).toString();
        const QString id = message.value(u"message_id"_s).toString();
        send(socket, QJsonObject{{u"type"_s, u"message"_s},
                                 {u"message_id"_s, id},
                                 {u"content"_s, content},
                                 {u"role"_s, u"user"_s},
                                 {u"timestamp"_s, now()}});
        send(socket, QJsonObject{{u"type"_s, u"typing_start"_s}, {u"timestamp"_s, now()}});
        send(socket, QJsonObject{{u"type"_s, u"message"_s},
                                 {u"message_id"_s, m_nextAnswerId++}, // numeric, as the old backend does
                                 {u"content"_s, QString(u"Echo: "_s + content)},
                                 {u"role"_s, u"assistant"_s},
                                 {u"timestamp"_s, now()},
                                 {u"processing_time_ms"_s, 12}});
        send(socket, QJsonObject{{u"type"_s, u"typing_stop"_s}, {u"timestamp"_s, now()}});
        send(socket, QJsonObject{{u"type"_s, u"template_opportunity"_s},
                                 {u"suggestion"_s, QJsonObject{{u"title"_s, u"Status email"_s},
                                                               {u"description"_s, u"Weekly status"_s},
                                                               {u"category"_s, u"Business"_s},
                                                               {u"confidence"_s, 0.8},
                                                               {u"reasoning"_s, u"repeated pattern"_s}}},
                                 {u"timestamp"_s, now()}});
    } else if (type == u"ping") {
        send(socket, QJsonObject{{u"type"_s, u"pong"_s}, {u"timestamp"_s, now()}});
    } else if (type == u"save_conversation_as_template") {
        send(socket,
             QJsonObject{{u"type"_s, u"conversation_template_created"_s},
                         {u"template"_s, QJsonObject{{u"id"_s, u"7f1c2d3e-0000-4000-8000-000000000001"_s},
                                                     {u"title"_s, message.value(u"title"_s)},
                                                     {u"description"_s, u""_s},
                                                     {u"category"_s, message.value(u"category"_s)},
                                                     {u"body"_s, u"Write to {{audience}}"_s},
                                                     {u"variables"_s, QJsonArray{u"audience"_s}}}},
                         {u"source"_s, u"conversation"_s},
                         {u"message_count"_s, 4},
                         {u"message"_s, u"Template created"_s},
                         {u"timestamp"_s, now()}});
    } else if (type == u"optimize_prompt") {
        send(socket, QJsonObject{{u"type"_s, u"optimization_result"_s},
                                 {u"original_prompt"_s, message.value(u"prompt"_s)},
                                 {u"optimized_prompt"_s,
                                  QString(u"Better: "_s + message.value(u"prompt"_s).toString())},
                                 {u"improvements"_s, QJsonArray{u"clearer"_s}},
                                 {u"suggestions"_s, QJsonArray()},
                                 {u"confidence"_s, 0.9},
                                 {u"optimization_type"_s, u"enhancement"_s},
                                 {u"timestamp"_s, now()}});
    } else {
        // The old backend's error carries no code.
        send(socket, QJsonObject{{u"type"_s, u"error"_s},
                                 {u"message"_s, QString(u"Unknown message type: "_s + type)}});
    }
}

} // namespace pc::test
