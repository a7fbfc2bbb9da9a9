#include "AiSuggestionRefiner.h"

#include "AssistJson.h"
#include "PromptText.h"

namespace pc {

using namespace Qt::Literals::StringLiterals;

namespace {
constexpr qsizetype MaxRequestChars = 1200;
constexpr int MaxTokens = 600;
constexpr double Temperature = 0.5;

const QStringList& fields()
{
    static const QStringList list{u"title"_s, u"description"_s, u"category"_s, u"reasoning"_s};
    return list;
}
} // namespace

QString AiSuggestionRefiner::signalNames(const QStringList& firedSignals)
{
    QStringList names;
    for (const QString& id : firedSignals) {
        if (id == QStringView(TemplateOpportunityDetector::RepeatedStructure))
            names.append(tr("repeated structure"));
        else if (id == QStringView(TemplateOpportunityDetector::Keywords))
            names.append(tr("template-style wording"));
        else if (id == QStringView(TemplateOpportunityDetector::FillInValues))
            names.append(tr("fill-in values"));
        else if (id == QStringView(TemplateOpportunityDetector::Length))
            names.append(tr("a detailed request"));
        else
            names.append(id);
    }
    return names.join(u", "_s);
}

CompletionRequest AiSuggestionRefiner::request(const QList<ConversationTurn>& turns,
                                               const TemplateOpportunityDetector::Detection& detection) const
{
    const TemplateSuggestion& rules = detection.suggestion;
    const QString example = AssistJson::compact(QJsonObject{
        {u"title"_s, u"Weekly status email"_s},
        {u"description"_s,
         u"Writes a short status email to a team; fill in the week's wins, blockers and next steps."_s},
        {u"category"_s, u"Business"_s},
        {u"reasoning"_s,
         u"You wrote the same kind of status email twice with different details, so a template "
         u"with fields for those details saves retyping it."_s}});

    QString system =
        u"You help users of PromptCraft, an AI chat app, keep requests they make again and again as reusable "
        u"prompt templates. Built-in rules have found such a request; you word the suggestion shown to the "
        u"user. Reply with one json object only, no Markdown and no other text, with exactly these string "
        u"members: title, description, category, reasoning. Example:\n"_s +
        example +
        u"\nRules: title names the kind of request, not one particular case (at most 60 characters). "
        u"description is one sentence saying what the template produces and which details are filled in "
        u"(at most 200 characters). category is one of "_s +
        AssistJson::knownCategories().join(u", "_s) +
        u", or a short category of your own when none fits. reasoning is one or two sentences to the user "
        u"(\"you\") explaining why this is worth a template, based on these signals: "_s +
        signalNames(detection.firedSignals) + u". Write in the language of the user's requests."_s;

    QString user = u"The user's requests:\n"_s;
    int n = 0;
    for (const qsizetype i : detection.requestTurns) {
        if (i < 0 || i >= turns.size())
            continue;
        user += u"%1. %2\n"_s.arg(++n).arg(PromptText::shorten(turns.at(i).content, MaxRequestChars));
    }
    user += u"\nThe rules' suggestion: "_s +
            AssistJson::compact(QJsonObject{{u"title"_s, rules.title},
                                            {u"description"_s, rules.description},
                                            {u"category"_s, rules.category},
                                            {u"reasoning"_s, rules.reasoning}}) +
            u"\nAnswer with the improved suggestion as json."_s;

    CompletionRequest request;
    request.purpose = u"template-suggestion"_s;
    request.jsonMode = true;
    request.thinking = false;
    request.temperature = Temperature;
    request.maxTokens = MaxTokens;
    request.messages = {ChatTurn{ChatTurn::Role::System, system}, ChatTurn{ChatTurn::Role::User, user}};
    return request;
}

Result<TemplateSuggestion>
AiSuggestionRefiner::parse(const QJsonObject& answer,
                           const TemplateOpportunityDetector::Detection& detection) const
{
    const QJsonObject o = AssistJson::unwrap(answer, fields());
    const Result<QString> title = AssistJson::text(o, u"title"_s, {3, MaxTitleLength, true, true});
    if (!title)
        return title.error();
    const Result<QString> description =
        AssistJson::text(o, u"description"_s, {10, MaxDescriptionLength, false, true});
    if (!description)
        return description.error();
    const Result<QString> category = AssistJson::text(o, u"category"_s, {2, MaxCategoryLength, true, true});
    if (!category)
        return category.error();
    const Result<QString> reasoning =
        AssistJson::text(o, u"reasoning"_s, {10, MaxReasoningLength, false, true});
    if (!reasoning)
        return reasoning.error();

    TemplateSuggestion s;
    s.title = title.value();
    s.description = description.value();
    s.category = AssistJson::canonicalCategory(category.value());
    s.confidence = detection.suggestion.confidence;
    QString why = reasoning.value();
    if (!why.endsWith(u'.') && !why.endsWith(u'!') && !why.endsWith(u'?'))
        why += u'.';
    s.reasoning = why + u' ' + tr("Signals: %1.").arg(signalNames(detection.firedSignals));
    return s;
}

} // namespace pc
