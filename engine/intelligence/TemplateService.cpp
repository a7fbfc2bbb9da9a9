#include "TemplateService.h"

#include "JsonCompletion.h"
#include "ai/AiBackend.h"
#include "core/Clock.h"
#include "core/Logging.h"
#include "server/ChatConnection.h"
#include "server/Engine.h"
#include "server/RateLimiter.h"
#include "storage/EngineStore.h"

#include <QElapsedTimer>

#include <memory>

namespace pc {

using namespace Qt::Literals::StringLiterals;

namespace {
// Suggestions worded while an answer streamed wait for the next stored answer; abandoned sessions
// must not make this grow without bound.
constexpr qsizetype MaxHeldSuggestions = 1000;
} // namespace

TemplateService::TemplateService(Engine& engine, QObject* parent)
    : QObject(parent)
    , m_engine(engine)
{
    connect(&engine, &Engine::answerStored, this,
            [this](const QString& sessionId, const QString&) { onAnswerStored(sessionId); });
    connect(&engine, &Engine::featureRequested, this, &TemplateService::onFeatureRequested);
}

TemplateService::~TemplateService()
{
    for (const QPointer<JsonCompletion>& job : std::as_const(m_inFlight))
        if (job)
            job->cancel();
}

bool TemplateService::aiAvailable() const
{
    return m_engine.backend().info().hasProvider;
}

Result<QList<ConversationTurn>> TemplateService::conversation(const QString& sessionId) const
{
    const EngineConfig& config = m_engine.config();
    const auto messages =
        m_engine.store().recentMessages(sessionId, config.historyCharBudget, config.historyMaxMessages);
    if (!messages)
        return messages.error();
    QList<ConversationTurn> turns;
    for (const SessionMessage& m : messages.value()) {
        // Offline notices and cut-off answers are not what the user got from a model.
        if (m.isAnswer() && m.status != AnswerStatus::Complete)
            continue;
        turns.append(
            ConversationTurn{m.isAnswer() ? ConversationTurn::Role::Assistant : ConversationTurn::Role::User,
                             m.content, m.messageId});
    }
    return turns;
}

JsonCompletion* TemplateService::ask(const CompletionRequest& request,
                                     std::function<Result<void>(const QJsonObject&)> validate)
{
    auto* job = new JsonCompletion(m_engine.backend(), request, std::move(validate),
                                   m_engine.config().assistTimeoutMs, this);
    m_inFlight.removeAll(nullptr);
    m_inFlight.append(job);
    const auto done = [job] { job->deleteLater(); };
    connect(job, &JsonCompletion::succeeded, job, done);
    connect(job, &JsonCompletion::gaveUp, job, done);
    job->start();
    return job;
}

bool TemplateService::allowed(ChatConnection* from)
{
    const RateLimiter::Decision decision = m_engine.rateLimiter().take(from->rateLimitKey());
    if (!decision.allowed)
        from->sendError(ErrorCode::RateLimited,
                        tr("Too many requests; wait %1 s before trying again.").arg(decision.retryAfterSecs),
                        {}, decision.retryAfterSecs);
    return decision.allowed;
}

// ---- template opportunities ----

void TemplateService::onAnswerStored(const QString& sessionId)
{
    // One decision at a time per session; a streaming answer ends with another call.
    if (m_refining.contains(sessionId) || m_engine.isGenerating(sessionId))
        return;
    const Result<SessionRecord> session = m_engine.store().session(sessionId);
    if (!session || !session->ownerId || session->opportunitiesDismissed) {
        m_held.remove(sessionId);
        return;
    }
    const Result<QList<ConversationTurn>> turns = conversation(sessionId);
    if (!turns) {
        qCWarning(lcEngine).noquote()
            << "template suggestions: cannot read the conversation:" << turns.error().message;
        return;
    }
    const TemplateOpportunityDetector::Detection detection = m_detector.detect(turns.value());
    const HeldSuggestion held = m_held.take(sessionId);
    if (!detection.worthy || session->suggestedFingerprints.contains(detection.fingerprint))
        return;
    if (held.fingerprint == detection.fingerprint) {
        offer(sessionId, held.fingerprint, held.suggestion);
        return;
    }
    if (!aiAvailable()) {
        offer(sessionId, detection.fingerprint, detection.suggestion);
        return;
    }

    m_refining.insert(sessionId);
    auto refined = std::make_shared<std::optional<TemplateSuggestion>>();
    const QList<ConversationTurn> conversationTurns = turns.value();
    JsonCompletion* job = ask(m_refiner.request(conversationTurns, detection),
                              [this, refined, detection](const QJsonObject& answer) -> Result<void> {
                                  Result<TemplateSuggestion> parsed = m_refiner.parse(answer, detection);
                                  if (!parsed)
                                      return parsed.error();
                                  *refined = std::move(parsed).value();
                                  return {};
                              });
    connect(job, &JsonCompletion::succeeded, this, [this, sessionId, detection, refined] {
        finishSuggestion(sessionId, detection.fingerprint, refined->value_or(detection.suggestion));
    });
    connect(job, &JsonCompletion::gaveUp, this, [this, sessionId, detection] {
        finishSuggestion(sessionId, detection.fingerprint, detection.suggestion);
    });
}

void TemplateService::finishSuggestion(const QString& sessionId, const QString& fingerprint,
                                       const TemplateSuggestion& suggestion)
{
    m_refining.remove(sessionId);
    if (m_engine.isGenerating(sessionId)) {
        if (m_held.size() >= MaxHeldSuggestions)
            m_held.clear();
        m_held.insert(sessionId, HeldSuggestion{fingerprint, suggestion});
        return;
    }
    offer(sessionId, fingerprint, suggestion);
}

void TemplateService::offer(const QString& sessionId, const QString& fingerprint,
                            const TemplateSuggestion& suggestion)
{
    // The user may have dismissed suggestions while the wording was being asked for.
    const Result<SessionRecord> session = m_engine.store().session(sessionId);
    if (!session || session->opportunitiesDismissed || session->suggestedFingerprints.contains(fingerprint))
        return;
    // Recorded before it is sent: a suggestion is never sent twice, also across reconnects and restarts.
    if (Result<void> recorded = m_engine.store().addSuggestedFingerprint(sessionId, fingerprint); !recorded) {
        qCWarning(lcEngine).noquote()
            << "template suggestions: cannot record a suggestion:" << recorded.error().message;
        return;
    }
    m_engine.sendToSession(sessionId, ServerMessage{TemplateOpportunity{suggestion, m_engine.clock().now()}});
}

// ---- requests ----

void TemplateService::onFeatureRequested(ChatConnection* from, const ClientMessage& message)
{
    if (const auto* optimizeRequest = std::get_if<OptimizePrompt>(&message))
        optimize(from, *optimizeRequest);
    else if (const auto* save = std::get_if<SaveConversationAsTemplate>(&message))
        saveConversation(from, *save);
}

void TemplateService::optimize(ChatConnection* from, const OptimizePrompt& request)
{
    if (!allowed(from))
        return;
    QElapsedTimer timer;
    timer.start();
    const auto reply = [this, timer, request](ChatConnection* to, const OptimizationOutcome& outcome,
                                              const QString& provider) {
        OptimizationResult result;
        result.originalPrompt = request.prompt;
        result.optimizedPrompt = outcome.optimizedPrompt;
        result.improvements = outcome.improvements;
        result.suggestions = outcome.suggestions;
        result.confidence = outcome.confidence;
        result.optimizationType = request.optimizationType;
        result.provider = provider;
        result.processingTimeMs = timer.elapsed();
        result.timestamp = m_engine.clock().now();
        to->send(ServerMessage{result});
    };
    const auto byRules = [this, request] {
        return m_ruleOptimizer.optimize(request.prompt, request.optimizationType);
    };

    if (!aiAvailable()) {
        reply(from, byRules(), QString::fromUtf16(RulesProvider));
        return;
    }
    QPointer<ChatConnection> to(from);
    auto outcome = std::make_shared<std::optional<OptimizationOutcome>>();
    JsonCompletion* job =
        ask(m_aiOptimizer.request(request.prompt, request.optimizationType, request.context),
            [this, outcome, prompt = request.prompt](const QJsonObject& answer) -> Result<void> {
                Result<OptimizationOutcome> parsed = m_aiOptimizer.parse(answer, prompt);
                if (!parsed)
                    return parsed.error();
                *outcome = std::move(parsed).value();
                return {};
            });
    connect(job, &JsonCompletion::succeeded, this,
            [to, outcome, reply, byRules](const QJsonObject&, const QString& provider) {
                if (to)
                    reply(to, outcome->has_value() ? **outcome : byRules(), provider);
            });
    connect(job, &JsonCompletion::gaveUp, this, [to, reply, byRules] {
        if (to)
            reply(to, byRules(), QString::fromUtf16(RulesProvider));
    });
}

void TemplateService::saveConversation(ChatConnection* from, const SaveConversationAsTemplate& request)
{
    // Engine refuses anonymous saves before they get here; this keeps it so should that change.
    if (!from->isAuthenticated()) {
        from->sendError(ErrorCode::AuthenticationRequired, tr("Sign in to save conversations as templates."));
        return;
    }
    if (!allowed(from))
        return;
    const QString userId = *from->userId();
    const QString sessionId = from->sessionId();
    const Result<QList<ConversationTurn>> turns = conversation(sessionId);
    if (!turns) {
        from->sendError(ErrorCode::TemplateCreationFailed,
                        tr("The conversation could not be read: %1").arg(turns.error().message));
        return;
    }
    Result<PromptTemplate> rules = m_ruleDrafter.draft(turns.value(), request.title, request.category,
                                                       request.description, request.includeAiResponses);
    if (!rules) {
        from->sendError(ErrorCode::TemplateCreationFailed, rules.error().message);
        return;
    }
    PromptTemplate rulesDraft = std::move(rules).value();
    if (rulesDraft.source)
        rulesDraft.source->sessionId = sessionId;

    QPointer<ChatConnection> to(from);
    if (!aiAvailable()) {
        storeTemplate(to, userId, rulesDraft, QString::fromUtf16(RulesProvider));
        return;
    }
    auto draft = std::make_shared<std::optional<AiTemplateDrafter::Draft>>();
    const QList<ConversationTurn> conversationTurns = turns.value();
    JsonCompletion* job =
        ask(m_aiDrafter.request(conversationTurns, request, rulesDraft),
            [this, draft, conversationTurns, request, rulesDraft](const QJsonObject& answer) -> Result<void> {
                Result<AiTemplateDrafter::Draft> parsed =
                    m_aiDrafter.parse(answer, conversationTurns, request, rulesDraft);
                if (!parsed)
                    return parsed.error();
                *draft = std::move(parsed).value();
                return {};
            });
    connect(job, &JsonCompletion::succeeded, this,
            [this, to, userId, draft, rulesDraft](const QJsonObject&, const QString& provider) {
                if (!draft->has_value()) {
                    storeTemplate(to, userId, rulesDraft, QString::fromUtf16(RulesProvider));
                    return;
                }
                if (!(*draft)->repairs.isEmpty())
                    qCInfo(lcEngine).noquote()
                        << "template draft repaired:" << (*draft)->repairs.join(u"; "_s);
                storeTemplate(to, userId, (*draft)->tmpl, provider);
            });
    connect(job, &JsonCompletion::gaveUp, this, [this, to, userId, rulesDraft] {
        storeTemplate(to, userId, rulesDraft, QString::fromUtf16(RulesProvider));
    });
}

void TemplateService::storeTemplate(const QPointer<ChatConnection>& to, const QString& userId,
                                    const PromptTemplate& tmpl, const QString& madeBy)
{
    // The request was accepted, so the template is saved even when its requester has gone meanwhile.
    const Result<PromptTemplate> saved = m_engine.store().saveTemplate(userId, tmpl);
    if (!saved) {
        qCWarning(lcEngine).noquote() << "a template could not be saved:" << saved.error().message;
        if (to)
            to->sendError(ErrorCode::TemplateCreationFailed,
                          tr("The template could not be saved: %1").arg(saved.error().message));
        return;
    }
    qCInfo(lcEngine).noquote() << "saved template" << saved->id << "version" << saved->version << "drafted by"
                               << madeBy;
    if (!to)
        return;
    QStringList names;
    for (const TemplateVariable& v : saved->variables)
        names.append(v.name);
    const QString fields = names.isEmpty() ? tr("no fields") : tr("fields: %1").arg(names.join(u", "_s));
    const QString message =
        saved->version > 1
            ? tr("Saved \u201c%1\u201d as version %2 (%3).").arg(saved->title).arg(saved->version).arg(fields)
            : tr("Saved \u201c%1\u201d as a template (%2).").arg(saved->title, fields);
    to->send(ServerMessage{TemplateCreated{saved.value(), message, m_engine.clock().now(), 0}});
}

} // namespace pc
