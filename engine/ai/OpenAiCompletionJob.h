#pragma once

#include "CompletionJob.h"
#include "SseParser.h"

#include <QByteArray>
#include <QNetworkRequest>
#include <QPointer>
#include <QTimer>

#include <chrono>
#include <optional>

class QNetworkAccessManager;
class QNetworkReply;

namespace pc {

class Clock;
struct ChatChunk;

// One HTTP exchange with an OpenAI-compatible /chat/completions endpoint, streamed or not.
// Lives in the thread that created it, like the QNetworkAccessManager it uses. Made by
// OpenAiCompatibleProvider::start(); the CompletionJob contract applies (one terminal signal,
// nothing after cancel()).
class OpenAiCompletionJob final : public CompletionJob {
    Q_OBJECT
public:
    struct Setup {
        QString provider;
        QString model;
        bool stream = true;
        std::chrono::milliseconds connectTimeout{10'000};
        std::chrono::milliseconds idleTimeout{90'000};
        std::chrono::milliseconds firstTokenTimeout{60'000};
        std::chrono::milliseconds overallTimeout{600'000};
        const Clock* clock = nullptr; // for Retry-After dates; the system clock when null
        QString secret; // the API key, only to scrub it from provider messages that echo it
    };

    OpenAiCompletionJob(QNetworkAccessManager* network, const QNetworkRequest& request,
                        const QByteArray& body, Setup setup, QObject* parent = nullptr);
    ~OpenAiCompletionJob() override;

    void cancel() override;

    // True once any content or reasoning was emitted: a failure from then on is an interruption.
    [[nodiscard]] bool hasStreamed() const { return m_streamed; }

private:
    enum class Mode { Undecided, Sse, Body, ErrorBody };

    void onReadyRead();
    void onFinished();
    void decideMode();
    void consumeSse(QByteArrayView bytes);
    void consumeEvents(const QList<SseEvent>& events);
    bool applyChunk(const ChatChunk& chunk); // false when the job ended
    void completeStream();
    void completeBody();
    void failHttp(int status);
    void failTransport();
    void succeed();
    void fail(FailureKind kind, const QString& message, int httpStatus = 0,
              std::optional<int> retryAfterSecs = std::nullopt);
    void dropReply();
    void stopTimers();

    Setup m_setup;
    QPointer<QNetworkReply> m_reply;
    QTimer m_connectTimer;
    QTimer m_idleTimer;
    QTimer m_firstTokenTimer;
    QTimer m_overallTimer;
    SseParser m_sse;
    QByteArray m_body;
    QString m_content;
    QString m_reasoning;
    QString m_finishReason;
    QString m_answeredModel;
    std::optional<TokenUsage> m_usage;
    Mode m_mode = Mode::Undecided;
    qint64 m_bytes = 0;
    bool m_streamed = false;
    bool m_done = false;
    bool m_ended = false;
};

} // namespace pc
