#include "OpenAiStreamDecoder.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

using namespace Qt::Literals::StringLiterals;

namespace pc {

namespace {

constexpr qsizetype MaxQuotedBytes = 80;

QByteArrayView trimmed(QByteArrayView bytes) {
    return bytes.trimmed();
}

Error invalid(const QString& what) {
    return Error{ErrorCode::InvalidJson, what};
}

// A short, printable excerpt of a bad payload for logs and error details.
QString excerpt(QByteArrayView bytes) {
    QString text = QString::fromUtf8(bytes.first(std::min(bytes.size(), MaxQuotedBytes)));
    for (QChar& c : text) {
        if (!c.isPrint())
            c = u'?';
    }
    if (bytes.size() > MaxQuotedBytes)
        text += u"..."_s;
    return text;
}

Result<QJsonObject> parseObject(QByteArrayView bytes) {
    QJsonParseError parseError{};
    const QJsonDocument doc = QJsonDocument::fromJson(bytes.toByteArray(), &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return invalid(u"not JSON (%1): %2"_s.arg(parseError.errorString(), excerpt(bytes)));
    if (!doc.isObject())
        return invalid(u"JSON is not an object: %1"_s.arg(excerpt(bytes)));
    return doc.object();
}

std::optional<Error> errorOf(const QJsonObject& object) {
    if (!object.contains("error"_L1))
        return std::nullopt;
    const QJsonValue error = object.value("error"_L1);
    if (error.isNull())
        return std::nullopt;
    QString message;
    if (error.isObject())
        message = error.toObject().value("message"_L1).toString();
    else if (error.isString())
        message = error.toString();
    if (message.isEmpty())
        message = u"the provider reported an error"_s;
    return Error{ErrorCode::ProviderUnavailable, message};
}

void readCommon(const QJsonObject& object, ChatChunk& chunk) {
    chunk.model = object.value("model"_L1).toString();
    const QJsonValue usage = object.value("usage"_L1);
    if (usage.isObject())
        chunk.usage = OpenAiStreamDecoder::decodeUsage(usage.toObject());
}

Result<ChatChunk> decodeObject(const QJsonObject& object, bool streamed) {
    if (auto error = errorOf(object))
        return *error;
    const QJsonValue choices = object.value("choices"_L1);
    if (!choices.isUndefined() && !choices.isNull() && !choices.isArray())
        return invalid(u"`choices` is not an array"_s);
    ChatChunk chunk;
    readCommon(object, chunk);
    const QJsonArray list = choices.toArray();
    if (list.isEmpty()) {
        // The usage chunk of a stream has no choices; a body without choices and usage is no answer.
        if (!streamed && !chunk.usage)
            return invalid(u"the response has no choices"_s);
        if (streamed && !chunk.usage && !object.contains("choices"_L1) && !object.contains("id"_L1))
            return invalid(u"not a chat completion chunk"_s);
        return chunk;
    }
    if (!list.first().isObject())
        return invalid(u"`choices[0]` is not an object"_s);
    const QJsonObject choice = list.first().toObject();
    const QJsonValue part = choice.value(streamed ? "delta"_L1 : "message"_L1);
    if (!part.isUndefined() && !part.isNull() && !part.isObject())
        return invalid(u"`%1` is not an object"_s.arg(streamed ? "delta"_L1 : "message"_L1));
    const QJsonObject delta = part.toObject();
    const QJsonValue content = delta.value("content"_L1);
    if (!content.isString() && !content.isNull() && !content.isUndefined())
        return invalid(u"`content` is not a string"_s);
    chunk.content = content.toString();
    chunk.reasoning = delta.value("reasoning_content"_L1).toString();
    chunk.finishReason = choice.value("finish_reason"_L1).toString();
    return chunk;
}

} // namespace

Result<ChatChunk> OpenAiStreamDecoder::decodeData(QByteArrayView data) {
    const QByteArrayView payload = trimmed(data);
    if (payload == "[DONE]") {
        ChatChunk chunk;
        chunk.done = true;
        return chunk;
    }
    if (payload.isEmpty())
        return invalid(u"empty data line"_s);
    auto object = parseObject(payload);
    if (!object)
        return object.error();
    return decodeObject(object.value(), true);
}

Result<ChatChunk> OpenAiStreamDecoder::decodeBody(QByteArrayView body) {
    const QByteArrayView payload = trimmed(body);
    if (payload.isEmpty())
        return invalid(u"empty response body"_s);
    auto object = parseObject(payload);
    if (!object)
        return object.error();
    return decodeObject(object.value(), false);
}

QString OpenAiStreamDecoder::errorMessage(QByteArrayView body) {
    const QByteArrayView payload = trimmed(body);
    if (payload.isEmpty())
        return {};
    QJsonParseError parseError{};
    const QJsonDocument doc = QJsonDocument::fromJson(payload.toByteArray(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject())
        return {};
    const QJsonObject object = doc.object();
    if (auto error = errorOf(object))
        return error->message;
    // Some servers (Ollama, FastAPI-based ones) answer {"message": ...} or {"detail": ...}.
    for (const auto key : {"message"_L1, "detail"_L1}) {
        if (object.value(key).isString())
            return object.value(key).toString();
    }
    return {};
}

TokenUsage OpenAiStreamDecoder::decodeUsage(const QJsonObject& usage) {
    TokenUsage result;
    // Counts only: anything negative, fractional junk or absurdly large is clamped, never UB.
    const auto number = [](const QJsonValue& value) -> qint64 {
        const double d = value.toDouble();
        if (!(d > 0))
            return 0;
        return d >= 1e15 ? qint64(1e15) : qint64(d);
    };
    result.promptTokens = number(usage.value("prompt_tokens"_L1));
    result.completionTokens = number(usage.value("completion_tokens"_L1));
    result.cacheHitTokens = number(usage.value("prompt_cache_hit_tokens"_L1));
    result.cacheMissTokens = number(usage.value("prompt_cache_miss_tokens"_L1));
    const QJsonObject details = usage.value("completion_tokens_details"_L1).toObject();
    result.reasoningTokens = number(details.value("reasoning_tokens"_L1));
    // OpenAI itself reports cached prompt tokens under prompt_tokens_details.cached_tokens.
    if (!usage.contains("prompt_cache_hit_tokens"_L1)) {
        const QJsonObject promptDetails = usage.value("prompt_tokens_details"_L1).toObject();
        if (promptDetails.contains("cached_tokens"_L1)) {
            result.cacheHitTokens = number(promptDetails.value("cached_tokens"_L1));
            result.cacheMissTokens = std::max<qint64>(0, result.promptTokens - result.cacheHitTokens);
        }
    }
    return result;
}

} // namespace pc
