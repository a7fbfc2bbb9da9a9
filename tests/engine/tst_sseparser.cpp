#include "ai/OpenAiStreamDecoder.h"
#include "ai/SseParser.h"

#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace pc;

namespace {

using Events = QList<SseEvent>;

SseEvent data(const QByteArray& payload, const QByteArray& event = {}, const QByteArray& id = {}) {
    return SseEvent{event, payload, id};
}

// Feeds the input in the given piece sizes (0: all at once), then finish().
Events parse(const QByteArray& input, int pieceSize) {
    SseParser parser;
    Events out;
    if (pieceSize <= 0) {
        out += parser.feed(input);
    } else {
        for (qsizetype i = 0; i < input.size(); i += pieceSize)
            out += parser.feed(
                QByteArrayView(input).sliced(i, std::min<qsizetype>(pieceSize, input.size() - i)));
    }
    out += parser.finish();
    return out;
}

} // namespace

class TestSseParser : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void events_data();
    void events();
    void everySplitPoint_data();
    void everySplitPoint();
    void commentsAreCounted();
    void oversizedEventIsDropped();
    void crAtPieceEndThenLf();

    void decodeData_data();
    void decodeData();
    void decodeUsage();
    void decodeBody_data();
    void decodeBody();
    void errorMessage_data();
    void errorMessage();
};

void TestSseParser::events_data() {
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<Events>("expected");

    QTest::newRow("lf") << "data: {\"a\":1}\n\n"_ba << Events{data("{\"a\":1}")};
    QTest::newRow("crlf") << "data: x\r\n\r\ndata: y\r\n\r\n"_ba << Events{data("x"), data("y")};
    QTest::newRow("cr") << "data: x\r\rdata: y\r\r"_ba << Events{data("x"), data("y")};
    QTest::newRow("mixed endings") << "data: a\r\n\ndata: b\r\r\n"_ba << Events{data("a"), data("b")};
    QTest::newRow("keep-alive comments skipped")
        << ": keep-alive\n\n: keep-alive\n\ndata: x\n\n: keep-alive\n\n"_ba << Events{data("x")};
    QTest::newRow("comment inside event") << "data: a\n: ping\ndata: b\n\n"_ba << Events{data("a\nb")};
    QTest::newRow("only blank lines") << "\n\n\r\n\r\r\n"_ba << Events{};
    QTest::newRow("blank lines between events")
        << "\n\ndata: a\n\n\n\n\ndata: b\n\n"_ba << Events{data("a"), data("b")};
    QTest::newRow("multi-line data") << "data: line one\ndata: line two\ndata:\n\n"_ba
                                     << Events{data("line one\nline two\n")};
    QTest::newRow("no space after colon") << "data:x\n\n"_ba << Events{data("x")};
    QTest::newRow("only one space stripped") << "data:  x\n\n"_ba << Events{data(" x")};
    QTest::newRow("done marker") << "data: {\"a\":1}\n\ndata: [DONE]\n\n"_ba
                                 << Events{data("{\"a\":1}"), data("[DONE]")};
    QTest::newRow("event and id fields")
        << "event: error\nid: 7\ndata: {}\n\n"_ba << Events{data("{}", "error", "7")};
    QTest::newRow("event type resets, id persists")
        << "event: a\nid: 1\ndata: x\n\ndata: y\n\n"_ba << Events{data("x", "a", "1"), data("y", {}, "1")};
    QTest::newRow("retry and unknown fields ignored")
        << "retry: 100\nfoo: bar\ndata: x\n\n"_ba << Events{data("x")};
    QTest::newRow("field without colon") << "data\n\n"_ba << Events{data("")};
    QTest::newRow("event without data is not dispatched") << "event: ping\n\n"_ba << Events{};
    QTest::newRow("utf-8 bom") << "\xEF\xBB\xBF"
                                  "data: x\n\n"_ba
                               << Events{data("x")};
    QTest::newRow("utf-8 payload") << "data: {\"c\":\"h\xC3\xA9\"}\n\n"_ba
                                   << Events{data("{\"c\":\"h\xC3\xA9\"}")};
    QTest::newRow("complete line without blank line at eof") << "data: [DONE]\n"_ba << Events{data("[DONE]")};
    QTest::newRow("unterminated line at eof is dropped") << "data: x\n\ndata: {\"cho"_ba << Events{data("x")};
    QTest::newRow("empty") << QByteArray() << Events{};
}

void TestSseParser::events() {
    QFETCH(QByteArray, input);
    QFETCH(Events, expected);
    QCOMPARE(parse(input, 0), expected);
    QCOMPARE(parse(input, 1), expected);
    QCOMPARE(parse(input, 3), expected);
}

void TestSseParser::everySplitPoint_data() {
    QTest::addColumn<QByteArray>("input");
    QTest::newRow("crlf stream") << ": keep-alive\r\n\r\ndata: {\"x\":\"a\"}\r\n\r\ndata: [DONE]\r\n\r\n"_ba;
    QTest::newRow("cr stream") << ": keep-alive\r\rdata: a\rdata: b\r\rdata: [DONE]\r\r"_ba;
}

void TestSseParser::everySplitPoint() {
    QFETCH(QByteArray, input);
    const Events expected = parse(input, 0);
    QCOMPARE(expected.size(), 2);
    for (qsizetype split = 1; split < input.size(); ++split) {
        SseParser parser;
        Events out = parser.feed(QByteArrayView(input).first(split));
        out += parser.feed(QByteArrayView(input).sliced(split));
        out += parser.finish();
        QVERIFY2(out == expected, QByteArray::number(split).constData());
    }
}

void TestSseParser::commentsAreCounted() {
    SseParser parser;
    QVERIFY(parser.feed(": keep-alive\n\n: keep-alive\n\n").isEmpty());
    QCOMPARE(parser.commentCount(), 2);
}

void TestSseParser::oversizedEventIsDropped() {
    SseParser parser(16);
    const Events out = parser.feed("data: 0123456789abcdefghij\n\ndata: ok\n\n");
    QVERIFY(parser.overflowed());
    QCOMPARE(out, Events{data("ok")});
}

void TestSseParser::crAtPieceEndThenLf() {
    SseParser parser;
    Events out = parser.feed("data: a\r");
    out += parser.feed("\n\r");
    out += parser.feed("\n");
    QCOMPARE(out, Events{data("a")});
}

void TestSseParser::decodeData_data() {
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("content");
    QTest::addColumn<QString>("reasoning");
    QTest::addColumn<QString>("finishReason");
    QTest::addColumn<bool>("done");
    QTest::addColumn<bool>("hasUsage");
    QTest::addColumn<int>("errorCode");

    const int none = -1;
    QTest::newRow("content delta")
        << R"({"id":"1","model":"m","choices":[{"index":0,"delta":{"content":"Hel"},"finish_reason":null}]})"_ba
        << true << u"Hel"_s << QString() << QString() << false << false << none;
    QTest::newRow("role chunk with empty content")
        << R"({"id":"1","choices":[{"index":0,"delta":{"role":"assistant","content":""}}]})"_ba << true
        << QString() << QString() << QString() << false << false << none;
    QTest::newRow("reasoning delta")
        << R"({"id":"1","choices":[{"delta":{"reasoning_content":"think","content":null}}]})"_ba << true
        << QString() << u"think"_s << QString() << false << false << none;
    QTest::newRow("finish reason")
        << R"({"id":"1","choices":[{"delta":{"content":""},"finish_reason":"stop"}]})"_ba << true << QString()
        << QString() << u"stop"_s << false << false << none;
    QTest::newRow("insufficient_system_resource")
        << R"({"id":"1","choices":[{"delta":{},"finish_reason":"insufficient_system_resource"}]})"_ba << true
        << QString() << QString() << u"insufficient_system_resource"_s << false << false << none;
    QTest::newRow("usage chunk with empty choices")
        << R"({"id":"1","choices":[],"usage":{"prompt_tokens":5,"completion_tokens":2}})"_ba << true
        << QString() << QString() << QString() << false << true << none;
    QTest::newRow("usage chunk without choices")
        << R"({"id":"1","usage":{"prompt_tokens":5,"completion_tokens":2}})"_ba << true << QString()
        << QString() << QString() << false << true << none;
    QTest::newRow("done") << "[DONE]"_ba << true << QString() << QString() << QString() << true << false
                          << none;
    QTest::newRow("done with spaces")
        << " [DONE] "_ba << true << QString() << QString() << QString() << true << false << none;
    QTest::newRow("error body") << R"({"error":{"message":"Model overloaded","type":"server_error"}})"_ba
                                << false << QString() << QString() << QString() << false << false
                                << int(ErrorCode::ProviderUnavailable);
    QTest::newRow("keep-alive text") << ": keep-alive"_ba << false << QString() << QString() << QString()
                                     << false << false << int(ErrorCode::InvalidJson);
    QTest::newRow("truncated json") << R"({"choices":[{"delta":{"cont)"_ba << false << QString() << QString()
                                    << QString() << false << false << int(ErrorCode::InvalidJson);
    QTest::newRow("json array") << "[1,2]"_ba << false << QString() << QString() << QString() << false
                                << false << int(ErrorCode::InvalidJson);
    QTest::newRow("empty") << ""_ba << false << QString() << QString() << QString() << false << false
                           << int(ErrorCode::InvalidJson);
    QTest::newRow("not a chunk") << R"({"hello":"world"})"_ba << false << QString() << QString() << QString()
                                 << false << false << int(ErrorCode::InvalidJson);
    QTest::newRow("choices not an array")
        << R"({"id":"1","choices":{}})"_ba << false << QString() << QString() << QString() << false << false
        << int(ErrorCode::InvalidJson);
    QTest::newRow("content not a string")
        << R"({"id":"1","choices":[{"delta":{"content":5}}]})"_ba << false << QString() << QString()
        << QString() << false << false << int(ErrorCode::InvalidJson);
}

void TestSseParser::decodeData() {
    QFETCH(QByteArray, payload);
    QFETCH(bool, ok);
    QFETCH(QString, content);
    QFETCH(QString, reasoning);
    QFETCH(QString, finishReason);
    QFETCH(bool, done);
    QFETCH(bool, hasUsage);
    QFETCH(int, errorCode);

    const auto chunk = OpenAiStreamDecoder::decodeData(payload);
    QCOMPARE(chunk.ok(), ok);
    if (!ok) {
        QCOMPARE(int(chunk.error().code), errorCode);
        QVERIFY(!chunk.error().message.isEmpty());
        return;
    }
    QCOMPARE(chunk->content, content);
    QCOMPARE(chunk->reasoning, reasoning);
    QCOMPARE(chunk->finishReason, finishReason);
    QCOMPARE(chunk->done, done);
    QCOMPARE(chunk->usage.has_value(), hasUsage);
}

void TestSseParser::decodeUsage() {
    const auto chunk = OpenAiStreamDecoder::decodeData(
        R"({"id":"1","choices":[],"usage":{"prompt_tokens":12,"completion_tokens":7,"total_tokens":19,
            "prompt_cache_hit_tokens":8,"prompt_cache_miss_tokens":4,
            "completion_tokens_details":{"reasoning_tokens":3}}})");
    QVERIFY(chunk.ok());
    QVERIFY(chunk->usage);
    QCOMPARE(chunk->usage->promptTokens, 12);
    QCOMPARE(chunk->usage->completionTokens, 7);
    QCOMPARE(chunk->usage->cacheHitTokens, 8);
    QCOMPARE(chunk->usage->cacheMissTokens, 4);
    QCOMPARE(chunk->usage->reasoningTokens, 3);

    const auto openAi = OpenAiStreamDecoder::decodeData(
        R"({"id":"1","choices":[],"usage":{"prompt_tokens":10,"completion_tokens":1,
            "prompt_tokens_details":{"cached_tokens":6}}})");
    QVERIFY(openAi.ok());
    QCOMPARE(openAi->usage->cacheHitTokens, 6);
    QCOMPARE(openAi->usage->cacheMissTokens, 4);

    const auto absurd = OpenAiStreamDecoder::decodeData(
        R"({"id":"1","choices":[],"usage":{"prompt_tokens":1e300,"completion_tokens":-5}})");
    QVERIFY(absurd.ok());
    QVERIFY(absurd->usage->promptTokens > 0);
    QCOMPARE(absurd->usage->completionTokens, 0);
}

void TestSseParser::decodeBody_data() {
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("content");
    QTest::addColumn<QString>("reasoning");

    const QByteArray completion =
        R"({"id":"1","model":"deepseek-flash","choices":[{"index":0,"message":{"role":"assistant","content":"Hi","reasoning_content":"r"},"finish_reason":"stop"}],"usage":{"prompt_tokens":3,"completion_tokens":1}})"_ba;
    QTest::newRow("plain") << completion << true << u"Hi"_s << u"r"_s;
    QTest::newRow("leading blank lines") << "\n\n\n"_ba + completion << true << u"Hi"_s << u"r"_s;
    QTest::newRow("leading whitespace and crlf")
        << " \r\n\t\r\n"_ba + completion + "\n"_ba << true << u"Hi"_s << u"r"_s;
    QTest::newRow("only blank lines") << "\n\n\n"_ba << false << QString() << QString();
    QTest::newRow("error body") << R"({"error":{"message":"Insufficient Balance"}})"_ba << false << QString()
                                << QString();
    QTest::newRow("no choices") << R"({"id":"1"})"_ba << false << QString() << QString();
    QTest::newRow("garbage") << "<html>502</html>"_ba << false << QString() << QString();
}

void TestSseParser::decodeBody() {
    QFETCH(QByteArray, body);
    QFETCH(bool, ok);
    QFETCH(QString, content);
    QFETCH(QString, reasoning);
    const auto chunk = OpenAiStreamDecoder::decodeBody(body);
    QCOMPARE(chunk.ok(), ok);
    if (ok) {
        QCOMPARE(chunk->content, content);
        QCOMPARE(chunk->reasoning, reasoning);
        QCOMPARE(chunk->finishReason, u"stop"_s);
        QCOMPARE(chunk->model, u"deepseek-flash"_s);
        QVERIFY(chunk->usage);
    }
}

void TestSseParser::errorMessage_data() {
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("message");
    QTest::newRow("openai")
        << R"({"error":{"message":"Authentication Fails","type":"authentication_error"}})"_ba
        << u"Authentication Fails"_s;
    QTest::newRow("string error") << R"({"error":"model not found"})"_ba << u"model not found"_s;
    QTest::newRow("message") << "\n"
                                R"({"message":"busy"})"_ba
                             << u"busy"_s;
    QTest::newRow("detail") << R"({"detail":"Not Found"})"_ba << u"Not Found"_s;
    QTest::newRow("html") << "<html>Bad Gateway</html>"_ba << QString();
    QTest::newRow("empty") << QByteArray() << QString();
}

void TestSseParser::errorMessage() {
    QFETCH(QByteArray, body);
    QFETCH(QString, message);
    QCOMPARE(OpenAiStreamDecoder::errorMessage(body), message);
}

QTEST_GUILESS_MAIN(TestSseParser)
#include "tst_sseparser.moc"
