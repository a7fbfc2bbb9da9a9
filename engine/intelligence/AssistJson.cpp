#include "AssistJson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonValue>

namespace pc::AssistJson {

using namespace Qt::Literals::StringLiterals;

namespace {

Error problem(const QString& message)
{
    return Error{ErrorCode::InvalidMessage, message};
}

QString clean(const QString& raw, bool singleLine)
{
    QString out;
    out.reserve(raw.size());
    for (const QChar c : raw) {
        if (c == u'\n' || c == u'\t') {
            out.append(singleLine ? QChar(u' ') : c);
            continue;
        }
        if (c == u'\r' || c.category() == QChar::Other_Control || c.category() == QChar::Other_Format)
            continue;
        out.append(c);
    }
    return out.trimmed();
}

} // namespace

const QStringList& knownCategories()
{
    static const QStringList list{u"Marketing"_s,   u"Business"_s, u"Development"_s,
                                  u"Education"_s,   u"Writing"_s,  u"Analysis"_s,
                                  u"Translation"_s, u"Planning"_s, u"General"_s};
    return list;
}

QJsonObject unwrap(const QJsonObject& object, const QStringList& expectedKeys)
{
    for (const QString& key : expectedKeys)
        if (object.contains(key))
            return object;
    if (object.size() == 1 && object.begin().value().isObject())
        return object.begin().value().toObject();
    return object;
}

Result<QString> text(const QJsonObject& object, const QString& key, const TextRule& rule)
{
    const QJsonValue value = object.value(key);
    if (value.isUndefined() || value.isNull()) {
        if (rule.required)
            return problem(u"'%1' is missing"_s.arg(key));
        return QString();
    }
    if (!value.isString())
        return problem(u"'%1' must be a string"_s.arg(key));
    if (rule.singleLine && value.toString().trimmed().contains(u'\n'))
        return problem(u"'%1' must be one line"_s.arg(key));
    const QString s = clean(value.toString(), rule.singleLine);
    if (s.isEmpty() && !rule.required)
        return s;
    if (s.size() < rule.minLength)
        return problem(s.isEmpty() ? u"'%1' is empty"_s.arg(key)
                                   : u"'%1' is shorter than %2 characters"_s.arg(key).arg(rule.minLength));
    if (s.size() > rule.maxLength)
        return problem(u"'%1' is longer than %2 characters"_s.arg(key).arg(rule.maxLength));
    return s;
}

Result<QStringList> textList(const QJsonObject& object, const QString& key, qsizetype maxItems,
                             qsizetype maxItemLength, bool required)
{
    const QJsonValue value = object.value(key);
    if (value.isUndefined() || value.isNull()) {
        if (required)
            return problem(u"'%1' is missing"_s.arg(key));
        return QStringList();
    }
    if (!value.isArray())
        return problem(u"'%1' must be an array of strings"_s.arg(key));
    const QJsonArray array = value.toArray();
    if (array.size() > maxItems)
        return problem(u"'%1' has more than %2 items"_s.arg(key).arg(maxItems));
    QStringList out;
    for (const QJsonValue& item : array) {
        if (!item.isString())
            return problem(u"'%1' must be an array of strings"_s.arg(key));
        const QString s = clean(item.toString(), false);
        if (s.isEmpty())
            continue;
        if (s.size() > maxItemLength)
            return problem(u"an item of '%1' is longer than %2 characters"_s.arg(key).arg(maxItemLength));
        out.append(s);
    }
    return out;
}

QString canonicalCategory(const QString& category)
{
    for (const QString& known : knownCategories())
        if (known.compare(category, Qt::CaseInsensitive) == 0)
            return known;
    return category;
}

QString compact(const QJsonObject& object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

} // namespace pc::AssistJson
