#include "FakeOpenAiServer.h"

#include <QJsonDocument>
#include <QTcpSocket>
#include <QTimer>

using namespace Qt::Literals::StringLiterals;

namespace pc {

namespace {

QByteArray reasonPhrase(int status) {
    switch (status) {
    case 200:
        return "OK";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 402:
        return "Payment Required";
    case 404:
        return "Not Found";
    case 422:
        return "Unprocessable Entity";
    case 429:
        return "Too Many Requests";
    case 500:
        return "Internal Server Error";
    case 502:
        return "Bad Gateway";
    case 503:
        return "Service Unavailable";
    default:
        return "Status";
    }
}

} // namespace

FakeOpenAiServer::FakeOpenAiServer(QObject* parent)
    : QObject(parent) {
    connect(&m_server, &QTcpServer::newConnection, this, &FakeOpenAiServer::onNewConnection);
}

FakeOpenAiServer::~FakeOpenAiServer() {
    shutdown();
}

bool FakeOpenAiServer::listen() {
    return m_server.listen(QHostAddress::LocalHost, 0);
}

quint16 FakeOpenAiServer::port() const {
    return m_server.serverPort();
}

QUrl FakeOpenAiServer::baseUrl(const QString& path) const {
    QUrl url;
    url.setScheme(u"http"_s);
    url.setHost(u"127.0.0.1"_s);
    url.setPort(port());
    url.setPath(path);
    return url;
}

void FakeOpenAiServer::enqueue(const FakeOpenAiResponse& response) {
    m_queue.append(response);
}

void FakeOpenAiServer::setDefaultResponse(const FakeOpenAiResponse& response) {
    m_default = response;
}

void FakeOpenAiServer::shutdown() {
    m_server.close();
    const QList<QTcpSocket*> sockets = m_connections.keys();
    m_connections.clear();
    for (QTcpSocket* socket : sockets) {
        disconnect(socket, nullptr, this, nullptr);
        socket->abort();
        socket->deleteLater();
    }
}

void FakeOpenAiServer::onNewConnection() {
    while (QTcpSocket* socket = m_server.nextPendingConnection()) {
        m_connections.insert(socket, Connection{});
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] { onDisconnected(socket); });
        if (m_silent)
            continue;
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
        if (socket->bytesAvailable() > 0)
            onReadyRead(socket);
    }
}

void FakeOpenAiServer::onDisconnected(QTcpSocket* socket) {
    auto it = m_connections.find(socket);
    if (it == m_connections.end())
        return;
    if (!it->finishing) {
        ++m_closedByPeer;
        Q_EMIT peerClosed();
    }
    m_connections.erase(it);
    socket->deleteLater();
}

std::optional<FakeOpenAiServer::Request> FakeOpenAiServer::parseRequest(QByteArray& buffer) const {
    const qsizetype headerEnd = buffer.indexOf("\r\n\r\n");
    if (headerEnd < 0)
        return std::nullopt;
    const QList<QByteArray> lines = buffer.first(headerEnd).split('\n');
    Request request;
    const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
    request.method = requestLine.value(0);
    request.path = requestLine.value(1);
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines.at(i).trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon > 0)
            request.headers.insert(line.first(colon).trimmed().toLower(), line.sliced(colon + 1).trimmed());
    }
    const qsizetype length = request.headers.value("content-length").toLongLong();
    if (buffer.size() < headerEnd + 4 + length)
        return std::nullopt;
    request.body = buffer.sliced(headerEnd + 4, length);
    buffer.remove(0, headerEnd + 4 + length);
    const QJsonDocument doc = QJsonDocument::fromJson(request.body);
    if (doc.isObject())
        request.json = doc.object();
    return request;
}

void FakeOpenAiServer::onReadyRead(QTcpSocket* socket) {
    auto it = m_connections.find(socket);
    if (it == m_connections.end())
        return;
    it->buffer.append(socket->readAll());
    if (it->answering)
        return; // one request per connection; anything after it is ignored
    auto request = parseRequest(it->buffer);
    if (!request)
        return;
    m_requests.append(*request);
    it->answering = true;
    FakeOpenAiResponse response = !m_queue.isEmpty() ? m_queue.takeFirst()
                                  : m_default        ? *m_default
                                              : FakeOpenAiResponse::error(500, u"no scripted response"_s);
    Q_EMIT requestReceived(int(m_requests.size() - 1));
    it = m_connections.find(socket); // a slot may have changed the table
    if (it != m_connections.end())
        answer(socket, *it, response);
}

void FakeOpenAiServer::answer(QTcpSocket* socket, Connection& connection,
                              const FakeOpenAiResponse& response) {
    if (response.ending() == FakeOpenAiResponse::Ending::Hang)
        return;
    connection.pieces = response.pieces();
    connection.framing = response.framing();
    connection.ending = response.ending();
    connection.paceMs = response.paceMs();

    QByteArray head = "HTTP/1.1 "_ba + QByteArray::number(response.status()) + ' ' +
                      reasonPhrase(response.status()) + "\r\nContent-Type: "_ba + response.contentType() +
                      "\r\nConnection: close\r\n"_ba;
    if (connection.framing == FakeOpenAiResponse::Framing::Chunked) {
        head += "Transfer-Encoding: chunked\r\n";
    } else if (connection.framing == FakeOpenAiResponse::Framing::ContentLength) {
        qsizetype total = 0;
        for (const auto& piece : std::as_const(connection.pieces))
            total += piece.bytes.size();
        head += "Content-Length: "_ba + QByteArray::number(total) + "\r\n"_ba;
    }
    for (const auto& [name, value] : response.headers())
        head += name + ": "_ba + value + "\r\n"_ba;
    head += "\r\n";
    socket->write(head);
    if (connection.ending == FakeOpenAiResponse::Ending::KeepAliveForever) {
        writePiece(socket, connection, ": keep-alive\n\n"_ba);
        auto* timer = new QTimer(socket);
        connect(timer, &QTimer::timeout, socket, [this, socket] {
            auto found = m_connections.find(socket);
            if (found != m_connections.end())
                writePiece(socket, *found, ": keep-alive\n\n"_ba);
        });
        timer->start(std::max(1, connection.paceMs));
        return;
    }
    sendNext(socket);
}

void FakeOpenAiServer::writePiece(QTcpSocket* socket, const Connection& connection, const QByteArray& bytes) {
    if (connection.framing == FakeOpenAiResponse::Framing::Chunked) {
        if (bytes.isEmpty())
            return; // an empty chunk would end the body
        socket->write(QByteArray::number(bytes.size(), 16) + "\r\n"_ba + bytes + "\r\n"_ba);
    } else {
        socket->write(bytes);
    }
    socket->flush();
}

void FakeOpenAiServer::sendNext(QTcpSocket* socket) {
    auto it = m_connections.find(socket);
    if (it == m_connections.end())
        return;
    if (it->pieces.isEmpty()) {
        end(socket);
        return;
    }
    const FakeOpenAiResponse::Piece piece = it->pieces.takeFirst();
    const auto send = [this, socket, bytes = piece.bytes] {
        auto found = m_connections.find(socket);
        if (found == m_connections.end())
            return;
        writePiece(socket, *found, bytes);
        sendNext(socket);
    };
    if (piece.delayMs > 0)
        QTimer::singleShot(piece.delayMs, socket, send);
    else
        send();
}

void FakeOpenAiServer::end(QTcpSocket* socket) {
    auto it = m_connections.find(socket);
    if (it == m_connections.end())
        return;
    it->finishing = true;
    switch (it->ending) {
    case FakeOpenAiResponse::Ending::Complete:
        if (it->framing == FakeOpenAiResponse::Framing::Chunked)
            socket->write("0\r\n\r\n");
        socket->disconnectFromHost();
        break;
    case FakeOpenAiResponse::Ending::Cut:
        socket->flush();
        socket->disconnectFromHost(); // no terminating chunk: the body is incomplete
        break;
    case FakeOpenAiResponse::Ending::Hang:
    case FakeOpenAiResponse::Ending::KeepAliveForever:
        it->finishing = false;
        break;
    }
}

} // namespace pc
