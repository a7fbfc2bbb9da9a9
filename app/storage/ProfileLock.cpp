#include "ProfileLock.h"

#include "core/Logging.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QSysInfo>
#include <QThread>

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
        if (takeOverStaleLock())
            return {};
        Holder holder;
        const bool known = m_lock.getLockInfo(&holder.pid, &holder.hostname, &holder.application);
        m_holder = holder;
        qCInfo(lcStorage) << "profile held by process" << holder.pid << "on" << holder.hostname;
        if (!known) {
            return Error{ErrorCode::InternalError,
                         tr("PromptCraft is already running with this profile. Switch to that window, or "
                            "close it first.")};
        }
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

// QLockFile judges a lock by the pid written in it and, with staleLockTime 0, never by age. Two cases
// defeat that, and the kill -9 test meets both: a file left empty by a process killed between
// creating it and writing its pid (no pid to judge: locked for good), and a recorded pid that now
// belongs to another process of the same name, even this one (pids are reused quickly; in
// containers and sandboxes an app often gets the same pid at every start).
// QLockFile takes flock() on the file before writing the pid and holds it for the lock's life, and
// removeStaleLockFile() deletes the file only when it can take that flock, so on this machine it
// tells a live holder from a dead one. Locks written on another host (a shared network profile)
// are left to QLockFile's own judgement.
bool ProfileLock::takeOverStaleLock() {
    QString hostname;
    if (!m_lock.getLockInfo(nullptr, &hostname, nullptr)) {
        // No owner yet: being written right now (a matter of microseconds), or abandoned.
        QDeadlineTimer grace(AbandonedLockGraceMs);
        while (!grace.hasExpired()) {
            QThread::msleep(20);
            if (m_lock.tryLock(0))
                return true;
            if (m_lock.error() != QLockFile::LockFailedError)
                return false;
            if (m_lock.getLockInfo(nullptr, &hostname, nullptr))
                break; // an owner after all: judge it like any other
        }
    }
    if (!hostname.isEmpty() && hostname != QSysInfo::machineHostName())
        return false;
    if (!m_lock.removeStaleLockFile())
        return false; // a live process holds it
    qCInfo(lcStorage) << "took over a profile lock its owner no longer holds";
    return m_lock.tryLock(0);
}

void ProfileLock::unlock() {
    m_lock.unlock();
}

bool ProfileLock::isLocked() const {
    return m_lock.isLocked();
}

} // namespace pc
