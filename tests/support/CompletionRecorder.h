#pragma once

#include "ai/CompletionJob.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QStringList>

#include <optional>

namespace pc {

// Records everything a CompletionJob emits, for assertions: the deltas in order, the one terminal
// signal (and how many there were, which must be one), and when it came.
class CompletionRecorder : public QObject {
    Q_OBJECT
public:
    explicit CompletionRecorder(CompletionJob* job, QObject* parent = nullptr);

    [[nodiscard]] bool ended() const { return m_terminalSignals > 0; }
    [[nodiscard]] int terminalSignals() const { return m_terminalSignals; }
    [[nodiscard]] int signalsAfterEnd() const { return m_signalsAfterEnd; }
    [[nodiscard]] const QStringList& deltas() const { return m_deltas; }
    [[nodiscard]] const QStringList& reasoningDeltas() const { return m_reasoningDeltas; }
    [[nodiscard]] QString text() const { return m_deltas.join(QString()); }
    [[nodiscard]] const std::optional<Completion>& completion() const { return m_completion; }
    [[nodiscard]] const std::optional<CompletionFailure>& failure() const { return m_failure; }
    [[nodiscard]] qint64 elapsedMs() const { return m_endedAfterMs; }
    [[nodiscard]] CompletionJob* job() const { return m_job; }

Q_SIGNALS:
    void firstDelta();

private:
    void terminal();

    QPointer<CompletionJob> m_job;
    QElapsedTimer m_timer;
    QStringList m_deltas;
    QStringList m_reasoningDeltas;
    std::optional<Completion> m_completion;
    std::optional<CompletionFailure> m_failure;
    qint64 m_endedAfterMs = -1;
    int m_terminalSignals = 0;
    int m_signalsAfterEnd = 0;
};

} // namespace pc
