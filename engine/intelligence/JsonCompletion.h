#pragma once

#include "Result.h"
#include "ai/CompletionTypes.h"

#include <QElapsedTimer>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <functional>

namespace pc {

class AiBackend;
class CompletionJob;

// One JSON-mode question to the AI backend with the checks UPSTREAM.md asks for: the answer must be
// one JSON object that passes `validate`; blank or invalid output is asked again once, naming the
// problem; a deadline bounds the whole exchange (both tries), so a caller waiting on it always gets
// an answer in time to fall back to its rules. Blank content is also retried by the provider chain
// itself; a failed request (provider down, rejected, timed out) is not asked again here, because
// the chain has applied its own retry policy by then.
// Ends exactly once and never from inside start(): succeeded() or gaveUp(). After cancel() it
// emits nothing. The receiver deletes it (deleteLater) once it has ended.
class JsonCompletion : public QObject {
    Q_OBJECT
public:
    // Checks one parsed answer; an Error names what is wrong, for the log and the retry prompt.
    using Validator = std::function<Result<void>(const QJsonObject&)>;

    static constexpr int MaxTries = 2;

    JsonCompletion(AiBackend& backend, CompletionRequest request, Validator validate, int deadlineMs,
                   QObject* parent = nullptr);
    ~JsonCompletion() override;

    void start();
    void cancel();

    [[nodiscard]] int tries() const { return m_tries; }
    [[nodiscard]] qint64 elapsedMs() const { return m_elapsed.elapsed(); }

    // The JSON object in a model's answer: the whole text, or the text inside a ```json fence.
    [[nodiscard]] static Result<QJsonObject> parseObject(const QString& content);

Q_SIGNALS:
    void succeeded(const QJsonObject& answer, const QString& provider, const QString& model);
    void gaveUp(const QString& reason);

private:
    void ask();
    void onFinished(const Completion& completion);
    void onFailed(const CompletionFailure& failure);
    void dropJob();
    void giveUp(const QString& reason);

    AiBackend& m_backend;
    CompletionRequest m_request;
    Validator m_validate;
    int m_deadlineMs = 0;
    QPointer<CompletionJob> m_job;
    QTimer m_deadline;
    QElapsedTimer m_elapsed;
    int m_tries = 0;
    bool m_ended = false;
};

} // namespace pc
