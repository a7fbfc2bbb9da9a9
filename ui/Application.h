#pragma once

#include "settings/Settings.h"

#include <QObject>
#include <QPointer>
#include <QUrl>

#include <memory>

class QCommandLineParser;
class QCoreApplication;

namespace pc {

class HistoryStore;
class LocalEngine;
class MainWindow;
class ProfileLock;
class ServerSession;
class TokenStoreCoordinator;
class Translator;

// The composition root of the desktop program: the application object, the profile lock, the local
// history, settings, secrets, the engine (in-process in local mode) and the main window.
//
// Without a display (Linux, QT_QPA_PLATFORM unset, no DISPLAY or WAYLAND_DISPLAY) it serves the
// in-process engine on the console instead, until SIGINT or SIGTERM.
class Application final : public QObject {
    Q_OBJECT

public:
    // The whole program: parses the command line (--help and --version work without a display) and
    // runs the window, the headless engine or the screenshot tour. Returns the exit code.
    [[nodiscard]] static int run(int argc, char** argv);

    // Organisation, application and desktop file names, version.
    static void describe(QCoreApplication& app);
    // True when no display server can be reached (the window cannot open).
    [[nodiscard]] static bool displayMissing();

    explicit Application(QObject* parent = nullptr);
    ~Application() override;

    // Locks the profile, opens the history, shows the window and starts connecting. Returns 0 when the
    // event loop should run, otherwise the exit code.
    [[nodiscard]] int start();
    // The main window after start() (null before, or when start() failed).
    [[nodiscard]] MainWindow* window() const { return m_window.get(); }

private:
    void connectEndpoint();
    void startLocalEngine();
    void onConnectionSettingsChanged();
    void onKeychainUnavailable(const QString& message);

    std::unique_ptr<ProfileLock> m_lock;
    std::unique_ptr<HistoryStore> m_store;
    std::unique_ptr<Settings> m_settings;
    std::unique_ptr<Translator> m_translator;
    TokenStoreCoordinator* m_tokens = nullptr;
    LocalEngine* m_engine = nullptr;
    ServerSession* m_session = nullptr;
    std::unique_ptr<MainWindow> m_window;
    bool m_keychainNoticeShown = false;
    // What the current connection was made for, to reconnect only when it changes.
    Settings::ConnectionMode m_mode = Settings::ConnectionMode::Local;
    QUrl m_server;
    quint16 m_port = 0;
    QUrl m_deepSeekBaseUrl; // DEEPSEEK_BASE_URL or the public API, for the engine and the model list
    // What the in-process engine was started with, to start it again when it changes.
    struct ProviderChoice {
        QString model;
        bool thinking = false;
        QList<FallbackProviderConfig> fallbacks;
        friend bool operator==(const ProviderChoice&, const ProviderChoice&) = default;
    };
    [[nodiscard]] ProviderChoice providerChoice() const;
    ProviderChoice m_providers;
    bool m_reopen = false; // the next server token opens the connection anew
};

} // namespace pc
