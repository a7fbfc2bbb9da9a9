#pragma once

#include "EngineConfig.h"
#include "Messages.h"
#include "Result.h"

#include <QHash>
#include <QMultiHash>
#include <QObject>
#include <QPointer>
#include <QUrl>

#include <memory>

class QHttpServer;
class QJsonObject;
class QWebSocket;
class QWebSocketServer;

namespace pc {

class AiBackend;
class ChatConnection;
class EngineListener;
class Clock;
class EngineStore;
class Generation;
class JwtVerifier;
class RateLimiter;
class RestApi;
struct Completion;
struct CompletionFailure;
struct SessionMessage;

// The PromptCraft engine: a WebSocket server speaking PROTOCOL.md, backed by SQLite storage and an
// AI backend. Lives in one thread (the thread that calls start()); EngineHost runs it on a worker
// thread inside the desktop app, promptcraft-engine on the main thread of a headless process.
class Engine : public QObject {
    Q_OBJECT
public:
    Engine(EngineConfig config, std::shared_ptr<AiBackend> backend, const Clock& clock,
           QObject* parent = nullptr);
    ~Engine() override;

    // Opens the database in config.dataDir and starts listening.
    [[nodiscard]] Result<void> start();
    // Stops listening, ends every generation (partial answers stored as interrupted) and closes
    // every connection. Safe to call twice.
    void shutdown();

    [[nodiscard]] quint16 port() const;
    // ws://host:port/ws/chat/ (wss:// with TLS) — clients append `<session_id>/`.
    [[nodiscard]] QUrl url() const;
    // True when the port serves TLS (https and wss).
    [[nodiscard]] bool isSecure() const;
    [[nodiscard]] const EngineConfig& config() const { return m_config; }
    [[nodiscard]] EngineStore& store() const { return *m_store; }
    [[nodiscard]] std::shared_ptr<EngineStore> sharedStore() const { return m_store; }
    [[nodiscard]] AiBackend& backend() const { return *m_backend; }
    [[nodiscard]] const Clock& clock() const { return m_clock; }
    [[nodiscard]] const JwtVerifier& verifier() const { return *m_verifier; }
    [[nodiscard]] RateLimiter& rateLimiter() const { return *m_rateLimiter; }
    [[nodiscard]] Features features() const;
    // GET /health: status, version, providers; no secrets.
    [[nodiscard]] QJsonObject health() const;
    // The HTTP side of the engine's port, for REST routes.
    [[nodiscard]] QHttpServer* httpServer() const { return m_http; }
    [[nodiscard]] int connectionCount() const { return int(m_connections.size()); }

    // Hands a socket whose WebSocket handshake is done to the engine (used by the listener, and by
    // an HTTP front end sharing the port).
    void acceptSocket(QWebSocket* socket);

    // Called by connections.
    void handleChatMessage(ChatConnection* from, const ChatMessage& message);
    void handleCancel(ChatConnection* from, const CancelGeneration& message);
    void registerSession(ChatConnection* connection);
    // Sends to every ready connection of a session.
    void sendToSession(const QString& sessionId, const ServerMessage& message);
    [[nodiscard]] bool isGenerating(const QString& sessionId) const;

Q_SIGNALS:
    // An answer was stored and sent (template intelligence listens to this).
    void answerStored(const QString& sessionId, const QString& replyTo);
    void connectionCountChanged(int count);
    // Emitted during start(), before listening: the place to add REST routes.
    void httpServerReady(QHttpServer* server);
    // optimize_prompt and save_conversation_as_template, for the template intelligence service.
    void featureRequested(pc::ChatConnection* from, const pc::ClientMessage& message);

private:
    void onNewConnection();
    void onGenerationEnded(Generation* generation, const std::optional<Completion>& answer,
                           const std::optional<CompletionFailure>& failure);
    void startGeneration(ChatConnection* from, const QString& sessionId, const QString& userMessageId);
    void forgetConnection(ChatConnection* connection);
    void handleFeatureMessage(ChatConnection* from, const ClientMessage& message);
    [[nodiscard]] static QString generationKey(const QString& sessionId, const QString& userMessageId);

    EngineConfig m_config;
    std::shared_ptr<AiBackend> m_backend;
    const Clock& m_clock;
    std::shared_ptr<EngineStore> m_store;
    std::unique_ptr<JwtVerifier> m_verifier;
    std::unique_ptr<RateLimiter> m_rateLimiter;
    QWebSocketServer* m_server = nullptr;
    EngineListener* m_listener = nullptr;
    QHttpServer* m_http = nullptr;
    RestApi* m_restApi = nullptr;
    QList<ChatConnection*> m_connections;
    QMultiHash<QString, QPointer<ChatConnection>> m_sessionConnections;
    QHash<QString, Generation*> m_generations;
    bool m_shuttingDown = false;
};

} // namespace pc
