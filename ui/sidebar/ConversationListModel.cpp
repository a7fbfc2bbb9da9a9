#include "sidebar/ConversationListModel.h"

#include <QLocale>
#include <QPixmap>

using namespace Qt::Literals::StringLiterals;

namespace pc {

ConversationListModel::ConversationListModel(QObject* parent)
    : QAbstractListModel(parent)
{}

int ConversationListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_conversations.size());
}

QVariant ConversationListModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Conversation& c = m_conversations.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:
        return c.title.isEmpty() ? tr("Untitled chat") : c.title;
    case Qt::ToolTipRole:
    case Qt::AccessibleDescriptionRole: {
        const QString when = QLocale().toString(c.updatedAt.toLocalTime(), QLocale::ShortFormat);
        if (c.archived)
            return tr("Archived, last active %1").arg(when);
        return c.pinned ? tr("Pinned, last active %1").arg(when) : tr("Last active %1").arg(when);
    }
    case Qt::DecorationRole:
        if (c.archived)
            return m_archiveIcon;
        return c.pinned ? m_pinIcon : m_blankIcon; // the blank one keeps titles aligned
    case IdRole:
        return c.id;
    case PinnedRole:
        return c.pinned;
    case ArchivedRole:
        return c.archived;
    case UpdatedAtRole:
        return c.updatedAt;
    default:
        return {};
    }
}

QHash<int, QByteArray> ConversationListModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(IdRole, "conversationId");
    names.insert(PinnedRole, "pinned");
    names.insert(ArchivedRole, "archived");
    names.insert(UpdatedAtRole, "updatedAt");
    return names;
}

void ConversationListModel::setConversations(const QList<Conversation>& conversations)
{
    bool sameIds = conversations.size() == m_conversations.size();
    for (qsizetype i = 0; sameIds && i < conversations.size(); ++i)
        sameIds = conversations.at(i).id == m_conversations.at(i).id;
    if (!sameIds) {
        beginResetModel();
        m_conversations = conversations;
        endResetModel();
        return;
    }
    for (qsizetype i = 0; i < conversations.size(); ++i) {
        const Conversation& was = m_conversations.at(i);
        const Conversation& now = conversations.at(i);
        if (was.title == now.title && was.pinned == now.pinned && was.archived == now.archived &&
            was.updatedAt == now.updatedAt)
            continue;
        m_conversations[i] = now;
        const QModelIndex changed = index(int(i));
        Q_EMIT dataChanged(changed, changed);
    }
}

Conversation ConversationListModel::conversation(int row) const
{
    return row >= 0 && row < m_conversations.size() ? m_conversations.at(row) : Conversation{};
}

int ConversationListModel::rowOf(const QString& id) const
{
    for (qsizetype i = 0; i < m_conversations.size(); ++i) {
        if (m_conversations.at(i).id == id)
            return int(i);
    }
    return -1;
}

void ConversationListModel::setIcons(const QIcon& pin, const QIcon& archive)
{
    m_pinIcon = pin;
    m_archiveIcon = archive;
    QPixmap blank(16, 16);
    blank.fill(Qt::transparent);
    m_blankIcon = QIcon(blank);
    if (!m_conversations.isEmpty())
        Q_EMIT dataChanged(index(0), index(int(m_conversations.size()) - 1), {Qt::DecorationRole});
}

void ConversationListModel::retranslate()
{
    if (m_conversations.isEmpty())
        return;
    Q_EMIT dataChanged(index(0), index(int(m_conversations.size()) - 1),
                       {Qt::DisplayRole, Qt::EditRole, Qt::ToolTipRole, Qt::AccessibleDescriptionRole});
}

} // namespace pc
