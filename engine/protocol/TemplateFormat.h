#pragma once

#include "PromptTemplate.h"
#include "Result.h"

#include <QHash>
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace pc::TemplateFormat {

// Limits that keep a hostile template file from costing unbounded time or memory.
inline constexpr int MaxTitleLength = 200;
inline constexpr int MaxBodyLength = 100'000;
inline constexpr int MaxVariables = 64;
inline constexpr int MaxVariableNameLength = 64;
inline constexpr int MaxOptions = 64;
inline constexpr int MaxExamples = 16;
inline constexpr qsizetype MaxJsonSize = 2 * 1024 * 1024;

[[nodiscard]] bool isValidVariableName(const QString& name);

// Parses a `promptcraft.template/1` object; the result is validated. Unknown members are ignored,
// a placeholder used but not declared becomes a required text variable, and a timestamp that is
// not ISO 8601 is dropped; every other problem fails the parse, all of them named in one message.
[[nodiscard]] Result<PromptTemplate> fromJson(const QJsonObject& object);
[[nodiscard]] Result<PromptTemplate> fromJson(const QByteArray& json);
// Encodes exactly the documented shape (optional members omitted when empty).
[[nodiscard]] QJsonObject toJson(const PromptTemplate& tmpl);

// Every `{{name}}` used in the body and system prompt is declared and every declared variable is
// used; names valid; enum defaults among the options; no unbalanced or malformed braces.
// `{{` always opens a tag, so `{{#x}}`, `{{>x}}`, `{{{x}}}`, `{{x y}}` and an unclosed `{{` are
// errors. A `}}` that closes nothing is literal text (as in Mustache), so JSON in a prompt survives.
// Every problem found is listed in the one error message.
[[nodiscard]] Result<void> validate(const PromptTemplate& tmpl);

// Names of the `{{name}}` placeholders in `text`, in first-use order, without duplicates.
[[nodiscard]] QStringList placeholders(const QString& text);

struct Rendered {
    QString systemPrompt;
    QString body;
};

// Substitutes values (falling back to each variable's default). Fails with a message naming every
// missing required value, or a value that does not fit its type (enum option, number, bool).
// Substituted text is never re-scanned, so a value containing `{{x}}` stays literal.
[[nodiscard]] Result<Rendered> render(const PromptTemplate& tmpl, const QHash<QString, QString>& values);

} // namespace pc::TemplateFormat
