#include "ChainJob.h"

#include "UpstreamFailure.h"
#include "core/Logging.h"

#include <QRandomGenerator>

#include <cmath>

using namespace Qt::Literals::StringLiterals;

namespace pc {

ChainJob::ChainJob(std::shared_ptr<const QList<ChainLink>> links, ChainPolicy policy,
                   CompletionRequest request, QObject* parent)
    : CompletionJob(parent)
    , m_links(std::move(links))
    , m_policy(std::move(policy))
    , m_request(std::move(request)) {
    m_retryTimer.setSingleShot(true);
    connect(&m_retryTimer, &QTimer::timeout, this, &ChainJob::startAttempt);
    // Start from the event loop: even "nothing is configured" must be reported asynchronously.
    QMetaObject::invokeMethod(this, &ChainJob::tryProvider, Qt::QueuedConnection);
}

ChainJob::~ChainJob() {
    if (!m_ended)
        cancel();
}

void ChainJob::cancel() {
    if (m_ended)
        return;
    m_ended = true;
    m_retryTimer.stop();
    if (m_job)
        m_job->cancel();
    releaseJob();
    if (m_probing) {
        m_probing = false;
        m_links->at(m_index).breaker->releaseProbe();
    }
}

void ChainJob::releaseJob() {
    if (!m_job)
        return;
    CompletionJob* job = m_job;
    m_job = nullptr;
    disconnect(job, nullptr, this, nullptr);
    job->deleteLater();
}

void ChainJob::endProbe() {
    m_probing = false;
}

void ChainJob::tryProvider() {
    if (m_ended)
        return;
    while (m_index < m_links->size()) {
        const ChainLink& link = m_links->at(m_index);
        const CircuitBreaker::Admission admission = link.breaker->admit();
        if (admission != CircuitBreaker::Admission::Skipped) {
            m_probing = admission == CircuitBreaker::Admission::Probe;
            if (m_probing)
                qCInfo(lcProvider) << link.provider->name() << "probed after its cooldown";
            m_attempt = 0;
            startAttempt();
            return;
        }
        Miss miss;
        miss.provider = link.provider->name();
        miss.skipped = true;
        miss.retryAfterSecs = int((link.breaker->msUntilProbe() + 999) / 1000);
        miss.message = u"skipped after repeated failures"_s;
        m_misses.append(miss);
        qCDebug(lcProvider) << miss.provider << "skipped: breaker open";
        ++m_index;
    }
    failAll();
}

void ChainJob::startAttempt() {
    if (m_ended)
        return;
    ++m_attempt;
    m_content.clear();
    m_reasoning.clear();
    m_pendingBlank.clear();
    const ChainLink& link = m_links->at(m_index);
    CompletionJob* job = link.provider->start(m_request, this);
    m_job = job;
    connect(job, &CompletionJob::delta, this, &ChainJob::onDelta);
    connect(job, &CompletionJob::reasoningDelta, this, &ChainJob::onReasoningDelta);
    connect(job, &CompletionJob::finished, this, &ChainJob::onFinished);
    connect(job, &CompletionJob::failed, this, &ChainJob::onFailed);
}

void ChainJob::onDelta(const QString& text) {
    if (m_ended)
        return;
    m_content += text;
    if (!m_streamed && text.trimmed().isEmpty()) {
        // DeepSeek's JSON mode may answer only blanks, which is a failure to retry; do not show them yet.
        m_pendingBlank += text;
        return;
    }
    m_streamed = true;
    Q_EMIT delta(std::exchange(m_pendingBlank, {}) + text);
}

void ChainJob::onReasoningDelta(const QString& text) {
    if (m_ended)
        return;
    m_streamed = true;
    m_reasoning += text;
    Q_EMIT reasoningDelta(text);
}

void ChainJob::onFinished(const Completion& completion) {
    if (m_ended)
        return;
    m_ended = true;
    releaseJob();
    m_links->at(m_index).breaker->recordSuccess();
    endProbe();
    Completion answer = completion;
    if (answer.provider.isEmpty())
        answer.provider = m_links->at(m_index).provider->name();
    if (answer.model.isEmpty())
        answer.model = m_links->at(m_index).provider->config().model;
    if (answer.notice.isEmpty())
        answer.notice = notice(answer.provider);
    Q_EMIT finished(answer);
}

void ChainJob::onFailed(const CompletionFailure& failure) {
    if (m_ended)
        return;
    releaseJob();
    if (m_streamed) {
        finishInterrupted(failure);
        return;
    }
    if (failure.kind == FailureKind::BadRequest) {
        // A request bug: another provider would only hide it. The provider did answer, so it is healthy.
        m_ended = true;
        m_links->at(m_index).breaker->recordSuccess();
        endProbe();
        Q_EMIT failed(failure);
        return;
    }
    if (const auto wait = retryDelay(failure)) {
        qCInfo(lcProvider) << failure.provider << "retry" << m_attempt + 1 << "in" << wait->count() << "ms";
        retryLater(*wait);
        return;
    }
    moveOn(failure);
}

std::optional<std::chrono::milliseconds> ChainJob::retryDelay(const CompletionFailure& failure) const {
    using namespace std::chrono;
    switch (failure.kind) {
    case FailureKind::RateLimited: {
        if (m_attempt >= m_policy.rateLimitTries)
            return std::nullopt;
        const double cap = double(m_policy.retryAfterCap.count());
        if (failure.retryAfterSecs) {
            const double asked = double(*failure.retryAfterSecs) * 1000.0;
            if (asked > cap)
                return std::nullopt; // the provider will not be back within our patience: fall back now
            // A little jitter on top keeps clients that got the same Retry-After from returning in step.
            return scaled(std::min(cap, asked + random() * double(m_policy.rateLimitBackoff.count())));
        }
        const double ceiling =
            std::min(cap, double(m_policy.rateLimitBackoff.count()) * std::exp2(m_attempt - 1));
        return scaled(random() * ceiling); // full jitter
    }
    case FailureKind::ServerError: {
        if (m_attempt >= m_policy.serverErrorTries)
            return std::nullopt;
        const double low = double(m_policy.serverRetryMin.count());
        const double high = std::max(low, double(m_policy.serverRetryMax.count()));
        return scaled(low + random() * (high - low));
    }
    case FailureKind::Malformed:
        if (m_attempt >= m_policy.malformedTries)
            return std::nullopt;
        return milliseconds(0);
    default:
        // 401/402, connect failures and every deadline: one try, then the next provider.
        return std::nullopt;
    }
}

std::chrono::milliseconds ChainJob::scaled(double ms) const {
    return std::chrono::milliseconds(qint64(std::max(0.0, ms * m_policy.delayScale)));
}

double ChainJob::random() const {
    if (m_policy.random)
        return std::clamp(m_policy.random(), 0.0, 1.0);
    return QRandomGenerator::global()->generateDouble();
}

void ChainJob::retryLater(std::chrono::milliseconds wait) {
    m_retryTimer.start(wait);
}

void ChainJob::moveOn(const CompletionFailure& failure) {
    m_links->at(m_index).breaker->recordFailure();
    endProbe();
    Miss miss;
    miss.provider = failure.provider.isEmpty() ? m_links->at(m_index).provider->name() : failure.provider;
    miss.kind = failure.kind;
    miss.message = failure.message;
    miss.httpStatus = failure.httpStatus;
    miss.retryAfterSecs = failure.retryAfterSecs;
    m_misses.append(miss);
    ++m_index;
    tryProvider();
}

void ChainJob::finishInterrupted(const CompletionFailure& failure) {
    // Tokens already reached the user: switching providers now would splice two answers together.
    m_ended = true;
    m_links->at(m_index).breaker->recordFailure();
    endProbe();
    const ChainLink& link = m_links->at(m_index);
    Completion answer;
    answer.content = m_content;
    answer.reasoning = m_reasoning;
    answer.provider = link.provider->name();
    answer.model = link.provider->config().model;
    answer.status = AnswerStatus::Interrupted;
    answer.notice = tr("The answer from %1 was interrupted (%2).").arg(answer.provider, failure.message);
    qCInfo(lcProvider) << answer.provider << "interrupted after" << m_content.size() << "chars";
    Q_EMIT finished(answer);
}

void ChainJob::failAll() {
    m_ended = true;
    CompletionFailure failure;
    failure.kind = FailureKind::Unavailable;
    if (m_misses.isEmpty()) {
        failure.message = tr("No AI provider is configured.");
    } else {
        QStringList reasons;
        std::optional<int> soonest;
        for (const Miss& miss : std::as_const(m_misses)) {
            reasons.append(missPhrase(miss));
            if (miss.retryAfterSecs)
                soonest = soonest ? std::min(*soonest, *miss.retryAfterSecs) : *miss.retryAfterSecs;
        }
        failure.message = tr("No AI provider could answer: %1.").arg(reasons.join(u"; "_s));
        failure.retryAfterSecs = soonest;
        failure.httpStatus = m_misses.constLast().httpStatus;
        failure.provider = m_misses.constLast().provider;
    }
    qCWarning(lcProvider) << "no provider answered:" << failure.message;
    Q_EMIT failed(failure);
}

QString ChainJob::missPhrase(const Miss& miss) {
    if (miss.skipped)
        return tr("%1 is paused after repeated failures").arg(miss.provider);
    switch (miss.kind) {
    case FailureKind::Unauthorized:
        return tr("%1 rejected the API key").arg(miss.provider);
    case FailureKind::PaymentRequired:
        return tr("%1 balance exhausted").arg(miss.provider);
    case FailureKind::RateLimited:
        return tr("%1 is busy").arg(miss.provider);
    default:
        return tr("%1 is unavailable (%2)").arg(miss.provider, miss.message);
    }
}

QString ChainJob::notice(const QString& answeredBy) const {
    if (m_misses.isEmpty())
        return {};
    QStringList reasons;
    for (const Miss& miss : m_misses)
        reasons.append(missPhrase(miss));
    return tr("%1; answered by %2").arg(reasons.join(u"; "_s), answeredBy);
}

} // namespace pc
