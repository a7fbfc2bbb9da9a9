#include "client/ConversationSync.h"

#include "core/Logging.h"
#include "protocol/TemplateFormat.h"
#include "storage/HistoryStore.h"
#include "storage/StoredTemplate.h"

#include <QUuid>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace pc {

namespace {

constexpr int HistoryPageSize = 64;
constexpr qsizetype MaxRememberedAnswers = 256;
// Local ids of the older backend's answers end with this (see the class comment).
constexpr QStringView LegacyAnswerSuffix = u"~answer";

bool isTransient(const ErrorReply& error)
{
    return error.code == ErrorCode::RateLimited || error.code == ErrorCode::ProviderUnavailable ||
           error.code == ErrorCode::InternalError;
}

QString newId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

} // namespace

ConversationSync::ConversationSync(ChatClient* client, HistoryStore* store, QString conversationId,
                                   QObject* parent)
    : QObject(parent)
    , m_client(client)
    , m_store(*store)
    , m_conversationId(std::move(conversationId))
{
    Q_ASSERT(client && store);
    m_flushTimer.setSingleShot(true);
    m_flushTimer.setInterval(DefaultPartialFlushIntervalMs);
    connect(&m_flushTimer, &QTimer::timeout, this, &ConversationSync::flushPartials);
    m_holdTimer.setSingleShot(true);
    connect(&m_holdTimer, &QTimer::timeout, this, [this] {
        qCInfo(lcClient) << "rate limit wait over; resending the outbox";
        resendOutbox();
    });

    connect(client, &ChatClient::ack, this, &ConversationSync::onAck);
    connect(client, &ChatClient::disconnected, this, &ConversationSync::onDisconnected);
    connect(client, &ChatClient::delta, this, &ConversationSync::onDelta);
    connect(client, &ChatClient::answer, this, &ConversationSync::onAnswer);
    connect(client, &ChatClient::error, this, &ConversationSync::onError);
    connect(client, &ChatClient::templateOpportunity, this, &ConversationSync::templateOpportunity);
    connect(client, &ChatClient::templateCreated, this, &ConversationSync::onTemplateCreated);
    connect(client, &ChatClient::optimizationResult, this, &ConversationSync::optimizationResult);
    connect(client, &ChatClient::templates, this, &ConversationSync::templates);

    if (const auto queued = m_store.outbox(m_conversationId))
        m_outboxCount = int(queued->size());
    // Opened on an already connected client: what the ack would have done.
    if (isConnected())
        resendOutbox();
}

ConversationSync::~ConversationSync()
{
    flushPartials();
}

Result<void> ConversationSync::open(const QUrl& baseUrl, const QString& token)
{
    if (!m_client)
        return Error{ErrorCode::InternalError, tr("The connection is gone.")};
    auto conversation = m_store.conversation(m_conversationId);
    if (!conversation)
        return conversation.error();
    QString sessionId = conversation->sessionId;
    if (sessionId.isEmpty()) {
        sessionId = u"conv_"_s + QUuid::createUuid().toString(QUuid::Id128);
        if (auto saved = m_store.setSessionId(m_conversationId, sessionId); !saved)
            return saved.error();
    }
    if (!m_client->open(baseUrl, sessionId, token))
        return Error{ErrorCode::InvalidMessage,
                     tr("The server address must be a ws:// or wss:// URL, and the session id valid.")};
    return {};
}

Result<StoredMessage> ConversationSync::sendUserMessage(const QString& text)
{
    if (text.trimmed().isEmpty())
        return Error{ErrorCode::InvalidMessage, tr("The message is empty.")};
    if (text.size() > MaxChatContentLength)
        return Error{ErrorCode::MessageTooLarge,
                     tr("The message is too long (at most %1 characters).").arg(MaxChatContentLength)};
    auto stored = m_store.enqueueUserMessage(m_conversationId, newId(), text);
    if (!stored)
        return stored.error();
    Q_EMIT messageAdded(stored.value());
    updateOutboxCount();
    if (isConnected() && !isDeliveryHeld())
        (void)transmit(stored->id, stored->content);
    return stored;
}

bool ConversationSync::cancelAnswer(const QString& userMessageId)
{
    return m_client && m_client->send(CancelGeneration{userMessageId});
}

void ConversationSync::retryNow()
{
    m_holdTimer.stop();
    resendOutbox();
}

void ConversationSync::setPartialFlushIntervalMs(int ms)
{
    m_flushTimer.setInterval(std::max(0, ms));
}

bool ConversationSync::isConnected() const
{
    return m_client && m_client->state() == ChatClient::State::Connected;
}

// ---- connection events ----

void ConversationSync::onAck(const ConnectionAck& ack)
{
    m_awaiting.clear();
    if (!isDeliveryHeld())
        resendOutbox();
    // After the resend, so that answers to our own messages come through the resend (from storage or
    // the generation in flight) and sync only fills in what else happened in the session.
    if (ack.features.sync && isConnected())
        requestSync(lastFinalAnswerId());
}

void ConversationSync::onDisconnected()
{
    flushPartials();
    m_flushTimer.stop();
    // Whatever streamed on this connection stops here; a complete copy may still come later.
    for (auto it = m_streams.cbegin(); it != m_streams.cend(); ++it) {
        auto row = m_store.message(it.key());
        if (!row || row->status != MessageStatus::Sending)
            continue;
        if (auto marked = m_store.setMessageStatus(it.key(), MessageStatus::Interrupted); !marked) {
            reportStorage(marked.error());
            continue;
        }
        StoredMessage interrupted = row.value();
        interrupted.status = MessageStatus::Interrupted;
        rememberFinished(it.key());
        qCInfo(lcClient).noquote() << "answer" << it.key() << "interrupted by the connection loss";
        Q_EMIT answerFinished(interrupted);
    }
    m_streams.clear();
    // Put on the wire but not known to have arrived: back to waiting.
    const QList<QString> awaiting = std::exchange(m_awaiting, {});
    for (const QString& id : awaiting) {
        auto row = m_store.message(id);
        if (row && row->status == MessageStatus::Sending)
            setUserStatus(id, MessageStatus::Queued);
    }
    m_syncAnchorPending = false;
}

// ---- sending ----

void ConversationSync::resendOutbox()
{
    if (!isConnected())
        return;
    auto queued = m_store.outbox(m_conversationId);
    if (!queued) {
        reportStorage(queued.error());
        return;
    }
    // The outbox may have been written by another part of the app (or an earlier run) meanwhile.
    if (const int count = int(queued->size()); count != m_outboxCount) {
        m_outboxCount = count;
        Q_EMIT outboxChanged(count);
    }
    if (!queued->isEmpty())
        qCInfo(lcClient) << "sending" << queued->size() << "queued message(s)";
    for (const OutboxEntry& entry : queued.value()) {
        if (!transmit(entry.messageId, entry.content))
            break;
    }
}

bool ConversationSync::transmit(const QString& messageId, const QString& content)
{
    if (!m_client || !m_client->send(ChatMessage{content, messageId}))
        return false;
    if (!m_awaiting.contains(messageId))
        m_awaiting.append(messageId);
    if (auto marked = m_store.markSending(messageId); !marked)
        reportStorage(marked.error());
    else
        Q_EMIT messageStatusChanged(messageId, MessageStatus::Sending);
    return true;
}

void ConversationSync::requestSync(const QString& after)
{
    m_syncAnchorPending = !after.isEmpty();
    if (m_client)
        (void)m_client->send(Sync{after});
}

// The newest answer the engine certainly stored: Complete and Offline answers only ever come from the
// engine's final `message`; an Interrupted one may have been marked here when the stream broke.
QString ConversationSync::lastFinalAnswerId() const
{
    auto page = m_store.newestMessages(m_conversationId, HistoryPageSize);
    while (page && !page->isEmpty()) {
        for (auto it = page->crbegin(); it != page->crend(); ++it) {
            if (it->role == MessageRole::Assistant &&
                (it->status == MessageStatus::Complete || it->status == MessageStatus::Offline) &&
                !it->id.endsWith(LegacyAnswerSuffix))
                return it->id;
        }
        if (page->size() < HistoryPageSize)
            break;
        page = m_store.messagesBefore(m_conversationId, page->first().seq, HistoryPageSize);
    }
    return {};
}

void ConversationSync::holdDelivery(std::optional<int> retryAfterSecs)
{
    const int secs = std::clamp(retryAfterSecs.value_or(DefaultRetryAfterSecs), 1, MaxRetryAfterSecs);
    // A later, longer wait extends the hold; a shorter one does not cut it.
    if (m_holdTimer.isActive() && m_holdTimer.remainingTime() >= secs * 1000)
        return;
    m_holdTimer.start(secs * 1000);
}

// ---- receiving ----

void ConversationSync::onDelta(const MessageDelta& delta)
{
    if (delta.messageId.isEmpty() || m_finished.contains(delta.messageId))
        return;
    auto it = m_streams.find(delta.messageId);
    if (it == m_streams.end()) {
        if (delta.index != 0) {
            // The start of this answer was missed (e.g. attached to it mid-way after a reconnect).
            it = m_streams.insert(delta.messageId, Stream{delta.replyTo, {}, 0, false, true});
        } else {
            it = m_streams.insert(delta.messageId, Stream{delta.replyTo, {}, 0, false, false});
            // The engine works on it: the message has arrived.
            if (m_awaiting.contains(delta.replyTo)) {
                if (auto sent = m_store.markSent(delta.replyTo); !sent)
                    reportStorage(sent.error());
                else
                    Q_EMIT messageStatusChanged(delta.replyTo, MessageStatus::Sent);
            }
        }
    }
    Stream& stream = it.value();
    if (stream.broken)
        return;
    if (delta.index < stream.nextIndex) {
        qCDebug(lcClient) << "dropping a repeated delta" << delta.index << "of" << delta.messageId;
        return;
    }
    if (delta.index > stream.nextIndex) {
        qCDebug(lcClient) << "deltas of" << delta.messageId << "missed from" << stream.nextIndex
                          << "; waiting for the final answer";
        stream.broken = true;
        return;
    }
    ++stream.nextIndex;
    stream.pending += delta.delta;
    if (m_flushTimer.interval() == 0)
        flushPartials();
    else if (!m_flushTimer.isActive())
        m_flushTimer.start();
}

void ConversationSync::flushPartials()
{
    for (auto it = m_streams.begin(); it != m_streams.end(); ++it) {
        Stream& stream = it.value();
        if (stream.pending.isEmpty())
            continue;
        const QString text = std::exchange(stream.pending, {});
        if (auto appended = m_store.appendPartial(m_conversationId, it.key(), stream.replyTo, text);
            !appended) {
            reportStorage(appended.error());
            continue;
        }
        if (!stream.announced) {
            auto row = m_store.message(it.key());
            if (!row) {
                reportStorage(row.error());
                continue;
            }
            stream.announced = true;
            Q_EMIT messageAdded(row.value());
        } else {
            Q_EMIT answerUpdated(it.key(), stream.replyTo, text);
        }
    }
}

void ConversationSync::onAnswer(const AssistantMessage& incoming)
{
    AssistantMessage answer = incoming;
    if (answer.replyTo.isEmpty()) {
        // The older backend: answers in order, without reply_to, numeric ids.
        answer.replyTo = m_awaiting.isEmpty() ? QString() : m_awaiting.first();
        answer.messageId = answer.replyTo.isEmpty() ? newId() : answer.replyTo + LegacyAnswerSuffix;
    }
    // The final text replaces whatever streamed.
    m_streams.remove(answer.messageId);
    m_awaiting.removeAll(answer.replyTo);
    const bool wasQueued = !answer.replyTo.isEmpty() && isInOutbox(answer.replyTo);

    const MessageStatus status = messageStatusFromAnswer(answer.status);
    auto existing = m_store.message(answer.messageId);
    if (existing && existing->status == status && existing->content == answer.content &&
        existing->reasoning == answer.reasoning) {
        // A replay of what is stored (resend or sync): nothing to do, nothing to tell.
        rememberFinished(answer.messageId);
        if (wasQueued) { // cannot happen after a clean storeAnswer; repair anyway
            if (auto removed = m_store.removeFromOutbox(answer.replyTo); !removed)
                reportStorage(removed.error());
            updateOutboxCount();
        }
        return;
    }
    if (existing && existing->status == MessageStatus::Complete && status != MessageStatus::Complete) {
        rememberFinished(answer.messageId);
        return; // never downgraded (the store refuses it too)
    }

    auto stored = m_store.storeAnswer(m_conversationId, answer);
    if (!stored) {
        reportStorage(stored.error());
        return;
    }
    rememberFinished(answer.messageId);
    if (!existing)
        Q_EMIT messageAdded(stored.value());
    Q_EMIT answerFinished(stored.value());
    if (wasQueued) {
        Q_EMIT messageStatusChanged(answer.replyTo, MessageStatus::Sent);
        updateOutboxCount();
    }
}

void ConversationSync::onError(const ErrorReply& error)
{
    if (error.replyTo.isEmpty()) {
        if (error.code == ErrorCode::NotFound && m_syncAnchorPending) {
            // The engine does not know our last answer (another engine, or its data was reset):
            // replay the whole session; storing is idempotent.
            qCInfo(lcClient) << "the engine does not know the last answer; syncing from the start";
            m_syncAnchorPending = false;
            requestSync({});
        }
        return;
    }
    if (!isInOutbox(error.replyTo))
        return; // not (or no longer) one of our waiting messages
    const QString& id = error.replyTo;
    m_awaiting.removeAll(id);
    if (isTransient(error)) {
        qCInfo(lcClient).noquote() << "message" << id
                                   << "deferred:" << (error.code ? errorCodeName(*error.code) : u"error"_s);
        setUserStatus(id, MessageStatus::Queued);
        if (error.code == ErrorCode::RateLimited || error.retryAfter)
            holdDelivery(error.retryAfter);
        Q_EMIT deliveryDeferred(id, error);
        return;
    }
    qCInfo(lcClient).noquote() << "message" << id << "refused by the server:"
                               << (error.code ? errorCodeName(*error.code) : u"error"_s);
    setUserStatus(id, MessageStatus::Error);
    if (auto removed = m_store.removeFromOutbox(id); !removed)
        reportStorage(removed.error());
    updateOutboxCount();
    Q_EMIT deliveryFailed(id, error);
}

void ConversationSync::onTemplateCreated(const TemplateCreated& message)
{
    if (!message.tmpl.id.isEmpty()) {
        StoredTemplate copy;
        copy.id = message.tmpl.id;
        copy.version = message.tmpl.version;
        copy.title = message.tmpl.title;
        copy.category = message.tmpl.category;
        copy.json = TemplateFormat::toJson(message.tmpl);
        copy.updatedAt =
            message.tmpl.updatedAt.isValid() ? message.tmpl.updatedAt : QDateTime::currentDateTimeUtc();
        if (auto saved = m_store.saveTemplate(copy); !saved)
            reportStorage(saved.error());
    }
    Q_EMIT templateCreated(message);
}

// ---- helpers ----

bool ConversationSync::isInOutbox(const QString& messageId) const
{
    auto queued = m_store.outbox(m_conversationId);
    if (!queued)
        return false;
    return std::any_of(queued->cbegin(), queued->cend(),
                       [&](const OutboxEntry& entry) { return entry.messageId == messageId; });
}

void ConversationSync::updateOutboxCount()
{
    auto queued = m_store.outbox(m_conversationId);
    if (!queued) {
        reportStorage(queued.error());
        return;
    }
    const int count = int(queued->size());
    if (count == m_outboxCount)
        return;
    m_outboxCount = count;
    Q_EMIT outboxChanged(count);
}

void ConversationSync::setUserStatus(const QString& messageId, MessageStatus status)
{
    if (auto changed = m_store.setMessageStatus(messageId, status); !changed) {
        reportStorage(changed.error());
        return;
    }
    Q_EMIT messageStatusChanged(messageId, status);
}

void ConversationSync::reportStorage(const Error& error)
{
    qCWarning(lcClient).noquote() << "history:" << error.message;
    Q_EMIT storageFailed(error);
}

void ConversationSync::rememberFinished(const QString& answerId)
{
    if (m_finished.contains(answerId))
        return;
    m_finished.insert(answerId);
    m_finishedOrder.append(answerId);
    if (m_finishedOrder.size() > MaxRememberedAnswers)
        m_finished.remove(m_finishedOrder.takeFirst());
}

} // namespace pc
