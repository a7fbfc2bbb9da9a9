#include "OpenAiCompatibleProvider.h"

#include "ModelListJob.h"
#include "OpenAiCompletionJob.h"
#include "core/Clock.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QMetaObject>
#include <QNetworkAccessManager>
#include <QThread>

using namespace Qt::Literals::StringLiterals;

namespace pc {

namespace {

QString roleName(ChatTurn::Role role) {
    switch (role) {
    case ChatTurn::Role::System:
        return u"system"_s;
    case ChatTurn::Role::Assistant:
        return u"assistant"_s;
    case ChatTurn::Role::User:
        break;
    }
    return u"user"_s;
}

} // namespace

OpenAiCompatibleProvider::OpenAiCompatibleProvider(ProviderConfig config, const Clock* clock)
    : m_config(std::move(config))
    , m_clock(clock ? clock : &Clock::system()) {}

OpenAiCompatibleProvider::~OpenAiCompatibleProvider() {
    QMutexLocker lock(&m_mutex);
    for (const QPointer<QNetworkAccessManager>& network : std::as_const(m_networks)) {
        if (!network)
            continue;
        if (network->thread() == QThread::currentThread())
            delete network.data();
        else
            QMetaObject::invokeMethod(network.data(), &QObject::deleteLater, Qt::QueuedConnection);
    }
}

QNetworkAccessManager* OpenAiCompatibleProvider::networkForThisThread() {
    QThread* thread = QThread::currentThread();
    QMutexLocker lock(&m_mutex);
    QPointer<QNetworkAccessManager>& slot = m_networks[thread];
    if (!slot) {
        auto* network = new QNetworkAccessManager;
        network->setRedirectPolicy(QNetworkRequest::NoLessSafeRedirectPolicy);
        // Worker threads that end take their manager with them; the main thread's lives as long as we do.
        QObject::connect(thread, &QThread::finished, network, &QObject::deleteLater, Qt::DirectConnection);
        slot = network;
    }
    return slot.data();
}

QUrl OpenAiCompatibleProvider::endpoint(const QUrl& baseUrl, QStringView path) {
    QUrl url = baseUrl;
    QString basePath = url.path();
    while (basePath.endsWith(u'/'))
        basePath.chop(1);
    for (const QStringView suffix : {u"/chat/completions", u"/models"}) {
        if (basePath.endsWith(suffix)) {
            basePath.chop(suffix.size());
            break;
        }
    }
    QStringView tail = path;
    while (tail.startsWith(u'/'))
        tail = tail.sliced(1);
    url.setPath(basePath + u'/' + tail);
    url.setQuery(QString());
    url.setFragment(QString());
    return url;
}

QJsonObject OpenAiCompatibleProvider::requestBody(const CompletionRequest& request) const {
    QJsonObject body = m_config.extraBody;
    QJsonArray messages;
    for (const ChatTurn& turn : request.messages)
        messages.append(QJsonObject{{u"role"_s, roleName(turn.role)}, {u"content"_s, turn.content}});
    body.insert(u"model"_s, m_config.model);
    body.insert(u"messages"_s, messages);
    body.insert(u"stream"_s, request.stream);
    if (request.stream)
        body.insert(u"stream_options"_s, QJsonObject{{u"include_usage"_s, true}});
    else
        body.remove(u"stream_options"_s);
    if (m_config.thinkingField) {
        const bool thinking = request.thinking.value_or(m_config.thinkingEnabled);
        body.insert(u"thinking"_s, QJsonObject{{u"type"_s, thinking ? u"enabled"_s : u"disabled"_s}});
    }
    if (request.jsonMode)
        body.insert(u"response_format"_s, QJsonObject{{u"type"_s, u"json_object"_s}});
    if (request.temperature)
        body.insert(u"temperature"_s, *request.temperature);
    if (request.maxTokens > 0)
        body.insert(u"max_tokens"_s, request.maxTokens);
    return body;
}

QNetworkRequest OpenAiCompatibleProvider::networkRequest(const QUrl& url, bool stream) const {
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json"_ba);
    request.setHeader(QNetworkRequest::UserAgentHeader, QByteArray("PromptCraft/" PC_VERSION));
    request.setRawHeader("Accept", stream ? "text/event-stream"_ba : "application/json"_ba);
    if (m_config.hasKey())
        request.setRawHeader("Authorization", "Bearer "_ba + m_config.apiKey.toUtf8());
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    request.setAttribute(QNetworkRequest::CacheSaveControlAttribute, false);
    return request;
}

CompletionJob* OpenAiCompatibleProvider::start(const CompletionRequest& request, QObject* parent) {
    const QUrl url = endpoint(m_config.baseUrl, u"chat/completions");
    const QByteArray body = QJsonDocument(requestBody(request)).toJson(QJsonDocument::Compact);
    OpenAiCompletionJob::Setup setup;
    setup.provider = m_config.name;
    setup.model = m_config.model;
    setup.stream = request.stream;
    setup.connectTimeout = m_config.connectTimeout;
    setup.idleTimeout = m_config.idleTimeout;
    setup.firstTokenTimeout = m_config.firstTokenTimeout;
    setup.overallTimeout = m_config.overallTimeout;
    setup.clock = m_clock;
    setup.secret = m_config.apiKey;
    return new OpenAiCompletionJob(networkForThisThread(), networkRequest(url, request.stream), body,
                                   std::move(setup), parent);
}

ModelListJob* OpenAiCompatibleProvider::fetchModels(QObject* parent) {
    const QUrl url = endpoint(m_config.baseUrl, u"models");
    const auto timeout = std::min(m_config.connectTimeout + m_config.idleTimeout, m_config.overallTimeout);
    return new ModelListJob(networkForThisThread(), networkRequest(url, false), m_config.name, timeout,
                            m_config.apiKey, parent);
}

} // namespace pc
