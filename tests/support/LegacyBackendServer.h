#pragma once

#include <QJsonObject>
#include <QList>
#include <QNetworkRequest>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QUrl>
#include <QWebSocketServer>

class QWebSocket;

namespace pc::test {

// A stand-in for the older Django backend, replaying the shapes it really sends (PROTOCOL.md, "What
// the older Django backend really sends"): connection_ack with a numeric user id, an unknown
// `session_restored` right after it, user messages echoed back as `message` with role "user",
// typing_start / typing_stop around each answer, the same template_opportunity after every answer,
// `conversation_template_created`, `error` with only a message for types it does not know,
// heartbeats, and a bare close 4001 for idle connections (closeAll(4001)).
class LegacyBackendServer : public QObject {
    Q_OBJECT
public:
    explicit LegacyBackendServer(QObject* parent = nullptr);
    ~LegacyBackendServer() override;

    [[nodiscard]] bool listen();
    [[nodiscard]] quint16 port() const { return m_server.serverPort(); }
    // ws://127.0.0.1:<port>/ws/chat/
    [[nodiscard]] QUrl baseUrl() const;

    // Closes every connection with this code right after connection_ack (0: no; default). Makes a
    // flapping server.
    void setCloseAfterAck(int closeCode) { m_closeAfterAck = closeCode; }
    // Heartbeats every intervalMs (0: none; default).
    void setHeartbeatIntervalMs(int intervalMs);
    // Answer chat messages, pings, saves and optimizations (default true).
    void setAutoReply(bool on) { m_autoReply = on; }

    void sendToAll(const QJsonObject& message);
    void sendTextToAll(const QString& text);
    void closeAll(int closeCode, const QString& reason = {});

    [[nodiscard]] int connectionCount() const { return m_accepted; }
    [[nodiscard]] int openConnectionCount() const;
    // Everything clients sent, in order.
    [[nodiscard]] const QList<QJsonObject>& received() const { return m_received; }
    [[nodiscard]] QList<QJsonObject> receivedOfType(const QString& type) const;
    // The upgrade requests, in order (to check headers and URLs).
    [[nodiscard]] const QList<QNetworkRequest>& requests() const { return m_requests; }

Q_SIGNALS:
    void messageReceived(const QJsonObject& message);

private:
    void onNewConnection();
    void onText(QWebSocket* socket, const QString& text);
    void send(QWebSocket* socket, const QJsonObject& message);
    void reply(QWebSocket* socket, const QJsonObject& message);

    QWebSocketServer m_server;
    QTimer m_heartbeat;
    QList<QPointer<QWebSocket>> m_sockets;
    QList<QJsonObject> m_received;
    QList<QNetworkRequest> m_requests;
    int m_accepted = 0;
    int m_closeAfterAck = 0;
    bool m_autoReply = true;
    int m_nextAnswerId = 1000;
};

} // namespace pc::test
