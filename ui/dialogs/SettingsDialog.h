#pragma once

#include "settings/Settings.h"

#include <QDialog>
#include <QSet>
#include <QUrl>

class QButtonGroup;
class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QRadioButton;
class QSpinBox;
class QTabWidget;
class QTableWidget;

namespace pc {

// The user's settings over pc::Settings: connection (local engine or a remote server, sign-in),
// DeepSeek API key, model and thinking, fallback providers, theme and language.
//
// Non-secret values are read from and written to Settings (apply()). Secrets never pass through
// Settings and are never shown: key fields are write-only, the dialog only learns whether a key is
// stored (setApiKeyStored, setProviderKeyStored) and hands typed keys out by signal; sign-in and
// sign-out are signals too, for the connection layer to carry out.
class SettingsDialog final : public QDialog {
    Q_OBJECT

public:
    explicit SettingsDialog(Settings& settings, QWidget* parent = nullptr);

    // Every field from the settings (discarding edits).
    void load();
    // Validates and writes; on a refusal shows why next to the field, changes nothing and returns
    // false. Typed keys are emitted (and cleared from their fields) only when everything was saved.
    bool apply();

    void setSignedIn(bool signedIn, const QString& userName = QString());
    // Feedback from a sign-in attempt ("Wrong user name or password"); empty clears it.
    void setSignInMessage(const QString& message, bool error);
    void setApiKeyStored(bool stored);
    void setProviderKeyStored(const QString& providerName, bool stored);
    // Models the engine offers; the combo stays editable.
    void setAvailableModels(const QStringList& models);

    [[nodiscard]] QString errorText() const;
    [[nodiscard]] QTabWidget* tabs() const { return m_tabs; }

Q_SIGNALS:
    void signInWithTokenRequested(const QUrl& server, const QString& token);
    void signInWithPasswordRequested(const QUrl& server, const QString& userName, const QString& password);
    void signOutRequested(const QUrl& server);
    void apiKeyEntered(const QString& key);
    void apiKeyRemoveRequested();
    void providerApiKeyEntered(const QString& providerName, const QString& key);
    void modelListRequested();
    void settingsApplied();

private:
    QWidget* buildConnectionPage();
    QWidget* buildModelPage();
    QWidget* buildProvidersPage();
    QWidget* buildAppearancePage();
    void addProviderRow(const FallbackProviderConfig& provider);
    void moveProviderRow(int delta);
    void updateConnectionEnabled();
    void updateApiKeyState();
    // The server URL typed or chosen, when valid; otherwise shows the problem and returns empty.
    [[nodiscard]] QUrl validServerUrl();
    void showError(const QString& text, QWidget* focus = nullptr);

    Settings& m_settings;
    bool m_apiKeyStored = false;
    QSet<QString> m_providerKeysStored;
    bool m_signedIn = false;
    QString m_signedInUser;

    QTabWidget* m_tabs;
    QLabel* m_error;
    // Connection
    QRadioButton* m_local;
    QRadioButton* m_remote;
    QSpinBox* m_port;
    QComboBox* m_server;
    QLabel* m_serverError;
    QLabel* m_signInState;
    QLabel* m_signInMessage;
    QLineEdit* m_token;
    QPushButton* m_signInToken;
    QLineEdit* m_userName;
    QLineEdit* m_password;
    QPushButton* m_signInPassword;
    QPushButton* m_signOut;
    QWidget* m_signInBox;
    // Model
    QLineEdit* m_apiKey;
    QLabel* m_apiKeyState;
    QPushButton* m_apiKeyRemove;
    QComboBox* m_model;
    QCheckBox* m_thinking;
    // Providers
    QTableWidget* m_providers;
    // Appearance
    QComboBox* m_theme;
    QComboBox* m_language;
};

} // namespace pc
