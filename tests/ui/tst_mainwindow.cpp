// The main window against a real engine on loopback (offline responder, or a fake OpenAI-compatible
// upstream for streaming): sending, stopping, template opportunity -> library -> form -> composer,
// prompt optimization, theme, drafts per conversation, the sidebar's actions and search.
#include "EngineFixture.h"
#include "FakeOpenAiServer.h"
#include "MainWindow.h"
#include "UiScreenshots.h"
#include "ai/ProviderChain.h"
#include "chat/ChatMessageModel.h"
#include "chat/ChatView.h"
#include "dialogs/PromptOptimizerDialog.h"
#include "dialogs/SettingsDialog.h"
#include "dialogs/TemplateFormDialog.h"
#include "dialogs/TemplateLibraryDialog.h"
#include "dialogs/TemplateOpportunityDialog.h"
#include "i18n/Translator.h"
#include "secrets/MemoryTokenStore.h"
#include "secrets/SecretKeys.h"
#include "settings/Settings.h"
#include "sidebar/ConversationListModel.h"
#include "storage/HistoryStore.h"
#include "theme/Theme.h"
#include "widgets/Composer.h"
#include "widgets/ConnectionBanner.h"

#include <QClipboard>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QListWidget>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QSignalSpy>
#include <QSplitter>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace pc;
using namespace pc::test;
using namespace Qt::Literals::StringLiterals;
using namespace std::chrono_literals;

namespace {

std::shared_ptr<AiBackend> slowUpstream(const FakeOpenAiServer& server)
{
    ProviderConfig c;
    c.name = u"deepseek"_s;
    c.baseUrl = server.baseUrl();
    c.model = u"deepseek-model"_s;
    c.apiKey = u"sk-test-deepseek"_s;
    c.connectTimeout = 500ms;
    c.idleTimeout = 2000ms;
    c.firstTokenTimeout = 1000ms;
    c.overallTimeout = 20'000ms;
    ProviderSetup setup;
    setup.providers = {c};
    ChainPolicy policy;
    policy.delayScale = 0.01;
    policy.random = [] { return 0.5; };
    return std::make_shared<ProviderChain>(std::move(setup), policy);
}

const QString AeroPress = u"Write a product description for the AeroPress coffee maker, highlighting "
                          "portability, in 100 words"_s;
const QString Kindle = u"Write a product description for the Kindle Paperwhite e-reader, highlighting its "
                       "glare-free screen, in 80 words"_s;

} // namespace

class TestMainWindow : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void typeAndSendShowsQuestionThenAnswer();
    void stopInterruptsStreamingAnswer();
    void reasoningShownLiveAndAfterRestart();
    void templateOpportunityToLibraryToComposer();
    void optimizePromptReplacesComposerText();
    void switchingThemeAppliesPalette();
    void draftsKeptPerConversation();
    void newChatAndRestoreLastConversation();
    void deleteWithUndoAndPin();
    void searchJumpsToMessage();
    void historyIsPaged();
    void bannerFollowsConnection();
    void switchingLanguageRetranslatesWindow();
    void failedSendKeepsTheText();
    void offlineSendQueuesWithoutThinking();
    void modelListComesFromDeepSeek();
    void keyboardShortcuts();

private:
    void makeWindow(std::shared_ptr<AiBackend> backend = {});
    bool send(const QString& text);
    [[nodiscard]] QString importConversation(const QString& title, int messages);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<HistoryStore> m_store;
    std::unique_ptr<Settings> m_settings;
    std::unique_ptr<MemoryTokenStore> m_tokens;
    std::unique_ptr<EngineFixture> m_engine;
    std::unique_ptr<MainWindow> m_window;
};

void TestMainWindow::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_store = std::make_unique<HistoryStore>();
    QVERIFY(m_store->open(m_dir->filePath(u"history.sqlite"_s)).ok());
    m_settings = std::make_unique<Settings>(m_dir->filePath(u"settings.ini"_s));
    m_tokens = std::make_unique<MemoryTokenStore>();
    Theme::apply(Settings::Theme::Light);
}

void TestMainWindow::cleanup()
{
    m_window.reset();
    m_engine.reset();
    m_tokens.reset();
    m_settings.reset();
    m_store.reset();
    m_dir.reset();
}

void TestMainWindow::makeWindow(std::shared_ptr<AiBackend> backend)
{
    m_engine = std::make_unique<EngineFixture>(EngineConfig{}, std::move(backend));
    QVERIFY(m_engine->started());
    m_window = std::make_unique<MainWindow>(*m_store, *m_settings, m_tokens.get());
    m_window->chatView()->setOpenLinksExternally(false);
    m_window->restoreSession();
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QCOMPARE(m_window->banner()->state(), ConnectionBanner::State::Connecting);
    m_window->setEndpoint(m_engine->engine().url(), QString::fromLatin1(EngineFixture::token(u"u1"_s)));
    QTRY_COMPARE_WITH_TIMEOUT(m_window->client()->state(), ChatClient::State::Connected, 10000);
    QCOMPARE(m_window->banner()->state(), ConnectionBanner::State::Connected);
}

bool TestMainWindow::send(const QString& text)
{
    QPlainTextEdit* editor = m_window->composer()->editor();
    editor->setFocus();
    editor->setPlainText(text);
    QTest::keyClick(editor, Qt::Key_Return);
    return editor->toPlainText().isEmpty();
}

QString TestMainWindow::importConversation(const QString& title, int messages)
{
    Conversation c;
    c.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    c.title = title;
    c.createdAt = QDateTime::currentDateTimeUtc().addDays(-1);
    c.updatedAt = c.createdAt;
    QList<StoredMessage> rows;
    for (int i = 0; i < messages; ++i) {
        StoredMessage m;
        m.id = u"%1-m%2"_s.arg(c.id.left(8)).arg(i);
        m.conversationId = c.id;
        m.role = i % 2 == 0 ? MessageRole::User : MessageRole::Assistant;
        m.status = i % 2 == 0 ? MessageStatus::Sent : MessageStatus::Complete;
        m.content = i == 3 ? u"The word zanzibarite appears only here."_s : u"Message number %1"_s.arg(i);
        if (i % 2 == 1)
            m.replyTo = u"%1-m%2"_s.arg(c.id.left(8)).arg(i - 1);
        m.createdAt = c.createdAt.addSecs(i);
        rows.append(m);
    }
    if (!m_store->importConversation(c, rows))
        return {};
    return c.id;
}

void TestMainWindow::typeAndSendShowsQuestionThenAnswer()
{
    makeWindow();
    ChatMessageModel* model = m_window->chatModel();
    QPlainTextEdit* editor = m_window->composer()->editor();
    editor->setFocus();
    QTest::keyClicks(editor, u"Hello from the window test"_s);
    QTest::keyClick(editor, Qt::Key_Return);
    QVERIFY(editor->toPlainText().isEmpty());
    QTRY_VERIFY(model->rowCount() >= 1);
    QCOMPARE(model->index(0).data(ChatMessageModel::SenderRole).value<MessageSender>(), MessageSender::User);
    QCOMPARE(model->index(0).data(ChatMessageModel::ContentRole).toString(), u"Hello from the window test"_s);
    QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 2, 10000);
    const QModelIndex answer = model->index(1);
    QCOMPARE(answer.data(ChatMessageModel::SenderRole).value<MessageSender>(), MessageSender::Assistant);
    QTRY_COMPARE(answer.data(ChatMessageModel::StatusRole).value<MessageStatus>(), MessageStatus::Offline);
    QVERIFY(!answer.data(ChatMessageModel::ContentRole).toString().isEmpty());
    QTRY_VERIFY(!m_window->isAnswerPending());
    QVERIFY(!m_window->composer()->isGenerating());
    QVERIFY(!m_window->chatView()->isThinkingIndicatorVisible());
    // The first message names the chat.
    const auto conversation = m_store->conversation(m_window->currentConversationId());
    QCOMPARE(conversation->title, u"Hello from the window test"_s);
    QCOMPARE(m_window->conversationModel()->index(0).data().toString(), u"Hello from the window test"_s);
    // Copy the last answer (Ctrl+Shift+C).
    QVERIFY(m_window->chatView()->copyLastAnswer());
}

void TestMainWindow::stopInterruptsStreamingAnswer()
{
    FakeOpenAiServer upstream;
    QVERIFY(upstream.listen());
    QStringList tokens;
    for (int i = 0; i < 80; ++i)
        tokens << u"t%1 "_s.arg(i);
    upstream.enqueue(FakeOpenAiResponse::stream(tokens, 100));
    makeWindow(slowUpstream(upstream));
    QVERIFY(send(u"Tell me a long story"_s));
    QVERIFY(m_window->isAnswerPending());
    QVERIFY(m_window->composer()->isGenerating());
    QVERIFY(m_window->chatView()->isThinkingIndicatorVisible());
    ChatMessageModel* model = m_window->chatModel();
    QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 2, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(
        model->index(1).data(ChatMessageModel::ContentRole).toString().startsWith(u"t0"_s), 10000);
    QVERIFY(!m_window->chatView()->isThinkingIndicatorVisible());
    QCOMPARE(model->index(1).data(ChatMessageModel::StatusRole).value<MessageStatus>(),
             MessageStatus::Sending);
    // Esc in the composer stops.
    QTest::keyClick(m_window->composer()->editor(), Qt::Key_Escape);
    QTRY_COMPARE_WITH_TIMEOUT(model->index(1).data(ChatMessageModel::StatusRole).value<MessageStatus>(),
                              MessageStatus::Interrupted, 5000);
    QTRY_VERIFY(!m_window->isAnswerPending());
    QVERIFY(!m_window->composer()->isGenerating());
    QVERIFY(model->index(1).data(ChatMessageModel::ContentRole).toString().size() <
            tokens.join(QString()).size());
    QCOMPARE(model->rowCount(), 2);
}

void TestMainWindow::reasoningShownLiveAndAfterRestart()
{
    FakeOpenAiServer upstream;
    QVERIFY(upstream.listen());
    const QStringList thoughts{u"They want a haiku. "_s, u"Five, seven, five."_s};
    upstream.enqueue(FakeOpenAiResponse::stream({u"Old pond"_s, u", a frog"_s}, 20).withReasoning(thoughts));
    upstream.enqueue(FakeOpenAiResponse::stream({u"No thinking here."_s}));
    makeWindow(slowUpstream(upstream));
    QVERIFY(send(u"A haiku, please"_s));
    ChatMessageModel* model = m_window->chatModel();
    QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 2, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(model->index(1).data(ChatMessageModel::StatusRole).value<MessageStatus>(),
                              MessageStatus::Complete, 10000);
    const QModelIndex answer = model->index(1);
    QCOMPARE(answer.data(ChatMessageModel::ContentRole).toString(), u"Old pond, a frog"_s);
    QCOMPARE(answer.data(ChatMessageModel::ReasoningRole).toString(), thoughts.join(QString()));
    // Collapsed until asked for.
    QCOMPARE(answer.data(ChatMessageModel::ReasoningExpandedRole).toBool(), false);
    QVERIFY(model->setData(answer, true, ChatMessageModel::ReasoningExpandedRole));
    QVERIFY(answer.data(ChatMessageModel::ReasoningExpandedRole).toBool());
    QCOMPARE(m_store->message(answer.data(ChatMessageModel::IdRole).toString())->reasoning,
             thoughts.join(QString()));

    // An answer without reasoning offers none.
    QTRY_VERIFY(!m_window->isAnswerPending());
    QVERIFY(send(u"And without thinking?"_s));
    QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 4, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(model->index(3).data(ChatMessageModel::StatusRole).value<MessageStatus>(),
                              MessageStatus::Complete, 10000);
    QVERIFY(model->index(3).data(ChatMessageModel::ReasoningRole).toString().isEmpty());

    // After a restart the history brings it back.
    const QString conversation = m_window->currentConversationId();
    m_window->close();
    m_window.reset();
    m_window = std::make_unique<MainWindow>(*m_store, *m_settings, m_tokens.get());
    m_window->restoreSession();
    QCOMPARE(m_window->currentConversationId(), conversation);
    model = m_window->chatModel();
    QCOMPARE(model->rowCount(), 4);
    QCOMPARE(model->index(1).data(ChatMessageModel::ReasoningRole).toString(), thoughts.join(QString()));
    QCOMPARE(model->index(1).data(ChatMessageModel::ReasoningExpandedRole).toBool(), false);
    QVERIFY(model->index(3).data(ChatMessageModel::ReasoningRole).toString().isEmpty());
}

void TestMainWindow::templateOpportunityToLibraryToComposer()
{
    makeWindow();
    QSignalSpy created(m_window.get(), &MainWindow::templateCreated);
    QVERIFY(send(AeroPress));
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->isAnswerPending(), 10000);
    QVERIFY(send(Kindle));
    QTRY_VERIFY_WITH_TIMEOUT(m_window->opportunityDialog() && m_window->opportunityDialog()->isVisible(),
                             15000);
    TemplateOpportunityDialog* dialog = m_window->opportunityDialog();
    QVERIFY(!dialog->isModal());
    QVERIFY(!dialog->title().isEmpty());
    testing::saveScreenshots(dialog, u"mainwindow-opportunity"_s);
    QVERIFY(dialog->createButton()->isEnabled());
    QTest::mouseClick(dialog->createButton(), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(created.count(), 1, 15000);
    const auto tmpl = created.first().first().value<PromptTemplate>();
    QVERIFY(!tmpl.id.isEmpty());
    QVERIFY(m_window->statusText().contains(tmpl.title));

    m_window->openTemplateLibrary();
    TemplateLibraryDialog* library = m_window->libraryDialog();
    QVERIFY(library);
    QTRY_VERIFY(library->visibleTemplateIds().contains(tmpl.id));
    QVERIFY(library->selectTemplate(tmpl.id));
    TemplateFormDialog* form = library->openUseForm();
    QVERIFY(form);
    for (const TemplateVariable& v : form->promptTemplate().variables) {
        QString value = u"AeroPress Go"_s;
        if (v.type == VariableType::Number)
            value = u"60"_s;
        else if (v.type == VariableType::Bool)
            value = u"true"_s;
        else if (v.type == VariableType::Enum && !v.options.isEmpty())
            value = v.options.first();
        QVERIFY2(form->setValue(v.name, value), qPrintable(v.name));
    }
    const QString preview = form->previewText();
    QVERIFY(form->use());
    QTRY_VERIFY(!m_window->composer()->draft().isEmpty());
    QVERIFY(m_window->composer()->draft().contains(u"AeroPress Go"_s) || preview.isEmpty());
}

void TestMainWindow::optimizePromptReplacesComposerText()
{
    makeWindow();
    m_window->composer()->setDraft(u"write about coffee makers"_s);
    QTest::mouseClick(m_window->composer()->optimizeButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->optimizerDialog() && m_window->optimizerDialog()->isVisible(), 15000);
    PromptOptimizerDialog* dialog = m_window->optimizerDialog();
    const QString optimized = dialog->optimizedPrompt();
    QVERIFY(!optimized.isEmpty());
    auto* use = dialog->findChild<QPushButton*>(u"useOptimizedButton"_s);
    QVERIFY(use);
    QTest::mouseClick(use, Qt::LeftButton);
    QCOMPARE(m_window->composer()->draft(), optimized);
}

void TestMainWindow::switchingThemeAppliesPalette()
{
    makeWindow();
    m_settings->setTheme(Settings::Theme::Dark);
    m_window->applyTheme();
    QVERIFY(Theme::isDarkActive());
    QVERIFY(Theme::isDark(QApplication::palette()));
    m_settings->setTheme(Settings::Theme::Light);
    m_window->applyTheme();
    QVERIFY(!Theme::isDarkActive());
    testing::saveScreenshots(m_window.get(), u"mainwindow"_s);
}

void TestMainWindow::draftsKeptPerConversation()
{
    makeWindow();
    const QString first = m_window->currentConversationId();
    const auto second = m_store->createConversation(u"Second"_s);
    QVERIFY(second.ok());
    QTest::keyClicks(m_window->composer()->editor(), u"draft one"_s);
    QVERIFY(m_window->openConversation(second->id));
    QCOMPARE(m_window->composer()->draft(), QString());
    QTest::keyClicks(m_window->composer()->editor(), u"draft two"_s);
    QVERIFY(m_window->openConversation(first));
    QCOMPARE(m_window->composer()->draft(), u"draft one"_s);
    QCOMPARE(m_store->draft(second->id).value(), u"draft two"_s);
    // Saved on a short timer too, without switching.
    QTest::keyClicks(m_window->composer()->editor(), u"!"_s);
    QTRY_COMPARE(m_store->draft(first).value(), u"draft one!"_s);
    // Clicking a chat in the list switches as well.
    const int row = m_window->conversationModel()->rowOf(second->id);
    QVERIFY(row >= 0);
    m_window->conversationList()->setCurrentIndex(m_window->conversationModel()->index(row));
    QCOMPARE(m_window->currentConversationId(), second->id);
    QCOMPARE(m_window->composer()->draft(), u"draft two"_s);
}

void TestMainWindow::newChatAndRestoreLastConversation()
{
    makeWindow();
    const QString first = m_window->currentConversationId();
    m_window->newChat(); // still empty: no second empty chat
    QCOMPARE(m_window->currentConversationId(), first);
    QVERIFY(send(u"A first question"_s));
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->isAnswerPending(), 10000);
    QTest::keyClicks(m_window->composer()->editor(), u"unsent"_s);
    m_window->newChat();
    const QString second = m_window->currentConversationId();
    QVERIFY(second != first);
    QCOMPARE(m_window->chatModel()->rowCount(), 0);
    QCOMPARE(m_window->composer()->draft(), QString());
    QCOMPARE(m_window->conversationModel()->rowCount(), 2);
    QVERIFY(m_window->openConversation(first));
    QCOMPARE(m_window->composer()->draft(), u"unsent"_s);
    QCOMPARE(m_window->chatModel()->rowCount(), 2);
    m_window->splitter()->setSizes({333, 700});
    const int sidebarWidth = m_window->splitter()->sizes().first();
    m_window->close();
    m_window.reset();
    // A new window opens the last conversation with its splitter sizes.
    m_window = std::make_unique<MainWindow>(*m_store, *m_settings, m_tokens.get());
    m_window->restoreSession();
    QCOMPARE(m_window->currentConversationId(), first);
    QCOMPARE(m_window->composer()->draft(), u"unsent"_s);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QCOMPARE(m_window->splitter()->sizes().first(), sidebarWidth);
}

void TestMainWindow::deleteWithUndoAndPin()
{
    const QString older = importConversation(u"Older chat"_s, 4);
    QVERIFY(!older.isEmpty());
    makeWindow();
    ConversationListModel* list = m_window->conversationModel();
    QCOMPARE(m_window->currentConversationId(), older);
    QVERIFY(m_window->deleteConversation(older));
    QCOMPARE(list->rowOf(older), -1);
    QVERIFY(m_window->currentConversationId() != older);
    QVERIFY(!m_window->undoButton()->isHidden());
    QTest::mouseClick(m_window->undoButton(), Qt::LeftButton);
    QVERIFY(list->rowOf(older) >= 0);
    QCOMPARE(m_window->currentConversationId(), older);
    QVERIFY(m_window->undoButton()->isHidden());
    QVERIFY(!m_window->undo());

    const QString other = m_store->createConversation(u"Newer chat"_s)->id;
    m_window->reloadConversations();
    QVERIFY(m_window->setConversationPinned(older, true));
    QCOMPARE(list->rowOf(older), 0);
    QVERIFY(list->index(0).data(ConversationListModel::PinnedRole).toBool());
    QVERIFY(m_window->renameConversation(other, u"Renamed chat"_s));
    QCOMPARE(list->index(list->rowOf(other)).data().toString(), u"Renamed chat"_s);
    QVERIFY(m_window->showArchivedButton()->isHidden());
    QVERIFY(m_window->archiveConversation(other));
    QCOMPARE(list->rowOf(other), -1);
    QVERIFY(m_window->undo());
    QVERIFY(list->rowOf(other) >= 0);

    // Archived for good: out of the list until "Show archived chats", then marked and unarchivable.
    QVERIFY(m_window->archiveConversation(other));
    QCOMPARE(list->rowOf(other), -1);
    QPushButton* toggle = m_window->showArchivedButton();
    QVERIFY(!toggle->isHidden()); // only there when something is archived
    QCOMPARE(toggle->text(), u"Show archived chats (1)"_s);
    QTest::mouseClick(toggle, Qt::LeftButton);
    QCOMPARE(toggle->text(), u"Hide archived chats"_s);
    QVERIFY(list->rowOf(other) >= 0);
    const QModelIndex archived = list->index(list->rowOf(other));
    QVERIFY(archived.data(ConversationListModel::ArchivedRole).toBool());
    QVERIFY(archived.data(Qt::ToolTipRole).toString().startsWith(u"Archived"_s));
    QVERIFY(m_window->unarchiveConversation(other));
    QTest::mouseClick(toggle, Qt::LeftButton);
    QVERIFY(toggle->isHidden());
    QVERIFY(list->rowOf(other) >= 0);
    QVERIFY(!list->index(list->rowOf(other)).data(ConversationListModel::ArchivedRole).toBool());
}

void TestMainWindow::searchJumpsToMessage()
{
    const QString big = importConversation(u"Long chat"_s, 160);
    QVERIFY(!big.isEmpty());
    makeWindow();
    const QString other = m_store->createConversation(u"Other"_s)->id;
    QVERIFY(m_window->openConversation(other));
    m_window->searchField()->setText(u"zanzibar"_s);
    QTRY_COMPARE(m_window->searchResults()->count(), 1);
    QListWidgetItem* hit = m_window->searchResults()->item(0);
    QVERIFY(hit->text().contains(u"Long chat"_s));
    QVERIFY(hit->text().contains(u"zanzibarite"_s));
    const QRect rect = m_window->searchResults()->visualItemRect(hit);
    QTest::mouseClick(m_window->searchResults()->viewport(), Qt::LeftButton, {}, rect.center());
    QCOMPARE(m_window->currentConversationId(), big);
    const QString target = big.left(8) + u"-m3"_s;
    const int row = m_window->chatModel()->rowOf(target);
    QVERIFY(row >= 0);
    QCOMPARE(m_window->chatView()->currentIndex().row(), row);
    // Only the pages around it are loaded, not everything since; the view stays there.
    ChatView* view = m_window->chatView();
    QVERIFY(m_window->chatModel()->rowCount() <= MainWindow::PageSize + 1);
    QVERIFY(view->newerAvailable());
    QVERIFY(!view->isFollowingBottom());
    // Scrolling down brings the newer pages, one at a time, up to the end of the chat.
    for (int i = 0; i < 20 && view->newerAvailable(); ++i) {
        view->verticalScrollBar()->setValue(view->verticalScrollBar()->maximum());
        QApplication::processEvents();
    }
    QVERIFY(!view->newerAvailable());
    QCOMPARE(m_window->chatModel()->rowCount(), 160);
    QCOMPARE(m_window->chatModel()->entry(159).id, big.left(8) + u"-m159"_s);
    QCOMPARE(m_window->chatModel()->rowOf(target), row); // nothing above it moved

    // Jumped to again from another chat, then sending: the end of the chat is shown with the question.
    QVERIFY(m_window->openConversation(other));
    QTest::mouseClick(m_window->searchResults()->viewport(), Qt::LeftButton, {}, rect.center());
    QVERIFY(view->newerAvailable());
    QVERIFY(send(u"A question after jumping back"_s));
    QVERIFY(!view->newerAvailable());
    QTRY_COMPARE_WITH_TIMEOUT(m_window->chatModel()->entry(m_window->chatModel()->rowCount() - 2).content,
                              u"A question after jumping back"_s, 10000);
    QVERIFY(m_window->chatModel()->rowCount() <= MainWindow::PageSize + 2);
    m_window->searchField()->clear();
    QTRY_VERIFY(m_window->conversationList()->isVisible());
}

void TestMainWindow::historyIsPaged()
{
    const QString big = importConversation(u"Long chat"_s, 160);
    makeWindow();
    QVERIFY(m_window->openConversation(big));
    ChatMessageModel* model = m_window->chatModel();
    QVERIFY(model->rowCount() >= MainWindow::PageSize);
    QVERIFY(model->rowCount() < 160);
    QCOMPARE(model->entry(model->rowCount() - 1).id, big.left(8) + u"-m159"_s);
    // Scrolling to the top pages older messages in.
    const int before = model->rowCount();
    m_window->chatView()->scrollToTop();
    QTRY_VERIFY(model->rowCount() > before);
}

void TestMainWindow::bannerFollowsConnection()
{
    makeWindow();
    QSignalSpy states(m_window->client(), &ChatClient::stateChanged);
    m_engine->engine().shutdown();
    QTRY_VERIFY_WITH_TIMEOUT(m_window->banner()->state() == ConnectionBanner::State::Reconnecting, 10000);
    QVERIFY(!m_window->composer()->isConnected());
    QVERIFY(m_engine->restart());
    QTest::mouseClick(m_window->banner()->retryButton(), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(m_window->banner()->state(), ConnectionBanner::State::Connected, 10000);
    QVERIFY(m_window->composer()->isConnected());
}

void TestMainWindow::switchingLanguageRetranslatesWindow()
{
    makeWindow();
    // The settings dialog's language change reaches the window's owner, which applies it.
    QSignalSpy wanted(m_window.get(), &MainWindow::languageChanged);
    m_window->openSettings();
    QVERIFY(m_window->settingsDialog());
    Q_EMIT m_window->settingsDialog()->languageChanged(u"de"_s);
    QCOMPARE(wanted.size(), 1);
    QCOMPARE(wanted.at(0).at(0).toString(), u"de"_s);
    m_window->settingsDialog()->close();

    Translator translator;
    QCOMPARE(m_window->fileMenu()->title(), u"&File"_s);
    QCOMPARE(m_window->newChatButton()->text(), u"New chat"_s);

    QVERIFY(translator.apply(u"de"_s));
    QTRY_COMPARE(m_window->fileMenu()->title(), u"&Datei"_s); // LanguageChange is posted
    QCOMPARE(m_window->newChatButton()->text(), u"Neue Unterhaltung"_s);
    QCOMPARE(m_window->searchField()->placeholderText(), u"Alle Unterhaltungen durchsuchen"_s);
    QCOMPARE(m_window->fileMenu()->actions().constFirst()->text(), u"&Neue Unterhaltung"_s);

    QVERIFY(translator.apply(u"zh_CN"_s));
    QTRY_COMPARE(m_window->fileMenu()->title(), u"文件(&F)"_s);
    QCOMPARE(m_window->newChatButton()->text(), u"新对话"_s);
    QCOMPARE(m_window->undoButton()->text(), u"撤销"_s);

    QVERIFY(translator.apply(u"en"_s));
    QTRY_COMPARE(m_window->fileMenu()->title(), u"&File"_s);
    QCOMPARE(m_window->newChatButton()->text(), u"New chat"_s);
    QCOMPARE(m_window->searchField()->placeholderText(), u"Search all chats"_s);
    QCOMPARE(m_window->undoButton()->text(), u"Undo"_s);
}

void TestMainWindow::failedSendKeepsTheText()
{
    makeWindow();
    QVERIFY(send(u"First question"_s));
    QTRY_COMPARE_WITH_TIMEOUT(m_window->chatModel()->rowCount(), 2, 10000);
    QTRY_VERIFY(!m_window->isAnswerPending());

    // The disk fills up (SQLite's page limit gives exactly the error a full disk does).
    QSqlQuery query(QSqlDatabase::database(m_store->connectionName()));
    QVERIFY(query.exec(u"PRAGMA page_count"_s) && query.next());
    QVERIFY(query.exec(u"PRAGMA max_page_count = %1"_s.arg(query.value(0).toInt())));
    const QString filler = m_store->createConversation(u"Filler"_s)->id;
    int filled = 0;
    for (const qsizetype size : {16 * 1024, 1024, 64}) // big pieces, then whatever space is left
        while (filled < 1000 &&
               m_store->enqueueUserMessage(filler, u"fill-%1"_s.arg(filled), QString(size, u'x')).ok())
            ++filled;

    const QString text = u"A long question that must survive a full disk: "_s + QString(2000, u'q');
    QPlainTextEdit* editor = m_window->composer()->editor();
    editor->setFocus();
    editor->setPlainText(text);
    QTest::keyClick(editor, Qt::Key_Return);
    QVERIFY2(m_window->statusText().contains(u"disk is full"_s), qPrintable(m_window->statusText()));
    QCOMPARE(m_window->chatModel()->rowCount(), 2);
    QCOMPARE(editor->toPlainText(), text); // nothing typed is lost
    QVERIFY(!m_window->isAnswerPending());

    // Space returns: the same text sends.
    QVERIFY(query.exec(u"PRAGMA max_page_count = 1073741823"_s));
    QTest::keyClick(editor, Qt::Key_Return);
    QVERIFY(editor->toPlainText().isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(m_window->chatModel()->rowCount(), 4, 10000);
}

void TestMainWindow::offlineSendQueuesWithoutThinking()
{
    makeWindow();
    m_engine->engine().shutdown();
    QTRY_VERIFY_WITH_TIMEOUT(m_window->banner()->state() == ConnectionBanner::State::Reconnecting, 10000);

    QVERIFY(send(u"Asked while offline"_s));
    ChatMessageModel* model = m_window->chatModel();
    QCOMPARE(model->rowCount(), 1);
    QCOMPARE(model->index(0).data(ChatMessageModel::StatusRole).value<MessageStatus>(),
             MessageStatus::Queued);
    QVERIFY(!m_window->composer()->isConnected()); // "will send when connected"
    QVERIFY(!m_window->chatView()->isThinkingIndicatorVisible());
    QCOMPARE(m_window->banner()->queuedCount(), 1);
    // Asking again meanwhile is refused with a reason, not sent twice.
    const QString question = model->index(0).data(ChatMessageModel::IdRole).toString();
    Q_EMIT m_window->chatView()->retryRequested(question);
    QVERIFY(m_window->statusText().contains(u"Wait for the current answer"_s));
    QCOMPARE(model->rowCount(), 1);

    // Back online: it goes out by itself and is answered.
    QVERIFY(m_engine->restart());
    QTest::mouseClick(m_window->banner()->retryButton(), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(m_window->banner()->state(), ConnectionBanner::State::Connected, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 2, 10000);
    QTRY_VERIFY(!m_window->isAnswerPending());
    QCOMPARE(m_window->banner()->queuedCount(), 0);
}

void TestMainWindow::modelListComesFromDeepSeek()
{
    makeWindow();
    FakeOpenAiServer deepseek;
    QVERIFY(deepseek.listen());
    m_window->setDeepSeekBaseUrl(deepseek.baseUrl(QString()));
    m_window->openSettings();
    auto* dialog = m_window->findChild<SettingsDialog*>();
    QVERIFY(dialog);
    auto* key = dialog->findChild<QLineEdit*>(u"apiKeyEdit"_s);
    auto* refresh = dialog->findChild<QPushButton*>(u"refreshModelsButton"_s);
    auto* models = dialog->findChild<QComboBox*>(u"modelCombo"_s);
    auto* state = dialog->findChild<QLabel*>(u"modelListState"_s);
    QVERIFY(key && refresh && models && state);
    const QString chosen = models->currentText();

    // No key typed and none stored: said so, nothing asked.
    QTest::mouseClick(refresh, Qt::LeftButton);
    QTRY_VERIFY(!state->isHidden() && state->text().contains(u"API key"_s));
    QCOMPARE(deepseek.requestCount(), 0);

    // The key just typed (not saved yet) lists the models; the choice is kept.
    deepseek.enqueue(FakeOpenAiResponse::models({u"deepseek-v4-pro"_s, u"deepseek-flash"_s}));
    key->setText(u"sk-typed-key"_s);
    QTest::mouseClick(refresh, Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(models->count(), 2, 10000);
    QCOMPARE(models->itemText(0), u"deepseek-flash"_s);
    QCOMPARE(models->itemText(1), u"deepseek-v4-pro"_s);
    QCOMPARE(models->currentText(), chosen);
    QVERIFY2(state->text().startsWith(u"2 model"_s),
             qPrintable(state->text())); // "2 models available." in English
    QVERIFY(refresh->isEnabled());
    QCOMPARE(deepseek.requests().last().method, QByteArray("GET"));
    QCOMPARE(deepseek.requests().last().path, QByteArray("/models"));
    QCOMPARE(deepseek.requests().last().header("authorization"), QByteArray("Bearer sk-typed-key"));

    // The chosen model is not among them (a retired name): said plainly.
    models->setCurrentText(u"deepseek-chat"_s);
    deepseek.enqueue(FakeOpenAiResponse::models({u"deepseek-v4-pro"_s, u"deepseek-flash"_s}));
    QTest::mouseClick(refresh, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(state->text().contains(u"does not offer “deepseek-chat”"_s), 10000);
    QCOMPARE(state->property("role").toString(), u"error"_s);
    models->setCurrentText(chosen);

    // A refused key: said in our words.
    deepseek.enqueue(
        FakeOpenAiResponse::error(401, u"Authentication Fails, Your api key: ****-key is invalid"_s));
    QTest::mouseClick(refresh, Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(state->text(), u"DeepSeek refused the API key."_s, 10000);
    QCOMPARE(models->count(), 2);

    // Without a typed key the stored one is used.
    QSignalSpy written(m_tokens.get(), &TokenStore::writeFinished);
    m_tokens->write(secretkeys::providerApiKey(u"DeepSeek"_s), u"sk-stored-key"_s);
    QVERIFY(written.wait());
    key->clear();
    deepseek.enqueue(FakeOpenAiResponse::models({u"deepseek-flash"_s}));
    QTest::mouseClick(refresh, Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(models->count(), 1, 10000);
    QCOMPARE(deepseek.requests().last().header("authorization"), QByteArray("Bearer sk-stored-key"));
    dialog->close();
}

void TestMainWindow::keyboardShortcuts()
{
    makeWindow();
    QVERIFY(send(u"Shortcut test"_s));
    QTRY_COMPARE_WITH_TIMEOUT(m_window->chatModel()->rowCount(), 2, 10000);
    QTRY_VERIFY(!m_window->isAnswerPending());
    QPlainTextEdit* editor = m_window->composer()->editor();
    const QString first = m_window->currentConversationId();

    // Ctrl+F: the search field; Ctrl+K from there (where a line edit would delete to the end of the
    // line): the composer.
    QTest::keyClick(editor, Qt::Key_F, Qt::ControlModifier);
    QTRY_VERIFY(m_window->searchField()->hasFocus());
    m_window->searchField()->setText(u"abc"_s);
    m_window->searchField()->setCursorPosition(1);
    QTest::keyClick(m_window->searchField(), Qt::Key_K, Qt::ControlModifier);
    QTRY_VERIFY(editor->hasFocus());
    QCOMPARE(m_window->searchField()->text(), u"abc"_s);
    m_window->searchField()->clear();

    // Ctrl+Shift+C: the last answer on the clipboard.
    QGuiApplication::clipboard()->clear();
    QTest::keyClick(editor, Qt::Key_C, Qt::ControlModifier | Qt::ShiftModifier);
    QCOMPARE(QGuiApplication::clipboard()->text(),
             m_window->chatModel()->index(1).data(ChatMessageModel::ContentRole).toString());

    // Ctrl+N: a new chat, the composer ready.
    QTest::keyClick(editor, Qt::Key_N, Qt::ControlModifier);
    QVERIFY(m_window->currentConversationId() != first);
    QCOMPARE(m_window->chatModel()->rowCount(), 0);
    QTRY_VERIFY(editor->hasFocus());

    // Ctrl+,: the settings.
    QTest::keyClick(editor, Qt::Key_Comma, Qt::ControlModifier);
    auto* settings = m_window->findChild<SettingsDialog*>();
    QVERIFY(settings && settings->isVisible());
    settings->close();
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
