#include "MessageCodec.h"

#include "TemplateFormat.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

#include <cmath>
#include <limits>

namespace pc::MessageCodec {

using namespace Qt::Literals::StringLiterals;

namespace {

template <class... Ts> struct Overloaded : Ts... {
    using Ts::operator()...;
};
template <class... Ts> Overloaded(Ts...) -> Overloaded<Ts...>;

Error invalid(const QString& message)
{
    return Error{ErrorCode::InvalidMessage, message};
}

// Field readers: a missing optional field is fine, a present field of the wrong type is an error.
class Reader {
public:
    explicit Reader(const QJsonObject& object)
        : m_object(object)
    {}

    bool string(const char16_t* key, QString& out, bool required, qsizetype maxLength = -1)
    {
        const QJsonValue v = m_object.value(QStringView(key));
        if (v.isUndefined() || (v.isNull() && !required)) {
            if (required)
                fail(u"missing required field '%1'"_s.arg(key));
            return !required;
        }
        if (!v.isString())
            return fail(u"field '%1' must be a string"_s.arg(key));
        out = v.toString();
        if (maxLength >= 0 && out.size() > maxLength)
            return fail(u"field '%1' is longer than %2 characters"_s.arg(key).arg(maxLength));
        return true;
    }

    bool boolean(const char16_t* key, bool& out, bool required)
    {
        const QJsonValue v = m_object.value(QStringView(key));
        if (v.isUndefined() || v.isNull()) {
            if (required)
                fail(u"missing required field '%1'"_s.arg(key));
            return !required;
        }
        if (!v.isBool())
            return fail(u"field '%1' must be true or false"_s.arg(key));
        out = v.toBool();
        return true;
    }

    bool object(const char16_t* key, QJsonObject& out)
    {
        const QJsonValue v = m_object.value(QStringView(key));
        if (v.isUndefined() || v.isNull())
            return true;
        if (!v.isObject())
            return fail(u"field '%1' must be an object"_s.arg(key));
        out = v.toObject();
        return true;
    }

    bool integer(const char16_t* key, qint64& out, bool required)
    {
        const QJsonValue v = m_object.value(QStringView(key));
        if (v.isUndefined() || v.isNull()) {
            if (required)
                fail(u"missing required field '%1'"_s.arg(key));
            return !required;
        }
        const double d = v.toDouble(std::numeric_limits<double>::quiet_NaN());
        if (!v.isDouble() || !std::isfinite(d) || std::floor(d) != d || std::fabs(d) > 9.0e15)
            return fail(u"field '%1' must be an integer"_s.arg(key));
        out = static_cast<qint64>(d);
        return true;
    }

    bool number(const char16_t* key, double& out, bool required)
    {
        const QJsonValue v = m_object.value(QStringView(key));
        if (v.isUndefined() || v.isNull()) {
            if (required)
                fail(u"missing required field '%1'"_s.arg(key));
            return !required;
        }
        if (!v.isDouble() || !std::isfinite(v.toDouble()))
            return fail(u"field '%1' must be a number"_s.arg(key));
        out = v.toDouble();
        return true;
    }

    bool timestamp(const char16_t* key, QDateTime& out)
    {
        QString text;
        if (!string(key, text, false))
            return false;
        if (!text.isEmpty())
            out = QDateTime::fromString(text, Qt::ISODateWithMs);
        return true;
    }

    [[nodiscard]] const QString& problem() const { return m_problem; }

private:
    bool fail(const QString& problem)
    {
        if (m_problem.isEmpty())
            m_problem = problem;
        return false;
    }

    const QJsonObject& m_object;
    QString m_problem;
};

std::optional<OptimizationType> optimizationTypeFromName(const QString& name)
{
    if (name == u"enhancement")
        return OptimizationType::Enhancement;
    if (name == u"clarity")
        return OptimizationType::Clarity;
    if (name == u"specificity")
        return OptimizationType::Specificity;
    return std::nullopt;
}

std::optional<AnswerStatus> answerStatusFromName(const QString& name)
{
    if (name == u"complete")
        return AnswerStatus::Complete;
    if (name == u"interrupted")
        return AnswerStatus::Interrupted;
    if (name == u"offline")
        return AnswerStatus::Offline;
    return std::nullopt;
}

Result<QJsonObject> parseObject(QByteArrayView frame)
{
    if (exceedsDepth(frame, MaxJsonDepth))
        return Error{ErrorCode::InvalidJson, u"JSON is nested deeper than %1 levels"_s.arg(MaxJsonDepth)};
    QJsonParseError parseError{};
    const QJsonDocument doc = QJsonDocument::fromJson(frame.toByteArray(), &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return Error{ErrorCode::InvalidJson,
                     u"message is not valid JSON: %1"_s.arg(parseError.errorString())};
    if (!doc.isObject())
        return Error{ErrorCode::InvalidJson, u"message must be a JSON object"_s};
    return doc.object();
}

Result<QString> typeOf(const QJsonObject& object)
{
    const QJsonValue type = object.value(u"type");
    if (type.isUndefined())
        return invalid(u"message has no 'type'"_s);
    if (!type.isString() || type.toString().isEmpty())
        return invalid(u"'type' must be a non-empty string"_s);
    return type.toString();
}

// One frame as a JSON object with its `type`.
struct TypedObject {
    QJsonObject object;
    QString type;
};

Result<TypedObject> parseTyped(QByteArrayView frame)
{
    auto parsed = parseObject(frame);
    if (!parsed)
        return parsed.error();
    auto type = typeOf(parsed.value());
    if (!type)
        return type.error();
    return TypedObject{std::move(parsed).value(), std::move(type).value()};
}

QJsonObject suggestionToJson(const TemplateSuggestion& s)
{
    return QJsonObject{{u"title"_s, s.title},
                       {u"description"_s, s.description},
                       {u"category"_s, s.category},
                       {u"confidence"_s, s.confidence},
                       {u"reasoning"_s, s.reasoning}};
}

bool suggestionFromJson(const QJsonObject& o, TemplateSuggestion& s, QString& problem)
{
    Reader r(o);
    const bool ok = r.string(u"title", s.title, true) && r.string(u"description", s.description, false) &&
                    r.string(u"category", s.category, false) &&
                    r.number(u"confidence", s.confidence, false) &&
                    r.string(u"reasoning", s.reasoning, false);
    problem = r.problem();
    return ok;
}

QJsonValue timestampValue(const QDateTime& t)
{
    return formatTimestamp(t.isValid() ? t : QDateTime::currentDateTimeUtc());
}

// A template as the protocol carries it: the full promptcraft.template/1 object when it is one,
// otherwise the older backend's partial shape (id, title, description, category, ...).
PromptTemplate templateFromLooseJson(const QJsonObject& o)
{
    if (auto full = TemplateFormat::fromJson(o); full.ok())
        return std::move(full).value();
    PromptTemplate t;
    const QJsonValue id = o.value(u"id");
    t.id = id.isDouble() ? QString::number(id.toInteger()) : id.toString();
    t.title = o.value(u"title").toString();
    t.description = o.value(u"description").toString();
    t.category = o.value(u"category").toString();
    t.body = o.value(u"body").toString();
    if (t.body.isEmpty())
        t.body = o.value(u"content").toString();
    t.version = o.value(u"version").toInt(1);
    return t;
}

} // namespace

bool exceedsDepth(QByteArrayView json, int maxDepth)
{
    int depth = 0;
    bool inString = false;
    bool escaped = false;
    for (const char c : json) {
        if (inString) {
            if (escaped)
                escaped = false;
            else if (c == '\\')
                escaped = true;
            else if (c == '"')
                inString = false;
            continue;
        }
        switch (c) {
        case '"':
            inString = true;
            break;
        case '[':
        case '{':
            if (++depth > maxDepth)
                return true;
            break;
        case ']':
        case '}':
            --depth;
            break;
        default:
            break;
        }
    }
    return false;
}

QString formatTimestamp(const QDateTime& time)
{
    return time.toUTC().toString(Qt::ISODateWithMs);
}

QString optimizationTypeName(OptimizationType type)
{
    switch (type) {
    case OptimizationType::Enhancement:
        return u"enhancement"_s;
    case OptimizationType::Clarity:
        return u"clarity"_s;
    case OptimizationType::Specificity:
        return u"specificity"_s;
    }
    return u"enhancement"_s;
}

QString answerStatusName(AnswerStatus status)
{
    switch (status) {
    case AnswerStatus::Complete:
        return u"complete"_s;
    case AnswerStatus::Interrupted:
        return u"interrupted"_s;
    case AnswerStatus::Offline:
        return u"offline"_s;
    }
    return u"complete"_s;
}

Result<ClientMessage> decodeClientMessage(QByteArrayView frame)
{
    auto parsed = parseTyped(frame);
    if (!parsed)
        return parsed.error();
    const auto& [o, t] = parsed.value();
    Reader r(o);

    if (t == u"chat_message") {
        ChatMessage m;
        if (!r.string(u"content", m.content, true) ||
            !r.string(u"message_id", m.messageId, false, MaxMessageIdLength)) {
            return invalid(r.problem());
        }
        if (m.content.size() > MaxChatContentLength)
            return Error{ErrorCode::MessageTooLarge,
                         u"'content' is longer than %1 characters"_s.arg(MaxChatContentLength)};
        if (m.content.trimmed().isEmpty())
            return invalid(u"'content' must not be empty"_s);
        return ClientMessage{m};
    }
    if (t == u"optimize_prompt") {
        OptimizePrompt m;
        QString kind;
        if (!r.string(u"prompt", m.prompt, true, MaxChatContentLength) || !r.object(u"context", m.context) ||
            !r.string(u"optimization_type", kind, false))
            return invalid(r.problem());
        if (m.prompt.trimmed().isEmpty())
            return invalid(u"'prompt' must not be empty"_s);
        if (!kind.isEmpty()) {
            const auto parsedKind = optimizationTypeFromName(kind);
            if (!parsedKind)
                return invalid(u"'optimization_type' must be enhancement, clarity or specificity"_s);
            m.optimizationType = *parsedKind;
        }
        return ClientMessage{m};
    }
    if (t == u"save_conversation_as_template") {
        SaveConversationAsTemplate m;
        if (!r.string(u"title", m.title, true, 200) || !r.string(u"category", m.category, false, 100) ||
            !r.boolean(u"include_ai_responses", m.includeAiResponses, false) ||
            !r.string(u"description", m.description, false, 2000))
            return invalid(r.problem());
        if (m.title.trimmed().isEmpty())
            return invalid(u"'title' must not be empty"_s);
        return ClientMessage{m};
    }
    if (t == u"ping") {
        Ping m;
        if (!r.string(u"timestamp", m.timestamp, false, 64))
            return invalid(r.problem());
        return ClientMessage{m};
    }
    if (t == u"cancel_generation") {
        CancelGeneration m;
        if (!r.string(u"message_id", m.messageId, true, MaxMessageIdLength))
            return invalid(r.problem());
        return ClientMessage{m};
    }
    if (t == u"sync") {
        Sync m;
        if (!r.string(u"after", m.after, false, MaxMessageIdLength))
            return invalid(r.problem());
        return ClientMessage{m};
    }
    if (t == u"list_templates") {
        ListTemplates m;
        if (!r.string(u"category", m.category, false, 100) || !r.string(u"query", m.query, false, 500))
            return invalid(r.problem());
        return ClientMessage{m};
    }
    if (t == u"dismiss_template_opportunity") {
        DismissTemplateOpportunity m;
        QString scope;
        if (!r.string(u"scope", scope, false, 32))
            return invalid(r.problem());
        if (scope == u"once")
            m.scope = DismissScope::Once;
        else if (scope.isEmpty() || scope == u"conversation")
            m.scope = DismissScope::Conversation;
        else
            return invalid(u"'scope' must be once or conversation"_s);
        return ClientMessage{m};
    }
    return Error{ErrorCode::UnknownType, u"unknown message type '%1'"_s.arg(t.left(64))};
}

Result<ServerMessage> decodeServerMessage(QByteArrayView frame)
{
    auto parsed = parseTyped(frame);
    if (!parsed)
        return parsed.error();
    const auto& [o, t] = parsed.value();
    Reader r(o);

    if (t == u"connection_ack") {
        ConnectionAck m;
        qint64 version = ProtocolVersion;
        if (!r.string(u"session_id", m.sessionId, false) ||
            !r.boolean(u"authenticated", m.authenticated, false) ||
            !r.integer(u"protocol_version", version, false) || !r.timestamp(u"timestamp", m.timestamp))
            return invalid(r.problem());
        m.protocolVersion = int(version);
        const QJsonValue user = o.value(u"user_id");
        if (user.isString())
            m.userId = user.toString();
        else if (user.isDouble())
            m.userId = QString::number(user.toInteger());
        const QJsonValue server = o.value(u"server");
        m.server = server.isObject() ? server.toObject().value(u"name").toString() + u'/' +
                                           server.toObject().value(u"version").toString()
                                     : server.toString();
        const QJsonObject f = o.value(u"features").toObject();
        m.features.templateCreation = f.value(u"template_creation").toBool();
        m.features.aiOptimization = f.value(u"ai_optimization").toBool();
        m.features.langchainFallback = f.value(u"langchain_fallback").toBool();
        m.features.streaming = f.value(u"streaming").toBool();
        m.features.sync = f.value(u"sync").toBool();
        m.features.cancel = f.value(u"cancel").toBool();
        return ServerMessage{m};
    }
    if (t == u"message") {
        QString role = u"assistant"_s;
        if (!r.string(u"role", role, false))
            return invalid(r.problem());
        const QJsonValue id = o.value(u"message_id");
        const QString messageId = id.isDouble() ? QString::number(id.toInteger()) : id.toString();
        if (role == u"user") {
            UserEcho m;
            m.messageId = messageId;
            if (!r.string(u"content", m.content, true) || !r.timestamp(u"timestamp", m.timestamp))
                return invalid(r.problem());
            return ServerMessage{m};
        }
        AssistantMessage m;
        m.messageId = messageId;
        QString status;
        if (!r.string(u"content", m.content, true) || !r.string(u"reply_to", m.replyTo, false) ||
            !r.timestamp(u"timestamp", m.timestamp) ||
            !r.integer(u"processing_time_ms", m.processingTimeMs, false) ||
            !r.string(u"provider", m.provider, false) || !r.string(u"model", m.model, false) ||
            !r.string(u"status", status, false) || !r.string(u"notice", m.notice, false) ||
            !r.string(u"reasoning", m.reasoning, false, MaxReasoningLength))
            return invalid(r.problem());
        if (!status.isEmpty()) {
            const auto s = answerStatusFromName(status);
            if (!s)
                return invalid(u"unknown answer status '%1'"_s.arg(status.left(32)));
            m.status = *s;
        }
        if (o.value(u"usage").isObject()) {
            const QJsonObject u = o.value(u"usage").toObject();
            m.usage = Usage{u.value(u"prompt_tokens").toInteger(), u.value(u"completion_tokens").toInteger(),
                            u.value(u"cached_tokens").toInteger()};
        }
        const QJsonArray suggestions = o.value(u"template_suggestions").toArray();
        for (const QJsonValue& v : suggestions) {
            TemplateSuggestion s;
            QString problem;
            if (v.isObject() && suggestionFromJson(v.toObject(), s, problem))
                m.templateSuggestions.append(s);
        }
        return ServerMessage{m};
    }
    if (t == u"message_delta") {
        MessageDelta m;
        qint64 index = 0;
        if (!r.string(u"message_id", m.messageId, true) || !r.string(u"reply_to", m.replyTo, false) ||
            !r.integer(u"index", index, true) || !r.string(u"delta", m.delta, true))
            return invalid(r.problem());
        m.index = int(index);
        return ServerMessage{m};
    }
    if (t == u"template_opportunity") {
        TemplateOpportunity m;
        QString problem;
        if (!o.value(u"suggestion").isObject())
            return invalid(u"'suggestion' must be an object"_s);
        if (!suggestionFromJson(o.value(u"suggestion").toObject(), m.suggestion, problem))
            return invalid(problem);
        if (!r.timestamp(u"timestamp", m.timestamp))
            return invalid(r.problem());
        return ServerMessage{m};
    }
    if (t == u"template_created" || t == u"conversation_template_created") {
        TemplateCreated m;
        if (!o.value(u"template").isObject())
            return invalid(u"'template' must be an object"_s);
        m.tmpl = templateFromLooseJson(o.value(u"template").toObject());
        qint64 count = 0;
        if (!r.string(u"message", m.message, false) || !r.timestamp(u"timestamp", m.timestamp) ||
            !r.integer(u"message_count", count, false))
            return invalid(r.problem());
        m.messageCount = int(count);
        return ServerMessage{m};
    }
    if (t == u"optimization_result") {
        OptimizationResult m;
        QString kind;
        if (!r.string(u"original_prompt", m.originalPrompt, false) ||
            !r.string(u"optimized_prompt", m.optimizedPrompt, true) ||
            !r.number(u"confidence", m.confidence, false) || !r.string(u"optimization_type", kind, false) ||
            !r.string(u"provider", m.provider, false) ||
            !r.integer(u"processing_time_ms", m.processingTimeMs, false) ||
            !r.timestamp(u"timestamp", m.timestamp))
            return invalid(r.problem());
        if (const auto k = optimizationTypeFromName(kind))
            m.optimizationType = *k;
        for (const QJsonValue& v : o.value(u"improvements").toArray())
            if (v.isString())
                m.improvements.append(v.toString());
        for (const QJsonValue& v : o.value(u"suggestions").toArray())
            if (v.isString())
                m.suggestions.append(v.toString());
        return ServerMessage{m};
    }
    if (t == u"templates") {
        TemplateList m;
        if (!o.value(u"templates").isArray())
            return invalid(u"'templates' must be an array"_s);
        for (const QJsonValue& v : o.value(u"templates").toArray())
            if (v.isObject())
                m.templates.append(templateFromLooseJson(v.toObject()));
        return ServerMessage{m};
    }
    if (t == u"pong") {
        Pong m;
        qint64 latency = -1;
        if (!r.timestamp(u"timestamp", m.timestamp) || !r.integer(u"latency_ms", latency, false))
            return invalid(r.problem());
        if (latency >= 0 && o.contains(u"latency_ms"))
            m.latencyMs = latency;
        return ServerMessage{m};
    }
    if (t == u"heartbeat") {
        Heartbeat m;
        if (!r.timestamp(u"timestamp", m.timestamp))
            return invalid(r.problem());
        return ServerMessage{m};
    }
    if (t == u"error") {
        ErrorReply m;
        QString code;
        qint64 retry = -1;
        if (!r.string(u"error", code, false) || !r.string(u"message", m.message, false) ||
            !r.string(u"reply_to", m.replyTo, false) || !r.integer(u"retry_after", retry, false) ||
            !r.timestamp(u"timestamp", m.timestamp))
            return invalid(r.problem());
        if (!code.isEmpty())
            m.code = errorCodeFromName(code);
        if (o.contains(u"retry_after") && retry >= 0)
            m.retryAfter = int(qMin<qint64>(retry, 86400));
        if (m.message.isEmpty())
            m.message = code;
        return ServerMessage{m};
    }
    if (t == u"typing_start" || t == u"typing_stop")
        return ServerMessage{TypingIndicator{t == u"typing_start"}};
    return Error{ErrorCode::UnknownType, u"unknown message type '%1'"_s.arg(t.left(64))};
}

QJsonObject toJson(const ClientMessage& message)
{
    return std::visit(
        Overloaded{
            [](const ChatMessage& m) {
                QJsonObject o{{u"type"_s, u"chat_message"_s}, {u"content"_s, m.content}};
                if (!m.messageId.isEmpty())
                    o.insert(u"message_id"_s, m.messageId);
                return o;
            },
            [](const OptimizePrompt& m) {
                QJsonObject o{{u"type"_s, u"optimize_prompt"_s},
                              {u"prompt"_s, m.prompt},
                              {u"optimization_type"_s, optimizationTypeName(m.optimizationType)}};
                if (!m.context.isEmpty())
                    o.insert(u"context"_s, m.context);
                return o;
            },
            [](const SaveConversationAsTemplate& m) {
                QJsonObject o{{u"type"_s, u"save_conversation_as_template"_s},
                              {u"title"_s, m.title},
                              {u"category"_s, m.category},
                              {u"include_ai_responses"_s, m.includeAiResponses}};
                if (!m.description.isEmpty())
                    o.insert(u"description"_s, m.description);
                return o;
            },
            [](const Ping& m) {
                QJsonObject o{{u"type"_s, u"ping"_s}};
                if (!m.timestamp.isEmpty())
                    o.insert(u"timestamp"_s, m.timestamp);
                return o;
            },
            [](const CancelGeneration& m) {
                return QJsonObject{{u"type"_s, u"cancel_generation"_s}, {u"message_id"_s, m.messageId}};
            },
            [](const Sync& m) {
                QJsonObject o{{u"type"_s, u"sync"_s}};
                if (!m.after.isEmpty())
                    o.insert(u"after"_s, m.after);
                return o;
            },
            [](const ListTemplates& m) {
                QJsonObject o{{u"type"_s, u"list_templates"_s}};
                if (!m.category.isEmpty())
                    o.insert(u"category"_s, m.category);
                if (!m.query.isEmpty())
                    o.insert(u"query"_s, m.query);
                return o;
            },
            [](const DismissTemplateOpportunity& m) {
                return QJsonObject{
                    {u"type"_s, u"dismiss_template_opportunity"_s},
                    {u"scope"_s, m.scope == DismissScope::Once ? u"once"_s : u"conversation"_s}};
            },
        },
        message);
}

QJsonObject toJson(const ServerMessage& message)
{
    return std::visit(
        Overloaded{
            [](const ConnectionAck& m) {
                const QJsonObject features{{u"template_creation"_s, m.features.templateCreation},
                                           {u"ai_optimization"_s, m.features.aiOptimization},
                                           {u"langchain_fallback"_s, m.features.langchainFallback},
                                           {u"streaming"_s, m.features.streaming},
                                           {u"sync"_s, m.features.sync},
                                           {u"cancel"_s, m.features.cancel}};
                const qsizetype slash = m.server.indexOf(u'/');
                const QJsonObject server{{u"name"_s, slash < 0 ? m.server : m.server.left(slash)},
                                         {u"version"_s, slash < 0 ? QString() : m.server.mid(slash + 1)}};
                return QJsonObject{
                    {u"type"_s, u"connection_ack"_s},
                    {u"session_id"_s, m.sessionId},
                    {u"authenticated"_s, m.authenticated},
                    {u"user_id"_s, m.userId ? QJsonValue(*m.userId) : QJsonValue(QJsonValue::Null)},
                    {u"protocol_version"_s, m.protocolVersion},
                    {u"server"_s, server},
                    {u"features"_s, features},
                    {u"timestamp"_s, timestampValue(m.timestamp)}};
            },
            [](const AssistantMessage& m) {
                QJsonObject o{{u"type"_s, u"message"_s},
                              {u"message_id"_s, m.messageId},
                              {u"reply_to"_s, m.replyTo},
                              {u"content"_s, m.content},
                              {u"role"_s, u"assistant"_s},
                              {u"timestamp"_s, timestampValue(m.timestamp)},
                              {u"processing_time_ms"_s, m.processingTimeMs},
                              {u"provider"_s, m.provider},
                              {u"model"_s, m.model},
                              {u"status"_s, answerStatusName(m.status)}};
                if (m.usage)
                    o.insert(u"usage"_s, QJsonObject{{u"prompt_tokens"_s, m.usage->promptTokens},
                                                     {u"completion_tokens"_s, m.usage->completionTokens},
                                                     {u"cached_tokens"_s, m.usage->cachedTokens}});
                if (!m.notice.isEmpty())
                    o.insert(u"notice"_s, m.notice);
                if (!m.reasoning.isEmpty())
                    o.insert(u"reasoning"_s, m.reasoning);
                if (!m.templateSuggestions.isEmpty()) {
                    QJsonArray a;
                    for (const TemplateSuggestion& s : m.templateSuggestions)
                        a.append(suggestionToJson(s));
                    o.insert(u"template_suggestions"_s, a);
                }
                return o;
            },
            [](const UserEcho& m) {
                return QJsonObject{{u"type"_s, u"message"_s},
                                   {u"message_id"_s, m.messageId},
                                   {u"content"_s, m.content},
                                   {u"role"_s, u"user"_s},
                                   {u"timestamp"_s, timestampValue(m.timestamp)}};
            },
            [](const MessageDelta& m) {
                return QJsonObject{{u"type"_s, u"message_delta"_s},
                                   {u"message_id"_s, m.messageId},
                                   {u"reply_to"_s, m.replyTo},
                                   {u"index"_s, m.index},
                                   {u"delta"_s, m.delta}};
            },
            [](const TemplateOpportunity& m) {
                return QJsonObject{{u"type"_s, u"template_opportunity"_s},
                                   {u"suggestion"_s, suggestionToJson(m.suggestion)},
                                   {u"timestamp"_s, timestampValue(m.timestamp)}};
            },
            [](const TemplateCreated& m) {
                return QJsonObject{{u"type"_s, u"template_created"_s},
                                   {u"template"_s, TemplateFormat::toJson(m.tmpl)},
                                   {u"message"_s, m.message},
                                   {u"timestamp"_s, timestampValue(m.timestamp)}};
            },
            [](const OptimizationResult& m) {
                return QJsonObject{{u"type"_s, u"optimization_result"_s},
                                   {u"original_prompt"_s, m.originalPrompt},
                                   {u"optimized_prompt"_s, m.optimizedPrompt},
                                   {u"improvements"_s, QJsonArray::fromStringList(m.improvements)},
                                   {u"suggestions"_s, QJsonArray::fromStringList(m.suggestions)},
                                   {u"confidence"_s, m.confidence},
                                   {u"optimization_type"_s, optimizationTypeName(m.optimizationType)},
                                   {u"provider"_s, m.provider},
                                   {u"processing_time_ms"_s, m.processingTimeMs},
                                   {u"timestamp"_s, timestampValue(m.timestamp)}};
            },
            [](const TemplateList& m) {
                QJsonArray a;
                for (const PromptTemplate& t : m.templates)
                    a.append(TemplateFormat::toJson(t));
                return QJsonObject{{u"type"_s, u"templates"_s}, {u"templates"_s, a}};
            },
            [](const Pong& m) {
                QJsonObject o{{u"type"_s, u"pong"_s}, {u"timestamp"_s, timestampValue(m.timestamp)}};
                if (m.latencyMs)
                    o.insert(u"latency_ms"_s, *m.latencyMs);
                return o;
            },
            [](const Heartbeat& m) {
                return QJsonObject{{u"type"_s, u"heartbeat"_s},
                                   {u"timestamp"_s, timestampValue(m.timestamp)}};
            },
            [](const ErrorReply& m) {
                QJsonObject o{{u"type"_s, u"error"_s},
                              {u"error"_s, errorCodeName(m.code.value_or(ErrorCode::InternalError))},
                              {u"message"_s, m.message},
                              {u"timestamp"_s, timestampValue(m.timestamp)}};
                if (!m.replyTo.isEmpty())
                    o.insert(u"reply_to"_s, m.replyTo);
                if (m.retryAfter)
                    o.insert(u"retry_after"_s, *m.retryAfter);
                return o;
            },
            [](const TypingIndicator& m) {
                return QJsonObject{{u"type"_s, m.typing ? u"typing_start"_s : u"typing_stop"_s}};
            },
        },
        message);
}

QByteArray encode(const ClientMessage& message)
{
    return QJsonDocument(toJson(message)).toJson(QJsonDocument::Compact);
}

QByteArray encode(const ServerMessage& message)
{
    return QJsonDocument(toJson(message)).toJson(QJsonDocument::Compact);
}

QString typeName(const ClientMessage& message)
{
    return toJson(message).value(u"type").toString();
}

QString typeName(const ServerMessage& message)
{
    return toJson(message).value(u"type").toString();
}

} // namespace pc::MessageCodec
