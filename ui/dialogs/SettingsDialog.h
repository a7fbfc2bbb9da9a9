#pragma once

#include "settings/Settings.h"

#include <QDialog>
#include <QSet>
#include <QUrl>

class QButtonGroup;
class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QGroupBox;
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
    // How fetching the model list goes: a sentence under the model row (empty hides it); the refresh
    // button is disabled while `loading`.
    void setModelListState(const QString& message, bool error, bool loading = false);
    // The model name in the combo box (applied or not).
    [[nodiscard]] QString chosenModel() const;

    [[nodiscard]] QString errorText() const;
    [[nodiscard]] QTabWidget* tabs() const { return m_tabs; }

Q_SIGNALS:
    void signInWithTokenRequested(const QUrl& server, const QString& token);
    void signInWithPasswordRequested(const QUrl& server, const QString& userName, const QString& password);
    void signOutRequested(const QUrl& server);
    void apiKeyEntered(const QString& key);
    void apiKeyRemoveRequested();
    void providerApiKeyEntered(const QString& providerName, const QString& key);
    // "Refresh list": the key typed but not saved yet (empty: use the stored one).
    void modelListRequested(const QString& typedApiKey);
    // The language setting was saved with a new value ("" for the system language); the composition
    // root hands it to Translator::apply(), which retranslates every window, this one included.
    void languageChanged(const QString& language);
    void settingsApplied();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    // Every text, again after a QEvent::LanguageChange.
    void retranslateUi();
    void retranslateProviderRow(int row);
    void updateProviderKeyPlaceholder(QLineEdit* key);
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
    QDialogButtonBox* m_buttons;
    // Connection
    QRadioButton* m_local;
    QRadioButton* m_remote;
    QSpinBox* m_port;
    QLabel* m_portLabel;
    QComboBox* m_server;
    QLabel* m_addressLabel;
    QLabel* m_serverError;
    QLabel* m_signInState;
    QLabel* m_signInMessage;
    QLineEdit* m_token;
    QLabel* m_tokenLabel;
    QPushButton* m_signInToken;
    QLineEdit* m_userName;
    QLabel* m_userNameLabel;
    QLineEdit* m_password;
    QLabel* m_passwordLabel;
    QPushButton* m_signInPassword;
    QPushButton* m_signOut;
    QGroupBox* m_signInBox;
    // Model
    QLineEdit* m_apiKey;
    QLabel* m_apiKeyLabel;
    QLabel* m_apiKeyState;
    QPushButton* m_apiKeyRemove;
    QComboBox* m_model;
    QLabel* m_modelLabel;
    QPushButton* m_refreshModels;
    QLabel* m_modelListState;
    QCheckBox* m_thinking;
    // Providers
    QLabel* m_providersIntro;
    QTableWidget* m_providers;
    QPushButton* m_addProvider;
    QPushButton* m_removeProvider;
    QPushButton* m_moveProviderUp;
    QPushButton* m_moveProviderDown;
    // Appearance
    QComboBox* m_theme;
    QLabel* m_themeLabel;
    QComboBox* m_language;
    QLabel* m_languageLabel;
    QLabel* m_languageHint;
};

} // namespace pc
