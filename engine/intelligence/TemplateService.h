#pragma once

#include "AiPromptOptimizer.h"
#include "AiSuggestionRefiner.h"
#include "AiTemplateDrafter.h"
#include "ConversationTurn.h"
#include "Messages.h"
#include "Result.h"
#include "RulePromptOptimizer.h"
#include "RuleTemplateDrafter.h"
#include "TemplateOpportunityDetector.h"

#include <QCoreApplication>
#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QString>

namespace pc {

class ChatConnection;
class Engine;
class JsonCompletion;

// Template intelligence and prompt optimization for one engine (created by Engine::start(), lives
// in the engine's thread):
//  - after each stored answer, the rules decide whether the conversation holds a reusable request
//    and send `template_opportunity` once per distinct suggestion (never after a dismiss, never
//    while an answer streams, never to anonymous sessions, who cannot save templates);
//  - `save_conversation_as_template` drafts, stores (a new version under a known title) and answers
//    `template_created`, or `error` template_creation_failed with nothing stored;
//  - `optimize_prompt` answers `optimization_result`.
// The rules decide and always have an answer; when an AI provider is configured it words the
// suggestion, drafts the template and optimizes the prompt in JSON mode, checked, and the rules'
// answer is used whenever it fails, answers nonsense or takes longer than
// EngineConfig::assistTimeoutMs.
class TemplateService : public QObject {
    Q_OBJECT
public:
    explicit TemplateService(Engine& engine, QObject* parent = nullptr);
    ~TemplateService() override;

    // The provider name `optimization_result` reports when the built-in rules did the work.
    static constexpr char16_t RulesProvider[] = u"rules";

private:
    struct HeldSuggestion {
        QString fingerprint;
        TemplateSuggestion suggestion;
    };

    void onAnswerStored(const QString& sessionId);
    void onFeatureRequested(ChatConnection* from, const ClientMessage& message);
    void finishSuggestion(const QString& sessionId, const QString& fingerprint,
                          const TemplateSuggestion& suggestion);
    void offer(const QString& sessionId, const QString& fingerprint, const TemplateSuggestion& suggestion);

    void optimize(ChatConnection* from, const OptimizePrompt& request);
    void saveConversation(ChatConnection* from, const SaveConversationAsTemplate& request);
    void storeTemplate(const QPointer<ChatConnection>& to, const QString& userId, const PromptTemplate& tmpl,
                       const QString& madeBy);

    [[nodiscard]] bool aiAvailable() const;
    [[nodiscard]] Result<QList<ConversationTurn>> conversation(const QString& sessionId) const;
    // A JSON-mode request owned by this service, started; it deletes itself when it has ended.
    JsonCompletion* ask(const CompletionRequest& request,
                        std::function<Result<void>(const QJsonObject&)> validate);
    [[nodiscard]] bool allowed(ChatConnection* from);

    Engine& m_engine;
    TemplateOpportunityDetector m_detector;
    RuleTemplateDrafter m_ruleDrafter;
    RulePromptOptimizer m_ruleOptimizer;
    AiSuggestionRefiner m_refiner;
    AiTemplateDrafter m_aiDrafter;
    AiPromptOptimizer m_aiOptimizer;
    QSet<QString> m_refining;              // sessions whose suggestion is being worded
    QHash<QString, HeldSuggestion> m_held; // worded while an answer streamed: offered after it
    QList<QPointer<JsonCompletion>> m_inFlight;
};

} // namespace pc
