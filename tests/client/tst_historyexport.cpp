#include "storage/HistoryExporter.h"
#include "storage/HistoryStore.h"

#include <QBuffer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace pc;

namespace {

// A device that records how the export reaches it, and can fail after a number of bytes.
class RecordingDevice final : public QIODevice {
public:
    explicit RecordingDevice(qint64 failAfter = -1)
        : m_failAfter(failAfter) {
        open(QIODevice::WriteOnly);
    }

    QByteArray data;
    int writes = 0;
    qint64 largestWrite = 0;

protected:
    qint64 readData(char*, qint64) override { return -1; }
    qint64 writeData(const char* bytes, qint64 size) override {
        if (m_failAfter >= 0 && data.size() + size > m_failAfter) {
            setErrorString(u"No space left on device"_s);
            return -1;
        }
        data.append(bytes, size);
        ++writes;
        largestWrite = std::max(largestWrite, size);
        return size;
    }

private:
    qint64 m_failAfter;
};

template <class T> QByteArray why(const Result<T>& result) {
    return result.ok() ? QByteArray("ok") : result.error().message.toUtf8();
}

} // namespace

class TstHistoryExport : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void markdown();
    void markdownAll();
    void jsonShape();
    void jsonRoundTrip();
    void importIsIdempotent();
    void importRejectsInvalid_data();
    void importRejectsInvalid();
    void exportStreamsPages();
    void writeFailure();
    void unknownConversation();

private:
    [[nodiscard]] QByteArray exportJson(const QStringList& ids = {}) const;

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<HistoryStore> m_store;
    QString m_chat;
    QString m_archived;
};

void TstHistoryExport::init() {
    m_dir = std::make_unique<QTemporaryDir>();
    m_store = std::make_unique<HistoryStore>();
    QVERIFY(m_store->open(m_dir->filePath(u"a.sqlite"_s)).ok());
    m_chat = m_store->createConversation(u"Rust vs C++"_s, u"ws://127.0.0.1:8000"_s, u"session-1"_s)->id;
    m_archived = m_store->createConversation(u"Old stuff"_s)->id;
    QVERIFY(m_store->setPinned(m_chat, true).ok());
    QVERIFY(m_store->setArchived(m_archived, true).ok());

    QVERIFY(
        m_store->enqueueUserMessage(m_chat, u"u1"_s, u"Which is *faster*?\n\n```cpp\nint x;\n```"_s).ok());
    AssistantMessage answer;
    answer.messageId = u"r1"_s;
    answer.replyTo = u"u1"_s;
    answer.content = u"It depends. \"Quotes\", back\\slashes, ünïcødé and emoji 🚀 survive."_s;
    answer.provider = u"deepseek"_s;
    answer.model = u"deepseek-chat"_s;
    answer.processingTimeMs = 1234;
    answer.usage = Usage{11, 22, 5};
    answer.reasoning = u"Compare <b>compilers</b> & benchmarks."_s;
    answer.timestamp = QDateTime::fromMSecsSinceEpoch(1'700'000'123'456, Qt::UTC);
    QVERIFY(m_store->storeAnswer(m_chat, answer).ok());
    QVERIFY(m_store->enqueueUserMessage(m_chat, u"u2"_s, u"And memory safety?"_s).ok());
    QVERIFY(m_store->appendPartial(m_chat, u"r2"_s, u"u2"_s, u"Rust checks"_s).ok());
    QVERIFY(m_store->setMessageStatus(u"r2"_s, MessageStatus::Interrupted).ok());

    QVERIFY(m_store->enqueueUserMessage(m_archived, u"o1"_s, u"ancient question"_s).ok());
}

void TstHistoryExport::cleanup() {
    m_store.reset();
    m_dir.reset();
}

QByteArray TstHistoryExport::exportJson(const QStringList& ids) const {
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    HistoryExporter exporter(*m_store);
    const auto done = exporter.exportJson(buffer, ids);
    if (!done.ok())
        qWarning() << done.error().message;
    return buffer.data();
}

void TstHistoryExport::markdown() {
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    HistoryExporter exporter(*m_store);
    QVERIFY(exporter.exportMarkdown(buffer, {m_chat}).ok());
    const QString text = QString::fromUtf8(buffer.data());
    QVERIFY2(text.startsWith(u"# Rust vs C++\n"_s), qPrintable(text));
    QVERIFY(text.contains(u"ws://127.0.0.1:8000"_s));
    const qsizetype question = text.indexOf(u"### You"_s);
    const qsizetype reply =
        text.indexOf(u"### Assistant · deepseek / deepseek-chat · 2023-11-14 22:15 UTC"_s);
    const qsizetype second = text.indexOf(u"And memory safety?"_s);
    const qsizetype partial = text.indexOf(u"Rust checks"_s);
    QVERIFY2(question >= 0 && reply > question && second > reply && partial > second, qPrintable(text));
    QVERIFY(text.contains(u"```cpp\nint x;\n```"_s)); // content kept verbatim
    QVERIFY(text.contains(u"ünïcødé and emoji 🚀"_s));
    QVERIFY(text.contains(u"interrupted"_s));
    QVERIFY(!text.contains(u"ancient question"_s));
    // The reasoning, collapsed, between the answer's heading and its text; as text, never as markup.
    const qsizetype details =
        text.indexOf(u"<details>\n<summary>Reasoning</summary>\n\nCompare &lt;b&gt;compilers&lt;/b&gt; &amp; "
                     u"benchmarks.\n\n</details>\n\n"_s);
    QVERIFY2(details > reply && details < text.indexOf(u"It depends."_s), qPrintable(text));
    QCOMPARE(text.count(u"<details>"_s), 1); // only the answer that had reasoning
}

void TstHistoryExport::markdownAll() {
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    HistoryExporter exporter(*m_store);
    QVERIFY(exporter.exportMarkdown(buffer).ok());
    const QString text = QString::fromUtf8(buffer.data());
    QVERIFY(text.contains(u"# Rust vs C++"_s));
    QVERIFY(text.contains(u"# Old stuff"_s)); // archived conversations are exported too
    QVERIFY(text.contains(u"\n---\n"_s));
    QVERIFY(text.contains(u"ancient question"_s));
}

void TstHistoryExport::jsonShape() {
    const QByteArray data = exportJson({m_chat});
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(data, &error);
    QVERIFY2(error.error == QJsonParseError::NoError,
             qPrintable(error.errorString() + u' ' + QString::fromUtf8(data)));
    const QJsonObject root = document.object();
    QCOMPARE(root.value(u"format"_s).toString(), u"promptcraft.history/1"_s);
    QVERIFY(QDateTime::fromString(root.value(u"exported_at"_s).toString(), Qt::ISODateWithMs).isValid());
    const QJsonArray conversations = root.value(u"conversations"_s).toArray();
    QCOMPARE(conversations.size(), 1);
    const QJsonObject conversation = conversations.first().toObject();
    QCOMPARE(conversation.value(u"id"_s).toString(), m_chat);
    QCOMPARE(conversation.value(u"title"_s).toString(), u"Rust vs C++"_s);
    QCOMPARE(conversation.value(u"session_id"_s).toString(), u"session-1"_s);
    QCOMPARE(conversation.value(u"pinned"_s).toBool(), true);
    QCOMPARE(conversation.value(u"archived"_s).toBool(), false);
    const QJsonArray messages = conversation.value(u"messages"_s).toArray();
    QCOMPARE(messages.size(), 4);
    const QJsonObject reply = messages.at(1).toObject();
    QCOMPARE(reply.value(u"id"_s).toString(), u"r1"_s);
    QCOMPARE(reply.value(u"reply_to"_s).toString(), u"u1"_s);
    QCOMPARE(reply.value(u"role"_s).toString(), u"assistant"_s);
    QCOMPARE(reply.value(u"status"_s).toString(), u"complete"_s);
    QCOMPARE(reply.value(u"provider"_s).toString(), u"deepseek"_s);
    QCOMPARE(reply.value(u"processing_time_ms"_s).toInteger(), 1234);
    QCOMPARE(reply.value(u"created_at"_s).toString(), u"2023-11-14T22:15:23.456Z"_s);
    QCOMPARE(reply.value(u"usage"_s).toObject().value(u"completion_tokens"_s).toInteger(), 22);
    QVERIFY(!messages.at(0).toObject().contains(u"usage"_s));
    QCOMPARE(reply.value(u"reasoning"_s).toString(), u"Compare <b>compilers</b> & benchmarks."_s);
    QVERIFY(!messages.at(0).toObject().contains(u"reasoning"_s));
    QVERIFY(!messages.at(3).toObject().contains(u"reasoning"_s));
    QCOMPARE(messages.at(0).toObject().value(u"status"_s).toString(), u"sent"_s);
    QCOMPARE(messages.at(3).toObject().value(u"status"_s).toString(), u"interrupted"_s);
}

void TstHistoryExport::jsonRoundTrip() {
    // Enough messages for several export pages.
    for (int i = 0; i < 2 * HistoryExporter::PageSize + 17; ++i)
        QVERIFY(m_store->appendPartial(m_archived, u"bulk-%1"_s.arg(i), u"o1"_s, u"line %1"_s.arg(i)).ok());
    const QByteArray data = exportJson();

    HistoryStore target;
    QVERIFY(target.open(m_dir->filePath(u"b.sqlite"_s)).ok());
    QBuffer in;
    in.setData(data);
    in.open(QIODevice::ReadOnly);
    HistoryExporter importer(target);
    auto summary = importer.importJson(in);
    QVERIFY2(summary.ok(), why(summary).constData());
    QCOMPARE(summary->conversationsAdded, 2);
    QCOMPARE(summary->conversationsExisting, 0);
    QCOMPARE(summary->messagesAdded, 4 + 1 + 2 * HistoryExporter::PageSize + 17);
    QCOMPARE(summary->messagesSkipped, 0);

    const QList<Conversation> before = m_store->listConversations(true).value();
    const QList<Conversation> after = target.listConversations(true).value();
    QCOMPARE(after.size(), before.size());
    for (int i = 0; i < before.size(); ++i) {
        QCOMPARE(after[i].id, before[i].id);
        QCOMPARE(after[i].title, before[i].title);
        QCOMPARE(after[i].server, before[i].server);
        QCOMPARE(after[i].sessionId, before[i].sessionId);
        QCOMPARE(after[i].pinned, before[i].pinned);
        QCOMPARE(after[i].archived, before[i].archived);
        QCOMPARE(after[i].createdAt, before[i].createdAt);
        QCOMPARE(after[i].updatedAt, before[i].updatedAt);

        const QList<StoredMessage> original = m_store->newestMessages(before[i].id, 10'000).value();
        const QList<StoredMessage> copy = target.newestMessages(before[i].id, 10'000).value();
        QCOMPARE(copy.size(), original.size());
        for (int m = 0; m < original.size(); ++m) {
            QCOMPARE(copy[m].id, original[m].id);
            QCOMPARE(copy[m].replyTo, original[m].replyTo);
            QCOMPARE(copy[m].role, original[m].role);
            QCOMPARE(copy[m].content, original[m].content);
            QCOMPARE(copy[m].reasoning, original[m].reasoning);
            QCOMPARE(copy[m].provider, original[m].provider);
            QCOMPARE(copy[m].model, original[m].model);
            QCOMPARE(copy[m].processingTimeMs, original[m].processingTimeMs);
            QCOMPARE(copy[m].createdAt, original[m].createdAt);
            QCOMPARE(copy[m].usage.has_value(), original[m].usage.has_value());
            if (original[m].usage)
                QCOMPARE(copy[m].usage->cachedTokens, original[m].usage->cachedTokens);
            // Queued user messages and live streams are not carried over as such: an import
            // resends nothing and streams nothing.
            if (original[m].status == MessageStatus::Queued)
                QCOMPARE(copy[m].status, MessageStatus::Error);
            else if (original[m].status == MessageStatus::Sending)
                QCOMPARE(copy[m].status, MessageStatus::Interrupted);
            else
                QCOMPARE(copy[m].status, original[m].status);
        }
    }
    QVERIFY(target.outbox().value().isEmpty());
    QCOMPARE(target.search(u"ünïcødé"_s)->size(), 1);

    // Exporting the copy gives the same conversations again.
    QBuffer again;
    again.open(QIODevice::WriteOnly);
    QVERIFY(importer.exportJson(again).ok());
    const QJsonArray first = QJsonDocument::fromJson(data).object().value(u"conversations"_s).toArray();
    const QJsonArray second =
        QJsonDocument::fromJson(again.data()).object().value(u"conversations"_s).toArray();
    QCOMPARE(second.size(), first.size());
    QCOMPARE(second.at(0).toObject().value(u"messages"_s).toArray().at(1),
             first.at(0).toObject().value(u"messages"_s).toArray().at(1));
}

void TstHistoryExport::importIsIdempotent() {
    const QByteArray data = exportJson();
    HistoryStore target;
    QVERIFY(target.open(m_dir->filePath(u"c.sqlite"_s)).ok());
    HistoryExporter importer(target);
    for (int round = 0; round < 3; ++round) {
        QBuffer in;
        in.setData(data);
        in.open(QIODevice::ReadOnly);
        auto summary = importer.importJson(in);
        QVERIFY(summary.ok());
        if (round == 0) {
            QCOMPARE(summary->messagesAdded, 5);
        } else {
            QCOMPARE(summary->conversationsAdded, 0);
            QCOMPARE(summary->conversationsExisting, 2);
            QCOMPARE(summary->messagesAdded, 0);
            QCOMPARE(summary->messagesSkipped, 5);
        }
    }
    QCOMPARE(target.messageCount(m_chat).value(), 4);

    // Importing into the store it came from changes nothing either.
    QBuffer in;
    in.setData(data);
    in.open(QIODevice::ReadOnly);
    HistoryExporter self(*m_store);
    auto summary = self.importJson(in);
    QVERIFY(summary.ok());
    QCOMPARE(summary->messagesAdded, 0);
    QCOMPARE(m_store->messageCount(m_chat).value(), 4);
    QCOMPARE(m_store->outbox().value().size(), 2); // u2 and o1 still queued, not doubled
}

void TstHistoryExport::importRejectsInvalid_data() {
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<int>("code");
    const auto wrap = [](const QByteArray& messages) -> QByteArray {
        return "{\"format\":\"promptcraft.history/1\",\"conversations\":[{\"id\":\"new-c\",\"title\":\"t\","
               "\"messages\":[" +
               messages + "]}]}";
    };
    const QByteArray good =
        R"({"id":"ok-1","role":"user","status":"sent","content":"fine","created_at":"2024-01-01T00:00:00.000Z"})";
    QTest::newRow("not json") << QByteArray("{nope") << int(ErrorCode::InvalidJson);
    QTest::newRow("empty") << QByteArray() << int(ErrorCode::InvalidJson);
    QTest::newRow("array") << QByteArray("[]") << int(ErrorCode::InvalidMessage);
    QTest::newRow("wrong format") << QByteArray(R"({"format":"other/1","conversations":[]})")
                                  << int(ErrorCode::InvalidMessage);
    QTest::newRow("no conversations")
        << QByteArray(R"({"format":"promptcraft.history/1"})") << int(ErrorCode::InvalidMessage);
    QTest::newRow("conversation without id")
        << QByteArray(R"({"format":"promptcraft.history/1","conversations":[{"title":"x"}]})")
        << int(ErrorCode::InvalidMessage);
    QTest::newRow("message without id")
        << wrap(good +
                R"(,{"role":"user","status":"sent","content":"x","created_at":"2024-01-01T00:00:00Z"})")
        << int(ErrorCode::InvalidMessage);
    QTest::newRow("bad role") << wrap(good + R"(,{"id":"m","role":"root","status":"sent","content":"x",)"
                                             R"("created_at":"2024-01-01T00:00:00Z"})")
                              << int(ErrorCode::InvalidMessage);
    QTest::newRow("content not text")
        << wrap(good + R"(,{"id":"m","role":"user","status":"sent","content":5,)"
                       R"("created_at":"2024-01-01T00:00:00Z"})")
        << int(ErrorCode::InvalidMessage);
    QTest::newRow("reasoning not text")
        << wrap(good + R"(,{"id":"m","role":"assistant","status":"complete","content":"x","reasoning":["a"],)"
                       R"("created_at":"2024-01-01T00:00:00Z"})")
        << int(ErrorCode::InvalidMessage);
    QTest::newRow("bad time") << wrap(good + R"(,{"id":"m","role":"user","status":"sent","content":"x",)"
                                             R"("created_at":"yesterday"})")
                              << int(ErrorCode::InvalidMessage);
    QTest::newRow("message not object") << wrap(good + ",42") << int(ErrorCode::InvalidMessage);
}

void TstHistoryExport::importRejectsInvalid() {
    QFETCH(QByteArray, data);
    QFETCH(int, code);
    QBuffer in;
    in.setData(data);
    in.open(QIODevice::ReadOnly);
    HistoryExporter importer(*m_store);
    auto summary = importer.importJson(in);
    QVERIFY(!summary.ok());
    QCOMPARE(int(summary.error().code), code);
    // Checked before writing: not even the valid first message of a bad file went in.
    QCOMPARE(m_store->message(u"ok-1"_s).error().code, ErrorCode::NotFound);
    QCOMPARE(m_store->listConversations(true).value().size(), 2);
}

void TstHistoryExport::exportStreamsPages() {
    // 2,000 messages of 1 KB: the export reaches the device in page-sized writes.
    const QString kilobyte(1024, u'k');
    for (int i = 0; i < 2000; ++i)
        QVERIFY(m_store->appendPartial(m_archived, u"big-%1"_s.arg(i), u"o1"_s, kilobyte).ok());
    RecordingDevice json;
    HistoryExporter exporter(*m_store);
    QVERIFY(exporter.exportJson(json).ok());
    QVERIFY(json.data.size() > qsizetype(2000) * 1024);
    QVERIFY(json.writes >= 2000 / HistoryExporter::PageSize);
    QVERIFY2(json.largestWrite < qint64(HistoryExporter::PageSize + 1) * 1300,
             QByteArray::number(json.largestWrite).constData());
    QVERIFY(!QJsonDocument::fromJson(json.data).isNull());

    RecordingDevice markdown;
    QVERIFY(exporter.exportMarkdown(markdown).ok());
    QVERIFY(markdown.writes >= 2000 / HistoryExporter::PageSize);
    QVERIFY(markdown.largestWrite < qint64(HistoryExporter::PageSize + 1) * 1300);
}

void TstHistoryExport::writeFailure() {
    HistoryExporter exporter(*m_store);
    RecordingDevice json(100);
    auto failed = exporter.exportJson(json);
    QVERIFY(!failed.ok());
    QVERIFY2(failed.error().message.contains(u"No space left"_s), qPrintable(failed.error().message));
    RecordingDevice markdown(10);
    QVERIFY(!exporter.exportMarkdown(markdown).ok());
}

void TstHistoryExport::unknownConversation() {
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    HistoryExporter exporter(*m_store);
    auto failed = exporter.exportJson(buffer, {u"missing"_s});
    QVERIFY(!failed.ok());
    QCOMPARE(failed.error().code, ErrorCode::NotFound);
}

QTEST_GUILESS_MAIN(TstHistoryExport)
#include "tst_historyexport.moc"
