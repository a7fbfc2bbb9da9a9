#include "CompletionRecorder.h"
#include "FakeOpenAiServer.h"
#include "ai/ModelListJob.h"
#include "ai/OpenAiCompatibleProvider.h"
#include "ai/UpstreamFailure.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QSignalSpy>
#include <QSslSocket>
#include <QTest>
#include <QTimeZone>

#include <memory>

using namespace Qt::Literals::StringLiterals;
using namespace std::chrono_literals;
using namespace pc;

Q_DECLARE_METATYPE(pc::FailureKind)

namespace {

constexpr auto ApiKey = "sk-test-0123456789abcdef";

QStringList g_logLines;

void recordLog(QtMsgType, const QMessageLogContext&, const QString& message) {
    g_logLines.append(message);
}

} // namespace

class TestOpenAiProvider : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void cleanupTestCase();

    void requestShape();
    void requestWithoutKeyOrThinkingField();
    void thinkingFollowsRequestAndConfig();
    void jsonModeNonStreaming();
    void extraBodyCannotReplaceMessages();
    void endpointPaths_data();
    void endpointPaths();

    void streamsDeltasAndUsage();
    void reasoningIsSeparate();
    void keepAlivesBeforeTokensAreSkipped();
    void crlfStream();
    void blankLinesBeforeJsonBody();
    void serverIgnoringStreamFlag();
    void emptyJsonContentIsMalformed();
    void emptyStreamedAnswerIsMalformed();

    void httpErrors_data();
    void httpErrors();
    void retryAfterParsing_data();
    void retryAfterParsing();
    void apiKeyQuotedBackIsScrubbed();

    void connectionRefused();
    void acceptedButNeverAnswered();
    void connectTimeoutDuringTlsHandshake();
    void keepAlivesOnlyHitFirstTokenDeadline();
    void overallDeadline();
    void streamCutChunked();
    void streamCutCloseDelimited();
    void malformedDataLine();
    void malformedDataLineAfterTokens();
    void errorInsideStream();
    void insufficientSystemResource();
    void lengthFinishKeepsAnswer();

    void cancelAbortsAtOnce();
    void signalsAreAsynchronous();
    void fetchModels();
    void fetchModelsUnauthorized();

private:
    [[nodiscard]] ProviderConfig config(bool withKey = true) const;
    [[nodiscard]] static CompletionRequest chat(const QString& text = u"Hello"_s);
    // Starts a job and waits for its end; the recorder belongs to the test.
    [[nodiscard]] std::unique_ptr<CompletionRecorder>
    run(OpenAiCompatibleProvider& provider, const CompletionRequest& request, int timeoutMs = 5000);

    std::unique_ptr<FakeOpenAiServer> m_server;
};

void TestOpenAiProvider::initTestCase() {
    qRegisterMetaType<pc::Completion>();
    qRegisterMetaType<pc::CompletionFailure>();
    qInstallMessageHandler(recordLog);
    QLoggingCategory::setFilterRules(u"promptcraft.*=true"_s);
}

void TestOpenAiProvider::cleanupTestCase() {
    qInstallMessageHandler(nullptr);
    // Nothing this provider logged in the whole run may carry the key.
    for (const QString& line : std::as_const(g_logLines))
        QVERIFY2(!line.contains(QLatin1StringView(ApiKey)), qPrintable(line));
    QVERIFY(!g_logLines.isEmpty());
}

void TestOpenAiProvider::init() {
    m_server = std::make_unique<FakeOpenAiServer>();
    QVERIFY(m_server->listen());
}

void TestOpenAiProvider::cleanup() {
    m_server.reset();
}

ProviderConfig TestOpenAiProvider::config(bool withKey) const {
    ProviderConfig config;
    config.name = u"DeepSeek"_s;
    config.baseUrl = m_server->baseUrl(u""_s);
    config.model = u"deepseek-flash"_s;
    if (withKey)
        config.apiKey = QString::fromLatin1(ApiKey);
    config.thinkingField = true;
    config.connectTimeout = 500ms;
    config.idleTimeout = 1000ms;
    config.firstTokenTimeout = 1000ms;
    config.overallTimeout = 5000ms;
    return config;
}

CompletionRequest TestOpenAiProvider::chat(const QString& text) {
    CompletionRequest request;
    request.messages = {ChatTurn{ChatTurn::Role::System, u"You are terse."_s},
                        ChatTurn{ChatTurn::Role::User, text}};
    return request;
}

std::unique_ptr<CompletionRecorder> TestOpenAiProvider::run(OpenAiCompatibleProvider& provider,
                                                            const CompletionRequest& request, int timeoutMs) {
    CompletionJob* job = provider.start(request, this);
    auto recorder = std::make_unique<CompletionRecorder>(job);
    [&] { QTRY_VERIFY_WITH_TIMEOUT(recorder->ended(), timeoutMs); }();
    QTest::qWait(20); // nothing may follow the terminal signal
    [&] {
        QCOMPARE(recorder->terminalSignals(), 1);
        QCOMPARE(recorder->signalsAfterEnd(), 0);
    }();
    job->deleteLater();
    return recorder;
}

void TestOpenAiProvider::requestShape() {
    m_server->enqueue(FakeOpenAiResponse::stream({u"Hi"_s}));
    OpenAiCompatibleProvider provider(config());
    CompletionRequest request = chat();
    request.messages.append(ChatTurn{ChatTurn::Role::Assistant, u"Earlier answer"_s});
    request.messages.append(ChatTurn{ChatTurn::Role::User, u"And now?"_s});
    request.temperature = 1.3;
    request.maxTokens = 256;
    const auto result = run(provider, request);
    QVERIFY(result->completion());

    QCOMPARE(m_server->requestCount(), 1);
    const FakeOpenAiServer::Request& sent = m_server->requests().first();
    QCOMPARE(sent.method, "POST"_ba);
    QCOMPARE(sent.path, "/chat/completions"_ba);
    QCOMPARE(sent.header("authorization"), "Bearer "_ba + ApiKey);
    QVERIFY(sent.header("content-type").startsWith("application/json"));
    QCOMPARE(sent.header("accept"), "text/event-stream"_ba);
    const QJsonObject body = sent.json;
    QCOMPARE(body.value("model"_L1).toString(), u"deepseek-flash"_s);
    QCOMPARE(body.value("stream"_L1).toBool(), true);
    QCOMPARE(body.value("stream_options"_L1).toObject().value("include_usage"_L1).toBool(), true);
    QCOMPARE(body.value("thinking"_L1).toObject().value("type"_L1).toString(), u"disabled"_s);
    QCOMPARE(body.value("temperature"_L1).toDouble(), 1.3);
    QCOMPARE(body.value("max_tokens"_L1).toInt(), 256);
    QVERIFY(!body.contains("response_format"_L1));
    const QJsonArray messages = body.value("messages"_L1).toArray();
    QCOMPARE(messages.size(), 4);
    const QStringList roles{u"system"_s, u"user"_s, u"assistant"_s, u"user"_s};
    const QStringList contents{u"You are terse."_s, u"Hello"_s, u"Earlier answer"_s, u"And now?"_s};
    for (qsizetype i = 0; i < messages.size(); ++i) {
        QCOMPARE(messages.at(i).toObject().value("role"_L1).toString(), roles.at(i));
        QCOMPARE(messages.at(i).toObject().value("content"_L1).toString(), contents.at(i));
    }
}

void TestOpenAiProvider::requestWithoutKeyOrThinkingField() {
    m_server->enqueue(FakeOpenAiResponse::stream({u"Hi"_s}));
    ProviderConfig local = config(false);
    local.name = u"ollama"_s;
    local.baseUrl = m_server->baseUrl(u"/v1"_s);
    local.thinkingField = false;
    OpenAiCompatibleProvider provider(local);
    const auto result = run(provider, chat());
    QVERIFY(result->completion());
    const FakeOpenAiServer::Request& sent = m_server->requests().first();
    QCOMPARE(sent.path, "/v1/chat/completions"_ba);
    QVERIFY(!sent.headers.contains("authorization"));
    QVERIFY(!sent.json.contains("thinking"_L1));
    QVERIFY(!sent.json.contains("temperature"_L1));
    QVERIFY(!sent.json.contains("max_tokens"_L1));
    QCOMPARE(result->completion()->provider, u"ollama"_s);
}

void TestOpenAiProvider::thinkingFollowsRequestAndConfig() {
    ProviderConfig thinking = config();
    thinking.thinkingEnabled = true;
    OpenAiCompatibleProvider provider(thinking);
    CompletionRequest request = chat();
    QCOMPARE(provider.requestBody(request).value("thinking"_L1).toObject().value("type"_L1).toString(),
             u"enabled"_s);
    request.thinking = false;
    QCOMPARE(provider.requestBody(request).value("thinking"_L1).toObject().value("type"_L1).toString(),
             u"disabled"_s);

    OpenAiCompatibleProvider plain(config());
    request.thinking = true;
    QCOMPARE(plain.requestBody(request).value("thinking"_L1).toObject().value("type"_L1).toString(),
             u"enabled"_s);
    // The request body never carries the key.
    QVERIFY(!QJsonDocument(plain.requestBody(request)).toJson().contains(ApiKey));
}

void TestOpenAiProvider::jsonModeNonStreaming() {
    m_server->enqueue(FakeOpenAiResponse::completion(u"{\"ok\":true}"_s));
    OpenAiCompatibleProvider provider(config());
    CompletionRequest request = chat(u"Answer in json"_s);
    request.jsonMode = true;
    request.stream = false;
    const auto result = run(provider, request);
    QVERIFY(result->completion());
    QCOMPARE(result->completion()->content, u"{\"ok\":true}"_s);
    QVERIFY(result->completion()->usage);
    const QJsonObject body = m_server->requests().first().json;
    QCOMPARE(body.value("response_format"_L1).toObject().value("type"_L1).toString(), u"json_object"_s);
    QCOMPARE(body.value("stream"_L1).toBool(true), false);
    QVERIFY(!body.contains("stream_options"_L1));
    QCOMPARE(m_server->requests().first().header("accept"), "application/json"_ba);
}

void TestOpenAiProvider::extraBodyCannotReplaceMessages() {
    ProviderConfig extra = config();
    extra.extraBody = QJsonObject{{u"reasoning_effort"_s, u"high"_s},
                                  {u"messages"_s, QJsonArray{}},
                                  {u"stream"_s, false},
                                  {u"temperature"_s, 0.5}};
    OpenAiCompatibleProvider provider(extra);
    CompletionRequest request = chat();
    QJsonObject body = provider.requestBody(request);
    QCOMPARE(body.value("reasoning_effort"_L1).toString(), u"high"_s);
    QCOMPARE(body.value("messages"_L1).toArray().size(), 2);
    QCOMPARE(body.value("stream"_L1).toBool(), true);
    QCOMPARE(body.value("temperature"_L1).toDouble(), 0.5); // the config may set a default
    request.temperature = 1.0;
    body = provider.requestBody(request);
    QCOMPARE(body.value("temperature"_L1).toDouble(), 1.0); // the request wins
}

void TestOpenAiProvider::endpointPaths_data() {
    QTest::addColumn<QString>("base");
    QTest::addColumn<QString>("expected");
    QTest::newRow("root") << u"https://api.deepseek.com"_s << u"https://api.deepseek.com/chat/completions"_s;
    QTest::newRow("root slash") << u"https://api.deepseek.com/"_s
                                << u"https://api.deepseek.com/chat/completions"_s;
    QTest::newRow("v1") << u"https://api.deepseek.com/v1"_s
                        << u"https://api.deepseek.com/v1/chat/completions"_s;
    QTest::newRow("v1 slash") << u"http://127.0.0.1:11434/v1/"_s
                              << u"http://127.0.0.1:11434/v1/chat/completions"_s;
    QTest::newRow("double slash") << u"http://127.0.0.1:8080/v1//"_s
                                  << u"http://127.0.0.1:8080/v1/chat/completions"_s;
    QTest::newRow("full endpoint given")
        << u"http://localhost:1234/v1/chat/completions"_s << u"http://localhost:1234/v1/chat/completions"_s;
}

void TestOpenAiProvider::endpointPaths() {
    QFETCH(QString, base);
    QFETCH(QString, expected);
    QCOMPARE(OpenAiCompatibleProvider::endpoint(QUrl(base), u"chat/completions").toString(), expected);
    QCOMPARE(OpenAiCompatibleProvider::endpoint(QUrl(base), u"/models").toString(),
             expected.chopped(int(qstrlen("chat/completions"))) + u"models"_s);
}

void TestOpenAiProvider::streamsDeltasAndUsage() {
    const QStringList tokens{u"Hel"_s, u"lo"_s, u", "_s, u"wörld"_s};
    m_server->enqueue(FakeOpenAiResponse::stream(tokens, 10).withModel(u"deepseek-flash"_s));
    OpenAiCompatibleProvider provider(config());
    const auto result = run(provider, chat());
    QVERIFY(result->completion());
    QCOMPARE(result->deltas(), tokens);
    const Completion& completion = *result->completion();
    QCOMPARE(completion.content, tokens.join(QString()));
    QCOMPARE(completion.provider, u"DeepSeek"_s);
    QCOMPARE(completion.model, u"deepseek-flash"_s);
    QCOMPARE(completion.finishReason, u"stop"_s);
    QCOMPARE(completion.status, AnswerStatus::Complete);
    QVERIFY(completion.usage);
    QCOMPARE(completion.usage->promptTokens, 12);
    QCOMPARE(completion.usage->completionTokens, 7);
    QCOMPARE(completion.usage->cacheHitTokens, 8);
    QCOMPARE(completion.usage->cacheMissTokens, 4);
    QCOMPARE(completion.usage->reasoningTokens, 3);
}

void TestOpenAiProvider::reasoningIsSeparate() {
    m_server->enqueue(FakeOpenAiResponse::stream({u"Answer"_s}).withReasoning({u"Let me "_s, u"think."_s}));
    ProviderConfig thinking = config();
    thinking.thinkingEnabled = true;
    OpenAiCompatibleProvider provider(thinking);
    const auto result = run(provider, chat());
    QVERIFY(result->completion());
    QCOMPARE(result->reasoningDeltas(), (QStringList{u"Let me "_s, u"think."_s}));
    QCOMPARE(result->completion()->reasoning, u"Let me think."_s);
    QCOMPARE(result->completion()->content, u"Answer"_s);
    QCOMPARE(result->text(), u"Answer"_s);
}

void TestOpenAiProvider::keepAlivesBeforeTokensAreSkipped() {
    m_server->enqueue(FakeOpenAiResponse::stream({u"A"_s, u"B"_s}).withKeepAlives(5, 20));
    OpenAiCompatibleProvider provider(config());
    const auto result = run(provider, chat());
    QVERIFY(result->completion());
    QCOMPARE(result->completion()->content, u"AB"_s);
    QCOMPARE(result->deltas(), (QStringList{u"A"_s, u"B"_s}));
}

void TestOpenAiProvider::crlfStream() {
    m_server->enqueue(FakeOpenAiResponse::stream({u"A"_s, u"B"_s}).withKeepAlives(2).withLineEnding("\r\n"));
    m_server->enqueue(FakeOpenAiResponse::stream({u"C"_s}).withLineEnding("\r"));
    OpenAiCompatibleProvider provider(config());
    QCOMPARE(run(provider, chat())->completion()->content, u"AB"_s);
    QCOMPARE(run(provider, chat())->completion()->content, u"C"_s);
}

void TestOpenAiProvider::blankLinesBeforeJsonBody() {
    m_server->enqueue(FakeOpenAiResponse::completion(u"Fine."_s).withLeadingBlankLines(4, 30));
    OpenAiCompatibleProvider provider(config());
    CompletionRequest request = chat();
    request.stream = false;
    const auto result = run(provider, request);
    QVERIFY2(result->completion(), result->failure() ? qPrintable(result->failure()->message) : "");
    QCOMPARE(result->completion()->content, u"Fine."_s);
}

void TestOpenAiProvider::serverIgnoringStreamFlag() {
    // Some local servers answer a JSON body even when asked to stream: still one answer, as one delta.
    m_server->enqueue(FakeOpenAiResponse::completion(u"Whole"_s, u"why"_s));
    OpenAiCompatibleProvider provider(config());
    const auto result = run(provider, chat());
    QVERIFY(result->completion());
    QCOMPARE(result->deltas(), QStringList{u"Whole"_s});
    QCOMPARE(result->completion()->reasoning, u"why"_s);
}

void TestOpenAiProvider::emptyJsonContentIsMalformed() {
    m_server->enqueue(FakeOpenAiResponse::completion(u"   "_s));
    OpenAiCompatibleProvider provider(config());
    CompletionRequest request = chat(u"json please"_s);
    request.jsonMode = true;
    request.stream = false;
    const auto result = run(provider, request);
    QVERIFY(result->failure());
    QCOMPARE(result->failure()->kind, FailureKind::Malformed);
}

void TestOpenAiProvider::emptyStreamedAnswerIsMalformed() {
    m_server->enqueue(FakeOpenAiResponse::stream({}));
    OpenAiCompatibleProvider provider(config());
    const auto result = run(provider, chat());
    QVERIFY(result->failure());
    QCOMPARE(result->failure()->kind, FailureKind::Malformed);
}

void TestOpenAiProvider::httpErrors_data() {
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("retryAfter");
    QTest::addColumn<FailureKind>("kind");
    QTest::addColumn<QString>("message");
    QTest::addColumn<int>("retryAfterSecs"); // -1: none

    const auto error = [](const char* message) -> QByteArray {
        return "{\"error\":{\"message\":\""_ba + message + "\",\"type\":\"x\"}}"_ba;
    };
    QTest::newRow("400 unknown model") << 400 << error("Model Not Exist") << QByteArray()
                                       << FailureKind::BadRequest << u"Model Not Exist"_s << -1;
    QTest::newRow("422") << 422 << error("Invalid Parameters") << QByteArray() << FailureKind::BadRequest
                         << u"Invalid Parameters"_s << -1;
    QTest::newRow("401") << 401 << error("Authentication Fails") << QByteArray() << FailureKind::Unauthorized
                         << u"Authentication Fails"_s << -1;
    QTest::newRow("402") << 402 << error("Insufficient Balance") << QByteArray()
                         << FailureKind::PaymentRequired << u"Insufficient Balance"_s << -1;
    QTest::newRow("429 seconds") << 429 << error("Rate Limit Reached") << "7"_ba << FailureKind::RateLimited
                                 << u"Rate Limit Reached"_s << 7;
    QTest::newRow("429 no retry-after") << 429 << QByteArray() << QByteArray() << FailureKind::RateLimited
                                        << u"too many requests (429)"_s << -1;
    QTest::newRow("429 past http date") << 429 << QByteArray() << "Wed, 21 Oct 2015 07:28:00 GMT"_ba
                                        << FailureKind::RateLimited << u"too many requests (429)"_s << 0;
    QTest::newRow("500") << 500 << error("Server Error") << QByteArray() << FailureKind::ServerError
                         << u"Server Error"_s << -1;
    QTest::newRow("503 html") << 503 << "<html>busy</html>"_ba
                              << "3"_ba << FailureKind::ServerError << u"overloaded (503)"_s << 3;
    QTest::newRow("404 html") << 404 << "<html>nope</html>"_ba << QByteArray() << FailureKind::BadRequest
                              << u"not found (404): check the base URL and the model"_s << -1;
}

void TestOpenAiProvider::httpErrors() {
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, retryAfter);
    QFETCH(FailureKind, kind);
    QFETCH(QString, message);
    QFETCH(int, retryAfterSecs);

    FakeOpenAiResponse response = FakeOpenAiResponse::json(status, body);
    if (!retryAfter.isEmpty())
        response.withRetryAfter(retryAfter);
    m_server->enqueue(response);
    OpenAiCompatibleProvider provider(config());
    const auto result = run(provider, chat());
    QVERIFY(result->failure());
    QVERIFY(result->deltas().isEmpty());
    const CompletionFailure& failure = *result->failure();
    QCOMPARE(failure.kind, kind);
    QCOMPARE(failure.httpStatus, status);
    QCOMPARE(failure.message, message);
    QCOMPARE(failure.provider, u"DeepSeek"_s);
    QCOMPARE(failure.retryAfterSecs.value_or(-1), retryAfterSecs);
}

void TestOpenAiProvider::retryAfterParsing_data() {
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<int>("expected"); // -1: unparseable
    QTest::newRow("seconds") << "120"_ba << 120;
    QTest::newRow("zero") << "0"_ba << 0;
    QTest::newRow("spaces") << " 5 "_ba << 5;
    QTest::newRow("absurd") << "99999999999999999999"_ba << 7 * 24 * 3600;
    QTest::newRow("negative") << "-5"_ba << -1;
    QTest::newRow("fraction") << "1.5"_ba << -1;
    QTest::newRow("junk") << "soon"_ba << -1;
    QTest::newRow("empty") << ""_ba << -1;
    // now is 2026-10-21T07:28:00Z in the test
    QTest::newRow("http date +30 s") << "Wed, 21 Oct 2026 07:28:30 GMT"_ba << 30;
    QTest::newRow("http date past") << "Wed, 21 Oct 2026 07:00:00 GMT"_ba << 0;
    QTest::newRow("rfc 850 date") << "Wednesday, 21-Oct-26 07:29:00 GMT"_ba << 60;
    QTest::newRow("asctime date") << "Wed Oct 21 07:28:10 2026"_ba << 10;
    QTest::newRow("wrong weekday tolerated") << "Mon, 21 Oct 2026 07:28:05 GMT"_ba << 5;
}

void TestOpenAiProvider::retryAfterParsing() {
    QFETCH(QByteArray, value);
    QFETCH(int, expected);
    const qint64 now = QDateTime(QDate(2026, 10, 21), QTime(7, 28), QTimeZone::utc()).toMSecsSinceEpoch();
    QCOMPARE(UpstreamFailure::parseRetryAfter(value, now).value_or(-1), expected);
}

void TestOpenAiProvider::apiKeyQuotedBackIsScrubbed() {
    m_server->enqueue(
        FakeOpenAiResponse::error(401, u"Incorrect API key provided: %1"_s.arg(QLatin1StringView(ApiKey))));
    OpenAiCompatibleProvider provider(config());
    const auto result = run(provider, chat());
    QVERIFY(result->failure());
    QVERIFY(!result->failure()->message.contains(QLatin1StringView(ApiKey)));
    QVERIFY(result->failure()->message.contains(u"[redacted]"_s));
}

void TestOpenAiProvider::connectionRefused() {
    const QUrl base = m_server->baseUrl();
    m_server->shutdown();
    ProviderConfig refused = config();
    refused.baseUrl = base;
    OpenAiCompatibleProvider provider(refused);
    const auto result = run(provider, chat());
    QVERIFY(result->failure());
    QCOMPARE(result->failure()->kind, FailureKind::Network);
    QCOMPARE(result->failure()->message, u"connection refused"_s);
    QVERIFY(result->elapsedMs() < 1500);
}

void TestOpenAiProvider::acceptedButNeverAnswered() {
    m_server->enqueue(FakeOpenAiResponse::hang());
    ProviderConfig hanging = config();
    hanging.idleTimeout = 300ms;
    hanging.firstTokenTimeout = 2000ms;
    OpenAiCompatibleProvider provider(hanging);
    const auto result = run(provider, chat());
    QVERIFY(result->failure());
    QCOMPARE(result->failure()->kind, FailureKind::Timeout);
    QVERIFY2(result->failure()->message.startsWith(u"no data"_s), qPrintable(result->failure()->message));
    QVERIFY(result->elapsedMs() >= 250 && result->elapsedMs() < 1500);
    QTRY_COMPARE(m_server->openConnections(), 0); // the socket was closed, not leaked
}

void TestOpenAiProvider::connectTimeoutDuringTlsHandshake() {
    if (!QSslSocket::supportsSsl())
        QSKIP("no TLS backend");
    // The TCP connect succeeds but the TLS handshake is never answered: the request is never sent.
    m_server->setSilent(true);
    ProviderConfig tls = config();
    QUrl base = m_server->baseUrl();
    base.setScheme(u"https"_s);
    tls.baseUrl = base;
    tls.connectTimeout = 300ms;
    tls.idleTimeout = 5000ms;
    tls.firstTokenTimeout = 5000ms;
    OpenAiCompatibleProvider provider(tls);
    const auto result = run(provider, chat());
    QVERIFY(result->failure());
    QCOMPARE(result->failure()->kind, FailureKind::Timeout);
    QVERIFY2(result->failure()->message.startsWith(u"could not connect"_s),
             qPrintable(result->failure()->message));
    QVERIFY(result->elapsedMs() >= 250 && result->elapsedMs() < 1500);
}

void TestOpenAiProvider::keepAlivesOnlyHitFirstTokenDeadline() {
    m_server->enqueue(FakeOpenAiResponse::keepAlivesOnly(50));
    ProviderConfig slow = config();
    slow.idleTimeout = 200ms;       // keep-alives reset it...
    slow.firstTokenTimeout = 500ms; // ...but do not count as a first token
    OpenAiCompatibleProvider provider(slow);
    const auto result = run(provider, chat());
    QVERIFY(result->failure());
    QCOMPARE(result->failure()->kind, FailureKind::FirstTokenTimeout);
    QVERIFY(result->elapsedMs() >= 450 && result->elapsedMs() < 2000);
    QVERIFY(result->deltas().isEmpty());
    QTRY_COMPARE(m_server->openConnections(), 0);
}

void TestOpenAiProvider::overallDeadline() {
    QStringList tokens;
    for (int i = 0; i < 50; ++i)
        tokens.append(u"t"_s);
    m_server->enqueue(FakeOpenAiResponse::stream(tokens, 30));
    ProviderConfig limited = config();
    limited.overallTimeout = 300ms;
    OpenAiCompatibleProvider provider(limited);
    const auto result = run(provider, chat());
    QVERIFY(result->failure());
    QCOMPARE(result->failure()->kind, FailureKind::Timeout);
    QVERIFY(!result->deltas().isEmpty());
}

void TestOpenAiProvider::streamCutChunked() {
    QStringList tokens;
    for (int i = 0; i < 10; ++i)
        tokens.append(u"w%1 "_s.arg(i));
    m_server->enqueue(FakeOpenAiResponse::stream(tokens, 5).cutAfterTokens(4));
    OpenAiCompatibleProvider provider(config());
    const auto result = run(provider, chat());
    QVERIFY(result->failure());
    QCOMPARE(result->failure()->kind, FailureKind::Network);
    QCOMPARE(result->deltas(), tokens.first(4));
}

void TestOpenAiProvider::streamCutCloseDelimited() {
    m_server->enqueue(FakeOpenAiResponse::stream({u"a"_s, u"b"_s, u"c"_s})
                          .cutAfterTokens(2)
                          .withFraming(FakeOpenAiResponse::Framing::CloseDelimited));
    OpenAiCompatibleProvider provider(config());
    const auto result = run(provider, chat());
    QVERIFY(result->failure());
    QCOMPARE(result->failure()->kind, FailureKind::Network);
    QCOMPARE(result->text(), u"ab"_s);
}

void TestOpenAiProvider::malformedDataLine() {
    m_server->enqueue(
        FakeOpenAiResponse::stream({u"never"_s}).withRawAfterTokens(0, "data: {\"choices\": [oops\n\n"));
    OpenAiCompatibleProvider provider(config());
    const auto result = run(provider, chat());
    QVERIFY(result->failure());
    QCOMPARE(result->failure()->kind, FailureKind::Malformed);
    QVERIFY(result->deltas().isEmpty()); // never "invalid json" as answer text
    QVERIFY(!result->failure()->message.contains(u"oops"_s));
}

void TestOpenAiProvider::malformedDataLineAfterTokens() {
    m_server->enqueue(
        FakeOpenAiResponse::stream({u"one "_s, u"two"_s}).withRawAfterTokens(1, "data: not json\n\n"));
    OpenAiCompatibleProvider provider(config());
    const auto result = run(provider, chat());
    QVERIFY(result->failure());
    QCOMPARE(result->failure()->kind, FailureKind::Malformed);
    QCOMPARE(result->deltas(), QStringList{u"one "_s});
}

void TestOpenAiProvider::errorInsideStream() {
    m_server->enqueue(FakeOpenAiResponse::rawStream(
        {": keep-alive\n\n"_ba, "data: {\"error\":{\"message\":\"Model is overloaded\"}}\n\n"_ba}));
    OpenAiCompatibleProvider provider(config());
    const auto result = run(provider, chat());
    QVERIFY(result->failure());
    QCOMPARE(result->failure()->kind, FailureKind::ServerError);
    QCOMPARE(result->failure()->message, u"Model is overloaded"_s);
}

void TestOpenAiProvider::insufficientSystemResource() {
    m_server->enqueue(FakeOpenAiResponse::stream({}).withFinishReason(u"insufficient_system_resource"_s));
    OpenAiCompatibleProvider provider(config());
    const auto result = run(provider, chat());
    QVERIFY(result->failure());
    QCOMPARE(result->failure()->kind, FailureKind::ServerError);
}

void TestOpenAiProvider::lengthFinishKeepsAnswer() {
    m_server->enqueue(FakeOpenAiResponse::stream({u"cut sh"_s}).withFinishReason(u"length"_s).withoutDone());
    OpenAiCompatibleProvider provider(config());
    const auto result = run(provider, chat());
    QVERIFY(result->completion());
    QCOMPARE(result->completion()->finishReason, u"length"_s);
    QCOMPARE(result->completion()->content, u"cut sh"_s);
}

void TestOpenAiProvider::cancelAbortsAtOnce() {
    QStringList tokens;
    for (int i = 0; i < 40; ++i)
        tokens.append(u"x"_s);
    m_server->enqueue(FakeOpenAiResponse::stream(tokens, 20));
    OpenAiCompatibleProvider provider(config());
    CompletionJob* job = provider.start(chat(), this);
    CompletionRecorder recorder(job);
    connect(&recorder, &CompletionRecorder::firstDelta, job, &CompletionJob::cancel);
    QTRY_COMPARE(m_server->connectionsClosedByPeer(), 1);
    QTest::qWait(100);
    QCOMPARE(recorder.deltas().size(), 1);
    QVERIFY(!recorder.ended());
    delete job;
}

void TestOpenAiProvider::signalsAreAsynchronous() {
    const QUrl base = m_server->baseUrl();
    m_server->shutdown();
    ProviderConfig refused = config();
    refused.baseUrl = base;
    OpenAiCompatibleProvider provider(refused);
    CompletionJob* job = provider.start(chat(), this);
    QSignalSpy failed(job, &CompletionJob::failed);
    QCOMPARE(failed.size(), 0);
    QVERIFY(failed.wait(2000));
    delete job;
}

void TestOpenAiProvider::fetchModels() {
    m_server->enqueue(FakeOpenAiResponse::models({u"deepseek-flash"_s, u"deepseek-v4-pro"_s}));
    ProviderConfig cfg = config();
    cfg.baseUrl = m_server->baseUrl(u"/v1/"_s);
    OpenAiCompatibleProvider provider(cfg);
    ModelListJob* job = provider.fetchModels(this);
    QSignalSpy finished(job, &ModelListJob::finished);
    QVERIFY(finished.wait(2000));
    QCOMPARE(finished.first().first().toStringList(),
             (QStringList{u"deepseek-flash"_s, u"deepseek-v4-pro"_s}));
    const FakeOpenAiServer::Request& sent = m_server->requests().first();
    QCOMPARE(sent.method, "GET"_ba);
    QCOMPARE(sent.path, "/v1/models"_ba);
    QCOMPARE(sent.header("authorization"), "Bearer "_ba + ApiKey);
    delete job;

    bool ok = false;
    QCOMPARE(ModelListJob::parseModelIds(R"({"models":[{"name":"llama3:8b"}]})", &ok),
             QStringList{u"llama3:8b"_s});
    QVERIFY(ok);
    QVERIFY(ModelListJob::parseModelIds("<html>", &ok).isEmpty());
    QVERIFY(!ok);
}

void TestOpenAiProvider::fetchModelsUnauthorized() {
    m_server->enqueue(FakeOpenAiResponse::error(401, u"Authentication Fails"_s));
    OpenAiCompatibleProvider provider(config());
    ModelListJob* job = provider.fetchModels(this);
    QSignalSpy failed(job, &ModelListJob::failed);
    QVERIFY(failed.wait(2000));
    const auto failure = failed.first().first().value<CompletionFailure>();
    QCOMPARE(failure.kind, FailureKind::Unauthorized);
    QCOMPARE(failure.message, u"Authentication Fails"_s);
    delete job;
}

QTEST_GUILESS_MAIN(TestOpenAiProvider)
#include "tst_openaiprovider.moc"
