#include "TemplateFormat.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QLocale>
#include <QSet>

#include <cmath>
#include <limits>
#include <optional>

namespace pc::TemplateFormat {

namespace {
using namespace Qt::Literals::StringLiterals;

// Messages are for people, so they are translatable (context "TemplateFormat").
struct Text {
    Q_DECLARE_TR_FUNCTIONS(TemplateFormat)
};

// A file with thousands of broken tags gets a readable message and costs no more than a few.
constexpr qsizetype MaxReportedProblems = 10;

// ---- scanning `{{name}}` tags ----

struct Segment {
    bool placeholder = false;
    QString text; // literal text, or the variable name
};

struct Scan {
    QList<Segment> segments;
    QStringList problems;
};

QString position(const QString& text, qsizetype offset) {
    const qsizetype line = text.left(offset).count(u'\n') + 1;
    const qsizetype lineStart = text.lastIndexOf(u'\n', offset - 1) + 1; // -1 + 1 = 0 on the first line
    return Text::tr("line %1, column %2").arg(line).arg(offset - lineStart + 1);
}

QString excerpt(QStringView tag) {
    constexpr qsizetype MaxExcerpt = 40;
    if (tag.size() <= MaxExcerpt)
        return tag.toString();
    return tag.left(MaxExcerpt).toString() + u"..."_s;
}

bool isTagSpace(QChar c) {
    return c == u' ' || c == u'\t';
}

QStringView trimTagSpaces(QStringView s) {
    while (!s.isEmpty() && isTagSpace(s.front()))
        s = s.mid(1);
    while (!s.isEmpty() && isTagSpace(s.back()))
        s.chop(1);
    return s;
}

Scan scan(const QString& text, const QString& field) {
    Scan result;
    const auto room = [&] { return result.problems.size() < MaxReportedProblems; };
    qsizetype pos = 0;
    QString literal;
    const auto flushLiteral = [&] {
        if (!literal.isEmpty())
            result.segments.append({false, literal});
        literal.clear();
    };

    while (pos < text.size()) {
        const qsizetype open = text.indexOf(u"{{", pos);
        if (open < 0) {
            literal += QStringView(text).mid(pos);
            break;
        }
        literal += QStringView(text).mid(pos, open - pos);

        if (open + 2 < text.size() && text.at(open + 2) == u'{') {
            if (room())
                result.problems.append(
                    Text::tr("%1 (%2): triple braces are not supported").arg(field, position(text, open)));
            qsizetype next = open;
            while (next < text.size() && text.at(next) == u'{')
                ++next;
            const qsizetype close = text.indexOf(u"}}", next);
            pos = close < 0 ? text.size() : close + 2;
            while (pos < text.size() && text.at(pos) == u'}')
                ++pos;
            continue;
        }

        const qsizetype close = text.indexOf(u"}}", open + 2);
        if (close < 0) {
            if (room())
                result.problems.append(
                    Text::tr("%1 (%2): \"{{\" is never closed").arg(field, position(text, open)));
            break;
        }

        const QStringView tag = QStringView(text).mid(open, close + 2 - open);
        const QStringView inner = trimTagSpaces(QStringView(text).mid(open + 2, close - open - 2));
        if (isValidVariableName(inner.toString())) {
            flushLiteral();
            result.segments.append({true, inner.toString()});
        } else if (!room()) {
            // enough said
        } else if (inner.isEmpty()) {
            result.problems.append(Text::tr("%1 (%2): empty tag").arg(field, position(text, open)));
        } else if (QStringView(u"#^/>!&=<$").contains(inner.front())) {
            result.problems.append(
                Text::tr("%1 (%2): \"%3\": sections, partials, comments and other Mustache "
                         "tags are not supported, only {{name}}")
                    .arg(field, position(text, open), excerpt(tag)));
        } else {
            result.problems.append(Text::tr("%1 (%2): \"%3\" is not a valid tag; names match "
                                            "[A-Za-z_][A-Za-z0-9_]*")
                                       .arg(field, position(text, open), excerpt(tag)));
        }
        pos = close + 2;
    }
    flushLiteral();
    return result;
}

// ---- JSON reading with member paths in the messages ----

class Reader {
public:
    QStringList problems;

    std::optional<QString> string(const QJsonObject& o, const QString& key, const QString& path,
                                  bool required = false) {
        const QJsonValue v = o.value(key);
        if (v.isUndefined() || v.isNull()) {
            if (required)
                problems.append(Text::tr("\"%1\" is required").arg(path));
            return std::nullopt;
        }
        if (!v.isString()) {
            problems.append(Text::tr("\"%1\" must be a string").arg(path));
            return std::nullopt;
        }
        return v.toString();
    }

    QStringList strings(const QJsonObject& o, const QString& key, const QString& path) {
        QStringList out;
        const QJsonValue v = o.value(key);
        if (v.isUndefined() || v.isNull())
            return out;
        if (!v.isArray()) {
            problems.append(Text::tr("\"%1\" must be an array of strings").arg(path));
            return out;
        }
        const QJsonArray a = v.toArray();
        for (qsizetype i = 0; i < a.size(); ++i) {
            if (!a.at(i).isString()) {
                problems.append(Text::tr("\"%1[%2]\" must be a string").arg(path).arg(i));
                continue;
            }
            out.append(a.at(i).toString());
        }
        return out;
    }

    std::optional<bool> boolean(const QJsonObject& o, const QString& key, const QString& path) {
        const QJsonValue v = o.value(key);
        if (v.isUndefined() || v.isNull())
            return std::nullopt;
        if (!v.isBool()) {
            problems.append(Text::tr("\"%1\" must be true or false").arg(path));
            return std::nullopt;
        }
        return v.toBool();
    }

    std::optional<double> number(const QJsonObject& o, const QString& key, const QString& path) {
        const QJsonValue v = o.value(key);
        if (v.isUndefined() || v.isNull())
            return std::nullopt;
        if (!v.isDouble() || !std::isfinite(v.toDouble())) {
            problems.append(Text::tr("\"%1\" must be a number").arg(path));
            return std::nullopt;
        }
        return v.toDouble();
    }

    // Timestamps are bookkeeping, not content: one that is not ISO 8601 (the documented example
    // uses "...") is dropped rather than costing the user the whole template.
    QDateTime dateTime(const QJsonObject& o, const QString& key) {
        const std::optional<QString> s = string(o, key, key);
        if (!s || s->isEmpty())
            return {};
        return QDateTime::fromString(*s, Qt::ISODateWithMs);
    }

    // Arrays of objects; anything else is reported and skipped.
    QList<QJsonObject> objects(const QJsonObject& o, const QString& key, qsizetype limit) {
        QList<QJsonObject> out;
        const QJsonValue v = o.value(key);
        if (v.isUndefined() || v.isNull())
            return out;
        if (!v.isArray()) {
            problems.append(Text::tr("\"%1\" must be an array").arg(key));
            return out;
        }
        const QJsonArray a = v.toArray();
        if (a.size() > limit) {
            problems.append(
                Text::tr("\"%1\" has %2 entries; at most %3 are allowed").arg(key).arg(a.size()).arg(limit));
            return out;
        }
        for (qsizetype i = 0; i < a.size(); ++i) {
            if (!a.at(i).isObject()) {
                problems.append(Text::tr("\"%1[%2]\" must be an object").arg(key).arg(i));
                continue;
            }
            out.append(a.at(i).toObject());
        }
        return out;
    }
};

std::optional<VariableType> variableTypeFromName(const QString& name) {
    if (name == u"text")
        return VariableType::Text;
    if (name == u"multiline")
        return VariableType::Multiline;
    if (name == u"enum")
        return VariableType::Enum;
    if (name == u"number")
        return VariableType::Number;
    if (name == u"bool")
        return VariableType::Bool;
    return std::nullopt;
}

QString variableTypeName(VariableType type) {
    switch (type) {
    case VariableType::Text:
        return u"text"_s;
    case VariableType::Multiline:
        return u"multiline"_s;
    case VariableType::Enum:
        return u"enum"_s;
    case VariableType::Number:
        return u"number"_s;
    case VariableType::Bool:
        return u"bool"_s;
    }
    return u"text"_s;
}

// The text a JSON default stands for when it is substituted.
QString defaultText(const QJsonValue& v) {
    if (v.isString())
        return v.toString();
    if (v.isBool())
        return v.toBool() ? u"true"_s : u"false"_s;
    if (v.isDouble()) {
        const double d = v.toDouble();
        constexpr double MaxExactInteger = 9007199254740992.0; // 2^53
        if (std::trunc(d) == d && std::fabs(d) <= MaxExactInteger)
            return QString::number(static_cast<qint64>(d));
        return QString::number(d, 'g', QLocale::FloatingPointShortest);
    }
    return {};
}

bool isNumberText(const QString& s) {
    bool ok = false;
    const double d = QLocale::c().toDouble(s.trimmed(), &ok);
    return ok && std::isfinite(d);
}

bool isBoolText(const QString& s) {
    static const QStringList accepted{u"true"_s, u"false"_s, u"yes"_s, u"no"_s, u"1"_s, u"0"_s};
    return accepted.contains(s.trimmed().toLower());
}

QStringList validateVariable(const TemplateVariable& v, qsizetype index) {
    QStringList problems;
    const QString where =
        v.name.isEmpty() ? Text::tr("variables[%1]").arg(index) : Text::tr("variable \"%1\"").arg(v.name);
    if (!isValidVariableName(v.name))
        problems.append(
            Text::tr("%1: \"%2\" is not a valid name; names match [A-Za-z_][A-Za-z0-9_]* (at most %3 "
                     "characters)")
                .arg(where, v.name)
                .arg(MaxVariableNameLength));

    if (v.type == VariableType::Enum) {
        if (v.options.isEmpty())
            problems.append(Text::tr("%1: an enum needs options").arg(where));
        if (v.options.size() > MaxOptions)
            problems.append(Text::tr("%1: at most %2 options are allowed").arg(where).arg(MaxOptions));
        QSet<QString> seen;
        for (const QString& option : v.options) {
            if (option.isEmpty())
                problems.append(Text::tr("%1: options must not be empty").arg(where));
            else if (seen.contains(option))
                problems.append(Text::tr("%1: option \"%2\" appears twice").arg(where, option));
            seen.insert(option);
        }
    } else if (!v.options.isEmpty()) {
        problems.append(Text::tr("%1: only enum variables have options").arg(where));
    }

    const QJsonValue& d = v.defaultValue;
    if (d.isUndefined() || d.isNull())
        return problems;
    switch (v.type) {
    case VariableType::Text:
    case VariableType::Multiline:
        if (!d.isString())
            problems.append(Text::tr("%1: the default must be a string").arg(where));
        break;
    case VariableType::Enum:
        if (!d.isString())
            problems.append(Text::tr("%1: the default must be a string").arg(where));
        else if (!v.options.contains(d.toString()))
            problems.append(
                Text::tr("%1: the default \"%2\" is not one of the options").arg(where, d.toString()));
        break;
    case VariableType::Number:
        if (!d.isDouble() || !std::isfinite(d.toDouble()))
            problems.append(Text::tr("%1: the default must be a number").arg(where));
        break;
    case VariableType::Bool:
        if (!d.isBool())
            problems.append(Text::tr("%1: the default must be true or false").arg(where));
        break;
    }
    return problems;
}

Error invalid(QStringList problems) {
    constexpr qsizetype MaxListed = 2 * MaxReportedProblems;
    if (problems.size() > MaxListed) {
        const qsizetype more = problems.size() - MaxListed;
        problems.resize(MaxListed);
        problems.append(Text::tr("and %n more problem(s)", nullptr, int(more)));
    }
    return Error{ErrorCode::InvalidMessage, Text::tr("Invalid template: %1.").arg(problems.join(u"; "))};
}

} // namespace

bool isValidVariableName(const QString& name) {
    if (name.isEmpty() || name.size() > MaxVariableNameLength)
        return false;
    for (qsizetype i = 0; i < name.size(); ++i) {
        const char16_t c = name.at(i).unicode();
        const bool letter = (c >= u'A' && c <= u'Z') || (c >= u'a' && c <= u'z') || c == u'_';
        const bool digit = c >= u'0' && c <= u'9';
        if (!(letter || (digit && i > 0)))
            return false;
    }
    return true;
}

QStringList placeholders(const QString& text) {
    QStringList names;
    QSet<QString> seen;
    for (const Segment& s : scan(text, QString()).segments) {
        if (s.placeholder && !seen.contains(s.text)) {
            seen.insert(s.text);
            names.append(s.text);
        }
    }
    return names;
}

namespace {

QStringList problemsOf(const PromptTemplate& tmpl) {
    QStringList problems;
    if (tmpl.title.trimmed().isEmpty())
        problems.append(Text::tr("the title is missing or empty"));
    else if (tmpl.title.size() > MaxTitleLength)
        problems.append(Text::tr("the title is longer than %1 characters").arg(MaxTitleLength));
    if (tmpl.body.trimmed().isEmpty())
        problems.append(Text::tr("the body is missing or empty"));
    else if (tmpl.body.size() > MaxBodyLength)
        problems.append(Text::tr("the body is longer than %1 characters").arg(MaxBodyLength));
    if (tmpl.systemPrompt.size() > MaxBodyLength)
        problems.append(Text::tr("the system prompt is longer than %1 characters").arg(MaxBodyLength));
    if (tmpl.version < 1)
        problems.append(Text::tr("the version must be 1 or more"));

    if (tmpl.variables.size() > MaxVariables)
        problems.append(
            Text::tr("%1 variables; at most %2 are allowed").arg(tmpl.variables.size()).arg(MaxVariables));
    QSet<QString> declared;
    for (qsizetype i = 0; i < tmpl.variables.size(); ++i) {
        const TemplateVariable& v = tmpl.variables.at(i);
        problems += validateVariable(v, i);
        if (declared.contains(v.name))
            problems.append(Text::tr("variable \"%1\" is declared twice").arg(v.name));
        declared.insert(v.name);
    }

    const Scan body = scan(tmpl.body, u"body"_s);
    const Scan system = scan(tmpl.systemPrompt, u"system_prompt"_s);
    problems += system.problems;
    problems += body.problems;
    QStringList used;
    QSet<QString> usedSet;
    for (const Scan* s : {&system, &body}) {
        for (const Segment& segment : s->segments) {
            if (segment.placeholder && !usedSet.contains(segment.text)) {
                usedSet.insert(segment.text);
                used.append(segment.text);
            }
        }
    }
    for (const QString& name : std::as_const(used))
        if (!declared.contains(name))
            problems.append(Text::tr("{{%1}} is used but not declared").arg(name));
    for (const TemplateVariable& v : tmpl.variables)
        if (isValidVariableName(v.name) && !usedSet.contains(v.name))
            problems.append(Text::tr("variable \"%1\" is declared but never used").arg(v.name));

    if (tmpl.examples.size() > MaxExamples)
        problems.append(
            Text::tr("%1 examples; at most %2 are allowed").arg(tmpl.examples.size()).arg(MaxExamples));
    for (qsizetype i = 0; i < tmpl.examples.size(); ++i)
        for (auto it = tmpl.examples.at(i).inputs.begin(); it != tmpl.examples.at(i).inputs.end(); ++it)
            if (!declared.contains(it.key()))
                problems.append(
                    Text::tr("examples[%1] sets \"%2\", which is not a variable").arg(i).arg(it.key()));

    if (tmpl.source && tmpl.source->confidence) {
        const double c = *tmpl.source->confidence;
        if (!(c >= 0.0 && c <= 1.0))
            problems.append(Text::tr("source.confidence must be between 0 and 1"));
    }

    return problems;
}

} // namespace

Result<void> validate(const PromptTemplate& tmpl) {
    if (const QStringList problems = problemsOf(tmpl); !problems.isEmpty())
        return invalid(problems);
    return {};
}

Result<PromptTemplate> fromJson(const QJsonObject& object) {
    Reader r;
    PromptTemplate t;

    const std::optional<QString> schema = r.string(object, u"schema"_s, u"schema"_s, true);
    if (schema && *schema != QStringView(TemplateSchemaId))
        r.problems.append(Text::tr("\"schema\" is \"%1\", expected \"%2\"")
                              .arg(*schema, QStringView(TemplateSchemaId).toString()));

    t.id = r.string(object, u"id"_s, u"id"_s).value_or(QString());
    if (const QJsonValue v = object.value(u"version"); !v.isUndefined() && !v.isNull()) {
        const double d = v.toDouble(-1);
        if (!v.isDouble() || std::trunc(d) != d || d < 1 || d > std::numeric_limits<int>::max())
            r.problems.append(Text::tr("\"version\" must be a whole number of 1 or more"));
        else
            t.version = static_cast<int>(d);
    }
    t.title = r.string(object, u"title"_s, u"title"_s).value_or(QString());
    t.description = r.string(object, u"description"_s, u"description"_s).value_or(QString());
    t.category = r.string(object, u"category"_s, u"category"_s).value_or(QString());
    t.tags = r.strings(object, u"tags"_s, u"tags"_s);
    t.systemPrompt = r.string(object, u"system_prompt"_s, u"system_prompt"_s).value_or(QString());
    t.body = r.string(object, u"body"_s, u"body"_s).value_or(QString());

    const QList<QJsonObject> variables = r.objects(object, u"variables"_s, MaxVariables);
    for (qsizetype i = 0; i < variables.size(); ++i) {
        const QJsonObject& o = variables.at(i);
        const QString path = u"variables[%1]."_s.arg(i);
        TemplateVariable v;
        v.name = r.string(o, u"name"_s, path + u"name"_s, true).value_or(QString());
        v.label = r.string(o, u"label"_s, path + u"label"_s).value_or(QString());
        v.description = r.string(o, u"description"_s, path + u"description"_s).value_or(QString());
        if (const std::optional<QString> type = r.string(o, u"type"_s, path + u"type"_s)) {
            if (const std::optional<VariableType> vt = variableTypeFromName(*type))
                v.type = *vt;
            else
                r.problems.append(
                    Text::tr("\"%1type\" is \"%2\"; expected text, multiline, enum, number or bool")
                        .arg(path, *type));
        }
        v.required = r.boolean(o, u"required"_s, path + u"required"_s).value_or(false);
        v.options = r.strings(o, u"options"_s, path + u"options"_s);
        v.defaultValue = o.value(u"default");
        if (v.defaultValue.isNull())
            v.defaultValue = QJsonValue(QJsonValue::Undefined);
        else if (v.defaultValue.isArray() || v.defaultValue.isObject())
            r.problems.append(Text::tr("\"%1default\" must be a string, number or bool").arg(path));
        t.variables.append(v);
    }

    const QList<QJsonObject> examples = r.objects(object, u"examples"_s, MaxExamples);
    for (qsizetype i = 0; i < examples.size(); ++i) {
        const QJsonObject& o = examples.at(i);
        const QString path = u"examples[%1]."_s.arg(i);
        TemplateExample e;
        const QJsonValue inputs = o.value(u"inputs");
        if (inputs.isObject())
            e.inputs = inputs.toObject();
        else if (!inputs.isUndefined() && !inputs.isNull())
            r.problems.append(Text::tr("\"%1inputs\" must be an object").arg(path));
        e.output = r.string(o, u"output"_s, path + u"output"_s).value_or(QString());
        t.examples.append(e);
    }

    if (const QJsonValue source = object.value(u"source"); source.isObject()) {
        const QJsonObject o = source.toObject();
        TemplateSource s;
        s.kind = r.string(o, u"kind"_s, u"source.kind"_s).value_or(QString());
        s.sessionId = r.string(o, u"session_id"_s, u"source.session_id"_s).value_or(QString());
        s.messageIds = r.strings(o, u"message_ids"_s, u"source.message_ids"_s);
        s.confidence = r.number(o, u"confidence"_s, u"source.confidence"_s);
        t.source = s;
    } else if (!source.isUndefined() && !source.isNull()) {
        r.problems.append(Text::tr("\"source\" must be an object"));
    }

    t.createdAt = r.dateTime(object, u"created_at"_s);
    t.updatedAt = r.dateTime(object, u"updated_at"_s);

    // A placeholder the file uses but does not declare (the documented example has one) is read as
    // a required text variable, so such a file still loads and its form asks for the value.
    for (const QString& text : {t.systemPrompt, t.body}) {
        for (const QString& name : placeholders(text)) {
            if (t.variable(name) || t.variables.size() >= MaxVariables)
                continue;
            TemplateVariable implicit;
            implicit.name = name;
            implicit.required = true;
            t.variables.append(implicit);
        }
    }

    // Shape problems first, then what validation finds, all in one message.
    const QStringList problems = r.problems + problemsOf(t);
    if (!problems.isEmpty())
        return invalid(problems);
    return t;
}

Result<PromptTemplate> fromJson(const QByteArray& json) {
    if (json.size() > MaxJsonSize)
        return Error{ErrorCode::MessageTooLarge,
                     Text::tr("The template file is larger than %1 bytes.").arg(MaxJsonSize)};
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError)
        return Error{ErrorCode::InvalidJson, Text::tr("The template is not valid JSON: %1 at offset %2.")
                                                 .arg(error.errorString())
                                                 .arg(error.offset)};
    if (!doc.isObject())
        return Error{ErrorCode::InvalidJson, Text::tr("The template must be a JSON object.")};
    return fromJson(doc.object());
}

QJsonObject toJson(const PromptTemplate& tmpl) {
    QJsonObject o;
    o.insert(u"schema", QStringView(TemplateSchemaId).toString());
    if (!tmpl.id.isEmpty())
        o.insert(u"id", tmpl.id);
    o.insert(u"version", tmpl.version);
    o.insert(u"title", tmpl.title);
    if (!tmpl.description.isEmpty())
        o.insert(u"description", tmpl.description);
    if (!tmpl.category.isEmpty())
        o.insert(u"category", tmpl.category);
    if (!tmpl.tags.isEmpty())
        o.insert(u"tags", QJsonArray::fromStringList(tmpl.tags));
    if (!tmpl.systemPrompt.isEmpty())
        o.insert(u"system_prompt", tmpl.systemPrompt);
    o.insert(u"body", tmpl.body);

    QJsonArray variables;
    for (const TemplateVariable& v : tmpl.variables) {
        QJsonObject vo;
        vo.insert(u"name", v.name);
        if (!v.label.isEmpty())
            vo.insert(u"label", v.label);
        if (!v.description.isEmpty())
            vo.insert(u"description", v.description);
        vo.insert(u"type", variableTypeName(v.type));
        if (v.required)
            vo.insert(u"required", true);
        if (!v.options.isEmpty())
            vo.insert(u"options", QJsonArray::fromStringList(v.options));
        if (!v.defaultValue.isUndefined() && !v.defaultValue.isNull())
            vo.insert(u"default", v.defaultValue);
        variables.append(vo);
    }
    o.insert(u"variables", variables);

    if (!tmpl.examples.isEmpty()) {
        QJsonArray examples;
        for (const TemplateExample& e : tmpl.examples)
            examples.append(QJsonObject{{u"inputs"_s, e.inputs}, {u"output"_s, e.output}});
        o.insert(u"examples", examples);
    }

    if (tmpl.source) {
        QJsonObject so;
        if (!tmpl.source->kind.isEmpty())
            so.insert(u"kind", tmpl.source->kind);
        if (!tmpl.source->sessionId.isEmpty())
            so.insert(u"session_id", tmpl.source->sessionId);
        if (!tmpl.source->messageIds.isEmpty())
            so.insert(u"message_ids", QJsonArray::fromStringList(tmpl.source->messageIds));
        if (tmpl.source->confidence)
            so.insert(u"confidence", *tmpl.source->confidence);
        o.insert(u"source", so);
    }

    if (tmpl.createdAt.isValid())
        o.insert(u"created_at", tmpl.createdAt.toUTC().toString(Qt::ISODateWithMs));
    if (tmpl.updatedAt.isValid())
        o.insert(u"updated_at", tmpl.updatedAt.toUTC().toString(Qt::ISODateWithMs));
    return o;
}

Result<Rendered> render(const PromptTemplate& tmpl, const QHash<QString, QString>& values) {
    if (Result<void> valid = validate(tmpl); !valid)
        return valid.error();

    QHash<QString, QString> resolved;
    QStringList missing;
    QStringList misfits;
    for (const TemplateVariable& v : tmpl.variables) {
        const auto given = values.constFind(v.name);
        const QString value = given != values.constEnd() ? *given : defaultText(v.defaultValue);
        resolved.insert(v.name, value);
        if (value.trimmed().isEmpty()) {
            if (v.required)
                missing.append(v.name);
            continue;
        }
        switch (v.type) {
        case VariableType::Text:
        case VariableType::Multiline:
            break;
        case VariableType::Enum:
            if (!v.options.contains(value))
                misfits.append(Text::tr("\"%1\" must be one of: %2").arg(v.name, v.options.join(u", ")));
            break;
        case VariableType::Number:
            if (!isNumberText(value))
                misfits.append(Text::tr("\"%1\" must be a number").arg(v.name));
            break;
        case VariableType::Bool:
            if (!isBoolText(value))
                misfits.append(Text::tr("\"%1\" must be true or false").arg(v.name));
            break;
        }
    }
    if (!missing.isEmpty() || !misfits.isEmpty()) {
        QStringList parts;
        if (!missing.isEmpty())
            parts.append(Text::tr("missing required values: %1").arg(missing.join(u", ")));
        parts += misfits;
        return Error{ErrorCode::InvalidMessage,
                     Text::tr("Cannot fill in the template: %1.").arg(parts.join(u"; "))};
    }

    // Values are appended, never scanned, so `{{x}}` inside a value stays literal.
    const auto substitute = [&](const QString& text) {
        QString out;
        out.reserve(text.size());
        for (const Segment& s : scan(text, QString()).segments)
            out += s.placeholder ? resolved.value(s.text) : s.text;
        return out;
    };
    return Rendered{substitute(tmpl.systemPrompt), substitute(tmpl.body)};
}

} // namespace pc::TemplateFormat
