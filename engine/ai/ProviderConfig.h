#pragma once

#include <QJsonObject>
#include <QString>
#include <QUrl>

#include <chrono>

namespace pc {

// One OpenAI-compatible endpoint. Values, no behaviour. `apiKey` is a secret: nothing may log it,
// put it into an error message or write it to disk (it comes from the keychain or the environment).
struct ProviderConfig {
    QString name; // shown to people: "DeepSeek", "ollama"
    QUrl baseUrl; // with or without /v1, with or without a trailing slash
    QString model;
    QString apiKey;        // empty: no Authorization header (local servers)
    QJsonObject extraBody; // merged into every request body (e.g. reasoning_effort); cannot replace
                           // messages or stream
    bool enabled = true;
    bool thinkingEnabled = false; // default when a request does not say
    bool thinkingField = false;   // DeepSeek's `thinking: {type: enabled|disabled}` extension is sent

    std::chrono::milliseconds connectTimeout{10'000};    // TCP + TLS until the request is written
    std::chrono::milliseconds idleTimeout{90'000};       // no byte at all (keep-alives count)
    std::chrono::milliseconds firstTokenTimeout{60'000}; // no content or reasoning (keep-alives do not count)
    std::chrono::milliseconds overallTimeout{600'000};   // thinking models take minutes

    [[nodiscard]] bool hasKey() const { return !apiKey.isEmpty(); }
};

} // namespace pc
