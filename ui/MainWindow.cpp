#include "MainWindow.h"

#include "UiLogging.h"
#include "ai/ModelListJob.h"
#include "ai/OpenAiCompatibleProvider.h"
#include "ai/ProviderConfigLoader.h"
#include "chat/ChatMessageModel.h"
#include "chat/ChatView.h"
#include "chat/StoredMessageEntry.h"
#include "client/ConversationSync.h"
#include "client/SignInClient.h"
#include "dialogs/PromptOptimizerDialog.h"
#include "dialogs/SettingsDialog.h"
#include "dialogs/ShortcutsDialog.h"
#include "dialogs/TemplateLibraryDialog.h"
#include "dialogs/TemplateOpportunityDialog.h"
#include "local/LocalEngine.h"
#include "protocol/TemplateFormat.h"
#include "secrets/SecretKeys.h"
#include "settings/Settings.h"
#include "sidebar/ConversationListModel.h"
#include "storage/HistoryStore.h"
#include "storage/SearchHit.h"
#include "storage/StoredTemplate.h"
#include "theme/Icons.h"
#include "theme/Theme.h"
#include "widgets/Composer.h"
#include "widgets/ConnectionBanner.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QListWidget>
#include <QLocale>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QScrollBar>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QUuid>
#include <QVBoxLayout>
#include <algorithm>

#include <cmath>

using namespace Qt::Literals::StringLiterals;

namespace pc {

namespace {

constexpr int SearchDelayMs = 200;
constexpr int MaxTitleLength = 48;
constexpr int ConversationIdRole = Qt::UserRole + 1;
constexpr int MessageIdRole = Qt::UserRole + 2;

// A title from the first message: its first line, shortened on a word boundary.
QString titleFrom(const QString& text)
{
    QString line = text.section(u'\n', 0, 0).simplified();
    if (line.size() <= MaxTitleLength)
        return line;
    line.truncate(MaxTitleLength);
    const qsizetype space = line.lastIndexOf(u' ');
    if (space > MaxTitleLength / 2)
        line.truncate(space);
    return line + u"…"_s;
}

// The snippet as one line of plain text: highlight marks and the commonest Markdown markup removed.
QString plainSnippet(QString snippet)
{
    snippet.remove(SearchHit::HighlightBegin);
    snippet.remove(SearchHit::HighlightEnd);
    static const QRegularExpression markup(u"(^|\\s)#{1,6}\\s|[*`|]{1,3}"_s);
    snippet.replace(markup, u" "_s);
    return snippet.simplified();
}

} // namespace

MainWindow::MainWindow(HistoryStore& store, Settings& settings, TokenStore* tokens, QWidget* parent)
    : QMainWindow(parent)
    , m_store(store)
    , m_settings(settings)
    , m_tokens(tokens)
    , m_deepSeekBaseUrl(ProviderConfigLoader::DefaultDeepSeekBaseUrl)
{
    setObjectName(u"mainWindow"_s);
    if (m_tokens) {
        m_signIn = new SignInClient(m_tokens, this);
        // Results reach the window even when the settings dialog was closed meanwhile.
        connect(m_signIn, &SignInClient::signInFinished, this, [this](const SignInResult& result) {
            const bool ok = result.outcome == SignInResult::Outcome::Ok;
            const QString user = m_signInUsers.take(result.serverUrl);
            if (ok)
                m_settings.setSignedInUser(result.serverUrl, user);
            if (m_settingsDialog) {
                // Success shows in the sign-in state line; a failure says why beneath the fields.
                m_settingsDialog->setSignInMessage(ok ? QString() : result.message, !ok);
                if (ok)
                    m_settingsDialog->setSignedIn(true, user);
            } else {
                showStatus(ok ? tr("Signed in.") : result.message);
            }
            if (ok)
                Q_EMIT serverCredentialsChanged();
        });
        connect(m_signIn, &SignInClient::signedOut, this,
                [this](const QUrl& server, TokenStore::Status, const QString&) {
                    m_settings.setSignedInUser(server, {});
                    if (m_settingsDialog)
                        m_settingsDialog->setSignedIn(false);
                    showStatus(tr("Signed out."));
                    Q_EMIT serverCredentialsChanged();
                });
        connect(m_tokens, &TokenStore::writeFinished, this,
                [this](quint64 id, const QString&, TokenStore::Status status, const QString& message) {
                    if (!m_secretWrites.contains(id))
                        return;
                    const SecretWrite what = m_secretWrites.take(id);
                    if (status != TokenStore::Status::Ok) {
                        showStatus(what == SecretWrite::ServerToken
                                       ? tr("The sign-in could not be stored: %1").arg(message)
                                       : tr("The key could not be stored: %1").arg(message));
                        if (what != SecretWrite::ServerToken)
                            providerKeysChanged();
                        return;
                    }
                    switch (what) {
                    case SecretWrite::None:
                        break;
                    case SecretWrite::DeepSeekKey:
                        if (m_settingsDialog) {
                            m_settingsDialog->setApiKeyStored(true);
                            fetchModelList({}); // checks the new key and the chosen model
                        }
                        [[fallthrough]];
                    case SecretWrite::ProviderKey:
                        checkStoredKeys();
                        showStatus(tr("Key stored in the system keychain."));
                        providerKeysChanged();
                        break;
                    case SecretWrite::ServerToken:
                        if (m_settingsDialog) {
                            m_settingsDialog->setSignedIn(true);
                            m_settingsDialog->setSignInMessage({}, false);
                        }
                        Q_EMIT serverCredentialsChanged();
                        break;
                    }
                });
        connect(m_tokens, &TokenStore::readFinished, this,
                [this](quint64 id, const QString&, TokenStore::Status status, const QString& value,
                       const QString&) {
                    if (id == m_modelKeyRead && id != 0) {
                        m_modelKeyRead = 0;
                        if (status == TokenStore::Status::Ok && !value.isEmpty())
                            fetchModelListWith(value);
                        else if (m_settingsDialog)
                            m_settingsDialog->setModelListState(
                                tr("Enter your DeepSeek API key first: the list comes from DeepSeek."), true);
                        return;
                    }
                    if (!m_keyChecks.contains(id))
                        return;
                    const QString provider = m_keyChecks.take(id);
                    const bool stored = status == TokenStore::Status::Ok && !value.isEmpty();
                    if (!m_settingsDialog)
                        return;
                    if (provider == LocalEngine::deepSeekName())
                        m_settingsDialog->setApiKeyStored(stored);
                    else
                        m_settingsDialog->setProviderKeyStored(provider, stored);
                });
        connect(m_tokens, &TokenStore::removeFinished, this,
                [this](quint64 id, const QString&, TokenStore::Status, const QString&) {
                    if (m_secretWrites.take(id) == SecretWrite::DeepSeekKey)
                        providerKeysChanged();
                });
    }

    m_draftTimer.setSingleShot(true);
    m_draftTimer.setInterval(DraftSaveDelayMs);
    connect(&m_draftTimer, &QTimer::timeout, this, &MainWindow::saveDraftNow);
    m_searchTimer.setSingleShot(true);
    m_searchTimer.setInterval(SearchDelayMs);
    connect(&m_searchTimer, &QTimer::timeout, this, [this] { search(m_searchField->text()); });
    m_undoTimer.setSingleShot(true);
    m_undoTimer.setInterval(UndoTimeoutMs);
    connect(&m_undoTimer, &QTimer::timeout, this, [this] {
        m_undo = {};
        m_undoButton->hide();
    });

    buildUi();
    buildMenus();
    retranslateUi();
    updateIcons();
    updateBanner();
}

MainWindow::~MainWindow()
{
    saveDraftNow();
    closeConversation();
}

void MainWindow::buildUi()
{
    // ---- sidebar ----
    auto* sidebar = new QWidget(this);
    sidebar->setObjectName(u"sidebar"_s);
    auto* side = new QVBoxLayout(sidebar);
    side->setContentsMargins(8, 8, 4, 8);
    side->setSpacing(6);

    m_newChatButton = new QPushButton(sidebar);
    m_newChatButton->setObjectName(u"newChatButton"_s);
    m_newChatButton->setProperty("accent", true);
    connect(m_newChatButton, &QPushButton::clicked, this, &MainWindow::newChat);
    side->addWidget(m_newChatButton);

    m_searchField = new QLineEdit(sidebar);
    m_searchField->setObjectName(u"searchField"_s);
    m_searchField->setClearButtonEnabled(true);
    connect(m_searchField, &QLineEdit::textChanged, this, [this] { m_searchTimer.start(); });
    connect(m_searchField, &QLineEdit::returnPressed, this, [this] {
        m_searchTimer.stop();
        search(m_searchField->text());
    });
    // Where the desktop's key scheme makes Ctrl+K "delete to the end of the line", the window's
    // Ctrl+K (focus the composer) still wins in the search field.
    m_searchField->installEventFilter(this);
    side->addWidget(m_searchField);

    m_sidebarStack = new QStackedWidget(sidebar);
    m_conversationModel = new ConversationListModel(this);
    m_conversationList = new QListView(m_sidebarStack);
    m_conversationList->setObjectName(u"conversationList"_s);
    m_conversationList->setModel(m_conversationModel);
    m_conversationList->setUniformItemSizes(true);
    m_conversationList->setSpacing(1);
    m_conversationList->setTextElideMode(Qt::ElideRight);
    m_conversationList->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_conversationList->setContextMenuPolicy(Qt::CustomContextMenu);
    m_conversationList->setFrameShape(QFrame::NoFrame);
    m_conversationList->setIconSize(QSize(16, 16));
    m_conversationList->setStyleSheet(u"QListView::item { padding: 7px 6px; border-radius: 6px; }"
                                      "QListView::item:selected { background: palette(highlight);"
                                      " color: palette(highlighted-text); }"_s);
    connect(m_conversationList, &QListView::customContextMenuRequested, this,
            &MainWindow::showConversationMenu);
    connect(m_conversationList->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex& current) { onConversationActivated(current); });
    m_sidebarStack->addWidget(m_conversationList);

    auto* results = new QWidget(m_sidebarStack);
    auto* resultsLayout = new QVBoxLayout(results);
    resultsLayout->setContentsMargins(0, 0, 0, 0);
    m_searchEmpty = new QLabel(results);
    m_searchEmpty->setProperty("role", u"hint"_s);
    m_searchEmpty->setWordWrap(true);
    resultsLayout->addWidget(m_searchEmpty);
    m_searchResults = new QListWidget(results);
    m_searchResults->setObjectName(u"searchResults"_s);
    m_searchResults->setWordWrap(true);
    m_searchResults->setTextElideMode(Qt::ElideRight);
    m_searchResults->setFrameShape(QFrame::NoFrame);
    m_searchResults->setSpacing(2);
    m_searchResults->setStyleSheet(u"QListWidget::item { padding: 6px 6px; border-radius: 6px; }"
                                   "QListWidget::item:selected { background: palette(highlight);"
                                   " color: palette(highlighted-text); }"_s);
    m_searchResults->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    connect(m_searchResults, &QListWidget::itemActivated, this, &MainWindow::onSearchResultActivated);
    connect(m_searchResults, &QListWidget::itemClicked, this, &MainWindow::onSearchResultActivated);
    resultsLayout->addWidget(m_searchResults, 1);
    m_sidebarStack->addWidget(results);
    side->addWidget(m_sidebarStack, 1);
    // Archived chats stay out of the way until asked for; then they are listed with the others.
    m_showArchived = new QPushButton(sidebar);
    m_showArchived->setObjectName(u"showArchivedButton"_s);
    m_showArchived->setCheckable(true);
    m_showArchived->setFlat(true);
    connect(m_showArchived, &QPushButton::toggled, this, [this] {
        retranslateArchivedToggle();
        reloadConversations();
    });
    side->addWidget(m_showArchived);

    // ---- chat area ----
    auto* chat = new QWidget(this);
    chat->setObjectName(u"chatArea"_s);
    auto* chatLayout = new QVBoxLayout(chat);
    chatLayout->setContentsMargins(0, 0, 0, 0);
    chatLayout->setSpacing(0);
    m_banner = new ConnectionBanner(chat);
    m_banner->setObjectName(u"connectionBanner"_s);
    connect(m_banner, &ConnectionBanner::retryNowClicked, this, [this] {
        if (m_sync)
            m_sync->retryNow();
        if (m_client)
            m_client->retryNow();
    });
    connect(m_banner, &ConnectionBanner::signInClicked, this, &MainWindow::openSettings);
    chatLayout->addWidget(m_banner);

    m_chatModel = new ChatMessageModel(this);
    m_chatView = new ChatView(chat);
    m_chatView->setObjectName(u"chatView"_s);
    m_chatView->setModel(m_chatModel);
    connect(m_chatView, &ChatView::olderPageWanted, this, &MainWindow::loadOlderPage);
    connect(m_chatView, &ChatView::newerPageWanted, this, &MainWindow::loadNewerPage);
    connect(m_chatView, &ChatView::regenerateRequested, this, &MainWindow::resendTextOf);
    connect(m_chatView, &ChatView::retryRequested, this, &MainWindow::resendTextOf);
    connect(m_chatView, &ChatView::editAndResendRequested, this, [this](const QString&, const QString& text) {
        m_composer->setDraft(text);
        m_composer->focusEditor();
    });
    chatLayout->addWidget(m_chatView, 1);

    m_composer = new Composer(chat);
    m_composer->setObjectName(u"composer"_s);
    connect(m_composer, &Composer::sendRequested, this, [this](const QString& text) {
        if (!sendMessage(text) && m_composer->draft().isEmpty())
            m_composer->setDraft(text);
    });
    connect(m_composer, &Composer::stopRequested, this, &MainWindow::stopGenerating);
    connect(m_composer, &Composer::optimizeRequested, this, &MainWindow::requestOptimization);
    connect(m_composer, &Composer::insertTemplateRequested, this, &MainWindow::openTemplateLibrary);
    connect(m_composer->editor(), &QPlainTextEdit::textChanged, this, [this] { m_draftTimer.start(); });
    chatLayout->addWidget(m_composer);

    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->setObjectName(u"mainSplitter"_s);
    m_splitter->addWidget(sidebar);
    m_splitter->addWidget(chat);
    m_splitter->setStretchFactor(0, 0);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setChildrenCollapsible(false);
    m_splitter->setSizes({280, 820});
    setCentralWidget(m_splitter);

    m_statusLabel = new QLabel(this);
    m_statusLabel->setObjectName(u"statusLabel"_s);
    statusBar()->addWidget(m_statusLabel, 1);
    m_undoButton = new QPushButton(this);
    m_undoButton->setObjectName(u"undoButton"_s);
    m_undoButton->setFlat(true);
    m_undoButton->hide();
    connect(m_undoButton, &QPushButton::clicked, this, &MainWindow::undo);
    statusBar()->addPermanentWidget(m_undoButton);
    resize(1180, 760);
}

void MainWindow::buildMenus()
{
    const QList<ShortcutsDialog::Shortcut> keys = ShortcutsDialog::shortcuts();
    const auto keyOf = [&keys](int i) { return i < keys.size() ? keys.at(i).keys : QKeySequence(); };

    m_fileMenu = menuBar()->addMenu(QString());
    m_fileMenu->setObjectName(u"fileMenu"_s);
    m_newChatAction = m_fileMenu->addAction(QString(), this, &MainWindow::newChat);
    m_newChatAction->setShortcut(keyOf(0));
    m_fileMenu->addSeparator();
    m_settingsAction = m_fileMenu->addAction(QString(), this, &MainWindow::openSettings);
    m_settingsAction->setShortcut(keyOf(3));
    m_settingsAction->setMenuRole(QAction::PreferencesRole);
    m_fileMenu->addSeparator();
    m_quitAction = m_fileMenu->addAction(QString(), this, &QWidget::close);
    m_quitAction->setShortcut(QKeySequence::Quit);
    m_quitAction->setMenuRole(QAction::QuitRole);

    m_editMenu = menuBar()->addMenu(QString());
    m_editMenu->setObjectName(u"editMenu"_s);
    m_findAction = m_editMenu->addAction(QString(), this, [this] {
        m_searchField->setFocus(Qt::ShortcutFocusReason);
        m_searchField->selectAll();
    });
    m_findAction->setShortcut(keyOf(1));
    m_focusAction = m_editMenu->addAction(QString(), this, [this] { m_composer->focusEditor(); });
    m_focusAction->setShortcut(keyOf(2));
    m_copyLastAction = m_editMenu->addAction(QString(), this, [this] {
        if (m_chatView->copyLastAnswer())
            showStatus(tr("Answer copied."));
    });
    m_copyLastAction->setShortcut(keyOf(5));

    m_chatMenu = menuBar()->addMenu(QString());
    m_chatMenu->setObjectName(u"chatMenu"_s);
    m_stopAction = m_chatMenu->addAction(QString(), this, &MainWindow::stopGenerating);
    m_stopAction->setShortcut(keyOf(4));
    m_insertTemplateAction = m_chatMenu->addAction(QString(), this, &MainWindow::openTemplateLibrary);
    m_optimizeAction = m_chatMenu->addAction(QString(), this,
                                             [this] { requestOptimization(m_composer->draft().trimmed()); });

    m_helpMenu = menuBar()->addMenu(QString());
    m_helpMenu->setObjectName(u"helpMenu"_s);
    m_shortcutsAction = m_helpMenu->addAction(QString(), this, &MainWindow::showShortcuts);
    m_shortcutsAction->setShortcut(QKeySequence(Qt::Key_F1));
    m_aboutAction = m_helpMenu->addAction(QString(), this, [this] {
        QMessageBox::about(this, tr("About PromptCraft"),
                           tr("PromptCraft %1\nA native AI chat client that turns good conversations into "
                              "reusable prompt templates.")
                               .arg(QCoreApplication::applicationVersion()));
    });
}

void MainWindow::retranslateUi()
{
    QString title = tr("PromptCraft");
    if (!m_conversationId.isEmpty()) {
        if (const auto conversation = m_store.conversation(m_conversationId))
            title = tr("%1 — PromptCraft").arg(conversation->title);
    }
    setWindowTitle(title);
    setAccessibleName(tr("PromptCraft"));

    m_newChatButton->setText(tr("New chat"));
    m_newChatButton->setAccessibleName(tr("New chat"));
    m_searchField->setAccessibleName(tr("Search all chats"));
    m_searchField->setPlaceholderText(tr("Search all chats"));
    m_conversationList->setAccessibleName(tr("Conversations"));
    retranslateArchivedToggle();
    m_searchEmpty->setAccessibleName(tr("Search status"));
    m_searchResults->setAccessibleName(tr("Search results"));
    m_chatView->setAccessibleName(tr("Conversation"));
    m_splitter->setAccessibleName(tr("Sidebar and conversation"));
    m_statusLabel->setAccessibleName(tr("Status"));
    m_undoButton->setText(tr("Undo"));
    m_undoButton->setAccessibleName(tr("Undo"));

    m_fileMenu->setTitle(tr("&File"));
    m_newChatAction->setText(tr("&New chat"));
    m_settingsAction->setText(tr("&Settings…"));
    m_quitAction->setText(tr("&Quit"));
    m_editMenu->setTitle(tr("&Edit"));
    m_findAction->setText(tr("&Search chats"));
    m_focusAction->setText(tr("&Focus the message box"));
    m_copyLastAction->setText(tr("&Copy the last answer"));
    m_chatMenu->setTitle(tr("&Chat"));
    m_stopAction->setText(tr("S&top generating"));
    m_insertTemplateAction->setText(tr("&Insert template…"));
    m_optimizeAction->setText(tr("&Optimize prompt"));
    m_helpMenu->setTitle(tr("&Help"));
    m_shortcutsAction->setText(tr("&Keyboard shortcuts"));
    m_aboutAction->setText(tr("&About PromptCraft"));

    // Texts made while showing data: the sidebar's fallback titles and tooltips, the search summary.
    m_conversationModel->retranslate();
    if (m_sidebarStack->currentIndex() == 1 && !m_searchField->text().trimmed().isEmpty())
        search(m_searchField->text());
}

void MainWindow::retranslateArchivedToggle()
{
    const QString text = m_showArchived->isChecked()
                             ? tr("Hide archived chats")
                             : tr("Show archived chats (%1)").arg(QLocale().toString(m_archivedCount));
    m_showArchived->setText(text);
    m_showArchived->setAccessibleName(text);
}

void MainWindow::updateIcons()
{
    if (!m_searchAction)
        m_searchAction = m_searchField->addAction(QIcon(), QLineEdit::LeadingPosition);
    m_searchAction->setIcon(Icons::icon(u"search"_s, Theme::muted(palette())));
    m_newChatButton->setIcon(Icons::icon(u"new-chat"_s, Theme::onAccent(palette())));
    m_conversationModel->setIcons(Icons::icon(u"pin"_s, Theme::muted(palette())),
                                  Icons::icon(u"archive"_s, Theme::muted(palette())));
}

bool MainWindow::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_searchField && event->type() == QEvent::ShortcutOverride && m_focusAction) {
        const auto* key = static_cast<QKeyEvent*>(event);
        if (QKeySequence(key->keyCombination()) == m_focusAction->shortcut())
            return true; // not claimed by the line edit: the window's shortcut runs
    }
    return QMainWindow::eventFilter(watched, event);
}

void MainWindow::changeEvent(QEvent* event)
{
    QMainWindow::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::StyleChange)
        updateIcons();
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    saveSession();
    QMainWindow::closeEvent(event);
}

// ---------------------------------------------------------------- connection

void MainWindow::setEndpoint(const QUrl& baseUrl, const QString& token)
{
    m_endpoint = baseUrl;
    m_token = token;
    m_endpointProblem.clear();
    if (m_sync) {
        const auto opened = m_sync->open(m_endpoint, m_token);
        if (!opened)
            showStatus(opened.error().message);
    }
    updateBanner();
}

void MainWindow::setToken(const QString& token)
{
    m_token = token;
    if (m_client)
        m_client->setToken(token);
}

void MainWindow::setSignInReason(const QString& reason)
{
    m_signInReason = reason;
    updateBanner();
}

void MainWindow::setEndpointProblem(const QString& message)
{
    m_endpointProblem = message;
    showStatus(message);
    updateBanner();
}

void MainWindow::updateBanner()
{
    const int queued = m_sync ? m_sync->outboxCount() : 0;
    m_banner->setQueuedCount(queued);
    if (!m_endpointProblem.isEmpty()) {
        m_banner->setOffline(queued);
        m_composer->setConnected(false);
        return;
    }
    const ChatClient::State state = m_client ? m_client->state() : ChatClient::State::Disconnected;
    switch (state) {
    case ChatClient::State::Connected:
        m_banner->setConnected();
        break;
    case ChatClient::State::Connecting:
        m_banner->setConnecting();
        break;
    case ChatClient::State::Reconnecting:
        if (m_banner->state() != ConnectionBanner::State::Reconnecting)
            m_banner->setReconnecting(std::chrono::seconds(0));
        break;
    case ChatClient::State::NeedsSignIn:
        m_banner->setNeedsSignIn(m_signInReason);
        break;
    case ChatClient::State::Disconnected:
        if (m_endpoint.isEmpty())
            m_banner->setConnecting(); // the engine is still starting
        else
            m_banner->setOffline(queued);
        break;
    }
    m_composer->setConnected(state == ChatClient::State::Connected);
}

// ---------------------------------------------------------------- session

void MainWindow::restoreSession()
{
    if (const QByteArray geometry = m_settings.windowGeometry(); !geometry.isEmpty())
        restoreGeometry(geometry);
    if (const QByteArray state = m_settings.windowState(); !state.isEmpty())
        m_splitter->restoreState(state);
    reloadConversations();
    const QString last = m_settings.lastConversationId();
    if (!last.isEmpty() && openConversation(last))
        return;
    if (m_conversationModel->rowCount() > 0 && openConversation(m_conversationModel->conversation(0).id))
        return;
    newChat();
}

void MainWindow::saveSession()
{
    saveDraftNow();
    m_settings.setWindowGeometry(saveGeometry());
    m_settings.setWindowState(m_splitter->saveState());
    m_settings.setLastConversationId(m_conversationId);
    if (!m_settings.sync())
        qCWarning(lcUi) << "the settings file could not be written";
}

// ---------------------------------------------------------------- conversations

void MainWindow::reloadConversations()
{
    const auto list = m_store.listConversations(true);
    if (!list) {
        showStatus(list.error().message);
        return;
    }
    QList<Conversation> shown;
    int archived = 0;
    for (const Conversation& c : list.value()) {
        archived += c.archived ? 1 : 0;
        if (!c.archived || m_showArchived->isChecked())
            shown.append(c);
    }
    if (m_archivedCount != archived) {
        m_archivedCount = archived;
        retranslateArchivedToggle();
    }
    m_showArchived->setVisible(archived > 0 || m_showArchived->isChecked());
    m_selecting = true;
    m_conversationModel->setConversations(shown);
    const int row = m_conversationModel->rowOf(m_conversationId);
    if (row >= 0)
        m_conversationList->setCurrentIndex(m_conversationModel->index(row));
    else
        m_conversationList->clearSelection();
    m_selecting = false;
}

void MainWindow::newChat()
{
    if (!m_conversationId.isEmpty() && m_chatModel->rowCount() == 0) {
        m_composer->focusEditor(); // the chat shown is still empty: that is the new chat
        return;
    }
    const auto created = m_store.createConversation(tr("New chat"), m_endpoint.toString());
    if (!created) {
        showStatus(created.error().message);
        return;
    }
    openConversation(created->id);
    m_composer->focusEditor();
}

void MainWindow::closeConversation()
{
    m_draftTimer.stop();
    if (m_sync) {
        m_sync->disconnect(this);
        delete m_sync;
        m_sync = nullptr;
    }
    if (m_client) {
        m_client->disconnect(this);
        m_client->close();
        m_client->deleteLater();
        m_client = nullptr;
    }
    m_pendingUserId.clear();
    m_answerStarted = false;
    m_cancelSent = false;
    if (m_opportunity)
        m_opportunity->close();
}

bool MainWindow::openConversation(const QString& id)
{
    if (id == m_conversationId && m_sync)
        return true;
    const auto conversation = m_store.conversation(id);
    if (!conversation)
        return false;
    saveDraftNow();
    closeConversation();
    m_conversationId = id;
    m_settings.setLastConversationId(id);
    setWindowTitle(tr("%1 — PromptCraft").arg(conversation->title));

    m_client = new ChatClient(m_clientOptions, this);
    m_sync = new ConversationSync(m_client, &m_store, id, this);
    connectSync();
    loadNewestPage();

    const auto draft = m_store.draft(id);
    const QSignalBlocker blocker(m_composer->editor());
    m_composer->setDraft(draft ? draft.value() : QString());

    if (!m_endpoint.isEmpty()) {
        const auto opened = m_sync->open(m_endpoint, m_token);
        if (!opened)
            showStatus(opened.error().message);
    }
    reloadConversations();
    updatePendingState();
    updateBanner();
    return true;
}

void MainWindow::connectSync()
{
    connect(m_client, &ChatClient::stateChanged, this, [this](ChatClient::State state) {
        updateBanner();
        updatePendingState();
        Q_EMIT connectionStateChanged(state);
    });
    connect(m_client, &ChatClient::reconnectScheduled, this, [this](int delayMs) {
        m_banner->setReconnecting(std::chrono::seconds(int(std::ceil(delayMs / 1000.0))));
    });
    connect(m_client, &ChatClient::certificateRejected, this, [this](const QStringList& problems) {
        statusBar()->showMessage(
            tr("The server's certificate is not trusted: %1").arg(problems.join(u"; "_s)));
    });
    // ChatClient::error is not shown: ConversationSync turns errors about messages into row states,
    // and a server's raw error text is never put in front of the user.
    connect(m_sync, &ConversationSync::messageAdded, this, &MainWindow::onMessageAdded);
    connect(m_sync, &ConversationSync::messageStatusChanged, this,
            [this](const QString& id, MessageStatus status) { m_chatModel->updateStatus(id, status); });
    connect(m_sync, &ConversationSync::answerUpdated, this,
            [this](const QString& answerId, const QString& replyTo, const QString& text) {
                if (m_atNewest || m_chatModel->rowOf(answerId) >= 0)
                    m_chatModel->appendDelta(answerId, replyTo, text);
                if (replyTo == m_pendingUserId && !m_answerStarted) {
                    m_answerStarted = true;
                    updatePendingState();
                }
            });
    connect(m_sync, &ConversationSync::answerFinished, this, &MainWindow::onAnswerFinished);
    connect(m_sync, &ConversationSync::outboxChanged, this, [this](int count) {
        m_banner->setQueuedCount(count);
        if (m_banner->state() == ConnectionBanner::State::Offline)
            m_banner->setOffline(count);
    });
    connect(m_sync, &ConversationSync::deliveryFailed, this,
            [this](const QString& messageId, const ErrorReply& error) {
                m_chatModel->updateStatus(messageId, MessageStatus::Error, error.message);
                if (messageId == m_pendingUserId) {
                    m_pendingUserId.clear();
                    updatePendingState();
                }
            });
    connect(m_sync, &ConversationSync::deliveryDeferred, this,
            [this](const QString&, const ErrorReply& error) {
                showStatus(tr("The message will be sent again shortly: %1").arg(error.message));
            });
    connect(m_sync, &ConversationSync::storageFailed, this, [this](const Error& error) {
        showStatus(tr("The history could not be saved: %1").arg(error.message));
    });
    connect(m_sync, &ConversationSync::templateOpportunity, this, &MainWindow::onTemplateOpportunity);
    connect(m_sync, &ConversationSync::templateCreated, this, &MainWindow::onTemplateCreated);
    connect(m_sync, &ConversationSync::optimizationResult, this, &MainWindow::onOptimizationResult);
    connect(m_sync, &ConversationSync::templates, this, &MainWindow::onTemplates);
}

void MainWindow::loadNewestPage()
{
    const auto page = m_store.newestMessages(m_conversationId, PageSize);
    if (!page) {
        showStatus(page.error().message);
        m_chatModel->clear();
        return;
    }
    m_oldestSeq = page->isEmpty() ? 0 : page->first().seq;
    m_newestSeq = page->isEmpty() ? 0 : page->last().seq;
    m_atNewest = true;
    m_chatModel->setMessages(chatEntriesFrom(page.value()));
    const auto count = m_store.messageCount(m_conversationId);
    m_chatView->setOlderAvailable(count && count.value() > page->size());
    m_chatView->scrollToBottomAndFollow();
}

void MainWindow::loadOlderPage()
{
    if (m_conversationId.isEmpty() || m_oldestSeq <= 0) {
        m_chatView->setOlderAvailable(false);
        return;
    }
    const auto page = m_store.messagesBefore(m_conversationId, m_oldestSeq, PageSize);
    if (!page || page->isEmpty()) {
        m_chatView->setOlderAvailable(false);
        return;
    }
    m_oldestSeq = page->first().seq;
    m_chatModel->prependOlder(chatEntriesFrom(page.value()));
    m_chatView->setOlderAvailable(page->size() == PageSize);
}

void MainWindow::loadNewerPage()
{
    if (m_conversationId.isEmpty() || m_atNewest) {
        m_chatView->setNewerAvailable(false);
        return;
    }
    const auto page = m_store.messagesAfter(m_conversationId, m_newestSeq, PageSize);
    if (!page) {
        showStatus(page.error().message);
        m_chatView->setNewerAvailable(true);
        return;
    }
    if (!page->isEmpty())
        m_newestSeq = page->last().seq;
    m_chatModel->appendNewer(chatEntriesFrom(page.value()));
    m_atNewest = page->size() < PageSize;
    m_chatView->setNewerAvailable(!m_atNewest);
}

void MainWindow::showNewestIfAway()
{
    if (!m_atNewest)
        loadNewestPage();
}

bool MainWindow::jumpToMessage(const QString& conversationId, const QString& messageId)
{
    if (!openConversation(conversationId))
        return false;
    if (m_chatModel->rowOf(messageId) < 0) {
        // Far back in a long chat: a window of pages around the message, not everything since it.
        const auto message = m_store.message(messageId);
        if (!message || message->conversationId != conversationId)
            return false;
        const auto before = m_store.messagesBefore(conversationId, message->seq + 1, PageSize / 2 + 1);
        const auto after = m_store.messagesAfter(conversationId, message->seq, PageSize / 2);
        if (!before || !after) {
            showStatus(!before ? before.error().message : after.error().message);
            return false;
        }
        QList<StoredMessage> window = before.value();
        window.append(after.value());
        m_chatModel->setMessages(chatEntriesFrom(window));
        m_oldestSeq = window.first().seq;
        m_newestSeq = window.last().seq;
        m_atNewest = after->size() < PageSize / 2;
        m_chatView->setOlderAvailable(before->size() == PageSize / 2 + 1);
        m_chatView->setNewerAvailable(!m_atNewest);
    }
    const int row = m_chatModel->rowOf(messageId);
    if (row < 0)
        return false;
    const QModelIndex index = m_chatModel->index(row);
    m_chatView->setCurrentIndex(index);
    m_chatView->scrollTo(index, QAbstractItemView::PositionAtCenter);
    return true;
}

void MainWindow::onConversationActivated(const QModelIndex& index)
{
    if (m_selecting || !index.isValid())
        return;
    openConversation(index.data(ConversationListModel::IdRole).toString());
}

bool MainWindow::setConversationPinned(const QString& id, bool pinned)
{
    const auto done = m_store.setPinned(id, pinned);
    if (!done) {
        showStatus(done.error().message);
        return false;
    }
    reloadConversations();
    return true;
}

bool MainWindow::renameConversation(const QString& id, const QString& title)
{
    const QString trimmed = title.simplified();
    if (trimmed.isEmpty())
        return false;
    const auto done = m_store.renameConversation(id, trimmed);
    if (!done) {
        showStatus(done.error().message);
        return false;
    }
    if (id == m_conversationId)
        setWindowTitle(tr("%1 — PromptCraft").arg(trimmed));
    reloadConversations();
    return true;
}

bool MainWindow::archiveConversation(const QString& id)
{
    const auto done = m_store.setArchived(id, true);
    if (!done) {
        showStatus(done.error().message);
        return false;
    }
    reloadConversations();
    showStatus(tr("Chat archived."), [this, id] {
        if (m_store.setArchived(id, false))
            reloadConversations();
    });
    return true;
}

bool MainWindow::unarchiveConversation(const QString& id)
{
    const auto done = m_store.setArchived(id, false);
    if (!done) {
        showStatus(done.error().message);
        return false;
    }
    reloadConversations();
    showStatus(tr("Chat back in the list."));
    return true;
}

bool MainWindow::deleteConversation(const QString& id)
{
    const auto done = m_store.deleteConversation(id);
    if (!done) {
        showStatus(done.error().message);
        return false;
    }
    const bool wasOpen = id == m_conversationId;
    if (wasOpen) {
        closeConversation();
        m_conversationId.clear();
        m_chatModel->clear();
    }
    reloadConversations();
    if (wasOpen) {
        if (m_conversationModel->rowCount() > 0)
            openConversation(m_conversationModel->conversation(0).id);
        else
            newChat();
    }
    showStatus(tr("Chat deleted."), [this, id] {
        if (m_store.restoreConversation(id)) {
            reloadConversations();
            openConversation(id);
        }
    });
    return true;
}

bool MainWindow::undo()
{
    if (!m_undo)
        return false;
    const auto undo = std::exchange(m_undo, {});
    m_undoTimer.stop();
    m_undoButton->hide();
    undo();
    showStatus(tr("Undone."));
    return true;
}

void MainWindow::showConversationMenu(const QPoint& pos)
{
    const QModelIndex index = m_conversationList->indexAt(pos);
    if (!index.isValid())
        return;
    const QString id = index.data(ConversationListModel::IdRole).toString();
    const bool pinned = index.data(ConversationListModel::PinnedRole).toBool();
    QMenu menu(this);
    menu.setAccessibleName(tr("Chat actions"));
    menu.addAction(Icons::icon(u"pin"_s, this), pinned ? tr("Unpin") : tr("Pin"), this,
                   [this, id, pinned] { setConversationPinned(id, !pinned); });
    menu.addAction(tr("Rename…"), this, [this, id, index] {
        bool ok = false;
        const QString title = QInputDialog::getText(this, tr("Rename chat"), tr("Title:"), QLineEdit::Normal,
                                                    index.data(Qt::EditRole).toString(), &ok);
        if (ok)
            renameConversation(id, title);
    });
    if (index.data(ConversationListModel::ArchivedRole).toBool())
        menu.addAction(Icons::icon(u"archive"_s, this), tr("Unarchive"), this,
                       [this, id] { unarchiveConversation(id); });
    else
        menu.addAction(Icons::icon(u"archive"_s, this), tr("Archive"), this,
                       [this, id] { archiveConversation(id); });
    menu.addSeparator();
    menu.addAction(Icons::icon(u"delete"_s, this), tr("Delete"), this,
                   [this, id] { deleteConversation(id); });
    menu.exec(m_conversationList->viewport()->mapToGlobal(pos));
}

// ---------------------------------------------------------------- search

void MainWindow::search(const QString& query)
{
    m_searchResults->clear();
    if (query.trimmed().isEmpty()) {
        m_sidebarStack->setCurrentIndex(0);
        return;
    }
    m_sidebarStack->setCurrentIndex(1);
    const auto hits = m_store.search(query);
    if (!hits) {
        m_searchEmpty->setText(hits.error().message);
        return;
    }
    m_searchEmpty->setText(hits->isEmpty() ? tr("No messages match “%1”.").arg(query.trimmed())
                                           : tr("Messages found: %1").arg(hits->size()));
    for (const SearchHit& hit : hits.value()) {
        auto* item = new QListWidgetItem(m_searchResults);
        const QString who = hit.role == MessageRole::User ? tr("You") : tr("PromptCraft");
        item->setText(u"%1\n%2: %3"_s.arg(hit.conversationTitle, who, plainSnippet(hit.snippet)));
        item->setToolTip(QLocale().toString(hit.createdAt.toLocalTime(), QLocale::ShortFormat));
        item->setData(ConversationIdRole, hit.conversationId);
        item->setData(MessageIdRole, hit.messageId);
    }
}

void MainWindow::onSearchResultActivated(QListWidgetItem* item)
{
    if (!item)
        return;
    jumpToMessage(item->data(ConversationIdRole).toString(), item->data(MessageIdRole).toString());
}

// ---------------------------------------------------------------- chat

bool MainWindow::sendMessage(const QString& text)
{
    if (!m_sync)
        newChat();
    if (!m_sync)
        return false;
    showNewestIfAway(); // what is sent appears at the end of the chat
    const bool first = m_chatModel->rowCount() == 0;
    const auto sent = m_sync->sendUserMessage(text);
    if (!sent) {
        showStatus(sent.error().message);
        return false;
    }
    if (first) {
        const auto conversation = m_store.conversation(m_conversationId);
        if (conversation && (conversation->title.isEmpty() || conversation->title == tr("New chat")))
            renameConversation(m_conversationId, titleFrom(text));
    }
    m_pendingUserId = sent->id;
    m_answerStarted = false;
    m_cancelSent = false;
    m_chatView->scrollToBottomAndFollow();
    reloadConversations();
    updatePendingState();
    return true;
}

void MainWindow::stopGenerating()
{
    if (m_pendingUserId.isEmpty() || m_cancelSent || !m_sync)
        return;
    if (m_sync->cancelAnswer(m_pendingUserId))
        m_cancelSent = true;
    else
        showStatus(tr("Not connected: the answer cannot be stopped now."));
}

void MainWindow::updatePendingState()
{
    const bool pending = !m_pendingUserId.isEmpty();
    m_composer->setGenerating(pending);
    // "Thinking" only while the question can reach the engine; queued offline, the row says so.
    const bool connected = m_client && m_client->state() == ChatClient::State::Connected;
    m_chatView->setThinkingIndicatorVisible(pending && !m_answerStarted && connected);
}

void MainWindow::onMessageAdded(const StoredMessage& message)
{
    // Away from the end of the chat (an old search result), new rows arrive with the newer pages.
    if (m_atNewest)
        m_chatModel->appendMessage(chatEntryFrom(message));
    if (message.role == MessageRole::Assistant && message.replyTo == m_pendingUserId && !m_answerStarted) {
        m_answerStarted = true;
        updatePendingState();
    }
}

void MainWindow::onAnswerFinished(const StoredMessage& answer)
{
    if (m_atNewest || m_chatModel->rowOf(answer.id) >= 0)
        m_chatModel->finishAnswer(chatEntryFrom(answer));
    if (answer.replyTo == m_pendingUserId) {
        m_pendingUserId.clear();
        m_answerStarted = false;
        m_cancelSent = false;
        updatePendingState();
    }
    reloadConversations();
}

void MainWindow::resendTextOf(const QString& messageId)
{
    if (!m_pendingUserId.isEmpty()) {
        showStatus(tr("Wait for the current answer, or stop it, before asking again."));
        return;
    }
    QString id = messageId;
    const auto message = m_store.message(id);
    if (!message)
        return;
    if (message->role == MessageRole::Assistant)
        id = message->replyTo;
    const auto question = id == messageId ? message : m_store.message(id);
    if (!question || question->content.trimmed().isEmpty()) {
        showStatus(tr("The question of this answer is no longer in the history."));
        return;
    }
    sendMessage(question->content);
}

void MainWindow::saveDraftNow()
{
    m_draftTimer.stop();
    if (m_conversationId.isEmpty() || !m_store.isOpen())
        return;
    const auto saved = m_store.setDraft(m_conversationId, m_composer->draft());
    if (!saved)
        qCWarning(lcUi) << "draft not saved:" << saved.error().message;
}

bool MainWindow::sendLive(const ClientMessage& message)
{
    if (!m_client || m_client->state() != ChatClient::State::Connected || !m_client->send(message)) {
        showStatus(tr("Not connected: try again when the connection is back."));
        return false;
    }
    return true;
}

void MainWindow::requestOptimization(const QString& text)
{
    if (text.isEmpty()) {
        showStatus(tr("Write a prompt first, then optimize it."));
        return;
    }
    if (sendLive(OptimizePrompt{text, {}, OptimizationType::Enhancement}))
        showStatus(tr("Optimizing the prompt…"));
}

void MainWindow::onOptimizationResult(const OptimizationResult& message)
{
    if (!m_optimizer) {
        m_optimizer = new PromptOptimizerDialog(this);
        m_optimizer->setAttribute(Qt::WA_DeleteOnClose);
        connect(m_optimizer, &PromptOptimizerDialog::useOptimized, this, [this](const QString& text) {
            m_composer->setDraft(text);
            m_composer->focusEditor();
            showStatus(tr("Optimized prompt in the message box."));
        });
    }
    m_optimizer->setResult(message);
    m_optimizer->show();
    m_optimizer->raise();
    showStatus(QString());
}

// ---------------------------------------------------------------- templates

void MainWindow::onTemplateOpportunity(const TemplateOpportunity& message)
{
    if (!m_opportunity) {
        m_opportunity = new TemplateOpportunityDialog(this);
        m_opportunity->setAttribute(Qt::WA_DeleteOnClose);
        m_opportunity->setModal(false);
        connect(m_opportunity, &TemplateOpportunityDialog::createRequested, this,
                [this](const QString& title, const QString& category, const QString& description) {
                    if (sendLive(SaveConversationAsTemplate{title, category, false, description}))
                        showStatus(tr("Creating the template “%1”…").arg(title));
                });
        connect(m_opportunity, &TemplateOpportunityDialog::dontSuggestForChatClicked, this,
                [this] { (void)sendLive(DismissTemplateOpportunity{DismissScope::Conversation}); });
    }
    QStringList categories;
    for (const PromptTemplate& t : localTemplates())
        if (!t.category.isEmpty() && !categories.contains(t.category))
            categories << t.category;
    m_opportunity->setCategories(categories);
    m_opportunity->setSuggestion(message.suggestion);
    m_opportunity->show();
    m_opportunity->raise();
}

void MainWindow::onTemplateCreated(const TemplateCreated& message)
{
    showStatus(tr("Template “%1” saved to your library.").arg(message.tmpl.title));
    bool replaced = false;
    for (PromptTemplate& t : m_serverTemplates) {
        if (t.id == message.tmpl.id) {
            t = message.tmpl;
            replaced = true;
        }
    }
    if (!replaced)
        m_serverTemplates.append(message.tmpl);
    refreshLibrary();
    if (m_library)
        (void)sendLive(ListTemplates{});
    Q_EMIT templateCreated(message.tmpl);
}

void MainWindow::onTemplates(const TemplateList& message)
{
    m_serverTemplates = message.templates;
    refreshLibrary();
}

QList<PromptTemplate> MainWindow::localTemplates() const
{
    QList<PromptTemplate> list;
    const auto stored = m_store.templates();
    if (!stored)
        return list;
    for (const StoredTemplate& t : stored.value()) {
        auto parsed = TemplateFormat::fromJson(t.json);
        if (parsed)
            list.append(parsed.value());
    }
    return list;
}

void MainWindow::refreshLibrary()
{
    if (!m_library)
        return;
    // The engine's list first; local copies fill in what it does not know (offline, imports).
    QList<PromptTemplate> all = m_serverTemplates;
    QSet<QString> ids;
    for (const PromptTemplate& t : all)
        ids.insert(t.id);
    for (const PromptTemplate& t : localTemplates())
        if (!ids.contains(t.id))
            all.append(t);
    m_library->setTemplates(all);
}

void MainWindow::openTemplateLibrary()
{
    if (!m_library) {
        m_library = new TemplateLibraryDialog(this);
        m_library->setAttribute(Qt::WA_DeleteOnClose);
        connect(m_library, &TemplateLibraryDialog::refreshRequested, this, [this] {
            refreshLibrary();
            (void)sendLive(ListTemplates{});
        });
        connect(m_library, &TemplateLibraryDialog::versionsRequested, this, [this](const QString& id) {
            QList<PromptTemplate> versions;
            if (const auto stored = m_store.templateVersions(id)) {
                for (const StoredTemplate& t : stored.value())
                    if (auto parsed = TemplateFormat::fromJson(t.json))
                        versions.append(parsed.value());
            }
            m_library->setVersions(id, versions);
        });
        connect(m_library, &TemplateLibraryDialog::importRequested, this, [this](const PromptTemplate& tmpl) {
            StoredTemplate stored{tmpl.id,
                                  tmpl.version,
                                  tmpl.title,
                                  tmpl.category,
                                  TemplateFormat::toJson(tmpl),
                                  QDateTime::currentDateTimeUtc()};
            if (const auto saved = m_store.saveTemplate(stored); !saved)
                showStatus(saved.error().message);
            refreshLibrary();
        });
        connect(m_library, &TemplateLibraryDialog::useTemplate, this, [this](const QString& prompt) {
            m_composer->setDraft(prompt);
            m_composer->focusEditor();
            if (m_library)
                m_library->close();
        });
    }
    refreshLibrary();
    if (m_client && m_client->state() == ChatClient::State::Connected)
        (void)m_client->send(ListTemplates{});
    m_library->show();
    m_library->raise();
}

// ---------------------------------------------------------------- settings

void MainWindow::applyTheme()
{
    Theme::apply(m_settings.theme());
    updateIcons();
}

void MainWindow::openSettings()
{
    if (!m_settingsDialog) {
        m_settingsDialog = new SettingsDialog(m_settings, this);
        m_settingsDialog->setAttribute(Qt::WA_DeleteOnClose);
        wireSettingsDialog(m_settingsDialog);
    }
    m_settingsDialog->load();
    // A token the server refused (and that could not be renewed) is no sign-in: the fields are offered.
    const bool signedIn = m_settings.connectionMode() == Settings::ConnectionMode::Server &&
                          !m_endpoint.isEmpty() && !m_token.isEmpty() &&
                          !(m_client && m_client->state() == ChatClient::State::NeedsSignIn);
    m_settingsDialog->setSignedIn(signedIn, signedIn ? m_settings.signedInUser(m_endpoint) : QString());
    checkStoredKeys();
    m_settingsDialog->show();
    m_settingsDialog->raise();
}

bool MainWindow::hasPendingKeyWrites() const
{
    return std::any_of(m_secretWrites.cbegin(), m_secretWrites.cend(), [](SecretWrite what) {
        return what == SecretWrite::DeepSeekKey || what == SecretWrite::ProviderKey;
    });
}

void MainWindow::providerKeysChanged()
{
    if (hasPendingKeyWrites())
        return;
    Q_EMIT localEngineRestartWanted();
    if (std::exchange(m_connectionChangePending, false))
        Q_EMIT connectionSettingsChanged();
}

void MainWindow::setDeepSeekBaseUrl(const QUrl& url)
{
    m_deepSeekBaseUrl = url;
}

void MainWindow::fetchModelList(const QString& typedApiKey)
{
    if (!m_settingsDialog)
        return;
    if (!typedApiKey.isEmpty()) {
        fetchModelListWith(typedApiKey);
        return;
    }
    if (!m_tokens) {
        m_settingsDialog->setModelListState(
            tr("Enter your DeepSeek API key first: the list comes from DeepSeek."), true);
        return;
    }
    m_settingsDialog->setModelListState(tr("Loading the model list…"), false, true);
    m_modelKeyRead = m_tokens->read(secretkeys::providerApiKey(LocalEngine::deepSeekName()));
}

void MainWindow::fetchModelListWith(const QString& apiKey)
{
    if (m_modelJob) {
        m_modelJob->cancel();
        m_modelJob->deleteLater();
    }
    ProviderConfig config;
    config.name = LocalEngine::deepSeekName();
    config.baseUrl = m_deepSeekBaseUrl;
    config.model = m_settings.model();
    config.apiKey = apiKey;
    m_modelSource = std::make_unique<OpenAiCompatibleProvider>(config);
    ModelListJob* job = m_modelSource->fetchModels(this);
    m_modelJob = job;
    if (m_settingsDialog)
        m_settingsDialog->setModelListState(tr("Loading the model list…"), false, true);
    connect(job, &ModelListJob::finished, this, [this, job](QStringList models) {
        job->deleteLater();
        if (!m_settingsDialog)
            return;
        models.sort(Qt::CaseInsensitive);
        if (models.isEmpty()) {
            m_settingsDialog->setModelListState(tr("DeepSeek lists no models for this key."), true);
            return;
        }
        m_settingsDialog->setAvailableModels(models);
        // Model names change (retired names break requests): say so when the chosen one is gone.
        const QString chosen = m_settingsDialog->chosenModel();
        if (!chosen.isEmpty() && !models.contains(chosen))
            m_settingsDialog->setModelListState(
                tr("DeepSeek does not offer “%1” for this key; choose one of its %n model(s).", nullptr,
                   int(models.size()))
                    .arg(chosen),
                true);
        else
            m_settingsDialog->setModelListState(tr("%n model(s) available.", nullptr, int(models.size())),
                                                false);
    });
    connect(job, &ModelListJob::failed, this, [this, job](const CompletionFailure& failure) {
        job->deleteLater();
        if (!m_settingsDialog)
            return;
        // In our words: a provider's own error text is not put in front of the user.
        QString why;
        switch (failure.kind) {
        case FailureKind::Unauthorized:
        case FailureKind::PaymentRequired:
            why = tr("DeepSeek refused the API key.");
            break;
        case FailureKind::Network:
        case FailureKind::Timeout:
        case FailureKind::FirstTokenTimeout:
            why = tr("DeepSeek could not be reached.");
            break;
        case FailureKind::RateLimited:
            why = tr("DeepSeek asks to wait a moment; try again shortly.");
            break;
        default:
            why = failure.httpStatus > 0
                      ? tr("DeepSeek did not send a model list (HTTP %1).").arg(failure.httpStatus)
                      : tr("DeepSeek did not send a model list.");
            break;
        }
        m_settingsDialog->setModelListState(why, true);
    });
}

void MainWindow::checkStoredKeys()
{
    if (!m_tokens || !m_settingsDialog)
        return;
    QStringList providers{LocalEngine::deepSeekName()};
    const QList<FallbackProviderConfig> fallbacks = m_settings.fallbackProviders();
    for (const FallbackProviderConfig& fallback : fallbacks)
        providers.append(fallback.name);
    // Only whether a key is there: the dialog never shows a stored key.
    for (const QString& provider : std::as_const(providers))
        if (const QString key = secretkeys::providerApiKey(provider); !key.isEmpty())
            m_keyChecks.insert(m_tokens->read(key), provider);
}

void MainWindow::wireSettingsDialog(SettingsDialog* dialog)
{
    connect(dialog, &SettingsDialog::languageChanged, this, &MainWindow::languageChanged);
    connect(dialog, &SettingsDialog::settingsApplied, this, [this] {
        applyTheme();
        // Keys entered with these settings are still being stored: the engine starts again once,
        // with both, when they are (providerKeysChanged()).
        if (hasPendingKeyWrites())
            m_connectionChangePending = true;
        else
            Q_EMIT connectionSettingsChanged();
    });
    connect(dialog, &SettingsDialog::apiKeyEntered, this, [this](const QString& key) {
        writeSecret(secretkeys::providerApiKey(LocalEngine::deepSeekName()), key, SecretWrite::DeepSeekKey);
    });
    connect(dialog, &SettingsDialog::providerApiKeyEntered, this,
            [this](const QString& provider, const QString& key) {
                writeSecret(secretkeys::providerApiKey(provider), key, SecretWrite::ProviderKey);
            });
    connect(dialog, &SettingsDialog::modelListRequested, this, &MainWindow::fetchModelList);
    connect(dialog, &SettingsDialog::apiKeyRemoveRequested, this, [this] {
        if (!m_tokens)
            return;
        m_secretWrites.insert(m_tokens->remove(secretkeys::providerApiKey(LocalEngine::deepSeekName())),
                              SecretWrite::DeepSeekKey);
        if (m_settingsDialog)
            m_settingsDialog->setApiKeyStored(false);
    });
    connect(dialog, &SettingsDialog::signInWithTokenRequested, this,
            [this](const QUrl& server, const QString& token) {
                // A pasted token stands alone: a refresh token left from an earlier sign-in (perhaps
                // of another user) must not renew it into that account.
                if (m_tokens)
                    m_tokens->remove(secretkeys::serverRefreshToken(server));
                m_settings.setSignedInUser(server, {});
                writeSecret(secretkeys::serverAccessToken(server), token, SecretWrite::ServerToken);
            });
    if (m_signIn) {
        connect(dialog, &SettingsDialog::signInWithPasswordRequested, m_signIn,
                [this](const QUrl& server, const QString& user, const QString& password) {
                    m_signInUsers.insert(server, user);
                    m_signIn->signIn(server, user, password);
                });
        connect(dialog, &SettingsDialog::signOutRequested, m_signIn,
                [this](const QUrl& server) { m_signIn->signOut(server); });
    }
}

void MainWindow::writeSecret(const QString& key, const QString& value, SecretWrite what)
{
    if (!m_tokens || key.isEmpty())
        return;
    m_secretWrites.insert(m_tokens->write(key, value), what);
}

void MainWindow::showShortcuts()
{
    auto* dialog = new ShortcutsDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
}

// ---------------------------------------------------------------- status

void MainWindow::showStatus(const QString& text, std::function<void()> undo)
{
    m_statusLabel->setText(text);
    m_undo = std::move(undo);
    m_undoButton->setVisible(bool(m_undo));
    if (m_undo)
        m_undoTimer.start();
    else
        m_undoTimer.stop();
}

TemplateOpportunityDialog* MainWindow::opportunityDialog() const
{
    return m_opportunity;
}

TemplateLibraryDialog* MainWindow::libraryDialog() const
{
    return m_library;
}

PromptOptimizerDialog* MainWindow::optimizerDialog() const
{
    return m_optimizer;
}

SettingsDialog* MainWindow::settingsDialog() const
{
    return m_settingsDialog;
}

QString MainWindow::statusText() const
{
    return m_statusLabel->text();
}

} // namespace pc
