#pragma once

#include "ConversationTurn.h"
#include "Messages.h"
#include "PromptTemplate.h"
#include "Result.h"
#include "ai/CompletionTypes.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QList>
#include <QStringList>

namespace pc {

// Asks a model to generalise a conversation into a template, with the rules' draft as the example
// to improve on, and turns its answer into a template that passes TemplateFormat::validate.
// What the user decided (title, and category and description when given) and the provenance the
// rules worked out (source) always win over the model. Example outputs come from the stored
// answers, never from the model. Stateless and const.
class AiTemplateDrafter {
    Q_DECLARE_TR_FUNCTIONS(AiTemplateDrafter)

public:
    struct Draft {
        PromptTemplate tmpl;
        QStringList repairs; // what was fixed in the model's answer, for the log
    };

    // A JSON-mode request (thinking off) whose prompt shows the expected json with an example.
    [[nodiscard]] CompletionRequest request(const QList<ConversationTurn>& turns,
                                            const SaveConversationAsTemplate& save,
                                            const PromptTemplate& rulesDraft) const;
    // Repairs what can be repaired without guessing: a declared variable the text never uses is
    // dropped, a used one that is not declared becomes a required text variable, an enum without
    // options becomes text, an unknown type text. Anything else (malformed `{{`, invalid names in
    // use, a body without variables where the rules found some) fails with the problems named.
    [[nodiscard]] Result<Draft> parse(const QJsonObject& answer, const QList<ConversationTurn>& turns,
                                      const SaveConversationAsTemplate& save,
                                      const PromptTemplate& rulesDraft) const;
};

} // namespace pc
