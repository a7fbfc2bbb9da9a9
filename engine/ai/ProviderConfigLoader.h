#pragma once

#include "ProviderSetup.h"
#include "Result.h"

#include <QByteArrayView>
#include <QProcessEnvironment>
#include <QString>

namespace pc {

// Where the provider list comes from: environment variables (the headless default) or a JSON engine
// config file. Keys are only ever read from the environment; a file never holds one (docs/providers.md).
class ProviderConfigLoader {
public:
    static inline const QString DefaultDeepSeekBaseUrl = QStringLiteral("https://api.deepseek.com");
    static inline const QString DefaultDeepSeekModel = QStringLiteral("deepseek-flash");

    // DEEPSEEK_API_KEY, DEEPSEEK_BASE_URL, DEEPSEEK_MODEL; PROMPTCRAFT_FALLBACK_BASE_URL, _MODEL,
    // _API_KEY (optional), _NAME (optional). DeepSeek without a key is kept disabled and reported
    // as the primary problem.
    [[nodiscard]] static ProviderSetup fromEnvironment(const QProcessEnvironment& env);
    // DEEPSEEK_BASE_URL when it is an http(s) URL, else DefaultDeepSeekBaseUrl.
    [[nodiscard]] static QUrl deepSeekBaseUrl(const QProcessEnvironment& env);

    // {"providers":[{"name","base_url","model","api_key_env","enabled","thinking",...}]}
    [[nodiscard]] static Result<ProviderSetup> fromJson(QByteArrayView json, const QProcessEnvironment& env);
    [[nodiscard]] static Result<ProviderSetup> fromFile(const QString& path, const QProcessEnvironment& env);

    // True for DeepSeek's own hosts, which understand the `thinking` request field.
    [[nodiscard]] static bool isDeepSeekHost(const QUrl& url);
};

} // namespace pc
