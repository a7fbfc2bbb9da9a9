#include "ProfileLock.h"

#include "core/Logging.h"

#include <QDir>

using namespace Qt::Literals::StringLiterals;

namespace pc {

ProfileLock::ProfileLock(const QString& profileDirectory)
    : m_directory(QDir(profileDirectory).absolutePath())
    , m_path(QDir(m_directory).filePath(FileName.toString()))
    , m_lock(m_path) {
    // The default 30 s would let a second instance steal the lock of a long-running first one.
    // With 0 a lock is stale only when its process is gone (or the machine rebooted).
    m_lock.setStaleLockTime(0);
}

ProfileLock::~ProfileLock() {
    unlock();
}

Result<void> ProfileLock::tryLock() {
    m_holder.reset();
    if (m_lock.isLocked())
        return {};
    if (!QDir().mkpath(m_directory)) {
        return Error{
            ErrorCode::InternalError,
            tr("Could not create the profile folder %1.").arg(QDir::toNativeSeparators(m_directory))};
    }
    if (m_lock.tryLock(0))
        return {};

    switch (m_lock.error()) {
    case QLockFile::LockFailedError: {
        Holder holder;
        if (!m_lock.getLockInfo(&holder.pid, &holder.hostname, &holder.application)) {
            // Released between our attempt and the read: one more try settles it.
            if (m_lock.tryLock(0))
                return {};
        }
        m_holder = holder;
        qCInfo(lcStorage) << "profile held by process" << holder.pid << "on" << holder.hostname;
        return Error{ErrorCode::InternalError,
                     tr("PromptCraft is already running with this profile (process %1 on %2). Switch to that "
                        "window, or close it first.")
                         .arg(holder.pid)
                         .arg(holder.hostname.isEmpty() ? tr("this computer") : holder.hostname)};
    }
    case QLockFile::PermissionError:
        return Error{ErrorCode::InternalError, tr("Could not create the lock file %1: permission denied.")
                                                   .arg(QDir::toNativeSeparators(m_path))};
    case QLockFile::NoError:
    case QLockFile::UnknownError:
        break;
    }
    return Error{ErrorCode::InternalError,
                 tr("Could not create the lock file %1.").arg(QDir::toNativeSeparators(m_path))};
}

void ProfileLock::unlock() {
    m_lock.unlock();
}

bool ProfileLock::isLocked() const {
    return m_lock.isLocked();
}

} // namespace pc
