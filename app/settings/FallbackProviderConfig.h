#pragma once

#include <QString>
#include <QUrl>

namespace pc {

// An OpenAI-compatible provider to fall back on (another cloud, or Ollama / llama.cpp / LM Studio).
// Its API key lives in the keychain under secretkeys::providerApiKey(name), never here.
struct FallbackProviderConfig {
    QString name;
    QUrl baseUrl; // e.g. http://127.0.0.1:11434/v1
    QString model;
    bool enabled = true;

    friend bool operator==(const FallbackProviderConfig&, const FallbackProviderConfig&) = default;
};

} // namespace pc
