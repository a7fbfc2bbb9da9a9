#include "FakeOpenAiResponse.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::Literals::StringLiterals;

namespace pc {

FakeOpenAiResponse FakeOpenAiResponse::stream(const QStringList& tokens, int paceMs) {
    FakeOpenAiResponse response;
    response.m_kind = Kind::Stream;
    response.m_tokens = tokens;
    response.m_paceMs = paceMs;
    return response;
}

FakeOpenAiResponse FakeOpenAiResponse::completion(const QString& content, const QString& reasoning) {
    QJsonObject message{{u"role"_s, u"assistant"_s}, {u"content"_s, content}};
    if (!reasoning.isEmpty())
        message.insert(u"reasoning_content"_s, reasoning);
    const QJsonObject body{
        {u"id"_s, u"cmpl-fake"_s},
        {u"object"_s, u"chat.completion"_s},
        {u"model"_s, u"fake-model"_s},
        {u"choices"_s,
         QJsonArray{QJsonObject{{u"index"_s, 0}, {u"message"_s, message}, {u"finish_reason"_s, u"stop"_s}}}},
        {u"usage"_s, defaultUsage()},
    };
    return json(200, QJsonDocument(body).toJson(QJsonDocument::Compact));
}

FakeOpenAiResponse FakeOpenAiResponse::json(int status, const QByteArray& body) {
    FakeOpenAiResponse response;
    response.m_kind = Kind::Body;
    response.m_status = status;
    response.m_body = body;
    response.m_contentType = "application/json";
    response.m_framing = Framing::ContentLength;
    return response;
}

FakeOpenAiResponse FakeOpenAiResponse::error(int status, const QString& message) {
    const QJsonObject body{
        {u"error"_s,
         QJsonObject{{u"message"_s, message}, {u"type"_s, u"fake_error"_s}, {u"code"_s, QJsonValue::Null}}}};
    return json(status, QJsonDocument(body).toJson(QJsonDocument::Compact));
}

FakeOpenAiResponse FakeOpenAiResponse::rawStream(const QList<QByteArray>& pieces, int paceMs) {
    FakeOpenAiResponse response;
    response.m_kind = Kind::Raw;
    response.m_raw = pieces;
    response.m_paceMs = paceMs;
    return response;
}

FakeOpenAiResponse FakeOpenAiResponse::hang() {
    FakeOpenAiResponse response;
    response.m_kind = Kind::Hang;
    response.m_ending = Ending::Hang;
    return response;
}

FakeOpenAiResponse FakeOpenAiResponse::keepAlivesOnly(int intervalMs) {
    FakeOpenAiResponse response;
    response.m_kind = Kind::KeepAlives;
    response.m_paceMs = intervalMs;
    response.m_ending = Ending::KeepAliveForever;
    return response;
}

FakeOpenAiResponse FakeOpenAiResponse::models(const QStringList& ids) {
    QJsonArray data;
    for (const QString& id : ids)
        data.append(QJsonObject{{u"id"_s, id}, {u"object"_s, u"model"_s}, {u"owned_by"_s, u"fake"_s}});
    const QJsonObject body{{u"object"_s, u"list"_s}, {u"data"_s, data}};
    return json(200, QJsonDocument(body).toJson(QJsonDocument::Compact));
}

QJsonObject FakeOpenAiResponse::defaultUsage() {
    return QJsonObject{
        {u"prompt_tokens"_s, 12},
        {u"completion_tokens"_s, 7},
        {u"total_tokens"_s, 19},
        {u"prompt_cache_hit_tokens"_s, 8},
        {u"prompt_cache_miss_tokens"_s, 4},
        {u"completion_tokens_details"_s, QJsonObject{{u"reasoning_tokens"_s, 3}}},
    };
}

FakeOpenAiResponse& FakeOpenAiResponse::withHeader(const QByteArray& name, const QByteArray& value) {
    m_headers.append({name, value});
    return *this;
}

FakeOpenAiResponse& FakeOpenAiResponse::withPace(int ms) {
    m_paceMs = ms;
    return *this;
}

FakeOpenAiResponse& FakeOpenAiResponse::withKeepAlives(int count, int intervalMs) {
    m_keepAlives = count;
    m_keepAliveIntervalMs = intervalMs;
    return *this;
}

FakeOpenAiResponse& FakeOpenAiResponse::withLeadingBlankLines(int count, int intervalMs) {
    m_blankLines = count;
    m_blankLineIntervalMs = intervalMs;
    if (m_framing == Framing::ContentLength && intervalMs > 0)
        m_framing = Framing::Chunked;
    return *this;
}

FakeOpenAiResponse& FakeOpenAiResponse::withReasoning(const QStringList& parts) {
    m_reasoning = parts;
    return *this;
}

FakeOpenAiResponse& FakeOpenAiResponse::withFinishReason(const QString& reason) {
    m_finishReason = reason;
    return *this;
}

FakeOpenAiResponse& FakeOpenAiResponse::withModel(const QString& model) {
    m_model = model;
    return *this;
}

FakeOpenAiResponse& FakeOpenAiResponse::withUsage(const QJsonObject& usage) {
    m_usage = usage;
    return *this;
}

FakeOpenAiResponse& FakeOpenAiResponse::withoutDone() {
    m_done = false;
    return *this;
}

FakeOpenAiResponse& FakeOpenAiResponse::withRawAfterTokens(int tokens, const QByteArray& raw) {
    m_rawAfterTokens.append({tokens, raw});
    return *this;
}

FakeOpenAiResponse& FakeOpenAiResponse::cutAfterTokens(int tokens) {
    m_cutAfterTokens = tokens;
    m_ending = Ending::Cut;
    return *this;
}

FakeOpenAiResponse& FakeOpenAiResponse::withFraming(Framing framing) {
    m_framing = framing;
    return *this;
}

FakeOpenAiResponse& FakeOpenAiResponse::withLineEnding(const QByteArray& ending) {
    m_lineEnding = ending;
    return *this;
}

QByteArray FakeOpenAiResponse::event(const QJsonObject& object) const {
    return "data: "_ba + QJsonDocument(object).toJson(QJsonDocument::Compact) + m_lineEnding + m_lineEnding;
}

QJsonObject FakeOpenAiResponse::chunk(const QJsonObject& delta, const QJsonValue& finishReason) const {
    return QJsonObject{
        {u"id"_s, u"cmpl-fake"_s},
        {u"object"_s, u"chat.completion.chunk"_s},
        {u"created"_s, 1'700'000'000},
        {u"model"_s, m_model},
        {u"choices"_s,
         QJsonArray{QJsonObject{{u"index"_s, 0}, {u"delta"_s, delta}, {u"finish_reason"_s, finishReason}}}},
    };
}

QList<FakeOpenAiResponse::Piece> FakeOpenAiResponse::pieces() const {
    QList<Piece> out;
    switch (m_kind) {
    case Kind::Hang:
    case Kind::KeepAlives:
        return out;
    case Kind::Body:
        for (int i = 0; i < m_blankLines; ++i)
            out.append({m_lineEnding, i == 0 ? 0 : m_blankLineIntervalMs});
        out.append({m_body, m_blankLines > 0 ? m_blankLineIntervalMs : 0});
        return out;
    case Kind::Raw:
        for (qsizetype i = 0; i < m_raw.size(); ++i)
            out.append({m_raw.at(i), i == 0 ? 0 : m_paceMs});
        return out;
    case Kind::Stream:
        break;
    }

    for (int i = 0; i < m_keepAlives; ++i)
        out.append({": keep-alive"_ba + m_lineEnding + m_lineEnding, i == 0 ? 0 : m_keepAliveIntervalMs});
    const int firstDelay = m_keepAlives > 0 ? m_keepAliveIntervalMs : 0;
    const auto add = [&](const QByteArray& bytes) {
        out.append({bytes, out.size() == m_keepAlives ? firstDelay : m_paceMs});
    };

    add(event(chunk(QJsonObject{{u"role"_s, u"assistant"_s}, {u"content"_s, u""_s}}, QJsonValue::Null)));
    for (const QString& part : m_reasoning)
        add(event(chunk(QJsonObject{{u"reasoning_content"_s, part}, {u"content"_s, QJsonValue::Null}},
                        QJsonValue::Null)));
    const auto addRaw = [&](int afterTokens) {
        for (const auto& [position, raw] : m_rawAfterTokens) {
            if (position == afterTokens)
                add(raw);
        }
    };
    addRaw(0);
    for (qsizetype i = 0; i < m_tokens.size(); ++i) {
        if (m_cutAfterTokens >= 0 && i >= m_cutAfterTokens)
            return out;
        add(event(chunk(QJsonObject{{u"content"_s, m_tokens.at(i)}}, QJsonValue::Null)));
        addRaw(int(i + 1));
    }
    if (m_cutAfterTokens >= 0)
        return out;
    add(event(chunk(QJsonObject{{u"content"_s, u""_s}},
                    m_finishReason.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(m_finishReason))));
    if (!m_usage.isEmpty()) {
        add(event(QJsonObject{{u"id"_s, u"cmpl-fake"_s},
                              {u"object"_s, u"chat.completion.chunk"_s},
                              {u"model"_s, m_model},
                              {u"choices"_s, QJsonArray{}},
                              {u"usage"_s, m_usage}}));
    }
    if (m_done)
        add("data: [DONE]"_ba + m_lineEnding + m_lineEnding);
    return out;
}

} // namespace pc
