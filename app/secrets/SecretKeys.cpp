#include "secrets/SecretKeys.h"

#include "settings/EndpointUrls.h"

using namespace Qt::Literals::StringLiterals;

namespace pc::secretkeys {

namespace {

QString serverKey(const QUrl& serverBaseUrl, QLatin1StringView kind) {
    const QUrl normalized = normalizedServerUrl(serverBaseUrl);
    if (normalized.isEmpty())
        return {};
    QString text = normalized.toString(QUrl::FullyEncoded);
    if (text.endsWith(u'/'))
        text.chop(1);
    return u"server/"_s + text + u'/' + kind;
}

} // namespace

QString serverAccessToken(const QUrl& serverBaseUrl) {
    return serverKey(serverBaseUrl, "access"_L1);
}

QString serverRefreshToken(const QUrl& serverBaseUrl) {
    return serverKey(serverBaseUrl, "refresh"_L1);
}

QString providerApiKey(const QString& providerName) {
    const QString name = providerName.trimmed();
    if (name.isEmpty())
        return {};
    return u"provider/"_s + QString::fromLatin1(QUrl::toPercentEncoding(name)) + u"/api_key"_s;
}

QString localEngineSigningSecret() {
    return u"local-engine/signing-secret"_s;
}

} // namespace pc::secretkeys
