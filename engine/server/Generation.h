#pragma once

#include "Messages.h"
#include "ai/CompletionTypes.h"

#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QTimer>

namespace pc {

class ChatConnection;
class CompletionJob;

// One answer being produced for one user message. It outlives the connection that asked for it (a
// client that drops and resends attaches again, and the finished answer is stored either way), and
// coalesces deltas so that a fast provider does not flood slow clients.
class Generation : public QObject {
    Q_OBJECT
public:
    Generation(QString sessionId, QString replyTo, CompletionJob* job, int flushIntervalMs,
               QObject* parent = nullptr);
    ~Generation() override;

    [[nodiscard]] const QString& sessionId() const { return m_sessionId; }
    [[nodiscard]] const QString& replyTo() const { return m_replyTo; }
    [[nodiscard]] const QString& answerId() const { return m_answerId; }
    [[nodiscard]] const QString& partialContent() const { return m_content; }
    [[nodiscard]] qint64 elapsedMs() const { return m_elapsed.elapsed(); }

    void addListener(ChatConnection* connection);
    // Stops the provider call; emits ended() with what had arrived, as interrupted.
    void cancel();

Q_SIGNALS:
    // Exactly once. `answer` is set when there is something to store and send (complete, offline or
    // interrupted); `failure` when nothing could answer.
    void ended(pc::Generation* self, const std::optional<pc::Completion>& answer,
               const std::optional<pc::CompletionFailure>& failure);

private:
    void onDelta(const QString& text);
    void onReasoningDelta(const QString& text);
    void flush();
    void finish(const std::optional<Completion>& answer, const std::optional<CompletionFailure>& failure);

    QString m_sessionId;
    QString m_replyTo;
    QString m_answerId;
    CompletionJob* m_job;
    QList<QPointer<ChatConnection>> m_listeners;
    QString m_content;
    QString m_reasoning;
    QString m_pending;
    int m_nextIndex = 0;
    QTimer m_flushTimer;
    QElapsedTimer m_elapsed;
    bool m_ended = false;
};

} // namespace pc
