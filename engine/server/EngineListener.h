#pragma once

#include <QHash>
#include <QHostAddress>
#include <QObject>
#include <QPointer>

class QTcpServer;
class QTcpSocket;
class QTimer;
class QWebSocketServer;

namespace pc {

class HandoverServer;

// The engine's one listening port. Reads the head of each request (bounded in size and time), then
// passes WebSocket upgrades for /ws/chat/<session_id>/ to the QWebSocketServer and everything else to
// the HTTP side (HandoverServer), answering 404 itself for upgrades to any other path.
class EngineListener : public QObject {
    Q_OBJECT
public:
    static constexpr qsizetype MaxRequestHeadBytes = 16 * 1024;

    EngineListener(QWebSocketServer* webSockets, int headTimeoutMs, QObject* parent = nullptr);
    ~EngineListener() override;

    [[nodiscard]] bool listen(const QHostAddress& address, quint16 port);
    void close();
    [[nodiscard]] quint16 port() const;
    [[nodiscard]] QString errorString() const;
    // Plain HTTP requests go here (a QHttpServer binds to it); without it they get 404.
    [[nodiscard]] HandoverServer* httpServer() const { return m_http; }

private:
    void onNewConnection();
    void inspect(QTcpSocket* socket);
    void reject(QTcpSocket* socket, int status, const QByteArray& reason, const QByteArray& body);
    void release(QTcpSocket* socket);

    QWebSocketServer* m_webSockets;
    QTcpServer* m_tcp;
    HandoverServer* m_http;
    int m_headTimeoutMs;
    QHash<QTcpSocket*, QTimer*> m_pending;
};

} // namespace pc
