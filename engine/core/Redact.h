#pragma once

#include <QString>
#include <QUrl>

namespace pc {

// What replaces a secret in anything that may reach a log line.
inline constexpr char16_t RedactedMarker[] = u"[redacted]";

// Replaces what looks like a secret with "[redacted]": JWTs (eyJ... three segments), the value after
// `Bearer `, `Authorization:` header values, token/key query values (token=, access_token=, api_key=...)
// and API keys shaped sk-.... Errs on the side of hiding too much. Run it on every log line that
// could carry a secret (URLs, headers, upstream error bodies).
[[nodiscard]] QString redact(QString text);

// The URL as a string without user info (name and password) and with the values of the query (and fragment)
// items token, access_token, refresh_token, id_token, key and api_key replaced by "[redacted]"; the result
// then goes through redact().
[[nodiscard]] QString redactUrl(const QUrl& url);

} // namespace pc
