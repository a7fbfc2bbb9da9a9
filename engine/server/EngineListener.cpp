#include "EngineListener.h"

#include "HandoverServer.h"
#include "core/Logging.h"

#include <QRegularExpression>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>
#include <QWebSocketServer>

namespace pc {

using namespace Qt::Literals::StringLiterals;

namespace {

struct RequestHead {
    QByteArray method;
    QByteArray path;
    bool webSocketUpgrade = false;
};

std::optional<RequestHead> parseHead(const QByteArray& head)
{
    const QList<QByteArray> lines = head.split('\n');
    if (lines.isEmpty())
        return std::nullopt;
    const QList<QByteArray> requestLine = lines.first().trimmed().split(' ');
    if (requestLine.size() != 3 || !requestLine.at(2).startsWith("HTTP/1."))
        return std::nullopt;
    RequestHead r;
    r.method = requestLine.at(0);
    r.path = requestLine.at(1);
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines.at(i).trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            continue;
        if (line.left(colon).trimmed().compare("upgrade", Qt::CaseInsensitive) == 0 &&
            line.mid(colon + 1).trimmed().compare("websocket", Qt::CaseInsensitive) == 0)
            r.webSocketUpgrade = true;
    }
    return r;
}

bool isChatPath(const QByteArray& target)
{
    static const QRegularExpression pattern(u"^/ws/chat/[A-Za-z0-9_-]{1,128}/?(\\?.*)?$"_s);
    return pattern.match(QString::fromLatin1(target)).hasMatch();
}

} // namespace

EngineListener::EngineListener(QWebSocketServer* webSockets, int headTimeoutMs, QObject* parent)
    : QObject(parent)
    , m_webSockets(webSockets)
    , m_tcp(new QTcpServer(this))
    , m_http(new HandoverServer(this))
    , m_headTimeoutMs(headTimeoutMs)
{
    connect(m_tcp, &QTcpServer::pendingConnectionAvailable, this, &EngineListener::onNewConnection);
}

EngineListener::~EngineListener() = default;

bool EngineListener::listen(const QHostAddress& address, quint16 port)
{
    m_tcp->setMaxPendingConnections(1024);
    return m_tcp->listen(address, port);
}

void EngineListener::close()
{
    m_tcp->close();
    const auto pending = m_pending.keys();
    for (QTcpSocket* socket : pending)
        socket->abort();
}

quint16 EngineListener::port() const
{
    return m_tcp->serverPort();
}

QString EngineListener::errorString() const
{
    return m_tcp->errorString();
}

void EngineListener::onNewConnection()
{
    while (QTcpSocket* socket = m_tcp->nextPendingConnection()) {
        auto* timer = new QTimer(socket);
        timer->setSingleShot(true);
        // A connection that never completes its request head is closed: it would otherwise hold a
        // descriptor forever.
        connect(timer, &QTimer::timeout, socket, [socket] { socket->abort(); });
        timer->start(m_headTimeoutMs);
        m_pending.insert(socket, timer);
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { inspect(socket); });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
            if (m_pending.remove(socket))
                socket->deleteLater();
        });
        if (socket->bytesAvailable() > 0)
            inspect(socket);
    }
}

void EngineListener::release(QTcpSocket* socket)
{
    if (QTimer* timer = m_pending.take(socket))
        delete timer;
    disconnect(socket, nullptr, this, nullptr);
    socket->setParent(nullptr);
}

void EngineListener::reject(QTcpSocket* socket, int status, const QByteArray& reason, const QByteArray& body)
{
    release(socket);
    socket->setParent(this);
    socket->write("HTTP/1.1 " + QByteArray::number(status) + ' ' + reason +
                  "\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: " +
                  QByteArray::number(body.size()) + "\r\n\r\n" + body);
    connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    socket->disconnectFromHost();
}

void EngineListener::inspect(QTcpSocket* socket)
{
    if (!m_pending.contains(socket) || !socket->isOpen())
        return;
    const QByteArray peeked = socket->peek(MaxRequestHeadBytes);
    const qsizetype end = peeked.indexOf("\r\n\r\n");
    if (end < 0) {
        if (peeked.size() >= MaxRequestHeadBytes)
            reject(socket, 431, "Request Header Fields Too Large",
                   R"({"error":"invalid_message","message":"request head too large"})");
        return;
    }
    const auto head = parseHead(peeked.left(end));
    if (!head) {
        reject(socket, 400, "Bad Request",
               R"({"error":"invalid_message","message":"malformed HTTP request"})");
        return;
    }
    if (head->webSocketUpgrade) {
        if (!isChatPath(head->path)) {
            reject(socket, 404, "Not Found",
                   R"({"error":"not_found","message":"WebSocket endpoint is /ws/chat/<session_id>/"})");
            return;
        }
        release(socket);
        m_webSockets->handleConnection(socket);
        // The upgrade request is already buffered.
        Q_EMIT socket->readyRead();
        return;
    }
    release(socket);
    m_http->handOver(socket);
}

} // namespace pc
