#pragma once

#include <QString>
#include <QUrl>

// Names of the secrets PromptCraft keeps in the keychain (service "PromptCraft"). Names carry no secret;
// server URLs are normalized first, so credentials or a ?token= query never end up in a name.
namespace pc::secretkeys {

// "server/<normalized base url>/access"; empty when the URL is not a valid server URL.
[[nodiscard]] QString serverAccessToken(const QUrl& serverBaseUrl);
// "server/<normalized base url>/refresh"; empty when the URL is not a valid server URL.
[[nodiscard]] QString serverRefreshToken(const QUrl& serverBaseUrl);
// "provider/<name>/api_key", the name percent-encoded so that it cannot add a level; empty for an empty name.
[[nodiscard]] QString providerApiKey(const QString& providerName);
// "local-engine/signing-secret": the in-process engine's JWT signing secret.
[[nodiscard]] QString localEngineSigningSecret();

} // namespace pc::secretkeys
