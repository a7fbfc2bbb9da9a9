#include "chat/ChatMessageModel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using pc::ChatEntry;
using pc::ChatMessageModel;
using pc::MessageSender;
using pc::MessageStatus;

namespace {

ChatEntry user(const QString& id, const QString& text)
{
    ChatEntry e;
    e.id = id;
    e.sender = MessageSender::User;
    e.content = text;
    e.timestamp = QDateTime(QDate(2025, 1, 2), QTime(10, 0), Qt::UTC);
    return e;
}

ChatEntry answer(const QString& id, const QString& replyTo, const QString& text)
{
    ChatEntry e = user(id, text);
    e.sender = MessageSender::Assistant;
    e.replyTo = replyTo;
    return e;
}

QStringList ids(const ChatMessageModel& model)
{
    QStringList out;
    for (int i = 0; i < model.rowCount(); ++i)
        out.append(model.index(i).data(ChatMessageModel::IdRole).toString());
    return out;
}

} // namespace

class TestChatMessageModel : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void setMessages();
    void roles();
    void prependOlder();
    void appendNewer();
    void appendMessageAndEcho();
    void deltasTouchOnlyTheirRow();
    void deltaCreatesAnswerAfterQuestion();
    void finishAnswer();
    void finishAnswerWithoutDeltas();
    void updateStatus();
    void reasoningExpandedIsTheOnlyEditableRole();
    void usageText();

private:
    std::unique_ptr<ChatMessageModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

void TestChatMessageModel::init()
{
    m_model = std::make_unique<ChatMessageModel>();
    m_tester = std::make_unique<QAbstractItemModelTester>(
        m_model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
}

void TestChatMessageModel::cleanup()
{
    m_tester.reset();
    m_model.reset();
}

void TestChatMessageModel::setMessages()
{
    QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
    m_model->setMessages(
        {user(u"u1"_s, u"hi"_s), answer(u"a1"_s, u"u1"_s, u"hello"_s), user(u"u1"_s, u"dup"_s)});
    QCOMPARE(reset.size(), 1);
    QCOMPARE(ids(*m_model), QStringList({u"u1"_s, u"a1"_s}));
    QCOMPARE(m_model->firstId(), u"u1"_s);
    QCOMPARE(m_model->lastAnswerRow(), 1);
    m_model->clear();
    QCOMPARE(m_model->rowCount(), 0);
    QCOMPARE(m_model->lastAnswerRow(), -1);
}

void TestChatMessageModel::roles()
{
    ChatEntry a = answer(u"a1"_s, u"u1"_s, u"**bold**"_s);
    a.provider = u"deepseek"_s;
    a.model = u"deepseek-flash"_s;
    a.processingTimeMs = 1234;
    a.usage = pc::Usage{10, 20, 0};
    a.reasoning = u"because"_s;
    a.status = MessageStatus::Interrupted;
    m_model->setMessages({user(u"u1"_s, u"q"_s), a});
    const QModelIndex i = m_model->index(1);
    QCOMPARE(i.data(ChatMessageModel::IdRole).toString(), u"a1"_s);
    QCOMPARE(i.data(ChatMessageModel::ReplyToRole).toString(), u"u1"_s);
    QCOMPARE(i.data(ChatMessageModel::SenderRole).value<MessageSender>(), MessageSender::Assistant);
    QCOMPARE(i.data(ChatMessageModel::ContentRole).toString(), u"**bold**"_s);
    QCOMPARE(i.data(Qt::DisplayRole).toString(), u"**bold**"_s);
    QCOMPARE(i.data(ChatMessageModel::StatusRole).value<MessageStatus>(), MessageStatus::Interrupted);
    QCOMPARE(i.data(ChatMessageModel::ProviderRole).toString(), u"deepseek"_s);
    QCOMPARE(i.data(ChatMessageModel::ModelRole).toString(), u"deepseek-flash"_s);
    QCOMPARE(i.data(ChatMessageModel::ProcessingTimeRole).toLongLong(), 1234);
    QCOMPARE(i.data(ChatMessageModel::UsageTextRole).toString(), u"10 → 20 tokens"_s);
    QCOMPARE(i.data(ChatMessageModel::ReasoningRole).toString(), u"because"_s);
    QCOMPARE(i.data(ChatMessageModel::TimestampRole).toDateTime(), a.timestamp);
    QCOMPARE(i.data(ChatMessageModel::RevisionRole).toInt(), 0);
    QVERIFY(!i.data(Qt::AccessibleTextRole).toString().isEmpty());
    QVERIFY(m_model->roleNames().contains(ChatMessageModel::ContentRole));
    QVERIFY(!(m_model->flags(i) & Qt::ItemIsSelectable));
}

void TestChatMessageModel::prependOlder()
{
    m_model->setMessages({user(u"u3"_s, u"c"_s), answer(u"a3"_s, u"u3"_s, u"C"_s)});
    QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
    const int n = m_model->prependOlder({user(u"u1"_s, u"a"_s), answer(u"a1"_s, u"u1"_s, u"A"_s),
                                         user(u"u2"_s, u"b"_s), user(u"u3"_s, u"dup"_s)});
    QCOMPARE(n, 3);
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(inserted.first().at(1).toInt(), 0);
    QCOMPARE(inserted.first().at(2).toInt(), 2);
    QCOMPARE(ids(*m_model), QStringList({u"u1"_s, u"a1"_s, u"u2"_s, u"u3"_s, u"a3"_s}));
    QCOMPARE(m_model->index(3).data(ChatMessageModel::ContentRole).toString(), u"c"_s);
    // Nothing new: nothing inserted.
    QCOMPARE(m_model->prependOlder({user(u"u1"_s, u"a"_s)}), 0);
    QCOMPARE(inserted.size(), 1);
}

void TestChatMessageModel::appendNewer()
{
    m_model->setMessages({user(u"u1"_s, u"a"_s), answer(u"a1"_s, u"u1"_s, u"A"_s)});
    QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
    const int n = m_model->appendNewer({answer(u"a1"_s, u"u1"_s, u"dup"_s), user(u"u2"_s, u"b"_s),
                                        answer(u"a2"_s, u"u2"_s, u"B"_s)});
    QCOMPARE(n, 2);
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(inserted.first().at(1).toInt(), 2);
    QCOMPARE(inserted.first().at(2).toInt(), 3);
    QCOMPARE(ids(*m_model), QStringList({u"u1"_s, u"a1"_s, u"u2"_s, u"a2"_s}));
    QCOMPARE(m_model->index(1).data(ChatMessageModel::ContentRole).toString(), u"A"_s);
    QCOMPARE(m_model->appendNewer({user(u"u2"_s, u"b"_s)}), 0);
    QCOMPARE(inserted.size(), 1);
}

void TestChatMessageModel::appendMessageAndEcho()
{
    QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    ChatEntry sent = user(u"u1"_s, u"hi"_s);
    sent.status = MessageStatus::Sending;
    m_model->appendMessage(sent);
    m_model->appendMessage(user(u"u2"_s, u"again"_s));
    QCOMPARE(inserted.size(), 2);
    QCOMPARE(inserted.at(1).at(1).toInt(), 1);
    // The older backend's echo of u1: the row is updated, not duplicated.
    m_model->appendMessage(user(u"u1"_s, u"hi"_s));
    QCOMPARE(m_model->rowCount(), 2);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.first().at(0).value<QModelIndex>().row(), 0);
    QCOMPARE(m_model->index(0).data(ChatMessageModel::StatusRole).value<MessageStatus>(),
             MessageStatus::Complete);
    QCOMPARE(m_model->index(0).data(ChatMessageModel::RevisionRole).toInt(), 1);
}

void TestChatMessageModel::deltasTouchOnlyTheirRow()
{
    QList<ChatEntry> many;
    for (int i = 0; i < 50; ++i) {
        many.append(user(u"u%1"_s.arg(i), u"q"_s));
        many.append(answer(u"a%1"_s.arg(i), u"u%1"_s.arg(i), u"a"_s));
    }
    many.append(user(u"last"_s, u"question"_s));
    m_model->setMessages(many);

    QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
    m_model->appendDelta(u"ans"_s, u"last"_s, u"Hel"_s);
    QCOMPARE(inserted.size(), 1);
    const int last = m_model->rowCount() - 1;
    QCOMPARE(inserted.first().at(1).toInt(), last);
    QCOMPARE(m_model->index(last).data(ChatMessageModel::StatusRole).value<MessageStatus>(),
             MessageStatus::Sending);

    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    QSignalSpy layout(m_model.get(), &QAbstractItemModel::layoutChanged);
    QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
    const QStringList parts = {u"lo"_s, u", "_s, u"world"_s, u"!"_s};
    for (const QString& part : parts)
        m_model->appendDelta(u"ans"_s, u"last"_s, part);
    QCOMPARE(changed.size(), parts.size());
    for (const QList<QVariant>& args : std::as_const(changed)) {
        const auto topLeft = args.at(0).value<QModelIndex>();
        const auto bottomRight = args.at(1).value<QModelIndex>();
        QCOMPARE(topLeft.row(), last);
        QCOMPARE(bottomRight.row(), last);
        const auto roles = args.at(2).value<QList<int>>();
        QVERIFY(roles.contains(ChatMessageModel::ContentRole));
        QVERIFY(roles.contains(ChatMessageModel::RevisionRole));
    }
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(layout.size(), 0);
    QCOMPARE(reset.size(), 0);
    QCOMPARE(m_model->index(last).data(ChatMessageModel::ContentRole).toString(), u"Hello, world!"_s);
    QCOMPARE(m_model->index(last).data(ChatMessageModel::RevisionRole).toInt(), parts.size());
}

void TestChatMessageModel::deltaCreatesAnswerAfterQuestion()
{
    // A queued message was appended while the first question's answer had not started yet.
    m_model->setMessages({user(u"u1"_s, u"first"_s), user(u"u2"_s, u"second"_s)});
    m_model->appendDelta(u"a1"_s, u"u1"_s, u"for first"_s);
    QCOMPARE(ids(*m_model), QStringList({u"u1"_s, u"a1"_s, u"u2"_s}));
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    m_model->appendDelta(u"a1"_s, u"u1"_s, u" more"_s);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.first().at(0).value<QModelIndex>().row(), 1);
    // Unknown question: at the bottom.
    m_model->appendDelta(u"ax"_s, u"nope"_s, u"x"_s);
    QCOMPARE(ids(*m_model).constLast(), u"ax"_s);
}

void TestChatMessageModel::finishAnswer()
{
    m_model->setMessages({user(u"u1"_s, u"q"_s)});
    m_model->appendDelta(u"a1"_s, u"u1"_s, u"partial"_s);
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
    ChatEntry final = answer(u"a1"_s, u"u1"_s, u"partial and whole"_s);
    final.status = MessageStatus::Complete;
    final.provider = u"deepseek"_s;
    final.model = u"deepseek-flash"_s;
    final.usage = pc::Usage{1, 2, 3};
    m_model->finishAnswer(final);
    QCOMPARE(inserted.size(), 0);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.first().at(0).value<QModelIndex>().row(), 1);
    QCOMPARE(changed.first().at(1).value<QModelIndex>().row(), 1);
    const QModelIndex i = m_model->index(1);
    QCOMPARE(i.data(ChatMessageModel::ContentRole).toString(), u"partial and whole"_s);
    QCOMPARE(i.data(ChatMessageModel::StatusRole).value<MessageStatus>(), MessageStatus::Complete);
    QCOMPARE(i.data(ChatMessageModel::ModelRole).toString(), u"deepseek-flash"_s);
    QCOMPARE(i.data(ChatMessageModel::UsageTextRole).toString(), u"1 → 2 tokens (3 cached)"_s);
}

void TestChatMessageModel::finishAnswerWithoutDeltas()
{
    m_model->setMessages({user(u"u1"_s, u"q"_s), user(u"u2"_s, u"q2"_s)});
    ChatEntry a = answer(u"a1"_s, u"u1"_s, u"whole"_s);
    a.sender = MessageSender::User; // the model knows an answer is the assistant's
    m_model->finishAnswer(a);
    QCOMPARE(ids(*m_model), QStringList({u"u1"_s, u"a1"_s, u"u2"_s}));
    QCOMPARE(m_model->index(1).data(ChatMessageModel::SenderRole).value<MessageSender>(),
             MessageSender::Assistant);
}

void TestChatMessageModel::updateStatus()
{
    m_model->setMessages({user(u"u1"_s, u"q"_s), user(u"u2"_s, u"q2"_s)});
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    QVERIFY(m_model->updateStatus(u"u1"_s, MessageStatus::Error, u"Rate limited"_s));
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.first().at(0).value<QModelIndex>().row(), 0);
    QCOMPARE(m_model->index(0).data(ChatMessageModel::ErrorTextRole).toString(), u"Rate limited"_s);
    // Same status again: no signal.
    QVERIFY(m_model->updateStatus(u"u1"_s, MessageStatus::Error, u"Rate limited"_s));
    QCOMPARE(changed.size(), 1);
    QVERIFY(!m_model->updateStatus(u"missing"_s, MessageStatus::Queued));
    QCOMPARE(m_model->entry(0).status, MessageStatus::Error);
    QCOMPARE(m_model->entry(5).id, QString());
}

void TestChatMessageModel::reasoningExpandedIsTheOnlyEditableRole()
{
    m_model->setMessages({answer(u"a1"_s, u"u1"_s, u"x"_s)});
    const QModelIndex i = m_model->index(0);
    QVERIFY(!m_model->setData(i, u"y"_s, ChatMessageModel::ContentRole));
    QCOMPARE(i.data(ChatMessageModel::ContentRole).toString(), u"x"_s);
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    QVERIFY(m_model->setData(i, true, ChatMessageModel::ReasoningExpandedRole));
    QCOMPARE(changed.size(), 1);
    QVERIFY(i.data(ChatMessageModel::ReasoningExpandedRole).toBool());
    QCOMPARE(i.data(ChatMessageModel::RevisionRole).toInt(), 1);
}

void TestChatMessageModel::usageText()
{
    QCOMPARE(ChatMessageModel::usageText(std::nullopt), QString());
    QCOMPARE(ChatMessageModel::usageText(pc::Usage{5, 7, 0}), u"5 → 7 tokens"_s);
}

QTEST_MAIN(TestChatMessageModel)
#include "tst_chatmessagemodel.moc"
