#pragma once

#include <QHash>
#include <QHostAddress>
#include <QObject>
#include <QPointer>
#include <QSslConfiguration>

#include <optional>

class QTcpServer;
class QTcpSocket;
class QTimer;
class QWebSocketServer;

namespace pc {

class HandoverServer;

// The engine's one listening port. Reads the head of each request (bounded in size and time), then
// passes WebSocket upgrades for /ws/chat/<session_id>/ to the QWebSocketServer and everything else to
// the HTTP side (HandoverServer), answering 404 itself for upgrades to any other path, and 413 for a
// body announced larger than the limit. With TLS configured it listens with a QSslServer: sockets are
// inspected and handed on once the TLS handshake is done, so both sides see plain HTTP.
class EngineListener : public QObject {
    Q_OBJECT
public:
    static constexpr qsizetype MaxRequestHeadBytes = 16 * 1024;

    EngineListener(QWebSocketServer* webSockets, int headTimeoutMs, QObject* parent = nullptr);
    ~EngineListener() override;

    // Before listen(): the largest request body the HTTP side accepts, and how long an HTTP connection may
    // stay without completing a request.
    void setHttpLimits(qint64 maxBodyBytes, int idleTimeoutMs);
    // Before listen(): serve TLS (https and wss) with this configuration (certificate and key set).
    void setTls(const QSslConfiguration& configuration);
    [[nodiscard]] bool isSecure() const { return m_tls.has_value(); }

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
    QTcpServer* m_tcp = nullptr;
    HandoverServer* m_http;
    int m_headTimeoutMs;
    qint64 m_maxBodyBytes = 64 * 1024;
    int m_httpIdleTimeoutMs = 30'000;
    std::optional<QSslConfiguration> m_tls;
    QHash<QTcpSocket*, QTimer*> m_pending;
};

} // namespace pc
