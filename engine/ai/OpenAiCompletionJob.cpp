#include "OpenAiCompletionJob.h"

#include "ChatChunk.h"
#include "OpenAiStreamDecoder.h"
#include "UpstreamFailure.h"
#include "core/Clock.h"
#include "core/Logging.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>

using namespace Qt::Literals::StringLiterals;

namespace pc {

namespace {

constexpr qsizetype MaxBodyBytes = 16 * 1024 * 1024;
constexpr qsizetype MaxErrorBodyBytes = 64 * 1024;

QString seconds(std::chrono::milliseconds duration) {
    return QString::number(double(duration.count()) / 1000.0, 'g', 3);
}

QString describeNetworkError(QNetworkReply::NetworkError error) {
    // Our own words: QNetworkReply::errorString() repeats the URL, which is nobody's business in a log.
    switch (error) {
    case QNetworkReply::ConnectionRefusedError:
        return u"connection refused"_s;
    case QNetworkReply::RemoteHostClosedError:
        return u"the server closed the connection"_s;
    case QNetworkReply::HostNotFoundError:
        return u"host not found"_s;
    case QNetworkReply::TimeoutError:
        return u"the connection timed out"_s;
    case QNetworkReply::SslHandshakeFailedError:
        return u"TLS handshake failed"_s;
    case QNetworkReply::TemporaryNetworkFailureError:
    case QNetworkReply::NetworkSessionFailedError:
        return u"the network is unavailable"_s;
    case QNetworkReply::ProxyConnectionRefusedError:
    case QNetworkReply::ProxyConnectionClosedError:
    case QNetworkReply::ProxyNotFoundError:
    case QNetworkReply::ProxyTimeoutError:
    case QNetworkReply::ProxyAuthenticationRequiredError:
        return u"the proxy failed"_s;
    case QNetworkReply::ProtocolFailure:
        return u"the server broke the HTTP protocol"_s;
    default:
        return u"network error %1"_s.arg(int(error));
    }
}

} // namespace

OpenAiCompletionJob::OpenAiCompletionJob(QNetworkAccessManager* network, const QNetworkRequest& request,
                                         const QByteArray& body, Setup setup, QObject* parent)
    : CompletionJob(parent)
    , m_setup(std::move(setup)) {
    for (QTimer* timer : {&m_connectTimer, &m_idleTimer, &m_firstTokenTimer, &m_overallTimer})
        timer->setSingleShot(true);
    connect(&m_connectTimer, &QTimer::timeout, this, [this] {
        fail(FailureKind::Timeout, u"could not connect within %1 s"_s.arg(seconds(m_setup.connectTimeout)));
    });
    connect(&m_idleTimer, &QTimer::timeout, this,
            [this] { fail(FailureKind::Timeout, u"no data for %1 s"_s.arg(seconds(m_setup.idleTimeout))); });
    connect(&m_firstTokenTimer, &QTimer::timeout, this, [this] {
        fail(FailureKind::FirstTokenTimeout,
             u"no answer began within %1 s"_s.arg(seconds(m_setup.firstTokenTimeout)));
    });
    connect(&m_overallTimer, &QTimer::timeout, this, [this] {
        fail(FailureKind::Timeout,
             u"the answer took longer than %1 s"_s.arg(seconds(m_setup.overallTimeout)));
    });

    m_reply = network->post(request, body);
    connect(m_reply, &QNetworkReply::requestSent, this, [this] {
        m_connectTimer.stop();
        if (!m_idleTimer.isActive())
            m_idleTimer.start(m_setup.idleTimeout);
    });
    connect(m_reply, &QNetworkReply::metaDataChanged, this, [this] { m_connectTimer.stop(); });
    connect(m_reply, &QNetworkReply::readyRead, this, &OpenAiCompletionJob::onReadyRead);
    connect(m_reply, &QNetworkReply::finished, this, &OpenAiCompletionJob::onFinished);

    m_connectTimer.start(m_setup.connectTimeout);
    if (m_setup.stream)
        m_firstTokenTimer.start(m_setup.firstTokenTimeout);
    m_overallTimer.start(m_setup.overallTimeout);
}

OpenAiCompletionJob::~OpenAiCompletionJob() {
    dropReply();
}

void OpenAiCompletionJob::cancel() {
    if (m_ended)
        return;
    m_ended = true;
    qCDebug(lcProvider) << m_setup.provider << "request cancelled";
    stopTimers();
    dropReply();
}

void OpenAiCompletionJob::stopTimers() {
    for (QTimer* timer : {&m_connectTimer, &m_idleTimer, &m_firstTokenTimer, &m_overallTimer})
        timer->stop();
}

void OpenAiCompletionJob::dropReply() {
    if (!m_reply)
        return;
    QNetworkReply* reply = m_reply;
    m_reply = nullptr;
    disconnect(reply, nullptr, this, nullptr);
    reply->abort();
    reply->deleteLater();
}

void OpenAiCompletionJob::decideMode() {
    if (m_mode != Mode::Undecided)
        return;
    const int status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status != 0 && (status < 200 || status >= 300)) {
        m_mode = Mode::ErrorBody;
        return;
    }
    const QByteArray type = m_reply->header(QNetworkRequest::ContentTypeHeader).toByteArray().toLower();
    if (type.contains("text/event-stream"))
        m_mode = Mode::Sse;
    else if (type.contains("json"))
        m_mode = Mode::Body; // also what a server that ignores `stream` sends
    else
        m_mode = m_setup.stream ? Mode::Sse : Mode::Body;
}

void OpenAiCompletionJob::onReadyRead() {
    if (m_ended || !m_reply)
        return;
    m_connectTimer.stop();
    m_idleTimer.start(m_setup.idleTimeout); // any byte, keep-alives included, proves the line is alive
    decideMode();
    const QByteArray bytes = m_reply->readAll();
    m_bytes += bytes.size();
    switch (m_mode) {
    case Mode::Sse:
        consumeSse(bytes);
        break;
    case Mode::Body:
        if (m_body.size() + bytes.size() > MaxBodyBytes) {
            fail(FailureKind::Malformed, u"the response is larger than %1 bytes"_s.arg(MaxBodyBytes));
            return;
        }
        m_body.append(bytes);
        break;
    case Mode::ErrorBody:
        if (m_body.size() < MaxErrorBodyBytes)
            m_body.append(bytes.first(std::min(bytes.size(), MaxErrorBodyBytes - m_body.size())));
        break;
    case Mode::Undecided:
        break;
    }
}

void OpenAiCompletionJob::consumeSse(QByteArrayView bytes) {
    const QList<SseEvent> events = m_sse.feed(bytes);
    if (m_sse.overflowed()) {
        fail(FailureKind::Malformed, u"a streamed event is larger than the limit"_s);
        return;
    }
    consumeEvents(events);
}

void OpenAiCompletionJob::consumeEvents(const QList<SseEvent>& events) {
    for (const SseEvent& event : events) {
        if (m_ended)
            return;
        if (event.event == "error") {
            const QString message = OpenAiStreamDecoder::errorMessage(event.data);
            fail(FailureKind::ServerError, message.isEmpty() ? u"the provider reported an error"_s : message);
            return;
        }
        auto chunk = OpenAiStreamDecoder::decodeData(event.data);
        if (!chunk) {
            if (chunk.error().code == ErrorCode::InvalidJson) {
                qCWarning(lcProvider)
                    << m_setup.provider << "sent an unreadable chunk:" << chunk.error().message;
                fail(FailureKind::Malformed, u"the provider sent an unreadable chunk"_s);
            } else {
                fail(FailureKind::ServerError, chunk.error().message);
            }
            return;
        }
        if (!applyChunk(chunk.value()))
            return;
        if (m_done) {
            completeStream();
            return;
        }
    }
}

bool OpenAiCompletionJob::applyChunk(const ChatChunk& chunk) {
    if (chunk.done) {
        m_done = true;
        return true;
    }
    if (!chunk.model.isEmpty())
        m_answeredModel = chunk.model;
    if (chunk.usage)
        m_usage = chunk.usage;
    if (!chunk.reasoning.isEmpty()) {
        m_reasoning += chunk.reasoning;
        m_streamed = true;
        m_firstTokenTimer.stop();
        Q_EMIT reasoningDelta(chunk.reasoning);
        if (m_ended)
            return false;
    }
    if (!chunk.content.isEmpty()) {
        m_content += chunk.content;
        m_streamed = true;
        m_firstTokenTimer.stop();
        Q_EMIT delta(chunk.content);
        if (m_ended)
            return false;
    }
    if (!chunk.finishReason.isEmpty()) {
        m_finishReason = chunk.finishReason;
        if (m_finishReason == "insufficient_system_resource"_L1) {
            fail(FailureKind::ServerError, u"the provider ran out of resources for this request"_s);
            return false;
        }
    }
    return true;
}

void OpenAiCompletionJob::onFinished() {
    if (m_ended || !m_reply)
        return;
    // Bytes that arrived together with the end have not been read yet.
    if (m_reply->bytesAvailable() > 0)
        onReadyRead();
    if (m_ended || !m_reply)
        return;
    const int status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status != 0 && (status < 200 || status >= 300)) {
        failHttp(status);
        return;
    }
    if (m_reply->error() != QNetworkReply::NoError) {
        failTransport();
        return;
    }
    decideMode();
    if (m_mode == Mode::Sse) {
        consumeEvents(m_sse.finish());
        if (!m_ended)
            completeStream();
    } else {
        completeBody();
    }
}

void OpenAiCompletionJob::failHttp(int status) {
    const FailureKind kind = UpstreamFailure::kindForStatus(status);
    QString message = OpenAiStreamDecoder::errorMessage(m_body);
    if (message.isEmpty())
        message = UpstreamFailure::describeStatus(status);
    std::optional<int> retryAfter;
    if (m_reply->hasRawHeader("Retry-After")) {
        const qint64 now = (m_setup.clock ? *m_setup.clock : Clock::system()).nowMs();
        retryAfter = UpstreamFailure::parseRetryAfter(m_reply->rawHeader("Retry-After"), now);
    }
    fail(kind, message, status, retryAfter);
}

void OpenAiCompletionJob::failTransport() {
    const QNetworkReply::NetworkError error = m_reply->error();
    if (m_bytes > 0 || m_streamed) {
        fail(FailureKind::Network,
             u"the connection broke mid-answer (%1)"_s.arg(describeNetworkError(error)));
        return;
    }
    fail(UpstreamFailure::kindForNetworkError(error), describeNetworkError(error));
}

void OpenAiCompletionJob::completeStream() {
    if (m_ended)
        return;
    if (!m_done && m_finishReason.isEmpty()) {
        // Close-delimited streams end "successfully" when the connection drops; without [DONE] or a
        // finish_reason the answer is incomplete.
        if (m_streamed)
            fail(FailureKind::Network, u"the stream ended before the answer was complete"_s);
        else
            fail(FailureKind::Malformed, u"the stream ended without an answer"_s);
        return;
    }
    succeed();
}

void OpenAiCompletionJob::completeBody() {
    auto chunk = OpenAiStreamDecoder::decodeBody(m_body);
    if (!chunk) {
        if (chunk.error().code == ErrorCode::InvalidJson) {
            qCWarning(lcProvider) << m_setup.provider << "sent an unreadable body:" << chunk.error().message;
            fail(FailureKind::Malformed, u"the provider sent an unreadable response"_s);
        } else {
            fail(FailureKind::ServerError, chunk.error().message);
        }
        return;
    }
    ChatChunk whole = chunk.value();
    whole.done = false;
    // A non-streamed answer still reaches streaming consumers as one delta each.
    if (!applyChunk(whole))
        return;
    succeed();
}

void OpenAiCompletionJob::succeed() {
    if (m_ended)
        return;
    const bool stoppedNormally = m_finishReason.isEmpty() || m_finishReason == "stop"_L1;
    if (m_content.trimmed().isEmpty() && stoppedNormally) {
        fail(FailureKind::Malformed, u"the provider returned an empty answer"_s);
        return;
    }
    m_ended = true;
    stopTimers();
    dropReply();
    Completion completion;
    completion.content = m_content;
    completion.reasoning = m_reasoning;
    completion.provider = m_setup.provider;
    completion.model = m_answeredModel.isEmpty() ? m_setup.model : m_answeredModel;
    completion.usage = m_usage;
    completion.finishReason = m_finishReason;
    completion.status = AnswerStatus::Complete;
    qCDebug(lcProvider) << m_setup.provider << "answered with" << completion.model
                        << "finish:" << m_finishReason << "chars:" << m_content.size();
    Q_EMIT finished(completion);
}

void OpenAiCompletionJob::fail(FailureKind kind, const QString& message, int httpStatus,
                               std::optional<int> retryAfterSecs) {
    if (m_ended)
        return;
    m_ended = true;
    stopTimers();
    dropReply();
    CompletionFailure failure;
    failure.kind = kind;
    failure.httpStatus = httpStatus;
    failure.message = message;
    if (!m_setup.secret.isEmpty()) // some providers quote the rejected key back
        failure.message.replace(m_setup.secret, u"[redacted]"_s);
    failure.retryAfterSecs = retryAfterSecs;
    failure.provider = m_setup.provider;
    qCInfo(lcProvider) << m_setup.provider << "failed:" << UpstreamFailure::describeKind(kind) << "status"
                       << httpStatus << failure.message;
    Q_EMIT failed(failure);
}

} // namespace pc
