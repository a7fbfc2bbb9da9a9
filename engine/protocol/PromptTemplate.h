#pragma once

#include "Result.h"

#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace pc {

// The template format `promptcraft.template/1` (PROTOCOL.md, "Templates").
inline constexpr char16_t TemplateSchemaId[] = u"promptcraft.template/1";

enum class VariableType { Text, Multiline, Enum, Number, Bool };

struct TemplateVariable {
    QString name;        // [A-Za-z_][A-Za-z0-9_]*
    QString label;       // optional, for forms
    QString description; // optional
    VariableType type = VariableType::Text;
    bool required = false;
    QStringList options;                            // enum only
    QJsonValue defaultValue{QJsonValue::Undefined}; // Undefined when absent (null is read the same)
};

struct TemplateExample {
    QJsonObject inputs;
    QString output;
};

struct TemplateSource {
    QString kind; // "conversation", "import", "manual"
    QString sessionId;
    QStringList messageIds;
    std::optional<double> confidence;
};

struct PromptTemplate {
    QString id;
    int version = 1;
    QString title;
    QString description;
    QString category;
    QStringList tags;
    QString systemPrompt;
    QString body;
    QList<TemplateVariable> variables;
    QList<TemplateExample> examples;
    std::optional<TemplateSource> source;
    QDateTime createdAt;
    QDateTime updatedAt;

    [[nodiscard]] const TemplateVariable* variable(const QString& name) const;
};

} // namespace pc
