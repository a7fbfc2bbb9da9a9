#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

namespace pc {

// One scripted answer of FakeOpenAiServer. Factories make the usual shapes; the with*() modifiers
// add faults. The bytes are only produced when the server sends them (pieces()).
class FakeOpenAiResponse {
public:
    enum class Framing { Chunked, CloseDelimited, ContentLength };
    enum class Ending {
        Complete,        // all pieces sent, then the connection is closed cleanly
        Cut,             // the connection is dropped mid-body (no final chunk)
        Hang,            // nothing more is sent, the connection stays open
        KeepAliveForever // `: keep-alive` comments at the pace, never any data
    };
    struct Piece {
        QByteArray bytes;
        int delayMs = 0; // wait before sending this piece
    };

    // A streamed chat completion: a role chunk, one chunk per token, a finish chunk, a usage chunk
    // with empty `choices`, then `data: [DONE]`.
    [[nodiscard]] static FakeOpenAiResponse stream(const QStringList& tokens, int paceMs = 0);
    // A non-streamed chat completion body.
    [[nodiscard]] static FakeOpenAiResponse completion(const QString& content, const QString& reasoning = {});
    [[nodiscard]] static FakeOpenAiResponse json(int status, const QByteArray& body);
    [[nodiscard]] static FakeOpenAiResponse error(int status, const QString& message);
    // Any bytes as an event-stream body.
    [[nodiscard]] static FakeOpenAiResponse rawStream(const QList<QByteArray>& pieces, int paceMs = 0);
    // Read the request, then never answer.
    [[nodiscard]] static FakeOpenAiResponse hang();
    // 200 with an event stream that only ever carries keep-alive comments.
    [[nodiscard]] static FakeOpenAiResponse keepAlivesOnly(int intervalMs);
    [[nodiscard]] static FakeOpenAiResponse models(const QStringList& ids);

    FakeOpenAiResponse& withHeader(const QByteArray& name, const QByteArray& value);
    FakeOpenAiResponse& withRetryAfter(const QByteArray& value) { return withHeader("Retry-After", value); }
    FakeOpenAiResponse& withPace(int ms);
    FakeOpenAiResponse& withKeepAlives(int count, int intervalMs = 0); // comments before the first event
    FakeOpenAiResponse& withLeadingBlankLines(int count, int intervalMs = 0); // before a JSON body
    FakeOpenAiResponse& withReasoning(const QStringList& parts); // reasoning_content chunks first
    FakeOpenAiResponse& withFinishReason(const QString& reason);
    FakeOpenAiResponse& withModel(const QString& model);
    FakeOpenAiResponse& withUsage(const QJsonObject& usage); // empty object: no usage chunk
    FakeOpenAiResponse& withoutDone();
    FakeOpenAiResponse& withRawAfterTokens(int tokens, const QByteArray& raw); // e.g. "data: {oops\n\n"
    FakeOpenAiResponse& cutAfterTokens(int tokens); // close the connection after that many content chunks
    FakeOpenAiResponse& withFraming(Framing framing);
    FakeOpenAiResponse& withLineEnding(const QByteArray& ending); // "\n" (default), "\r\n" or "\r"

    [[nodiscard]] int status() const { return m_status; }
    [[nodiscard]] Framing framing() const { return m_framing; }
    [[nodiscard]] Ending ending() const { return m_ending; }
    [[nodiscard]] int paceMs() const { return m_paceMs; }
    [[nodiscard]] const QByteArray& contentType() const { return m_contentType; }
    [[nodiscard]] const QList<QPair<QByteArray, QByteArray>>& headers() const { return m_headers; }
    [[nodiscard]] QList<Piece> pieces() const;

    [[nodiscard]] static QJsonObject defaultUsage();

private:
    enum class Kind { Stream, Body, Raw, Hang, KeepAlives };

    [[nodiscard]] QByteArray event(const QJsonObject& object) const;
    [[nodiscard]] QJsonObject chunk(const QJsonObject& delta, const QJsonValue& finishReason) const;

    Kind m_kind = Kind::Stream;
    int m_status = 200;
    QByteArray m_contentType = "text/event-stream";
    QList<QPair<QByteArray, QByteArray>> m_headers;
    Framing m_framing = Framing::Chunked;
    Ending m_ending = Ending::Complete;
    QStringList m_tokens;
    QStringList m_reasoning;
    QList<QByteArray> m_raw;
    QList<QPair<int, QByteArray>> m_rawAfterTokens;
    QByteArray m_body;
    QByteArray m_lineEnding = "\n";
    QString m_finishReason = QStringLiteral("stop");
    QString m_model = QStringLiteral("fake-model");
    QJsonObject m_usage = defaultUsage();
    int m_paceMs = 0;
    int m_keepAlives = 0;
    int m_keepAliveIntervalMs = 0;
    int m_blankLines = 0;
    int m_blankLineIntervalMs = 0;
    int m_cutAfterTokens = -1;
    bool m_done = true;
};

} // namespace pc
