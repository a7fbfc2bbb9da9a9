#include "Application.h"

#include "MainWindow.h"
#include "ScreenshotTour.h"
#include "UiLogging.h"
#include "ai/ProviderConfigLoader.h"
#include "client/ServerSession.h"
#include "i18n/Translator.h"
#include "local/LocalEngine.h"
#include "secrets/KeychainTokenStore.h"
#include "secrets/TokenStoreCoordinator.h"
#include "storage/HistoryStore.h"
#include "storage/ProfileLock.h"
#include "theme/Theme.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QGuiApplication>
#include <QIcon>
#include <QMessageBox>
#include <QProcessEnvironment>
#include <QSocketNotifier>
#include <QStandardPaths>
#include <QTextStream>
#include <QTimer>

#include <cstdio>

#ifdef Q_OS_UNIX
#include <csignal>
#include <sys/socket.h>
#include <unistd.h>
#endif

using namespace Qt::Literals::StringLiterals;

namespace pc {

namespace {

#ifdef Q_OS_UNIX
int g_signalFds[2] = {-1, -1};

void onSignal(int)
{
    const char c = 1;
    [[maybe_unused]] const auto written = ::write(g_signalFds[0], &c, 1);
}

// SIGINT/SIGTERM end the event loop, so that the engine stores partial answers before exiting.
void quitOnSignals(QCoreApplication& app)
{
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, g_signalFds) != 0)
        return;
    auto* notifier = new QSocketNotifier(g_signalFds[1], QSocketNotifier::Read, &app);
    QObject::connect(notifier, &QSocketNotifier::activated, &app, [notifier] {
        notifier->setEnabled(false);
        char c;
        [[maybe_unused]] const auto got = ::read(g_signalFds[1], &c, 1);
        QCoreApplication::quit();
    });
    struct sigaction action = {};
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);
}
#else
void quitOnSignals(QCoreApplication&) {}
#endif

bool wantsInfoOnly(int argc, char** argv)
{
    for (int i = 1; i < argc; ++i) {
        const QByteArray arg(argv[i]);
        if (arg == "-h" || arg == "--help" || arg == "--help-all" || arg == "-v" || arg == "--version")
            return true;
    }
    return false;
}

struct Options {
    QString screenshotDir;
};

Options parse(QCoreApplication& app)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        Application::tr("PromptCraft: a native AI chat client that turns good conversations into reusable "
                        "prompt templates. Without a display it serves its engine on the console."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption screenshots(
        u"screenshot-dir"_s,
        Application::tr(
            "Open a demo conversation and every dialog, save PNG screenshots to <dir>, and quit."),
        Application::tr("dir"));
    parser.addOption(screenshots);
    parser.process(app);
    return Options{parser.value(screenshots)};
}

// The console mode: the in-process engine with the user's settings, until SIGINT.
int runHeadless(QCoreApplication& app)
{
    QTextStream out(stdout);
    out << Application::tr("PromptCraft: no display found; serving the headless engine instead "
                           "(Ctrl+C to stop).")
        << Qt::endl;
    Settings settings;
    auto* tokens = new TokenStoreCoordinator(new KeychainTokenStore(&app), &app);
    QObject::connect(tokens, &TokenStoreCoordinator::keychainUnavailable, tokens,
                     [tokens](TokenStore::Status, const QString& message) {
                         QTextStream(stdout) << Application::tr("The system keychain is not available (%1): "
                                                                "secrets are kept in memory for this run.")
                                                    .arg(message)
                                             << Qt::endl;
                         tokens->useMemoryOnly();
                     });
    LocalEngine engine(settings, tokens);
    int code = 0;
    QObject::connect(&engine, &LocalEngine::started, &app, [&out, &engine](const QUrl& url, const QString&) {
        out << Application::tr("Engine listening on %1 (data in %2).").arg(url.toString(), engine.dataDir())
            << Qt::endl;
        if (!engine.providerProblem().isEmpty())
            out << engine.providerProblem() << Qt::endl;
    });
    QObject::connect(&engine, &LocalEngine::failed, &app, [&code](const Error& error) {
        QTextStream(stderr) << Application::tr("The engine could not start: %1").arg(error.message)
                            << Qt::endl;
        code = 1;
        QCoreApplication::exit(1);
    });
    quitOnSignals(app);
    engine.start();
    const int loop = QCoreApplication::exec();
    engine.stop();
    return code != 0 ? code : loop;
}

} // namespace

void Application::describe(QCoreApplication& app)
{
    QCoreApplication::setOrganizationName(u"PromptCraft"_s);
    QCoreApplication::setApplicationName(u"PromptCraft"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(PC_VERSION));
    if (qobject_cast<QGuiApplication*>(&app)) {
        QGuiApplication::setDesktopFileName(u"io.promptcraft.PromptCraft"_s);
        QGuiApplication::setApplicationDisplayName(tr("PromptCraft"));
        QGuiApplication::setWindowIcon(QIcon(u":/icons/promptcraft.svg"_s));
    }
}

bool Application::displayMissing()
{
#if defined(Q_OS_LINUX) || defined(Q_OS_FREEBSD)
    return qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM") && qEnvironmentVariableIsEmpty("DISPLAY") &&
           qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY");
#else
    return false;
#endif
}

int Application::run(int argc, char** argv)
{
    if (displayMissing() || wantsInfoOnly(argc, argv)) {
        QCoreApplication app(argc, argv);
        describe(app);
        parse(app); // --help and --version print and exit here
        return runHeadless(app);
    }
    QApplication app(argc, argv);
    describe(app);
    const Options options = parse(app);
    if (!options.screenshotDir.isEmpty())
        return ScreenshotTour::run(options.screenshotDir);
    Application application;
    if (const int code = application.start(); code != 0)
        return code;
    return QApplication::exec();
}

Application::Application(QObject* parent)
    : QObject(parent)
{}

Application::~Application()
{
    if (m_window)
        m_window->saveSession();
    m_window.reset();
    if (m_engine)
        m_engine->stop();
    delete m_engine;
    m_store.reset();
    m_lock.reset();
}

int Application::start()
{
    // The language first, so that everything shown from here on (even the messages below) is in it.
    m_settings = std::make_unique<Settings>();
    m_translator = std::make_unique<Translator>();
    m_translator->apply(m_settings->language());

    const QString profile = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    QDir().mkpath(profile);
    m_lock = std::make_unique<ProfileLock>(profile);
    if (const auto locked = m_lock->tryLock(); !locked) {
        QMessageBox::information(nullptr, tr("PromptCraft is already running"), locked.error().message);
        return 1;
    }
    m_store = std::make_unique<HistoryStore>();
    if (const auto opened = m_store->open(HistoryStore::defaultPath()); !opened) {
        QMessageBox::critical(nullptr, tr("PromptCraft cannot open its history"), opened.error().message);
        return 1;
    }
    m_tokens = new TokenStoreCoordinator(new KeychainTokenStore(this), this);
    connect(m_tokens, &TokenStoreCoordinator::keychainUnavailable, this,
            [this](TokenStore::Status, const QString& message) { onKeychainUnavailable(message); });

    Theme::apply(m_settings->theme());
    m_window = std::make_unique<MainWindow>(*m_store, *m_settings, m_tokens);
    m_deepSeekBaseUrl = ProviderConfigLoader::deepSeekBaseUrl(QProcessEnvironment::systemEnvironment());
    m_window->setDeepSeekBaseUrl(m_deepSeekBaseUrl);
    connect(m_window.get(), &MainWindow::connectionSettingsChanged, this,
            &Application::onConnectionSettingsChanged);
    connect(m_window.get(), &MainWindow::languageChanged, m_translator.get(), &Translator::apply);
    connect(m_window.get(), &MainWindow::localEngineRestartWanted, this, [this] {
        if (m_settings->connectionMode() == Settings::ConnectionMode::Local)
            startLocalEngine();
    });
    connect(m_window.get(), &MainWindow::serverCredentialsChanged, this, [this] {
        if (m_settings->connectionMode() == Settings::ConnectionMode::Server)
            connectEndpoint();
    });
    // Remote server: the stored sign-in, renewed before it expires and when the server refuses it.
    m_session = new ServerSession(m_tokens, this);
    connect(m_session, &ServerSession::accessTokenChanged, this,
            [this](const QUrl& server, const QString& token) {
                if (server != m_server)
                    return;
                // A new sign-in (or sign-out) connects again; a renewed token is for the next connection.
                if (std::exchange(m_reopen, false) || m_window->endpoint() != server)
                    m_window->setEndpoint(server, token);
                else
                    m_window->setToken(token);
            });
    connect(m_session, &ServerSession::signInRequired, this, [this](const QUrl& server, const QString&) {
        // Our words, not the server's: a sign-in that worked has ended (it expired or was revoked).
        if (server == m_server && !m_session->accessToken().isEmpty())
            m_window->setSignInReason(tr("the sign-in expired or was ended on the server."));
    });
    connect(m_window.get(), &MainWindow::connectionStateChanged, this, [this](ChatClient::State state) {
        if (m_settings->connectionMode() != Settings::ConnectionMode::Server)
            return;
        if (state == ChatClient::State::NeedsSignIn)
            m_session->tokenRefused();
        else if (state == ChatClient::State::Connected)
            m_session->connected();
    });
    m_window->restoreSession();
    m_window->show();
    if (const QString notice = m_store->recoveryNotice(); !notice.isEmpty()) {
        QTimer::singleShot(0, m_window.get(), [this, notice] {
            QMessageBox::warning(m_window.get(), tr("History recovered"), notice);
        });
    }
    connectEndpoint();
    return 0;
}

void Application::connectEndpoint()
{
    m_mode = m_settings->connectionMode();
    m_port = m_settings->localEnginePort();
    m_server = m_settings->activeServerUrl();
    if (m_mode == Settings::ConnectionMode::Local) {
        m_session->close();
        startLocalEngine();
        return;
    }
    if (m_engine)
        m_engine->stop();
    m_reopen = true;
    m_window->setSignInReason({});
    m_session->open(m_server);
}

void Application::startLocalEngine()
{
    m_providers = providerChoice();
    if (!m_engine) {
        LocalEngineOptions options;
        options.deepSeekBaseUrl = m_deepSeekBaseUrl;
        m_engine = new LocalEngine(*m_settings, m_tokens, options);
        connect(m_engine, &LocalEngine::started, this,
                [this](const QUrl& url, const QString& token) { m_window->setEndpoint(url, token); });
        connect(m_engine, &LocalEngine::tokenRenewed, m_window.get(), &MainWindow::setToken);
        connect(m_engine, &LocalEngine::failed, this, [this](const Error& error) {
            m_window->setEndpointProblem(tr("The local engine could not start: %1").arg(error.message));
        });
        connect(m_engine, &LocalEngine::secretKeptInMemory, this,
                [this](TokenStore::Status, const QString& message) { onKeychainUnavailable(message); });
    }
    m_engine->stop();
    m_engine->start();
}

Application::ProviderChoice Application::providerChoice() const
{
    return {m_settings->model(), m_settings->thinkingEnabled(), m_settings->fallbackProviders()};
}

void Application::onConnectionSettingsChanged()
{
    if (m_settings->connectionMode() == m_mode && m_settings->activeServerUrl() == m_server &&
        m_settings->localEnginePort() == m_port) {
        // Same place; the in-process engine starts again when its model or providers changed.
        if (m_mode == Settings::ConnectionMode::Local && providerChoice() != m_providers)
            startLocalEngine();
        return;
    }
    connectEndpoint();
}

void Application::onKeychainUnavailable(const QString& message)
{
    if (m_tokens->mode() != TokenStoreCoordinator::Mode::MemoryOnly)
        m_tokens->useMemoryOnly();
    if (m_keychainNoticeShown || !m_window)
        return;
    m_keychainNoticeShown = true;
    auto* box = new QMessageBox(QMessageBox::Information, tr("No system keychain"),
                                tr("The system keychain is not available (%1). PromptCraft keeps keys and "
                                   "sign-ins in memory for this session only: they are forgotten when it "
                                   "quits.")
                                    .arg(message),
                                QMessageBox::Ok, m_window.get());
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setModal(false);
    box->show();
}

} // namespace pc
