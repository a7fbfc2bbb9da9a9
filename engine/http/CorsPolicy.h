#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QStringList>

namespace pc {

// Which browser origins may use the REST API: the same list as the WebSocket Origin allowlist
// (EngineConfig::allowedOrigins), compared case-insensitively. Unlike the WebSocket side, an empty list
// allows no browser origin at all: requests without an Origin header (native clients, curl) are
// unaffected either way.
class CorsPolicy {
public:
    using Headers = QList<QPair<QByteArray, QByteArray>>;

    explicit CorsPolicy(QStringList allowedOrigins);

    [[nodiscard]] bool allows(const QByteArray& origin) const;

    // Headers for an actual response to an allowed origin.
    [[nodiscard]] static Headers responseHeaders(const QByteArray& origin);
    // Headers for a successful preflight of an allowed origin; `methods` like "POST, OPTIONS".
    [[nodiscard]] static Headers preflightHeaders(const QByteArray& origin, const QByteArray& methods);

    static constexpr int PreflightMaxAgeSecs = 600;

private:
    QStringList m_allowed;
};

} // namespace pc
