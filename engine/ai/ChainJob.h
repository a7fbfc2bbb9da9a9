#pragma once

#include "ChainLink.h"
#include "ChainPolicy.h"
#include "CompletionJob.h"

#include <QList>
#include <QPointer>
#include <QTimer>

#include <memory>
#include <optional>

namespace pc {

// A ProviderChain request: walks the providers in order, applying the error policy of UPSTREAM.md
// (retries, fallback, breaker) and reporting as one CompletionJob. Lives in the creating thread.
class ChainJob final : public CompletionJob {
    Q_OBJECT
public:
    ChainJob(std::shared_ptr<const QList<ChainLink>> links, ChainPolicy policy, CompletionRequest request,
             QObject* parent = nullptr);
    ~ChainJob() override;

    void cancel() override;

private:
    // Why a provider did not answer, for the notice and the final error.
    struct Miss {
        QString provider;
        FailureKind kind = FailureKind::Unavailable;
        QString message;
        int httpStatus = 0;
        std::optional<int> retryAfterSecs;
        bool skipped = false; // breaker open: not even asked
    };

    void tryProvider();
    void startAttempt();
    void onDelta(const QString& text);
    void onReasoningDelta(const QString& text);
    void onFinished(const Completion& completion);
    void onFailed(const CompletionFailure& failure);
    void retryLater(std::chrono::milliseconds wait);
    void moveOn(const CompletionFailure& failure);
    void finishInterrupted(const CompletionFailure& failure);
    void failAll();
    void releaseJob();
    void endProbe();
    [[nodiscard]] std::optional<std::chrono::milliseconds> retryDelay(const CompletionFailure& failure) const;
    [[nodiscard]] std::chrono::milliseconds scaled(double ms) const;
    [[nodiscard]] double random() const;
    [[nodiscard]] QString notice(const QString& answeredBy) const;
    [[nodiscard]] static QString missPhrase(const Miss& miss);

    std::shared_ptr<const QList<ChainLink>> m_links;
    ChainPolicy m_policy;
    CompletionRequest m_request;
    QList<Miss> m_misses;
    QPointer<CompletionJob> m_job;
    QTimer m_retryTimer;
    QString m_content;
    QString m_reasoning;
    QString m_pendingBlank; // leading whitespace deltas held back until the answer really starts
    qsizetype m_index = 0;
    int m_attempt = 0;
    bool m_streamed = false;
    bool m_probing = false;
    bool m_ended = false;
};

} // namespace pc
