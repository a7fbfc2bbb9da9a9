// Local mode: the in-process engine started with no configuration, its signing secret created once in
// the real keychain and reused, provider keys from the secret store, a taken port, and a system
// without a Secret Service (a child process with a bogus D-Bus address).

#include "FakeOpenAiServer.h"
#include "client/ChatClient.h"
#include "local/LocalEngine.h"
#include "secrets/KeychainTokenStore.h"
#include "secrets/MemoryTokenStore.h"
#include "secrets/SecretKeys.h"
#include "secrets/TokenStoreCoordinator.h"
#include "settings/Settings.h"

#include <QDirIterator>
#include <QProcess>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <optional>

using namespace pc;
using namespace Qt::Literals::StringLiterals;
using namespace std::chrono_literals;

namespace {

constexpr char RealKeyringRecipe[] =
    "No D-Bus session bus: the real-keyring cases need a Secret Service. Run them with "
    "`scripts/promptcraft.sh test`, or with the recipe in ARCHITECTURE.md: throwaway HOME, XDG_RUNTIME_DIR, "
    "XDG_DATA_HOME and XDG_CONFIG_HOME, then dbus-run-session -- sh -c 'printf %s pw | gnome-keyring-daemon "
    "--unlock --components=secrets >/dev/null; ./build/bin/tst_localengine'";

const QString ChildModeVariable = u"PC_TST_LOCALENGINE_CHILD"_s;

bool hasSessionBus()
{
    return !qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS");
}

// Keychain names unique to this run, so that parallel runs and a developer's own entries never collide.
QString uniquePrefix()
{
    return u"test/tst_localengine/%1-%2/"_s.arg(QCoreApplication::applicationPid())
        .arg(QRandomGenerator::global()->generate64(), 0, 16);
}

quint16 freePort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return 0;
    return probe.serverPort();
}

ChatClientOptions quickOptions()
{
    ChatClientOptions options;
    options.backoffBaseMs = 20;
    options.backoffCapMs = 100;
    options.connectTimeoutMs = 3'000;
    options.watchNetworkReachability = false;
    return options;
}

struct Outcome {
    TokenStore::Status status = TokenStore::Status::OtherError;
    QString value;
};

std::optional<Outcome> readSecret(TokenStore& store, const QString& key)
{
    QSignalSpy spy(&store, &TokenStore::readFinished);
    const quint64 id = store.read(key);
    std::optional<Outcome> found;
    std::ignore = QTest::qWaitFor(
        [&] {
            for (const auto& args : std::as_const(spy))
                if (args.at(0).toULongLong() == id) {
                    found = Outcome{args.at(2).value<TokenStore::Status>(), args.at(3).toString()};
                    return true;
                }
            return false;
        },
        15'000);
    return found;
}

bool writeSecret(TokenStore& store, const QString& key, const QString& value)
{
    QSignalSpy spy(&store, &TokenStore::writeFinished);
    const quint64 id = store.write(key, value);
    return QTest::qWaitFor(
        [&] {
            for (const auto& args : std::as_const(spy))
                if (args.at(0).toULongLong() == id)
                    return args.at(2).value<TokenStore::Status>() == TokenStore::Status::Ok;
            return false;
        },
        15'000);
}

void removeSecret(TokenStore& store, const QString& key)
{
    QSignalSpy spy(&store, &TokenStore::removeFinished);
    store.remove(key);
    std::ignore = QTest::qWaitFor([&] { return !spy.isEmpty(); }, 15'000);
}

// A profile of its own: settings file (on a free port) and engine data folder.
struct Profile {
    QTemporaryDir dir;
    std::unique_ptr<Settings> settings;

    Profile()
    {
        settings = std::make_unique<Settings>(dir.filePath(u"PromptCraft.ini"_s));
        (void)settings->setLocalEnginePort(freePort());
    }
    [[nodiscard]] LocalEngineOptions options(const QString& prefix) const
    {
        LocalEngineOptions options;
        options.dataDir = dir.filePath(u"engine"_s);
        options.keyPrefix = prefix;
        return options;
    }
};

bool waitRunning(LocalEngine& engine, int timeoutMs = 20'000)
{
    return QTest::qWaitFor(
               [&] {
                   return engine.state() == LocalEngine::State::Running ||
                          engine.state() == LocalEngine::State::Failed;
               },
               timeoutMs) &&
           engine.state() == LocalEngine::State::Running;
}

// Connects with the token and asks one question; returns the answer (nullopt when none came).
std::optional<AssistantMessage> askOnce(const QUrl& url, const QString& token, const QString& text,
                                        ConnectionAck* ackOut = nullptr)
{
    ChatClient client(quickOptions());
    QSignalSpy acks(&client, &ChatClient::ack);
    QSignalSpy answers(&client, &ChatClient::answer);
    if (!client.open(url, u"local_test"_s, token))
        return std::nullopt;
    if (!QTest::qWaitFor([&] { return client.state() == ChatClient::State::Connected; }, 10'000))
        return std::nullopt;
    if (ackOut && !acks.isEmpty())
        *ackOut = acks.at(0).at(0).value<ConnectionAck>();
    if (!client.send(
            ChatMessage{text, u"q-"_s + QString::number(QRandomGenerator::global()->generate(), 16)}))
        return std::nullopt;
    if (!QTest::qWaitFor([&] { return !answers.isEmpty(); }, 10'000))
        return std::nullopt;
    return answers.at(0).at(0).value<AssistantMessage>();
}

QStringList filesContaining(const QString& root, const QList<QByteArray>& needles)
{
    QStringList hits;
    QDirIterator it(root, QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile file(it.next());
        if (!file.open(QIODevice::ReadOnly))
            continue;
        const QByteArray bytes = file.readAll();
        for (const QByteArray& needle : needles)
            if (!needle.isEmpty() && bytes.contains(needle))
                hits.append(file.fileName());
    }
    return hits;
}

} // namespace

class TestLocalEngine : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void defaultDataDir();
    void offlineAnswerWithoutConfiguration();
    void takenPortFallsBack();
    void providerKeysFromTheSecretStore();
    void unusableStoredSecretIsReplaced();

    // Real keyring (Secret Service through gnome-keyring).
    void secretCreatedOnceInKeychainAndReused();

    // Without a Secret Service: a child process with its own environment.
    void withoutSecretService();
    void withoutSecretServiceChild();
};

void TestLocalEngine::defaultDataDir()
{
    const QString dir = LocalEngine::defaultDataDir();
    QVERIFY(dir.startsWith(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)));
    QVERIFY(dir.endsWith(u"/engine"_s));
    Profile profile;
    MemoryTokenStore secrets;
    const LocalEngine engine(*profile.settings, &secrets);
    QCOMPARE(engine.dataDir(), dir);
    QCOMPARE(engine.state(), LocalEngine::State::Stopped);
    QVERIFY(engine.token().isEmpty());
}

void TestLocalEngine::offlineAnswerWithoutConfiguration()
{
    Profile profile;
    MemoryTokenStore secrets;
    LocalEngine engine(*profile.settings, &secrets, profile.options(uniquePrefix()));
    QSignalSpy started(&engine, &LocalEngine::started);
    QSignalSpy memoryOnly(&engine, &LocalEngine::secretKeptInMemory);
    engine.start();
    QCOMPARE(engine.state(), LocalEngine::State::Starting);
    QVERIFY2(waitRunning(engine), qPrintable(engine.lastError().message));
    QCOMPARE(started.size(), 1);
    QCOMPARE(started.at(0).at(0).toUrl(), engine.url());
    QCOMPARE(started.at(0).at(1).toString(), engine.token());
    QCOMPARE(engine.url().host(), u"127.0.0.1"_s);
    QCOMPARE(engine.url().port(), int(profile.settings->localEnginePort()));
    QVERIFY(!engine.usedFallbackPort());
    QCOMPARE(engine.secretStorage(), LocalEngine::SecretStorage::Keychain);
    QCOMPARE(memoryOnly.size(), 0);
    QVERIFY(engine.providerNames().isEmpty());
    QVERIFY(!engine.providerProblem().isEmpty());

    ConnectionAck ack;
    const auto answer = askOnce(engine.url(), engine.token(), u"Hello, local engine"_s, &ack);
    QVERIFY(answer);
    QCOMPARE(answer->status, AnswerStatus::Offline);
    QVERIFY(!answer->content.isEmpty());
    QVERIFY(ack.authenticated);
    QCOMPARE(ack.userId, std::optional<QString>(LocalEngine::localUserId()));
    QVERIFY(QFileInfo::exists(profile.options({}).dataDir + u"/engine.sqlite"_s));

    engine.stop();
    QCOMPARE(engine.state(), LocalEngine::State::Stopped);
    QVERIFY(engine.url().isEmpty());
    QVERIFY(engine.token().isEmpty());
}

void TestLocalEngine::takenPortFallsBack()
{
    QTcpServer squatter;
    QVERIFY(squatter.listen(QHostAddress::LocalHost, 0));
    Profile profile;
    QVERIFY(profile.settings->setLocalEnginePort(squatter.serverPort()));
    MemoryTokenStore secrets;
    LocalEngine engine(*profile.settings, &secrets, profile.options(uniquePrefix()));
    engine.start();
    QVERIFY2(waitRunning(engine), qPrintable(engine.lastError().message));
    QVERIFY(engine.usedFallbackPort());
    QVERIFY(engine.url().port() > 0);
    QVERIFY(engine.url().port() != squatter.serverPort());
    QVERIFY(askOnce(engine.url(), engine.token(), u"still works"_s));
}

void TestLocalEngine::providerKeysFromTheSecretStore()
{
    FakeOpenAiServer deepseek;
    QVERIFY(deepseek.listen());
    deepseek.enqueue(FakeOpenAiResponse::stream({u"Hello "_s, u"from DeepSeek"_s}));
    Profile profile;
    QVERIFY(profile.settings->setFallbackProviders(
        {FallbackProviderConfig{u"local-llm"_s, QUrl(u"http://127.0.0.1:9/v1"_s), u"llama3"_s, true}}));
    const QString prefix = uniquePrefix();
    MemoryTokenStore secrets;
    const QString key = u"sk-test-"_s + QString::number(QRandomGenerator::global()->generate64(), 16);
    QVERIFY(writeSecret(secrets, prefix + secretkeys::providerApiKey(u"DeepSeek"_s), key));
    LocalEngineOptions options = profile.options(prefix);
    options.deepSeekBaseUrl = deepseek.baseUrl();
    LocalEngine engine(*profile.settings, &secrets, options);
    engine.start();
    QVERIFY2(waitRunning(engine), qPrintable(engine.lastError().message));
    QCOMPARE(engine.providerNames(), (QStringList{u"DeepSeek"_s, u"local-llm"_s}));
    QVERIFY(engine.providerProblem().isEmpty());

    const auto answer = askOnce(engine.url(), engine.token(), u"Hi"_s);
    QVERIFY(answer);
    QCOMPARE(answer->status, AnswerStatus::Complete);
    QCOMPARE(answer->content, u"Hello from DeepSeek"_s);
    QCOMPARE(deepseek.requestCount(), 1);
    QCOMPARE(deepseek.requests().at(0).header("authorization"), "Bearer " + key.toLatin1());
    QCOMPARE(deepseek.requests().at(0).json.value(u"model"_s).toString(), profile.settings->model());
}

void TestLocalEngine::unusableStoredSecretIsReplaced()
{
    Profile profile;
    const QString prefix = uniquePrefix();
    const QString name = prefix + secretkeys::localEngineSigningSecret();
    MemoryTokenStore secrets;
    QVERIFY(writeSecret(secrets, name, u"short"_s));
    LocalEngine engine(*profile.settings, &secrets, profile.options(prefix));
    engine.start();
    QVERIFY2(waitRunning(engine), qPrintable(engine.lastError().message));
    const auto stored = readSecret(secrets, name);
    QVERIFY(stored && stored->status == TokenStore::Status::Ok);
    const auto decoded = QByteArray::fromBase64Encoding(
        stored->value.toLatin1(), QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
    QVERIFY(decoded);
    QVERIFY(decoded.decoded.size() >= LocalEngine::MinSecretBytes);
}

void TestLocalEngine::secretCreatedOnceInKeychainAndReused()
{
    if (!hasSessionBus())
        QSKIP(RealKeyringRecipe);
    Profile profile;
    const QString prefix = uniquePrefix();
    const QString name = prefix + secretkeys::localEngineSigningSecret();
    KeychainTokenStore keychain;
    auto cleanup = qScopeGuard([&] { removeSecret(keychain, name); });
    const auto before = readSecret(keychain, name);
    QVERIFY(before);
    QCOMPARE(before->status, TokenStore::Status::NotFound);

    QString firstToken;
    QString secret;
    {
        LocalEngine engine(*profile.settings, &keychain, profile.options(prefix));
        QSignalSpy memoryOnly(&engine, &LocalEngine::secretKeptInMemory);
        engine.start();
        QVERIFY2(waitRunning(engine), qPrintable(engine.lastError().message));
        QCOMPARE(engine.secretStorage(), LocalEngine::SecretStorage::Keychain);
        QCOMPARE(memoryOnly.size(), 0);
        const auto created = readSecret(keychain, name);
        QVERIFY(created);
        QCOMPARE(created->status, TokenStore::Status::Ok);
        secret = created->value;
        const auto decoded = QByteArray::fromBase64Encoding(
            secret.toLatin1(), QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
        QVERIFY(decoded);
        QVERIFY(decoded.decoded.size() >= LocalEngine::MinSecretBytes);
        firstToken = engine.token();
        const auto answer = askOnce(engine.url(), firstToken, u"first run"_s);
        QVERIFY(answer);
        QCOMPARE(answer->status, AnswerStatus::Offline);
        // The secret is in no file of the profile (settings, engine database, WAL).
        const QByteArray raw = decoded.decoded;
        QCOMPARE(filesContaining(profile.dir.path(), {secret.toLatin1(), raw, raw.toBase64()}),
                 QStringList());
    }

    // The next start reuses the secret: tokens of the first run are still valid.
    LocalEngine again(*profile.settings, &keychain, profile.options(prefix));
    again.start();
    QVERIFY2(waitRunning(again), qPrintable(again.lastError().message));
    QCOMPARE(again.secretStorage(), LocalEngine::SecretStorage::Keychain);
    const auto reused = readSecret(keychain, name);
    QVERIFY(reused);
    QCOMPARE(reused->value, secret);
    ConnectionAck ack;
    const auto answer = askOnce(again.url(), firstToken, u"second run, first token"_s, &ack);
    QVERIFY(answer);
    QVERIFY(ack.authenticated);
    QVERIFY(again.token() != firstToken); // a fresh one per start, same secret
}

void TestLocalEngine::withoutSecretService()
{
    QTemporaryDir root;
    QVERIFY(root.isValid());
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(ChildModeVariable, u"no-bus"_s);
    env.insert(u"DBUS_SESSION_BUS_ADDRESS"_s, u"unix:path="_s + root.filePath(u"no-such-bus-socket"_s));
    env.insert(u"HOME"_s, root.path());
    env.insert(u"XDG_DATA_HOME"_s, root.filePath(u"data"_s));
    env.insert(u"XDG_CONFIG_HOME"_s, root.filePath(u"config"_s));
    env.remove(u"DISPLAY"_s);
    env.remove(u"WAYLAND_DISPLAY"_s);
    QProcess child;
    child.setProcessEnvironment(env);
    child.setProcessChannelMode(QProcess::MergedChannels);
    child.start(QCoreApplication::applicationFilePath(), {u"withoutSecretServiceChild"_s});
    QVERIFY(child.waitForFinished(60'000));
    const QByteArray output = child.readAll();
    QVERIFY2(child.exitStatus() == QProcess::NormalExit && child.exitCode() == 0, output.constData());
    QVERIFY2(output.contains("PASS   : TestLocalEngine::withoutSecretServiceChild()"), output.constData());
}

void TestLocalEngine::withoutSecretServiceChild()
{
    if (qEnvironmentVariable(qPrintable(ChildModeVariable)) != u"no-bus"_s)
        QSKIP("Runs only as the child process of withoutSecretService().");
    Profile profile;
    auto* keychain = new KeychainTokenStore;
    keychain->setTimeout(3000ms);
    TokenStoreCoordinator store(keychain);
    LocalEngine engine(*profile.settings, &store, profile.options(uniquePrefix()));
    QSignalSpy memoryOnly(&engine, &LocalEngine::secretKeptInMemory);
    engine.start();
    QVERIFY2(waitRunning(engine), qPrintable(engine.lastError().message));
    QCOMPARE(engine.secretStorage(), LocalEngine::SecretStorage::MemoryOnly);
    QCOMPARE(memoryOnly.size(), 1);
    const auto reason = memoryOnly.at(0).at(0).value<TokenStore::Status>();
    QVERIFY2(reason == TokenStore::Status::NoBackend || reason == TokenStore::Status::TimedOut,
             qPrintable(memoryOnly.at(0).at(1).toString()));
    QVERIFY(!memoryOnly.at(0).at(1).toString().isEmpty());
    qInfo("without a Secret Service: %s", qPrintable(memoryOnly.at(0).at(1).toString()));
    const auto answer = askOnce(engine.url(), engine.token(), u"offline and keyless"_s);
    QVERIFY(answer);
    QCOMPARE(answer->status, AnswerStatus::Offline);
}

QTEST_GUILESS_MAIN(TestLocalEngine)
#include "tst_localengine.moc"
