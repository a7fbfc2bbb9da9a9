#pragma once

#include <QJsonObject>
#include <QList>
#include <QNetworkRequest>
#include <QObject>
#include <QUrl>
#include <QWebSocket>

namespace pc::test {

// A raw WebSocket client for integration tests: speaks JSON, records everything the engine sends,
// and waits for messages of a type. Deliberately not our ChatClient: it must be able to send what a
// well-behaved client never would.
class WsProbe : public QObject {
    Q_OBJECT
public:
    explicit WsProbe(QObject* parent = nullptr);

    // Connects and waits for the socket to open (not for connection_ack).
    bool open(const QUrl& url, const QByteArray& bearerToken = {}, const QByteArray& origin = {},
              int timeoutMs = 5000);
    void sendJson(const QJsonObject& object);
    void sendText(const QString& text);
    void sendBinary(const QByteArray& data);
    void close();

    // Waits until a message of `type` arrives after the last consumed one; returns it (empty on timeout).
    QJsonObject waitFor(const QString& type, int timeoutMs = 5000);
    // Waits for the socket to be closed by the peer.
    bool waitForClosed(int timeoutMs = 5000);
    // Everything received so far, in order.
    [[nodiscard]] const QList<QJsonObject>& received() const { return m_received; }
    [[nodiscard]] QList<QJsonObject> receivedOfType(const QString& type) const;
    [[nodiscard]] int closeCode() const { return m_closeCode; }
    [[nodiscard]] bool isOpen() const { return m_socket.state() == QAbstractSocket::ConnectedState; }
    QWebSocket& socket() { return m_socket; }

private:
    QWebSocket m_socket;
    QList<QJsonObject> m_received;
    qsizetype m_consumed = 0;
    int m_closeCode = -1;
    bool m_closed = false;
    bool m_everConnected = false;
};

} // namespace pc::test
