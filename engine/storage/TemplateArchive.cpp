#include "TemplateArchive.h"

#include "EngineStore.h"
#include "TemplateFormat.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>

namespace pc::TemplateArchive {

using namespace Qt::Literals::StringLiterals;

Result<QString> resolveUser(EngineStore& store, const QString& nameOrId)
{
    const QString wanted = nameOrId.trimmed();
    if (wanted.isEmpty())
        return Error{ErrorCode::InvalidMessage, u"no user given"_s};
    const auto byName = store.userByName(wanted);
    if (!byName)
        return byName.error();
    if (byName->has_value())
        return (*byName)->id;
    QSqlQuery q(store.database());
    q.prepare(u"SELECT id FROM users WHERE id = ?"_s);
    q.addBindValue(wanted);
    if (!q.exec())
        return Error{ErrorCode::InternalError, u"reading users: %1"_s.arg(q.lastError().text())};
    if (q.next())
        return q.value(0).toString();
    return Error{ErrorCode::NotFound, u"no user is named or has the id '%1'"_s.arg(wanted)};
}

Result<QByteArray> exportJson(EngineStore& store, const QString& ownerId, int* count)
{
    auto templates = store.templates(ownerId, {}, {});
    if (!templates)
        return templates.error();
    QList<PromptTemplate> list = std::move(templates).value();
    std::sort(list.begin(), list.end(), [](const PromptTemplate& a, const PromptTemplate& b) {
        const int byTitle = QString::compare(a.title, b.title, Qt::CaseInsensitive);
        return byTitle != 0 ? byTitle < 0 : a.id < b.id;
    });
    QJsonArray array;
    for (const PromptTemplate& t : std::as_const(list))
        array.append(TemplateFormat::toJson(t));
    if (count)
        *count = int(list.size());
    return QJsonDocument(array).toJson(QJsonDocument::Indented);
}

Result<QList<Item>> parse(const QByteArray& contents)
{
    if (contents.size() > MaxFileBytes)
        return Error{ErrorCode::MessageTooLarge, u"the file is larger than %1 bytes"_s.arg(MaxFileBytes)};
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(contents, &error);
    if (error.error != QJsonParseError::NoError)
        return Error{ErrorCode::InvalidJson,
                     u"not JSON (%1 at offset %2)"_s.arg(error.errorString()).arg(error.offset)};
    QJsonArray array;
    if (doc.isObject())
        array.append(doc.object());
    else
        array = doc.array();
    if (array.isEmpty())
        return Error{ErrorCode::InvalidMessage,
                     u"expected a template object or a non-empty array of template objects"_s};
    QList<Item> items;
    for (const QJsonValue& value : std::as_const(array)) {
        Item item;
        if (!value.isObject()) {
            item.problem = u"not a template object"_s;
        } else if (Result<PromptTemplate> parsed = TemplateFormat::fromJson(value.toObject()); !parsed) {
            item.problem = parsed.error().message;
        } else {
            item.tmpl = std::move(parsed).value();
        }
        items.append(std::move(item));
    }
    return items;
}

Result<PromptTemplate> store(EngineStore& store, const QString& ownerId, PromptTemplate tmpl)
{
    tmpl.id.clear();
    tmpl.version = 1;
    if (!tmpl.source || tmpl.source->kind.isEmpty())
        tmpl.source = TemplateSource{u"import"_s, {}, {}, std::nullopt};
    return store.saveTemplate(ownerId, std::move(tmpl));
}

} // namespace pc::TemplateArchive
