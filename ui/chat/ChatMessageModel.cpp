#include "chat/ChatMessageModel.h"

#include <QSet>

using namespace Qt::Literals::StringLiterals;

namespace pc {

ChatMessageModel::ChatMessageModel(QObject* parent)
    : QAbstractListModel(parent)
{}

int ChatMessageModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant ChatMessageModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row& row = m_rows.at(index.row());
    const ChatEntry& e = row.entry;
    switch (role) {
    case Qt::DisplayRole:
    case ContentRole:
        return e.content;
    case Qt::AccessibleTextRole:
        return e.sender == MessageSender::User ? tr("You: %1").arg(e.content)
                                               : tr("PromptCraft: %1").arg(e.content);
    case IdRole:
        return e.id;
    case ReplyToRole:
        return e.replyTo;
    case SenderRole:
        return QVariant::fromValue(e.sender);
    case StatusRole:
        return QVariant::fromValue(e.status);
    case ProviderRole:
        return e.provider;
    case ModelRole:
        return e.model;
    case UsageTextRole:
        return usageText(e.usage);
    case ProcessingTimeRole:
        return e.processingTimeMs;
    case TimestampRole:
        return e.timestamp;
    case ReasoningRole:
        return e.reasoning;
    case ErrorTextRole:
        return e.errorText;
    case RevisionRole:
        return row.revision;
    case ReasoningExpandedRole:
        return row.reasoningExpanded;
    default:
        return {};
    }
}

bool ChatMessageModel::setData(const QModelIndex& index, const QVariant& value, int role)
{
    if (role != ReasoningExpandedRole ||
        !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return false;
    Row& row = m_rows[index.row()];
    if (row.reasoningExpanded == value.toBool())
        return true;
    row.reasoningExpanded = value.toBool();
    touch(index.row(), {ReasoningExpandedRole});
    return true;
}

Qt::ItemFlags ChatMessageModel::flags(const QModelIndex& index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    // Not selectable: a chat is read, not selected; copy works through the context menu.
    return Qt::ItemIsEnabled | Qt::ItemNeverHasChildren;
}

QHash<int, QByteArray> ChatMessageModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(IdRole, "messageId");
    names.insert(ReplyToRole, "replyTo");
    names.insert(SenderRole, "sender");
    names.insert(ContentRole, "content");
    names.insert(StatusRole, "status");
    names.insert(ProviderRole, "provider");
    names.insert(ModelRole, "model");
    names.insert(UsageTextRole, "usageText");
    names.insert(ProcessingTimeRole, "processingTime");
    names.insert(TimestampRole, "timestamp");
    names.insert(ReasoningRole, "reasoning");
    names.insert(ErrorTextRole, "errorText");
    names.insert(RevisionRole, "revision");
    names.insert(ReasoningExpandedRole, "reasoningExpanded");
    return names;
}

void ChatMessageModel::setMessages(const QList<ChatEntry>& entries)
{
    beginResetModel();
    m_rows.clear();
    m_rows.reserve(entries.size());
    QSet<QString> seen;
    for (const ChatEntry& e : entries) {
        if (!e.id.isEmpty()) {
            if (seen.contains(e.id))
                continue;
            seen.insert(e.id);
        }
        m_rows.append(Row{e});
    }
    endResetModel();
}

QList<ChatMessageModel::Row> ChatMessageModel::rowsNotShown(const QList<ChatEntry>& entries) const
{
    QSet<QString> seen;
    seen.reserve(m_rows.size() + entries.size());
    for (const Row& r : std::as_const(m_rows))
        seen.insert(r.entry.id);
    QList<Row> fresh;
    fresh.reserve(entries.size());
    for (const ChatEntry& e : entries) {
        if (!e.id.isEmpty() && seen.contains(e.id))
            continue;
        seen.insert(e.id);
        fresh.append(Row{e});
    }
    return fresh;
}

int ChatMessageModel::appendNewer(const QList<ChatEntry>& newer)
{
    QList<Row> fresh = rowsNotShown(newer);
    if (fresh.isEmpty())
        return 0;
    const int first = int(m_rows.size());
    const int inserted = int(fresh.size());
    beginInsertRows(QModelIndex(), first, first + inserted - 1);
    m_rows.append(std::move(fresh));
    endInsertRows();
    return inserted;
}

int ChatMessageModel::prependOlder(const QList<ChatEntry>& older)
{
    QList<Row> fresh = rowsNotShown(older);
    if (fresh.isEmpty())
        return 0;
    const int inserted = int(fresh.size());
    beginInsertRows(QModelIndex(), 0, inserted - 1);
    fresh.append(std::move(m_rows));
    m_rows = std::move(fresh);
    endInsertRows();
    return inserted;
}

void ChatMessageModel::appendMessage(const ChatEntry& entry)
{
    if (const int existing = rowOf(entry.id); existing >= 0) {
        Row& row = m_rows[existing];
        const bool expanded = row.reasoningExpanded;
        row.entry = entry;
        row.reasoningExpanded = expanded;
        touch(existing, {});
        return;
    }
    const int at = int(m_rows.size());
    beginInsertRows(QModelIndex(), at, at);
    m_rows.append(Row{entry});
    endInsertRows();
}

void ChatMessageModel::appendDelta(const QString& answerId, const QString& replyTo, const QString& text)
{
    if (const int row = rowOf(answerId); row >= 0) {
        m_rows[row].entry.content += text;
        touch(row, {ContentRole, Qt::DisplayRole});
        return;
    }
    ChatEntry answer;
    answer.id = answerId;
    answer.replyTo = replyTo;
    answer.sender = MessageSender::Assistant;
    answer.status = MessageStatus::Sending;
    answer.content = text;
    answer.timestamp = QDateTime::currentDateTimeUtc();
    const int at = insertionRowForAnswer(replyTo);
    beginInsertRows(QModelIndex(), at, at);
    m_rows.insert(at, Row{answer});
    endInsertRows();
}

void ChatMessageModel::finishAnswer(const ChatEntry& answer)
{
    if (const int row = rowOf(answer.id); row >= 0) {
        Row& r = m_rows[row];
        const QString reasoning = answer.reasoning.isEmpty() ? r.entry.reasoning : answer.reasoning;
        r.entry = answer;
        r.entry.sender = MessageSender::Assistant;
        r.entry.reasoning = reasoning;
        touch(row, {});
        return;
    }
    ChatEntry entry = answer;
    entry.sender = MessageSender::Assistant;
    const int at = insertionRowForAnswer(answer.replyTo);
    beginInsertRows(QModelIndex(), at, at);
    m_rows.insert(at, Row{entry});
    endInsertRows();
}

bool ChatMessageModel::updateStatus(const QString& id, MessageStatus status, const QString& errorText)
{
    const int row = rowOf(id);
    if (row < 0)
        return false;
    ChatEntry& e = m_rows[row].entry;
    if (e.status == status && e.errorText == errorText)
        return true;
    e.status = status;
    e.errorText = errorText;
    touch(row, {StatusRole, ErrorTextRole});
    return true;
}

void ChatMessageModel::clear()
{
    if (m_rows.isEmpty())
        return;
    beginResetModel();
    m_rows.clear();
    endResetModel();
}

int ChatMessageModel::rowOf(const QString& id) const
{
    if (id.isEmpty())
        return -1;
    // From the bottom: what changes is nearly always at the end.
    for (qsizetype i = m_rows.size() - 1; i >= 0; --i) {
        if (m_rows.at(i).entry.id == id)
            return int(i);
    }
    return -1;
}

ChatEntry ChatMessageModel::entry(int row) const
{
    if (row < 0 || row >= m_rows.size())
        return {};
    return m_rows.at(row).entry;
}

QString ChatMessageModel::firstId() const
{
    return m_rows.isEmpty() ? QString() : m_rows.constFirst().entry.id;
}

int ChatMessageModel::lastAnswerRow() const
{
    for (qsizetype i = m_rows.size() - 1; i >= 0; --i) {
        if (m_rows.at(i).entry.sender == MessageSender::Assistant)
            return int(i);
    }
    return -1;
}

QString ChatMessageModel::usageText(const std::optional<Usage>& usage)
{
    if (!usage)
        return {};
    const QString base = tr("%1 → %2 tokens").arg(usage->promptTokens).arg(usage->completionTokens);
    if (usage->cachedTokens > 0)
        return tr("%1 (%2 cached)").arg(base).arg(usage->cachedTokens);
    return base;
}

void ChatMessageModel::touch(int row, const QList<int>& roles)
{
    ++m_rows[row].revision;
    QList<int> changed = roles;
    if (!changed.isEmpty())
        changed.append(RevisionRole);
    const QModelIndex i = index(row);
    Q_EMIT dataChanged(i, i, changed);
}

int ChatMessageModel::insertionRowForAnswer(const QString& replyTo) const
{
    // Right after the question and any answers already given to it; at the bottom otherwise.
    int at = rowOf(replyTo);
    if (at < 0)
        return int(m_rows.size());
    ++at;
    while (at < m_rows.size() && m_rows.at(at).entry.sender == MessageSender::Assistant &&
           m_rows.at(at).entry.replyTo == replyTo)
        ++at;
    return at;
}

} // namespace pc
