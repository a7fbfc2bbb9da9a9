#include "i18n/Translator.h"

#include "UiLogging.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

using namespace Qt::Literals::StringLiterals;

namespace pc {

namespace {

struct Shipped {
    QString code;
    QString nativeName;
};

const QList<Shipped>& shipped()
{
    // English first: it is the source language and the fallback.
    static const QList<Shipped> list{
        {u"en"_s, u"English"_s},
        {u"zh_CN"_s, u"简体中文"_s},
        {u"de"_s, u"Deutsch"_s},
    };
    return list;
}

// Language and script decide: "zh-TW" (Traditional) is not served by zh_CN, "zh-SG" is.
bool serves(const QLocale& shippedLocale, const QLocale& wanted)
{
    return wanted.language() == shippedLocale.language() && wanted.script() == shippedLocale.script();
}

} // namespace

Translator::Translator(QObject* parent)
    : QObject(parent)
{}

Translator::~Translator()
{
    uninstall();
}

QStringList Translator::availableLanguages()
{
    QStringList codes;
    for (const Shipped& language : shipped())
        codes.append(language.code);
    return codes;
}

QString Translator::nativeName(const QString& code)
{
    for (const Shipped& language : shipped()) {
        if (language.code == code)
            return language.nativeName;
    }
    return {};
}

QString Translator::catalogPath(const QString& code)
{
    return u":/i18n/promptcraft_"_s + code + u".qm"_s;
}

QString Translator::bestMatch(const QStringList& uiLanguages)
{
    for (const QString& tag : uiLanguages) {
        const QString normalized = QString(tag).replace(u'-', u'_');
        if (availableLanguages().contains(normalized))
            return normalized;
        const QLocale wanted(tag);
        if (wanted.language() == QLocale::C || wanted.language() == QLocale::AnyLanguage)
            continue;
        for (const Shipped& language : shipped()) {
            if (serves(QLocale(language.code), wanted))
                return language.code;
        }
    }
    return {};
}

QString Translator::resolve(const QString& language)
{
    const QString wanted = language.trimmed();
    if (wanted.isEmpty() || wanted == System) {
        const QString match = bestMatch(QLocale::system().uiLanguages());
        return match.isEmpty() ? u"en"_s : match;
    }
    return bestMatch({wanted});
}

bool Translator::apply(const QString& language)
{
    const QString code = resolve(language);
    if (code.isEmpty()) {
        qCWarning(lcUi) << "no translation for the language" << language;
        return false;
    }
    if (code == m_current && m_app)
        return true;

    auto app = std::make_unique<QTranslator>();
    if (!app->load(catalogPath(code))) {
        qCWarning(lcUi) << "could not load the embedded translation" << catalogPath(code);
        return false;
    }
    // Qt's own strings (standard dialogs, text field menus) come from qtbase when it is installed; the
    // dialog buttons PromptCraft shows are translated in its own catalogue as well (QtStrings.cpp).
    std::unique_ptr<QTranslator> qt;
    if (code != u"en"_s) {
        qt = std::make_unique<QTranslator>();
        if (!qt->load(QLocale(code), u"qtbase"_s, u"_"_s, QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
            qt.reset();
    }

    uninstall();
    m_qt = std::move(qt);
    m_app = std::move(app);
    // The one installed last is asked first: ours, so that it can correct Qt's where both have a text.
    if (m_qt)
        QCoreApplication::installTranslator(m_qt.get());
    QCoreApplication::installTranslator(m_app.get());
    const bool changed = code != m_current;
    m_current = code;
    qCInfo(lcUi) << "language" << code << (m_qt ? "with" : "without") << "Qt's own translations";
    if (changed)
        Q_EMIT languageChanged(code);
    return true;
}

void Translator::uninstall()
{
    // Each removal posts a LanguageChange; Qt compresses them into one per window.
    if (QCoreApplication::instance()) {
        if (m_app)
            QCoreApplication::removeTranslator(m_app.get());
        if (m_qt)
            QCoreApplication::removeTranslator(m_qt.get());
    }
    m_app.reset();
    m_qt.reset();
}

} // namespace pc
