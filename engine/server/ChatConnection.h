#pragma once

#include "Messages.h"
#include "Result.h"

#include <QObject>
#include <QString>
#include <QTimer>

#include <optional>

class QWebSocket;

namespace pc {

class Engine;

// One client socket: authenticates it, checks frames, decodes messages and dispatches them.
// Recoverable problems are answered with `error` and the connection stays open.
class ChatConnection : public QObject {
    Q_OBJECT
public:
    ChatConnection(Engine& engine, QWebSocket* socket, QObject* parent = nullptr);
    ~ChatConnection() override;

    [[nodiscard]] const QString& sessionId() const { return m_sessionId; }
    [[nodiscard]] const std::optional<QString>& userId() const { return m_userId; }
    [[nodiscard]] bool isAuthenticated() const { return m_userId.has_value(); }
    [[nodiscard]] bool wantsDeltas() const { return m_stream; }
    [[nodiscard]] bool isReady() const { return m_ready; }
    // The key rate limits are counted under: the user, or the anonymous peer address.
    [[nodiscard]] QString rateLimitKey() const;

    // Sends one message, unless the client has stopped reading: past the engine's send buffer limit
    // the connection is dropped instead, so that it cannot hold memory or slow the others down.
    void send(const ServerMessage& message);
    void sendError(ErrorCode code, const QString& message, const QString& replyTo = {},
                   std::optional<int> retryAfter = std::nullopt);
    // Sends `error` then closes with `closeCode`.
    void fail(ErrorCode code, const QString& message, int closeCode);

Q_SIGNALS:
    void closed(pc::ChatConnection* self);
    // A decoded message the engine's feature handlers (templates, optimization) act on.
    void messageReceived(pc::ChatConnection* self, const pc::ClientMessage& message);

private:
    void start();
    void onText(const QString& text);
    void onBinary(const QByteArray& data);
    void dispatch(const ClientMessage& message);
    void closeSocket(int code, const QString& reason);
    void expireToken();

    Engine& m_engine;
    QWebSocket* m_socket;
    QString m_sessionId;
    std::optional<QString> m_userId;
    bool m_stream = false;
    bool m_ready = false;
    bool m_closing = false;
    QTimer m_heartbeat;
    QTimer m_tokenExpiry;
};

} // namespace pc
