#include "CompletionRecorder.h"
#include "FakeOpenAiServer.h"
#include "ai/ProviderChain.h"
#include "ai/ProviderConfigLoader.h"
#include "core/Clock.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QMutex>
#include <QSignalSpy>
#include <QTemporaryFile>
#include <QTest>
#include <QThread>

#include <atomic>
#include <memory>

using namespace Qt::Literals::StringLiterals;
using namespace std::chrono_literals;
using namespace pc;

namespace {

// A clock the test moves by hand (the breaker cooldown must not depend on real time).
class ManualClock final : public Clock {
public:
    [[nodiscard]] qint64 nowMs() const override { return m_now.load(); }
    void advance(std::chrono::milliseconds by) { m_now += by.count(); }

private:
    std::atomic<qint64> m_now{1'800'000'000'000};
};

QStringList tokens(int count) {
    QStringList list;
    for (int i = 0; i < count; ++i)
        list.append(u"w%1 "_s.arg(i));
    return list;
}

} // namespace

class TestProviderChain : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void primaryAnswers();
    void badRequestIsNotRetriedNorHidden_data();
    void badRequestIsNotRetriedNorHidden();
    void rejectedKeyOrBalanceFallsBack_data();
    void rejectedKeyOrBalanceFallsBack();
    void rateLimitedTwiceFallsBack();
    void rateLimitedHonoursShortRetryAfter();
    void rateLimitedAbsurdRetryAfterFallsBackAtOnce();
    void serverErrorsRetryThenFallBack_data();
    void serverErrorsRetryThenFallBack();
    void serverErrorRecoversOnRetry();
    void connectFailureFallsBackAfterOneTry();
    void hangingConnectionFallsBack();
    void keepAliveOnlyStreamPastFirstTokenDeadline();
    void streamCutAt40PercentIsInterrupted();
    void malformedAfterTokensIsInterrupted();
    void blankJsonContentRetriedOnce();
    void bothDownFailOnceInBoundedTime();
    void bothHangingFailOnceInBoundedTime();
    void breakerSkipsThenProbesAfterCooldown();
    void breakerProbeFailureReopens();
    void cancelDuringBackoffStopsEverything();
    void nothingConfigured();

    void environmentWithoutDeepSeekKey();
    void environmentWithDeepSeekKey();
    void configFile();
    void configFileRejections_data();
    void configFileRejections();

    void completeFromWorkerThreads();

private:
    [[nodiscard]] ProviderConfig deepseek() const;
    [[nodiscard]] ProviderConfig fallback() const;
    [[nodiscard]] std::unique_ptr<ProviderChain> chain(QList<ProviderConfig> configs = {}) const;
    [[nodiscard]] static CompletionRequest chat();
    [[nodiscard]] std::unique_ptr<CompletionRecorder>
    run(ProviderChain& chain, const CompletionRequest& request, int timeoutMs = 5000);

    std::unique_ptr<FakeOpenAiServer> m_a;
    std::unique_ptr<FakeOpenAiServer> m_b;
    QList<qint64> m_aTimes;
    QElapsedTimer m_clockTimer;
    ManualClock m_clock;
    ChainPolicy m_policy;
};

void TestProviderChain::initTestCase() {
    qRegisterMetaType<pc::Completion>();
    qRegisterMetaType<pc::CompletionFailure>();
}

void TestProviderChain::init() {
    m_a = std::make_unique<FakeOpenAiServer>();
    m_b = std::make_unique<FakeOpenAiServer>();
    QVERIFY(m_a->listen());
    QVERIFY(m_b->listen());
    m_aTimes.clear();
    m_clockTimer.start();
    connect(m_a.get(), &FakeOpenAiServer::requestReceived, this,
            [this] { m_aTimes.append(m_clockTimer.elapsed()); });

    m_policy = ChainPolicy{};
    m_policy.delayScale = 0.02; // 1-3 s server retries become 20-60 ms
    m_policy.random = [] { return 0.5; };
    m_policy.breakerThreshold = 3;
    m_policy.breakerCooldown = 1000ms;
}

void TestProviderChain::cleanup() {
    m_a.reset();
    m_b.reset();
}

ProviderConfig TestProviderChain::deepseek() const {
    ProviderConfig config;
    config.name = u"DeepSeek"_s;
    config.baseUrl = m_a->baseUrl(u""_s);
    config.model = u"deepseek-flash"_s;
    config.apiKey = u"sk-primary"_s;
    config.thinkingField = true;
    config.connectTimeout = 500ms;
    config.idleTimeout = 600ms;
    config.firstTokenTimeout = 400ms;
    config.overallTimeout = 5000ms;
    return config;
}

ProviderConfig TestProviderChain::fallback() const {
    ProviderConfig config = deepseek();
    config.name = u"ollama"_s;
    config.baseUrl = m_b->baseUrl(u"/v1"_s);
    config.model = u"llama3"_s;
    config.apiKey.clear();
    config.thinkingField = false;
    return config;
}

std::unique_ptr<ProviderChain> TestProviderChain::chain(QList<ProviderConfig> configs) const {
    if (configs.isEmpty())
        configs = {deepseek(), fallback()};
    ProviderSetup setup;
    setup.providers = configs;
    return std::make_unique<ProviderChain>(setup, m_policy, &m_clock);
}

CompletionRequest TestProviderChain::chat() {
    CompletionRequest request;
    request.messages = {ChatTurn{ChatTurn::Role::User, u"Hello"_s}};
    return request;
}

std::unique_ptr<CompletionRecorder> TestProviderChain::run(ProviderChain& chain,
                                                           const CompletionRequest& request, int timeoutMs) {
    CompletionJob* job = chain.complete(request);
    auto recorder = std::make_unique<CompletionRecorder>(job);
    [&] { QTRY_VERIFY_WITH_TIMEOUT(recorder->ended(), timeoutMs); }();
    QTest::qWait(30);
    [&] {
        QCOMPARE(recorder->terminalSignals(), 1);
        QCOMPARE(recorder->signalsAfterEnd(), 0);
    }();
    delete job;
    return recorder;
}

void TestProviderChain::primaryAnswers() {
    m_a->enqueue(FakeOpenAiResponse::stream({u"Hi"_s, u" there"_s}).withModel(u"deepseek-flash"_s));
    auto backend = chain();
    const BackendInfo info = backend->info();
    QVERIFY(info.hasProvider);
    QVERIFY(info.hasFallback);
    QCOMPARE(info.providerNames, (QStringList{u"DeepSeek"_s, u"ollama"_s}));
    QVERIFY(info.primaryProblem.isEmpty());

    const auto result = run(*backend, chat());
    QVERIFY(result->completion());
    QCOMPARE(result->completion()->content, u"Hi there"_s);
    QCOMPARE(result->completion()->provider, u"DeepSeek"_s);
    QCOMPARE(result->completion()->model, u"deepseek-flash"_s);
    QVERIFY(result->completion()->notice.isEmpty());
    QCOMPARE(result->deltas(), (QStringList{u"Hi"_s, u" there"_s}));
    QCOMPARE(m_b->requestCount(), 0);
}

void TestProviderChain::badRequestIsNotRetriedNorHidden_data() {
    QTest::addColumn<int>("status");
    QTest::newRow("400") << 400;
    QTest::newRow("422") << 422;
}

void TestProviderChain::badRequestIsNotRetriedNorHidden() {
    QFETCH(int, status);
    m_a->enqueue(FakeOpenAiResponse::error(status, u"Model Not Exist"_s));
    auto backend = chain();
    const auto result = run(*backend, chat());
    QVERIFY(result->failure());
    QCOMPARE(result->failure()->kind, FailureKind::BadRequest);
    QCOMPARE(result->failure()->message, u"Model Not Exist"_s);
    QCOMPARE(result->failure()->provider, u"DeepSeek"_s);
    QCOMPARE(m_a->requestCount(), 1);
    QCOMPARE(m_b->requestCount(), 0);
    QCOMPARE(backend->breakerState(u"DeepSeek"_s), CircuitBreaker::State::Closed);
}

void TestProviderChain::rejectedKeyOrBalanceFallsBack_data() {
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("notice");
    QTest::newRow("401") << 401 << u"DeepSeek rejected the API key; answered by ollama"_s;
    QTest::newRow("402") << 402 << u"DeepSeek balance exhausted; answered by ollama"_s;
}

void TestProviderChain::rejectedKeyOrBalanceFallsBack() {
    QFETCH(int, status);
    QFETCH(QString, notice);
    m_a->enqueue(FakeOpenAiResponse::error(status, u"nope"_s));
    m_b->enqueue(FakeOpenAiResponse::stream({u"Local answer"_s}).withModel(u"llama3"_s));
    auto backend = chain();
    const auto result = run(*backend, chat());
    QVERIFY(result->completion());
    QCOMPARE(result->completion()->content, u"Local answer"_s);
    QCOMPARE(result->completion()->provider, u"ollama"_s);
    QCOMPARE(result->completion()->model, u"llama3"_s);
    QCOMPARE(result->completion()->notice, notice);
    QCOMPARE(m_a->requestCount(), 1);
    QCOMPARE(m_b->requestCount(), 1);
    // The fallback gets the same conversation, without DeepSeek's key or thinking field.
    QCOMPARE(m_b->requests().first().json.value("messages"_L1),
             m_a->requests().first().json.value("messages"_L1));
    QVERIFY(!m_b->requests().first().headers.contains("authorization"));
    QVERIFY(!m_b->requests().first().json.contains("thinking"_L1));
}

void TestProviderChain::rateLimitedTwiceFallsBack() {
    m_a->enqueue(FakeOpenAiResponse::error(429, u"Rate Limit Reached"_s));
    m_a->enqueue(FakeOpenAiResponse::error(429, u"Rate Limit Reached"_s));
    m_b->enqueue(FakeOpenAiResponse::stream({u"ok"_s}));
    auto backend = chain();
    const auto result = run(*backend, chat());
    QVERIFY(result->completion());
    QCOMPARE(result->completion()->provider, u"ollama"_s);
    QCOMPARE(result->completion()->notice, u"DeepSeek is busy; answered by ollama"_s);
    QCOMPARE(m_a->requestCount(), 2);
    QCOMPARE(m_b->requestCount(), 1);
}

void TestProviderChain::rateLimitedHonoursShortRetryAfter() {
    m_policy.delayScale = 0.2; // Retry-After 1 s (+ jitter 0.5 * 1 s) -> 300 ms
    m_a->enqueue(FakeOpenAiResponse::error(429, u"slow down"_s).withRetryAfter("1"));
    m_a->enqueue(FakeOpenAiResponse::stream({u"after the wait"_s}));
    auto backend = chain();
    const auto result = run(*backend, chat());
    QVERIFY(result->completion());
    QCOMPARE(result->completion()->provider, u"DeepSeek"_s);
    QVERIFY(result->completion()->notice.isEmpty());
    QCOMPARE(m_aTimes.size(), 2);
    const qint64 gap = m_aTimes.at(1) - m_aTimes.at(0);
    QVERIFY2(gap >= 250 && gap < 1500, QByteArray::number(gap).constData());
    QCOMPARE(m_b->requestCount(), 0);
}

void TestProviderChain::rateLimitedAbsurdRetryAfterFallsBackAtOnce() {
    m_policy.delayScale = 1.0; // real waits: a capped wait of 10 s would blow the time limit below
    m_a->enqueue(FakeOpenAiResponse::error(429, u"come back tomorrow"_s).withRetryAfter("86400"));
    m_b->enqueue(FakeOpenAiResponse::stream({u"ok"_s}));
    auto backend = chain();
    const auto result = run(*backend, chat());
    QVERIFY(result->completion());
    QCOMPARE(result->completion()->provider, u"ollama"_s);
    QCOMPARE(m_a->requestCount(), 1);
    QVERIFY2(result->elapsedMs() < 2000, QByteArray::number(result->elapsedMs()).constData());

    // With nothing to fall back to, the caller learns when to come back.
    m_a->enqueue(FakeOpenAiResponse::error(429, u"come back tomorrow"_s).withRetryAfter("86400"));
    auto alone = chain({deepseek()});
    const auto failed = run(*alone, chat());
    QVERIFY(failed->failure());
    QCOMPARE(failed->failure()->kind, FailureKind::Unavailable);
    QCOMPARE(failed->failure()->retryAfterSecs.value_or(-1), 86400);
    QVERIFY(failed->elapsedMs() < 2000);
}

void TestProviderChain::serverErrorsRetryThenFallBack_data() {
    QTest::addColumn<FakeOpenAiResponse>("failure");
    QTest::newRow("500") << FakeOpenAiResponse::error(500, u"Server Error"_s);
    QTest::newRow("503") << FakeOpenAiResponse::error(503, u"Server Overloaded"_s);
    QTest::newRow("insufficient_system_resource")
        << FakeOpenAiResponse::stream({}).withFinishReason(u"insufficient_system_resource"_s);
}

void TestProviderChain::serverErrorsRetryThenFallBack() {
    QFETCH(FakeOpenAiResponse, failure);
    m_policy.delayScale = 0.1; // 1-3 s -> 100-300 ms; random 0.5 -> 200 ms
    m_a->enqueue(failure);
    m_a->enqueue(failure);
    m_b->enqueue(FakeOpenAiResponse::stream({u"ok"_s}));
    auto backend = chain();
    const auto result = run(*backend, chat());
    QVERIFY(result->completion());
    QCOMPARE(result->completion()->provider, u"ollama"_s);
    QVERIFY(result->completion()->notice.startsWith(u"DeepSeek is unavailable"_s));
    QVERIFY(result->completion()->notice.endsWith(u"; answered by ollama"_s));
    QCOMPARE(m_a->requestCount(), 2);
    const qint64 gap = m_aTimes.at(1) - m_aTimes.at(0);
    QVERIFY2(gap >= 150 && gap < 1000, QByteArray::number(gap).constData());
}

void TestProviderChain::serverErrorRecoversOnRetry() {
    m_a->enqueue(FakeOpenAiResponse::error(503, u"busy"_s));
    m_a->enqueue(FakeOpenAiResponse::stream({u"second try"_s}));
    auto backend = chain();
    const auto result = run(*backend, chat());
    QVERIFY(result->completion());
    QCOMPARE(result->completion()->provider, u"DeepSeek"_s);
    QCOMPARE(result->completion()->content, u"second try"_s);
    QCOMPARE(m_b->requestCount(), 0);
}

void TestProviderChain::connectFailureFallsBackAfterOneTry() {
    ProviderConfig unreachable = deepseek();
    m_a->shutdown();
    m_b->enqueue(FakeOpenAiResponse::stream({u"ok"_s}));
    auto backend = chain({unreachable, fallback()});
    const auto result = run(*backend, chat());
    QVERIFY(result->completion());
    QCOMPARE(result->completion()->provider, u"ollama"_s);
    QVERIFY2(result->completion()->notice.contains(u"connection refused"_s),
             qPrintable(result->completion()->notice));
    QVERIFY(result->elapsedMs() < 2000);
}

void TestProviderChain::hangingConnectionFallsBack() {
    m_a->enqueue(FakeOpenAiResponse::hang());
    m_b->enqueue(FakeOpenAiResponse::stream({u"ok"_s}));
    auto backend = chain();
    const auto result = run(*backend, chat());
    QVERIFY(result->completion());
    QCOMPARE(result->completion()->provider, u"ollama"_s);
    QCOMPARE(m_a->requestCount(), 1);
    QVERIFY(result->elapsedMs() < 2500);
    QTRY_COMPARE(m_a->openConnections(), 0);
}

void TestProviderChain::keepAliveOnlyStreamPastFirstTokenDeadline() {
    m_a->enqueue(FakeOpenAiResponse::keepAlivesOnly(50)); // resets idle (600 ms), never a token
    m_b->enqueue(FakeOpenAiResponse::stream({u"ok"_s}));
    auto backend = chain();
    const auto result = run(*backend, chat());
    QVERIFY(result->completion());
    QCOMPARE(result->completion()->provider, u"ollama"_s);
    QCOMPARE(result->completion()->content, u"ok"_s);
    QCOMPARE(m_a->requestCount(), 1); // cancelled and re-issued elsewhere, not retried
    QVERIFY(result->elapsedMs() >= 350 && result->elapsedMs() < 2500);
    QTRY_COMPARE(m_a->openConnections(), 0);
}

void TestProviderChain::streamCutAt40PercentIsInterrupted() {
    const QStringList words = tokens(10);
    m_a->enqueue(FakeOpenAiResponse::stream(words, 5).cutAfterTokens(4));
    m_b->enqueue(FakeOpenAiResponse::stream({u"must not be used"_s}));
    auto backend = chain();
    const auto result = run(*backend, chat());
    QVERIFY(result->completion());
    const Completion& answer = *result->completion();
    QCOMPARE(answer.status, AnswerStatus::Interrupted);
    QCOMPARE(answer.content, words.first(4).join(QString()));
    QCOMPARE(result->text(), answer.content);
    QCOMPARE(answer.provider, u"DeepSeek"_s);
    QCOMPARE(answer.model, u"deepseek-flash"_s);
    QVERIFY(answer.notice.contains(u"interrupted"_s));
    QCOMPARE(m_b->requestCount(), 0);
}

void TestProviderChain::malformedAfterTokensIsInterrupted() {
    m_a->enqueue(
        FakeOpenAiResponse::stream({u"Part "_s, u"two"_s}).withRawAfterTokens(1, "data: {broken\n\n"));
    auto backend = chain();
    const auto result = run(*backend, chat());
    QVERIFY(result->completion());
    QCOMPARE(result->completion()->status, AnswerStatus::Interrupted);
    QCOMPARE(result->completion()->content, u"Part "_s);
    QCOMPARE(m_b->requestCount(), 0);
}

void TestProviderChain::blankJsonContentRetriedOnce() {
    // DeepSeek's JSON mode may stream only blanks: the chain does not show them, and asks once more.
    m_a->enqueue(FakeOpenAiResponse::stream({u"  "_s, u"\n"_s}));
    m_a->enqueue(FakeOpenAiResponse::stream({u"{\"a\":1}"_s}));
    auto backend = chain();
    CompletionRequest request = chat();
    request.jsonMode = true;
    const auto result = run(*backend, request);
    QVERIFY(result->completion());
    QCOMPARE(result->completion()->content, u"{\"a\":1}"_s);
    QCOMPARE(result->text(), u"{\"a\":1}"_s);
    QCOMPARE(result->completion()->provider, u"DeepSeek"_s);
    QCOMPARE(m_a->requestCount(), 2);
}

void TestProviderChain::bothDownFailOnceInBoundedTime() {
    m_policy.delayScale = 0.25; // 1-3 s server-error waits at a quarter: the bound below includes them
    m_a->shutdown();
    m_b->setDefaultResponse(FakeOpenAiResponse::error(503, u"Server Overloaded"_s));
    auto backend = chain();
    const auto result = run(*backend, chat(), 10'000);
    QVERIFY(result->failure());
    const CompletionFailure& failure = *result->failure();
    QCOMPARE(failure.kind, FailureKind::Unavailable);
    QVERIFY2(failure.message.contains(u"DeepSeek is unavailable (connection refused)"_s),
             qPrintable(failure.message));
    QVERIFY2(failure.message.contains(u"ollama is unavailable (Server Overloaded)"_s),
             qPrintable(failure.message));
    QCOMPARE(m_b->requestCount(), 2);
    QVERIFY2(result->elapsedMs() < 3000, QByteArray::number(result->elapsedMs()).constData());
    QVERIFY(result->deltas().isEmpty());
}

void TestProviderChain::bothHangingFailOnceInBoundedTime() {
    m_a->setDefaultResponse(FakeOpenAiResponse::hang());
    m_b->setDefaultResponse(FakeOpenAiResponse::keepAlivesOnly(50));
    auto backend = chain();
    const auto result = run(*backend, chat());
    QVERIFY(result->failure());
    QCOMPARE(result->failure()->kind, FailureKind::Unavailable);
    QVERIFY(result->elapsedMs() < 3000);
    QCOMPARE(m_a->requestCount(), 1);
    QCOMPARE(m_b->requestCount(), 1);
}

void TestProviderChain::breakerSkipsThenProbesAfterCooldown() {
    m_policy.breakerThreshold = 2;
    m_policy.serverErrorTries = 1;
    m_a->setDefaultResponse(FakeOpenAiResponse::error(500, u"down"_s));
    m_b->setDefaultResponse(FakeOpenAiResponse::stream({u"fallback"_s}));
    auto backend = chain();

    for (int i = 0; i < 2; ++i) {
        const auto result = run(*backend, chat());
        QVERIFY(result->completion());
        QCOMPARE(result->completion()->provider, u"ollama"_s);
    }
    QCOMPARE(m_a->requestCount(), 2);
    QCOMPARE(backend->breakerState(u"DeepSeek"_s), CircuitBreaker::State::Open);

    // Open: DeepSeek is not even asked.
    const auto skipped = run(*backend, chat());
    QVERIFY(skipped->completion());
    QCOMPARE(skipped->completion()->provider, u"ollama"_s);
    QCOMPARE(skipped->completion()->notice,
             u"DeepSeek is paused after repeated failures; answered by ollama"_s);
    QCOMPARE(m_a->requestCount(), 2);

    // Cooldown over (by the manual clock): one probe goes to DeepSeek, which has recovered.
    m_clock.advance(1000ms);
    QCOMPARE(backend->breakerState(u"DeepSeek"_s), CircuitBreaker::State::HalfOpen);
    m_a->enqueue(FakeOpenAiResponse::stream({u"back"_s}));
    const auto probe = run(*backend, chat());
    QVERIFY(probe->completion());
    QCOMPARE(probe->completion()->provider, u"DeepSeek"_s);
    QCOMPARE(m_a->requestCount(), 3);
    QCOMPARE(backend->breakerState(u"DeepSeek"_s), CircuitBreaker::State::Closed);
}

void TestProviderChain::breakerProbeFailureReopens() {
    m_policy.breakerThreshold = 1;
    m_policy.serverErrorTries = 1;
    m_a->setDefaultResponse(FakeOpenAiResponse::error(500, u"down"_s));
    m_b->setDefaultResponse(FakeOpenAiResponse::stream({u"fallback"_s}));
    auto backend = chain();
    QVERIFY(run(*backend, chat())->completion());
    QCOMPARE(backend->breakerState(u"DeepSeek"_s), CircuitBreaker::State::Open);

    m_clock.advance(1000ms);
    // Two requests at once: only one of them probes.
    CompletionJob* first = backend->complete(chat());
    CompletionJob* second = backend->complete(chat());
    CompletionRecorder r1(first);
    CompletionRecorder r2(second);
    QTRY_VERIFY(r1.ended() && r2.ended());
    QCOMPARE(m_a->requestCount(), 2); // the first failure + exactly one probe
    QCOMPARE(backend->breakerState(u"DeepSeek"_s), CircuitBreaker::State::Open);
    delete first;
    delete second;

    // Still open after the failed probe until another cooldown has passed.
    QVERIFY(run(*backend, chat())->completion());
    QCOMPARE(m_a->requestCount(), 2);
}

void TestProviderChain::cancelDuringBackoffStopsEverything() {
    m_policy.delayScale = 0.2; // 200-600 ms before the retry
    m_a->setDefaultResponse(FakeOpenAiResponse::error(503, u"busy"_s));
    auto backend = chain();
    CompletionJob* job = backend->complete(chat());
    CompletionRecorder recorder(job);
    QTRY_COMPARE(m_a->requestCount(), 1);
    QTest::qWait(50);
    job->cancel();
    QTest::qWait(800);
    QCOMPARE(m_a->requestCount(), 1);
    QCOMPARE(m_b->requestCount(), 0);
    QVERIFY(!recorder.ended());
    delete job;
}

void TestProviderChain::nothingConfigured() {
    ProviderChain backend(ProviderSetup{}, m_policy, &m_clock);
    QVERIFY(!backend.info().hasProvider);
    QVERIFY(!backend.info().primaryProblem.isEmpty());
    CompletionJob* job = backend.complete(chat());
    CompletionRecorder recorder(job);
    QVERIFY(!recorder.ended()); // asynchronous even when there is nothing to ask
    QTRY_VERIFY(recorder.ended());
    QCOMPARE(recorder.failure()->kind, FailureKind::Unavailable);
    QCOMPARE(recorder.failure()->message, u"No AI provider is configured."_s);
    delete job;
}

void TestProviderChain::environmentWithoutDeepSeekKey() {
    QProcessEnvironment env;
    env.insert(u"PROMPTCRAFT_FALLBACK_BASE_URL"_s, m_b->baseUrl(u"/v1/"_s).toString());
    env.insert(u"PROMPTCRAFT_FALLBACK_MODEL"_s, u"llama3"_s);
    const ProviderSetup setup = ProviderConfigLoader::fromEnvironment(env);
    QCOMPARE(setup.providers.size(), 2);
    QCOMPARE(setup.providers.at(0).name, u"DeepSeek"_s);
    QVERIFY(!setup.providers.at(0).enabled);
    QCOMPARE(setup.providers.at(0).baseUrl, QUrl(u"https://api.deepseek.com"_s));
    QCOMPARE(setup.providers.at(0).model, u"deepseek-flash"_s);
    QCOMPARE(setup.primaryProblem, u"DEEPSEEK_API_KEY is not set"_s);
    QVERIFY(setup.providers.at(1).apiKey.isEmpty());
    QVERIFY(!setup.providers.at(1).thinkingField);

    auto backend = ProviderChain::fromEnvironment(env, m_policy);
    QCOMPARE(backend->info().primaryProblem, u"DEEPSEEK_API_KEY is not set"_s);
    QCOMPARE(backend->info().providerNames, QStringList{setup.providers.at(1).name});
    QVERIFY(!backend->info().hasFallback);
    m_b->enqueue(FakeOpenAiResponse::stream({u"local"_s}));
    const auto result = run(*backend, chat());
    QVERIFY(result->completion());
    QCOMPARE(result->completion()->content, u"local"_s);
    QCOMPARE(m_b->requests().first().path, "/v1/chat/completions"_ba);
}

void TestProviderChain::environmentWithDeepSeekKey() {
    QProcessEnvironment env;
    env.insert(u"DEEPSEEK_API_KEY"_s, u" sk-env-key "_s);
    env.insert(u"DEEPSEEK_BASE_URL"_s, m_a->baseUrl(u"/v1"_s).toString());
    env.insert(u"DEEPSEEK_MODEL"_s, u"deepseek-v4-pro"_s);
    env.insert(u"PROMPTCRAFT_FALLBACK_BASE_URL"_s, m_b->baseUrl().toString());
    env.insert(u"PROMPTCRAFT_FALLBACK_MODEL"_s, u"qwen"_s);
    env.insert(u"PROMPTCRAFT_FALLBACK_API_KEY"_s, u"sk-fallback"_s);
    env.insert(u"PROMPTCRAFT_FALLBACK_NAME"_s, u"backup"_s);
    auto backend = ProviderChain::fromEnvironment(env, m_policy);
    QVERIFY(backend->info().primaryProblem.isEmpty());
    QCOMPARE(backend->info().providerNames, (QStringList{u"DeepSeek"_s, u"backup"_s}));

    m_a->enqueue(FakeOpenAiResponse::error(401, u"Authentication Fails"_s));
    m_b->enqueue(FakeOpenAiResponse::stream({u"ok"_s}));
    const auto result = run(*backend, chat());
    QVERIFY(result->completion());
    QCOMPARE(result->completion()->notice, u"DeepSeek rejected the API key; answered by backup"_s);
    const auto& sentA = m_a->requests().first();
    QCOMPARE(sentA.path, "/v1/chat/completions"_ba);
    QCOMPARE(sentA.header("authorization"), "Bearer sk-env-key"_ba);
    QCOMPARE(sentA.json.value("model"_L1).toString(), u"deepseek-v4-pro"_s);
    QCOMPARE(sentA.json.value("thinking"_L1).toObject().value("type"_L1).toString(), u"disabled"_s);
    QCOMPARE(m_b->requests().first().header("authorization"), "Bearer sk-fallback"_ba);
}

void TestProviderChain::configFile() {
    QTemporaryFile file;
    QVERIFY(file.open());
    file.write(R"({"providers":[
        {"name":"DeepSeek","base_url":"https://api.deepseek.com/v1","model":"deepseek-flash",
         "api_key_env":"TEST_DS_KEY","thinking":true,"first_token_timeout_ms":90000},
        {"name":"OpenRouter","base_url":"https://openrouter.example/api/v1","model":"m","api_key_env":"TEST_OR_KEY"},
        {"name":"Off","base_url":"http://127.0.0.1:1/v1","model":"x","enabled":false},
        {"name":"ollama","base_url":"http://127.0.0.1:11434/v1","model":"llama3",
         "extra_body":{"keep_alive":"5m"}}
    ]})");
    file.close();
    QProcessEnvironment env;
    env.insert(u"TEST_DS_KEY"_s, u"sk-ds"_s);
    const auto setup = ProviderConfigLoader::fromFile(file.fileName(), env);
    QVERIFY2(setup.ok(), setup.ok() ? "" : qPrintable(setup.error().message));
    QCOMPARE(setup->providers.size(), 4);
    const ProviderConfig& ds = setup->providers.at(0);
    QCOMPARE(ds.apiKey, u"sk-ds"_s);
    QVERIFY(ds.thinkingEnabled);
    QVERIFY(ds.thinkingField);
    QCOMPARE(ds.firstTokenTimeout, 90'000ms);
    QVERIFY(!setup->providers.at(1).enabled); // its key variable is not set
    QVERIFY(setup->primaryProblem.isEmpty());
    QCOMPARE(setup->warnings.size(), 1);
    QVERIFY(setup->warnings.first().contains(u"TEST_OR_KEY is not set"_s));
    QVERIFY(!setup->providers.at(2).enabled);
    QVERIFY(!setup->providers.at(3).thinkingField);
    QCOMPARE(setup->providers.at(3).extraBody.value("keep_alive"_L1).toString(), u"5m"_s);

    const auto backend = ProviderChain::fromConfigFile(file.fileName(), env, m_policy);
    QVERIFY(backend.ok());
    QCOMPARE(backend.value()->info().providerNames, (QStringList{u"DeepSeek"_s, u"ollama"_s}));

    // Without the first provider's key, that is the primary problem.
    const auto noKey = ProviderConfigLoader::fromFile(file.fileName(), QProcessEnvironment());
    QVERIFY(noKey.ok());
    QCOMPARE(noKey->primaryProblem, u"TEST_DS_KEY is not set"_s);

    QVERIFY(!ProviderChain::fromConfigFile(u"/nonexistent/providers.json"_s, env).ok());
}

void TestProviderChain::configFileRejections_data() {
    QTest::addColumn<QByteArray>("json");
    QTest::newRow("not json") << "{providers:"_ba;
    QTest::newRow("no providers array") << R"({"providers":{}})"_ba;
    QTest::newRow("entry not an object") << R"({"providers":[1]})"_ba;
    QTest::newRow("key in the file")
        << R"({"providers":[{"name":"a","base_url":"http://h","model":"m","api_key":"sk"}]})"_ba;
    QTest::newRow("no name") << R"({"providers":[{"base_url":"http://h","model":"m"}]})"_ba;
    QTest::newRow("bad url") << R"({"providers":[{"name":"a","base_url":"ftp://h","model":"m"}]})"_ba;
    QTest::newRow("credentials in url")
        << R"({"providers":[{"name":"a","base_url":"http://u:p@h","model":"m"}]})"_ba;
    QTest::newRow("no model") << R"({"providers":[{"name":"a","base_url":"http://h"}]})"_ba;
    QTest::newRow("bad timeout")
        << R"({"providers":[{"name":"a","base_url":"http://h","model":"m","idle_timeout_ms":-1}]})"_ba;
}

void TestProviderChain::configFileRejections() {
    QFETCH(QByteArray, json);
    const auto setup = ProviderConfigLoader::fromJson(json, QProcessEnvironment());
    QVERIFY(!setup.ok());
    QVERIFY(!setup.error().message.isEmpty());
    QVERIFY(!setup.error().message.contains(u"sk"_s) || !json.contains("api_key\":\"sk"));
}

void TestProviderChain::completeFromWorkerThreads() {
    m_a->setDefaultResponse(FakeOpenAiResponse::stream({u"from "_s, u"thread"_s}, 5));
    auto backend = chain();
    constexpr int Threads = 3;
    constexpr int PerThread = 2;
    QMutex mutex;
    QStringList answers;
    QList<QThread*> threads;
    for (int t = 0; t < Threads; ++t) {
        QThread* thread = QThread::create([&] {
            for (int i = 0; i < PerThread; ++i) {
                QEventLoop loop;
                CompletionJob* job = backend->complete(chat());
                const bool sameThread = job->thread() == QThread::currentThread();
                QObject::connect(job, &CompletionJob::finished, &loop, [&](const Completion& completion) {
                    QMutexLocker lock(&mutex);
                    answers.append(sameThread ? completion.content : u"wrong thread"_s);
                    loop.quit();
                });
                QObject::connect(job, &CompletionJob::failed, &loop, [&](const CompletionFailure& failure) {
                    QMutexLocker lock(&mutex);
                    answers.append(failure.message);
                    loop.quit();
                });
                loop.exec();
                delete job;
            }
        });
        threads.append(thread);
        thread->start();
    }
    QTRY_VERIFY_WITH_TIMEOUT(
        std::all_of(threads.cbegin(), threads.cend(), [](QThread* t) { return t->isFinished(); }), 10'000);
    qDeleteAll(threads);
    QCOMPARE(answers.size(), Threads * PerThread);
    for (const QString& answer : std::as_const(answers))
        QCOMPARE(answer, u"from thread"_s);
    QCOMPARE(m_a->requestCount(), Threads * PerThread);
}

QTEST_GUILESS_MAIN(TestProviderChain)
#include "tst_providerchain.moc"
