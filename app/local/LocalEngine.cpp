#include "local/LocalEngine.h"

#include "ai/BackendFactory.h"
#include "ai/ProviderConfigLoader.h"
#include "ai/ProviderSetup.h"
#include "auth/JwtSigner.h"
#include "core/Clock.h"
#include "core/Logging.h"
#include "secrets/SecretKeys.h"
#include "server/EngineConfig.h"
#include "server/EngineHost.h"
#include "settings/Settings.h"

#include <QDir>
#include <QRandomGenerator>
#include <QStandardPaths>

#include <algorithm>
#include <limits>

using namespace Qt::Literals::StringLiterals;

namespace pc {

namespace {

constexpr auto SecretEncoding = QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;

QByteArray randomBytes(int count)
{
    QByteArray bytes(((count + 3) / 4) * 4, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32*>(bytes.data()), bytes.size() / 4);
    bytes.truncate(count);
    return bytes;
}

} // namespace

QString LocalEngine::localUserId()
{
    return u"local"_s;
}

QString LocalEngine::deepSeekName()
{
    return u"DeepSeek"_s;
}

QString LocalEngine::defaultDataDir()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)).filePath(u"engine"_s);
}

LocalEngine::LocalEngine(const Settings& settings, TokenStore* secrets, LocalEngineOptions options,
                         QObject* parent)
    : QObject(parent)
    , m_settings(settings)
    , m_secrets(secrets)
    , m_options(std::move(options))
{
    Q_ASSERT(secrets);
    m_options.secretBytes = std::max(m_options.secretBytes, int(MinSecretBytes));
    m_options.tokenTtlSecs = std::max<qint64>(m_options.tokenTtlSecs, 60);
    connect(secrets, &TokenStore::readFinished, this, &LocalEngine::onRead);
    connect(secrets, &TokenStore::writeFinished, this, &LocalEngine::onWritten);
    connect(&m_renewTimer, &QTimer::timeout, this, &LocalEngine::renewToken);
}

LocalEngine::~LocalEngine()
{
    stop();
}

QString LocalEngine::dataDir() const
{
    return m_options.dataDir.isEmpty() ? defaultDataDir() : m_options.dataDir;
}

QString LocalEngine::keyName(const QString& name) const
{
    return m_options.keyPrefix + name;
}

void LocalEngine::start()
{
    if (m_state == State::Starting || m_state == State::Running)
        return;
    if (!m_secrets) {
        fail(Error{ErrorCode::InternalError, tr("The secret store is gone.")});
        return;
    }
    m_secretStorage = SecretStorage::Unknown;
    m_secret.clear();
    m_apiKeys.clear();
    m_keyReads.clear();
    m_usedFallbackPort = false;
    setState(State::Starting);
    m_secretRead = m_secrets->read(keyName(secretkeys::localEngineSigningSecret()));
}

void LocalEngine::stop()
{
    m_renewTimer.stop();
    m_secretRead = 0;
    m_secretWrite = 0;
    m_keyReads.clear();
    m_apiKeys.clear();
    if (m_host) {
        m_host->stop();
        delete m_host;
        m_host = nullptr;
    }
    m_secret.fill('\0');
    m_secret.clear();
    m_token.clear();
    m_url.clear();
    if (m_state != State::Stopped)
        setState(State::Stopped);
}

void LocalEngine::onRead(quint64 requestId, const QString&, TokenStore::Status status, const QString& value,
                         const QString& message)
{
    if (requestId != 0 && requestId == m_secretRead) {
        m_secretRead = 0;
        switch (status) {
        case TokenStore::Status::Ok: {
            const auto decoded = QByteArray::fromBase64Encoding(
                value.toLatin1(), SecretEncoding | QByteArray::AbortOnBase64DecodingErrors);
            if (decoded && decoded.decoded.size() >= MinSecretBytes) {
                m_secret = decoded.decoded;
                m_secretStorage = SecretStorage::Keychain;
                readProviderKeys();
                return;
            }
            qCWarning(lcClient) << "the stored local engine signing secret is unusable; making a new one";
            createSecret();
            return;
        }
        case TokenStore::Status::NotFound:
            qCInfo(lcClient) << "creating the local engine signing secret";
            createSecret();
            return;
        default:
            m_secret = randomBytes(m_options.secretBytes);
            keepSecretInMemory(status, message);
            readProviderKeys();
            return;
        }
    }
    const auto it = m_keyReads.constFind(requestId);
    if (it == m_keyReads.cend())
        return;
    const QString name = it.value();
    m_keyReads.erase(it);
    if (status == TokenStore::Status::Ok && !value.isEmpty())
        m_apiKeys.insert(name, value);
    else if (status != TokenStore::Status::NotFound)
        qCWarning(lcClient).noquote() << "could not read the API key of" << name << "-" << message;
    if (m_keyReads.isEmpty())
        launch();
}

void LocalEngine::onWritten(quint64 requestId, const QString&, TokenStore::Status status,
                            const QString& message)
{
    if (requestId == 0 || requestId != m_secretWrite)
        return;
    m_secretWrite = 0;
    if (status == TokenStore::Status::Ok)
        m_secretStorage = SecretStorage::Keychain;
    else
        keepSecretInMemory(status, message);
    readProviderKeys();
}

void LocalEngine::createSecret()
{
    m_secret = randomBytes(m_options.secretBytes);
    m_secretWrite = m_secrets->write(keyName(secretkeys::localEngineSigningSecret()),
                                     QString::fromLatin1(m_secret.toBase64(SecretEncoding)));
}

void LocalEngine::keepSecretInMemory(TokenStore::Status reason, const QString& message)
{
    m_secretStorage = SecretStorage::MemoryOnly;
    qCWarning(lcClient).noquote() << "the keychain cannot keep the local engine's signing secret (" << message
                                  << "); it lives in memory for this run";
    Q_EMIT secretKeptInMemory(reason, message);
}

void LocalEngine::readProviderKeys()
{
    if (m_state != State::Starting)
        return;
    // Without a keychain there are no keys to read; asking again would only wait for timeouts.
    if (m_secretStorage == SecretStorage::MemoryOnly || !m_secrets) {
        launch();
        return;
    }
    QStringList names{deepSeekName()};
    const auto fallbacks = m_settings.fallbackProviders();
    for (const FallbackProviderConfig& fallback : fallbacks)
        if (fallback.enabled && !names.contains(fallback.name, Qt::CaseInsensitive))
            names.append(fallback.name);
    for (const QString& name : std::as_const(names)) {
        const QString key = secretkeys::providerApiKey(name);
        if (!key.isEmpty())
            m_keyReads.insert(m_secrets->read(keyName(key)), name);
    }
    if (m_keyReads.isEmpty())
        launch();
}

ProviderSetup LocalEngine::providerSetup() const
{
    ProviderSetup setup;
    ProviderConfig deepseek;
    deepseek.name = deepSeekName();
    deepseek.baseUrl = m_options.deepSeekBaseUrl.isEmpty()
                           ? QUrl(ProviderConfigLoader::DefaultDeepSeekBaseUrl)
                           : m_options.deepSeekBaseUrl;
    deepseek.model = m_settings.model();
    deepseek.thinkingEnabled = m_settings.thinkingEnabled();
    deepseek.thinkingField = true; // DeepSeek thinks unless told not to
    deepseek.apiKey = m_apiKeys.value(deepSeekName());
    deepseek.enabled = deepseek.hasKey();
    if (!deepseek.enabled)
        setup.primaryProblem = tr("No DeepSeek API key is stored in the keychain.");
    setup.providers.append(deepseek);

    const auto fallbacks = m_settings.fallbackProviders();
    for (const FallbackProviderConfig& entry : fallbacks) {
        ProviderConfig fallback;
        fallback.name = entry.name;
        fallback.baseUrl = entry.baseUrl;
        fallback.model = entry.model;
        fallback.enabled = entry.enabled;
        fallback.apiKey = m_apiKeys.value(entry.name); // local servers need none
        fallback.thinkingField = ProviderConfigLoader::isDeepSeekHost(entry.baseUrl);
        setup.providers.append(fallback);
    }
    return setup;
}

void LocalEngine::launch()
{
    if (m_state != State::Starting)
        return;
    const ProviderSetup setup = providerSetup();
    m_apiKeys.clear(); // the setup holds them now; it goes to the engine thread and nowhere else
    m_providerNames.clear();
    for (const ProviderConfig& provider : setup.providers)
        if (provider.enabled)
            m_providerNames.append(provider.name);
    m_providerProblem = setup.primaryProblem;

    const QString dir = dataDir();
    if (!QDir().mkpath(dir)) {
        fail(Error{ErrorCode::InternalError, tr("Cannot create the engine's data folder %1.").arg(dir)});
        return;
    }
    EngineConfig config;
    config.listenAddress = QHostAddress(QHostAddress::LocalHost);
    config.port = m_settings.localEnginePort();
    config.dataDir = dir;
    config.allowAnonymous = false;
    config.jwtSecret = m_secret;
    config.serverName = u"promptcraft-local"_s;
    const EngineHost::BackendFactory factory = [setup] { return makeBackend(setup); };

    m_host = new EngineHost(this);
    auto launched = m_host->start(config, factory);
    if (!launched && config.port != 0) {
        qCInfo(lcClient).noquote() << "local engine port" << config.port << "unavailable ("
                                   << launched.error().message << "); using any free port";
        config.port = 0;
        launched = m_host->start(config, factory);
        m_usedFallbackPort = launched.ok();
    }
    if (!launched) {
        delete m_host;
        m_host = nullptr;
        fail(launched.error());
        return;
    }
    m_url = launched.value();
    m_token = mintToken(m_options.tokenTtlSecs);
    const qint64 renewMs =
        std::min<qint64>(m_options.tokenTtlSecs * 1000 / 2, std::numeric_limits<int>::max());
    m_renewTimer.start(int(renewMs));
    qCInfo(lcClient).noquote() << "local engine on" << m_url.toString() << "with"
                               << (m_providerNames.isEmpty() ? u"offline answers"_s
                                                             : m_providerNames.join(u", "_s));
    setState(State::Running);
    Q_EMIT started(m_url, m_token);
}

QString LocalEngine::mintToken(qint64 ttlSecs) const
{
    if (m_secret.isEmpty() || !m_host)
        return {};
    return QString::fromLatin1(
        JwtSigner::mintAccessToken(m_secret, localUserId(), Clock::system().nowSecs(), ttlSecs));
}

void LocalEngine::renewToken()
{
    if (m_state != State::Running)
        return;
    m_token = mintToken(m_options.tokenTtlSecs);
    Q_EMIT tokenRenewed(m_token);
}

void LocalEngine::fail(const Error& error)
{
    qCWarning(lcClient).noquote() << "local engine failed to start:" << error.message;
    m_lastError = error;
    m_secret.fill('\0');
    m_secret.clear();
    setState(State::Failed);
    Q_EMIT failed(error);
}

void LocalEngine::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

} // namespace pc
