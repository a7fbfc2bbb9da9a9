#include "OfflineResponder.h"

#include "CompletionJob.h"

#include <QPointer>
#include <QTimer>

namespace pc {

using namespace Qt::Literals::StringLiterals;

namespace {

class ImmediateJob final : public CompletionJob {
public:
    void cancel() override { m_cancelled = true; }

    void finishSoon(Completion completion)
    {
        QTimer::singleShot(0, this, [this, completion = std::move(completion)] {
            if (!m_cancelled)
                Q_EMIT finished(completion);
        });
    }

    void failSoon(CompletionFailure failure)
    {
        QTimer::singleShot(0, this, [this, failure = std::move(failure)] {
            if (!m_cancelled)
                Q_EMIT failed(failure);
        });
    }

private:
    bool m_cancelled = false;
};

} // namespace

OfflineResponder::OfflineResponder(QString reason)
    : m_reason(std::move(reason))
{}

QString OfflineResponder::providerName()
{
    return u"offline"_s;
}

CompletionJob* OfflineResponder::complete(const CompletionRequest& request)
{
    auto* job = new ImmediateJob;
    if (request.jsonMode || request.purpose != u"chat") {
        job->failSoon(CompletionFailure{FailureKind::Unavailable, 0, u"no AI provider is configured"_s,
                                        std::nullopt, providerName()});
        return job;
    }
    Completion c;
    c.provider = providerName();
    c.status = AnswerStatus::Offline;
    c.content =
        u"PromptCraft cannot answer this message: no AI provider is configured"_s +
        (m_reason.isEmpty() ? QString() : u" ("_s + m_reason + u')') +
        u". Add a DeepSeek API key or an OpenAI-compatible model server (for example a local Ollama), "
        u"then send the message again. Templates and prompt optimization keep working with built-in "
        u"rules."_s;
    c.notice = u"No AI provider is configured"_s;
    job->finishSoon(std::move(c));
    return job;
}

BackendInfo OfflineResponder::info() const
{
    BackendInfo i;
    i.primaryProblem = m_reason.isEmpty() ? u"no AI provider is configured"_s : m_reason;
    return i;
}

} // namespace pc
