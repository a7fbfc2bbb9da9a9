#include "AiPromptOptimizer.h"

#include "AssistJson.h"

#include <QJsonArray>

namespace pc {

using namespace Qt::Literals::StringLiterals;

namespace {
constexpr qsizetype MaxContextChars = 4000;
constexpr int MaxTokens = 2000;
constexpr double Temperature = 0.7;

QString focus(OptimizationType type)
{
    switch (type) {
    case OptimizationType::Clarity:
        return u"clarity: unambiguous wording and a clear structure; replace vague words, split several "
               u"questions into separate points; do not add new requirements"_s;
    case OptimizationType::Specificity:
        return u"specificity: state audience, output format, length and constraints, and add an example; "
               u"keep the task wording"_s;
    case OptimizationType::Enhancement:
        break;
    }
    return u"overall quality: role, task, context, audience, output format, length and constraints, with "
           u"vague words made concrete"_s;
}

} // namespace

CompletionRequest AiPromptOptimizer::request(const QString& prompt, OptimizationType type,
                                             const QJsonObject& context) const
{
    const QJsonObject example{
        {u"optimized_prompt"_s,
         u"You are a nutrition coach. Write a one-week vegetarian meal plan for a busy student on a budget "
         u"of [budget per week]. Format: a table with one row per day and columns for breakfast, lunch and "
         u"dinner, then a shopping list. Keep each meal under 30 minutes to prepare."_s},
        {u"improvements"_s, QJsonArray{u"Added a role so the answer uses a coach's expertise"_s,
                                       u"Named the audience (a busy student) and the budget"_s,
                                       u"Specified the output format: a table plus a shopping list"_s,
                                       u"Added a constraint on preparation time"_s}},
        {u"suggestions"_s, QJsonArray{u"Fill in your weekly budget"_s, u"Mention any allergies"_s}},
        {u"confidence"_s, 0.8}};
    const QString system =
        u"You improve prompts that people send to AI assistants. Reply with one json object only, no "
        u"Markdown "
        u"and no other text, shaped like this example:\n"_s +
        AssistJson::compact(example) +
        u"\nRules: optimized_prompt is the improved prompt, ready to send, in the language of the original; "
        u"keep the user's intent and every detail they gave; where only the user knows a detail, write a "
        u"short placeholder in square brackets. improvements lists each change and why, one short sentence "
        u"each (empty when the prompt is already good, and then optimized_prompt is the original). "
        u"suggestions lists what the user could add. confidence (0 to 1) is how complete and unambiguous "
        u"the optimized prompt is. Focus on "_s +
        focus(type) + u'.';

    QString user = u"The prompt to improve, between the markers:\n<<<\n"_s + prompt + u"\n>>>"_s;
    if (!context.isEmpty()) {
        QString c = AssistJson::compact(context);
        if (c.size() > MaxContextChars)
            c = c.left(MaxContextChars) + u" \u2026"_s;
        user += u"\nContext from the app (json): "_s + c;
    }
    user += u"\nAnswer as json."_s;

    CompletionRequest request;
    request.purpose = u"optimize"_s;
    request.jsonMode = true;
    request.thinking = false;
    request.temperature = Temperature;
    request.maxTokens = MaxTokens;
    request.messages = {ChatTurn{ChatTurn::Role::System, system}, ChatTurn{ChatTurn::Role::User, user}};
    return request;
}

Result<OptimizationOutcome> AiPromptOptimizer::parse(const QJsonObject& answer, const QString& prompt) const
{
    const auto problem = [](const QString& message) { return Error{ErrorCode::InvalidMessage, message}; };
    const QJsonObject o = AssistJson::unwrap(answer, {u"optimized_prompt"_s, u"improvements"_s});

    const Result<QString> optimized =
        AssistJson::text(o, u"optimized_prompt"_s, {1, MaxChatContentLength, false, true});
    if (!optimized)
        return optimized.error();
    const Result<QStringList> improvements =
        AssistJson::textList(o, u"improvements"_s, MaxItems, MaxItemLength, true);
    if (!improvements)
        return improvements.error();
    const Result<QStringList> suggestions =
        AssistJson::textList(o, u"suggestions"_s, MaxItems, MaxItemLength, false);
    if (!suggestions)
        return suggestions.error();
    const QJsonValue confidence = o.value(u"confidence");
    if (!confidence.isDouble())
        return problem(u"'confidence' must be a number between 0 and 1"_s);
    const double c = confidence.toDouble();
    if (!(c >= 0.0 && c <= 1.0))
        return problem(u"'confidence' must be between 0 and 1"_s);

    const bool changed = optimized.value() != prompt.trimmed();
    if (!improvements->isEmpty() && !changed)
        return problem(u"'improvements' are listed but 'optimized_prompt' is the original prompt"_s);
    if (improvements->isEmpty() && changed)
        return problem(u"'optimized_prompt' differs from the original but 'improvements' is empty"_s);

    OptimizationOutcome outcome;
    outcome.optimizedPrompt = optimized.value();
    outcome.improvements = improvements.value();
    outcome.suggestions = suggestions.value();
    outcome.confidence = c;
    return outcome;
}

} // namespace pc
