#pragma once

#include "CompletionTypes.h"
#include "ProviderConfig.h"

#include <QHash>
#include <QJsonObject>
#include <QMutex>
#include <QNetworkRequest>
#include <QPointer>
#include <QUrl>

class QNetworkAccessManager;
class QObject;
class QThread;

namespace pc {

class Clock;
class CompletionJob;
class ModelListJob;

// One OpenAI-compatible endpoint (DeepSeek, OpenAI, Ollama, llama.cpp, LM Studio). Thread-safe: start()
// and fetchModels() may be called from any thread; the job and the QNetworkAccessManager it uses live in
// the calling thread (one manager per thread, so connections are reused). Must outlive its jobs.
class OpenAiCompatibleProvider {
public:
    explicit OpenAiCompatibleProvider(ProviderConfig config, const Clock* clock = nullptr);
    ~OpenAiCompatibleProvider();
    OpenAiCompatibleProvider(const OpenAiCompatibleProvider&) = delete;
    OpenAiCompatibleProvider& operator=(const OpenAiCompatibleProvider&) = delete;

    [[nodiscard]] const ProviderConfig& config() const { return m_config; }
    [[nodiscard]] const QString& name() const { return m_config.name; }

    // POST {base}/chat/completions. The job reports through its signals; the caller deletes it.
    [[nodiscard]] CompletionJob* start(const CompletionRequest& request, QObject* parent = nullptr);

    // GET {base}/models: the model ids this key may use.
    [[nodiscard]] ModelListJob* fetchModels(QObject* parent = nullptr);

    // {base}/{path} for base URLs with or without /v1 and trailing slashes; a base that already ends in
    // /chat/completions is cut back to its root.
    [[nodiscard]] static QUrl endpoint(const QUrl& baseUrl, QStringView path);

    // What start() sends, for tests and diagnostics (contains no key).
    [[nodiscard]] QJsonObject requestBody(const CompletionRequest& request) const;

private:
    [[nodiscard]] QNetworkRequest networkRequest(const QUrl& url, bool stream) const;
    [[nodiscard]] QNetworkAccessManager* networkForThisThread();

    ProviderConfig m_config;
    const Clock* m_clock;
    QMutex m_mutex;
    QHash<QThread*, QPointer<QNetworkAccessManager>> m_networks;
};

} // namespace pc
