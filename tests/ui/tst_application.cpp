// The whole desktop program (Application: settings, the real keychain, the window, the in-process
// engine), driven through its window:
// - remote server mode against a real engine with user accounts on loopback: the banner asks to sign
//   in, the settings dialog signs in with a user name and password (a wrong password first), chatting
//   works, the sign-in survives a restart (kept in the keychain, never in a file), and signing out
//   revokes it on the server, forgets it here and asks to sign in again, also after the next start;
// - local mode with a fallback provider (a fake OpenAI-compatible server on loopback): a model and an
//   API key changed in the settings take effect on the next question without restarting the program,
//   and the dialog shows the key as stored when opened again.
#include "Application.h"
#include "EngineFixture.h"
#include "FakeOpenAiServer.h"
#include "MainWindow.h"
#include "UiScreenshots.h"
#include "auth/UserAccounts.h"
#include "chat/ChatMessageModel.h"
#include "core/Clock.h"
#include "dialogs/SettingsDialog.h"
#include "secrets/KeychainTokenStore.h"
#include "secrets/SecretKeys.h"
#include "settings/Settings.h"
#include "widgets/Composer.h"
#include "widgets/ConnectionBanner.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTcpServer>
#include <QTest>

using namespace pc;
using namespace pc::test;
using namespace Qt::Literals::StringLiterals;

namespace {

constexpr int FastIterations = 1000;
constexpr int Timeout = 15'000;

// What the keychain holds under `key` (NotFound when nothing).
TokenStore::Status keychainStatus(const QString& key, QString* value = nullptr)
{
    KeychainTokenStore keychain;
    QSignalSpy spy(&keychain, &TokenStore::readFinished);
    keychain.read(key);
    if (!spy.wait(Timeout))
        return TokenStore::Status::TimedOut;
    if (value)
        *value = spy.at(0).at(3).toString();
    return spy.at(0).at(2).value<TokenStore::Status>();
}

// Every file under the program's data and settings folders that contains `needle`.
QStringList filesContaining(const QByteArray& needle)
{
    QStringList found;
    for (const auto location : {QStandardPaths::AppDataLocation, QStandardPaths::GenericConfigLocation}) {
        QDirIterator it(QStandardPaths::writableLocation(location), QDir::Files,
                        QDirIterator::Subdirectories);
        while (it.hasNext()) {
            QFile file(it.next());
            if (file.open(QIODevice::ReadOnly) && file.readAll().contains(needle))
                found << file.fileName();
        }
    }
    return found;
}

// The settings the program starts with: remote server mode on `server`.
bool useServer(const QUrl& server)
{
    Settings settings;
    if (!settings.setServers({ServerEntry{u"Team server"_s, server}}) || !settings.setActiveServerUrl(server))
        return false;
    settings.setConnectionMode(Settings::ConnectionMode::Server);
    return settings.sync();
}

} // namespace

class TestApplication : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void signInChatRestartAndSignOut();
    void localProviderChangesTakeEffect();
    void serverSignInOutlivesShortTokens();

private:
    // Starts the program as a user would; its window is then m_app->window().
    bool startProgram();
    SettingsDialog* openSettingsFromBanner();

    std::unique_ptr<Application> m_app;
};

void TestApplication::initTestCase()
{
    if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"))
        QSKIP("No D-Bus session bus: this test keeps the sign-in in the real keychain. Run it with "
              "`scripts/promptcraft.sh test -R tst_application` (gnome-keyring under dbus-run-session).");
    QStandardPaths::setTestModeEnabled(true);
    Application::describe(*QCoreApplication::instance());
}

void TestApplication::init()
{
    QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)).removeRecursively();
    QFile::remove(Settings().fileName());
}

void TestApplication::cleanup()
{
    m_app.reset();
}

bool TestApplication::startProgram()
{
    m_app = std::make_unique<Application>();
    if (m_app->start() != 0 || !m_app->window())
        return false;
    return QTest::qWaitForWindowExposed(m_app->window());
}

SettingsDialog* TestApplication::openSettingsFromBanner()
{
    MainWindow* window = m_app->window();
    QPushButton* signIn = window->banner()->signInButton();
    if (!signIn->isVisible())
        return nullptr;
    QTest::mouseClick(signIn, Qt::LeftButton);
    auto* dialog = window->findChild<SettingsDialog*>();
    return dialog && dialog->isVisible() ? dialog : nullptr;
}

void TestApplication::signInChatRestartAndSignOut()
{
    EngineFixture engine; // no anonymous sessions: every connection needs a token
    QVERIFY(engine.started());
    UserAccounts accounts(engine.engine().sharedStore(), Clock::system());
    QVERIFY(accounts.add(u"alice"_s, u"alice-password"_s, FastIterations));
    const QUrl server = engine.engine().url();
    QVERIFY(useServer(server));

    // First start: nothing stored, so the server refuses and the banner asks to sign in.
    QVERIFY(startProgram());
    MainWindow* window = m_app->window();
    QTRY_COMPARE_WITH_TIMEOUT(window->banner()->state(), ConnectionBanner::State::NeedsSignIn, Timeout);
    QVERIFY(!window->composer()->isConnected());
    QTest::qWait(200); // the session's refresh attempt (nothing stored) must not add a reason
    QCOMPARE(window->banner()->text(), u"Signed out. Sign in to keep chatting."_s);

    SettingsDialog* dialog = openSettingsFromBanner();
    QVERIFY(dialog);
    auto* state = dialog->findChild<QLabel*>(u"signInState"_s);
    auto* message = dialog->findChild<QLabel*>(u"signInMessage"_s);
    auto* user = dialog->findChild<QLineEdit*>(u"userNameEdit"_s);
    auto* password = dialog->findChild<QLineEdit*>(u"passwordEdit"_s);
    auto* signInButton = dialog->findChild<QPushButton*>(u"signInPasswordButton"_s);
    auto* signOutButton = dialog->findChild<QPushButton*>(u"signOutButton"_s);
    QVERIFY(state && message && user && password && signInButton && signOutButton);
    QCOMPARE(state->text(), u"Not signed in."_s);
    QVERIFY(!signOutButton->isEnabled());
    QVERIFY(user->isEnabled());

    // A wrong password: said so in the dialog, the password field emptied, still signed out.
    QTest::keyClicks(user, u"alice"_s);
    QTest::keyClicks(password, u"not-her-password"_s);
    QTest::mouseClick(signInButton, Qt::LeftButton);
    QVERIFY(password->text().isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(message->isVisible(), Timeout);
    QVERIFY2(message->text().contains(u"refused"_s) || message->text().contains(u"wrong"_s),
             qPrintable(message->text()));
    QCOMPARE(window->banner()->state(), ConnectionBanner::State::NeedsSignIn);

    // The right one, with Enter: signed in, connected.
    password->setFocus();
    QTest::keyClicks(password, u"alice-password"_s);
    QTest::keyClick(password, Qt::Key_Return);
    QTRY_COMPARE_WITH_TIMEOUT(window->banner()->state(), ConnectionBanner::State::Connected, Timeout);
    QCOMPARE(state->text(), u"Signed in as alice."_s);
    QVERIFY(!message->isVisible()); // the failure's explanation is gone
    QVERIFY(signOutButton->isEnabled());
    QVERIFY(!password->isEnabled());
    QVERIFY(window->composer()->isConnected());
    testing::saveScreenshots(dialog, u"settings-signed-in"_s);
    dialog->close();

    // Chatting works as alice.
    QPlainTextEdit* editor = window->composer()->editor();
    editor->setFocus();
    QTest::keyClicks(editor, u"Hello as alice"_s);
    QTest::keyClick(editor, Qt::Key_Return);
    ChatMessageModel* model = window->chatModel();
    QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 2, Timeout);
    QCOMPARE(model->index(1).data(ChatMessageModel::SenderRole).value<MessageSender>(),
             MessageSender::Assistant);
    QTRY_VERIFY_WITH_TIMEOUT(!window->isAnswerPending(), Timeout);
    const QString conversation = window->currentConversationId();

    // The tokens are in the keychain, and in no file of the profile.
    QString access;
    QCOMPARE(keychainStatus(secretkeys::serverAccessToken(server), &access), TokenStore::Status::Ok);
    QVERIFY(!access.isEmpty());
    QCOMPARE(keychainStatus(secretkeys::serverRefreshToken(server)), TokenStore::Status::Ok);
    QVERIFY2(filesContaining(access.toLatin1()).isEmpty(),
             qPrintable(filesContaining(access.toLatin1()).join(u", "_s)));

    // Restart: signed in at once from the keychain, back in the same conversation.
    m_app.reset();
    QVERIFY(startProgram());
    window = m_app->window();
    QTRY_COMPARE_WITH_TIMEOUT(window->banner()->state(), ConnectionBanner::State::Connected, Timeout);
    QCOMPARE(window->currentConversationId(), conversation);
    QVERIFY(!window->banner()->signInButton()->isVisible());

    // Settings opened later show the sign-in; "Sign out" ends it.
    window->openSettings();
    dialog = window->findChild<SettingsDialog*>();
    QVERIFY(dialog && dialog->isVisible());
    state = dialog->findChild<QLabel*>(u"signInState"_s);
    signOutButton = dialog->findChild<QPushButton*>(u"signOutButton"_s);
    QCOMPARE(state->text(), u"Signed in as alice."_s);
    QVERIFY(signOutButton->isEnabled());
    QTest::mouseClick(signOutButton, Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(window->banner()->state(), ConnectionBanner::State::NeedsSignIn, Timeout);
    QCOMPARE(state->text(), u"Not signed in."_s);
    QVERIFY(!signOutButton->isEnabled());
    QVERIFY(!window->composer()->isConnected());
    // Forgotten here, and revoked on the server: nothing is left for an administrator to revoke.
    QCOMPARE(keychainStatus(secretkeys::serverAccessToken(server)), TokenStore::Status::NotFound);
    QCOMPARE(keychainStatus(secretkeys::serverRefreshToken(server)), TokenStore::Status::NotFound);
    QCOMPARE(accounts.revokeTokens(u"alice"_s).value(), 0);
    // The conversation stays in the local history.
    QCOMPARE(window->chatModel()->rowCount(), 2);

    // And after the next start it still asks.
    m_app.reset();
    QVERIFY(startProgram());
    window = m_app->window();
    QTRY_COMPARE_WITH_TIMEOUT(window->banner()->state(), ConnectionBanner::State::NeedsSignIn, Timeout);
    QVERIFY(window->banner()->signInButton()->isVisible());
    testing::saveScreenshots(window, u"mainwindow-signed-out"_s);
    m_app.reset();
}

void TestApplication::localProviderChangesTakeEffect()
{
    // A free port for the in-process engine.
    quint16 port = 0;
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        port = probe.serverPort();
    }
    FakeOpenAiServer upstream;
    QVERIFY(upstream.listen());
    upstream.setDefaultResponse(FakeOpenAiResponse::stream({u"Answer "_s, u"from the local model."_s}));
    {
        Settings settings;
        settings.setConnectionMode(Settings::ConnectionMode::Local);
        QVERIFY(settings.setLocalEnginePort(port));
        QVERIFY(settings.setFallbackProviders({{u"ollama"_s, upstream.baseUrl(), u"model-one"_s, true}}));
        QVERIFY(settings.sync());
    }
    QVERIFY(startProgram());
    MainWindow* window = m_app->window();
    QTRY_COMPARE_WITH_TIMEOUT(window->banner()->state(), ConnectionBanner::State::Connected, Timeout);

    const auto ask = [&](const QString& question) {
        const int rows = window->chatModel()->rowCount();
        QPlainTextEdit* editor = window->composer()->editor();
        editor->setFocus();
        QTest::keyClicks(editor, question);
        QTest::keyClick(editor, Qt::Key_Return);
        return QTest::qWaitFor(
            [&] { return window->chatModel()->rowCount() == rows + 2 && !window->isAnswerPending(); },
            Timeout);
    };
    QVERIFY(ask(u"First question"_s));
    QCOMPARE(upstream.requests().last().json.value(u"model"_s).toString(), u"model-one"_s);
    QVERIFY(upstream.requests().last().header("authorization").isEmpty());

    // Another model and an API key, through the dialog; OK.
    window->openSettings();
    auto* dialog = window->findChild<SettingsDialog*>();
    QVERIFY(dialog && dialog->isVisible());
    auto* table = dialog->findChild<QTableWidget*>(u"providersTable"_s);
    QVERIFY(table && table->rowCount() == 1);
    auto* key = qobject_cast<QLineEdit*>(table->cellWidget(0, 4));
    QVERIFY(key);
    QTRY_COMPARE(key->placeholderText(), u"Not set"_s);
    table->item(0, 2)->setText(u"model-two"_s);
    key->setText(u"sk-local-provider-key"_s);
    // The engine starts again once, when the key is stored; the window then connects to it.
    QSignalSpy restarts(window, &MainWindow::localEngineRestartWanted);
    QSignalSpy states(window, &MainWindow::connectionStateChanged);
    qsizetype statesAtRestart = -1;
    connect(window, &MainWindow::localEngineRestartWanted, this, [&] { statesAtRestart = states.size(); });
    QTest::mouseClick(dialog->findChild<QPushButton*>(u"okButton"_s), Qt::LeftButton);
    QVERIFY(!dialog->isVisible());
    const auto reconnected = [&] {
        if (statesAtRestart < 0)
            return false;
        for (qsizetype i = statesAtRestart; i < states.size(); ++i)
            if (states.at(i).at(0).value<ChatClient::State>() == ChatClient::State::Connected)
                return true;
        return false;
    };
    QTRY_VERIFY_WITH_TIMEOUT(reconnected(), Timeout);
    QCOMPARE(restarts.size(), 1);
    QCOMPARE(keychainStatus(secretkeys::providerApiKey(u"ollama"_s)), TokenStore::Status::Ok);

    // The next question goes to the new model with the key, without restarting the program.
    QVERIFY(ask(u"Second question"_s));
    QCOMPARE(restarts.size(), 1);
    QCOMPARE(upstream.requests().last().json.value(u"model"_s).toString(), u"model-two"_s);
    QCOMPARE(upstream.requests().last().header("authorization"), QByteArray("Bearer sk-local-provider-key"));
    QVERIFY(filesContaining("sk-local-provider-key").isEmpty());

    // Opened again, the dialog says the key is stored (and never shows it).
    window->openSettings();
    dialog = window->findChild<SettingsDialog*>();
    table = dialog->findChild<QTableWidget*>(u"providersTable"_s);
    key = qobject_cast<QLineEdit*>(table->cellWidget(0, 4));
    QTRY_COMPARE(key->placeholderText(), u"Stored in keychain"_s);
    QVERIFY(key->text().isEmpty());
    QCOMPARE(table->item(0, 2)->text(), u"model-two"_s);

    // Only the model changes: the engine starts again too, keeping the stored key.
    table->item(0, 2)->setText(u"model-three"_s);
    const qsizetype statesAtOk = states.size();
    QTest::mouseClick(dialog->findChild<QPushButton*>(u"okButton"_s), Qt::LeftButton);
    const auto reconnectedAfterOk = [&] {
        bool dropped = false;
        for (qsizetype i = statesAtOk; i < states.size(); ++i) {
            const auto state = states.at(i).at(0).value<ChatClient::State>();
            if (state != ChatClient::State::Connected)
                dropped = true;
            else if (dropped)
                return true;
        }
        return false;
    };
    QTRY_VERIFY_WITH_TIMEOUT(reconnectedAfterOk(), Timeout);
    QVERIFY(ask(u"Third question"_s));
    QCOMPARE(upstream.requests().last().json.value(u"model"_s).toString(), u"model-three"_s);
    QCOMPARE(upstream.requests().last().header("authorization"), QByteArray("Bearer sk-local-provider-key"));
}

void TestApplication::serverSignInOutlivesShortTokens()
{
    // Access tokens that live 4 s (no leeway): the app renews them by itself and the connection
    // comes back after each expiry without the user; once the administrator revokes the sign-in, the
    // app asks for it again and the settings offer the sign-in fields.
    EngineConfig config;
    config.accessTokenTtlSecs = 4;
    config.jwtLeewaySecs = 0;
    EngineFixture engine(config);
    QVERIFY(engine.started());
    UserAccounts accounts(engine.engine().sharedStore(), Clock::system());
    QVERIFY(accounts.add(u"alice"_s, u"alice-password"_s, FastIterations));
    const QUrl server = engine.engine().url();
    QVERIFY(useServer(server));
    QVERIFY(startProgram());
    MainWindow* window = m_app->window();
    QTRY_COMPARE_WITH_TIMEOUT(window->banner()->state(), ConnectionBanner::State::NeedsSignIn, Timeout);
    SettingsDialog* dialog = openSettingsFromBanner();
    QVERIFY(dialog);
    QTest::keyClicks(dialog->findChild<QLineEdit*>(u"userNameEdit"_s), u"alice"_s);
    QTest::keyClicks(dialog->findChild<QLineEdit*>(u"passwordEdit"_s), u"alice-password"_s);
    QTest::mouseClick(dialog->findChild<QPushButton*>(u"signInPasswordButton"_s), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(window->banner()->state(), ConnectionBanner::State::Connected, Timeout);
    dialog->close();
    QString firstToken;
    QCOMPARE(keychainStatus(secretkeys::serverAccessToken(server), &firstToken), TokenStore::Status::Ok);

    // Three token lifetimes later: still (or again) connected, never asked to sign in, and the keychain
    // holds a newer token.
    QSignalSpy states(window, &MainWindow::connectionStateChanged);
    QTest::qWait(12'000);
    QTRY_COMPARE_WITH_TIMEOUT(window->banner()->state(), ConnectionBanner::State::Connected, Timeout);
    for (const auto& args : std::as_const(states))
        QVERIFY(args.at(0).value<ChatClient::State>() != ChatClient::State::NeedsSignIn);
    QString laterToken;
    QCOMPARE(keychainStatus(secretkeys::serverAccessToken(server), &laterToken), TokenStore::Status::Ok);
    QVERIFY(laterToken != firstToken);
    QVERIFY(window->composer()->isConnected());

    // Signed out everywhere by the administrator: at the next expiry the app asks to sign in again.
    QVERIFY(accounts.revokeTokens(u"alice"_s).value() >= 1);
    QTRY_COMPARE_WITH_TIMEOUT(window->banner()->state(), ConnectionBanner::State::NeedsSignIn, 3 * Timeout);
    QTRY_VERIFY2(window->banner()->text().contains(u"expired or was ended"_s),
                 qPrintable(window->banner()->text()));
    dialog = openSettingsFromBanner();
    QVERIFY(dialog);
    QCOMPARE(dialog->findChild<QLabel*>(u"signInState"_s)->text(), u"Not signed in."_s);
    QVERIFY(dialog->findChild<QLineEdit*>(u"passwordEdit"_s)->isEnabled());
    dialog->close();
}

QTEST_MAIN(TestApplication)
#include "tst_application.moc"
