#include "theme/Icons.h"
#include "theme/Theme.h"

#include <QApplication>
#include <QTest>

#include <cmath>

using namespace Qt::Literals::StringLiterals;
using pc::Icons;
using pc::Settings;
using pc::Theme;

class TestTheme : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void palettesAreWhatTheySay();
    void applySwitchesPaletteAndBack();
    void semanticColoursAreReadable();
    void everyIconIsThere();
};

namespace {

// WCAG contrast ratio.
double contrast(const QColor& a, const QColor& b)
{
    const auto luminance = [](const QColor& c) {
        const auto channel = [](double v) {
            return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
        };
        return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF());
    };
    const double la = luminance(a);
    const double lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

} // namespace

void TestTheme::palettesAreWhatTheySay()
{
    QVERIFY(!Theme::isDark(Theme::lightPalette()));
    QVERIFY(Theme::isDark(Theme::darkPalette()));
}

void TestTheme::applySwitchesPaletteAndBack()
{
    const QPalette platform = QApplication::palette();
    Theme::apply(Settings::Theme::Dark);
    QVERIFY(Theme::isDarkActive());
    QCOMPARE(QApplication::palette().color(QPalette::Window), Theme::darkPalette().color(QPalette::Window));
    QVERIFY(qApp->styleSheet().contains(u"accent"));

    Theme::apply(Settings::Theme::Light);
    QVERIFY(!Theme::isDarkActive());
    QCOMPARE(QApplication::palette().color(QPalette::Window), Theme::lightPalette().color(QPalette::Window));

    // System: back to the platform's own palette; dark or light is read from its window colour.
    Theme::apply(Settings::Theme::System);
    QCOMPARE(QApplication::palette().color(QPalette::Window), platform.color(QPalette::Window));
    QCOMPARE(Theme::isDarkActive(), Theme::isDark(platform));
}

void TestTheme::semanticColoursAreReadable()
{
    for (const QPalette& p : {Theme::lightPalette(), Theme::darkPalette()}) {
        const QColor window = p.color(QPalette::Window);
        const QColor base = p.color(QPalette::Base);
        QVERIFY(contrast(p.color(QPalette::Text), base) >= 7.0);
        QVERIFY(contrast(Theme::onUserBubble(p), Theme::userBubble(p)) >= 4.0);
        QVERIFY(contrast(p.color(QPalette::Text), Theme::assistantBubble(p)) >= 7.0);
        QVERIFY(contrast(Theme::muted(p), window) >= 3.0);
        for (const QColor& c : {Theme::danger(p), Theme::warning(p), Theme::info(p), Theme::success(p)}) {
            QVERIFY2(contrast(c, Theme::tint(p, c)) >= 3.0, qPrintable(c.name()));
            QVERIFY2(contrast(p.color(QPalette::Text), Theme::tint(p, c)) >= 7.0, qPrintable(c.name()));
        }
    }
}

void TestTheme::everyIconIsThere()
{
    const QStringList names = {u"send"_s,     u"stop"_s,     u"new-chat"_s, u"search"_s,
                               u"settings"_s, u"template"_s, u"optimize"_s, u"copy"_s,
                               u"retry"_s,    u"pin"_s,      u"archive"_s,  u"delete"_s};
    for (const QString& name : names) {
        QVERIFY2(Icons::exists(name), qPrintable(name));
        const QIcon icon = Icons::icon(name, QColor(Qt::red));
        const QImage image = icon.pixmap(QSize(24, 24)).toImage();
        QVERIFY2(!image.isNull(), qPrintable(name));
        // Tinted: every painted pixel has the colour asked for.
        bool painted = false;
        for (int y = 0; y < image.height(); ++y) {
            for (int x = 0; x < image.width(); ++x) {
                const QColor c = image.pixelColor(x, y);
                if (c.alpha() > 128) {
                    painted = true;
                    QCOMPARE(c.red(), 255);
                    QCOMPARE(c.green(), 0);
                }
            }
        }
        QVERIFY2(painted, qPrintable(name));
        // Drawn for the screen's own pixel density, not scaled from 1x or 2x.
        for (const qreal ratio : {1.25, 1.5, 3.0}) {
            const QPixmap sharp = icon.pixmap(QSize(24, 24), ratio);
            QCOMPARE(sharp.size(), QSize(int(std::ceil(24 * ratio)), int(std::ceil(24 * ratio))));
            QCOMPARE(sharp.devicePixelRatio(), ratio);
        }
        // Disabled: the same shape, faded.
        const QImage disabled = icon.pixmap(QSize(24, 24), QIcon::Disabled).toImage();
        int maxAlpha = 0;
        for (int y = 0; y < disabled.height(); ++y)
            for (int x = 0; x < disabled.width(); ++x)
                maxAlpha = std::max(maxAlpha, disabled.pixelColor(x, y).alpha());
        QVERIFY2(maxAlpha > 0 && maxAlpha <= 110, qPrintable(u"%1: %2"_s.arg(name).arg(maxAlpha)));
    }
    QVERIFY(!Icons::exists(u"nope"_s));
}

QTEST_MAIN(TestTheme)
#include "tst_theme.moc"
