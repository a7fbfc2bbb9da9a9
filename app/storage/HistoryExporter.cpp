#include "HistoryExporter.h"

#include "HistoryStore.h"

#include <QIODevice>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

using namespace Qt::Literals::StringLiterals;

namespace pc {

namespace {

QString isoTime(const QDateTime& time) {
    return time.isValid() ? time.toUTC().toString(Qt::ISODateWithMs) : QString();
}

QByteArray compact(const QJsonObject& object) {
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

Error invalid(const QString& message) {
    return Error{ErrorCode::InvalidMessage, message};
}

} // namespace

HistoryExporter::HistoryExporter(HistoryStore& store)
    : m_store(store) {}

Result<void> HistoryExporter::writeAll(QIODevice& out, const QByteArray& data) const {
    if (out.write(data) != data.size()) {
        return Error{ErrorCode::InternalError,
                     tr("Could not write the export: %1")
                         .arg(out.errorString().isEmpty() ? tr("write failed") : out.errorString())};
    }
    return {};
}

Result<QList<Conversation>> HistoryExporter::selectConversations(const QStringList& conversationIds) const {
    if (conversationIds.isEmpty())
        return m_store.listConversations(true);
    QList<Conversation> conversations;
    for (const QString& id : conversationIds) {
        auto conversation = m_store.conversation(id);
        if (!conversation)
            return conversation.error();
        conversations.append(conversation.value());
    }
    return conversations;
}

// ---- JSON ----

QJsonObject HistoryExporter::conversationToJson(const Conversation& conversation) {
    return QJsonObject{{u"id"_s, conversation.id},
                       {u"title"_s, conversation.title},
                       {u"server"_s, conversation.server},
                       {u"session_id"_s, conversation.sessionId},
                       {u"created_at"_s, isoTime(conversation.createdAt)},
                       {u"updated_at"_s, isoTime(conversation.updatedAt)},
                       {u"pinned"_s, conversation.pinned},
                       {u"archived"_s, conversation.archived}};
}

QJsonObject HistoryExporter::messageToJson(const StoredMessage& message) {
    QJsonObject object{{u"id"_s, message.id},
                       {u"reply_to"_s, message.replyTo},
                       {u"role"_s, messageRoleName(message.role)},
                       {u"content"_s, message.content},
                       {u"status"_s, messageStatusName(message.status)},
                       {u"provider"_s, message.provider},
                       {u"model"_s, message.model},
                       {u"processing_time_ms"_s, message.processingTimeMs},
                       {u"created_at"_s, isoTime(message.createdAt)}};
    if (!message.reasoning.isEmpty())
        object.insert(u"reasoning"_s, message.reasoning);
    if (message.usage) {
        object.insert(u"usage"_s, QJsonObject{{u"prompt_tokens"_s, message.usage->promptTokens},
                                              {u"completion_tokens"_s, message.usage->completionTokens},
                                              {u"cached_tokens"_s, message.usage->cachedTokens}});
    }
    return object;
}

Result<void> HistoryExporter::exportJson(QIODevice& out, const QStringList& conversationIds) const {
    auto conversations = selectConversations(conversationIds);
    if (!conversations)
        return conversations.error();

    QByteArray chunk = "{\"format\":\"" + FormatId.toUtf8() + "\",\"exported_at\":\"" +
                       isoTime(QDateTime::currentDateTimeUtc()).toUtf8() + "\",\"conversations\":[";
    bool firstConversation = true;
    for (const Conversation& conversation : conversations.value()) {
        chunk += firstConversation ? "\n" : ",\n";
        firstConversation = false;
        // The conversation object is written open, so that its messages can follow page by page.
        QByteArray head = compact(conversationToJson(conversation));
        head.chop(1); // the closing brace
        chunk += head + ",\"messages\":[";

        qint64 after = 0;
        bool firstMessage = true;
        for (;;) {
            auto page = m_store.messagesAfter(conversation.id, after, PageSize);
            if (!page)
                return page.error();
            for (const StoredMessage& message : page.value()) {
                chunk += firstMessage ? "\n" : ",\n";
                firstMessage = false;
                chunk += compact(messageToJson(message));
                after = message.seq;
            }
            if (auto written = writeAll(out, chunk); !written)
                return written;
            chunk.clear();
            if (page->size() < PageSize)
                break;
        }
        chunk += "]}";
    }
    chunk += "\n]}\n";
    return writeAll(out, chunk);
}

Result<Conversation> HistoryExporter::conversationFromJson(const QJsonObject& object) {
    Conversation conversation;
    conversation.id = object.value(u"id"_s).toString();
    if (conversation.id.isEmpty())
        return invalid(tr("A conversation has no id."));
    const auto stringField = [&](const QString& key, QString& target) -> bool {
        const QJsonValue value = object.value(key);
        if (value.isUndefined() || value.isNull())
            return true;
        if (!value.isString())
            return false;
        target = value.toString();
        return true;
    };
    if (!stringField(u"title"_s, conversation.title) || !stringField(u"server"_s, conversation.server) ||
        !stringField(u"session_id"_s, conversation.sessionId)) {
        return invalid(tr("The conversation %1 has a field of the wrong type.").arg(conversation.id));
    }
    conversation.createdAt =
        QDateTime::fromString(object.value(u"created_at"_s).toString(), Qt::ISODateWithMs);
    conversation.updatedAt =
        QDateTime::fromString(object.value(u"updated_at"_s).toString(), Qt::ISODateWithMs);
    conversation.pinned = object.value(u"pinned"_s).toBool();
    conversation.archived = object.value(u"archived"_s).toBool();
    if (!object.value(u"messages"_s).isArray() && !object.value(u"messages"_s).isUndefined())
        return invalid(tr("The messages of conversation %1 are not a list.").arg(conversation.id));
    return conversation;
}

Result<StoredMessage> HistoryExporter::messageFromJson(const QJsonObject& object) {
    StoredMessage message;
    const QJsonValue id = object.value(u"id"_s);
    if (!id.isString() || id.toString().isEmpty() || id.toString().size() > MaxMessageIdLength)
        return invalid(tr("A message has no valid id."));
    message.id = id.toString();
    const auto role = messageRoleFromName(object.value(u"role"_s).toString());
    const auto status = messageStatusFromName(object.value(u"status"_s).toString());
    if (!role || !status)
        return invalid(tr("The message %1 has an unknown role or status.").arg(message.id));
    message.role = *role;
    message.status = *status;
    const QJsonValue content = object.value(u"content"_s);
    if (!content.isString())
        return invalid(tr("The message %1 has no text.").arg(message.id));
    message.content = content.toString();
    const QJsonValue reasoning = object.value(u"reasoning"_s);
    if (!reasoning.isUndefined() && !reasoning.isNull() && !reasoning.isString())
        return invalid(tr("The message %1 has reasoning that is not text.").arg(message.id));
    message.reasoning = reasoning.toString();
    message.replyTo = object.value(u"reply_to"_s).toString();
    message.provider = object.value(u"provider"_s).toString();
    message.model = object.value(u"model"_s).toString();
    message.processingTimeMs = object.value(u"processing_time_ms"_s).toInteger();
    message.createdAt = QDateTime::fromString(object.value(u"created_at"_s).toString(), Qt::ISODateWithMs);
    if (!message.createdAt.isValid())
        return invalid(tr("The message %1 has no valid time.").arg(message.id));
    const QJsonValue usage = object.value(u"usage"_s);
    if (usage.isObject()) {
        const QJsonObject usageObject = usage.toObject();
        message.usage = Usage{usageObject.value(u"prompt_tokens"_s).toInteger(),
                              usageObject.value(u"completion_tokens"_s).toInteger(),
                              usageObject.value(u"cached_tokens"_s).toInteger()};
    }
    return message;
}

Result<ImportSummary> HistoryExporter::importJson(QIODevice& in) {
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(in.readAll(), &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        return Error{ErrorCode::InvalidJson, tr("The file is not valid JSON (%1 at offset %2).")
                                                 .arg(parseError.errorString())
                                                 .arg(parseError.offset)};
    }
    const QJsonObject root = document.object();
    if (root.value(u"format"_s).toString() != FormatId)
        return invalid(tr("The file is not a PromptCraft history export."));
    if (!root.value(u"conversations"_s).isArray())
        return invalid(tr("The file holds no list of conversations."));
    const QJsonArray conversations = root.value(u"conversations"_s).toArray();

    // First pass: check everything, so a bad file changes nothing.
    for (const auto& value : conversations) {
        if (!value.isObject())
            return invalid(tr("A conversation is not an object."));
        const QJsonObject object = value.toObject();
        if (auto conversation = conversationFromJson(object); !conversation)
            return conversation.error();
        const QJsonArray messages = object.value(u"messages"_s).toArray();
        for (const auto& message : messages) {
            if (!message.isObject())
                return invalid(tr("A message is not an object."));
            if (auto parsed = messageFromJson(message.toObject()); !parsed)
                return parsed.error();
        }
    }

    ImportSummary total;
    for (const auto& value : conversations) {
        const QJsonObject object = value.toObject();
        const Conversation conversation = conversationFromJson(object).value();
        QList<StoredMessage> messages;
        const QJsonArray array = object.value(u"messages"_s).toArray();
        messages.reserve(array.size());
        for (const auto& message : array)
            messages.append(messageFromJson(message.toObject()).value());
        auto imported = m_store.importConversation(conversation, messages);
        if (!imported)
            return imported.error();
        total.conversationsAdded += imported->conversationsAdded;
        total.conversationsExisting += imported->conversationsExisting;
        total.messagesAdded += imported->messagesAdded;
        total.messagesSkipped += imported->messagesSkipped;
    }
    return total;
}

// ---- Markdown ----

QByteArray HistoryExporter::markdownFor(const StoredMessage& message) const {
    QString heading;
    switch (message.role) {
    case MessageRole::User:
        heading = tr("You");
        break;
    case MessageRole::Assistant:
        heading = tr("Assistant");
        break;
    case MessageRole::System:
        heading = tr("System");
        break;
    }
    QStringList details;
    if (!message.provider.isEmpty() || !message.model.isEmpty()) {
        QStringList origin{message.provider, message.model};
        origin.removeAll(QString());
        details.append(origin.join(u" / "_s));
    }
    if (message.createdAt.isValid())
        details.append(message.createdAt.toUTC().toString(u"yyyy-MM-dd HH:mm 'UTC'"_s));
    switch (message.status) {
    case MessageStatus::Interrupted:
        details.append(tr("interrupted"));
        break;
    case MessageStatus::Offline:
        details.append(tr("offline answer"));
        break;
    case MessageStatus::Error:
        details.append(tr("not sent"));
        break;
    case MessageStatus::Queued:
    case MessageStatus::Sending:
        details.append(message.role == MessageRole::User ? tr("waiting to be sent") : tr("incomplete"));
        break;
    case MessageStatus::Sent:
    case MessageStatus::Complete:
        break;
    }
    QString text = u"### "_s + heading;
    if (!details.isEmpty())
        text += u" · "_s + details.join(u" · "_s);
    text += u"\n\n"_s;
    if (!message.reasoning.isEmpty()) {
        // Collapsed where Markdown renders HTML (GitHub, most editors), plain text elsewhere.
        QString reasoning = message.reasoning.toHtmlEscaped();
        if (!reasoning.endsWith(u'\n'))
            reasoning += u'\n';
        text += u"<details>\n<summary>"_s + tr("Reasoning") + u"</summary>\n\n"_s + reasoning +
                u"\n</details>\n\n"_s;
    }
    text += message.content;
    if (!message.content.endsWith(u'\n'))
        text += u'\n';
    text += u'\n';
    return text.toUtf8();
}

Result<void> HistoryExporter::exportMarkdown(QIODevice& out, const QStringList& conversationIds) const {
    auto conversations = selectConversations(conversationIds);
    if (!conversations)
        return conversations.error();

    bool first = true;
    for (const Conversation& conversation : conversations.value()) {
        QString head = first ? QString() : u"\n---\n\n"_s;
        first = false;
        const QString title = conversation.title.isEmpty() ? tr("Untitled conversation") : conversation.title;
        head += u"# "_s + title + u"\n\n"_s;
        QStringList about;
        if (conversation.createdAt.isValid())
            about.append(
                tr("Started %1").arg(conversation.createdAt.toUTC().toString(u"yyyy-MM-dd HH:mm 'UTC'"_s)));
        if (!conversation.server.isEmpty())
            about.append(conversation.server);
        if (!about.isEmpty())
            head += u"_"_s + about.join(u" · "_s) + u"_\n\n"_s;
        QByteArray chunk = head.toUtf8();

        qint64 after = 0;
        for (;;) {
            auto page = m_store.messagesAfter(conversation.id, after, PageSize);
            if (!page)
                return page.error();
            for (const StoredMessage& message : page.value()) {
                chunk += markdownFor(message);
                after = message.seq;
            }
            if (auto written = writeAll(out, chunk); !written)
                return written;
            chunk.clear();
            if (page->size() < PageSize)
                break;
        }
    }
    return {};
}

} // namespace pc
