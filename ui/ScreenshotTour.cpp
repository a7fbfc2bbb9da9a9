#include "ScreenshotTour.h"

#include "MainWindow.h"
#include "chat/ChatView.h"
#include "dialogs/PromptOptimizerDialog.h"
#include "dialogs/SettingsDialog.h"
#include "dialogs/ShortcutsDialog.h"
#include "dialogs/TemplateFormDialog.h"
#include "dialogs/TemplateLibraryDialog.h"
#include "dialogs/TemplateOpportunityDialog.h"
#include "i18n/Translator.h"
#include "local/LocalEngine.h"
#include "protocol/TemplateFormat.h"
#include "secrets/MemoryTokenStore.h"
#include "settings/Settings.h"
#include "storage/HistoryStore.h"
#include "storage/StoredTemplate.h"
#include "theme/Theme.h"
#include "widgets/Composer.h"

#include <QApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QTemporaryDir>
#include <QTextStream>
#include <QThread>
#include <QUuid>

#include <tuple>

using namespace Qt::Literals::StringLiterals;

namespace pc {

namespace {

constexpr int MaxWidth = 1440;
constexpr int MaxHeight = 900;

void settle(int ms = 150)
{
    QDeadlineTimer deadline(ms);
    while (!deadline.hasExpired()) {
        QApplication::processEvents(QEventLoop::AllEvents, 20);
        QThread::msleep(10);
    }
}

bool waitFor(const std::function<bool()>& condition, int ms)
{
    QDeadlineTimer deadline(ms);
    while (!condition() && !deadline.hasExpired()) {
        QApplication::processEvents(QEventLoop::AllEvents, 20);
        QThread::msleep(10);
    }
    return condition();
}

class Shooter {
public:
    explicit Shooter(QString directory)
        : m_dir(std::move(directory))
    {
        QDir().mkpath(m_dir);
    }

    void shoot(QWidget* widget, const QString& name)
    {
        widget->show();
        widget->raise();
        settle();
        QPixmap pixmap = widget->grab();
        if (pixmap.width() > MaxWidth || pixmap.height() > MaxHeight)
            pixmap = pixmap.scaled(MaxWidth, MaxHeight, Qt::KeepAspectRatio, Qt::SmoothTransformation);
        const QString file = QDir(m_dir).filePath(name + u".png"_s);
        if (pixmap.save(file)) {
            QTextStream(stdout) << file << Qt::endl;
        } else {
            QTextStream(stderr) << "could not write " << file << Qt::endl;
            ++m_failures;
        }
    }

    [[nodiscard]] int failures() const { return m_failures; }

private:
    QString m_dir;
    int m_failures = 0;
};

StoredMessage message(const QString& id, MessageRole role, const QString& content,
                      MessageStatus status = MessageStatus::Complete, const QString& replyTo = {})
{
    StoredMessage m;
    m.id = id;
    m.role = role;
    m.content = content;
    m.status = role == MessageRole::User ? MessageStatus::Sent : status;
    m.replyTo = replyTo;
    if (role == MessageRole::Assistant) {
        m.provider = u"deepseek"_s;
        m.model = u"deepseek-flash"_s;
        m.usage = Usage{412, 286, 128};
        m.processingTimeMs = 2300;
    }
    m.createdAt = QDateTime(QDate(2025, 6, 12), QTime(9, 41), Qt::UTC);
    return m;
}

QString demoConversation(HistoryStore& store)
{
    const auto add = [&store](const QString& title, const QList<StoredMessage>& messages, bool pinned) {
        Conversation c;
        c.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        c.title = title;
        c.createdAt = QDateTime(QDate(2025, 6, 12), QTime(9, 40), Qt::UTC);
        c.updatedAt = c.createdAt;
        c.pinned = pinned;
        QList<StoredMessage> rows = messages;
        for (StoredMessage& m : rows) {
            m.id = c.id.left(8) + u'-' + m.id;
            if (!m.replyTo.isEmpty())
                m.replyTo = c.id.left(8) + u'-' + m.replyTo;
            m.conversationId = c.id;
        }
        (void)store.importConversation(c, rows);
        return c.id;
    };
    add(u"Weekly status email"_s,
        {message(u"u1"_s, MessageRole::User, u"Draft a short weekly status email for the team."_s),
         message(u"a1"_s, MessageRole::Assistant, u"**Subject:** Weekly status\n\nHi all, …"_s,
                 MessageStatus::Complete, u"u1"_s)},
        true);
    add(u"Kindle Paperwhite description"_s,
        {message(u"u1"_s, MessageRole::User,
                 u"Write a product description for the Kindle Paperwhite e-reader, highlighting its "
                 "glare-free screen, in 80 words"_s),
         message(u"a1"_s, MessageRole::Assistant, u"Read anywhere, even in bright sunshine…"_s,
                 MessageStatus::Complete, u"u1"_s)},
        false);
    const QString answer = u"## Brewing with the AeroPress\n\n"
                           "A quick recipe for one strong cup:\n\n"
                           "1. Heat water to **85 °C**.\n"
                           "2. Add *15 g* of medium-fine coffee.\n"
                           "3. Stir for 10 seconds, steep for 1 minute, press slowly.\n\n"
                           "| Grind | Water | Steep |\n"
                           "|-------|------:|------:|\n"
                           "| Fine | 200 ml | 1 min |\n"
                           "| Medium | 220 ml | 2 min |\n\n"
                           "To log your brews, a tiny script does it:\n\n"
                           "```python\n"
                           "def ratio(coffee_g: float, water_ml: float) -> str:\n"
                           "    return f\"1:{water_ml / coffee_g:.1f}\"\n"
                           "```\n\n"
                           "See the [AeroPress site](https://aeropress.com) for more."_s;
    // An answer given with thinking on: its reasoning sits collapsed above it.
    StoredMessage reasoned =
        message(u"a1"_s, MessageRole::Assistant, answer, MessageStatus::Complete, u"u1"_s);
    reasoned.reasoning = u"The user wants one cup: give the standard recipe, the grind and water table, "
                         "and a way to keep notes."_s;
    return add(u"AeroPress brewing guide"_s,
               {message(u"u1"_s, MessageRole::User, u"How do I brew a good cup with an AeroPress?"_s),
                reasoned, message(u"u2"_s, MessageRole::User, u"And a cold brew variant, step by step?"_s),
                message(u"a2"_s, MessageRole::Assistant,
                        u"For cold brew, use coarse grounds and room-temperature water. Steep for"_s,
                        MessageStatus::Interrupted, u"u2"_s)},
               false);
}

PromptTemplate demoTemplate()
{
    PromptTemplate t;
    t.id = u"tpl-product"_s;
    t.title = u"Product description"_s;
    t.category = u"Marketing"_s;
    t.description = u"A product description highlighting one feature, with a word limit."_s;
    t.body =
        u"Write a product description for the {{product}}, highlighting {{feature}}, in {{words}} words"_s;
    t.tags = {u"ecommerce"_s, u"copy"_s};
    for (const auto& [name, label, type] :
         {std::tuple{u"product"_s, u"Product"_s, VariableType::Text},
          std::tuple{u"feature"_s, u"Feature to highlight"_s, VariableType::Text},
          std::tuple{u"words"_s, u"Word limit"_s, VariableType::Number}}) {
        TemplateVariable v;
        v.name = name;
        v.label = label;
        v.type = type;
        v.required = true;
        t.variables.append(v);
    }
    t.variables[2].defaultValue = 100;
    t.createdAt = QDateTime(QDate(2025, 6, 12), QTime(9, 45), Qt::UTC);
    t.updatedAt = t.createdAt;
    return t;
}

void shootWindow(Shooter& shooter, HistoryStore& store, Settings& settings, TokenStore* tokens,
                 const QUrl& url, const QString& token, const QString& demo, const QString& name)
{
    MainWindow window(store, settings, tokens);
    window.resize(1280, 800);
    window.restoreSession();
    window.openConversation(demo);
    if (!url.isEmpty()) {
        window.setEndpoint(url, token);
        waitFor(
            [&window] { return window.client() && window.client()->state() == ChatClient::State::Connected; },
            10'000);
    }
    window.composer()->setDraft(MainWindow::tr("Summarize the recipe as a checklist"));
    window.show();
    settle(300);
    window.chatView()->scrollToBottomAndFollow();
    // The main window in both themes (main-light, main-dark); a translated one once, light (main-zh_CN).
    const bool both = name == u"main"_s;
    const QList<Settings::Theme> modes =
        both ? QList{Settings::Theme::Light, Settings::Theme::Dark} : QList{Settings::Theme::Light};
    for (const auto mode : modes) {
        settings.setTheme(mode);
        window.applyTheme();
        settle(300);
        shooter.shoot(&window,
                      both ? name + (mode == Settings::Theme::Light ? u"-light"_s : u"-dark"_s) : name);
    }
    settings.setTheme(Settings::Theme::Light);
    window.applyTheme();
    if (name == u"main"_s) {
        window.searchField()->setText(u"AeroPress"_s);
        window.search(u"AeroPress"_s);
        shooter.shoot(&window, u"main-search-light"_s);
    }
    window.searchField()->clear();
}

} // namespace

int ScreenshotTour::run(const QString& directory)
{
    QTemporaryDir profile;
    if (!profile.isValid())
        return 1;
    Shooter shooter(directory);
    HistoryStore store;
    if (!store.open(QDir(profile.path()).filePath(u"history.sqlite"_s)))
        return 1;
    Settings settings(QDir(profile.path()).filePath(u"settings.ini"_s));
    MemoryTokenStore tokens;
    const QString demo = demoConversation(store);
    const PromptTemplate tmpl = demoTemplate();
    (void)store.saveTemplate(StoredTemplate{tmpl.id, tmpl.version, tmpl.title, tmpl.category,
                                            TemplateFormat::toJson(tmpl), tmpl.updatedAt});

    LocalEngineOptions options;
    options.dataDir = QDir(profile.path()).filePath(u"engine"_s);
    LocalEngine engine(settings, &tokens, options);
    engine.start();
    waitFor(
        [&engine] {
            return engine.state() == LocalEngine::State::Running ||
                   engine.state() == LocalEngine::State::Failed;
        },
        15'000);

    shootWindow(shooter, store, settings, &tokens, engine.url(), engine.token(), demo, u"main"_s);

    // Dialogs, light theme.
    Theme::apply(Settings::Theme::Light);
    {
        SettingsDialog dialog(settings);
        dialog.load();
        shooter.shoot(&dialog, u"dialog-settings"_s);
    }
    {
        ShortcutsDialog dialog;
        shooter.shoot(&dialog, u"dialog-shortcuts"_s);
    }
    {
        TemplateOpportunityDialog dialog;
        dialog.setCategories({u"Marketing"_s, u"Business"_s, u"Coding"_s});
        dialog.setSuggestion(TemplateSuggestion{
            u"Product description"_s,
            u"You asked for two product descriptions with the same shape: product, feature, word limit."_s,
            u"Marketing"_s, 0.86, u"Two requests differ only in the product, the feature and the length."_s});
        shooter.shoot(&dialog, u"dialog-template-opportunity"_s);
    }
    {
        TemplateLibraryDialog dialog;
        PromptTemplate second = tmpl;
        second.id = u"tpl-review"_s;
        second.title = u"Code review"_s;
        second.category = u"Coding"_s;
        second.body = u"Review this diff for bugs and style:\n{{diff}}"_s;
        second.description = u"A careful review of a diff."_s;
        second.variables = {
            TemplateVariable{u"diff"_s, u"Diff"_s, {}, VariableType::Multiline, true, {}, {}}};
        dialog.setTemplates({tmpl, second});
        (void)dialog.selectTemplate(tmpl.id);
        dialog.resize(960, 560);
        shooter.shoot(&dialog, u"dialog-template-library"_s);
    }
    {
        TemplateFormDialog dialog(tmpl);
        (void)dialog.setValue(u"product"_s, u"AeroPress coffee maker"_s);
        (void)dialog.setValue(u"feature"_s, u"portability"_s);
        dialog.resize(580, 440);
        shooter.shoot(&dialog, u"dialog-template-form"_s);
    }
    {
        PromptOptimizerDialog dialog;
        OptimizationResult result;
        result.originalPrompt = u"write about coffee makers"_s;
        result.optimizedPrompt =
            u"Write a 150-word comparison of three manual coffee makers (AeroPress, French "
            "press, pour-over) for a beginner, covering taste, cleanup and price."_s;
        result.improvements = {u"Named the audience"_s, u"Set a length"_s, u"Listed what to compare"_s};
        result.suggestions = {u"Say which tone you want"_s};
        result.confidence = 0.82;
        result.provider = u"rules"_s;
        dialog.setResult(result);
        dialog.resize(900, 440);
        shooter.shoot(&dialog, u"dialog-optimizer"_s);
    }

    // The Chinese UI, when its translation is embedded.
    Translator translator;
    if (translator.apply(u"zh_CN"_s)) {
        shootWindow(shooter, store, settings, &tokens, engine.url(), engine.token(), demo, u"main-zh_CN"_s);
        translator.apply(u"en"_s);
    } else {
        QTextStream(stdout) << "no zh_CN translation embedded: the Chinese screenshot is skipped" << Qt::endl;
    }
    engine.stop();
    return shooter.failures() == 0 ? 0 : 1;
}

} // namespace pc
