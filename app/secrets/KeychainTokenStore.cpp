#include "secrets/KeychainTokenStore.h"

#include "core/Logging.h"
#include "secrets/SecretServiceProbe.h"

#include <QTimer>

#include <qt6keychain/keychain.h>

using namespace Qt::Literals::StringLiterals;

namespace pc {

namespace {

// Backend messages come from GLib/D-Bus and carry no secret, but a message is shown to people and may
// be logged by a caller, so any copy of the value is cut out all the same.
QString scrubbed(QString text, const QString& secret) {
    if (secret.size() >= 4)
        text.replace(secret, u"[redacted]"_s);
    return text;
}

QString withDetail(TokenStore::Status status, const QString& detail) {
    if (detail.isEmpty())
        return TokenStore::describe(status);
    return KeychainTokenStore::tr("%1 (%2)").arg(TokenStore::describe(status), detail);
}

} // namespace

KeychainTokenStore::KeychainTokenStore(QObject* parent)
    : TokenStore(parent) {}

KeychainTokenStore::~KeychainTokenStore() = default;

QString KeychainTokenStore::serviceName() {
    return u"PromptCraft"_s;
}

void KeychainTokenStore::setTimeout(std::chrono::milliseconds timeout) {
    m_timeout = timeout.count() > 0 ? timeout : DefaultTimeout;
}

void KeychainTokenStore::startRead(quint64 requestId, const QString& key) {
    run(requestId, Operation::Read, key, new QKeychain::ReadPasswordJob(serviceName()), {});
}

void KeychainTokenStore::startWrite(quint64 requestId, const QString& key, const QString& value) {
    auto* job = new QKeychain::WritePasswordJob(serviceName());
    job->setTextData(value);
    run(requestId, Operation::Write, key, job, value);
}

void KeychainTokenStore::startRemove(quint64 requestId, const QString& key) {
    run(requestId, Operation::Remove, key, new QKeychain::DeletePasswordJob(serviceName()), {});
}

// Jobs have no parent and delete themselves when they finish. They must outlive a timeout and even
// this store: the libsecret backend keeps a raw pointer to the job until its callback fires, so
// deleting a job that has not finished would crash later. The connections below end with this store.
void KeychainTokenStore::run(quint64 requestId, Operation operation, const QString& key, QKeychain::Job* job,
                             const QString& secretToScrub) {
    job->setKey(key);
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    m_pending.insert(requestId);

    connect(job, &QKeychain::Job::finished, this,
            [this, requestId, operation, key, secretToScrub](QKeychain::Job* finishedJob) {
                jobFinished(requestId, operation, key, finishedJob, secretToScrub);
            });
    QTimer::singleShot(m_timeout, this, [this, requestId, operation, key, timeout = m_timeout] {
        if (!m_pending.contains(requestId))
            return;
        qCWarning(lcClient) << "keychain request timed out" << requestId << key;
        report(requestId, operation, key, Status::TimedOut, {},
               tr("The system keychain did not answer within %n second(s).", nullptr,
                  int((timeout.count() + 999) / 1000)));
    });
    job->start();
}

void KeychainTokenStore::jobFinished(quint64 requestId, Operation operation, const QString& key,
                                     QKeychain::Job* job, const QString& secretToScrub) {
    if (!m_pending.contains(requestId)) {
        qCDebug(lcClient) << "keychain answered after the deadline; ignored" << requestId << key;
        return;
    }
    const QString detail = scrubbed(job->errorString(), secretToScrub);
    switch (job->error()) {
    case QKeychain::NoError: {
        QString value;
        if (operation == Operation::Read)
            value = static_cast<QKeychain::ReadPasswordJob*>(job)->textData();
        report(requestId, operation, key, Status::Ok, value, {});
        return;
    }
    case QKeychain::EntryNotFound:
        if (operation == Operation::Remove)
            report(requestId, operation, key, Status::Ok, {}, {});
        else
            report(requestId, operation, key, Status::NotFound, {}, TokenStore::describe(Status::NotFound));
        return;
    case QKeychain::AccessDenied:
    case QKeychain::AccessDeniedByUser:
        report(requestId, operation, key, Status::AccessDenied, {}, withDetail(Status::AccessDenied, detail));
        return;
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
        report(requestId, operation, key, Status::NoBackend, {}, withDetail(Status::NoBackend, detail));
        return;
    case QKeychain::CouldNotDeleteEntry:
        report(requestId, operation, key, Status::OtherError, {}, withDetail(Status::OtherError, detail));
        return;
    case QKeychain::OtherError:
        break;
    }
    classifyOtherError(requestId, operation, key, detail);
}

// libsecret reports a missing session bus or a missing Secret Service as a generic error with a GLib
// message. Asking the bus directly tells NoBackend apart from other failures without parsing text.
// The request stays pending meanwhile, so the deadline still applies.
void KeychainTokenStore::classifyOtherError(quint64 requestId, Operation operation, const QString& key,
                                            const QString& detail) {
    auto* probe = new SecretServiceProbe(this);
    connect(probe, &SecretServiceProbe::finished, this,
            [this, probe, requestId, operation, key, detail](SecretServiceProbe::Result result) {
                probe->deleteLater();
                if (!m_pending.contains(requestId))
                    return;
                switch (result) {
                case SecretServiceProbe::Result::NoSessionBus:
                    report(requestId, operation, key, Status::NoBackend, {},
                           tr("No system keychain is available: there is no D-Bus session bus."));
                    return;
                case SecretServiceProbe::Result::NoSecretService:
                    report(requestId, operation, key, Status::NoBackend, {},
                           tr("No system keychain is available: nothing provides the Secret Service "
                              "(for example gnome-keyring or KeePassXC)."));
                    return;
                case SecretServiceProbe::Result::Available:
                case SecretServiceProbe::Result::Unknown:
                    break;
                }
                report(requestId, operation, key, Status::OtherError, {},
                       withDetail(Status::OtherError, detail));
            });
    probe->start();
}

void KeychainTokenStore::report(quint64 requestId, Operation operation, const QString& key, Status status,
                                const QString& value, const QString& message) {
    m_pending.remove(requestId);
    switch (operation) {
    case Operation::Read:
        finishRead(requestId, key, status, value, message);
        return;
    case Operation::Write:
        finishWrite(requestId, key, status, message);
        return;
    case Operation::Remove:
        finishRemove(requestId, key, status, message);
        return;
    }
}

} // namespace pc
