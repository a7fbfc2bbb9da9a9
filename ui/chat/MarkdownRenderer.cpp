#include "chat/MarkdownRenderer.h"

#include <QFontDatabase>
#include <QLocale>
#include <QPalette>
#include <QRegularExpression>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextDocument>
#include <QTextFrame>
#include <QTextTable>
#include <QUrl>

using namespace Qt::Literals::StringLiterals;

namespace pc {

namespace {

// A line end this close to the cut is preferred, so that the last row of a table or code stays whole.
constexpr qsizetype LineSearchWindow = 4096;

struct Span {
    int start = 0;
    int length = 0;
    QTextCharFormat format;
};

// Links and images are rewritten after the import: collect first, then edit (editing invalidates
// the fragment iterators).
void sanitizeFragments(QTextDocument& document, const MarkdownRenderer::Style& style)
{
    QList<Span> changes;
    int imageNumber = 0;
    for (QTextBlock block = document.begin(); block.isValid(); block = block.next()) {
        for (auto it = block.begin(); !it.atEnd(); ++it) {
            const QTextFragment fragment = it.fragment();
            if (!fragment.isValid())
                continue;
            QTextCharFormat format = fragment.charFormat();
            bool changed = false;
            if (format.isImageFormat()) {
                QTextImageFormat image = format.toImageFormat();
                image.setToolTip(MarkdownRenderer::tr("Image not loaded: %1").arg(image.name()));
                image.setName(MarkdownRenderer::blockedImageScheme() + u':' + QString::number(++imageNumber));
                // A size from the model could make the placeholder huge.
                image.clearProperty(QTextFormat::ImageWidth);
                image.clearProperty(QTextFormat::ImageHeight);
                format = image;
                changed = true;
            }
            if (format.isAnchor() || !format.anchorHref().isEmpty()) {
                const QUrl url(format.anchorHref(), QUrl::StrictMode);
                if (MarkdownRenderer::isSafeLink(url)) {
                    format.setForeground(style.link);
                    format.setFontUnderline(true);
                    format.setToolTip(url.toDisplayString());
                } else {
                    format.setAnchor(false);
                    format.setAnchorHref(QString());
                    format.setAnchorNames({});
                    format.clearForeground();
                    format.setFontUnderline(false);
                }
                changed = true;
            }
            if (format.fontFixedPitch() && !block.blockFormat().hasProperty(QTextFormat::BlockCodeLanguage)) {
                format.setBackground(style.codeBackground);
                changed = true;
            }
            if (changed)
                changes.append(Span{fragment.position(), fragment.length(), format});
        }
    }
    QTextCursor cursor(&document);
    for (const Span& span : std::as_const(changes)) {
        cursor.setPosition(span.start);
        cursor.setPosition(span.start + span.length, QTextCursor::KeepAnchor);
        cursor.setCharFormat(span.format);
    }
}

void shadeCodeBlocks(QTextDocument& document, const MarkdownRenderer::Style& style)
{
    QTextCursor cursor(&document);
    bool previousWasCode = false;
    for (QTextBlock block = document.begin(); block.isValid(); block = block.next()) {
        const QTextBlockFormat current = block.blockFormat();
        // The Markdown importer marks fenced and indented code with the code language property.
        const bool isCode = current.hasProperty(QTextFormat::BlockCodeLanguage) ||
                            current.hasProperty(QTextFormat::BlockCodeFence);
        if (isCode) {
            QTextBlockFormat format = current;
            format.setBackground(style.codeBackground);
            const QTextBlock next = block.next();
            const bool nextIsCode =
                next.isValid() && (next.blockFormat().hasProperty(QTextFormat::BlockCodeLanguage) ||
                                   next.blockFormat().hasProperty(QTextFormat::BlockCodeFence));
            if (!previousWasCode)
                format.setTopMargin(std::max<qreal>(format.topMargin(), 6));
            if (!nextIsCode)
                format.setBottomMargin(std::max<qreal>(format.bottomMargin(), 6));
            format.setLeftMargin(6);
            format.setRightMargin(6);
            cursor.setPosition(block.position());
            cursor.setBlockFormat(format);
        }
        previousWasCode = isCode;
    }
}

void styleTables(QTextDocument& document, const MarkdownRenderer::Style& style)
{
    QList<QTextTable*> tables;
    const QList<QTextFrame*> frames = document.rootFrame()->childFrames();
    QList<QTextFrame*> pending = frames;
    while (!pending.isEmpty()) {
        QTextFrame* frame = pending.takeFirst();
        if (auto* table = qobject_cast<QTextTable*>(frame))
            tables.append(table);
        pending += frame->childFrames();
    }
    for (QTextTable* table : std::as_const(tables)) {
        QTextTableFormat format = table->format();
        format.setBorder(1);
        format.setBorderBrush(style.tableBorder);
        format.setBorderStyle(QTextFrameFormat::BorderStyle_Solid);
        format.setBorderCollapse(true);
        format.setCellSpacing(0);
        format.setCellPadding(4);
        table->setFormat(format);
    }
}

void appendTruncationNote(QTextDocument& document, const MarkdownRenderer::Style& style, qsizetype shown,
                          qsizetype total)
{
    QTextCursor cursor(&document);
    cursor.movePosition(QTextCursor::End);
    QTextBlockFormat block;
    block.setTopMargin(8);
    QTextCharFormat chars;
    chars.setFontItalic(true);
    chars.setForeground(style.muted);
    cursor.insertBlock(block, chars);
    const QLocale locale;
    cursor.insertText(
        MarkdownRenderer::tr("Message truncated in view: showing the first %1 of %2 characters. "
                             "\"Copy as Markdown\" copies all of it.")
            .arg(locale.toString(shown), locale.toString(total)),
        chars);
}

} // namespace

MarkdownRenderer::Style MarkdownRenderer::Style::fromPalette(const QPalette& palette, const QFont& font,
                                                             const QColor& surface)
{
    Style style;
    style.font = font;
    style.text = palette.color(QPalette::Text);
    style.link = palette.color(QPalette::Link);
    QColor muted = palette.color(QPalette::Text);
    muted.setAlphaF(0.65f);
    style.muted = muted;
    const QColor base = surface.isValid() ? surface : palette.color(QPalette::Base);
    const bool dark = base.lightnessF() < 0.5;
    // A shade off the surface, whatever the surface: lighter() does nothing to black.
    const QColor toward = dark ? QColor(Qt::white) : QColor(0x1e, 0x29, 0x3b);
    const float t = dark ? 0.12f : 0.07f;
    style.codeBackground = QColor::fromRgbF(base.redF() + (toward.redF() - base.redF()) * t,
                                            base.greenF() + (toward.greenF() - base.greenF()) * t,
                                            base.blueF() + (toward.blueF() - base.blueF()) * t);
    style.tableBorder = dark ? QColor(0x55, 0x5b, 0x66) : QColor(0xc8, 0xcc, 0xd2);
    return style;
}

QString MarkdownRenderer::blockedImageScheme()
{
    return u"promptcraft-blocked-image"_s;
}

QStringList MarkdownRenderer::codeBlocks(const QString& markdown)
{
    // An opening fence: up to three spaces, then at least three ` or ~ (backtick fences have no ` in
    // their info string); the closing fence uses the same character, at least as many, nothing else.
    static const QRegularExpression opening(u"^( {0,3})(`{3,}|~{3,})(.*)$"_s);
    QStringList blocks;
    const QStringList lines = markdown.split(u'\n');
    QString fence;
    qsizetype indent = 0;
    QStringList code;
    for (QString line : lines) {
        if (line.endsWith(u'\r'))
            line.chop(1);
        if (fence.isEmpty()) {
            const QRegularExpressionMatch match = opening.match(line);
            if (match.hasMatch() &&
                !(match.captured(2).startsWith(u'`') && match.captured(3).contains(u'`'))) {
                fence = match.captured(2);
                indent = match.capturedLength(1);
                code.clear();
            }
            continue;
        }
        qsizetype leading = 0;
        while (leading < line.size() && line.at(leading) == u' ')
            ++leading;
        const QString rest = line.mid(leading).trimmed();
        if (!rest.isEmpty() && leading <= 3 && rest.size() >= fence.size() &&
            rest.count(fence.at(0)) == rest.size()) {
            blocks.append(code.join(u'\n'));
            fence.clear();
            continue;
        }
        // Content lines lose up to the opening fence's indentation.
        qsizetype strip = 0;
        while (strip < indent && strip < line.size() && line.at(strip) == u' ')
            ++strip;
        code.append(line.mid(strip));
    }
    if (!fence.isEmpty())
        blocks.append(code.join(u'\n'));
    return blocks;
}

bool MarkdownRenderer::isSafeLink(const QUrl& url)
{
    if (!url.isValid() || url.isRelative())
        return false;
    const QString scheme = url.scheme().toLower();
    if (scheme == u"http" || scheme == u"https")
        return !url.host().isEmpty();
    if (scheme == u"mailto")
        return !url.path().isEmpty();
    return false;
}

QString MarkdownRenderer::boundedText(const QString& text, qsizetype maxCharacters, qsizetype maxLines,
                                      bool* truncated)
{
    // The end of line number maxLines, if the text has more lines than that.
    qsizetype lineCut = -1;
    qsizetype newline = -1;
    for (qsizetype line = 0; line < std::max<qsizetype>(maxLines, 1); ++line) {
        newline = text.indexOf(u'\n', newline + 1);
        if (newline < 0 || newline >= maxCharacters)
            break;
        if (line + 1 == maxLines && newline + 1 < text.size())
            lineCut = newline;
    }
    if (text.size() <= maxCharacters && lineCut < 0) {
        if (truncated)
            *truncated = false;
        return text;
    }
    if (truncated)
        *truncated = true;
    if (lineCut >= 0)
        return text.left(lineCut);
    qsizetype cut = std::max<qsizetype>(maxCharacters, 0);
    const qsizetype lineEnd = text.lastIndexOf(u'\n', cut);
    if (lineEnd >= 0 && cut - lineEnd <= LineSearchWindow)
        cut = lineEnd;
    else if (cut > 0 && text.at(cut - 1).isHighSurrogate())
        --cut;
    return text.left(cut);
}

void MarkdownRenderer::render(QTextDocument& document, const QString& markdown, const Style& style,
                              qsizetype maxCharacters, qsizetype maxLines)
{
    bool truncated = false;
    const QString bounded = boundedText(markdown, maxCharacters, maxLines, &truncated);
    document.setUndoRedoEnabled(false);
    document.setDefaultFont(style.font);
    document.setMarkdown(bounded, QTextDocument::MarkdownFeatures(QTextDocument::MarkdownDialectGitHub |
                                                                  QTextDocument::MarkdownNoHTML));
    sanitizeFragments(document, style);
    shadeCodeBlocks(document, style);
    styleTables(document, style);
    if (truncated)
        appendTruncationNote(document, style, bounded.size(), markdown.size());
}

void MarkdownRenderer::renderPlain(QTextDocument& document, const QString& text, const Style& style,
                                   qsizetype maxCharacters)
{
    bool truncated = false;
    // Plain text lays out fast; only the character cap applies.
    const QString bounded = boundedText(text, maxCharacters, maxCharacters, &truncated);
    document.setUndoRedoEnabled(false);
    document.setDefaultFont(style.font);
    document.setPlainText(bounded);
    if (truncated)
        appendTruncationNote(document, style, bounded.size(), text.size());
}

} // namespace pc
