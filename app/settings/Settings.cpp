#include "settings/Settings.h"

#include "settings/EndpointUrls.h"

#include <QRegularExpression>
#include <QSet>
#include <QSettings>

using namespace Qt::Literals::StringLiterals;

namespace pc {

namespace {

// Key names. None of them may look like a secret's name (tests check the file).
const QString ServersArray = u"servers"_s;
const QString ServerName = u"name"_s;
const QString ServerUrl = u"url"_s;
const QString ConnectionModeKey = u"connection/mode"_s;
const QString ActiveServerKey = u"connection/activeServer"_s;
const QString SignedInUsersKey = u"connection/signedInUsers"_s;
const QString LocalPortKey = u"connection/localEnginePort"_s;
const QString ModelKey = u"chat/model"_s;
const QString ThinkingKey = u"chat/thinking"_s;
const QString ProvidersArray = u"fallbackProviders"_s;
const QString ProviderName = u"name"_s;
const QString ProviderUrl = u"baseUrl"_s;
const QString ProviderModel = u"model"_s;
const QString ProviderEnabled = u"enabled"_s;
const QString ThemeKey = u"ui/theme"_s;
const QString LanguageKey = u"ui/language"_s;
const QString GeometryKey = u"window/geometry"_s;
const QString StateKey = u"window/state"_s;
const QString LastConversationKey = u"window/lastConversation"_s;

const QString DefaultModel = u"deepseek-flash"_s;
constexpr qsizetype MaxNameLength = 100;

QString themeName(Settings::Theme theme)
{
    switch (theme) {
    case Settings::Theme::Light:
        return u"light"_s;
    case Settings::Theme::Dark:
        return u"dark"_s;
    case Settings::Theme::System:
        break;
    }
    return u"system"_s;
}

bool isAcceptableName(const QString& name)
{
    return !name.isEmpty() && name == name.trimmed() && name.size() <= MaxNameLength &&
           !Settings::looksLikeSecret(name);
}

QString urlText(const QUrl& url)
{
    return url.toString(QUrl::FullyEncoded);
}

QUrl urlFrom(const QVariant& value)
{
    return QUrl(value.toString(), QUrl::StrictMode);
}

} // namespace

Settings::Settings()
    : m_settings(std::make_unique<QSettings>(QSettings::IniFormat, QSettings::UserScope, u"PromptCraft"_s,
                                             u"PromptCraft"_s))
{}

Settings::Settings(const QString& iniFilePath)
    : m_settings(std::make_unique<QSettings>(iniFilePath, QSettings::IniFormat))
{}

Settings::~Settings() = default;

QString Settings::fileName() const
{
    return m_settings->fileName();
}

bool Settings::sync()
{
    m_settings->sync();
    return m_settings->status() == QSettings::NoError;
}

QList<ServerEntry> Settings::servers() const
{
    QList<ServerEntry> result;
    const int count = m_settings->beginReadArray(ServersArray);
    for (int i = 0; i < count; ++i) {
        m_settings->setArrayIndex(i);
        ServerEntry entry{m_settings->value(ServerName).toString(), urlFrom(m_settings->value(ServerUrl))};
        // A file edited by hand may hold anything; what is invalid is left out rather than used.
        if (isAcceptableName(entry.name) && checkServerUrl(entry.baseUrl) == UrlProblem::None)
            result.append(entry);
    }
    m_settings->endArray();
    if (result.isEmpty())
        result.append(ServerEntry{u"localhost"_s, defaultServerUrl()});
    return result;
}

bool Settings::setServers(const QList<ServerEntry>& servers)
{
    QSet<QUrl> seen;
    for (const ServerEntry& entry : servers) {
        if (!isAcceptableName(entry.name) || checkServerUrl(entry.baseUrl) != UrlProblem::None)
            return false;
        const QUrl normalized = normalizedServerUrl(entry.baseUrl);
        if (seen.contains(normalized))
            return false;
        seen.insert(normalized);
    }
    m_settings->remove(ServersArray);
    m_settings->beginWriteArray(ServersArray, int(servers.size()));
    for (int i = 0; i < servers.size(); ++i) {
        m_settings->setArrayIndex(i);
        m_settings->setValue(ServerName, servers.at(i).name);
        m_settings->setValue(ServerUrl, urlText(servers.at(i).baseUrl));
    }
    m_settings->endArray();
    return true;
}

Settings::ConnectionMode Settings::connectionMode() const
{
    return m_settings->value(ConnectionModeKey).toString() == "server"_L1 ? ConnectionMode::Server
                                                                          : ConnectionMode::Local;
}

void Settings::setConnectionMode(ConnectionMode mode)
{
    m_settings->setValue(ConnectionModeKey, mode == ConnectionMode::Server ? u"server"_s : u"local"_s);
}

QUrl Settings::activeServerUrl() const
{
    const QList<ServerEntry> list = servers();
    const QUrl chosen = normalizedServerUrl(urlFrom(m_settings->value(ActiveServerKey)));
    if (!chosen.isEmpty()) {
        for (const ServerEntry& entry : list) {
            if (normalizedServerUrl(entry.baseUrl) == chosen)
                return entry.baseUrl;
        }
    }
    return list.constFirst().baseUrl;
}

bool Settings::setActiveServerUrl(const QUrl& url)
{
    const QUrl wanted = normalizedServerUrl(url);
    if (wanted.isEmpty() || checkServerUrl(url) != UrlProblem::None)
        return false;
    for (const ServerEntry& entry : servers()) {
        if (normalizedServerUrl(entry.baseUrl) == wanted) {
            m_settings->setValue(ActiveServerKey, urlText(wanted));
            return true;
        }
    }
    return false;
}

quint16 Settings::localEnginePort() const
{
    bool ok = false;
    const uint port = m_settings->value(LocalPortKey).toUInt(&ok);
    return ok && port > 0 && port <= 65535 ? quint16(port) : DefaultLocalEnginePort;
}

bool Settings::setLocalEnginePort(quint16 port)
{
    if (port == 0)
        return false;
    m_settings->setValue(LocalPortKey, uint(port));
    return true;
}

QString Settings::model() const
{
    const QString stored = m_settings->value(ModelKey).toString();
    return isAcceptableName(stored) ? stored : DefaultModel;
}

bool Settings::setModel(const QString& model)
{
    if (!isAcceptableName(model))
        return false;
    m_settings->setValue(ModelKey, model);
    return true;
}

// DeepSeek thinks unless told not to; the app asks for it only when the user turns it on.
bool Settings::thinkingEnabled() const
{
    return m_settings->value(ThinkingKey, false).toBool();
}

void Settings::setThinkingEnabled(bool enabled)
{
    m_settings->setValue(ThinkingKey, enabled);
}

QList<FallbackProviderConfig> Settings::fallbackProviders() const
{
    QList<FallbackProviderConfig> result;
    const int count = m_settings->beginReadArray(ProvidersArray);
    for (int i = 0; i < count; ++i) {
        m_settings->setArrayIndex(i);
        FallbackProviderConfig provider{
            m_settings->value(ProviderName).toString(), urlFrom(m_settings->value(ProviderUrl)),
            m_settings->value(ProviderModel).toString(), m_settings->value(ProviderEnabled, true).toBool()};
        if (isAcceptableName(provider.name) && !provider.name.contains(u'/') &&
            checkProviderUrl(provider.baseUrl) == UrlProblem::None && isAcceptableName(provider.model))
            result.append(provider);
    }
    m_settings->endArray();
    return result;
}

bool Settings::setFallbackProviders(const QList<FallbackProviderConfig>& providers)
{
    QSet<QString> seen;
    for (const FallbackProviderConfig& provider : providers) {
        if (!isAcceptableName(provider.name) || provider.name.contains(u'/') ||
            checkProviderUrl(provider.baseUrl) != UrlProblem::None || !isAcceptableName(provider.model))
            return false;
        const QString folded = provider.name.toCaseFolded();
        if (seen.contains(folded))
            return false;
        seen.insert(folded);
    }
    m_settings->remove(ProvidersArray);
    m_settings->beginWriteArray(ProvidersArray, int(providers.size()));
    for (int i = 0; i < providers.size(); ++i) {
        const FallbackProviderConfig& provider = providers.at(i);
        m_settings->setArrayIndex(i);
        m_settings->setValue(ProviderName, provider.name);
        m_settings->setValue(ProviderUrl, urlText(provider.baseUrl));
        m_settings->setValue(ProviderModel, provider.model);
        m_settings->setValue(ProviderEnabled, provider.enabled);
    }
    m_settings->endArray();
    return true;
}

Settings::Theme Settings::theme() const
{
    const QString name = m_settings->value(ThemeKey).toString();
    if (name == "light"_L1)
        return Theme::Light;
    if (name == "dark"_L1)
        return Theme::Dark;
    return Theme::System;
}

void Settings::setTheme(Theme theme)
{
    m_settings->setValue(ThemeKey, themeName(theme));
}

QString Settings::language() const
{
    return m_settings->value(LanguageKey).toString();
}

bool Settings::setLanguage(const QString& language)
{
    static const QRegularExpression pattern(u"^([A-Za-z]{2,3}([_-][A-Za-z0-9]{2,8})*)?$"_s);
    if (!pattern.match(language).hasMatch())
        return false;
    m_settings->setValue(LanguageKey, language);
    return true;
}

QByteArray Settings::windowGeometry() const
{
    return m_settings->value(GeometryKey).toByteArray();
}

void Settings::setWindowGeometry(const QByteArray& geometry)
{
    m_settings->setValue(GeometryKey, geometry);
}

QByteArray Settings::windowState() const
{
    return m_settings->value(StateKey).toByteArray();
}

void Settings::setWindowState(const QByteArray& state)
{
    m_settings->setValue(StateKey, state);
}

QString Settings::signedInUser(const QUrl& server) const
{
    return m_settings->value(SignedInUsersKey).toMap().value(urlText(normalizedServerUrl(server))).toString();
}

void Settings::setSignedInUser(const QUrl& server, const QString& userName)
{
    const QString key = urlText(normalizedServerUrl(server));
    if (key.isEmpty())
        return;
    QVariantMap users = m_settings->value(SignedInUsersKey).toMap();
    if (userName.isEmpty())
        users.remove(key);
    else
        users.insert(key, userName.left(MaxNameLength));
    if (users.isEmpty())
        m_settings->remove(SignedInUsersKey);
    else
        m_settings->setValue(SignedInUsersKey, users);
}

QString Settings::lastConversationId() const
{
    return m_settings->value(LastConversationKey).toString();
}

void Settings::setLastConversationId(const QString& id)
{
    m_settings->setValue(LastConversationKey, id);
}

bool Settings::looksLikeSecret(const QString& text)
{
    static const QRegularExpression jwt(u"eyJ[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]*"_s);
    static const QRegularExpression apiKey(u"^\\s*(sk|pk|rk)-[A-Za-z0-9_-]{8,}"_s);
    static const QRegularExpression bearer(u"^\\s*bearer\\s+\\S"_s,
                                           QRegularExpression::CaseInsensitiveOption);
    return jwt.match(text).hasMatch() || apiKey.match(text).hasMatch() || bearer.match(text).hasMatch();
}

} // namespace pc
