#pragma once

#include "Result.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

// Checks for the JSON objects models answer in JSON mode: strings of sane length, arrays of
// strings, categories. Each failure names the field, because the message goes back to the model
// with the retry and into the log.
namespace pc::AssistJson {

// The categories the rules know (PromptText::inferCategory), in display spelling.
[[nodiscard]] const QStringList& knownCategories();

// Models sometimes wrap the answer in one member ({"suggestion": {...}}): when `object` has none of
// `expectedKeys` and exactly one member that is an object, that object; else `object`.
[[nodiscard]] QJsonObject unwrap(const QJsonObject& object, const QStringList& expectedKeys);

struct TextRule {
    qsizetype minLength = 1;
    qsizetype maxLength = 200;
    bool singleLine = true;
    bool required = true; // false: a missing or null member reads as an empty string
};

// The trimmed string at `key` (control characters other than newlines and tabs removed).
[[nodiscard]] Result<QString> text(const QJsonObject& object, const QString& key, const TextRule& rule);

// An array of non-empty strings at `key`, trimmed; missing reads as empty unless `required`.
[[nodiscard]] Result<QStringList> textList(const QJsonObject& object, const QString& key, qsizetype maxItems,
                                           qsizetype maxItemLength, bool required);

// A known category in its display spelling when `category` names one (any case), else the free text.
[[nodiscard]] QString canonicalCategory(const QString& category);

// `object` as compact JSON text, for prompts.
[[nodiscard]] QString compact(const QJsonObject& object);

} // namespace pc::AssistJson
