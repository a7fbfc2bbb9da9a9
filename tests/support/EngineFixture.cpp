#include "EngineFixture.h"

#include "ai/OfflineResponder.h"
#include "auth/JwtSigner.h"
#include "core/Clock.h"

namespace pc::test {

EngineFixture::EngineFixture(EngineConfig config, std::shared_ptr<AiBackend> backend, const Clock* clock)
    : m_config(std::move(config))
    , m_backend(backend ? std::move(backend) : std::make_shared<OfflineResponder>())
    , m_clock(clock ? clock : &Clock::system())
{
    m_config.listenAddress = QHostAddress(QHostAddress::LocalHost);
    m_config.port = 0;
    m_config.dataDir = m_dir.path();
    if (m_config.jwtSecret.isEmpty())
        m_config.jwtSecret = secret();
    restart();
}

EngineFixture::~EngineFixture()
{
    if (m_engine)
        m_engine->shutdown();
}

bool EngineFixture::restart()
{
    if (m_engine) {
        // After engine().shutdown() the engine reports port 0; the port it had is kept in m_config.
        if (m_engine->port() != 0)
            m_config.port = m_engine->port();
        m_engine->shutdown();
        m_engine.reset();
    }
    m_engine = std::make_unique<Engine>(m_config, m_backend, *m_clock);
    const auto started = m_engine->start();
    m_started = started.ok();
    if (m_started)
        m_config.port = m_engine->port();
    m_startError = started.ok() ? QString() : started.error().message;
    return m_started;
}

QUrl EngineFixture::sessionUrl(const QString& sessionId, const QString& query) const
{
    QUrl url = m_engine->url();
    url.setPath(url.path() + sessionId + QLatin1Char('/'));
    if (!query.isEmpty())
        url.setQuery(query);
    return url;
}

QByteArray EngineFixture::token(const QString& userId, qint64 ttlSecs)
{
    return JwtSigner::mintAccessToken(secret(), userId, Clock::system().nowSecs(), ttlSecs);
}

} // namespace pc::test
