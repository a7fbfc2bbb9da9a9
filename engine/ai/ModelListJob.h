#pragma once

#include "CompletionTypes.h"

#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QTimer>

#include <chrono>

class QNetworkAccessManager;
class QNetworkReply;
class QNetworkRequest;

namespace pc {

// GET {base}/models, for the settings dialog to validate a key and offer the model names.
// Like CompletionJob: always asynchronous, exactly one of finished()/failed(), nothing after cancel().
class ModelListJob final : public QObject {
    Q_OBJECT
public:
    // `secret` (the API key) is only used to scrub provider messages that quote it back.
    ModelListJob(QNetworkAccessManager* network, const QNetworkRequest& request, QString provider,
                 std::chrono::milliseconds timeout, QString secret = {}, QObject* parent = nullptr);
    ~ModelListJob() override;

    void cancel();

    // The model ids of an OpenAI-style list ({"data":[{"id":..}]}) or Ollama's ({"models":[{"name":..}]}).
    [[nodiscard]] static QStringList parseModelIds(QByteArrayView body, bool* ok = nullptr);

Q_SIGNALS:
    void finished(const QStringList& modelIds);
    void failed(const pc::CompletionFailure& failure);

private:
    void onFinished();
    void fail(FailureKind kind, const QString& message, int httpStatus = 0);
    void dropReply();

    QPointer<QNetworkReply> m_reply;
    QTimer m_timer;
    QString m_provider;
    QString m_secret;
    bool m_ended = false;
};

} // namespace pc
