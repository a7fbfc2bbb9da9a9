#include "Engine.h"

#include "ChatConnection.h"
#include "EngineListener.h"
#include "Generation.h"
#include "HandoverServer.h"
#include "MessageCodec.h"
#include "RateLimiter.h"
#include "TlsFiles.h"
#include "ai/AiBackend.h"
#include "ai/CompletionJob.h"
#include "auth/JwtVerifier.h"
#include "core/Clock.h"
#include "core/Logging.h"
#include "core/QtLogGuard.h"
#include "core/ScopedWarningFilter.h"
#include "http/RestApi.h"
#include "intelligence/TemplateService.h"
#include "storage/EngineStore.h"

#include <QDir>
#include <QHttpServer>
#include <QHttpServerResponse>
#include <QJsonArray>
#include <QJsonDocument>
#include <QUuid>
#include <QWebSocket>
#include <QWebSocketCorsAuthenticator>
#include <QWebSocketServer>

namespace pc {

using namespace Qt::Literals::StringLiterals;

Engine::Engine(EngineConfig config, std::shared_ptr<AiBackend> backend, const Clock& clock, QObject* parent)
    : QObject(parent)
    , m_config(std::move(config))
    , m_backend(std::move(backend))
    , m_clock(clock)
    , m_verifier(std::make_unique<JwtVerifier>(m_config.jwtSecret, clock, m_config.jwtLeewaySecs))
    , m_rateLimiter(std::make_unique<RateLimiter>(m_config.rateLimitPerMinute, 60'000, clock))
{
    qRegisterMetaType<pc::Completion>();
    qRegisterMetaType<pc::CompletionFailure>();
    QtLogGuard::install();
}

Engine::~Engine()
{
    shutdown();
}

Result<void> Engine::start()
{
    if (m_config.dataDir.isEmpty())
        return Error{ErrorCode::InternalError, u"no data folder configured"_s};
    auto store = EngineStore::open(QDir(m_config.dataDir).filePath(u"engine.sqlite"_s), m_clock);
    if (!store)
        return store.error();
    m_store = std::move(store).value();
    // Template opportunities, saving conversations as templates and prompt optimization.
    new TemplateService(*this, this);

    m_server = new QWebSocketServer(m_config.serverName, QWebSocketServer::NonSecureMode, this);
    m_server->setHandshakeTimeout(m_config.handshakeTimeoutMs);
    m_server->setMaxPendingConnections(m_config.maxPendingConnections);
    connect(m_server, &QWebSocketServer::originAuthenticationRequired, this,
            [this](QWebSocketCorsAuthenticator* authenticator) {
                // Native clients send no Origin; browsers must come from an allowed one when a list is set.
                const QString origin = authenticator->origin();
                authenticator->setAllowed(m_config.allowedOrigins.isEmpty() || origin.isEmpty() ||
                                          m_config.allowedOrigins.contains(origin, Qt::CaseInsensitive));
                if (!authenticator->allowed())
                    qCInfo(lcEngine).noquote() << "refused a connection from origin" << origin.left(200);
            });
    connect(m_server, &QWebSocketServer::newConnection, this, &Engine::onNewConnection);

    m_listener = new EngineListener(m_server, m_config.handshakeTimeoutMs, this);
    m_listener->setHttpLimits(m_config.maxRequestBodyBytes, m_config.httpIdleTimeoutMs);
    if (!m_config.tlsCertificateFile.isEmpty() || !m_config.tlsPrivateKeyFile.isEmpty()) {
        auto tls = TlsFiles::load(m_config.tlsCertificateFile, m_config.tlsPrivateKeyFile);
        if (!tls)
            return tls.error();
        m_listener->setTls(tls.value());
    }
    m_http = new QHttpServer(this);
    m_http->route(u"/health"_s, [this] { return QHttpServerResponse(health()); });
    m_restApi = new RestApi(*this, this);
    m_restApi->install(*m_http);
    m_http->setMissingHandler([](const QHttpServerRequest&, QHttpServerResponder&& responder) {
        responder.write(
            QJsonDocument(QJsonObject{{u"error"_s, u"not_found"_s}, {u"message"_s, u"no such endpoint"_s}}),
            QHttpServerResponder::StatusCode::NotFound);
    });
    {
        // The HTTP side is fed by EngineListener and does not listen itself, by design.
        const ScopedWarningFilter quiet(u"is not listening"_s);
        m_http->bind(m_listener->httpServer());
    }
    Q_EMIT httpServerReady(m_http);
    if (!m_listener->listen(m_config.listenAddress, m_config.port))
        return Error{ErrorCode::InternalError,
                     u"cannot listen on %1:%2: %3"_s.arg(m_config.listenAddress.toString())
                         .arg(m_config.port)
                         .arg(m_listener->errorString())};
    const BackendInfo info = m_backend->info();
    if (!info.primaryProblem.isEmpty())
        qCWarning(lcEngine).noquote() << "AI:" << info.primaryProblem;
    qCInfo(lcEngine).noquote() << "listening on" << url().toString() << "with"
                               << (info.providerNames.isEmpty() ? u"no AI provider"_s
                                                                : info.providerNames.join(u", "_s));
    return {};
}

void Engine::shutdown()
{
    if (m_shuttingDown)
        return;
    m_shuttingDown = true;
    if (m_listener)
        m_listener->close();
    if (m_server)
        m_server->close();
    // Partial answers are stored as interrupted so that nothing that streamed is lost.
    const auto generations = m_generations.values();
    for (Generation* g : generations)
        g->cancel();
    const auto connections = m_connections;
    for (ChatConnection* c : connections) {
        disconnect(c, nullptr, this, nullptr);
        delete c;
    }
    m_connections.clear();
    m_sessionConnections.clear();
}

bool Engine::isSecure() const
{
    return m_listener && m_listener->isSecure();
}

quint16 Engine::port() const
{
    return m_listener ? m_listener->port() : 0;
}

QUrl Engine::url() const
{
    QUrl u;
    u.setScheme(isSecure() ? u"wss"_s : u"ws"_s);
    QHostAddress host = m_config.listenAddress;
    if (host == QHostAddress::Any || host == QHostAddress::AnyIPv4 || host == QHostAddress::AnyIPv6)
        host = QHostAddress::LocalHost;
    u.setHost(host.toString());
    u.setPort(port());
    u.setPath(u"/ws/chat/"_s);
    return u;
}

QJsonObject Engine::health() const
{
    const BackendInfo info = m_backend->info();
    QJsonArray providers;
    for (qsizetype i = 0; i < info.providerNames.size(); ++i)
        providers.append(QJsonObject{{u"name"_s, info.providerNames.at(i)},
                                     {u"state"_s, info.providerStates.value(i, u"available"_s)}});
    return QJsonObject{{u"status"_s, u"ok"_s},
                       {u"version"_s, QStringLiteral(PC_VERSION)},
                       {u"server"_s, m_config.serverName},
                       {u"connections"_s, connectionCount()},
                       {u"providers"_s, providers},
                       {u"ai_available"_s, info.hasProvider},
                       {u"ai_problem"_s, info.primaryProblem}};
}

Features Engine::features() const
{
    const BackendInfo info = m_backend->info();
    Features f;
    f.templateCreation = true; // built-in rules work without a provider
    f.aiOptimization = true;
    f.langchainFallback = info.hasFallback;
    f.streaming = true;
    f.sync = true;
    f.cancel = true;
    return f;
}

void Engine::onNewConnection()
{
    while (QWebSocket* socket = m_server->nextPendingConnection())
        acceptSocket(socket);
}

void Engine::acceptSocket(QWebSocket* socket)
{
    if (m_shuttingDown) {
        socket->abort();
        socket->deleteLater();
        return;
    }
    auto* connection = new ChatConnection(*this, socket, this);
    m_connections.append(connection);
    connect(connection, &ChatConnection::closed, this, &Engine::forgetConnection);
    connect(connection, &ChatConnection::messageReceived, this, &Engine::handleFeatureMessage);
    Q_EMIT connectionCountChanged(connectionCount());
}

void Engine::registerSession(ChatConnection* connection)
{
    m_sessionConnections.insert(connection->sessionId(), connection);
}

void Engine::forgetConnection(ChatConnection* connection)
{
    m_connections.removeOne(connection);
    m_sessionConnections.remove(connection->sessionId(), connection);
    connection->deleteLater();
    Q_EMIT connectionCountChanged(connectionCount());
}

QString Engine::generationKey(const QString& sessionId, const QString& userMessageId)
{
    return sessionId + u'\n' + userMessageId;
}

void Engine::handleChatMessage(ChatConnection* from, const ChatMessage& message)
{
    const QString messageId =
        message.messageId.isEmpty() ? QUuid::createUuid().toString(QUuid::WithoutBraces) : message.messageId;
    const QString& sessionId = from->sessionId();

    // A resend (same message_id) never costs a second provider call: answer from storage, or attach to
    // the generation in flight.
    const auto existing = m_store->message(sessionId, messageId);
    if (!existing) {
        from->sendError(ErrorCode::InternalError, u"the message could not be stored"_s, messageId);
        return;
    }
    if (existing->has_value()) {
        if ((*existing)->role != u"user" || (*existing)->content != message.content) {
            from->sendError(ErrorCode::InvalidMessage,
                            u"message_id is already used by a different message in this session"_s,
                            messageId);
            return;
        }
        const auto answer = m_store->answerFor(sessionId, messageId);
        if (answer && answer->has_value()) {
            from->send(ServerMessage{(*answer)->toAssistantMessage()});
            return;
        }
        if (Generation* running = m_generations.value(generationKey(sessionId, messageId))) {
            running->addListener(from);
            return;
        }
    }

    const RateLimiter::Decision decision = m_rateLimiter->take(from->rateLimitKey());
    if (!decision.allowed) {
        from->sendError(ErrorCode::RateLimited,
                        u"too many messages; wait %1 s before sending again"_s.arg(decision.retryAfterSecs),
                        messageId, decision.retryAfterSecs);
        return;
    }

    if (!existing->has_value()) {
        const auto inserted = m_store->insertUserMessage(sessionId, messageId, message.content);
        if (!inserted) {
            from->sendError(ErrorCode::InternalError, u"the message could not be stored; it was not sent"_s,
                            messageId);
            return;
        }
    }
    startGeneration(from, sessionId, messageId);
}

void Engine::startGeneration(ChatConnection* from, const QString& sessionId, const QString& userMessageId)
{
    CompletionRequest request;
    request.purpose = u"chat"_s;
    if (!m_config.systemPrompt.isEmpty())
        request.messages.append(ChatTurn{ChatTurn::Role::System, m_config.systemPrompt});
    // Earlier turns are sent exactly as stored so that the provider's prefix cache keeps hitting; only
    // complete answers go back as context, never reasoning or offline notices.
    const auto history =
        m_store->recentMessages(sessionId, m_config.historyCharBudget, m_config.historyMaxMessages);
    if (history) {
        for (const SessionMessage& m : history.value()) {
            if (m.isAnswer() && m.status == AnswerStatus::Offline)
                continue;
            request.messages.append(
                ChatTurn{m.isAnswer() ? ChatTurn::Role::Assistant : ChatTurn::Role::User, m.content});
        }
    }
    CompletionJob* job = m_backend->complete(request);
    auto* generation = new Generation(sessionId, userMessageId, job, m_config.deltaFlushMs, this);
    generation->addListener(from);
    m_generations.insert(generationKey(sessionId, userMessageId), generation);
    connect(generation, &Generation::ended, this, &Engine::onGenerationEnded);
}

void Engine::handleCancel(ChatConnection* from, const CancelGeneration& message)
{
    if (Generation* g = m_generations.value(generationKey(from->sessionId(), message.messageId))) {
        g->addListener(from);
        g->cancel();
        return;
    }
    const auto answer = m_store->answerFor(from->sessionId(), message.messageId);
    if (answer && answer->has_value()) {
        from->send(ServerMessage{(*answer)->toAssistantMessage()});
        return;
    }
    from->sendError(ErrorCode::NotFound, u"no answer is being generated for that message"_s,
                    message.messageId);
}

void Engine::onGenerationEnded(Generation* generation, const std::optional<Completion>& answer,
                               const std::optional<CompletionFailure>& failure)
{
    m_generations.remove(generationKey(generation->sessionId(), generation->replyTo()));
    generation->deleteLater();
    const QString sessionId = generation->sessionId();

    if (!answer) {
        const QString reason = failure ? failure->message : u"no AI provider could answer"_s;
        const ErrorCode code = failure && failure->kind == FailureKind::BadRequest
                                   ? ErrorCode::InvalidMessage
                                   : ErrorCode::ProviderUnavailable;
        sendToSession(sessionId, ServerMessage{ErrorReply{code, reason, generation->replyTo(),
                                                          failure ? failure->retryAfterSecs : std::nullopt,
                                                          m_clock.now()}});
        return;
    }

    SessionMessage stored;
    stored.sessionId = sessionId;
    stored.messageId = generation->answerId();
    stored.role = u"assistant"_s;
    stored.content = answer->content;
    // Stored with the answer, so that resends and `sync` carry it too; never sent back as context.
    stored.reasoning = answer->reasoning.left(MaxReasoningLength);
    stored.replyTo = generation->replyTo();
    stored.status = answer->status;
    stored.provider = answer->provider;
    stored.model = answer->model;
    if (answer->usage)
        stored.usage = Usage{answer->usage->promptTokens, answer->usage->completionTokens,
                             answer->usage->cacheHitTokens};
    stored.processingTimeMs = generation->elapsedMs();
    stored.createdAtMs = m_clock.nowMs();
    if (auto saved = m_store->insertAnswer(stored); !saved)
        qCWarning(lcEngine).noquote() << "an answer could not be stored:" << saved.error().message;
    AssistantMessage sent = stored.toAssistantMessage();
    sent.notice = answer->notice;
    sendToSession(sessionId, ServerMessage{sent});
    Q_EMIT answerStored(sessionId, stored.replyTo);
}

void Engine::handleFeatureMessage(ChatConnection* from, const ClientMessage& message)
{
    if (const auto* list = std::get_if<ListTemplates>(&message)) {
        if (!from->isAuthenticated()) {
            from->send(ServerMessage{TemplateList{}});
            return;
        }
        const auto templates = m_store->templates(*from->userId(), list->category, list->query);
        if (!templates) {
            from->sendError(templates.error().code, templates.error().message);
            return;
        }
        from->send(ServerMessage{TemplateList{templates.value()}});
        return;
    }
    if (const auto* dismiss = std::get_if<DismissTemplateOpportunity>(&message)) {
        if (dismiss->scope == DismissScope::Conversation)
            (void)m_store->setOpportunitiesDismissed(from->sessionId(), true);
        return;
    }
    if (std::holds_alternative<SaveConversationAsTemplate>(message) && !from->isAuthenticated()) {
        from->sendError(ErrorCode::AuthenticationRequired, u"sign in to save conversations as templates"_s);
        return;
    }
    Q_EMIT featureRequested(from, message);
}

void Engine::sendToSession(const QString& sessionId, const ServerMessage& message)
{
    const auto connections = m_sessionConnections.values(sessionId);
    for (const QPointer<ChatConnection>& c : connections)
        if (c && c->isReady())
            c->send(message);
}

bool Engine::isGenerating(const QString& sessionId) const
{
    for (const Generation* g : m_generations)
        if (g->sessionId() == sessionId)
            return true;
    return false;
}

} // namespace pc
