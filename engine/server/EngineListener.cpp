#include "EngineListener.h"

#include "HandoverServer.h"
#include "HttpConnectionGuard.h"
#include "core/Logging.h"

#include <QRegularExpression>
#include <QSslServer>
#include <QSslSocket>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>
#include <QWebSocketServer>

#include <algorithm>

namespace pc {

using namespace Qt::Literals::StringLiterals;

namespace {

struct RequestHead {
    QByteArray method;
    QByteArray path;
    bool webSocketUpgrade = false;
    std::optional<qint64> contentLength; // absent: no header; -1: unreadable
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
        const QByteArray name = line.left(colon).trimmed();
        const QByteArray value = line.mid(colon + 1).trimmed();
        if (name.compare("upgrade", Qt::CaseInsensitive) == 0 &&
            value.compare("websocket", Qt::CaseInsensitive) == 0)
            r.webSocketUpgrade = true;
        if (name.compare("content-length", Qt::CaseInsensitive) == 0) {
            bool ok = false;
            const qint64 length = value.toLongLong(&ok);
            // Two different lengths, a sign or junk: the request is malformed (request smuggling shapes).
            const bool digitsOnly = !value.isEmpty() && std::all_of(value.begin(), value.end(), [](char c) {
                return c >= '0' && c <= '9';
            });
            r.contentLength =
                ok && digitsOnly && (!r.contentLength || *r.contentLength == length) ? length : -1;
        }
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
    , m_http(new HandoverServer(this))
    , m_headTimeoutMs(headTimeoutMs)
{}

EngineListener::~EngineListener() = default;

void EngineListener::setHttpLimits(qint64 maxBodyBytes, int idleTimeoutMs)
{
    m_maxBodyBytes = maxBodyBytes;
    m_httpIdleTimeoutMs = idleTimeoutMs;
}

void EngineListener::setTls(const QSslConfiguration& configuration)
{
    m_tls = configuration;
}

bool EngineListener::listen(const QHostAddress& address, quint16 port)
{
    delete m_tcp;
    if (m_tls) {
        auto* server = new QSslServer(this);
        server->setSslConfiguration(*m_tls);
        // A client that connects and never finishes the TLS handshake is dropped like one that never
        // finishes its request head.
        server->setHandshakeTimeout(m_headTimeoutMs);
        connect(server, &QSslServer::errorOccurred, this,
                [](QSslSocket* socket, QAbstractSocket::SocketError) {
                    qCDebug(lcEngine).noquote() << "TLS connection from" << socket->peerAddress().toString()
                                                << "failed:" << socket->errorString();
                });
        connect(server, &QSslServer::sslErrors, this, [](QSslSocket* socket, const QList<QSslError>& errors) {
            qCDebug(lcEngine).noquote() << "TLS errors with" << socket->peerAddress().toString() << ":"
                                        << (errors.isEmpty() ? QString() : errors.first().errorString());
        });
        m_tcp = server;
    } else {
        m_tcp = new QTcpServer(this);
    }
    connect(m_tcp, &QTcpServer::pendingConnectionAvailable, this, &EngineListener::onNewConnection);
    m_tcp->setMaxPendingConnections(1024);
    return m_tcp->listen(address, port);
}

void EngineListener::close()
{
    if (m_tcp)
        m_tcp->close();
    const auto pending = m_pending.keys();
    for (QTcpSocket* socket : pending)
        socket->abort();
}

quint16 EngineListener::port() const
{
    return m_tcp ? m_tcp->serverPort() : 0;
}

QString EngineListener::errorString() const
{
    return m_tcp ? m_tcp->errorString() : QString();
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
    connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    HttpConnectionGuard::refuse(socket, status, reason, body);
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
    if (head->contentLength && *head->contentLength < 0) {
        reject(socket, 400, "Bad Request", R"({"detail":"malformed Content-Length","code":"parse_error"})");
        return;
    }
    // Refused before a byte of the body is read: QHttpServer 6.4 offers no hook before it has buffered
    // the whole body.
    if (head->contentLength && *head->contentLength > m_maxBodyBytes) {
        reject(socket, 413, "Payload Too Large",
               R"({"detail":"The request body is too large.","code":"payload_too_large"})");
        return;
    }
    release(socket);
    new HttpConnectionGuard(socket, MaxRequestHeadBytes + m_maxBodyBytes, m_httpIdleTimeoutMs);
    m_http->handOver(socket);
}

} // namespace pc
