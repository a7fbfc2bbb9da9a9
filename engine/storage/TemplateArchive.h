#pragma once

#include "PromptTemplate.h"
#include "Result.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace pc {
class EngineStore;
}

// Template files for `promptcraft-engine templates export|import`: a file holds one
// `promptcraft.template/1` object or a JSON array of them (what export writes).
namespace pc::TemplateArchive {

inline constexpr qint64 MaxFileBytes = 32LL * 1024 * 1024;

// The id of the user `nameOrId` names: a user name first, else the id of a known user (users known
// only from tokens minted elsewhere have an id and no name). NotFound when it names nobody.
[[nodiscard]] Result<QString> resolveUser(EngineStore& store, const QString& nameOrId);

// The newest version of each of the owner's templates, ordered by title, as an indented JSON array.
[[nodiscard]] Result<QByteArray> exportJson(EngineStore& store, const QString& ownerId, int* count = nullptr);

struct Item {
    std::optional<PromptTemplate> tmpl; // set when the item is a valid template
    QString problem;                    // else what is wrong with it
};

// The templates in one file's contents, each checked on its own. Fails as a whole when the file is
// too large, not JSON, empty, or neither an object nor an array of objects.
[[nodiscard]] Result<QList<Item>> parse(const QByteArray& contents);

// Stores an imported template for the owner: a new template, or the next version of the owner's
// template with the same title. The file's id is not reused (ids are unique across owners and the
// file may come from anyone); its source is kept, or becomes {kind: "import"}.
[[nodiscard]] Result<PromptTemplate> store(EngineStore& store, const QString& ownerId, PromptTemplate tmpl);

} // namespace pc::TemplateArchive
