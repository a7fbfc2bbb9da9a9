#pragma once

#include "client/ChatClient.h"
#include "protocol/Messages.h"
#include "protocol/Result.h"
#include "storage/MessageStatus.h"
#include "storage/StoredMessage.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QString>
#include <QTimer>
#include <QUrl>

#include <optional>

namespace pc {

class HistoryStore;

// Glues one conversation's ChatClient to the local HistoryStore: the local file is the truth the UI
// shows, the engine is told about it.
//
// Sending: sendUserMessage() commits the message and its outbox entry first (synchronous=FULL), then
// puts it on the wire when connected. It stays in the outbox until its answer arrives, so that every
// (re)connect resends the outbox in order with the same message ids (the engine answers a resend from
// storage or attaches it to the generation in flight: delivered once). After the resend, `sync` with
// `after` = the last final answer stored locally fetches answers missed while away; storing answers is
// an upsert by id, so replays never duplicate anything.
//
// Errors for a message (an `error` with its id in reply_to):
//  - "try again later" (rate_limited, provider_unavailable, internal_error): the message stays in the
//    outbox as Queued. rate_limited (or any of them with retry_after) holds all sending until the wait
//    is over, then the outbox goes out again in order; otherwise it goes out with the next reconnect
//    or retryNow(). deliveryDeferred() tells the UI.
//  - anything else (invalid_message, message_too_large, a codeless error...): the message is marked
//    Error and leaves the outbox; deliveryFailed() tells the UI, which may offer to send the text again
//    as a new message.
//
// Streaming: deltas are applied in index order per answer; a delta whose index was already applied
// is dropped, and after a gap (missed deltas, e.g. attached to a generation mid-way after a reconnect)
// the answer's deltas are ignored until its final `message` replaces the text. Deltas are written to
// the store in batches (partialFlushIntervalMs). When the connection ends while an answer streams,
// the partial answer is marked Interrupted; a complete copy (resend, sync) still replaces it later.
//
// Answers without reply_to come from the older backend (which answers in order and has numeric,
// per-process answer ids): they are attributed to the oldest unanswered message sent on this
// connection and stored under "<that message id>~answer" (or a fresh id when none is waiting).
//
// Template opportunities, created templates (also saved as local copies), optimization results and
// template lists are passed on as the same typed signals as ChatClient's. Requests that only make
// sense live (optimize, save as template, list templates, dismiss) are not queued: the UI sends them
// through client() while connected. Connection state and connection errors: connect to client().
//
// The HistoryStore and the ChatClient must outlive this object (it does not own them).
class ConversationSync : public QObject {
    Q_OBJECT

public:
    static constexpr int DefaultPartialFlushIntervalMs = 100;
    // Wait after rate_limited without retry_after, and the bounds of any retry_after honoured.
    static constexpr int DefaultRetryAfterSecs = 5;
    static constexpr int MaxRetryAfterSecs = 300;

    ConversationSync(ChatClient* client, HistoryStore* store, QString conversationId,
                     QObject* parent = nullptr);
    ~ConversationSync() override;

    // Opens the client on the conversation's engine session, giving the conversation a session id
    // first when it has none ("conv_<32 hex digits>", stored in the conversation).
    [[nodiscard]] Result<void> open(const QUrl& baseUrl, const QString& token);

    // Commits a new user message (new uuid message_id) to the history and its outbox, then sends it
    // when connected and not held. Fails (nothing stored) for blank or too long text, or when the
    // history cannot be written (disk full, read-only): the UI shows that error.
    [[nodiscard]] Result<StoredMessage> sendUserMessage(const QString& text);
    // Asks the engine to stop the answer to `userMessageId`; false when not connected.
    [[nodiscard]] bool cancelAnswer(const QString& userMessageId);
    // Ends any rate-limit wait and resends the outbox now (when connected).
    void retryNow();

    [[nodiscard]] QString conversationId() const { return m_conversationId; }
    [[nodiscard]] ChatClient* client() const { return m_client; }
    // Messages of this conversation waiting in the outbox.
    [[nodiscard]] int outboxCount() const { return m_outboxCount; }
    // True while sending waits for a rate limit to pass.
    [[nodiscard]] bool isDeliveryHeld() const { return m_holdTimer.isActive(); }
    // 0 writes every delta at once.
    void setPartialFlushIntervalMs(int ms);
    [[nodiscard]] int partialFlushIntervalMs() const { return m_flushTimer.interval(); }

Q_SIGNALS:
    // A new row of this conversation: a user message just committed, or an answer seen for the first
    // time (its first streamed text, or a whole answer from a resend or sync).
    void messageAdded(const pc::StoredMessage& message);
    // A user message's status changed (Sending, Sent, Queued, Error).
    void messageStatusChanged(const QString& messageId, pc::MessageStatus status);
    // Streamed text was appended to an answer that is still Sending (already in the store).
    void answerUpdated(const QString& answerId, const QString& replyTo, const QString& appendedText);
    // An answer reached a final status (Complete, Offline, Interrupted), as stored.
    void answerFinished(const pc::StoredMessage& answer);
    void outboxChanged(int count);
    // The message was given up: status Error, out of the outbox.
    void deliveryFailed(const QString& messageId, const pc::ErrorReply& error);
    // The message stays queued and is sent again later (see the class comment).
    void deliveryDeferred(const QString& messageId, const pc::ErrorReply& error);
    // A write to the history failed while handling the connection (disk full, read-only file).
    void storageFailed(const pc::Error& error);

    void templateOpportunity(const pc::TemplateOpportunity& message);
    void templateCreated(const pc::TemplateCreated& message);
    void optimizationResult(const pc::OptimizationResult& message);
    void templates(const pc::TemplateList& message);

private:
    struct Stream {
        QString replyTo;
        QString pending; // received, not yet written
        int nextIndex = 0;
        bool announced = false; // messageAdded was emitted
        bool broken = false;    // a gap: wait for the final message
    };

    void onAck(const ConnectionAck& ack);
    void onDisconnected();
    void onDelta(const MessageDelta& delta);
    void onAnswer(const AssistantMessage& answer);
    void onError(const ErrorReply& error);
    void onTemplateCreated(const TemplateCreated& message);

    void resendOutbox();
    [[nodiscard]] bool transmit(const QString& messageId, const QString& content);
    void requestSync(const QString& after);
    [[nodiscard]] QString lastFinalAnswerId() const;
    void flushPartials();
    void holdDelivery(std::optional<int> retryAfterSecs);
    [[nodiscard]] bool isInOutbox(const QString& messageId) const;
    void updateOutboxCount();
    void setUserStatus(const QString& messageId, MessageStatus status);
    void reportStorage(const Error& error);
    void rememberFinished(const QString& answerId);
    [[nodiscard]] bool isConnected() const;

    QPointer<ChatClient> m_client;
    HistoryStore& m_store;
    QString m_conversationId;

    QHash<QString, Stream> m_streams;
    // Ids sent on the current connection and not answered yet, in sending order.
    QList<QString> m_awaiting;
    // Answers that reached their final status lately: late deltas for them are dropped (bounded).
    QSet<QString> m_finished;
    QList<QString> m_finishedOrder;
    // A sync with a non-empty `after` is in flight: a `not_found` without reply_to means the engine does
    // not know that answer, and the sync starts over from the beginning.
    bool m_syncAnchorPending = false;

    QTimer m_flushTimer;
    QTimer m_holdTimer;
    int m_outboxCount = 0;
};

} // namespace pc
