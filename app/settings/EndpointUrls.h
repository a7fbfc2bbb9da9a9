#pragma once

#include <QString>
#include <QStringView>
#include <QUrl>

namespace pc {

// Why a URL was refused. Settings keep no secrets, so URLs carrying credentials are refused too.
enum class UrlProblem {
    None,
    Empty,
    Malformed,
    UnsupportedScheme, // servers: ws or wss; providers: http or https
    MissingHost,
    ContainsCredentials,     // user:password@ in the URL
    ContainsQueryOrFragment, // servers: the client adds its own query; tokens travel in a header
    SecretInQuery,           // providers: a query item named like key, token, secret...
};

// The engine's default chat endpoint (the in-process engine and the reference backend).
[[nodiscard]] QUrl defaultServerUrl();

// A WebSocket base URL: ws or wss, a host, any path, no credentials, no query or fragment.
[[nodiscard]] UrlProblem checkServerUrl(const QUrl& url);
// An OpenAI-compatible base URL: http or https, a host, any path, no credentials.
[[nodiscard]] UrlProblem checkProviderUrl(const QUrl& url);
[[nodiscard]] QString describeUrlProblem(UrlProblem problem);

// One spelling per server, to compare entries and to name its keychain entries: lower-case scheme
// and host, default port dropped, path segments normalized with exactly one trailing slash,
// credentials, query and fragment removed. Returns an empty URL when url is no server URL even without
// those parts.
[[nodiscard]] QUrl normalizedServerUrl(const QUrl& url);

// Session ids as the protocol allows them: [A-Za-z0-9_-]{1,128}.
[[nodiscard]] bool isValidSessionId(QStringView sessionId);

// The chat URL of a session: "<session_id>/" appended to the base path, with or without a trailing
// slash on the base ("ws://h/ws/chat" and "ws://h/ws/chat/" give "ws://h/ws/chat/<id>/").
// Returns an empty URL when the base URL is invalid or the session id is not a valid id.
[[nodiscard]] QUrl sessionUrl(const QUrl& baseUrl, const QString& sessionId);

} // namespace pc
