#include "settings/EndpointUrls.h"
#include "settings/Settings.h"

#include <QFile>
#include <QRegularExpression>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using pc::Settings;
using pc::UrlProblem;

class TestSettings : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();

    void defaults();
    void roundTrip();
    void defaultFileLocation();

    void checkServerUrl_data();
    void checkServerUrl();
    void checkProviderUrl_data();
    void checkProviderUrl();
    void normalizedServerUrl_data();
    void normalizedServerUrl();
    void sessionUrl_data();
    void sessionUrl();

    void serversAreValidated();
    void activeServer();
    void providersAreValidated();
    void looksLikeSecret_data();
    void looksLikeSecret();
    void freeTextRefusesSecrets();
    void languageAndPort();
    void handEditedFileIsSanitized();
    void noSecretInSettingsFile();

private:
    [[nodiscard]] QString iniPath() const { return m_dir->filePath(u"settings.ini"_s); }

    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestSettings::initTestCase() {
    // Settings() must never touch the real user's configuration from a test.
    QStandardPaths::setTestModeEnabled(true);
}

void TestSettings::init() {
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestSettings::defaults() {
    Settings settings(iniPath());
    QCOMPARE(settings.servers().size(), 1);
    QCOMPARE(settings.servers().constFirst().baseUrl, QUrl(u"ws://127.0.0.1:8000/ws/chat/"_s));
    QCOMPARE(pc::defaultServerUrl(), QUrl(u"ws://127.0.0.1:8000/ws/chat/"_s));
    QCOMPARE(settings.connectionMode(), Settings::ConnectionMode::Local);
    QCOMPARE(settings.activeServerUrl(), pc::defaultServerUrl());
    QCOMPARE(settings.localEnginePort(), quint16(8000));
    QCOMPARE(settings.model(), u"deepseek-flash"_s);
    QCOMPARE(settings.thinkingEnabled(), false);
    QVERIFY(settings.fallbackProviders().isEmpty());
    QCOMPARE(settings.theme(), Settings::Theme::System);
    QCOMPARE(settings.language(), QString());
    QVERIFY(settings.windowGeometry().isEmpty());
    QVERIFY(settings.windowState().isEmpty());
}

void TestSettings::roundTrip() {
    const QList<pc::ServerEntry> servers = {
        {u"Home lab"_s, QUrl(u"wss://chat.example.org/api/v1/ws/"_s)},
        {u"Django"_s, QUrl(u"ws://10.0.0.5:8001/ws/chat"_s)},
    };
    const QList<pc::FallbackProviderConfig> providers = {
        {u"ollama"_s, QUrl(u"http://127.0.0.1:11434/v1"_s), u"llama3.1:8b"_s, true},
        {u"OpenRouter"_s, QUrl(u"https://openrouter.ai/api/v1?route=fallback"_s), u"meta/llama-3"_s, false},
    };
    const QByteArray geometry = QByteArray::fromHex("01d9d0cb00030000000000000000");
    const QByteArray state = QByteArray("\x00\xff\x01state", 8);
    {
        Settings settings(iniPath());
        QVERIFY(settings.setServers(servers));
        QVERIFY(settings.setActiveServerUrl(QUrl(u"ws://10.0.0.5:8001/ws/chat/"_s)));
        settings.setConnectionMode(Settings::ConnectionMode::Server);
        QVERIFY(settings.setLocalEnginePort(8123));
        QVERIFY(settings.setModel(u"deepseek-v4-pro"_s));
        settings.setThinkingEnabled(true);
        QVERIFY(settings.setFallbackProviders(providers));
        settings.setTheme(Settings::Theme::Dark);
        QVERIFY(settings.setLanguage(u"pt_BR"_s));
        settings.setWindowGeometry(geometry);
        settings.setWindowState(state);
        QVERIFY(settings.sync());
    }
    Settings reread(iniPath());
    QCOMPARE(reread.servers(), servers);
    QCOMPARE(reread.activeServerUrl(), servers.at(1).baseUrl);
    QCOMPARE(reread.connectionMode(), Settings::ConnectionMode::Server);
    QCOMPARE(reread.localEnginePort(), quint16(8123));
    QCOMPARE(reread.model(), u"deepseek-v4-pro"_s);
    QCOMPARE(reread.thinkingEnabled(), true);
    QCOMPARE(reread.fallbackProviders(), providers);
    QCOMPARE(reread.theme(), Settings::Theme::Dark);
    QCOMPARE(reread.language(), u"pt_BR"_s);
    QCOMPARE(reread.windowGeometry(), geometry);
    QCOMPARE(reread.windowState(), state);

    // And back.
    Settings again(iniPath());
    again.setTheme(Settings::Theme::Light);
    again.setConnectionMode(Settings::ConnectionMode::Local);
    again.setThinkingEnabled(false);
    QVERIFY(again.setFallbackProviders({}));
    QVERIFY(again.sync());
    Settings last(iniPath());
    QCOMPARE(last.theme(), Settings::Theme::Light);
    QCOMPARE(last.connectionMode(), Settings::ConnectionMode::Local);
    QCOMPARE(last.thinkingEnabled(), false);
    QVERIFY(last.fallbackProviders().isEmpty());
}

void TestSettings::defaultFileLocation() {
    Settings settings;
    QVERIFY2(settings.fileName().endsWith(u"/PromptCraft/PromptCraft.ini"_s),
             qPrintable(settings.fileName()));
}

void TestSettings::checkServerUrl_data() {
    QTest::addColumn<QString>("url");
    QTest::addColumn<UrlProblem>("expected");

    QTest::newRow("default") << u"ws://127.0.0.1:8000/ws/chat/"_s << UrlProblem::None;
    QTest::newRow("wss, any path") << u"wss://chat.example.com/deep/path/ws"_s << UrlProblem::None;
    QTest::newRow("no path") << u"ws://example.com"_s << UrlProblem::None;
    QTest::newRow("upper-case scheme") << u"WSS://example.com/ws/"_s << UrlProblem::None;
    QTest::newRow("ipv6") << u"ws://[::1]:8000/ws/chat/"_s << UrlProblem::None;
    QTest::newRow("empty") << QString() << UrlProblem::Empty;
    QTest::newRow("http") << u"http://example.com/ws/chat/"_s << UrlProblem::UnsupportedScheme;
    QTest::newRow("https") << u"https://example.com/ws/chat/"_s << UrlProblem::UnsupportedScheme;
    QTest::newRow("no scheme") << u"example.com/ws/chat/"_s << UrlProblem::UnsupportedScheme;
    QTest::newRow("file") << u"file:///tmp/socket"_s << UrlProblem::UnsupportedScheme;
    QTest::newRow("no host") << u"ws:///ws/chat/"_s << UrlProblem::MissingHost;
    QTest::newRow("bad port") << u"ws://example.com:99999/ws/"_s << UrlProblem::Malformed;
    QTest::newRow("credentials") << u"wss://bob:hunter2@example.com/ws/"_s << UrlProblem::ContainsCredentials;
    QTest::newRow("user only") << u"wss://bob@example.com/ws/"_s << UrlProblem::ContainsCredentials;
    QTest::newRow("token query") << u"wss://example.com/ws/?token=eyJ"_s
                                 << UrlProblem::ContainsQueryOrFragment;
    QTest::newRow("fragment") << u"wss://example.com/ws/#x"_s << UrlProblem::ContainsQueryOrFragment;
}

void TestSettings::checkServerUrl() {
    QFETCH(QString, url);
    QFETCH(UrlProblem, expected);
    QCOMPARE(pc::checkServerUrl(QUrl(url, QUrl::StrictMode)), expected);
    if (expected != UrlProblem::None)
        QVERIFY(!pc::describeUrlProblem(expected).isEmpty());
}

void TestSettings::checkProviderUrl_data() {
    QTest::addColumn<QString>("url");
    QTest::addColumn<UrlProblem>("expected");

    QTest::newRow("deepseek") << u"https://api.deepseek.com"_s << UrlProblem::None;
    QTest::newRow("ollama") << u"http://127.0.0.1:11434/v1"_s << UrlProblem::None;
    QTest::newRow("harmless query") << u"https://x.example/v1?api-version=2024-10-01"_s << UrlProblem::None;
    QTest::newRow("ws") << u"ws://127.0.0.1:11434/v1"_s << UrlProblem::UnsupportedScheme;
    QTest::newRow("no host") << u"https:///v1"_s << UrlProblem::MissingHost;
    QTest::newRow("credentials") << u"https://u:sk-123@x.example/v1"_s << UrlProblem::ContainsCredentials;
    QTest::newRow("key query") << u"https://x.example/v1?key=abc"_s << UrlProblem::SecretInQuery;
    QTest::newRow("api_key query") << u"https://x.example/v1?a=1&API_KEY=abc"_s << UrlProblem::SecretInQuery;
    QTest::newRow("access_token query")
        << u"https://x.example/v1?access_token=abc"_s << UrlProblem::SecretInQuery;
}

void TestSettings::checkProviderUrl() {
    QFETCH(QString, url);
    QFETCH(UrlProblem, expected);
    QCOMPARE(pc::checkProviderUrl(QUrl(url, QUrl::StrictMode)), expected);
}

void TestSettings::normalizedServerUrl_data() {
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("expected");

    QTest::newRow("unchanged") << u"ws://127.0.0.1:8000/ws/chat/"_s << u"ws://127.0.0.1:8000/ws/chat/"_s;
    QTest::newRow("slash added") << u"ws://127.0.0.1:8000/ws/chat"_s << u"ws://127.0.0.1:8000/ws/chat/"_s;
    QTest::newRow("slashes collapsed") << u"ws://h/ws/chat///"_s << u"ws://h/ws/chat/"_s;
    QTest::newRow("root") << u"ws://h"_s << u"ws://h/"_s;
    QTest::newRow("case and default port") << u"WS://Example.COM:80/Ws/"_s << u"ws://example.com/Ws/"_s;
    QTest::newRow("wss default port") << u"wss://example.com:443/ws"_s << u"wss://example.com/ws/"_s;
    QTest::newRow("other port kept") << u"wss://example.com:8443/ws"_s << u"wss://example.com:8443/ws/"_s;
    QTest::newRow("dot segments") << u"ws://h/a/./b/../ws/"_s << u"ws://h/a/ws/"_s;
    QTest::newRow("secrets dropped") << u"wss://bob:pw@h/ws?token=x#f"_s << u"wss://h/ws/"_s;
    QTest::newRow("not a server") << u"https://h/ws"_s << QString();
}

void TestSettings::normalizedServerUrl() {
    QFETCH(QString, url);
    QFETCH(QString, expected);
    QCOMPARE(pc::normalizedServerUrl(QUrl(url, QUrl::StrictMode)).toString(), expected);
}

void TestSettings::sessionUrl_data() {
    QTest::addColumn<QString>("base");
    QTest::addColumn<QString>("sessionId");
    QTest::addColumn<QString>("expected");

    QTest::newRow("default base") << u"ws://127.0.0.1:8000/ws/chat/"_s << u"abc"_s
                                  << u"ws://127.0.0.1:8000/ws/chat/abc/"_s;
    QTest::newRow("no trailing slash")
        << u"ws://127.0.0.1:8000/ws/chat"_s << u"abc"_s << u"ws://127.0.0.1:8000/ws/chat/abc/"_s;
    QTest::newRow("guide's id") << u"wss://chat.example.com/ws/chat/"_s << u"session_user_42_1732550000000"_s
                                << u"wss://chat.example.com/ws/chat/session_user_42_1732550000000/"_s;
    QTest::newRow("other path") << u"wss://example.com/api/v2/socket"_s << u"S-1_x"_s
                                << u"wss://example.com/api/v2/socket/S-1_x/"_s;
    QTest::newRow("root, no slash") << u"ws://example.com"_s << u"abc"_s << u"ws://example.com/abc/"_s;
    QTest::newRow("root slash") << u"ws://example.com/"_s << u"abc"_s << u"ws://example.com/abc/"_s;
    QTest::newRow("port kept") << u"ws://[::1]:9000/ws/"_s << u"a"_s << u"ws://[::1]:9000/ws/a/"_s;
    QTest::newRow("encoded base path kept") << u"ws://h/my%20ws/"_s << u"a"_s << u"ws://h/my%20ws/a/"_s;
    QTest::newRow("128 chars") << u"ws://h/ws/"_s << QString(128, u'x')
                               << u"ws://h/ws/"_s + QString(128, u'x') + u'/';
    QTest::newRow("129 chars") << u"ws://h/ws/"_s << QString(129, u'x') << QString();
    QTest::newRow("empty id") << u"ws://h/ws/"_s << QString() << QString();
    QTest::newRow("slash in id") << u"ws://h/ws/"_s << u"a/b"_s << QString();
    QTest::newRow("dots") << u"ws://h/ws/"_s << u".."_s << QString();
    QTest::newRow("query char") << u"ws://h/ws/"_s << u"a?token=x"_s << QString();
    QTest::newRow("space") << u"ws://h/ws/"_s << u"a b"_s << QString();
    QTest::newRow("non-ascii") << u"ws://h/ws/"_s << u"ä"_s << QString();
    QTest::newRow("relative base") << u"/ws/chat/"_s << u"abc"_s << QString();
}

void TestSettings::sessionUrl() {
    QFETCH(QString, base);
    QFETCH(QString, sessionId);
    QFETCH(QString, expected);
    const QUrl url = pc::sessionUrl(QUrl(base, QUrl::StrictMode), sessionId);
    QCOMPARE(url.toString(QUrl::FullyEncoded), expected);
    QCOMPARE(pc::isValidSessionId(sessionId), !expected.isEmpty() || base.startsWith(u'/'));
}

void TestSettings::serversAreValidated() {
    Settings settings(iniPath());
    const QList<pc::ServerEntry> good = {{u"A"_s, QUrl(u"ws://a.example/ws/"_s)}};
    QVERIFY(settings.setServers(good));

    QVERIFY(!settings.setServers({{u"A"_s, QUrl(u"https://a.example/ws/"_s)}}));
    QVERIFY(!settings.setServers({{u"A"_s, QUrl(u"wss://u:pw@a.example/ws/"_s)}}));
    QVERIFY(!settings.setServers({{QString(), QUrl(u"ws://b.example/ws/"_s)}}));
    QVERIFY(!settings.setServers({{u" padded "_s, QUrl(u"ws://b.example/ws/"_s)}}));
    // The same server spelled twice.
    QVERIFY(!settings.setServers(
        {{u"A"_s, QUrl(u"ws://a.example/ws"_s)}, {u"B"_s, QUrl(u"WS://A.example:80/ws/"_s)}}));
    // A refused list changes nothing.
    QCOMPARE(settings.servers(), good);

    // An empty list means the default again.
    QVERIFY(settings.setServers({}));
    QCOMPARE(settings.servers().size(), 1);
    QCOMPARE(settings.servers().constFirst().baseUrl, pc::defaultServerUrl());
}

void TestSettings::activeServer() {
    Settings settings(iniPath());
    QVERIFY(settings.setServers(
        {{u"A"_s, QUrl(u"ws://a.example/ws/"_s)}, {u"B"_s, QUrl(u"wss://b.example/x"_s)}}));
    QCOMPARE(settings.activeServerUrl(), QUrl(u"ws://a.example/ws/"_s));

    // Any spelling of a listed server selects it; the entry's own URL comes back.
    QVERIFY(settings.setActiveServerUrl(QUrl(u"WSS://B.example:443/x/"_s)));
    QCOMPARE(settings.activeServerUrl(), QUrl(u"wss://b.example/x"_s));

    QVERIFY(!settings.setActiveServerUrl(QUrl(u"ws://c.example/ws/"_s)));
    QVERIFY(!settings.setActiveServerUrl(QUrl(u"wss://u:pw@b.example/x"_s)));
    QCOMPARE(settings.activeServerUrl(), QUrl(u"wss://b.example/x"_s));

    // Removing the chosen server falls back to the first one.
    QVERIFY(settings.setServers({{u"A"_s, QUrl(u"ws://a.example/ws/"_s)}}));
    QCOMPARE(settings.activeServerUrl(), QUrl(u"ws://a.example/ws/"_s));

    // The user name signed in per server, under any spelling of its URL; kept across instances.
    settings.setSignedInUser(QUrl(u"wss://b.example/x"_s), u"alice"_s);
    settings.setSignedInUser(QUrl(u"ws://a.example/ws/"_s), u"bob"_s);
    QVERIFY(settings.sync());
    Settings reopened(iniPath());
    QCOMPARE(reopened.signedInUser(QUrl(u"WSS://B.example:443/x/"_s)), u"alice"_s);
    QCOMPARE(reopened.signedInUser(QUrl(u"ws://a.example/ws/"_s)), u"bob"_s);
    QCOMPARE(reopened.signedInUser(QUrl(u"ws://c.example/ws/"_s)), QString());
    reopened.setSignedInUser(QUrl(u"wss://b.example/x"_s), {});
    QCOMPARE(reopened.signedInUser(QUrl(u"wss://b.example/x"_s)), QString());
    QCOMPARE(reopened.signedInUser(QUrl(u"ws://a.example/ws/"_s)), u"bob"_s);
}

void TestSettings::providersAreValidated() {
    Settings settings(iniPath());
    const pc::FallbackProviderConfig ok{u"ollama"_s, QUrl(u"http://127.0.0.1:11434/v1"_s), u"llama3"_s, true};
    QVERIFY(settings.setFallbackProviders({ok}));

    auto with = [&ok](auto change) {
        pc::FallbackProviderConfig p = ok;
        change(p);
        return p;
    };
    QVERIFY(!settings.setFallbackProviders({with([](auto& p) { p.name.clear(); })}));
    QVERIFY(!settings.setFallbackProviders({with([](auto& p) { p.name = u"a/b"_s; })}));
    QVERIFY(!settings.setFallbackProviders({with([](auto& p) { p.model.clear(); })}));
    QVERIFY(!settings.setFallbackProviders({with([](auto& p) { p.model = u"sk-abcdef1234567890"_s; })}));
    QVERIFY(!settings.setFallbackProviders({with([](auto& p) { p.baseUrl = QUrl(u"ftp://h/"_s); })}));
    QVERIFY(!settings.setFallbackProviders(
        {with([](auto& p) { p.baseUrl = QUrl(u"https://h/v1?api_key=sk-abcdef1234567890"_s); })}));
    QVERIFY(!settings.setFallbackProviders(
        {with([](auto& p) { p.baseUrl = QUrl(u"https://me:sk-abcdef1234567890@h/v1"_s); })}));
    QVERIFY(!settings.setFallbackProviders({ok, with([](auto& p) { p.name = u"OLLAMA"_s; })}));
    QCOMPARE(settings.fallbackProviders(), QList<pc::FallbackProviderConfig>{ok});
}

void TestSettings::looksLikeSecret_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("secret");

    QTest::newRow("model") << u"deepseek-flash"_s << false;
    QTest::newRow("model with tag") << u"llama3.1:8b-instruct-q4"_s << false;
    QTest::newRow("short sk") << u"sk-1"_s << false;
    QTest::newRow("api key") << u"sk-abcdef1234567890"_s << true;
    QTest::newRow("project key") << u"  sk-proj-AbC_dEf-123456789"_s << true;
    QTest::newRow("jwt") << u"eyJhbGciOiJIUzI1NiJ9.eyJ1c2VyX2lkIjo0Mn0.c2ln"_s << true;
    QTest::newRow("bearer") << u"Bearer abc"_s << true;
}

void TestSettings::looksLikeSecret() {
    QFETCH(QString, text);
    QFETCH(bool, secret);
    QCOMPARE(Settings::looksLikeSecret(text), secret);
}

void TestSettings::freeTextRefusesSecrets() {
    Settings settings(iniPath());
    QVERIFY(!settings.setModel(u"sk-abcdef1234567890"_s));
    QVERIFY(!settings.setModel(u"eyJhbGciOiJIUzI1NiJ9.eyJ1c2VyX2lkIjo0Mn0.c2ln"_s));
    QVERIFY(!settings.setModel(QString()));
    QVERIFY(!settings.setServers({{u"sk-abcdef1234567890"_s, QUrl(u"ws://a.example/ws/"_s)}}));
    QCOMPARE(settings.model(), u"deepseek-flash"_s);
}

void TestSettings::languageAndPort() {
    Settings settings(iniPath());
    QVERIFY(settings.setLanguage(u"de"_s));
    QVERIFY(settings.setLanguage(u"zh-Hans"_s));
    QVERIFY(!settings.setLanguage(u"../../etc"_s));
    QVERIFY(!settings.setLanguage(u"sk-abcdef1234567890"_s));
    QCOMPARE(settings.language(), u"zh-Hans"_s);
    QVERIFY(settings.setLanguage(QString()));
    QCOMPARE(settings.language(), QString());

    QVERIFY(!settings.setLocalEnginePort(0));
    QVERIFY(settings.setLocalEnginePort(65535));
    QCOMPARE(settings.localEnginePort(), quint16(65535));
}

// A file edited by hand (or by an older version) may hold anything; bad entries are not used.
void TestSettings::handEditedFileIsSanitized() {
    {
        QSettings raw(iniPath(), QSettings::IniFormat);
        raw.beginWriteArray(u"servers"_s);
        raw.setArrayIndex(0);
        raw.setValue(u"name"_s, u"good"_s);
        raw.setValue(u"url"_s, u"ws://good.example/ws/"_s);
        raw.setArrayIndex(1);
        raw.setValue(u"name"_s, u"creds"_s);
        raw.setValue(u"url"_s, u"ws://u:pw@bad.example/ws/"_s);
        raw.setArrayIndex(2);
        raw.setValue(u"name"_s, u"http"_s);
        raw.setValue(u"url"_s, u"http://bad.example/"_s);
        raw.endArray();
        raw.setValue(u"chat/model"_s, u"sk-abcdef1234567890"_s);
        raw.setValue(u"ui/theme"_s, u"purple"_s);
        raw.setValue(u"connection/localEnginePort"_s, u"99999"_s);
        raw.setValue(u"connection/activeServer"_s, u"ws://u:pw@bad.example/ws/"_s);
    }
    Settings settings(iniPath());
    QCOMPARE(settings.servers(), (QList<pc::ServerEntry>{{u"good"_s, QUrl(u"ws://good.example/ws/"_s)}}));
    QCOMPARE(settings.activeServerUrl(), QUrl(u"ws://good.example/ws/"_s));
    QCOMPARE(settings.model(), u"deepseek-flash"_s);
    QCOMPARE(settings.theme(), Settings::Theme::System);
    QCOMPARE(settings.localEnginePort(), Settings::DefaultLocalEnginePort);
}

void TestSettings::noSecretInSettingsFile() {
    const QString password = u"hunter2-"_s + QString::number(QDateTime::currentMSecsSinceEpoch());
    const QString apiKey = u"sk-"_s + QString::number(QDateTime::currentMSecsSinceEpoch()) + u"abcdef"_s;
    {
        Settings settings(iniPath());
        QVERIFY(settings.setServers({{u"main"_s, QUrl(u"wss://chat.example.com/ws/chat/"_s)}}));
        QVERIFY(settings.setActiveServerUrl(QUrl(u"wss://chat.example.com/ws/chat/"_s)));
        settings.setConnectionMode(Settings::ConnectionMode::Server);
        QVERIFY(settings.setModel(u"deepseek-flash"_s));
        settings.setThinkingEnabled(true);
        QVERIFY(settings.setFallbackProviders(
            {{u"ollama"_s, QUrl(u"http://127.0.0.1:11434/v1"_s), u"llama3"_s, true},
             {u"together"_s, QUrl(u"https://api.together.xyz/v1"_s), u"mixtral"_s, false}}));
        settings.setTheme(Settings::Theme::Dark);
        QVERIFY(settings.setLanguage(u"en"_s));
        settings.setWindowGeometry("geometry");
        settings.setWindowState("state");

        // Every way a secret could be handed to a setter is refused.
        QVERIFY(
            !settings.setServers({{u"x"_s, QUrl(u"wss://me:"_s + password + u"@chat.example.com/ws/"_s)}}));
        QVERIFY(
            !settings.setActiveServerUrl(QUrl(u"wss://me:"_s + password + u"@chat.example.com/ws/chat/"_s)));
        QVERIFY(!settings.setFallbackProviders(
            {{u"x"_s, QUrl(u"https://api.example.com/v1?api_key="_s + apiKey), u"m"_s, true}}));
        QVERIFY(!settings.setFallbackProviders(
            {{u"x"_s, QUrl(u"https://u:"_s + apiKey + u"@api.example.com/v1"_s), u"m"_s, true}}));
        QVERIFY(!settings.setModel(apiKey));
        QVERIFY(!settings.setLanguage(apiKey));
        QVERIFY(settings.sync());
    }

    QSettings raw(iniPath(), QSettings::IniFormat);
    const QStringList keys = raw.allKeys();
    QVERIFY(keys.size() >= 10);
    static const QRegularExpression secretName(u"token|secret|passw|api_?key|jwt|bearer|credential|auth"_s,
                                               QRegularExpression::CaseInsensitiveOption);
    for (const QString& key : keys) {
        QVERIFY2(!secretName.match(key).hasMatch(), qPrintable(key));
        const QString value = raw.value(key).toString();
        QVERIFY2(!Settings::looksLikeSecret(value), qPrintable(key));
    }

    QFile file(iniPath());
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray text = file.readAll();
    QVERIFY(!text.contains(password.toUtf8()));
    QVERIFY(!text.contains(apiKey.toUtf8()));
    QVERIFY(!text.contains("sk-"));
}

QTEST_GUILESS_MAIN(TestSettings)
#include "tst_settings.moc"
