#pragma once

#include "storage/Conversation.h"

#include <QAbstractListModel>
#include <QIcon>
#include <QList>

namespace pc {

// The sidebar's conversations as HistoryStore::listConversations() orders them: pinned first, then by
// last activity, newest first. Plain data in (setConversations), so that it can be tested without a
// store; the window reloads it after every change it makes.
class ConversationListModel final : public QAbstractListModel {
    Q_OBJECT

public:
    enum Roles {
        IdRole = Qt::UserRole + 1,
        PinnedRole,    // bool
        ArchivedRole,  // bool
        UpdatedAtRole, // QDateTime
    };
    Q_ENUM(Roles)

    explicit ConversationListModel(QObject* parent = nullptr);

    [[nodiscard]] int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    [[nodiscard]] QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;

    // Replaces the list, keeping rows that did not change (a reset only when the ids differ).
    void setConversations(const QList<Conversation>& conversations);
    [[nodiscard]] Conversation conversation(int row) const; // a default Conversation when out of range
    [[nodiscard]] int rowOf(const QString& id) const;       // -1 when absent
    // Shown before pinned and archived titles.
    void setIcons(const QIcon& pin, const QIcon& archive);
    // The UI language changed: views fetch the translated texts (untitled chats, tooltips) again.
    void retranslate();

private:
    QList<Conversation> m_conversations;
    QIcon m_pinIcon;
    QIcon m_archiveIcon;
    QIcon m_blankIcon;
};

} // namespace pc
