// The sidebar's conversation list model: order kept as given, rows updated in place, resets only when
// the set of ids changes, checked by QAbstractItemModelTester throughout.
#include "sidebar/ConversationListModel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using pc::Conversation;
using pc::ConversationListModel;

namespace {

Conversation make(const QString& id, const QString& title, bool pinned = false)
{
    Conversation c;
    c.id = id;
    c.title = title;
    c.pinned = pinned;
    c.updatedAt = QDateTime(QDate(2025, 6, 1), QTime(12, 0), Qt::UTC);
    return c;
}

} // namespace

class TestConversationListModel : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void rolesAndOrder();
    void updatesInPlace();
    void resetWhenIdsChange();
    void untitledAndOutOfRange();
};

void TestConversationListModel::rolesAndOrder()
{
    ConversationListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setConversations({make(u"b"_s, u"Pinned"_s, true), make(u"a"_s, u"Newest"_s)});
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.index(0).data().toString(), u"Pinned"_s);
    QCOMPARE(model.index(0).data(ConversationListModel::IdRole).toString(), u"b"_s);
    QVERIFY(model.index(0).data(ConversationListModel::PinnedRole).toBool());
    QVERIFY(!model.index(1).data(ConversationListModel::PinnedRole).toBool());
    QVERIFY(!model.index(0).data(Qt::ToolTipRole).toString().isEmpty());
    QCOMPARE(model.rowOf(u"a"_s), 1);
    QCOMPARE(model.rowOf(u"zzz"_s), -1);
    QVERIFY(model.roleNames().contains(ConversationListModel::IdRole));
}

void TestConversationListModel::updatesInPlace()
{
    ConversationListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setConversations({make(u"a"_s, u"One"_s), make(u"b"_s, u"Two"_s)});
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.setConversations({make(u"a"_s, u"One"_s), make(u"b"_s, u"Renamed"_s)});
    QCOMPARE(reset.count(), 0);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.first().first().toModelIndex().row(), 1);
    QCOMPARE(model.index(1).data().toString(), u"Renamed"_s);
}

void TestConversationListModel::resetWhenIdsChange()
{
    ConversationListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setConversations({make(u"a"_s, u"One"_s)});
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    model.setConversations({make(u"b"_s, u"Two"_s), make(u"a"_s, u"One"_s)});
    QCOMPARE(reset.count(), 1);
    QCOMPARE(model.rowOf(u"b"_s), 0);
    model.setConversations({});
    QCOMPARE(model.rowCount(), 0);
}

void TestConversationListModel::untitledAndOutOfRange()
{
    ConversationListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setConversations({make(u"a"_s, QString())});
    QVERIFY(!model.index(0).data().toString().isEmpty());
    QVERIFY(model.conversation(5).id.isEmpty());
    QCOMPARE(model.conversation(0).id, u"a"_s);
    model.setIcons(QIcon(), QIcon());
}

QTEST_MAIN(TestConversationListModel)
#include "tst_conversationlistmodel.moc"
