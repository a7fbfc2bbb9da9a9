#pragma once

#include <QObject>
#include <QStringList>

#include <memory>

class QTranslator;

namespace pc {

// The UI language. The .qm files are embedded in pc_ui under :/i18n/ (promptcraft_<code>.qm); apply()
// installs the chosen one on the application (plus Qt's own qtbase_<code>.qm from
// QLibraryInfo::TranslationsPath when that is installed) and removes the previous ones. Installing
// makes Qt send QEvent::LanguageChange to every window, and each widget re-sets its texts in its
// changeEvent (retranslateUi()), so switching needs no restart.
//
// One instance, owned by the composition root: apply(settings.language()) before the first window is
// built, and again whenever the settings are saved (SettingsDialog::languageChanged).
class Translator final : public QObject {
    Q_OBJECT

public:
    // The value of Settings::language() that follows the system ("" is the same).
    static constexpr QStringView System = u"system";

    explicit Translator(QObject* parent = nullptr);
    ~Translator() override;

    // The languages PromptCraft ships, as codes: "en" (the source language), "zh_CN", "de".
    [[nodiscard]] static QStringList availableLanguages();
    // Each language named in itself ("English", "简体中文", "Deutsch"), so that people can find theirs.
    [[nodiscard]] static QString nativeName(const QString& code);
    // The shipped language a request stands for: an available code as is; a tag such as "de-AT",
    // "de_DE" or "zh-Hans-CN" by language and script; "" or "system" by the first match in
    // QLocale::system().uiLanguages(), English when none matches. Empty when nothing shipped fits.
    [[nodiscard]] static QString resolve(const QString& language);
    // The first shipped language in a list of BCP 47 tags (QLocale::uiLanguages() order), or empty.
    [[nodiscard]] static QString bestMatch(const QStringList& uiLanguages);
    // Where the embedded catalogue of a shipped language lives.
    [[nodiscard]] static QString catalogPath(const QString& code);

    // Switches the application to a language (see resolve()). False, changing nothing, when the
    // language is not shipped or its catalogue cannot be loaded; true when it is (already) current.
    bool apply(const QString& language);
    // The code in use ("en" until apply() chose another).
    [[nodiscard]] QString currentLanguage() const { return m_current; }
    // Whether Qt's own translations (standard dialogs, context menus) were found for it.
    [[nodiscard]] bool hasQtTranslations() const { return m_qt != nullptr; }

Q_SIGNALS:
    void languageChanged(const QString& code);

private:
    void uninstall();

    QString m_current = QStringLiteral("en");
    std::unique_ptr<QTranslator> m_app;
    std::unique_ptr<QTranslator> m_qt;
};

} // namespace pc
