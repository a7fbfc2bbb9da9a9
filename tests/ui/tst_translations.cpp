#include "UiScreenshots.h"
#include "dialogs/PromptOptimizerDialog.h"
#include "dialogs/SettingsDialog.h"
#include "dialogs/ShortcutsDialog.h"
#include "dialogs/TemplateFormDialog.h"
#include "dialogs/TemplateLibraryDialog.h"
#include "dialogs/TemplateOpportunityDialog.h"
#include "i18n/QtStrings.h"
#include "i18n/Translator.h"
#include "widgets/Composer.h"
#include "widgets/ConnectionBanner.h"

#include <QAbstractButton>
#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>
#include <QVBoxLayout>
#include <QXmlStreamReader>

using namespace Qt::Literals::StringLiterals;
using pc::Translator;

namespace {

// One <message> of a .ts file.
struct TsMessage {
    QString context;
    QString source;
    bool numerus = false;
    QString type;             // the translation's type attribute: "", "unfinished", "vanished", "obsolete"
    QStringList translations; // one entry, or one per plural form
};

struct TsFile {
    QString language;
    QList<TsMessage> messages;
    QString error;
};

TsFile readTsFile(const QString& path)
{
    TsFile ts;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        ts.error = file.errorString();
        return ts;
    }
    QXmlStreamReader xml(&file);
    QString context;
    TsMessage message;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isEndElement() && xml.name() == u"message") {
            ts.messages.append(message);
            continue;
        }
        if (!xml.isStartElement())
            continue;
        const auto name = xml.name();
        if (name == u"TS") {
            ts.language = xml.attributes().value(u"language"_s).toString();
        } else if (name == u"name") {
            context = xml.readElementText();
        } else if (name == u"message") {
            message = TsMessage{context, {}, xml.attributes().value(u"numerus"_s) == u"yes", {}, {}};
        } else if (name == u"source") {
            message.source = xml.readElementText();
        } else if (name == u"translation") {
            message.type = xml.attributes().value(u"type"_s).toString();
            if (!message.numerus)
                message.translations.append(xml.readElementText());
        } else if (name == u"numerusform") {
            message.translations.append(xml.readElementText());
        }
    }
    if (xml.hasError())
        ts.error = xml.errorString();
    return ts;
}

QString tsPath(const QString& language)
{
    return QDir(QStringLiteral(PC_TRANSLATIONS_DIR)).filePath(u"promptcraft_"_s + language + u".ts"_s);
}

int pluralForms(const QString& language)
{
    return language == u"zh_CN" ? 1 : 2;
}

// %1..%99 and %n, as QString::arg() and tr()'s numerus see them (%L1 counts as %1).
QSet<QString> placeholders(const QString& text)
{
    static const QRegularExpression marker(u"%L?(\\d{1,2}|n)"_s);
    QSet<QString> found;
    for (auto it = marker.globalMatch(text); it.hasNext();)
        found.insert(it.next().captured(1));
    return found;
}

QSet<QString> markupTags(const QString& text)
{
    static const QRegularExpression tag(u"</?[A-Za-z][^<>]*>"_s);
    QSet<QString> found;
    for (auto it = tag.globalMatch(text); it.hasNext();)
        found.insert(it.next().captured(0));
    return found;
}

// Whether a text marks a keyboard shortcut with '&' ("&&" is a literal ampersand).
bool hasMnemonic(const QString& text)
{
    return !QKeySequence::mnemonic(text).isEmpty();
}

void settle()
{
    // Installing a translator posts LanguageChange to every window; deliver them.
    QCoreApplication::sendPostedEvents(nullptr, QEvent::LanguageChange);
    QCoreApplication::processEvents();
}

// The '&' shortcuts a window offers while it shows what it shows now, with who offers them.
QMultiMap<QString, QString> mnemonics(QWidget* window)
{
    QMultiMap<QString, QString> keys;
    const auto add = [&](const QString& text) {
        const QKeySequence key = QKeySequence::mnemonic(text);
        if (!key.isEmpty())
            keys.insert(key.toString(QKeySequence::PortableText), text);
    };
    const QList<QWidget*> widgets = window->findChildren<QWidget*>();
    for (QWidget* w : widgets) {
        if (!w->isVisibleTo(window))
            continue;
        if (auto* label = qobject_cast<QLabel*>(w); label && label->buddy())
            add(label->text());
        else if (auto* button = qobject_cast<QAbstractButton*>(w))
            add(button->text());
        else if (auto* tabs = qobject_cast<QTabWidget*>(w)) {
            for (int i = 0; i < tabs->count(); ++i)
                add(tabs->tabText(i));
        }
    }
    return keys;
}

QStringList clashes(const QMultiMap<QString, QString>& keys)
{
    QStringList out;
    const QList<QString> unique = keys.uniqueKeys();
    for (const QString& key : unique) {
        if (keys.count(key) > 1)
            out.append(key + u": "_s + QStringList(keys.values(key)).join(u" | "_s));
    }
    return out;
}

} // namespace

class TestTranslations : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();

    void languagesAreShipped();
    void catalogsAreEmbedded();
    void tsFilesAreComplete_data();
    void tsFilesAreComplete();
    void placeholdersArePreserved_data();
    void placeholdersArePreserved();
    void everyTextIsInEveryLanguage();
    void qtStringsAreTranslated();
    void resolvesLanguages();
    void applyRefusesUnknownLanguages();
    void englishPluralForms();
    void switchingRetranslatesWidgets();
    void dialogsRetranslate();
    void settingsDialogAnnouncesNewLanguage();
    void shortcutsAreUniqueInDialogs_data();
    void shortcutsAreUniqueInDialogs();
    void screenshots();

private:
    Translator m_translator;
};

void TestTranslations::initTestCase()
{
    QVERIFY(m_translator.apply(u"en"_s));
}

void TestTranslations::cleanup()
{
    QVERIFY(m_translator.apply(u"en"_s));
    settle();
}

void TestTranslations::languagesAreShipped()
{
    QCOMPARE(Translator::availableLanguages(), QStringList({u"en"_s, u"zh_CN"_s, u"de"_s}));
    QCOMPARE(Translator::nativeName(u"en"_s), u"English"_s);
    QCOMPARE(Translator::nativeName(u"zh_CN"_s), u"简体中文"_s);
    QCOMPARE(Translator::nativeName(u"de"_s), u"Deutsch"_s);
    QVERIFY(Translator::nativeName(u"fr"_s).isEmpty());
    for (const QString& language : Translator::availableLanguages())
        QVERIFY2(QFile::exists(tsPath(language)), qPrintable(tsPath(language)));
}

void TestTranslations::catalogsAreEmbedded()
{
    for (const QString& language : Translator::availableLanguages()) {
        QTranslator translator;
        QVERIFY2(translator.load(Translator::catalogPath(language)), qPrintable(language));
        QVERIFY(!translator.isEmpty());
        // lrelease keeps the language; a catalogue compiled from the wrong file would not match.
        QCOMPARE(QLocale(translator.language()).language(), QLocale(language).language());
    }
    // Every translated text of a .ts file made it into its .qm.
    QTranslator german;
    QVERIFY(german.load(Translator::catalogPath(u"de"_s)));
    const TsFile ts = readTsFile(tsPath(u"de"_s));
    QVERIFY2(ts.error.isEmpty(), qPrintable(ts.error));
    for (const TsMessage& m : ts.messages) {
        const QString translated = german.translate(
            m.context.toUtf8().constData(), m.source.toUtf8().constData(), nullptr, m.numerus ? 2 : -1);
        QVERIFY2(!translated.isEmpty(), qPrintable(m.context + u" / "_s + m.source));
    }
}

void TestTranslations::tsFilesAreComplete_data()
{
    QTest::addColumn<QString>("language");
    for (const QString& language : Translator::availableLanguages())
        QTest::newRow(qPrintable(language)) << language;
}

void TestTranslations::tsFilesAreComplete()
{
    QFETCH(QString, language);
    const TsFile ts = readTsFile(tsPath(language));
    QVERIFY2(ts.error.isEmpty(), qPrintable(ts.error));
    QVERIFY(!ts.messages.isEmpty());
    QCOMPARE(QLocale(ts.language).language(), QLocale(language).language());
    QStringList problems;
    for (const TsMessage& m : ts.messages) {
        const QString where = m.context + u" / "_s + m.source;
        if (!m.type.isEmpty())
            problems.append(m.type + u": "_s + where);
        if (m.numerus && m.translations.size() != pluralForms(language))
            problems.append(
                u"%1 plural forms instead of %2: "_s.arg(m.translations.size()).arg(pluralForms(language)) +
                where);
        if (m.translations.isEmpty() || m.translations.contains(QString()))
            problems.append(u"empty: "_s + where);
    }
    if (language == u"en") {
        // The source language's file gives plural forms only.
        for (const TsMessage& m : ts.messages)
            QVERIFY2(m.numerus, qPrintable(m.source));
    }
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
}

void TestTranslations::placeholdersArePreserved_data()
{
    tsFilesAreComplete_data();
}

void TestTranslations::placeholdersArePreserved()
{
    QFETCH(QString, language);
    const TsFile ts = readTsFile(tsPath(language));
    QVERIFY2(ts.error.isEmpty(), qPrintable(ts.error));
    QStringList problems;
    for (const TsMessage& m : ts.messages) {
        for (const QString& translation : m.translations) {
            const QString where = m.context + u" / "_s + m.source + u" -> "_s + translation;
            if (placeholders(translation) != placeholders(m.source))
                problems.append(u"placeholders differ: "_s + where);
            if (markupTags(translation) != markupTags(m.source))
                problems.append(u"markup differs: "_s + where);
            if (hasMnemonic(translation) != hasMnemonic(m.source))
                problems.append(u"keyboard shortcut '&' added or lost: "_s + where);
            if (m.source.contains(u"(*") && !translation.contains(u"(*.json)"))
                problems.append(u"file filter changed: "_s + where);
        }
    }
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
}

void TestTranslations::everyTextIsInEveryLanguage()
{
    // Both translations come from the same lupdate run (scripts/update-translations.sh).
    const auto keys = [](const QString& language) {
        QSet<QString> out;
        for (const TsMessage& m : readTsFile(tsPath(language)).messages)
            out.insert(m.context + u'\x1f' + m.source);
        return out;
    };
    const QSet<QString> german = keys(u"de"_s);
    QCOMPARE(keys(u"zh_CN"_s), german);
    // The English file's plural texts are among them.
    QVERIFY(german.contains(keys(u"en"_s)));
    QVERIFY(!keys(u"en"_s).isEmpty());
}

void TestTranslations::qtStringsAreTranslated()
{
    // Qt's own dialog buttons come from our catalogue even without qtbase_<lang>.qm installed.
    QVERIFY(m_translator.apply(u"de"_s));
    for (const pc::QtString& s : pc::qtStrings()) {
        const QString translated = QCoreApplication::translate(s.context, s.source);
        if (QString::fromUtf8(s.source) != u"OK" && QString::fromUtf8(s.source) != u"&OK" &&
            QString::fromUtf8(s.source) != u"Esc")
            QVERIFY2(translated != QString::fromUtf8(s.source), s.source);
    }
    QDialogButtonBox box(QDialogButtonBox::Ok | QDialogButtonBox::Cancel | QDialogButtonBox::Close);
    QVERIFY(box.button(QDialogButtonBox::Cancel)->text().remove(u'&') == u"Abbrechen"_s);
    QVERIFY(box.button(QDialogButtonBox::Close)->text().remove(u'&') == u"Schließen"_s);
}

void TestTranslations::resolvesLanguages()
{
    QCOMPARE(Translator::bestMatch({u"de-AT"_s}), u"de"_s);
    QCOMPARE(Translator::bestMatch({u"de_DE"_s}), u"de"_s);
    QCOMPARE(Translator::bestMatch({u"zh-Hans-CN"_s}), u"zh_CN"_s);
    QCOMPARE(Translator::bestMatch({u"zh-CN"_s}), u"zh_CN"_s);
    QCOMPARE(Translator::bestMatch({u"zh-SG"_s}), u"zh_CN"_s);
    QCOMPARE(Translator::bestMatch({u"zh"_s}), u"zh_CN"_s);
    // Traditional Chinese is not served by the Simplified catalogue: the next choice wins.
    QCOMPARE(Translator::bestMatch({u"zh-TW"_s, u"en-GB"_s}), u"en"_s);
    QCOMPARE(Translator::bestMatch({u"fr-FR"_s, u"de-CH"_s, u"en-US"_s}), u"de"_s);
    QCOMPARE(Translator::bestMatch({u"fr-FR"_s, u"pt-BR"_s}), QString());
    QCOMPARE(Translator::bestMatch({}), QString());

    QCOMPARE(Translator::resolve(u"zh_CN"_s), u"zh_CN"_s);
    QCOMPARE(Translator::resolve(u"de-DE"_s), u"de"_s);
    QCOMPARE(Translator::resolve(u"pt_BR"_s), QString());
    // The system's choice is always one we ship (English when none matches).
    const QString system = Translator::resolve(QString());
    QVERIFY2(Translator::availableLanguages().contains(system), qPrintable(system));
    QCOMPARE(Translator::resolve(u"system"_s), system);
    QCOMPARE(system, Translator::bestMatch(QLocale::system().uiLanguages()).isEmpty()
                         ? u"en"_s
                         : Translator::bestMatch(QLocale::system().uiLanguages()));
}

void TestTranslations::applyRefusesUnknownLanguages()
{
    QSignalSpy changed(&m_translator, &Translator::languageChanged);
    QVERIFY(m_translator.apply(u"de"_s));
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.takeFirst().first().toString(), u"de"_s);
    QVERIFY(m_translator.apply(u"de_DE"_s)); // the same language: nothing to do
    QCOMPARE(changed.size(), 0);
    QVERIFY(!m_translator.apply(u"pt_BR"_s));
    QCOMPARE(m_translator.currentLanguage(), u"de"_s);
    QCOMPARE(QCoreApplication::translate("pc::Composer", "Send"), u"Senden"_s);
    QVERIFY(m_translator.apply(u"en"_s));
    QCOMPARE(changed.size(), 1);
    QCOMPARE(QCoreApplication::translate("pc::Composer", "Send"), u"Send"_s);
}

void TestTranslations::englishPluralForms()
{
    QVERIFY(m_translator.apply(u"en"_s));
    const char* context = "pc::KeychainTokenStore";
    const char* source = "The system keychain did not answer within %n second(s).";
    QCOMPARE(QCoreApplication::translate(context, source, nullptr, 1),
             u"The system keychain did not answer within 1 second."_s);
    QCOMPARE(QCoreApplication::translate(context, source, nullptr, 5),
             u"The system keychain did not answer within 5 seconds."_s);
    QVERIFY(m_translator.apply(u"de"_s));
    QCOMPARE(QCoreApplication::translate(context, source, nullptr, 1),
             u"Der Schlüsselbund des Systems hat nicht innerhalb von 1 Sekunde geantwortet."_s);
    QCOMPARE(QCoreApplication::translate(context, source, nullptr, 5),
             u"Der Schlüsselbund des Systems hat nicht innerhalb von 5 Sekunden geantwortet."_s);
    QVERIFY(m_translator.apply(u"zh_CN"_s));
    QCOMPARE(QCoreApplication::translate(context, source, nullptr, 5), u"系统密钥环在 5 秒内没有响应。"_s);
}

void TestTranslations::switchingRetranslatesWidgets()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    pc::Settings settings(dir.filePath(u"settings.ini"_s));

    // Shown and never-shown windows: Qt reaches them by different paths.
    pc::Composer composer;
    composer.show();
    QVERIFY(QTest::qWaitForWindowExposed(&composer));
    pc::ConnectionBanner banner;
    banner.setOffline(3);
    pc::SettingsDialog dialog(settings);
    auto* tabs = dialog.findChild<QTabWidget*>(u"settingsTabs"_s);
    QVERIFY(tabs);
    auto* cancel = dialog.findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Cancel);
    QVERIFY(cancel);

    const auto expect = [&](const QString& send, const QString& bannerText, const QString& title,
                            const QString& firstTab, const QString& cancelText) {
        QCOMPARE(composer.sendButton()->text(), send);
        QCOMPARE(banner.text(), bannerText);
        QCOMPARE(banner.findChild<QLabel*>(u"connectionBannerText"_s)->text(), bannerText);
        QCOMPARE(dialog.windowTitle(), title);
        QCOMPARE(tabs->tabText(0), firstTab);
        QCOMPARE(cancel->text().remove(u'&'), cancelText);
    };
    expect(u"Send"_s, u"Offline. 3 messages will be sent when connected."_s, u"Settings"_s, u"&Connection"_s,
           u"Cancel"_s);

    QVERIFY(m_translator.apply(u"de"_s));
    settle();
    expect(u"Senden"_s, u"Offline. 3 Nachrichten werden gesendet, sobald die Verbindung steht."_s,
           u"Einstellungen"_s, u"&Verbindung"_s, u"Abbrechen"_s);
    // State-dependent texts follow as well.
    composer.setGenerating(true);
    QCOMPARE(composer.sendButton()->text(), u"Stopp"_s);
    composer.setGenerating(false);
    banner.setReconnecting(std::chrono::seconds(5));
    QCOMPARE(banner.text(), u"Verbindung unterbrochen. Neuer Versuch in 5 s… 3 Nachrichten werden gesendet, "
                            u"sobald die Verbindung steht."_s);
    banner.setOffline(3);

    QVERIFY(m_translator.apply(u"zh_CN"_s));
    settle();
    expect(u"发送"_s, u"离线。连接后将发送 3 条消息。"_s, u"设置"_s, u"连接(&C)"_s, u"取消"_s);
    QCOMPARE(composer.editor()->placeholderText(),
             u"给 PromptCraft 发消息（Enter 发送，Shift+Enter 换行）"_s);

    QVERIFY(m_translator.apply(u"en"_s));
    settle();
    expect(u"Send"_s, u"Offline. 3 messages will be sent when connected."_s, u"Settings"_s, u"&Connection"_s,
           u"Cancel"_s);
    QCOMPARE(composer.editor()->placeholderText(),
             u"Message PromptCraft (Enter sends, Shift+Enter starts a new line)"_s);
}

void TestTranslations::dialogsRetranslate()
{
    pc::ShortcutsDialog shortcuts;
    pc::TemplateOpportunityDialog opportunity;
    pc::TemplateLibraryDialog library;
    pc::PromptOptimizerDialog optimizer;
    pc::OptimizationResult result;
    result.originalPrompt = u"write about dogs"_s;
    result.optimizedPrompt = u"Write a short article about dogs"_s;
    result.confidence = 0.8;
    optimizer.setResult(result);
    pc::TemplateFormDialog form;
    pc::PromptTemplate tmpl;
    tmpl.id = u"t1"_s;
    tmpl.title = u"Email"_s;
    tmpl.body = u"Write to {{who}} about {{topic}}"_s;
    tmpl.variables = {pc::TemplateVariable{u"who"_s, {}, {}, pc::VariableType::Text, true, {}, {}},
                      pc::TemplateVariable{
                          u"topic"_s, {}, {}, pc::VariableType::Enum, false, {u"work"_s, u"holiday"_s}, {}}};
    form.setTemplate(tmpl);
    auto* topic = qobject_cast<QComboBox*>(form.field(u"topic"_s));
    QVERIFY(topic);
    QCOMPARE(topic->itemText(0), u"(none)"_s);
    QVERIFY(form.setValue(u"who"_s, u"Ada"_s));

    QVERIFY(m_translator.apply(u"de"_s));
    settle();
    QCOMPARE(shortcuts.windowTitle(), u"Tastenkürzel"_s);
    QCOMPARE(opportunity.windowTitle(), u"Als Vorlage speichern?"_s);
    QCOMPARE(opportunity.findChild<QComboBox*>(u"categoryCombo"_s)->itemText(0), u"Allgemein"_s);
    QCOMPARE(library.windowTitle(), u"Vorlagenbibliothek"_s);
    QCOMPARE(library.useButton()->text(), u"Verwenden…"_s);
    QCOMPARE(optimizer.useButton()->text(), u"Optimierten verwenden"_s);
    QCOMPARE(optimizer.confidenceLabel()->text(), u"Konfidenz: 80 %"_s);
    QCOMPARE(form.windowTitle(), u"Ausfüllen: Email"_s);
    QCOMPARE(topic->itemText(0), u"(keine)"_s);
    QCOMPARE(form.useButton()->text(), u"Verwenden"_s);
    // What the user typed stays.
    QCOMPARE(form.values().value(u"who"_s), u"Ada"_s);

    QVERIFY(m_translator.apply(u"zh_CN"_s));
    settle();
    QCOMPARE(shortcuts.windowTitle(), u"键盘快捷键"_s);
    QCOMPARE(library.windowTitle(), u"模板库"_s);
    QCOMPARE(optimizer.confidenceLabel()->text(), u"置信度：80%"_s);
    QCOMPARE(topic->itemText(0), u"（无）"_s);

    QVERIFY(m_translator.apply(u"en"_s));
    settle();
    QCOMPARE(shortcuts.windowTitle(), u"Keyboard shortcuts"_s);
    QCOMPARE(opportunity.findChild<QComboBox*>(u"categoryCombo"_s)->itemText(0), u"General"_s);
    QCOMPARE(optimizer.confidenceLabel()->text(), u"Confidence: 80%"_s);
    QCOMPARE(form.windowTitle(), u"Fill in: Email"_s);
}

void TestTranslations::settingsDialogAnnouncesNewLanguage()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    pc::Settings settings(dir.filePath(u"settings.ini"_s));
    pc::SettingsDialog dialog(settings);
    auto* language = dialog.findChild<QComboBox*>(u"languageCombo"_s);
    QVERIFY(language);
    // System language first, then each shipped language named in itself.
    QCOMPARE(language->itemData(0).toString(), QString());
    for (const QString& code : Translator::availableLanguages())
        QCOMPARE(language->itemText(language->findData(code)), Translator::nativeName(code));

    QSignalSpy changed(&dialog, &pc::SettingsDialog::languageChanged);
    QVERIFY(dialog.apply());
    QCOMPARE(changed.size(), 0);
    language->setCurrentIndex(language->findData(u"de"_s));
    QVERIFY(dialog.apply());
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.first().first().toString(), u"de"_s);
    QCOMPARE(settings.language(), u"de"_s);

    // What the composition root does with it.
    QVERIFY(m_translator.apply(changed.first().first().toString()));
    settle();
    QCOMPARE(dialog.windowTitle(), u"Einstellungen"_s);
    QCOMPARE(language->itemText(0), u"Systemsprache"_s);
    QCOMPARE(language->currentText(), u"Deutsch"_s);
}

void TestTranslations::shortcutsAreUniqueInDialogs_data()
{
    // English has known clashes with "&Appearance" (Address, API key, Add), which Qt resolves by
    // cycling focus; the translations avoid them.
    QTest::addColumn<QString>("language");
    QTest::newRow("de") << u"de"_s;
    QTest::newRow("zh_CN") << u"zh_CN"_s;
}

void TestTranslations::shortcutsAreUniqueInDialogs()
{
    QFETCH(QString, language);
    QVERIFY(m_translator.apply(language));
    settle();
    QStringList problems;

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    pc::Settings settings(dir.filePath(u"settings.ini"_s));
    pc::SettingsDialog settingsDialog(settings);
    settingsDialog.setSignedIn(false);
    for (int page = 0; page < settingsDialog.tabs()->count(); ++page) {
        settingsDialog.tabs()->setCurrentIndex(page);
        for (const QString& clash : clashes(mnemonics(&settingsDialog)))
            problems.append(u"Settings, page %1: "_s.arg(page) + clash);
    }
    pc::PromptOptimizerDialog optimizer;
    pc::TemplateOpportunityDialog opportunity;
    pc::TemplateLibraryDialog library;
    pc::TemplateFormDialog form;
    for (QWidget* w : std::initializer_list<QWidget*>{&optimizer, &opportunity, &library, &form}) {
        for (const QString& clash : clashes(mnemonics(w)))
            problems.append(w->windowTitle() + u": "_s + clash);
    }
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
}

void TestTranslations::screenshots()
{
    if (pc::testing::screenshotDir().isEmpty())
        QSKIP("PC_SCREENSHOT_DIR not set");
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    pc::Settings settings(dir.filePath(u"settings.ini"_s));
    for (const QString& language : {u"de"_s, u"zh_CN"_s}) {
        QVERIFY(m_translator.apply(language));
        settle();
        pc::SettingsDialog dialog(settings);
        for (int page = 0; page < dialog.tabs()->count(); ++page) {
            dialog.tabs()->setCurrentIndex(page);
            QCOMPARE(pc::testing::saveScreenshots(&dialog, u"settings-%1-page%2"_s.arg(language).arg(page)),
                     2);
        }
        QWidget chat;
        auto* layout = new QVBoxLayout(&chat);
        auto* banner = new pc::ConnectionBanner(&chat);
        banner->setReconnecting(std::chrono::seconds(12));
        banner->setQueuedCount(2);
        layout->addWidget(banner);
        layout->addStretch(1);
        auto* composer = new pc::Composer(&chat);
        composer->setConnected(false);
        layout->addWidget(composer);
        chat.resize(720, 260);
        QCOMPARE(pc::testing::saveScreenshots(&chat, u"composer-%1"_s.arg(language)), 2);
        pc::TemplateLibraryDialog library;
        QCOMPARE(pc::testing::saveScreenshots(&library, u"templatelibrary-%1"_s.arg(language)), 2);
        pc::TemplateOpportunityDialog opportunity;
        QCOMPARE(pc::testing::saveScreenshots(&opportunity, u"templateopportunity-%1"_s.arg(language)), 2);
    }
}

QTEST_MAIN(TestTranslations)
#include "tst_translations.moc"
