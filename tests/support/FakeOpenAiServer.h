#pragma once

#include "FakeOpenAiResponse.h"

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QTcpServer>
#include <QUrl>

#include <optional>

class QTcpSocket;

namespace pc {

// An OpenAI-compatible HTTP/1.1 server on 127.0.0.1 that answers each request with the next scripted
// FakeOpenAiResponse (streamed tokens at a pace, keep-alives, error statuses, cut or hanging
// connections, malformed events) and records what it was sent. Every response closes its connection.
class FakeOpenAiServer : public QObject {
    Q_OBJECT
public:
    struct Request {
        QByteArray method;
        QByteArray path;                       // with the query, as sent
        QHash<QByteArray, QByteArray> headers; // names in lower case
        QByteArray body;
        QJsonObject json; // the body parsed, when it is a JSON object
        [[nodiscard]] QByteArray header(const QByteArray& name) const {
            return headers.value(name.toLower());
        }
    };

    explicit FakeOpenAiServer(QObject* parent = nullptr);
    ~FakeOpenAiServer() override;

    [[nodiscard]] bool listen();
    [[nodiscard]] quint16 port() const;
    // http://127.0.0.1:<port><path>; `path` "/v1" by default as a local server would be configured.
    [[nodiscard]] QUrl baseUrl(const QString& path = QStringLiteral("/v1")) const;

    void enqueue(const FakeOpenAiResponse& response);
    // What requests get once the queue is empty (by default a 500 saying nothing was scripted).
    void setDefaultResponse(const FakeOpenAiResponse& response);
    // Accept connections but never read or answer anything (a connect or TLS handshake that hangs).
    void setSilent(bool silent) { m_silent = silent; }
    // Stop listening and drop every connection: the port now refuses connections.
    void shutdown();

    [[nodiscard]] const QList<Request>& requests() const { return m_requests; }
    [[nodiscard]] int requestCount() const { return int(m_requests.size()); }
    [[nodiscard]] int pendingResponses() const { return int(m_queue.size()); }
    [[nodiscard]] int openConnections() const { return int(m_connections.size()); }
    [[nodiscard]] int connectionsClosedByPeer() const { return m_closedByPeer; }

Q_SIGNALS:
    void requestReceived(int index);
    void peerClosed();

private:
    struct Connection {
        QByteArray buffer;
        QList<FakeOpenAiResponse::Piece> pieces;
        FakeOpenAiResponse::Framing framing = FakeOpenAiResponse::Framing::Chunked;
        FakeOpenAiResponse::Ending ending = FakeOpenAiResponse::Ending::Complete;
        int paceMs = 0;
        bool answering = false;
        bool finishing = false;
    };

    void onNewConnection();
    void onReadyRead(QTcpSocket* socket);
    void onDisconnected(QTcpSocket* socket);
    void answer(QTcpSocket* socket, Connection& connection, const FakeOpenAiResponse& response);
    void sendNext(QTcpSocket* socket);
    void writePiece(QTcpSocket* socket, const Connection& connection, const QByteArray& bytes);
    void end(QTcpSocket* socket);
    [[nodiscard]] std::optional<Request> parseRequest(QByteArray& buffer) const;

    QTcpServer m_server;
    QHash<QTcpSocket*, Connection> m_connections;
    QList<FakeOpenAiResponse> m_queue;
    std::optional<FakeOpenAiResponse> m_default;
    QList<Request> m_requests;
    int m_closedByPeer = 0;
    bool m_silent = false;
};

} // namespace pc
