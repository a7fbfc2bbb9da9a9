#include "CorsPolicy.h"

namespace pc {

CorsPolicy::CorsPolicy(QStringList allowedOrigins)
    : m_allowed(std::move(allowedOrigins))
{
    // Origins never end with a slash; a configured "https://app.example/" still means that origin.
    for (QString& origin : m_allowed)
        while (origin.endsWith(u'/'))
            origin.chop(1);
}

bool CorsPolicy::allows(const QByteArray& origin) const
{
    // "null" (sandboxed frames, file: pages) is never a trustworthy origin, even if listed.
    if (origin.isEmpty() || origin == "null")
        return false;
    return m_allowed.contains(QString::fromUtf8(origin), Qt::CaseInsensitive);
}

CorsPolicy::Headers CorsPolicy::responseHeaders(const QByteArray& origin)
{
    return {{"Access-Control-Allow-Origin", origin}, {"Vary", "Origin"}};
}

CorsPolicy::Headers CorsPolicy::preflightHeaders(const QByteArray& origin, const QByteArray& methods)
{
    return {{"Access-Control-Allow-Origin", origin},
            {"Access-Control-Allow-Methods", methods},
            {"Access-Control-Allow-Headers", "Authorization, Content-Type"},
            {"Access-Control-Max-Age", QByteArray::number(PreflightMaxAgeSecs)},
            {"Vary", "Origin"}};
}

} // namespace pc
