#include "secrets/KeychainTokenStore.h"
#include "secrets/MemoryTokenStore.h"
#include "secrets/SecretKeys.h"
#include "secrets/SecretServiceProbe.h"
#include "secrets/TokenStoreCoordinator.h"
#include "settings/Settings.h"

#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#ifdef PC_HAVE_QTDBUS
#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDBusMessage>
#include <QDBusVirtualObject>
#endif

#include <optional>
#include <tuple>

using namespace Qt::Literals::StringLiterals;
using namespace std::chrono_literals;
using pc::TokenStore;

namespace {

constexpr char RealKeyringRecipe[] =
    "No D-Bus session bus: the real-keyring cases need a Secret Service. Run them with "
    "`scripts/promptcraft.sh test`, or with the recipe in ARCHITECTURE.md: throwaway HOME, XDG_RUNTIME_DIR, "
    "XDG_DATA_HOME and XDG_CONFIG_HOME, then dbus-run-session -- sh -c 'printf %s pw | gnome-keyring-daemon "
    "--unlock --components=secrets >/dev/null; ./build/bin/tst_tokenstore'";

const QString ChildModeVariable = u"PC_TST_TOKENSTORE_CHILD"_s;
const QString CanaryVariable = u"PC_TST_TOKENSTORE_CANARY"_s;

bool hasSessionBus() {
    return !qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS");
}

bool isChild(QStringView mode) {
    return qEnvironmentVariable(qPrintable(ChildModeVariable)) == mode;
}

QString randomHex() {
    return QString::number(QRandomGenerator::global()->generate64(), 16) +
           QString::number(QRandomGenerator::global()->generate64(), 16);
}

// Keys unique to this run, so parallel test processes sharing a keyring never collide.
QString testKey(const QString& name) {
    static const QString prefix =
        u"test/tst_tokenstore/%1-%2/"_s.arg(QCoreApplication::applicationPid()).arg(randomHex());
    return prefix + name;
}

QString newCanary() {
    return u"pc-canary-"_s + randomHex();
}

struct Outcome {
    TokenStore::Status status = TokenStore::Status::OtherError;
    QString value;
    QString message;
};

// Waits for the *Finished signal of one request. readFinished carries the value as 4th argument.
std::optional<Outcome> waitFor(QSignalSpy& spy, quint64 requestId, std::chrono::milliseconds timeout = 15s) {
    std::optional<Outcome> found;
    std::ignore = QTest::qWaitFor(
        [&] {
            for (const QList<QVariant>& args : std::as_const(spy)) {
                if (args.at(0).toULongLong() != requestId)
                    continue;
                Outcome outcome;
                outcome.status = args.at(2).value<TokenStore::Status>();
                if (args.size() == 5) {
                    outcome.value = args.at(3).toString();
                    outcome.message = args.at(4).toString();
                } else {
                    outcome.message = args.at(3).toString();
                }
                found = outcome;
                return true;
            }
            return false;
        },
        int(timeout.count()));
    return found;
}

std::optional<Outcome> doWrite(TokenStore& store, const QString& key, const QString& value,
                               std::chrono::milliseconds timeout = 15s) {
    QSignalSpy spy(&store, &TokenStore::writeFinished);
    const quint64 id = store.write(key, value);
    if (!spy.isEmpty())
        return std::nullopt; // results must never arrive from inside the call
    return waitFor(spy, id, timeout);
}

std::optional<Outcome> doRead(TokenStore& store, const QString& key,
                              std::chrono::milliseconds timeout = 15s) {
    QSignalSpy spy(&store, &TokenStore::readFinished);
    const quint64 id = store.read(key);
    if (!spy.isEmpty())
        return std::nullopt;
    return waitFor(spy, id, timeout);
}

std::optional<Outcome> doRemove(TokenStore& store, const QString& key,
                                std::chrono::milliseconds timeout = 15s) {
    QSignalSpy spy(&store, &TokenStore::removeFinished);
    const quint64 id = store.remove(key);
    if (!spy.isEmpty())
        return std::nullopt;
    return waitFor(spy, id, timeout);
}

// Every regular file under the given folders whose bytes contain the secret in any usual encoding.
QStringList filesContaining(const QStringList& roots, const QString& secret, int* scanned) {
    const QList<QByteArray> needles = {
        secret.toUtf8(),
        QByteArray(reinterpret_cast<const char*>(secret.utf16()), secret.size() * 2),
        secret.toUtf8().toBase64(QByteArray::OmitTrailingEquals),
        QUrl::toPercentEncoding(secret),
    };
    QStringList hits;
    QSet<QString> seen;
    for (const QString& root : roots) {
        if (root.isEmpty() || !QFileInfo(root).isDir())
            continue;
        QDirIterator it(root, QDir::Files | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot,
                        QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QFileInfo info(it.next());
            const QString path = info.canonicalFilePath();
            if (path.isEmpty() || seen.contains(path) || !info.isFile())
                continue;
            seen.insert(path);
            QFile file(path);
            if (!file.open(QIODevice::ReadOnly))
                continue;
            ++*scanned;
            const QByteArray bytes = file.readAll();
            for (const QByteArray& needle : needles) {
                if (bytes.contains(needle)) {
                    hits.append(path);
                    break;
                }
            }
        }
    }
    return hits;
}

QStringList filesUnder(const QString& root) {
    QStringList files;
    QDirIterator it(root, QDir::Files | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot,
                    QDirIterator::Subdirectories);
    while (it.hasNext())
        files.append(it.next());
    return files;
}

// A throwaway HOME like the test command's; the canary scan reads every file there.
bool homeIsThrowaway() {
    if (!qEnvironmentVariableIsEmpty("PC_TEST_WORKDIR"))
        return true;
    const QString home = QDir(QDir::homePath()).canonicalPath();
    const QString temp = QDir(QDir::tempPath()).canonicalPath();
    return !home.isEmpty() && home.startsWith(temp + u'/');
}

// The outcome must have arrived and have the given status (the message is shown otherwise).
#define CHECK_STATUS(expr, expected)                                                                         \
    do {                                                                                                     \
        const auto outcome_ = (expr);                                                                        \
        QVERIFY2(outcome_.has_value(), "no answer in time");                                                 \
        QVERIFY2(outcome_->status == (expected), qPrintable(outcome_->message));                             \
    } while (false)

// A read that must succeed with the given value.
#define CHECK_VALUE(expr, expected)                                                                          \
    do {                                                                                                     \
        const auto outcome_ = (expr);                                                                        \
        QVERIFY2(outcome_.has_value(), "no answer in time");                                                 \
        QVERIFY2(outcome_->status == TokenStore::Status::Ok, qPrintable(outcome_->message));                 \
        QCOMPARE(outcome_->value, (expected));                                                               \
    } while (false)

struct ChildDirs {
    QString home, runtime, data, config, cache;
};

ChildDirs makeChildDirs(const QTemporaryDir& root) {
    ChildDirs dirs{root.filePath(u"home"_s), root.filePath(u"runtime"_s), root.filePath(u"data"_s),
                   root.filePath(u"config"_s), root.filePath(u"cache"_s)};
    for (const QString& path : {dirs.home, dirs.runtime, dirs.data, dirs.config, dirs.cache})
        QDir().mkpath(path);
    QFile::setPermissions(dirs.runtime, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    return dirs;
}

QProcessEnvironment childEnvironment(const ChildDirs& dirs, const QString& mode, const QString& canary) {
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"HOME"_s, dirs.home);
    env.insert(u"XDG_RUNTIME_DIR"_s, dirs.runtime);
    env.insert(u"XDG_DATA_HOME"_s, dirs.data);
    env.insert(u"XDG_CONFIG_HOME"_s, dirs.config);
    env.insert(u"XDG_CACHE_HOME"_s, dirs.cache);
    env.insert(ChildModeVariable, mode);
    env.insert(CanaryVariable, canary);
    // No display: a keychain must never be able to show an unlock prompt from a test.
    env.remove(u"DISPLAY"_s);
    env.remove(u"WAYLAND_DISPLAY"_s);
    env.remove(u"PC_TEST_WORKDIR"_s);
    return env;
}

#ifdef PC_HAVE_QTDBUS
// Owns org.freedesktop.secrets and answers every call with an error, but only after a delay longer
// than the token store's deadline: a Secret Service that hangs, then answers too late.
class SlowSecretService final : public QDBusVirtualObject {
public:
    explicit SlowSecretService(std::chrono::milliseconds delay)
        : m_delay(delay) {}

    QString introspect(const QString&) const override { return {}; }

    bool handleMessage(const QDBusMessage& message, const QDBusConnection& connection) override {
        ++m_calls;
        QTimer::singleShot(m_delay, this, [message, connection] {
            QDBusConnection(connection)
                .send(
                    message.createErrorReply(QDBusError::Failed, u"this Secret Service answers too late"_s));
        });
        return true;
    }

    int calls() const { return m_calls; }

private:
    std::chrono::milliseconds m_delay;
    int m_calls = 0;
};
#endif

} // namespace

class TestTokenStore : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void secretKeys_data();
    void secretKeys();
    void emptyKeyIsRefused();
    void memoryRoundTrip();
    void memoryStoreWritesNothing();
    void keychainDefaults();

    // Real keyring (Secret Service through gnome-keyring).
    void keychainRoundTrip();
    void keychainOverwriteAndMissing();
    void secretServiceProbeSeesKeyring();
    void coordinatorUsesKeychainThenMemory();
    void canaryScanFindsPlantedSecret();
    void canaryIsInNoFile();

    // Without a usable Secret Service: run in child processes with their own environment.
    void noSecretService();
    void noSecretServiceChild();
    void hangingSecretService();
    void hangingSecretServiceChild();
};

void TestTokenStore::secretKeys_data() {
    QTest::addColumn<QString>("actual");
    QTest::addColumn<QString>("expected");

    using namespace pc::secretkeys;
    QTest::newRow("default server") << serverAccessToken(QUrl(u"ws://127.0.0.1:8000/ws/chat/"_s))
                                    << u"server/ws://127.0.0.1:8000/ws/chat/access"_s;
    QTest::newRow("no trailing slash") << serverAccessToken(QUrl(u"ws://127.0.0.1:8000/ws/chat"_s))
                                       << u"server/ws://127.0.0.1:8000/ws/chat/access"_s;
    QTest::newRow("host case, default port")
        << serverAccessToken(QUrl(u"wss://Chat.Example.COM:443/api/ws/"_s))
        << u"server/wss://chat.example.com/api/ws/access"_s;
    QTest::newRow("credentials and query dropped")
        << serverAccessToken(QUrl(u"wss://bob:hunter2@example.com/ws/?token=abc"_s))
        << u"server/wss://example.com/ws/access"_s;
    QTest::newRow("root path") << serverAccessToken(QUrl(u"ws://example.com"_s))
                               << u"server/ws://example.com/access"_s;
    QTest::newRow("refresh") << serverRefreshToken(QUrl(u"ws://127.0.0.1:8000/ws/chat/"_s))
                             << u"server/ws://127.0.0.1:8000/ws/chat/refresh"_s;
    QTest::newRow("not a server url") << serverAccessToken(QUrl(u"https://example.com/"_s)) << QString();
    QTest::newRow("provider") << providerApiKey(u"deepseek"_s) << u"provider/deepseek/api_key"_s;
    QTest::newRow("provider with slash")
        << providerApiKey(u"my/local llm"_s) << u"provider/my%2Flocal%20llm/api_key"_s;
    QTest::newRow("empty provider") << providerApiKey(u"  "_s) << QString();
    QTest::newRow("signing secret") << localEngineSigningSecret() << u"local-engine/signing-secret"_s;
}

void TestTokenStore::secretKeys() {
    QFETCH(QString, actual);
    QFETCH(QString, expected);
    QCOMPARE(actual, expected);
}

void TestTokenStore::emptyKeyIsRefused() {
    pc::MemoryTokenStore memory;
    pc::KeychainTokenStore keychain;
    for (TokenStore* store : {static_cast<TokenStore*>(&memory), static_cast<TokenStore*>(&keychain)}) {
        const auto written = doWrite(*store, QString(), u"value"_s);
        QVERIFY(written);
        QCOMPARE(written->status, TokenStore::Status::OtherError);
        QVERIFY(!written->message.isEmpty());
        const auto read = doRead(*store, QString());
        QVERIFY(read);
        QCOMPARE(read->status, TokenStore::Status::OtherError);
        const auto removed = doRemove(*store, QString());
        QVERIFY(removed);
        QCOMPARE(removed->status, TokenStore::Status::OtherError);
    }
}

void TestTokenStore::memoryRoundTrip() {
    pc::MemoryTokenStore store;
    const QString key = pc::secretkeys::serverAccessToken(QUrl(u"ws://127.0.0.1:8000/ws/chat/"_s));
    const QString secret = newCanary();

    auto missing = doRead(store, key);
    QVERIFY(missing);
    QCOMPARE(missing->status, TokenStore::Status::NotFound);
    QVERIFY(missing->value.isEmpty());

    auto written = doWrite(store, key, secret);
    QVERIFY(written);
    QCOMPARE(written->status, TokenStore::Status::Ok);

    auto read = doRead(store, key);
    QVERIFY(read);
    QCOMPARE(read->status, TokenStore::Status::Ok);
    QCOMPARE(read->value, secret);

    // Requests take effect in call order, like the keychain's queue.
    QSignalSpy reads(&store, &TokenStore::readFinished);
    const quint64 before = store.read(key);
    store.write(key, u"second"_s);
    const quint64 after = store.read(key);
    const auto first = waitFor(reads, before);
    const auto second = waitFor(reads, after);
    QVERIFY(first && second);
    QCOMPARE(first->value, secret);
    QCOMPARE(second->value, u"second"_s);

    auto removed = doRemove(store, key);
    QVERIFY(removed);
    QCOMPARE(removed->status, TokenStore::Status::Ok);
    auto gone = doRead(store, key);
    QVERIFY(gone);
    QCOMPARE(gone->status, TokenStore::Status::NotFound);

    // Removing what is not there is fine (sign-out twice).
    auto again = doRemove(store, key);
    QVERIFY(again);
    QCOMPARE(again->status, TokenStore::Status::Ok);

    QVERIFY(doWrite(store, key, secret));
    store.clear();
    auto cleared = doRead(store, key);
    QVERIFY(cleared);
    QCOMPARE(cleared->status, TokenStore::Status::NotFound);
}

void TestTokenStore::memoryStoreWritesNothing() {
    if (!homeIsThrowaway())
        QSKIP("HOME is not a throwaway folder; not scanning it.");
    const QString canary = newCanary();
    {
        pc::MemoryTokenStore store;
        CHECK_STATUS(doWrite(store, testKey(u"memory"_s), canary), TokenStore::Status::Ok);
        CHECK_VALUE(doRead(store, testKey(u"memory"_s)), canary);
    }
    int scanned = 0;
    const QStringList roots = {QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation),
                               QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation),
                               QStandardPaths::writableLocation(QStandardPaths::GenericCacheLocation)};
    QCOMPARE(filesContaining(roots, canary, &scanned), QStringList());
}

void TestTokenStore::keychainDefaults() {
    pc::KeychainTokenStore store;
    QCOMPARE(pc::KeychainTokenStore::serviceName(), u"PromptCraft"_s);
    QCOMPARE(store.timeout(), 5000ms);
    store.setTimeout(1500ms);
    QCOMPARE(store.timeout(), 1500ms);
    store.setTimeout(0ms);
    QCOMPARE(store.timeout(), pc::KeychainTokenStore::DefaultTimeout);
}

void TestTokenStore::keychainRoundTrip() {
    if (!hasSessionBus())
        QSKIP(RealKeyringRecipe);
    pc::KeychainTokenStore store;
    const QString key = testKey(u"server/ws://127.0.0.1:8000/ws/chat/access"_s);
    const QString secret = u"eyJhbGciOiJIUzI1NiJ9."_s + newCanary() + u".sig"_s;

    const auto written = doWrite(store, key, secret);
    QVERIFY(written);
    QVERIFY2(written->status == TokenStore::Status::Ok, qPrintable(written->message));

    const auto read = doRead(store, key);
    QVERIFY(read);
    QVERIFY2(read->status == TokenStore::Status::Ok, qPrintable(read->message));
    QCOMPARE(read->value, secret);

    // A second store (as after a restart) sees the same entry.
    pc::KeychainTokenStore other;
    const auto readAgain = doRead(other, key);
    QVERIFY(readAgain);
    QCOMPARE(readAgain->status, TokenStore::Status::Ok);
    QCOMPARE(readAgain->value, secret);

    const auto removed = doRemove(store, key);
    QVERIFY(removed);
    QVERIFY2(removed->status == TokenStore::Status::Ok, qPrintable(removed->message));

    const auto gone = doRead(store, key);
    QVERIFY(gone);
    QCOMPARE(gone->status, TokenStore::Status::NotFound);
    QVERIFY(gone->value.isEmpty());
    QVERIFY(!gone->message.contains(secret));
}

void TestTokenStore::keychainOverwriteAndMissing() {
    if (!hasSessionBus())
        QSKIP(RealKeyringRecipe);
    pc::KeychainTokenStore store;
    const QString key = testKey(pc::secretkeys::providerApiKey(u"deepseek"_s));

    const auto missing = doRead(store, key);
    QVERIFY(missing);
    QCOMPARE(missing->status, TokenStore::Status::NotFound);

    // Removing an entry that does not exist is not an error (sign-out twice).
    const auto removeMissing = doRemove(store, key);
    QVERIFY(removeMissing);
    QCOMPARE(removeMissing->status, TokenStore::Status::Ok);

    CHECK_STATUS(doWrite(store, key, u"sk-first-value-0001"_s), TokenStore::Status::Ok);
    CHECK_STATUS(doWrite(store, key, u"sk-second-value-0002 ünïcødé"_s), TokenStore::Status::Ok);
    const auto read = doRead(store, key);
    QVERIFY(read);
    QCOMPARE(read->status, TokenStore::Status::Ok);
    QCOMPARE(read->value, u"sk-second-value-0002 ünïcødé"_s);

    CHECK_STATUS(doRemove(store, key), TokenStore::Status::Ok);
    CHECK_STATUS(doRead(store, key), TokenStore::Status::NotFound);
}

void TestTokenStore::secretServiceProbeSeesKeyring() {
    if (!hasSessionBus())
        QSKIP(RealKeyringRecipe);
#ifndef PC_HAVE_QTDBUS
    QSKIP("No QtDBus on this platform.");
#endif
    pc::SecretServiceProbe probe;
    QSignalSpy finished(&probe, &pc::SecretServiceProbe::finished);
    probe.start();
    QVERIFY(finished.isEmpty());
    QVERIFY(finished.wait(10000));
    QCOMPARE(finished.count(), 1);
    QCOMPARE(finished.at(0).at(0).value<pc::SecretServiceProbe::Result>(),
             pc::SecretServiceProbe::Result::Available);
}

void TestTokenStore::coordinatorUsesKeychainThenMemory() {
    if (!hasSessionBus())
        QSKIP(RealKeyringRecipe);
    pc::TokenStoreCoordinator store(new pc::KeychainTokenStore);
    QSignalSpy unavailable(&store, &pc::TokenStoreCoordinator::keychainUnavailable);
    QSignalSpy modeChanged(&store, &pc::TokenStoreCoordinator::modeChanged);
    QCOMPARE(store.mode(), pc::TokenStoreCoordinator::Mode::Keychain);

    const QString key = testKey(u"coordinator"_s);
    const QString secret = newCanary();
    CHECK_STATUS(doWrite(store, key, secret), TokenStore::Status::Ok);

    // It really is in the keychain: a separate keychain store reads it.
    pc::KeychainTokenStore direct;
    CHECK_VALUE(doRead(direct, key), secret);
    CHECK_VALUE(doRead(store, key), secret);
    QCOMPARE(unavailable.count(), 0);
    QCOMPARE(store.keychainProblem(), TokenStore::Status::Ok);

    store.useMemoryOnly();
    QCOMPARE(store.mode(), pc::TokenStoreCoordinator::Mode::MemoryOnly);
    QCOMPARE(modeChanged.count(), 1);
    store.useMemoryOnly();
    QCOMPARE(modeChanged.count(), 1);

    // Memory only: the keychain entry is neither seen nor changed.
    CHECK_STATUS(doRead(store, key), TokenStore::Status::NotFound);
    const QString sessionOnly = newCanary();
    CHECK_STATUS(doWrite(store, key, sessionOnly), TokenStore::Status::Ok);
    CHECK_VALUE(doRead(store, key), sessionOnly);
    CHECK_VALUE(doRead(direct, key), secret);

    CHECK_STATUS(doRemove(store, key), TokenStore::Status::Ok);
    CHECK_VALUE(doRead(direct, key), secret);
    CHECK_STATUS(doRemove(direct, key), TokenStore::Status::Ok);
    CHECK_STATUS(doRead(direct, key), TokenStore::Status::NotFound);
}

// The scan used below must be able to fail: a planted secret is found in each encoding.
void TestTokenStore::canaryScanFindsPlantedSecret() {
    QTemporaryDir root;
    QVERIFY(root.isValid());
    const QString canary = newCanary();
    const QList<QByteArray> encodings = {
        "x=" + canary.toUtf8() + '\n',
        QByteArray(reinterpret_cast<const char*>(canary.utf16()), canary.size() * 2),
        "secret=" + canary.toUtf8().toBase64(),
    };
    for (int i = 0; i < encodings.size(); ++i) {
        QDir().mkpath(root.filePath(u"deep/er"_s));
        QFile file(root.filePath(u"deep/er/planted-%1"_s.arg(i)));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("prefix" + encodings.at(i) + "suffix");
    }
    QFile clean(root.filePath(u"clean"_s));
    QVERIFY(clean.open(QIODevice::WriteOnly));
    clean.write("nothing to see");
    clean.close();
    int scanned = 0;
    QCOMPARE(filesContaining({root.path()}, canary, &scanned).size(), encodings.size());
    QCOMPARE(scanned, int(encodings.size()) + 1);
}

void TestTokenStore::canaryIsInNoFile() {
    if (!hasSessionBus())
        QSKIP(RealKeyringRecipe);
    if (!homeIsThrowaway())
        QSKIP("HOME is not a throwaway folder (under the temp folder or PC_TEST_WORKDIR); not scanning every "
              "file in it. Use the recipe in ARCHITECTURE.md.");

    const QString canary = newCanary();
    const QString key = testKey(pc::secretkeys::serverAccessToken(QUrl(u"ws://127.0.0.1:8000/ws/chat/"_s)));
    pc::KeychainTokenStore keychain;
    pc::TokenStoreCoordinator coordinator(new pc::KeychainTokenStore);

    // The secret goes through every store; the settings get every non-secret value at the same time.
    CHECK_STATUS(doWrite(keychain, key, canary), TokenStore::Status::Ok);
    CHECK_STATUS(doWrite(coordinator, key + u"/2"_s, canary), TokenStore::Status::Ok);
    CHECK_VALUE(doRead(keychain, key), canary);

    // Beside the real settings file, but its own, as other tests may use the real one at the same time.
    const QString settingsDir = QFileInfo(pc::Settings().fileName()).absolutePath();
    pc::Settings settings(settingsDir + u"/tst_tokenstore-%1.ini"_s.arg(QCoreApplication::applicationPid()));
    QVERIFY(settings.setServers({{u"local"_s, QUrl(u"ws://127.0.0.1:8000/ws/chat/"_s)}}));
    QVERIFY(settings.setFallbackProviders(
        {{u"ollama"_s, QUrl(u"http://127.0.0.1:11434/v1"_s), u"llama3"_s, true}}));
    settings.setConnectionMode(pc::Settings::ConnectionMode::Server);
    settings.setThinkingEnabled(true);
    QVERIFY(settings.sync());
    QVERIFY(QFileInfo::exists(settings.fileName()));

    QStringList roots = {QDir::homePath(),
                         qEnvironmentVariable("XDG_CONFIG_HOME"),
                         qEnvironmentVariable("XDG_DATA_HOME"),
                         qEnvironmentVariable("XDG_CACHE_HOME"),
                         qEnvironmentVariable("XDG_RUNTIME_DIR"),
                         qEnvironmentVariable("PC_TEST_WORKDIR"),
                         settingsDir};
    int scanned = 0;
    const QStringList hits = filesContaining(roots, canary, &scanned);
    QVERIFY2(hits.isEmpty(), qPrintable(u"canary found in: "_s + hits.join(u", "_s)));
    QVERIFY2(scanned > 0, "no file was scanned");

    // The keyring's own file is among the scanned ones: the secret is stored, encrypted.
    const QString dataHome = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation);
    QVERIFY2(!filesUnder(dataHome + u"/keyrings"_s).isEmpty(), "gnome-keyring wrote no keyring file");

    CHECK_STATUS(doRemove(keychain, key), TokenStore::Status::Ok);
    CHECK_STATUS(doRemove(coordinator, key + u"/2"_s), TokenStore::Status::Ok);
    CHECK_STATUS(doRead(keychain, key), TokenStore::Status::NotFound);
    QFile::remove(settings.fileName());
}

// The keychain with DBUS_SESSION_BUS_ADDRESS pointing at a socket that does not exist.
void TestTokenStore::noSecretService() {
    QTemporaryDir root;
    QVERIFY(root.isValid());
    const ChildDirs dirs = makeChildDirs(root);
    const QString canary = newCanary();
    QProcessEnvironment env = childEnvironment(dirs, u"no-bus"_s, canary);
    env.insert(u"DBUS_SESSION_BUS_ADDRESS"_s, u"unix:path="_s + root.filePath(u"no-such-bus-socket"_s));

    QProcess child;
    child.setProcessEnvironment(env);
    child.setProcessChannelMode(QProcess::MergedChannels);
    child.start(QCoreApplication::applicationFilePath(), {u"noSecretServiceChild"_s});
    QVERIFY(child.waitForFinished(60000));
    const QByteArray output = child.readAll();
    QVERIFY2(child.exitStatus() == QProcess::NormalExit && child.exitCode() == 0, output.constData());
    QVERIFY2(output.contains("PASS   : TestTokenStore::noSecretServiceChild()"), output.constData());
    QVERIFY2(!output.contains(canary.toUtf8()), "the secret appeared in the output");

    int scanned = 0;
    QCOMPARE(filesContaining({root.path()}, canary, &scanned), QStringList());
    QCOMPARE(filesUnder(root.path()), QStringList());
}

void TestTokenStore::noSecretServiceChild() {
    if (!isChild(u"no-bus"))
        QSKIP("Runs only as the child process of noSecretService().");
    const QString canary = qEnvironmentVariable(qPrintable(CanaryVariable));
    QVERIFY(!canary.isEmpty());
    constexpr auto timeout = 3000ms;

    auto* keychain = new pc::KeychainTokenStore;
    keychain->setTimeout(timeout);
    pc::TokenStoreCoordinator store(keychain);
    QSignalSpy unavailable(&store, &pc::TokenStoreCoordinator::keychainUnavailable);
    const QString key = pc::secretkeys::serverAccessToken(QUrl(u"ws://127.0.0.1:8000/ws/chat/"_s));

    QElapsedTimer clock;
    clock.start();
    const auto written = doWrite(store, key, canary, timeout + 5s);
    QVERIFY(written);
    QVERIFY2(clock.elapsed() < (timeout + 2s).count(), "no answer within the timeout");
    QVERIFY2(written->status == TokenStore::Status::NoBackend ||
                 written->status == TokenStore::Status::TimedOut,
             qPrintable(written->message));
    QVERIFY(!written->message.isEmpty());
    QVERIFY(!written->message.contains(canary));
    qInfo("keychain without Secret Service: %s", qPrintable(written->message));

    QCOMPARE(unavailable.count(), 1);
    QCOMPARE(unavailable.at(0).at(0).value<TokenStore::Status>(), written->status);
    QCOMPARE(unavailable.at(0).at(1).toString(), written->message);
    QCOMPARE(store.keychainProblem(), written->status);

    // Further failures are reported per request, but the reason only once.
    const auto read = doRead(store, key, timeout + 5s);
    QVERIFY(read);
    QVERIFY(read->status == TokenStore::Status::NoBackend || read->status == TokenStore::Status::TimedOut);
    QCOMPARE(unavailable.count(), 1);

    // The user chooses "keep signed in for this session only".
    store.useMemoryOnly();
    CHECK_STATUS(doWrite(store, key, canary), TokenStore::Status::Ok);
    const auto again = doRead(store, key);
    QVERIFY(again);
    QCOMPARE(again->status, TokenStore::Status::Ok);
    QCOMPARE(again->value, canary);
    CHECK_STATUS(doRemove(store, key), TokenStore::Status::Ok);
    CHECK_STATUS(doRead(store, key), TokenStore::Status::NotFound);
}

// A Secret Service that takes longer than the deadline: TimedOut in time, the late answer ignored.
void TestTokenStore::hangingSecretService() {
#ifndef PC_HAVE_QTDBUS
    QSKIP("No QtDBus on this platform.");
#endif
    const QString dbusRunSession = QStandardPaths::findExecutable(u"dbus-run-session"_s);
    if (dbusRunSession.isEmpty())
        QSKIP("dbus-run-session is not installed (Debian package dbus).");
    QTemporaryDir root;
    QVERIFY(root.isValid());
    const ChildDirs dirs = makeChildDirs(root);
    const QString canary = newCanary();

    QProcess child;
    child.setProcessEnvironment(childEnvironment(dirs, u"slow-service"_s, canary));
    child.setProcessChannelMode(QProcess::MergedChannels);
    child.start(dbusRunSession,
                {u"--"_s, QCoreApplication::applicationFilePath(), u"hangingSecretServiceChild"_s});
    QVERIFY(child.waitForFinished(120000));
    const QByteArray output = child.readAll();
    QVERIFY2(child.exitStatus() == QProcess::NormalExit && child.exitCode() == 0, output.constData());
    QVERIFY2(output.contains("PASS   : TestTokenStore::hangingSecretServiceChild()"), output.constData());
    QVERIFY2(!output.contains(canary.toUtf8()), "the secret appeared in the output");

    int scanned = 0;
    QCOMPARE(filesContaining({root.path()}, canary, &scanned), QStringList());
}

void TestTokenStore::hangingSecretServiceChild() {
    if (!isChild(u"slow-service"))
        QSKIP("Runs only as the child process of hangingSecretService().");
#ifdef PC_HAVE_QTDBUS
    const QString canary = qEnvironmentVariable(qPrintable(CanaryVariable));
    QVERIFY(!canary.isEmpty());
    constexpr auto timeout = 1000ms;
    constexpr auto serviceDelay = 1500ms;

    QDBusConnection bus = QDBusConnection::sessionBus();
    QVERIFY(bus.isConnected());
    SlowSecretService service(serviceDelay);
    QVERIFY(bus.registerVirtualObject(u"/"_s, &service, QDBusConnection::SubPath));
    QVERIFY(bus.registerService(u"org.freedesktop.secrets"_s));

    pc::KeychainTokenStore store;
    store.setTimeout(timeout);
    QSignalSpy writes(&store, &TokenStore::writeFinished);
    QElapsedTimer clock;
    clock.start();
    const quint64 id = store.write(u"server/ws://127.0.0.1:8000/ws/chat/access"_s, canary);
    const auto written = waitFor(writes, id, 10s);
    QVERIFY(written);
    QCOMPARE(written->status, TokenStore::Status::TimedOut);
    QVERIFY2(clock.elapsed() >= timeout.count() - 50 && clock.elapsed() < (timeout + 1s).count(),
             qPrintable(QString::number(clock.elapsed())));
    QVERIFY(!written->message.isEmpty());
    QVERIFY(!written->message.contains(canary));
    QVERIFY(service.calls() > 0);

    // QtKeychain runs one job at a time, so when a second request is answered the first job has
    // finished too, late. Its answer must not be reported: still exactly one writeFinished.
    QLoggingCategory::setFilterRules(u"promptcraft.client.debug=true"_s);
    QTest::ignoreMessage(QtDebugMsg, QRegularExpression(u"answered after the deadline; ignored"_s));
    store.setTimeout(30s);
    const auto read = doRead(store, u"server/ws://127.0.0.1:8000/ws/chat/access"_s, 40s);
    QVERIFY(read);
    QVERIFY2(read->status == TokenStore::Status::OtherError, qPrintable(read->message));
    QCOMPARE(writes.count(), 1);
#endif
}

QTEST_GUILESS_MAIN(TestTokenStore)
#include "tst_tokenstore.moc"
