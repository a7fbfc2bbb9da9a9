#pragma once

#include "Messages.h"
#include "client/ChatClientOptions.h"
#include "client/ReconnectPolicy.h"

#include <QAbstractSocket>
#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QSet>
#include <QString>
#include <QTimer>
#include <QUrl>

class QWebSocket;

namespace pc {

// One chat session's connection to an engine (ours, in-process or remote, or the older Django
// backend): the WebSocket, its state machine, reconnects with backoff, liveness, and the typed
// messages of PROTOCOL.md. It never gives up on its own: only close() (the user) or an authentication
// failure (NeedsSignIn) stop it from reconnecting.
//
// Everything it learns is reported through typed signals; errors are never turned into chat text.
// It does not queue: send() refuses while not connected and the outbox decides what to do.
class ChatClient : public QObject {
    Q_OBJECT
public:
    enum class State {
        Disconnected, // never opened, or closed on purpose
        Connecting,   // first attempt after open() (or after signing in again)
        Connected,    // connection_ack received: send() works
        Reconnecting, // lost or failed: waiting for the backoff timer, or retrying
        NeedsSignIn,  // the server refused the token: no reconnects until setToken() or retryNow()
    };
    Q_ENUM(State)

    // Why a connection attempt or an open connection ended.
    enum class DisconnectReason {
        Deliberate,        // close()
        NetworkError,      // refused, unreachable, reset, dropped without a close frame
        ConnectTimeout,    // no connection_ack within connectTimeoutMs
        HandshakeRejected, // the upgrade was answered with another HTTP status (lastHttpStatus())
        SignInRequired,    // HTTP 401/403, or `error` authentication_* followed by close 4001
        LivenessTimeout,   // nothing arrived for pingIntervalMs + pongTimeoutMs
        MessageTooBig,     // close 1009: the server sent more than maxIncomingMessageBytes (or
                           // found our message too large)
        ServerClosed,      // a close frame with any other code (a bare 4001, 4000, 1001...)
    };
    Q_ENUM(DisconnectReason)

    explicit ChatClient(ChatClientOptions options = {}, QObject* parent = nullptr);
    ~ChatClient() override;

    // Connects to sessionUrl(baseUrl, sessionId) with `?stream=1`; the token (empty: anonymous) goes
    // into an `Authorization: Bearer` header, never into the URL (any query or user info of baseUrl is
    // dropped). Ends any previous connection first, quietly.
    // Returns false (and changes nothing) when baseUrl is not a ws/wss URL or the session id is invalid.
    [[nodiscard]] bool open(const QUrl& baseUrl, const QString& sessionId, const QString& token);
    // Closes on purpose: no reconnect until the next open().
    void close();
    // Skips the backoff wait (or restarts a pending attempt, or tries again after NeedsSignIn).
    // Does nothing while Disconnected or Connected.
    void retryNow();
    // Sends when Connected; false otherwise (nothing is queued here).
    [[nodiscard]] bool send(const ClientMessage& message);
    // The token for the next attempts. A non-empty token while NeedsSignIn connects at once.
    void setToken(const QString& token);

    [[nodiscard]] State state() const { return m_state; }
    // The session URL (with `stream=1`, without any token); empty before open().
    [[nodiscard]] QUrl url() const { return m_url; }
    [[nodiscard]] QString sessionId() const { return m_sessionId; }
    // Backoff delays handed out since the last reset (open(), sign-in, a healthy connection).
    [[nodiscard]] int reconnectAttempt() const { return m_policy.attempt(); }
    [[nodiscard]] bool isReconnectScheduled() const { return m_reconnectTimer.isActive(); }
    // HTTP status of the last rejected upgrade (0: none since open()).
    [[nodiscard]] int lastHttpStatus() const { return m_lastHttpStatus; }
    // Close code of the last connection closed with a close frame (-1: none since open()).
    [[nodiscard]] int lastCloseCode() const { return m_lastCloseCode; }
    [[nodiscard]] const ChatClientOptions& options() const { return m_options; }

Q_SIGNALS:
    void stateChanged(pc::ChatClient::State state);
    // Emitted whenever an attempt or connection ends (before any state change it causes).
    void disconnected(pc::ChatClient::DisconnectReason reason);
    // The next attempt starts in delayMs.
    void reconnectScheduled(int delayMs);
    // A wss:// server's certificate was not trusted. The connection is refused, never silently allowed;
    // the attempt then ends as a NetworkError and backs off like any other failure.
    void certificateRejected(const QStringList& problems);

    void ack(const pc::ConnectionAck& message);
    void answer(const pc::AssistantMessage& message);
    void delta(const pc::MessageDelta& message);
    // The older backend's echo of a user message this client did not send (echoes of our own
    // message ids are dropped).
    void userEcho(const pc::UserEcho& message);
    // Each suggestion (title + category) once per session.
    void templateOpportunity(const pc::TemplateOpportunity& message);
    void templateCreated(const pc::TemplateCreated& message);
    void optimizationResult(const pc::OptimizationResult& message);
    void templates(const pc::TemplateList& message);
    void pong(const pc::Pong& message);
    // Every `error` the server sends, authentication errors included (NeedsSignIn follows those when
    // the server then closes with 4001).
    void error(const pc::ErrorReply& message);
    void typing(bool typing);

private:
    void startAttempt();
    // The current socket is done for `reason`; decides between NeedsSignIn and a backoff.
    void endAttempt(DisconnectReason reason);
    void scheduleReconnect(int delayMs);
    // Detaches the socket from this client and disposes of it (closing politely when asked).
    void retireSocket(bool graceful);
    void stopTimers();
    void setState(State state);
    void rememberSent(const QString& messageId);
    [[nodiscard]] qint64 nowMs() const { return m_monotonic.elapsed(); }

    void onSocketDisconnected();
    void onSocketError(QAbstractSocket::SocketError error);
    void onText(const QString& text);
    void onAck(const ConnectionAck& message);
    void onErrorReply(const ErrorReply& message);
    void onTemplateOpportunity(const TemplateOpportunity& message);
    void onUserEcho(const UserEcho& message);
    void noteActivity();
    void sendPing();

    ChatClientOptions m_options;
    ReconnectPolicy m_policy;
    QElapsedTimer m_monotonic;
    QTimer m_reconnectTimer;
    QTimer m_connectDeadline;
    QTimer m_pingTimer;
    QTimer m_silenceTimer;

    State m_state = State::Disconnected;
    QWebSocket* m_socket = nullptr;
    // Changes with every socket, so that queued callbacks of a retired socket are ignored.
    quint64 m_socketSerial = 0;
    // Changes with open() and close(), so that an emission whose receiver reopened or closed the
    // client stops the code that emitted it from acting on stale state.
    quint64 m_epoch = 0;

    QUrl m_url;
    QString m_sessionId;
    QString m_token;
    QString m_attemptToken; // the token the current socket was opened with
    bool m_authRejected = false;
    bool m_closeFrameSeen = false;
    int m_lastHttpStatus = 0;
    int m_lastCloseCode = -1;

    // Ids of chat messages sent in this session (bounded), to drop the older backend's echoes.
    QSet<QString> m_sentIds;
    QList<QString> m_sentOrder;
    // title + category of template suggestions already reported in this session.
    QSet<QString> m_shownOpportunities;
};

} // namespace pc
