#pragma once

#include <QColor>
#include <QCoreApplication>
#include <QFont>
#include <QString>

class QPalette;
class QTextDocument;
class QUrl;

namespace pc {

// Turns model output (Markdown) into an inert QTextDocument for the chat list:
// - raw HTML is not interpreted (it shows as text),
// - links survive only for http, https and mailto; others (javascript:, file:, data:, relative)
//   become plain text,
// - images are never loaded: each points at an internal name and draws as a placeholder
//   (use an InertTextDocument so that nothing is fetched even by accident),
// - fenced and indented code gets a shaded background, tables get borders and padding,
// - input past DefaultMaxCharacters or DefaultMaxLines is cut (at a line end when one is near) and
//   a note says so, so a 10 MB answer costs bounded time. The line cap matters for tables: Qt's
//   Markdown import grows a table row by row, which costs time quadratic in the rows (about 0.2 s
//   for 1,000 rows, 2 s for 3,000 on a 2020 laptop core).
class MarkdownRenderer final {
    Q_DECLARE_TR_FUNCTIONS(pc::MarkdownRenderer)

public:
    static constexpr qsizetype DefaultMaxCharacters = 200'000;
    static constexpr qsizetype DefaultMaxLines = 1'000;

    struct Style {
        QFont font;
        QColor text;
        QColor link;
        QColor muted;
        QColor codeBackground;
        QColor tableBorder;

        // Colours for text drawn on surface (the bubble); the palette's base colour when invalid.
        [[nodiscard]] static Style fromPalette(const QPalette& palette, const QFont& font,
                                               const QColor& surface = QColor());
    };

    // Replaces the document's content with the rendered Markdown.
    static void render(QTextDocument& document, const QString& markdown, const Style& style,
                       qsizetype maxCharacters = DefaultMaxCharacters, qsizetype maxLines = DefaultMaxLines);
    // The same bounds for plain text (the user's own messages).
    static void renderPlain(QTextDocument& document, const QString& text, const Style& style,
                            qsizetype maxCharacters = DefaultMaxCharacters);

    // Whether a link from model output may be opened: http(s) with a host, or mailto.
    [[nodiscard]] static bool isSafeLink(const QUrl& url);
    // The scheme images are renamed to; a document asked for it loads nothing.
    [[nodiscard]] static QString blockedImageScheme();
    // The contents of the fenced code blocks (``` or ~~~, CommonMark rules) of a Markdown text, in
    // order, without the fences; an unclosed block runs to the end.
    [[nodiscard]] static QStringList codeBlocks(const QString& markdown);
    // The text to render: cut to at most maxCharacters and maxLines. truncated tells whether it was cut.
    [[nodiscard]] static QString boundedText(const QString& text, qsizetype maxCharacters, qsizetype maxLines,
                                             bool* truncated);
};

} // namespace pc
