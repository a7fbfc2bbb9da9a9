#include "Generation.h"

#include "ChatConnection.h"
#include "ai/CompletionJob.h"

#include <QUuid>

namespace pc {

Generation::Generation(QString sessionId, QString replyTo, CompletionJob* job, int flushIntervalMs,
                       QObject* parent)
    : QObject(parent)
    , m_sessionId(std::move(sessionId))
    , m_replyTo(std::move(replyTo))
    , m_answerId(QUuid::createUuid().toString(QUuid::WithoutBraces))
    , m_job(job)
{
    m_elapsed.start();
    m_job->setParent(this);
    m_flushTimer.setSingleShot(true);
    m_flushTimer.setInterval(flushIntervalMs);
    connect(&m_flushTimer, &QTimer::timeout, this, &Generation::flush);
    connect(m_job, &CompletionJob::delta, this, &Generation::onDelta);
    connect(m_job, &CompletionJob::reasoningDelta, this, &Generation::onReasoningDelta);
    connect(m_job, &CompletionJob::finished, this, [this](const Completion& c) {
        Completion answer = c;
        // The provider's final text wins; deltas are what a client saw on the way.
        if (answer.content.isEmpty())
            answer.content = m_content;
        if (answer.reasoning.isEmpty())
            answer.reasoning = m_reasoning;
        finish(answer, std::nullopt);
    });
    connect(m_job, &CompletionJob::failed, this,
            [this](const CompletionFailure& failure) { finish(std::nullopt, failure); });
}

Generation::~Generation()
{
    if (!m_ended)
        m_job->cancel();
}

void Generation::addListener(ChatConnection* connection)
{
    for (const auto& l : std::as_const(m_listeners))
        if (l == connection)
            return;
    m_listeners.append(connection);
}

void Generation::onDelta(const QString& text)
{
    if (text.isEmpty())
        return;
    m_content += text;
    m_pending += text;
    if (!m_flushTimer.isActive())
        m_flushTimer.start();
}

void Generation::onReasoningDelta(const QString& text)
{
    // Kept for the final answer only (a stopped answer keeps what the model had thought so far).
    if (m_reasoning.size() < MaxReasoningLength)
        m_reasoning += text;
}

void Generation::flush()
{
    if (m_pending.isEmpty())
        return;
    const MessageDelta delta{m_answerId, m_replyTo, m_nextIndex++, m_pending};
    m_pending.clear();
    const ServerMessage message{delta};
    for (const auto& listener : std::as_const(m_listeners))
        if (listener && listener->wantsDeltas())
            listener->send(message);
}

void Generation::cancel()
{
    if (m_ended)
        return;
    m_job->cancel();
    Completion partial;
    partial.content = m_content;
    partial.reasoning = m_reasoning;
    partial.status = AnswerStatus::Interrupted;
    partial.notice = QStringLiteral("Generation stopped");
    finish(partial, std::nullopt);
}

void Generation::finish(const std::optional<Completion>& answer,
                        const std::optional<CompletionFailure>& failure)
{
    if (m_ended)
        return;
    m_ended = true;
    m_flushTimer.stop();
    flush();
    Q_EMIT ended(this, answer, failure);
}

} // namespace pc
