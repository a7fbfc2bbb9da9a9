#pragma once

#include "Conversation.h"
#include "ImportSummary.h"
#include "StoredMessage.h"
#include "protocol/Result.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QJsonObject>
#include <QStringList>

class QIODevice;

namespace pc {

class HistoryStore;

// Exports conversations to Markdown (for people) or JSON (for machines, re-importable), reading the
// store page by page so that memory stays flat however long the history is.
//
// JSON shape, `promptcraft.history/1` (timestamps are ISO 8601 UTC with milliseconds; `usage` only
// when known; messages in conversation order):
//
//   {"format": "promptcraft.history/1", "exported_at": "2024-05-01T10:00:00.000Z",
//    "conversations": [
//      {"id": "...", "title": "...", "server": "...", "session_id": "...",
//       "created_at": "...", "updated_at": "...", "pinned": false, "archived": false,
//       "messages": [
//         {"id": "...", "reply_to": "", "role": "user|assistant|system", "content": "...",
//          "status": "sending|queued|sent|complete|interrupted|offline|error",
//          "provider": "", "model": "", "processing_time_ms": 0, "created_at": "...",
//          "reasoning": "...",
//          "usage": {"prompt_tokens": 0, "completion_tokens": 0, "cached_tokens": 0}}]}]}
//
// `reasoning` (an answer's model reasoning) only when there is some. In Markdown it comes before the
// answer as a collapsed <details> block.
//
// Import is idempotent by ids: conversations and messages already present are skipped.
class HistoryExporter {
    Q_DECLARE_TR_FUNCTIONS(pc::HistoryExporter)

public:
    static constexpr QStringView FormatId = u"promptcraft.history/1";
    static constexpr int PageSize = 200;

    explicit HistoryExporter(HistoryStore& store);

    // `conversationIds` empty: every conversation that is not deleted, archived ones included.
    [[nodiscard]] Result<void> exportMarkdown(QIODevice& out, const QStringList& conversationIds = {}) const;
    [[nodiscard]] Result<void> exportJson(QIODevice& out, const QStringList& conversationIds = {}) const;
    // Validates the whole document before writing anything; each conversation is then imported in
    // its own transaction. The document is parsed in memory (QJsonDocument has no streaming reader).
    [[nodiscard]] Result<ImportSummary> importJson(QIODevice& in);

    [[nodiscard]] static QJsonObject conversationToJson(const Conversation& conversation);
    [[nodiscard]] static QJsonObject messageToJson(const StoredMessage& message);
    [[nodiscard]] static Result<Conversation> conversationFromJson(const QJsonObject& object);
    [[nodiscard]] static Result<StoredMessage> messageFromJson(const QJsonObject& object);

private:
    [[nodiscard]] Result<QList<Conversation>> selectConversations(const QStringList& conversationIds) const;
    [[nodiscard]] Result<void> writeAll(QIODevice& out, const QByteArray& data) const;
    [[nodiscard]] QByteArray markdownFor(const StoredMessage& message) const;

    HistoryStore& m_store;
};

} // namespace pc
