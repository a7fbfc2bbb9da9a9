#pragma once

#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

// Small, deterministic text analysis shared by the rule-based template detector, drafter and
// prompt optimizer. English-centred on purpose: these rules are the offline fallback, a model
// does better when one is reachable.
namespace pc::PromptText {

struct Token {
    qsizetype start = 0; // offset into the analysed text
    qsizetype end = 0;   // one past the last character
    QString text;
    QString lower;
    bool word = false;   // letters/digits (with inner - ' . ,), else one punctuation character
    bool number = false; // 100, 12.5, 1,000
};

// Words and punctuation with their offsets; whitespace separates and is not a token.
[[nodiscard]] QList<Token> tokenize(const QString& text);
// Lower-case word tokens only.
[[nodiscard]] QStringList words(const QString& text);

[[nodiscard]] bool isStopword(const QString& lowerWord);
// Greetings, thanks and acknowledgements ("hi", "thanks a lot!", "ok great").
[[nodiscard]] bool isSmallTalk(const QString& text);

// A valid template variable name for free text: "Product name" -> "product_name".
[[nodiscard]] QString snakeCase(const QString& text);
// "word_count" -> "Word count".
[[nodiscard]] QString humanize(const QString& name);

// The longest common subsequence of two token lists (compared lower-case), as index pairs in order.
// wordsOnly skips punctuation tokens on both sides. A common prefix and suffix always align; of the
// middle only the first maxTokens per side are compared, which bounds the cost for long messages.
[[nodiscard]] QList<QPair<qsizetype, qsizetype>> align(const QList<Token>& a, const QList<Token>& b,
                                                       bool wordsOnly, qsizetype maxTokens = 200);

// Two requests share a shape (a common prefix or most of their words) but differ in specifics.
[[nodiscard]] bool similarRequests(const QString& a, const QString& b);
// Indexes of requests that share a shape with each other, in groups of two or more; each group is
// sorted and the groups are ordered by their first index.
[[nodiscard]] QList<QList<qsizetype>> requestGroups(const QStringList& requests);

// A short title for what a request asks for ("Write a product description for ..." -> "Product description").
[[nodiscard]] QString inferTitle(const QString& request);
// One of Marketing, Business, Development, Education, Writing, Analysis, Translation, Planning, General.
[[nodiscard]] QString inferCategory(const QString& request);

// `text` cut to at most `maxChars` at a word boundary, with an ellipsis when cut; one line.
[[nodiscard]] QString shorten(const QString& text, qsizetype maxChars);

} // namespace pc::PromptText
