#pragma once

#include "ConversationTurn.h"
#include "PromptTemplate.h"
#include "Result.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

namespace pc {

// Turns a conversation into a template without a model: the user's defining request becomes the
// body, and the parts that vary become `{{snake_case}}` variables. What varies is learnt from
// requests of the same shape (the differing spans) and from phrasing ("for the X", "about X",
// "named X", quoted text, "label: value", numbers such as "in 100 words", languages, tones).
// Each variable's default is the defining request's own value, so rendering the body with the
// defaults gives back that request (trimmed of surrounding whitespace), character for character.
// Stateless and const.
class RuleTemplateDrafter {
    Q_DECLARE_TR_FUNCTIONS(RuleTemplateDrafter)

public:
    // Empty title, category or description: inferred from the request. includeAiResponses adds one
    // example {inputs, output} per request that got an answer. The result passes
    // TemplateFormat::validate; it fails (TemplateCreationFailed) when there is no user request or
    // the given title is too long. id, timestamps and source.session_id are left for the caller.
    [[nodiscard]] Result<PromptTemplate> draft(const QList<ConversationTurn>& turns, const QString& title,
                                               const QString& category, const QString& description,
                                               bool includeAiResponses) const;
};

} // namespace pc
