#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QString>

namespace pc {

// A local copy of one version of a prompt template. `json` is the template in the
// `promptcraft.template/1` format; the other members are indexed copies for listing.
struct StoredTemplate {
    QString id;
    int version = 1;
    QString title;
    QString category;
    QJsonObject json;
    QDateTime updatedAt;
};

} // namespace pc
