#pragma once

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QUrl>

namespace pc::test {

// A raw TCP server on 127.0.0.1 that plays a misbehaving WebSocket endpoint: it answers the upgrade
// request with a fixed HTTP status (and keeps the connection open, as real servers with keep-alive
// do), never answers at all, or drops every connection as soon as it is accepted.
class ScriptedHttpServer : public QObject {
    Q_OBJECT
public:
    enum class Mode {
        RespondWithStatus, // "HTTP/1.1 <status> ..." with a small body, connection kept open
        NeverAnswer,       // read the request, say nothing
        CloseImmediately,  // accept and close at once
    };
    Q_ENUM(Mode)

    explicit ScriptedHttpServer(Mode mode = Mode::NeverAnswer, int status = 401, QObject* parent = nullptr);

    [[nodiscard]] bool listen();
    [[nodiscard]] quint16 port() const { return m_server.serverPort(); }
    // ws://127.0.0.1:<port>/ws/chat/
    [[nodiscard]] QUrl baseUrl() const;

    void setMode(Mode mode, int status = 401);
    // Connections accepted so far.
    [[nodiscard]] int connectionCount() const { return m_accepted; }
    // Connections still open: ones the client neither closed nor aborted.
    [[nodiscard]] int openConnectionCount() const;
    // Request heads (request line and headers) received so far, one per connection.
    [[nodiscard]] const QList<QByteArray>& requests() const { return m_requests; }

Q_SIGNALS:
    void requestReceived(const QByteArray& head);

private:
    void onNewConnection();
    void onReadyRead(QTcpSocket* socket);

    QTcpServer m_server;
    Mode m_mode;
    int m_status;
    int m_accepted = 0;
    QList<QPointer<QTcpSocket>> m_sockets;
    QList<QByteArray> m_requests;
};

} // namespace pc::test
