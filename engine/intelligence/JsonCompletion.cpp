#include "JsonCompletion.h"

#include "ai/AiBackend.h"
#include "ai/CompletionJob.h"
#include "core/Logging.h"

#include <QJsonDocument>
#include <QJsonParseError>

#include <algorithm>

namespace pc {

using namespace Qt::Literals::StringLiterals;

namespace {
constexpr qsizetype MaxAnswerChars = 256 * 1024;
constexpr qsizetype MaxEchoedChars = 4000; // of an invalid answer, sent back with the retry
} // namespace

JsonCompletion::JsonCompletion(AiBackend& backend, CompletionRequest request, Validator validate,
                               int deadlineMs, QObject* parent)
    : QObject(parent)
    , m_backend(backend)
    , m_request(std::move(request))
    , m_validate(std::move(validate))
    , m_deadlineMs(deadlineMs)
{
    m_request.jsonMode = true;
    m_deadline.setSingleShot(true);
    connect(&m_deadline, &QTimer::timeout, this,
            [this] { giveUp(u"no usable answer within %1 ms"_s.arg(m_deadlineMs)); });
}

JsonCompletion::~JsonCompletion()
{
    dropJob();
}

void JsonCompletion::start()
{
    if (m_tries > 0 || m_ended)
        return;
    m_elapsed.start();
    m_deadline.start(std::max(0, m_deadlineMs));
    ask();
}

void JsonCompletion::cancel()
{
    m_ended = true;
    m_deadline.stop();
    dropJob();
}

void JsonCompletion::ask()
{
    ++m_tries;
    CompletionJob* job = m_backend.complete(m_request);
    job->setParent(this);
    m_job = job;
    connect(job, &CompletionJob::finished, this, &JsonCompletion::onFinished);
    connect(job, &CompletionJob::failed, this, &JsonCompletion::onFailed);
}

void JsonCompletion::dropJob()
{
    if (!m_job)
        return;
    CompletionJob* job = m_job;
    m_job = nullptr;
    disconnect(job, nullptr, this, nullptr);
    job->cancel();
    job->deleteLater();
}

void JsonCompletion::giveUp(const QString& reason)
{
    if (m_ended)
        return;
    m_ended = true;
    m_deadline.stop();
    dropJob();
    qCInfo(lcEngine).noquote() << "AI" << m_request.purpose << "not used:" << reason;
    Q_EMIT gaveUp(reason);
}

void JsonCompletion::onFailed(const CompletionFailure& failure)
{
    giveUp(failure.message.isEmpty() ? u"the provider failed"_s : failure.message);
}

void JsonCompletion::onFinished(const Completion& completion)
{
    if (m_ended)
        return;
    dropJob();
    QString problem;
    std::optional<QJsonObject> answer;
    if (completion.status != AnswerStatus::Complete) {
        problem = u"the answer was cut off"_s;
    } else if (completion.content.trimmed().isEmpty()) {
        problem = u"the answer was blank"_s;
    } else if (Result<QJsonObject> parsed = parseObject(completion.content); !parsed) {
        problem = parsed.error().message;
    } else if (Result<void> valid = m_validate(parsed.value()); !valid) {
        problem = valid.error().message;
    } else {
        answer = std::move(parsed).value();
    }

    if (answer) {
        m_ended = true;
        m_deadline.stop();
        Q_EMIT succeeded(*answer, completion.provider, completion.model);
        return;
    }
    if (m_tries >= MaxTries) {
        giveUp(problem);
        return;
    }
    qCInfo(lcEngine).noquote() << "AI" << m_request.purpose << "answer unusable, asking again:" << problem;
    // The second try sees what was wrong; the first exchange stays byte-identical for the prefix cache.
    if (!completion.content.trimmed().isEmpty())
        m_request.messages.append(
            ChatTurn{ChatTurn::Role::Assistant, completion.content.left(MaxEchoedChars)});
    m_request.messages.append(
        ChatTurn{ChatTurn::Role::User,
                 u"That answer could not be used: %1. Reply again with only one JSON object in exactly the "
                 u"format of the example, with every field filled in."_s.arg(problem)});
    ask();
}

Result<QJsonObject> JsonCompletion::parseObject(const QString& content)
{
    if (content.size() > MaxAnswerChars)
        return Error{ErrorCode::InvalidMessage, u"the answer is too long"_s};
    QString text = content.trimmed();
    // Local models like to wrap JSON in a Markdown fence even in JSON mode.
    if (text.startsWith(u"```")) {
        const qsizetype firstLine = text.indexOf(u'\n');
        const qsizetype fenceEnd = text.lastIndexOf(u"```");
        if (firstLine < 0 || fenceEnd <= firstLine)
            return Error{ErrorCode::InvalidMessage, u"the answer is not JSON"_s};
        text = text.mid(firstLine + 1, fenceEnd - firstLine - 1).trimmed();
    }
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8(), &error);
    if (error.error != QJsonParseError::NoError)
        return Error{ErrorCode::InvalidMessage,
                     u"the answer is not valid JSON (%1)"_s.arg(error.errorString())};
    if (!doc.isObject())
        return Error{ErrorCode::InvalidMessage, u"the answer is JSON but not an object"_s};
    return doc.object();
}

} // namespace pc
