#include "ProviderConfigLoader.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

using namespace Qt::Literals::StringLiterals;

namespace pc {

namespace {

constexpr qint64 MaxConfigBytes = 1024 * 1024;

Error invalid(const QString& message)
{
    return Error{ErrorCode::InvalidMessage, message};
}

std::optional<QUrl> parseBaseUrl(const QString& text)
{
    const QUrl url(text.trimmed(), QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty())
        return std::nullopt;
    if (url.scheme() != "http"_L1 && url.scheme() != "https"_L1)
        return std::nullopt;
    if (!url.userInfo().isEmpty())
        return std::nullopt; // credentials in a URL would end up in logs
    return url;
}

QString fallbackName(const QUrl& url)
{
    if (url.port() == 11434)
        return u"Ollama"_s;
    if (url.host().endsWith("openai.com"_L1))
        return u"OpenAI"_s;
    if (ProviderConfigLoader::isDeepSeekHost(url))
        return u"DeepSeek"_s;
    return url.host();
}

QString envValue(const QProcessEnvironment& env, const QString& name)
{
    return env.value(name).trimmed();
}

} // namespace

bool ProviderConfigLoader::isDeepSeekHost(const QUrl& url)
{
    const QString host = url.host().toLower();
    return host == "deepseek.com"_L1 || host.endsWith(".deepseek.com"_L1);
}

QUrl ProviderConfigLoader::deepSeekBaseUrl(const QProcessEnvironment& env)
{
    return parseBaseUrl(env.value(u"DEEPSEEK_BASE_URL"_s).trimmed()).value_or(QUrl(DefaultDeepSeekBaseUrl));
}

ProviderSetup ProviderConfigLoader::fromEnvironment(const QProcessEnvironment& env)
{
    ProviderSetup setup;

    ProviderConfig deepseek;
    deepseek.name = u"DeepSeek"_s;
    deepseek.model = envValue(env, u"DEEPSEEK_MODEL"_s);
    if (deepseek.model.isEmpty())
        deepseek.model = DefaultDeepSeekModel;
    const QString deepseekUrl = envValue(env, u"DEEPSEEK_BASE_URL"_s);
    const auto deepseekBase = parseBaseUrl(deepseekUrl.isEmpty() ? DefaultDeepSeekBaseUrl : deepseekUrl);
    deepseek.baseUrl = deepseekBase.value_or(QUrl(DefaultDeepSeekBaseUrl));
    if (!deepseekBase)
        setup.warnings.append(u"DEEPSEEK_BASE_URL is not an http(s) URL; using the default"_s);
    deepseek.thinkingField = true; // DeepSeek thinks unless told not to
    deepseek.apiKey = envValue(env, u"DEEPSEEK_API_KEY"_s);
    if (deepseek.apiKey.isEmpty()) {
        deepseek.enabled = false;
        setup.primaryProblem = u"DEEPSEEK_API_KEY is not set"_s;
    }
    setup.providers.append(deepseek);

    const QString fallbackUrl = envValue(env, u"PROMPTCRAFT_FALLBACK_BASE_URL"_s);
    if (!fallbackUrl.isEmpty()) {
        const auto base = parseBaseUrl(fallbackUrl);
        const QString model = envValue(env, u"PROMPTCRAFT_FALLBACK_MODEL"_s);
        if (!base) {
            setup.warnings.append(u"PROMPTCRAFT_FALLBACK_BASE_URL is not an http(s) URL; no fallback"_s);
        } else if (model.isEmpty()) {
            setup.warnings.append(u"PROMPTCRAFT_FALLBACK_MODEL is not set; no fallback"_s);
        } else {
            ProviderConfig fallback;
            fallback.baseUrl = *base;
            fallback.model = model;
            fallback.name = envValue(env, u"PROMPTCRAFT_FALLBACK_NAME"_s);
            if (fallback.name.isEmpty())
                fallback.name = fallbackName(*base);
            fallback.apiKey = envValue(env, u"PROMPTCRAFT_FALLBACK_API_KEY"_s);
            fallback.thinkingField = isDeepSeekHost(*base);
            setup.providers.append(fallback);
        }
    }
    return setup;
}

Result<ProviderSetup> ProviderConfigLoader::fromJson(QByteArrayView json, const QProcessEnvironment& env)
{
    QJsonParseError parseError{};
    const QJsonDocument doc = QJsonDocument::fromJson(json.toByteArray(), &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return Error{ErrorCode::InvalidJson,
                     u"provider config is not JSON: %1"_s.arg(parseError.errorString())};
    if (!doc.isObject() || !doc.object().value("providers"_L1).isArray())
        return invalid(u"provider config needs a \"providers\" array"_s);

    ProviderSetup setup;
    const QJsonArray list = doc.object().value("providers"_L1).toArray();
    for (qsizetype i = 0; i < list.size(); ++i) {
        const QString where = u"providers[%1]"_s.arg(i);
        if (!list.at(i).isObject())
            return invalid(where + u" is not an object"_s);
        const QJsonObject entry = list.at(i).toObject();
        if (entry.contains("api_key"_L1))
            return invalid(where + u": keys do not belong in files; name an environment variable in "
                                   u"\"api_key_env\""_s);

        ProviderConfig config;
        config.name = entry.value("name"_L1).toString().trimmed();
        if (config.name.isEmpty())
            return invalid(where + u" needs a \"name\""_s);
        const auto base = parseBaseUrl(entry.value("base_url"_L1).toString());
        if (!base)
            return invalid(where + u" needs an http(s) \"base_url\""_s);
        config.baseUrl = *base;
        config.model = entry.value("model"_L1).toString().trimmed();
        if (config.model.isEmpty())
            return invalid(where + u" needs a \"model\""_s);
        config.enabled = entry.value("enabled"_L1).toBool(true);
        config.thinkingEnabled = entry.value("thinking"_L1).toBool(false);
        config.thinkingField = entry.value("thinking_field"_L1).toBool(isDeepSeekHost(config.baseUrl));
        if (entry.value("extra_body"_L1).isObject())
            config.extraBody = entry.value("extra_body"_L1).toObject();

        const auto readTimeout = [&](QLatin1StringView key, std::chrono::milliseconds& target) -> bool {
            const QJsonValue value = entry.value(key);
            if (value.isUndefined())
                return true;
            const double ms = value.toDouble(-1);
            if (!(ms > 0 && ms <= 24.0 * 3600 * 1000))
                return false;
            target = std::chrono::milliseconds(qint64(ms));
            return true;
        };
        for (const auto& [key, target] : {std::pair{"connect_timeout_ms"_L1, &config.connectTimeout},
                                          std::pair{"idle_timeout_ms"_L1, &config.idleTimeout},
                                          std::pair{"first_token_timeout_ms"_L1, &config.firstTokenTimeout},
                                          std::pair{"overall_timeout_ms"_L1, &config.overallTimeout}}) {
            if (!readTimeout(key, *target))
                return invalid(where + u": \"%1\" must be a positive number of milliseconds"_s.arg(key));
        }

        const QString keyEnv = entry.value("api_key_env"_L1).toString().trimmed();
        if (!keyEnv.isEmpty()) {
            config.apiKey = envValue(env, keyEnv);
            if (config.apiKey.isEmpty() && config.enabled) {
                config.enabled = false;
                const QString problem = u"%1 is not set"_s.arg(keyEnv);
                if (setup.primaryProblem.isEmpty() && i == 0)
                    setup.primaryProblem = problem;
                else
                    setup.warnings.append(u"%1: %2; skipped"_s.arg(config.name, problem));
            }
        }
        setup.providers.append(config);
    }
    if (setup.providers.isEmpty())
        setup.warnings.append(u"the provider config lists no providers"_s);
    return setup;
}

Result<ProviderSetup> ProviderConfigLoader::fromFile(const QString& path, const QProcessEnvironment& env)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error{ErrorCode::NotFound,
                     u"cannot read provider config %1: %2"_s.arg(path, file.errorString())};
    if (file.size() > MaxConfigBytes)
        return invalid(u"provider config %1 is larger than 1 MiB"_s.arg(path));
    return fromJson(file.readAll(), env);
}

} // namespace pc
