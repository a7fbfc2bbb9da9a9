#include "CompletionRecorder.h"

namespace pc {

CompletionRecorder::CompletionRecorder(CompletionJob* job, QObject* parent)
    : QObject(parent)
    , m_job(job) {
    m_timer.start();
    connect(job, &CompletionJob::delta, this, [this](const QString& text) {
        if (ended())
            ++m_signalsAfterEnd;
        m_deltas.append(text);
        if (m_deltas.size() == 1)
            Q_EMIT firstDelta();
    });
    connect(job, &CompletionJob::reasoningDelta, this, [this](const QString& text) {
        if (ended())
            ++m_signalsAfterEnd;
        m_reasoningDeltas.append(text);
    });
    connect(job, &CompletionJob::finished, this, [this](const Completion& completion) {
        m_completion = completion;
        terminal();
    });
    connect(job, &CompletionJob::failed, this, [this](const CompletionFailure& failure) {
        m_failure = failure;
        terminal();
    });
}

void CompletionRecorder::terminal() {
    if (ended())
        ++m_signalsAfterEnd;
    ++m_terminalSignals;
    m_endedAfterMs = m_timer.elapsed();
}

} // namespace pc
