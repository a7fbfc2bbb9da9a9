#include "AiTemplateDrafter.h"

#include "AssistJson.h"
#include "PromptText.h"
#include "TemplateFormat.h"

#include <QJsonArray>
#include <QSet>

namespace pc {

using namespace Qt::Literals::StringLiterals;

namespace {
constexpr qsizetype MaxRequests = 12;
constexpr qsizetype MaxRequestChars = 2000;
constexpr qsizetype MaxDescriptionLength = 500;
constexpr qsizetype MaxCategoryLength = 60;
constexpr qsizetype MaxTags = 8;
constexpr qsizetype MaxTagLength = 40;
constexpr int MaxTokens = 2000;
constexpr double Temperature = 0.3;

const QStringList& variableTypes()
{
    static const QStringList list{u"text"_s, u"multiline"_s, u"enum"_s, u"number"_s, u"bool"_s};
    return list;
}

// The stored answer to the user turn at `request`, or -1.
qsizetype answerTo(const QList<ConversationTurn>& turns, qsizetype request)
{
    for (qsizetype j = request + 1; j < turns.size(); ++j) {
        if (turns.at(j).role == ConversationTurn::Role::User)
            return -1;
        if (!turns.at(j).content.trimmed().isEmpty())
            return j;
    }
    return -1;
}

// The rules' draft in the shape the model is asked to answer in.
QJsonObject answerShape(const PromptTemplate& t)
{
    const QJsonObject full = TemplateFormat::toJson(t);
    QJsonObject shape{{u"description"_s, t.description},
                      {u"category"_s, t.category},
                      {u"body"_s, t.body},
                      {u"variables"_s, full.value(u"variables").toArray()}};
    if (!t.systemPrompt.isEmpty())
        shape.insert(u"system_prompt"_s, t.systemPrompt);
    return shape;
}

} // namespace

CompletionRequest AiTemplateDrafter::request(const QList<ConversationTurn>& turns,
                                             const SaveConversationAsTemplate& save,
                                             const PromptTemplate& rulesDraft) const
{
    const QJsonObject example{
        {u"description"_s, u"Writes a status email to a team about one project."_s},
        {u"category"_s, u"Business"_s},
        {u"tags"_s, QJsonArray{u"email"_s}},
        {u"body"_s,
         u"Write a {{tone}} status email to {{audience}} about {{project}}, covering: {{points}}"_s},
        {u"variables"_s, QJsonArray{QJsonObject{{u"name"_s, u"tone"_s},
                                                {u"label"_s, u"Tone"_s},
                                                {u"type"_s, u"enum"_s},
                                                {u"options"_s, QJsonArray{u"formal"_s, u"friendly"_s}},
                                                {u"default"_s, u"friendly"_s},
                                                {u"required"_s, true}},
                                    QJsonObject{{u"name"_s, u"audience"_s},
                                                {u"label"_s, u"Audience"_s},
                                                {u"type"_s, u"text"_s},
                                                {u"default"_s, u"the team"_s},
                                                {u"required"_s, true}},
                                    QJsonObject{{u"name"_s, u"project"_s},
                                                {u"label"_s, u"Project"_s},
                                                {u"type"_s, u"text"_s},
                                                {u"default"_s, u"the website relaunch"_s},
                                                {u"required"_s, true}},
                                    QJsonObject{{u"name"_s, u"points"_s},
                                                {u"label"_s, u"Points to cover"_s},
                                                {u"type"_s, u"multiline"_s},
                                                {u"required"_s, true}}}},
        {u"examples"_s,
         QJsonArray{QJsonObject{{u"request_id"_s, u"m1"_s},
                                {u"inputs"_s, QJsonObject{{u"tone"_s, u"friendly"_s},
                                                          {u"audience"_s, u"the team"_s},
                                                          {u"project"_s, u"the website relaunch"_s},
                                                          {u"points"_s, u"launch date, open bugs"_s}}}}}}};

    const QString system =
        u"You turn a user's requests from a chat into a reusable prompt template. Reply with one json "
        u"object only, no Markdown and no other text, shaped like this example:\n"_s +
        AssistJson::compact(example) +
        u"\nRules: body is the user's request written so that it can be reused; keep the user's wording and "
        u"make each detail that changes from one use to the next a {{variable}}. Variable names are "
        u"lower_snake_case (letters, digits, underscores; starting with a letter). Declare every variable "
        u"the "
        u"body uses in variables, and use every variable you declare. type is text, multiline, number, bool "
        u"or enum (enum needs options). default is the value in the user's first matching request. "
        u"system_prompt is optional. examples is optional: for some of the requests below, request_id is the "
        u"request's id and inputs are the values that turn the body into that request. Write in the language "
        u"of the user's requests."_s;

    QString user = u"The user's requests, oldest first:\n"_s;
    QList<qsizetype> requests;
    for (qsizetype i = 0; i < turns.size(); ++i)
        if (turns.at(i).role == ConversationTurn::Role::User && !PromptText::isSmallTalk(turns.at(i).content))
            requests.append(i);
    if (requests.size() > MaxRequests)
        requests = requests.mid(requests.size() - MaxRequests);
    for (const qsizetype i : std::as_const(requests))
        user +=
            u"[id %1] %2\n"_s.arg(turns.at(i).messageId, turns.at(i).content.trimmed().left(MaxRequestChars));
    user += u"\nThe template is called \u201c%1\u201d."_s.arg(save.title.trimmed());
    if (!save.category.trimmed().isEmpty())
        user += u" Its category is \u201c%1\u201d."_s.arg(save.category.trimmed());
    if (!save.description.trimmed().isEmpty())
        user += u" The user describes it as: %1"_s.arg(save.description.trimmed());
    user += u"\nBuilt-in rules drafted this; improve it where it falls short, keep what is right:\n"_s +
            AssistJson::compact(answerShape(rulesDraft)) + u"\nAnswer with the template as json."_s;

    CompletionRequest request;
    request.purpose = u"template-draft"_s;
    request.jsonMode = true;
    request.thinking = false;
    request.temperature = Temperature;
    request.maxTokens = MaxTokens;
    request.messages = {ChatTurn{ChatTurn::Role::System, system}, ChatTurn{ChatTurn::Role::User, user}};
    return request;
}

Result<AiTemplateDrafter::Draft> AiTemplateDrafter::parse(const QJsonObject& answer,
                                                          const QList<ConversationTurn>& turns,
                                                          const SaveConversationAsTemplate& save,
                                                          const PromptTemplate& rulesDraft) const
{
    const auto problem = [](const QString& message) { return Error{ErrorCode::InvalidMessage, message}; };
    Draft draft;
    const QJsonObject o = AssistJson::unwrap(answer, {u"body"_s, u"variables"_s});

    const Result<QString> body =
        AssistJson::text(o, u"body"_s, {1, TemplateFormat::MaxBodyLength, false, true});
    if (!body)
        return body.error();
    const Result<QString> systemPrompt =
        AssistJson::text(o, u"system_prompt"_s, {0, TemplateFormat::MaxBodyLength, false, false});
    if (!systemPrompt)
        return systemPrompt.error();
    const Result<QString> description =
        AssistJson::text(o, u"description"_s, {0, MaxDescriptionLength, false, false});
    if (!description)
        return description.error();
    const Result<QString> category = AssistJson::text(o, u"category"_s, {0, MaxCategoryLength, true, false});
    if (!category)
        return category.error();
    const Result<QStringList> tags = AssistJson::textList(o, u"tags"_s, MaxTags, MaxTagLength, false);
    if (!tags)
        return tags.error();

    QSet<QString> used;
    for (const QString& text : {body.value(), systemPrompt.value()})
        for (const QString& name : TemplateFormat::placeholders(text))
            used.insert(name);
    if (used.isEmpty() && !rulesDraft.variables.isEmpty())
        return problem(u"the body has no {{variables}}; the details that change must be variables"_s);

    const QJsonValue variablesValue = o.value(u"variables");
    if (!variablesValue.isUndefined() && !variablesValue.isNull() && !variablesValue.isArray())
        return problem(u"'variables' must be an array of objects"_s);
    QJsonArray variables;
    QSet<QString> declared;
    for (const QJsonValue& item : variablesValue.toArray()) {
        if (!item.isObject())
            return problem(u"'variables' must be an array of objects"_s);
        QJsonObject v = item.toObject();
        const QString name = v.value(u"name").toString();
        if (!used.contains(name)) {
            draft.repairs.append(u"dropped the unused variable \u201c%1\u201d"_s.arg(name.left(64)));
            continue;
        }
        if (declared.contains(name)) {
            draft.repairs.append(u"dropped a second declaration of \u201c%1\u201d"_s.arg(name));
            continue;
        }
        declared.insert(name);
        const QJsonValue type = v.value(u"type");
        if (type.isString() && !variableTypes().contains(type.toString())) {
            draft.repairs.append(u"\u201c%1\u201d: unknown type read as text"_s.arg(name));
            v.insert(u"type"_s, u"text"_s);
        }
        if (v.value(u"type").toString() == u"enum" && v.value(u"options").toArray().isEmpty()) {
            draft.repairs.append(u"\u201c%1\u201d: an enum without options read as text"_s.arg(name));
            v.insert(u"type"_s, u"text"_s);
            v.remove(u"options"_s);
        }
        if (!v.contains(u"required"))
            v.insert(u"required"_s, true);
        variables.append(v);
    }
    for (const QString& name : std::as_const(used))
        if (!declared.contains(name))
            draft.repairs.append(u"declared the undeclared variable \u201c%1\u201d"_s.arg(name));

    // The template format's own reader does the remaining checks (and declares what is used but
    // undeclared as a required text variable).
    QJsonObject document{{u"schema"_s, QStringView(TemplateSchemaId).toString()},
                         {u"title"_s, save.title.trimmed()},
                         {u"body"_s, body.value()},
                         {u"variables"_s, variables}};
    if (!systemPrompt->isEmpty())
        document.insert(u"system_prompt"_s, systemPrompt.value());
    Result<PromptTemplate> parsed = TemplateFormat::fromJson(document);
    if (!parsed)
        return problem(parsed.error().message);

    PromptTemplate& t = draft.tmpl;
    t = std::move(parsed).value();
    t.id.clear();
    t.version = 1;
    t.title = save.title.trimmed();
    t.category = !save.category.trimmed().isEmpty() ? save.category.trimmed()
                 : !category->isEmpty()             ? AssistJson::canonicalCategory(category.value())
                                                    : rulesDraft.category;
    t.description = !save.description.trimmed().isEmpty() ? save.description.trimmed()
                    : !description->isEmpty()             ? description.value()
                                                          : rulesDraft.description;
    t.tags = tags.value();
    t.source = rulesDraft.source;

    if (save.includeAiResponses) {
        QSet<QString> names;
        for (const TemplateVariable& v : std::as_const(t.variables))
            names.insert(v.name);
        const QJsonValue examples = o.value(u"examples");
        for (const QJsonValue& item : examples.toArray()) {
            if (t.examples.size() >= TemplateFormat::MaxExamples)
                break;
            const QJsonObject e = item.toObject();
            const QString requestId = e.value(u"request_id").toString();
            qsizetype request = -1;
            for (qsizetype i = 0; i < turns.size() && request < 0 && !requestId.isEmpty(); ++i)
                if (turns.at(i).role == ConversationTurn::Role::User && turns.at(i).messageId == requestId)
                    request = i;
            const qsizetype reply = request >= 0 ? answerTo(turns, request) : -1;
            bool usable = reply >= 0 && e.value(u"inputs").isObject();
            const QJsonObject inputs = e.value(u"inputs").toObject();
            for (auto it = inputs.begin(); usable && it != inputs.end(); ++it)
                usable = names.contains(it.key()) &&
                         (it.value().isString() || it.value().isDouble() || it.value().isBool());
            if (!usable) {
                draft.repairs.append(u"dropped an example that does not fit"_s);
                continue;
            }
            t.examples.append(TemplateExample{inputs, turns.at(reply).content.trimmed()});
        }
        if (t.examples.isEmpty()) {
            // The defaults are the defining request's values; its answer is their example.
            for (qsizetype i = 0; i < turns.size(); ++i) {
                if (turns.at(i).role != ConversationTurn::Role::User || !rulesDraft.source ||
                    !rulesDraft.source->messageIds.contains(turns.at(i).messageId))
                    continue;
                if (const qsizetype reply = answerTo(turns, i); reply >= 0) {
                    QJsonObject inputs;
                    for (const TemplateVariable& v : std::as_const(t.variables))
                        if (!v.defaultValue.isUndefined())
                            inputs.insert(v.name, v.defaultValue);
                    t.examples.append(TemplateExample{inputs, turns.at(reply).content.trimmed()});
                }
                break;
            }
        }
    }

    if (Result<void> valid = TemplateFormat::validate(t); !valid)
        return problem(valid.error().message);
    return draft;
}

} // namespace pc
