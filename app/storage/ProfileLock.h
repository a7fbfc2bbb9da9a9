#pragma once

#include "protocol/Result.h"

#include <QCoreApplication>
#include <QLockFile>
#include <QString>

#include <optional>

namespace pc {

// Keeps a second app instance off a profile: `<profile>/promptcraft.lock`, held for the life of the
// app. A lock left by a crashed instance is taken over (even when it died before writing its pid, or
// its pid was reused since); a live holder on this machine is never displaced, however old the lock.
class ProfileLock {
    Q_DECLARE_TR_FUNCTIONS(pc::ProfileLock)

public:
    // Who holds the profile, from the lock file.
    struct Holder {
        qint64 pid = 0;
        QString hostname;
        QString application;
    };

    static constexpr QStringView FileName = u"promptcraft.lock";
    // How long a lock file without owner information may be "being written" before it counts as
    // abandoned (its creator was killed between creating and writing it).
    static constexpr int AbandonedLockGraceMs = 200;

    explicit ProfileLock(const QString& profileDirectory);
    ~ProfileLock();
    Q_DISABLE_COPY_MOVE(ProfileLock)

    // Fails with a message for the user when another instance holds the profile (holder() then
    // says which) or when the lock file cannot be created.
    [[nodiscard]] Result<void> tryLock();
    void unlock();
    [[nodiscard]] bool isLocked() const;
    // Set after tryLock() failed because another instance holds the lock.
    [[nodiscard]] std::optional<Holder> holder() const { return m_holder; }
    [[nodiscard]] QString filePath() const { return m_path; }

private:
    [[nodiscard]] bool takeOverStaleLock();

    QString m_directory;
    QString m_path;
    QLockFile m_lock;
    std::optional<Holder> m_holder;
};

} // namespace pc
