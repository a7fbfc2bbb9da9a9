#pragma once

#include <QString>
#include <QStringList>

#include <optional>

namespace pc {

struct SessionRecord {
    QString id;
    std::optional<QString> ownerId; // empty for anonymous sessions
    qint64 createdAtMs = 0;
    bool opportunitiesDismissed = false;
    QStringList suggestedFingerprints; // template suggestions already sent
};

} // namespace pc
