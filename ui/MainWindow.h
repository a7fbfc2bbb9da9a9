#pragma once

#include "client/ChatClient.h"
#include "client/ChatClientOptions.h"
#include "protocol/Messages.h"
#include "secrets/TokenStore.h"

#include <QMainWindow>
#include <QPointer>
#include <QTimer>
#include <QUrl>

#include <functional>
#include <memory>

class QAction;
class QLabel;
class QLineEdit;
class QListView;
class QListWidget;
class QListWidgetItem;
class QMenu;
class QPushButton;
class QSplitter;
class QStackedWidget;

namespace pc {

class ChatMessageModel;
class ChatView;
class Composer;
class ConnectionBanner;
class ConversationListModel;
class ConversationSync;
class HistoryStore;
class ModelListJob;
class OpenAiCompatibleProvider;
class PromptOptimizerDialog;
class SettingsDialog;
class Settings;
class SignInClient;
class TemplateLibraryDialog;
class TemplateOpportunityDialog;
struct StoredMessage;

// The desktop client's window: conversations and search on the left, the open conversation on the
// right (connection banner, chat list paged from the history, composer). It owns one ChatClient and
// ConversationSync for the conversation shown; where they connect to (the in-process engine or a
// server) is given from outside with setEndpoint(), so the window works the same against both.
//
// The history store, settings and token store must outlive the window.
class MainWindow final : public QMainWindow {
    Q_OBJECT

public:
    static constexpr int PageSize = 50;
    static constexpr int DraftSaveDelayMs = 400;
    static constexpr int UndoTimeoutMs = 10'000;

    MainWindow(HistoryStore& store, Settings& settings, TokenStore* tokens, QWidget* parent = nullptr);
    ~MainWindow() override;

    // Where conversations connect (a ws(s) base URL) and with which token; reconnects the open one.
    void setEndpoint(const QUrl& baseUrl, const QString& token);
    // A renewed token for the same endpoint.
    void setToken(const QString& token);
    // The engine could not be started or reached; shown in the banner and the status bar.
    void setEndpointProblem(const QString& message);
    // Why the server needs a new sign-in, in the banner's words (empty: no reason to give).
    void setSignInReason(const QString& reason);
    // DeepSeek's API base for the model list (default: the public API; DEEPSEEK_BASE_URL in the app).
    void setDeepSeekBaseUrl(const QUrl& url);
    [[nodiscard]] QUrl endpoint() const { return m_endpoint; }
    void setClientOptions(const ChatClientOptions& options) { m_clientOptions = options; }

    // Restores geometry, splitter sizes and the last conversation (or opens the newest, or a new one).
    void restoreSession();
    void saveSession();

    // ---- conversations ----
    // Opens a new chat unless the one shown is still empty.
    void newChat();
    bool openConversation(const QString& id);
    // Opens the conversation and scrolls to the message (loading older pages until it is there).
    bool jumpToMessage(const QString& conversationId, const QString& messageId);
    bool setConversationPinned(const QString& id, bool pinned);
    bool renameConversation(const QString& id, const QString& title);
    bool archiveConversation(const QString& id);
    bool unarchiveConversation(const QString& id);
    // Soft delete with an "Undo" in the status bar for UndoTimeoutMs.
    bool deleteConversation(const QString& id);
    // What the status bar's Undo does; false when there is nothing to undo.
    bool undo();
    void reloadConversations();
    // Searches every conversation (HistoryStore::search); an empty query shows the list again.
    void search(const QString& query);

    // ---- chat ----
    bool sendMessage(const QString& text);
    void stopGenerating();
    [[nodiscard]] bool isAnswerPending() const { return !m_pendingUserId.isEmpty(); }
    void requestOptimization(const QString& text);
    void openTemplateLibrary();
    void openSettings();
    void showShortcuts();
    void applyTheme();

    // ---- for tests and the screenshot mode ----
    [[nodiscard]] QString currentConversationId() const { return m_conversationId; }
    [[nodiscard]] ChatClient* client() const { return m_client; }
    [[nodiscard]] ConversationSync* sync() const { return m_sync; }
    [[nodiscard]] Composer* composer() const { return m_composer; }
    [[nodiscard]] ChatView* chatView() const { return m_chatView; }
    [[nodiscard]] ChatMessageModel* chatModel() const { return m_chatModel; }
    [[nodiscard]] ConnectionBanner* banner() const { return m_banner; }
    [[nodiscard]] QListView* conversationList() const { return m_conversationList; }
    [[nodiscard]] ConversationListModel* conversationModel() const { return m_conversationModel; }
    [[nodiscard]] QLineEdit* searchField() const { return m_searchField; }
    [[nodiscard]] QListWidget* searchResults() const { return m_searchResults; }
    [[nodiscard]] QSplitter* splitter() const { return m_splitter; }
    [[nodiscard]] QPushButton* undoButton() const { return m_undoButton; }
    [[nodiscard]] QPushButton* newChatButton() const { return m_newChatButton; }
    [[nodiscard]] QPushButton* showArchivedButton() const { return m_showArchived; }
    [[nodiscard]] QMenu* fileMenu() const { return m_fileMenu; }
    [[nodiscard]] TemplateOpportunityDialog* opportunityDialog() const;
    [[nodiscard]] TemplateLibraryDialog* libraryDialog() const;
    [[nodiscard]] PromptOptimizerDialog* optimizerDialog() const;
    [[nodiscard]] SettingsDialog* settingsDialog() const;
    [[nodiscard]] QString statusText() const;

Q_SIGNALS:
    // Settings that decide where to connect (mode, server, port, providers) were applied.
    void connectionSettingsChanged();
    // Provider keys were stored or removed: the in-process engine must start again to use them.
    void localEngineRestartWanted();
    // The remote server's token changed (signed in or out).
    void serverCredentialsChanged();
    // The connection of the open conversation changed state (NeedsSignIn: the server refused the token).
    void connectionStateChanged(pc::ChatClient::State state);
    void templateCreated(const pc::PromptTemplate& tmpl);
    // The settings were saved with another UI language (SettingsDialog::languageChanged): the owner
    // switches the application to it (Translator::apply), and every window retranslates itself.
    void languageChanged(const QString& language);

protected:
    void closeEvent(QCloseEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void buildUi();
    void buildMenus();
    void retranslateArchivedToggle();
    // Re-sets every text the window shows (menus, actions, buttons, placeholders, accessible names);
    // called by the constructor and again on QEvent::LanguageChange.
    void retranslateUi();
    void updateIcons();
    void closeConversation();
    void loadNewestPage();
    void loadOlderPage();
    void loadNewerPage();
    // Back to the end of the chat when an old search result is shown (before sending).
    void showNewestIfAway();
    void connectSync();
    void updateBanner();
    void updatePendingState();
    void saveDraftNow();
    void showStatus(const QString& text, std::function<void()> undo = {});
    void showConversationMenu(const QPoint& pos);
    void onConversationActivated(const QModelIndex& index);
    void onSearchResultActivated(QListWidgetItem* item);
    void resendTextOf(const QString& messageId);
    void onMessageAdded(const StoredMessage& message);
    void onAnswerFinished(const StoredMessage& answer);
    void onTemplateOpportunity(const TemplateOpportunity& message);
    void onTemplateCreated(const TemplateCreated& message);
    void onOptimizationResult(const OptimizationResult& message);
    void onTemplates(const TemplateList& message);
    void refreshLibrary();
    [[nodiscard]] QList<PromptTemplate> localTemplates() const;
    [[nodiscard]] bool sendLive(const ClientMessage& message);
    void wireSettingsDialog(SettingsDialog* dialog);
    // "Refresh list" in the settings: DeepSeek's models for the typed (else the stored) key.
    void fetchModelList(const QString& typedApiKey);
    void fetchModelListWith(const QString& apiKey);
    // Tells the open settings dialog which provider keys the keychain holds (never their values).
    void checkStoredKeys();
    [[nodiscard]] bool hasPendingKeyWrites() const;
    // A provider key was stored or removed: once no other is pending, the engine starts again (once).
    void providerKeysChanged();
    // What a pending keychain write or removal is for.
    enum class SecretWrite { None, DeepSeekKey, ProviderKey, ServerToken };
    void writeSecret(const QString& key, const QString& value, SecretWrite what);

    HistoryStore& m_store;
    Settings& m_settings;
    QPointer<TokenStore> m_tokens;
    SignInClient* m_signIn = nullptr;
    ChatClientOptions m_clientOptions;
    QUrl m_endpoint;
    QString m_token;
    QString m_endpointProblem;
    QString m_signInReason;

    QString m_conversationId;
    ChatClient* m_client = nullptr;
    ConversationSync* m_sync = nullptr;
    qint64 m_oldestSeq = 0;
    qint64 m_newestSeq = 0;
    bool m_atNewest = true; // the model ends with the chat's newest message
    QString m_pendingUserId;
    bool m_answerStarted = false;
    bool m_cancelSent = false;
    bool m_selecting = false;
    QList<PromptTemplate> m_serverTemplates;
    QHash<quint64, SecretWrite> m_secretWrites; // request id -> what it was for
    bool m_connectionChangePending = false;     // settings applied while keys were being stored
    QHash<quint64, QString> m_keyChecks;
    QUrl m_deepSeekBaseUrl; // where "Refresh list" asks for DeepSeek's models
    quint64 m_modelKeyRead = 0;
    std::unique_ptr<OpenAiCompatibleProvider> m_modelSource;
    QPointer<ModelListJob> m_modelJob;  // keychain read -> provider whose key it checks
    QHash<QUrl, QString> m_signInUsers; // server -> user name of the sign-in under way
    std::function<void()> m_undo;

    QSplitter* m_splitter = nullptr;
    QMenu* m_fileMenu = nullptr;
    QMenu* m_editMenu = nullptr;
    QMenu* m_chatMenu = nullptr;
    QMenu* m_helpMenu = nullptr;
    QAction* m_newChatAction = nullptr;
    QAction* m_settingsAction = nullptr;
    QAction* m_quitAction = nullptr;
    QAction* m_findAction = nullptr;
    QAction* m_focusAction = nullptr;
    QAction* m_copyLastAction = nullptr;
    QAction* m_stopAction = nullptr;
    QAction* m_insertTemplateAction = nullptr;
    QAction* m_optimizeAction = nullptr;
    QAction* m_shortcutsAction = nullptr;
    QAction* m_aboutAction = nullptr;
    QPushButton* m_newChatButton = nullptr;
    QPushButton* m_showArchived = nullptr;
    int m_archivedCount = 0;
    QLineEdit* m_searchField = nullptr;
    QAction* m_searchAction = nullptr;
    QStackedWidget* m_sidebarStack = nullptr;
    QListView* m_conversationList = nullptr;
    ConversationListModel* m_conversationModel = nullptr;
    QListWidget* m_searchResults = nullptr;
    QLabel* m_searchEmpty = nullptr;
    ConnectionBanner* m_banner = nullptr;
    ChatView* m_chatView = nullptr;
    ChatMessageModel* m_chatModel = nullptr;
    Composer* m_composer = nullptr;
    QLabel* m_statusLabel = nullptr;
    QPushButton* m_undoButton = nullptr;
    QTimer m_draftTimer;
    QTimer m_searchTimer;
    QTimer m_undoTimer;

    QPointer<TemplateOpportunityDialog> m_opportunity;
    QPointer<TemplateLibraryDialog> m_library;
    QPointer<PromptOptimizerDialog> m_optimizer;
    QPointer<SettingsDialog> m_settingsDialog;
};

} // namespace pc
