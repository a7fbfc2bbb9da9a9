#pragma once

#include "ConversationTurn.h"
#include "Messages.h"
#include "Result.h"
#include "TemplateOpportunityDetector.h"
#include "ai/CompletionTypes.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QList>

namespace pc {

// Asks a model to word a template suggestion the rules have already decided on: a better title,
// description, category and reasoning. The decision and the confidence stay the rules'; the model
// only words them. Stateless and const.
class AiSuggestionRefiner {
    Q_DECLARE_TR_FUNCTIONS(AiSuggestionRefiner)

public:
    static constexpr qsizetype MaxTitleLength = 80;
    static constexpr qsizetype MaxDescriptionLength = 300;
    static constexpr qsizetype MaxCategoryLength = 40;
    static constexpr qsizetype MaxReasoningLength = 600;

    // A JSON-mode request (thinking off) whose prompt shows the expected json with an example.
    [[nodiscard]] CompletionRequest request(const QList<ConversationTurn>& turns,
                                            const TemplateOpportunityDetector::Detection& detection) const;
    // The model's wording with the rules' confidence; the reasoning ends naming the signals that fired.
    [[nodiscard]] Result<TemplateSuggestion>
    parse(const QJsonObject& answer, const TemplateOpportunityDetector::Detection& detection) const;
    // "repeated structure, template-style wording" for the signal ids of a detection.
    [[nodiscard]] static QString signalNames(const QStringList& firedSignals);
};

} // namespace pc
