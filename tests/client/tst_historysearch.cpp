#include "storage/HistoryStore.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace pc;

namespace {

bool ftsIntact(const HistoryStore& store) {
    QSqlQuery query(QSqlDatabase::database(store.connectionName()));
    return query.exec(u"INSERT INTO messages_fts (messages_fts) VALUES ('integrity-check')"_s);
}

QString highlighted(const QString& term) {
    return QString(SearchHit::HighlightBegin) + term + QString(SearchHit::HighlightEnd);
}

} // namespace

class TstHistorySearch : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void ftsQuery_data();
    void ftsQuery();
    void findsWithSnippets();
    void newestFirstAcrossConversations();
    void prefixAndDiacritics();
    void hostileQueries_data();
    void hostileQueries();
    void hiddenWhenDeleted();
    void followsEditsAndPurges();
    void limit();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<HistoryStore> m_store;
    QString m_a;
    QString m_b;
};

void TstHistorySearch::init() {
    m_dir = std::make_unique<QTemporaryDir>();
    m_store = std::make_unique<HistoryStore>();
    QVERIFY(m_store->open(m_dir->filePath(u"history.sqlite"_s)).ok());
    m_a = m_store->createConversation(u"Cooking"_s)->id;
    m_b = m_store->createConversation(u"Travel"_s)->id;
    QVERIFY(m_store->enqueueUserMessage(m_a, u"a1"_s, u"How do I bake sourdough bread at home?"_s).ok());
    AssistantMessage answer;
    answer.messageId = u"a2"_s;
    answer.replyTo = u"a1"_s;
    answer.content = u"Mix flour, water and starter. Let the dough rise overnight, then bake the bread "
                     u"in a hot oven. Sourdough needs patience: the starter must be active and bubbly."_s;
    QVERIFY(m_store->storeAnswer(m_a, answer).ok());
    QVERIFY(
        m_store->enqueueUserMessage(m_b, u"b1"_s, u"Best bakery for bread in Paris? Un café près de là."_s)
            .ok());
    QVERIFY(
        m_store->enqueueUserMessage(m_b, u"b2"_s, u"Is it OR or AND? \"quoted\" text - NEAR(x y) col:val *"_s)
            .ok());
}

void TstHistorySearch::cleanup() {
    m_store.reset();
    m_dir.reset();
}

void TstHistorySearch::ftsQuery_data() {
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");
    QTest::newRow("word") << u"bread"_s << u"\"bread\"*"_s;
    QTest::newRow("two words") << u"sourdough bread"_s << u"\"sourdough\" \"bread\"*"_s;
    QTest::newRow("trailing space ends the prefix") << u"bread "_s << u"\"bread\""_s;
    QTest::newRow("quote doubled") << u"say\"hi"_s << u"\"say\"\"hi\"*"_s;
    QTest::newRow("operators are words") << u"a OR b"_s << u"\"a\" \"OR\" \"b\"*"_s;
    QTest::newRow("punctuation only dropped") << u"\" * - ( )"_s << QString();
    QTest::newRow("empty") << QString() << QString();
    QTest::newRow("whitespace") << u"  \t\n "_s << QString();
    QTest::newRow("NEAR kept literal") << u"NEAR("_s << u"\"NEAR(\"*"_s;
    QTest::newRow("column filter literal") << u"content:x"_s << u"\"content:x\"*"_s;
}

void TstHistorySearch::ftsQuery() {
    QFETCH(QString, input);
    QFETCH(QString, expected);
    QCOMPARE(HistoryStore::toFtsQuery(input), expected);
}

void TstHistorySearch::findsWithSnippets() {
    auto hits = m_store->search(u"starter"_s);
    QVERIFY(hits.ok());
    QCOMPARE(hits->size(), 1);
    const SearchHit& hit = hits->first();
    QCOMPARE(hit.conversationId, m_a);
    QCOMPARE(hit.conversationTitle, u"Cooking"_s);
    QCOMPARE(hit.messageId, u"a2"_s);
    QCOMPARE(hit.role, MessageRole::Assistant);
    QVERIFY(hit.createdAt.isValid());
    QVERIFY2(hit.snippet.contains(highlighted(u"starter"_s)), qPrintable(hit.snippet));
    // The snippet is an excerpt of a long message, cut with an ellipsis.
    QVERIFY2(hit.snippet.contains(u"…"_s), qPrintable(hit.snippet));
    QVERIFY(hit.snippet.size() < 200);

    // Several words: all must occur (in any order).
    auto both = m_store->search(u"bread sourdough"_s);
    QCOMPARE(both->size(), 2);
    QVERIFY(m_store->search(u"sourdough paris"_s)->isEmpty());
}

void TstHistorySearch::newestFirstAcrossConversations() {
    auto hits = m_store->search(u"bread"_s);
    QVERIFY(hits.ok());
    QCOMPARE(hits->size(), 3);
    QCOMPARE(hits->at(0).messageId, u"b1"_s);
    QCOMPARE(hits->at(0).conversationId, m_b);
    QCOMPARE(hits->at(1).messageId, u"a2"_s);
    QCOMPARE(hits->at(2).messageId, u"a1"_s);
    QVERIFY(hits->at(0).seq > hits->at(1).seq);

    QVERIFY(m_store->enqueueUserMessage(m_a, u"a3"_s, u"more bread please"_s).ok());
    QCOMPARE(m_store->search(u"bread"_s)->first().messageId, u"a3"_s);
}

void TstHistorySearch::prefixAndDiacritics() {
    QCOMPARE(m_store->search(u"sourd"_s)->size(), 2);  // as-you-type prefix on the last word
    QCOMPARE(m_store->search(u"sourd "_s)->size(), 0); // a finished word is matched whole
    QCOMPARE(m_store->search(u"cafe"_s)->size(), 1);   // diacritics folded
    QCOMPARE(m_store->search(u"CAFÉ"_s)->size(), 1);   // and case
    QCOMPARE(m_store->search(u"pres de la"_s)->size(), 1);
}

void TstHistorySearch::hostileQueries_data() {
    QTest::addColumn<QString>("query");
    QTest::addColumn<int>("expected"); // -1: any count, just no error
    QTest::newRow("quote") << u"\""_s << 0;
    QTest::newRow("two quotes") << u"\"\""_s << 0;
    QTest::newRow("star") << u"*"_s << 0;
    QTest::newRow("NEAR(") << u"NEAR("_s << 1;
    QTest::newRow("NEAR(x y)") << u"NEAR(x y)"_s << 1;
    QTest::newRow("minus") << u"-"_s << 0;
    QTest::newRow("minus word") << u"-bread"_s << 3;
    QTest::newRow("OR") << u"OR"_s << 1;
    QTest::newRow("AND") << u"AND"_s << 2; // "and" occurs in a2 and b2
    QTest::newRow("NOT") << u"NOT"_s << 0;
    QTest::newRow("a OR") << u"bread OR"_s << 0; // both words literally: no message has bread and "or"
    QTest::newRow("parentheses") << u"(bread"_s << 3;
    QTest::newRow("caret") << u"^bread"_s << 3;
    QTest::newRow("column filter") << u"content:bread"_s << 0;
    QTest::newRow("colon") << u"col:val"_s << 1;
    QTest::newRow("plus") << u"+"_s << 0;
    QTest::newRow("braces") << u"{content}: bread"_s << 0; // both words literally
    QTest::newRow("unbalanced quote") << u"\"bread"_s << 3;
    QTest::newRow("sql") << u"'; DROP TABLE messages; --"_s << -1;
    QTest::newRow("backslash") << u"\\"_s << 0;
    QTest::newRow("nul") << QString(QChar(0)) << 0;
    QTest::newRow("emoji") << u"🍞"_s << 0;
    QTest::newRow("long") << QString(20'000, u'a') << 0;
    QTest::newRow("many words") << QStringList(200, u"bread"_s).join(u' ') << 3;
}

void TstHistorySearch::hostileQueries() {
    QFETCH(QString, query);
    QFETCH(int, expected);
    auto hits = m_store->search(query);
    QVERIFY2(hits.ok(), hits.ok() ? "" : qPrintable(hits.error().message));
    if (expected >= 0)
        QCOMPARE(hits->size(), expected);
    QCOMPARE(m_store->messageCount(m_a).value(), 2); // nothing was harmed
}

void TstHistorySearch::hiddenWhenDeleted() {
    QVERIFY(m_store->deleteConversation(m_b).ok());
    auto hits = m_store->search(u"bread"_s);
    QCOMPARE(hits->size(), 2);
    for (const SearchHit& hit : hits.value())
        QCOMPARE(hit.conversationId, m_a);
    QVERIFY(m_store->restoreConversation(m_b).ok());
    QCOMPARE(m_store->search(u"bread"_s)->size(), 3);
}

void TstHistorySearch::followsEditsAndPurges() {
    // A streamed answer is found as it grows and by its final text once complete.
    QVERIFY(m_store->appendPartial(m_b, u"b3"_s, u"b2"_s, u"The croissant "_s).ok());
    QCOMPARE(m_store->search(u"croissant"_s)->size(), 1);
    AssistantMessage final;
    final.messageId = u"b3"_s;
    final.replyTo = u"b2"_s;
    final.content = u"The baguette is better."_s;
    QVERIFY(m_store->storeAnswer(m_b, final).ok());
    QCOMPARE(m_store->search(u"croissant"_s)->size(), 0);
    QCOMPARE(m_store->search(u"baguette"_s)->size(), 1);

    QVERIFY(m_store->deleteConversation(m_b).ok());
    QCOMPARE(m_store->purgeDeletedConversations(QDateTime::currentDateTimeUtc().addSecs(10)).value(), 1);
    QCOMPARE(m_store->search(u"baguette"_s)->size(), 0);
    QVERIFY(ftsIntact(*m_store));
}

void TstHistorySearch::limit() {
    for (int i = 0; i < 30; ++i)
        QVERIFY(m_store->enqueueUserMessage(m_a, u"n%1"_s.arg(i), u"needle %1"_s.arg(i)).ok());
    auto hits = m_store->search(u"needle"_s, 10);
    QCOMPARE(hits->size(), 10);
    QCOMPARE(hits->first().messageId, u"n29"_s);
    QCOMPARE(hits->last().messageId, u"n20"_s);
    QVERIFY(m_store->search(u"needle"_s, 0)->isEmpty());
}

QTEST_GUILESS_MAIN(TstHistorySearch)
#include "tst_historysearch.moc"
