#pragma once

#include "chat/ChatEntry.h"

#include <QAbstractListModel>
#include <QList>

namespace pc {

// The chat list's model: a window of one conversation's messages, oldest first. History is paged in
// from the store with prependOlder(); streaming deltas touch only the row they belong to (normally
// the last one), so a long answer costs one repaint per delta, not a relayout of the list.
//
// Every change to a row bumps its revision; the delegate keys its layout cache on (id, revision, width).
class ChatMessageModel final : public QAbstractListModel {
    Q_OBJECT

public:
    enum Roles {
        IdRole = Qt::UserRole + 1,
        ReplyToRole,
        SenderRole,            // MessageSender
        ContentRole,           // QString (Markdown for answers)
        StatusRole,            // MessageStatus
        ProviderRole,          // QString
        ModelRole,             // QString
        UsageTextRole,         // QString, e.g. "120 → 340 tokens", empty without usage
        ProcessingTimeRole,    // qint64 milliseconds
        TimestampRole,         // QDateTime
        ReasoningRole,         // QString
        ErrorTextRole,         // QString
        RevisionRole,          // int, bumped on every change to the row
        ReasoningExpandedRole, // bool, view state; the only role setData() accepts
    };
    Q_ENUM(Roles)

    explicit ChatMessageModel(QObject* parent = nullptr);

    [[nodiscard]] int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    [[nodiscard]] QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;
    [[nodiscard]] Qt::ItemFlags flags(const QModelIndex& index) const override;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;

    // Replaces the window (a conversation was opened). Later duplicates of an id are dropped.
    void setMessages(const QList<ChatEntry>& entries);
    // Older messages (oldest first) paged in above the first row; ids already shown are skipped.
    // Returns how many rows were inserted.
    int prependOlder(const QList<ChatEntry>& older);
    // Appends a page of newer messages (chronological) below; skips ids already present. Returns how
    // many rows were added.
    int appendNewer(const QList<ChatEntry>& newer);
    // A new message at the bottom. An id already in the window updates that row instead (the older
    // backend echoes user messages back).
    void appendMessage(const ChatEntry& entry);
    // Streaming: text appended to the answer answerId. The answer's row is created (status Sending)
    // after its question, or at the bottom, when it does not exist yet.
    void appendDelta(const QString& answerId, const QString& replyTo, const QString& text);
    // The final `message` of an answer: replaces the streamed text and fills in the meta data. Adds
    // the row when no delta came first.
    void finishAnswer(const ChatEntry& answer);
    // False when id is not in the window.
    bool updateStatus(const QString& id, MessageStatus status, const QString& errorText = QString());
    void clear();

    [[nodiscard]] int rowOf(const QString& id) const; // -1 when absent
    [[nodiscard]] ChatEntry entry(int row) const;     // a default ChatEntry when out of range
    [[nodiscard]] QString firstId() const;            // the oldest id in the window (paging anchor)
    [[nodiscard]] int lastAnswerRow() const;          // -1 without answers

    // "120 → 340 tokens (80 cached)".
    [[nodiscard]] static QString usageText(const std::optional<Usage>& usage);

private:
    struct Row {
        ChatEntry entry;
        int revision = 0;
        bool reasoningExpanded = false;
    };

    // The entries as rows, without those already in the model (or repeated among them).
    [[nodiscard]] QList<Row> rowsNotShown(const QList<ChatEntry>& entries) const;
    void touch(int row, const QList<int>& roles);
    [[nodiscard]] int insertionRowForAnswer(const QString& replyTo) const;

    QList<Row> m_rows;
};

} // namespace pc
