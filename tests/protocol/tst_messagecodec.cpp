#include "MessageCodec.h"
#include "TemplateFormat.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace pc;
using namespace Qt::Literals::StringLiterals;

class TestMessageCodec : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void clientRoundTrip_data();
    void clientRoundTrip();
    void clientMalformed_data();
    void clientMalformed();
    void serverRoundTrip_data();
    void serverRoundTrip();
    void serverLegacyVariants_data();
    void serverLegacyVariants();
    void serverUnknownTypeIsTyped();
    void answerReasoning_data();
    void answerReasoning();
    void answerWithoutReasoningLeavesItOut();
    void depthLimit_data();
    void depthLimit();
    void timestampsAreIsoUtcWithMilliseconds();
};

void TestMessageCodec::clientRoundTrip_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("expected"); // canonical encoding of the decoded message

    QTest::newRow("chat_message")
        << R"({"type":"chat_message","content":"Hi","message_id":"m1","timestamp":"2026-01-01T00:00:00Z","session_id":"x"})"_ba
        << R"({"type":"chat_message","content":"Hi","message_id":"m1"})"_ba;
    QTest::newRow("chat_message without id") << R"({"type":"chat_message","content":"Hi"})"_ba
                                             << R"({"type":"chat_message","content":"Hi"})"_ba;
    QTest::newRow("chat_message at max length")
        << (R"({"type":"chat_message","content":")" + QByteArray(MaxChatContentLength, 'a') + R"("})")
        << (R"({"type":"chat_message","content":")" + QByteArray(MaxChatContentLength, 'a') + R"("})");
    QTest::newRow("optimize_prompt")
        << R"({"type":"optimize_prompt","prompt":"write about dogs","context":{"a":1},"optimization_type":"clarity"})"_ba
        << R"({"type":"optimize_prompt","prompt":"write about dogs","context":{"a":1},"optimization_type":"clarity"})"_ba;
    QTest::newRow("optimize_prompt default type")
        << R"({"type":"optimize_prompt","prompt":"p"})"_ba
        << R"({"type":"optimize_prompt","prompt":"p","optimization_type":"enhancement"})"_ba;
    QTest::newRow("save_conversation_as_template")
        << R"({"type":"save_conversation_as_template","title":"T","category":"C","include_ai_responses":true,"description":"D"})"_ba
        << R"({"type":"save_conversation_as_template","title":"T","category":"C","include_ai_responses":true,"description":"D"})"_ba;
    QTest::newRow("ping") << R"({"type":"ping","timestamp":"2026-11-25T10:00:00.000Z"})"_ba
                          << R"({"type":"ping","timestamp":"2026-11-25T10:00:00.000Z"})"_ba;
    QTest::newRow("ping bare") << R"({"type":"ping"})"_ba
                               << R"({"type":"ping"})"_ba;
    QTest::newRow("cancel_generation") << R"({"type":"cancel_generation","message_id":"m1"})"_ba
                                       << R"({"type":"cancel_generation","message_id":"m1"})"_ba;
    QTest::newRow("sync") << R"({"type":"sync","after":"a1"})"_ba
                          << R"({"type":"sync","after":"a1"})"_ba;
    QTest::newRow("sync from start") << R"({"type":"sync"})"_ba
                                     << R"({"type":"sync"})"_ba;
    QTest::newRow("list_templates")
        << R"({"type":"list_templates","category":"Business","query":"email"})"_ba
        << R"({"type":"list_templates","category":"Business","query":"email"})"_ba;
    QTest::newRow("dismiss_template_opportunity")
        << R"({"type":"dismiss_template_opportunity","scope":"once"})"_ba
        << R"({"type":"dismiss_template_opportunity","scope":"once"})"_ba;
    QTest::newRow("dismiss default scope")
        << R"({"type":"dismiss_template_opportunity"})"_ba
        << R"({"type":"dismiss_template_opportunity","scope":"conversation"})"_ba;
}

void TestMessageCodec::clientRoundTrip()
{
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, expected);
    const auto decoded = MessageCodec::decodeClientMessage(input);
    QVERIFY2(decoded.ok(), qPrintable(decoded.ok() ? QString() : decoded.error().message));
    QCOMPARE(MessageCodec::toJson(decoded.value()), QJsonDocument::fromJson(expected).object());
    const auto again = MessageCodec::decodeClientMessage(MessageCodec::encode(decoded.value()));
    QVERIFY(again.ok());
    QCOMPARE(MessageCodec::toJson(again.value()), MessageCodec::toJson(decoded.value()));
}

void TestMessageCodec::clientMalformed_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QString>("code");

    QTest::newRow("not json") << "hello"_ba << u"invalid_json"_s;
    QTest::newRow("empty") << ""_ba << u"invalid_json"_s;
    QTest::newRow("truncated") << R"({"type":"chat_message","content":"x")"_ba << u"invalid_json"_s;
    QTest::newRow("array") << R"([1,2,3])"_ba << u"invalid_json"_s;
    QTest::newRow("number") << "42"_ba << u"invalid_json"_s;
    QTest::newRow("string") << R"("chat_message")"_ba << u"invalid_json"_s;
    QTest::newRow("invalid utf-8") << "{\"type\":\"chat_message\",\"content\":\"\xff\xfe\"}"_ba
                                   << u"invalid_json"_s;
    QTest::newRow("missing type") << R"({"content":"x"})"_ba << u"invalid_message"_s;
    QTest::newRow("type not string") << R"({"type":5})"_ba << u"invalid_message"_s;
    QTest::newRow("empty type") << R"({"type":""})"_ba << u"invalid_message"_s;
    QTest::newRow("unknown type") << R"({"type":"launch_rockets"})"_ba << u"unknown_type"_s;
    QTest::newRow("missing content") << R"({"type":"chat_message"})"_ba << u"invalid_message"_s;
    QTest::newRow("null content") << R"({"type":"chat_message","content":null})"_ba << u"invalid_message"_s;
    QTest::newRow("content not string")
        << R"({"type":"chat_message","content":{"a":1}})"_ba << u"invalid_message"_s;
    QTest::newRow("blank content") << R"({"type":"chat_message","content":"   "})"_ba << u"invalid_message"_s;
    QTest::newRow("content too long")
        << (R"({"type":"chat_message","content":")" + QByteArray(MaxChatContentLength + 1, 'a') + R"("})")
        << u"message_too_large"_s;
    QTest::newRow("200 KB content") << (R"({"type":"chat_message","content":")" +
                                        QByteArray(200 * 1024, 'a') + R"("})")
                                    << u"message_too_large"_s;
    QTest::newRow("message_id not string")
        << R"({"type":"chat_message","content":"x","message_id":7})"_ba << u"invalid_message"_s;
    QTest::newRow("message_id too long")
        << (R"({"type":"chat_message","content":"x","message_id":")" + QByteArray(129, 'a') + R"("})")
        << u"invalid_message"_s;
    QTest::newRow("optimize without prompt") << R"({"type":"optimize_prompt"})"_ba << u"invalid_message"_s;
    QTest::newRow("optimize bad kind")
        << R"({"type":"optimize_prompt","prompt":"p","optimization_type":"magic"})"_ba
        << u"invalid_message"_s;
    QTest::newRow("optimize context not object")
        << R"({"type":"optimize_prompt","prompt":"p","context":"x"})"_ba << u"invalid_message"_s;
    QTest::newRow("save without title")
        << R"({"type":"save_conversation_as_template","category":"c"})"_ba << u"invalid_message"_s;
    QTest::newRow("save include not bool")
        << R"({"type":"save_conversation_as_template","title":"t","include_ai_responses":"yes"})"_ba
        << u"invalid_message"_s;
    QTest::newRow("cancel without id") << R"({"type":"cancel_generation"})"_ba << u"invalid_message"_s;
    QTest::newRow("sync after not string") << R"({"type":"sync","after":[1]})"_ba << u"invalid_message"_s;
    QTest::newRow("dismiss bad scope")
        << R"({"type":"dismiss_template_opportunity","scope":"forever"})"_ba << u"invalid_message"_s;
    QTest::newRow("nested 65 deep") << (R"({"type":"ping","x":)" + QByteArray(64, '[') + QByteArray(64, ']') +
                                        "}")
                                    << u"invalid_json"_s;
    QTest::newRow("nested 1025 deep") << (QByteArray(1025, '[') + QByteArray(1025, ']')) << u"invalid_json"_s;
}

void TestMessageCodec::clientMalformed()
{
    QFETCH(QByteArray, input);
    QFETCH(QString, code);
    const auto decoded = MessageCodec::decodeClientMessage(input);
    QVERIFY(!decoded.ok());
    QCOMPARE(errorCodeName(decoded.error().code), code);
    QVERIFY(!decoded.error().message.isEmpty());
    QVERIFY(decoded.error().message.size() < 300); // never echoes a huge input back
}

void TestMessageCodec::serverRoundTrip_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::newRow("connection_ack")
        << R"({"type":"connection_ack","session_id":"s1","authenticated":true,"user_id":"42","protocol_version":1,"server":{"name":"promptcraft-engine","version":"0.1.0"},"features":{"template_creation":true,"ai_optimization":true,"langchain_fallback":false,"streaming":true,"sync":true,"cancel":true},"timestamp":"2026-11-25T10:00:00.000Z"})"_ba;
    QTest::newRow("connection_ack anonymous")
        << R"({"type":"connection_ack","session_id":"s1","authenticated":false,"user_id":null,"protocol_version":1,"server":{"name":"e","version":"1"},"features":{"template_creation":false,"ai_optimization":false,"langchain_fallback":false,"streaming":false,"sync":false,"cancel":false},"timestamp":"2026-11-25T10:00:00.000Z"})"_ba;
    QTest::newRow("message")
        << R"({"type":"message","message_id":"a1","reply_to":"m1","content":"Hello","role":"assistant","timestamp":"2026-11-25T10:00:00.000Z","processing_time_ms":12,"provider":"deepseek","model":"deepseek-flash","status":"complete","usage":{"prompt_tokens":10,"completion_tokens":5,"cached_tokens":3}})"_ba;
    QTest::newRow("message interrupted")
        << R"({"type":"message","message_id":"a1","reply_to":"m1","content":"Hel","role":"assistant","timestamp":"2026-11-25T10:00:00.000Z","processing_time_ms":12,"provider":"deepseek","model":"m","status":"interrupted"})"_ba;
    QTest::newRow("message offline")
        << R"({"type":"message","message_id":"a1","reply_to":"m1","content":"No provider","role":"assistant","timestamp":"2026-11-25T10:00:00.000Z","processing_time_ms":0,"provider":"offline","model":"","status":"offline"})"_ba;
    QTest::newRow("message with notice")
        << R"({"type":"message","message_id":"a1","reply_to":"m1","content":"x","role":"assistant","timestamp":"2026-11-25T10:00:00.000Z","processing_time_ms":0,"provider":"ollama","model":"m","status":"complete","notice":"DeepSeek is busy; answered by ollama"})"_ba;
    QTest::newRow("message with reasoning")
        << R"({"type":"message","message_id":"a1","reply_to":"m1","content":"4","role":"assistant","timestamp":"2026-11-25T10:00:00.000Z","processing_time_ms":0,"provider":"deepseek","model":"deepseek-reasoner","status":"complete","reasoning":"2 + 2: add the units.\nThat is 4."})"_ba;
    QTest::newRow("message with suggestions")
        << R"({"type":"message","message_id":"a1","reply_to":"m1","content":"x","role":"assistant","timestamp":"2026-11-25T10:00:00.000Z","processing_time_ms":0,"provider":"p","model":"m","status":"complete","template_suggestions":[{"title":"T","description":"D","category":"C","confidence":0.5,"reasoning":"R"}]})"_ba;
    QTest::newRow("user echo")
        << R"({"type":"message","message_id":"m1","content":"Hi","role":"user","timestamp":"2026-11-25T10:00:00.000Z"})"_ba;
    QTest::newRow("message_delta")
        << R"({"type":"message_delta","message_id":"a1","reply_to":"m1","index":3,"delta":"lo"})"_ba;
    QTest::newRow("template_opportunity")
        << R"({"type":"template_opportunity","suggestion":{"title":"T","description":"D","category":"C","confidence":0.75,"reasoning":"R"},"timestamp":"2026-11-25T10:00:00.000Z"})"_ba;
    QTest::newRow("optimization_result")
        << R"({"type":"optimization_result","original_prompt":"a","optimized_prompt":"b","improvements":["x"],"suggestions":["y"],"confidence":0.5,"optimization_type":"specificity","provider":"rules","processing_time_ms":3,"timestamp":"2026-11-25T10:00:00.000Z"})"_ba;
    QTest::newRow("pong") << R"({"type":"pong","timestamp":"2026-11-25T10:00:00.000Z","latency_ms":4})"_ba;
    QTest::newRow("pong without latency") << R"({"type":"pong","timestamp":"2026-11-25T10:00:00.000Z"})"_ba;
    QTest::newRow("heartbeat") << R"({"type":"heartbeat","timestamp":"2026-11-25T10:00:00.000Z"})"_ba;
    QTest::newRow("error")
        << R"({"type":"error","error":"rate_limited","message":"slow down","reply_to":"m1","retry_after":12,"timestamp":"2026-11-25T10:00:00.000Z"})"_ba;
    QTest::newRow("typing_start") << R"({"type":"typing_start"})"_ba;
    QTest::newRow("typing_stop") << R"({"type":"typing_stop"})"_ba;
    QTest::newRow("templates") << R"({"type":"templates","templates":[]})"_ba;
}

void TestMessageCodec::serverRoundTrip()
{
    QFETCH(QByteArray, json);
    const auto decoded = MessageCodec::decodeServerMessage(json);
    QVERIFY2(decoded.ok(), qPrintable(decoded.ok() ? QString() : decoded.error().message));
    QCOMPARE(MessageCodec::toJson(decoded.value()), QJsonDocument::fromJson(json).object());
}

void TestMessageCodec::serverLegacyVariants_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("decodedAs");
    QTest::newRow("conversation_template_created")
        << R"({"type":"conversation_template_created","template":{"id":7,"title":"T","description":"D","category":"C"},"source":"conversation","message_count":4,"message":"ok"})"_ba
        << u"template_created"_s;
    QTest::newRow("error with only message")
        << R"({"type":"error","message":"Something failed"})"_ba << u"error"_s;
    QTest::newRow("message without status or reply_to")
        << R"({"type":"message","message_id":"x","content":"Hi","role":"assistant","timestamp":"2026-01-01T00:00:00Z","processing_time_ms":5})"_ba
        << u"message"_s;
    QTest::newRow("numeric message id")
        << R"({"type":"message","message_id":12,"content":"Hi","role":"assistant"})"_ba << u"message"_s;
    QTest::newRow("connection_ack minimal guide shape")
        << R"({"type":"connection_ack","session_id":"s","authenticated":true,"features":{"template_creation":true,"ai_optimization":true,"langchain_fallback":true}})"_ba
        << u"connection_ack"_s;
}

void TestMessageCodec::serverLegacyVariants()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, decodedAs);
    const auto decoded = MessageCodec::decodeServerMessage(json);
    QVERIFY2(decoded.ok(), qPrintable(decoded.ok() ? QString() : decoded.error().message));
    QCOMPARE(MessageCodec::typeName(decoded.value()), decodedAs);
    if (const auto* created = std::get_if<TemplateCreated>(&decoded.value())) {
        QCOMPARE(created->tmpl.id, u"7"_s);
        QCOMPARE(created->tmpl.title, u"T"_s);
        QCOMPARE(created->messageCount, 4);
    }
    if (const auto* error = std::get_if<ErrorReply>(&decoded.value())) {
        QVERIFY(!error->code.has_value());
        QCOMPARE(error->message, u"Something failed"_s);
    }
}

void TestMessageCodec::serverUnknownTypeIsTyped()
{
    const auto decoded = MessageCodec::decodeServerMessage(R"({"type":"brand_new_feature","x":1})");
    QVERIFY(!decoded.ok());
    QCOMPARE(decoded.error().code, ErrorCode::UnknownType);
}

// The `reasoning` extension of `message`: an optional string of bounded length, like `notice`.
void TestMessageCodec::answerReasoning_data()
{
    QTest::addColumn<QByteArray>("reasoningJson"); // the value of "reasoning", or empty for none
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QString>("expected");
    QTest::newRow("absent") << QByteArray() << true << QString();
    QTest::newRow("null") << "null"_ba << true << QString();
    QTest::newRow("empty") << R"("")"_ba << true << QString();
    QTest::newRow("text") << R"("First, \u00e9tudier.")"_ba << true << u"First, \u00e9tudier."_s;
    QTest::newRow("at the limit") << ('"' + QByteArray(MaxReasoningLength, 'r') + '"') << true
                                  << QString(MaxReasoningLength, u'r');
    QTest::newRow("over the limit") << ('"' + QByteArray(MaxReasoningLength + 1, 'r') + '"') << false
                                    << QString();
    QTest::newRow("number") << "42"_ba << false << QString();
    QTest::newRow("object") << R"({"text":"x"})"_ba << false << QString();
    QTest::newRow("list") << R"(["a","b"])"_ba << false << QString();
    QTest::newRow("bool") << "true"_ba << false << QString();
}

void TestMessageCodec::answerReasoning()
{
    QFETCH(QByteArray, reasoningJson);
    QFETCH(bool, valid);
    QFETCH(QString, expected);
    QByteArray json =
        R"({"type":"message","message_id":"a1","reply_to":"m1","content":"x","role":"assistant")"_ba;
    if (!reasoningJson.isEmpty())
        json += R"(,"reasoning":)" + reasoningJson;
    json += '}';
    const auto decoded = MessageCodec::decodeServerMessage(json);
    if (!valid) {
        QVERIFY(!decoded.ok());
        QCOMPARE(decoded.error().code, ErrorCode::InvalidMessage);
        QVERIFY2(decoded.error().message.contains(u"reasoning"_s), qPrintable(decoded.error().message));
        return;
    }
    QVERIFY2(decoded.ok(), qPrintable(decoded.ok() ? QString() : decoded.error().message));
    const auto* answer = std::get_if<AssistantMessage>(&decoded.value());
    QVERIFY(answer);
    QCOMPARE(answer->reasoning, expected);
    QCOMPARE(answer->content, u"x"_s);
}

void TestMessageCodec::answerWithoutReasoningLeavesItOut()
{
    // Clients that do not know the extension never see the field unless there is reasoning.
    AssistantMessage answer;
    answer.messageId = u"a1"_s;
    answer.replyTo = u"m1"_s;
    answer.content = u"Hello"_s;
    QVERIFY(!MessageCodec::toJson(ServerMessage{answer}).contains(u"reasoning"));
    answer.reasoning = u"Greet back."_s;
    const QJsonObject withReasoning = MessageCodec::toJson(ServerMessage{answer});
    QCOMPARE(withReasoning.value(u"reasoning").toString(), u"Greet back."_s);
    QCOMPARE(withReasoning.value(u"content").toString(), u"Hello"_s);
}

void TestMessageCodec::depthLimit_data()
{
    QTest::addColumn<int>("depth");
    QTest::addColumn<bool>("exceeds");
    QTest::newRow("1") << 1 << false;
    QTest::newRow("64") << 64 << false;
    QTest::newRow("65") << 65 << true;
    QTest::newRow("100000") << 100000 << true;
}

void TestMessageCodec::depthLimit()
{
    QFETCH(int, depth);
    QFETCH(bool, exceeds);
    const QByteArray json = QByteArray(depth, '[') + QByteArray(depth, ']');
    QCOMPARE(MessageCodec::exceedsDepth(json, MaxJsonDepth), exceeds);
    // Brackets inside strings do not count.
    const QByteArray inString = "{\"a\":\"" + QByteArray(200, '[') + "\\\"\"}";
    QVERIFY(!MessageCodec::exceedsDepth(inString, MaxJsonDepth));
}

void TestMessageCodec::timestampsAreIsoUtcWithMilliseconds()
{
    const QDateTime t = QDateTime::fromMSecsSinceEpoch(1'764'064'800'123, Qt::UTC);
    QCOMPARE(MessageCodec::formatTimestamp(t), u"2025-11-25T10:00:00.123Z"_s);
    const QByteArray encoded = MessageCodec::encode(ServerMessage{Heartbeat{t}});
    QCOMPARE(encoded, R"({"timestamp":"2025-11-25T10:00:00.123Z","type":"heartbeat"})"_ba);
}

QTEST_GUILESS_MAIN(TestMessageCodec)
#include "tst_messagecodec.moc"
