#include "ModelListJob.h"

#include "OpenAiStreamDecoder.h"
#include "UpstreamFailure.h"
#include "core/Logging.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>

using namespace Qt::Literals::StringLiterals;

namespace pc {

ModelListJob::ModelListJob(QNetworkAccessManager* network, const QNetworkRequest& request, QString provider,
                           std::chrono::milliseconds timeout, QString secret, QObject* parent)
    : QObject(parent)
    , m_provider(std::move(provider))
    , m_secret(std::move(secret)) {
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this,
            [this] { fail(FailureKind::Timeout, u"the model list did not arrive in time"_s); });
    m_reply = network->get(request);
    connect(m_reply, &QNetworkReply::finished, this, &ModelListJob::onFinished);
    m_timer.start(timeout);
}

ModelListJob::~ModelListJob() {
    dropReply();
}

void ModelListJob::cancel() {
    m_ended = true;
    m_timer.stop();
    dropReply();
}

void ModelListJob::dropReply() {
    if (!m_reply)
        return;
    QNetworkReply* reply = m_reply;
    m_reply = nullptr;
    disconnect(reply, nullptr, this, nullptr);
    reply->abort();
    reply->deleteLater();
}

QStringList ModelListJob::parseModelIds(QByteArrayView body, bool* ok) {
    if (ok)
        *ok = false;
    const QJsonDocument doc = QJsonDocument::fromJson(body.trimmed().toByteArray());
    if (!doc.isObject())
        return {};
    const QJsonObject object = doc.object();
    QStringList ids;
    bool found = false;
    const auto collect = [&](const QJsonValue& list, QLatin1StringView key) {
        if (!list.isArray())
            return;
        found = true;
        for (const QJsonValue& entry : list.toArray()) {
            const QString id = entry.toObject().value(key).toString();
            if (!id.isEmpty() && !ids.contains(id))
                ids.append(id);
        }
    };
    collect(object.value("data"_L1), "id"_L1);
    if (!found)
        collect(object.value("models"_L1), "name"_L1);
    if (ok)
        *ok = found;
    return ids;
}

void ModelListJob::onFinished() {
    if (m_ended || !m_reply)
        return;
    const int status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray body = m_reply->readAll();
    if (status != 0 && (status < 200 || status >= 300)) {
        QString message = OpenAiStreamDecoder::errorMessage(body);
        if (message.isEmpty())
            message = UpstreamFailure::describeStatus(status);
        fail(UpstreamFailure::kindForStatus(status), message, status);
        return;
    }
    if (m_reply->error() != QNetworkReply::NoError) {
        fail(UpstreamFailure::kindForNetworkError(m_reply->error()), u"the provider is unreachable"_s);
        return;
    }
    bool ok = false;
    const QStringList ids = parseModelIds(body, &ok);
    if (!ok) {
        fail(FailureKind::Malformed, u"the provider sent an unreadable model list"_s);
        return;
    }
    m_ended = true;
    m_timer.stop();
    dropReply();
    Q_EMIT finished(ids);
}

void ModelListJob::fail(FailureKind kind, const QString& message, int httpStatus) {
    if (m_ended)
        return;
    m_ended = true;
    m_timer.stop();
    dropReply();
    CompletionFailure failure;
    failure.kind = kind;
    failure.httpStatus = httpStatus;
    failure.message = message;
    if (!m_secret.isEmpty())
        failure.message.replace(m_secret, u"[redacted]"_s);
    failure.provider = m_provider;
    qCInfo(lcProvider) << m_provider << "model list failed:" << failure.message;
    Q_EMIT failed(failure);
}

} // namespace pc
