// EngineConfigLoader: the engine's JSON configuration file (docs/configuration.md).

#include "server/EngineConfig.h"
#include "server/EngineConfigLoader.h"

#include <QDir>
#include <QTest>

using namespace pc;
using namespace Qt::Literals::StringLiterals;

class TestEngineConfigLoader : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void fullFile();
    void partialFileKeepsTheRest();
    void invalid_data();
    void invalid();
    void failedFileChangesNothing();
    void durations_data();
    void durations();
    void listen_data();
    void listen();
};

void TestEngineConfigLoader::fullFile()
{
    const QByteArray json = R"({
        "_comment": "everything",
        "listen": "[::1]:8443",
        "data_dir": "state",
        "jwt_secret_file": "/etc/promptcraft/jwt-secret",
        "allow_anonymous": true,
        "allowed_origins": ["https://app.example.com", "http://localhost:5173"],
        "tls": {"cert": "tls/fullchain.pem", "key": "/etc/ssl/private/engine.key"},
        "limits": {"messages_per_minute": 30, "max_message_bytes": 131072, "handshake_timeout_ms": 5000,
                   "max_pending_connections": 64, "max_request_body_bytes": 32768, "http_idle_timeout_ms": 15000,
                   "sign_in_failures_per_user": 3, "sign_in_failures_per_address": 50, "sign_in_window": "30m"},
        "tokens": {"access_ttl": "5m", "refresh_ttl": 172800},
        "system_prompt": "Be brief.",
        "providers": [{"name": "ignored here"}]
    })";
    EngineConfig config;
    const auto applied = EngineConfigLoader::applyJson(json, u"/srv/promptcraft"_s, config);
    QVERIFY2(applied.ok(), qPrintable(applied.ok() ? QString() : applied.error().message));
    QCOMPARE(config.listenAddress, QHostAddress(u"::1"_s));
    QCOMPARE(config.port, quint16(8443));
    QCOMPARE(config.dataDir, u"/srv/promptcraft/state"_s);
    QCOMPARE(config.jwtSecretFile, u"/etc/promptcraft/jwt-secret"_s);
    QVERIFY(config.allowAnonymous);
    QCOMPARE(config.allowedOrigins, (QStringList{u"https://app.example.com"_s, u"http://localhost:5173"_s}));
    QCOMPARE(config.tlsCertificateFile, u"/srv/promptcraft/tls/fullchain.pem"_s);
    QCOMPARE(config.tlsPrivateKeyFile, u"/etc/ssl/private/engine.key"_s);
    QCOMPARE(config.rateLimitPerMinute, 30);
    QCOMPARE(config.maxMessageBytes, 131072);
    QCOMPARE(config.handshakeTimeoutMs, 5000);
    QCOMPARE(config.maxPendingConnections, 64);
    QCOMPARE(config.maxRequestBodyBytes, 32768);
    QCOMPARE(config.httpIdleTimeoutMs, 15000);
    QCOMPARE(config.signInFailuresPerUser, 3);
    QCOMPARE(config.signInFailuresPerAddress, 50);
    QCOMPARE(config.signInWindowSecs, 1800);
    QCOMPARE(config.accessTokenTtlSecs, 300);
    QCOMPARE(config.refreshTokenTtlSecs, 172800);
    QCOMPARE(config.systemPrompt, u"Be brief."_s);
}

void TestEngineConfigLoader::partialFileKeepsTheRest()
{
    EngineConfig config;
    config.dataDir = u"/from/flags"_s;
    const EngineConfig defaults;
    QVERIFY(EngineConfigLoader::applyJson(R"({"limits": {"messages_per_minute": 5}})", u"/x"_s, config).ok());
    QCOMPARE(config.rateLimitPerMinute, 5);
    QCOMPARE(config.dataDir, u"/from/flags"_s);
    QCOMPARE(config.port, defaults.port);
    QCOMPARE(config.maxMessageBytes, defaults.maxMessageBytes);
    QVERIFY(EngineConfigLoader::applyJson("{}", u"/x"_s, config).ok());
}

void TestEngineConfigLoader::invalid_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("named");
    QTest::newRow("not JSON") << "{"_ba << u"not JSON"_s;
    QTest::newRow("array") << "[1]"_ba << u"one JSON object"_s;
    QTest::newRow("unknown top-level") << R"({"port": 8000})"_ba << u"\"port\""_s;
    QTest::newRow("unknown nested") << R"({"tls": {"certificate": "x"}})"_ba << u"tls.certificate"_s;
    QTest::newRow("limits not an object") << R"({"limits": 5})"_ba << u"\"limits\""_s;
    QTest::newRow("fraction") << R"({"limits": {"messages_per_minute": 1.5}})"_ba
                              << u"limits.messages_per_minute"_s;
    QTest::newRow("negative") << R"({"limits": {"max_request_body_bytes": -1}})"_ba
                              << u"max_request_body_bytes"_s;
    QTest::newRow("huge") << R"({"limits": {"max_message_bytes": 1e300}})"_ba << u"max_message_bytes"_s;
    QTest::newRow("string number") << R"({"limits": {"http_idle_timeout_ms": "1000"}})"_ba
                                   << u"http_idle_timeout_ms"_s;
    QTest::newRow("bool as string") << R"({"allow_anonymous": "yes"})"_ba << u"allow_anonymous"_s;
    QTest::newRow("empty path") << R"({"data_dir": " "})"_ba << u"data_dir"_s;
    QTest::newRow("origin without scheme")
        << R"({"allowed_origins": ["example.com"]})"_ba << u"allowed_origins"_s;
    QTest::newRow("origins not a list")
        << R"({"allowed_origins": "https://a.example"})"_ba << u"allowed_origins"_s;
    QTest::newRow("listen without port") << R"({"listen": "127.0.0.1"})"_ba << u"listen"_s;
    QTest::newRow("listen bad port") << R"({"listen": "127.0.0.1:70000"})"_ba << u"listen"_s;
    QTest::newRow("duration unit") << R"({"tokens": {"access_ttl": "5 minutes"}})"_ba
                                   << u"tokens.access_ttl"_s;
    QTest::newRow("duration too short") << R"({"tokens": {"access_ttl": 1}})"_ba << u"tokens.access_ttl"_s;
    QTest::newRow("duration too long")
        << R"({"tokens": {"refresh_ttl": "9999d"}})"_ba << u"tokens.refresh_ttl"_s;
}

void TestEngineConfigLoader::invalid()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, named);
    EngineConfig config;
    const auto applied = EngineConfigLoader::applyJson(json, u"/x"_s, config);
    QVERIFY(!applied.ok());
    QVERIFY2(applied.error().message.contains(named), qPrintable(applied.error().message));
}

void TestEngineConfigLoader::failedFileChangesNothing()
{
    EngineConfig config;
    const EngineConfig before = config;
    QVERIFY(!EngineConfigLoader::applyJson(R"({"data_dir": "/a", "limits": {"messages_per_minute": "x"}})",
                                           u"/x"_s, config)
                 .ok());
    QCOMPARE(config.dataDir, before.dataDir);
    QCOMPARE(config.rateLimitPerMinute, before.rateLimitPerMinute);
    QVERIFY(
        !EngineConfigLoader::applyFile(QDir::temp().filePath(u"promptcraft-no-such-config.json"_s), config)
             .ok());
}

void TestEngineConfigLoader::durations_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("seconds");
    QTest::newRow("bare") << u"90"_s << qint64(90);
    QTest::newRow("seconds") << u"90s"_s << qint64(90);
    QTest::newRow("minutes") << u"15m"_s << qint64(900);
    QTest::newRow("hours") << u"12h"_s << qint64(43200);
    QTest::newRow("days") << u"7d"_s << qint64(604800);
    QTest::newRow("spaces trimmed") << u" 2m "_s << qint64(120);
    QTest::newRow("empty") << QString() << qint64(-1);
    QTest::newRow("negative") << u"-5"_s << qint64(-1);
    QTest::newRow("unit only") << u"m"_s << qint64(-1);
    QTest::newRow("weeks") << u"2w"_s << qint64(-1);
    QTest::newRow("too many digits") << u"12345678901"_s << qint64(-1);
}

void TestEngineConfigLoader::durations()
{
    QFETCH(QString, text);
    QFETCH(qint64, seconds);
    const auto parsed = EngineConfigLoader::parseDuration(text);
    QCOMPARE(parsed.value_or(-1), seconds);
}

void TestEngineConfigLoader::listen_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("address");
    QTest::addColumn<int>("port");
    QTest::newRow("IPv4") << u"127.0.0.1:8000"_s << u"127.0.0.1"_s << 8000;
    QTest::newRow("any") << u"0.0.0.0:443"_s << u"0.0.0.0"_s << 443;
    QTest::newRow("IPv6") << u"[::1]:8000"_s << u"::1"_s << 8000;
    QTest::newRow("localhost") << u"localhost:9000"_s << u"127.0.0.1"_s << 9000;
    QTest::newRow("port zero") << u"127.0.0.1:0"_s << u"127.0.0.1"_s << 0;
    QTest::newRow("host name") << u"example.com:80"_s << QString() << -1;
    QTest::newRow("no port") << u"127.0.0.1"_s << QString() << -1;
    QTest::newRow("port too big") << u"127.0.0.1:65536"_s << QString() << -1;
    QTest::newRow("no host") << u":8000"_s << QString() << -1;
}

void TestEngineConfigLoader::listen()
{
    QFETCH(QString, text);
    QFETCH(QString, address);
    QFETCH(int, port);
    QHostAddress parsedAddress;
    quint16 parsedPort = 1;
    const bool ok = EngineConfigLoader::parseListen(text, parsedAddress, parsedPort);
    QCOMPARE(ok, port >= 0);
    if (ok) {
        QCOMPARE(parsedAddress, QHostAddress(address));
        QCOMPARE(int(parsedPort), port);
    }
}

QTEST_GUILESS_MAIN(TestEngineConfigLoader)
#include "tst_engineconfigloader.moc"
