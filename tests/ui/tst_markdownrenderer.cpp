#include "chat/InertTextDocument.h"
#include "chat/MarkdownRenderer.h"

#include <QAbstractTextDocumentLayout>
#include <QElapsedTimer>
#include <QGuiApplication>
#include <QPainter>
#include <QPalette>
#include <QTest>
#include <QTextBlock>
#include <QTextFrame>
#include <QTextList>
#include <QTextTable>

using namespace Qt::Literals::StringLiterals;
using pc::InertTextDocument;
using pc::MarkdownRenderer;

namespace {

MarkdownRenderer::Style testStyle()
{
    return MarkdownRenderer::Style::fromPalette(QGuiApplication::palette(), QGuiApplication::font());
}

struct Anchor {
    QString text;
    QString href;
};

QList<Anchor> anchors(const QTextDocument& doc)
{
    QList<Anchor> out;
    for (QTextBlock b = doc.begin(); b.isValid(); b = b.next()) {
        for (auto it = b.begin(); !it.atEnd(); ++it) {
            const QTextCharFormat f = it.fragment().charFormat();
            if (f.isAnchor() || !f.anchorHref().isEmpty())
                out.append({it.fragment().text(), f.anchorHref()});
        }
    }
    return out;
}

QList<QTextImageFormat> images(const QTextDocument& doc)
{
    QList<QTextImageFormat> out;
    for (QTextBlock b = doc.begin(); b.isValid(); b = b.next()) {
        for (auto it = b.begin(); !it.atEnd(); ++it) {
            if (it.fragment().charFormat().isImageFormat())
                out.append(it.fragment().charFormat().toImageFormat());
        }
    }
    return out;
}

QList<QTextTable*> tables(const QTextDocument& doc)
{
    QList<QTextTable*> out;
    QList<QTextFrame*> pending = doc.rootFrame()->childFrames();
    while (!pending.isEmpty()) {
        QTextFrame* f = pending.takeFirst();
        if (auto* t = qobject_cast<QTextTable*>(f))
            out.append(t);
        pending += f->childFrames();
    }
    return out;
}

void layOutAndPaint(QTextDocument& doc, int width)
{
    doc.setTextWidth(width);
    const QSizeF size = doc.documentLayout()->documentSize();
    QImage image(QSize(width, int(std::min<qreal>(size.height(), 4000))), QImage::Format_ARGB32);
    image.fill(Qt::white);
    QPainter painter(&image);
    doc.drawContents(&painter);
}

} // namespace

class TestMarkdownRenderer : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void headingsListsTables();
    void codeIsShaded();
    void htmlIsText();
    void links();
    void isSafeLink_data();
    void isSafeLink();
    void imagesAreNeverLoaded();
    void boundedText();
    void hugeTableIsCappedAndInert();
    void plainText();
    void codeBlocks_data();
    void codeBlocks();
};

void TestMarkdownRenderer::headingsListsTables()
{
    InertTextDocument doc;
    MarkdownRenderer::render(doc,
                             u"# Title\n\nSome *text*.\n\n- one\n- two\n\n1. first\n2. second\n\n"
                             u"| a | b |\n|---|---|\n| 1 | 2 |\n| 3 | 4 |\n"_s,
                             testStyle());
    QTextBlock first = doc.begin();
    QCOMPARE(first.text(), u"Title"_s);
    QCOMPARE(first.blockFormat().headingLevel(), 1);

    int listItems = 0;
    for (QTextBlock b = doc.begin(); b.isValid(); b = b.next()) {
        if (b.textList())
            ++listItems;
    }
    QCOMPARE(listItems, 4);

    const QList<QTextTable*> t = tables(doc);
    QCOMPARE(t.size(), 1);
    QCOMPARE(t.first()->rows(), 3);
    QCOMPARE(t.first()->columns(), 2);
    QCOMPARE(t.first()->cellAt(2, 1).firstCursorPosition().block().text(), u"4"_s);
    QCOMPARE(t.first()->format().border(), 1.0);
}

void TestMarkdownRenderer::codeIsShaded()
{
    const MarkdownRenderer::Style style = testStyle();
    InertTextDocument doc;
    MarkdownRenderer::render(doc, u"Before `inline` after\n\n```cpp\nint x = 1;\nint y = 2;\n```\n\nEnd\n"_s,
                             style);
    int shadedBlocks = 0;
    bool inlineShaded = false;
    for (QTextBlock b = doc.begin(); b.isValid(); b = b.next()) {
        if (b.text().startsWith(u"int ") || b.text().contains(u"int x")) {
            QCOMPARE(b.blockFormat().background().color(), style.codeBackground);
            ++shadedBlocks;
        }
        if (b.text() == u"End")
            QCOMPARE(b.blockFormat().background().style(), Qt::NoBrush);
        for (auto it = b.begin(); !it.atEnd(); ++it) {
            if (it.fragment().text() == u"inline")
                inlineShaded = it.fragment().charFormat().background().color() == style.codeBackground;
        }
    }
    QVERIFY(shadedBlocks >= 1);
    QVERIFY(inlineShaded);
    QVERIFY(doc.toPlainText().contains(u"int y = 2;"));
}

void TestMarkdownRenderer::htmlIsText()
{
    InertTextDocument doc;
    MarkdownRenderer::render(
        doc, u"<script>alert(1)</script>\n\nHello <b>bold</b> <img src=\"http://evil.example/x.png\">\n"_s,
        testStyle());
    const QString text = doc.toPlainText();
    QVERIFY2(text.contains(u"<script>alert(1)</script>"), qPrintable(text));
    QVERIFY(text.contains(u"<b>bold</b>"));
    QVERIFY(images(doc).isEmpty());
    for (QTextBlock b = doc.begin(); b.isValid(); b = b.next()) {
        for (auto it = b.begin(); !it.atEnd(); ++it)
            QVERIFY(it.fragment().charFormat().fontWeight() <= QFont::Normal);
    }
    layOutAndPaint(doc, 600);
    QCOMPARE(doc.refusedResourceCount(), 0);
}

void TestMarkdownRenderer::links()
{
    InertTextDocument doc;
    MarkdownRenderer::render(
        doc,
        u"[safe](https://example.com/a) [js](javascript:alert(1)) [JS](JaVaScRiPt:alert(2)) "
        u"[file](file:///etc/passwd) [data](data:text/html,<b>x</b>) [rel](../x) "
        u"[mail](mailto:a@example.com) <https://auto.example.org/>"_s,
        testStyle());
    const QList<Anchor> kept = anchors(doc);
    QStringList hrefs;
    for (const Anchor& a : kept)
        hrefs.append(a.href);
    QCOMPARE(hrefs, QStringList({u"https://example.com/a"_s, u"mailto:a@example.com"_s,
                                 u"https://auto.example.org/"_s}));
    // The dropped links' words are still there, as plain text.
    const QString text = doc.toPlainText();
    for (const QString& word : {u"js"_s, u"JS"_s, u"file"_s, u"data"_s, u"rel"_s})
        QVERIFY2(text.contains(word), qPrintable(word));
    QVERIFY(!text.contains(u"javascript:"));
}

void TestMarkdownRenderer::isSafeLink_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<bool>("safe");
    QTest::newRow("https") << u"https://example.com/x?y=1"_s << true;
    QTest::newRow("http") << u"http://example.com"_s << true;
    QTest::newRow("mailto") << u"mailto:someone@example.com"_s << true;
    QTest::newRow("javascript") << u"javascript:alert(1)"_s << false;
    QTest::newRow("javascript upper") << u"JAVASCRIPT:alert(1)"_s << false;
    QTest::newRow("vbscript") << u"vbscript:msgbox"_s << false;
    QTest::newRow("file") << u"file:///etc/passwd"_s << false;
    QTest::newRow("data") << u"data:text/html,hi"_s << false;
    QTest::newRow("relative") << u"../secret"_s << false;
    QTest::newRow("fragment") << u"#top"_s << false;
    QTest::newRow("no host") << u"http:///path"_s << false;
    QTest::newRow("qrc") << u"qrc:/icons/ui/send.svg"_s << false;
    QTest::newRow("empty") << QString() << false;
}

void TestMarkdownRenderer::isSafeLink()
{
    QFETCH(QString, url);
    QFETCH(bool, safe);
    QCOMPARE(MarkdownRenderer::isSafeLink(QUrl(url)), safe);
}

void TestMarkdownRenderer::imagesAreNeverLoaded()
{
    InertTextDocument doc;
    MarkdownRenderer::render(
        doc,
        u"Look: ![remote](http://tracker.example/pixel.png) and ![local](file:///etc/hostname) "
        u"and ![rel](image.png)\n"_s,
        testStyle());
    const QList<QTextImageFormat> found = images(doc);
    QCOMPARE(found.size(), 3);
    for (const QTextImageFormat& image : found)
        QVERIFY2(image.name().startsWith(MarkdownRenderer::blockedImageScheme()), qPrintable(image.name()));
    layOutAndPaint(doc, 600);
    // Every image was asked for through loadResource and answered with the placeholder.
    QVERIFY(doc.refusedResourceCount() >= 3);

    // A document asked directly for a remote URL does not fetch it either.
    const QVariant v = doc.resource(QTextDocument::ImageResource, QUrl(u"https://example.com/x.png"_s));
    QCOMPARE(v.value<QImage>().size(), InertTextDocument::placeholderImage().size());
}

void TestMarkdownRenderer::boundedText()
{
    bool truncated = true;
    QCOMPARE(MarkdownRenderer::boundedText(u"short"_s, 10, 5, &truncated), u"short"_s);
    QVERIFY(!truncated);

    // Character cap: cut at the last line end before it.
    const QString lines = u"line one\nline two\nline three\n"_s;
    QCOMPARE(MarkdownRenderer::boundedText(lines, 12, 100, &truncated), u"line one"_s);
    QVERIFY(truncated);
    // Line cap.
    QCOMPARE(MarkdownRenderer::boundedText(lines, 1000, 2, &truncated), u"line one\nline two"_s);
    QVERIFY(truncated);
    // Exactly maxLines lines (with or without a final newline) is not a cut.
    QCOMPARE(MarkdownRenderer::boundedText(lines, 1000, 3, &truncated), lines);
    QVERIFY(!truncated);
    QCOMPARE(MarkdownRenderer::boundedText(u"a\nb"_s, 1000, 2, &truncated), u"a\nb"_s);
    QVERIFY(!truncated);

    // A cut never splits a surrogate pair.
    const QString emoji = QString(20, u'x') + u"😀"_s; // x*20 + surrogate pair
    const QString cut = MarkdownRenderer::boundedText(emoji, 21, 10, &truncated);
    QCOMPARE(cut.size(), 20);
}

void TestMarkdownRenderer::hugeTableIsCappedAndInert()
{
    QString markdown = u"| id | name | value | comment |\n|---|---|---|---|\n"_s;
    markdown.reserve(10 * 1024 * 1024 + 200);
    int row = 0;
    while (markdown.size() < 10 * 1024 * 1024) {
        markdown += u"| %1 | name %1 | %2 | some words to make the row longer |\n"_s.arg(row).arg(row * 7);
        ++row;
    }

    QElapsedTimer timer;
    timer.start();
    InertTextDocument doc;
    MarkdownRenderer::render(doc, markdown, testStyle());
    layOutAndPaint(doc, 800);
    const qint64 elapsed = timer.elapsed();
    qInfo("10 MB table: %lld ms", elapsed);
    // Time is bounded by construction, not by a clock here: the renderer only ever lays out a capped
    // prefix of the input (Qt's Markdown table import is quadratic in rows).
    QVERIFY(doc.characterCount() < MarkdownRenderer::DefaultMaxCharacters);
    QVERIFY(doc.toPlainText().contains(u"truncated"));
    QCOMPARE(tables(doc).size(), 1);
    QVERIFY(tables(doc).first()->rows() <= MarkdownRenderer::DefaultMaxLines);
}

void TestMarkdownRenderer::plainText()
{
    InertTextDocument doc;
    MarkdownRenderer::renderPlain(doc, u"# not a heading <b>x</b> [l](javascript:y)"_s, testStyle());
    QCOMPARE(doc.toPlainText(), u"# not a heading <b>x</b> [l](javascript:y)"_s);
    QCOMPARE(doc.begin().blockFormat().headingLevel(), 0);
    QVERIFY(anchors(doc).isEmpty());
}

void TestMarkdownRenderer::codeBlocks_data()
{
    QTest::addColumn<QString>("markdown");
    QTest::addColumn<QStringList>("blocks");
    QTest::newRow("none") << u"Just *text* with `inline code`."_s << QStringList();
    QTest::newRow("one") << u"Run:\n\n```sh\ncmake -G Ninja\nninja\n```\n\nDone."_s
                         << QStringList{u"cmake -G Ninja\nninja"_s};
    QTest::newRow("two, tilde") << u"```\na\n```\ntext\n~~~python\nprint(1)\n~~~"_s
                                << QStringList{u"a"_s, u"print(1)"_s};
    QTest::newRow("longer fence keeps shorter inside")
        << u"````md\n```\ninner\n```\n````"_s << QStringList{u"```\ninner\n```"_s};
    QTest::newRow("other fence char does not close") << u"```\n~~~\nx\n```"_s << QStringList{u"~~~\nx"_s};
    QTest::newRow("indented fence strips its indentation")
        << u"  ```\n  a\n    b\n  ```"_s << QStringList{u"a\n  b"_s};
    QTest::newRow("unclosed runs to the end") << u"```js\nlet a = 1;\n"_s << QStringList{u"let a = 1;\n"_s};
    QTest::newRow("backticks in info string: no fence") << u"``` a`b\nx\n```"_s << QStringList{u""_s};
    QTest::newRow("empty block") << u"```\n```"_s << QStringList{QString()};
    QTest::newRow("CRLF") << u"```\r\nx\r\n```\r\n"_s << QStringList{u"x"_s};
}

void TestMarkdownRenderer::codeBlocks()
{
    QFETCH(QString, markdown);
    QFETCH(QStringList, blocks);
    QCOMPARE(MarkdownRenderer::codeBlocks(markdown), blocks);
}

QTEST_MAIN(TestMarkdownRenderer)
#include "tst_markdownrenderer.moc"
