#include "Messages.h"
#include "UiScreenshots.h"
#include "widgets/Composer.h"

#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using pc::Composer;

class TestComposer : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void enterSends();
    void shiftEnterInsertsNewline();
    void emptyOrBlankDoesNotSend();
    void sendButtonSends();
    void stopToggling();
    void escapeStopsWhileGenerating();
    void optimizeAndTemplate();
    void queuedHint();
    void draftRoundTrip();
    void tooLongCannotSend();
    void accessibleNames();
    void screenshots();

private:
    std::unique_ptr<Composer> m_composer;
};

void TestComposer::init()
{
    m_composer = std::make_unique<Composer>();
    m_composer->resize(640, 140);
    m_composer->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_composer.get()));
    m_composer->focusEditor();
}

void TestComposer::cleanup()
{
    m_composer.reset();
}

void TestComposer::enterSends()
{
    QSignalSpy sent(m_composer.get(), &Composer::sendRequested);
    QTest::keyClicks(m_composer->editor(), u"Hello there"_s);
    QTest::keyClick(m_composer->editor(), Qt::Key_Return);
    QCOMPARE(sent.size(), 1);
    QCOMPARE(sent.first().first().toString(), u"Hello there"_s);
    QCOMPARE(m_composer->draft(), QString());

    // Keypad Enter and Ctrl+Enter send as well.
    QTest::keyClicks(m_composer->editor(), u"two"_s);
    QTest::keyClick(m_composer->editor(), Qt::Key_Enter, Qt::KeypadModifier);
    QTest::keyClicks(m_composer->editor(), u"three"_s);
    QTest::keyClick(m_composer->editor(), Qt::Key_Return, Qt::ControlModifier);
    QCOMPARE(sent.size(), 3);
    QCOMPARE(sent.at(2).first().toString(), u"three"_s);
}

void TestComposer::shiftEnterInsertsNewline()
{
    QSignalSpy sent(m_composer.get(), &Composer::sendRequested);
    QTest::keyClicks(m_composer->editor(), u"line one"_s);
    QTest::keyClick(m_composer->editor(), Qt::Key_Return, Qt::ShiftModifier);
    QTest::keyClicks(m_composer->editor(), u"line two"_s);
    QCOMPARE(sent.size(), 0);
    QCOMPARE(m_composer->draft(), u"line one\nline two"_s);
    const int oneLineHeight = m_composer->editor()->height();
    for (int i = 0; i < 4; ++i)
        QTest::keyClick(m_composer->editor(), Qt::Key_Return, Qt::ShiftModifier);
    QVERIFY(m_composer->editor()->height() > oneLineHeight); // grows with the text
    QTest::keyClick(m_composer->editor(), Qt::Key_Return);
    QCOMPARE(sent.size(), 1);
    QCOMPARE(sent.first().first().toString(), u"line one\nline two"_s); // trimmed
}

void TestComposer::emptyOrBlankDoesNotSend()
{
    QSignalSpy sent(m_composer.get(), &Composer::sendRequested);
    QTest::keyClick(m_composer->editor(), Qt::Key_Return);
    QTest::keyClicks(m_composer->editor(), u"   "_s);
    QTest::keyClick(m_composer->editor(), Qt::Key_Return);
    QCOMPARE(sent.size(), 0);
    QVERIFY(!m_composer->sendButton()->isEnabled());
    QVERIFY(!m_composer->optimizeButton()->isEnabled());
}

void TestComposer::sendButtonSends()
{
    QSignalSpy sent(m_composer.get(), &Composer::sendRequested);
    QTest::keyClicks(m_composer->editor(), u"by mouse"_s);
    QVERIFY(m_composer->sendButton()->isEnabled());
    QTest::mouseClick(m_composer->sendButton(), Qt::LeftButton);
    QCOMPARE(sent.size(), 1);
    QCOMPARE(sent.first().first().toString(), u"by mouse"_s);
}

void TestComposer::stopToggling()
{
    QSignalSpy sent(m_composer.get(), &Composer::sendRequested);
    QSignalSpy stop(m_composer.get(), &Composer::stopRequested);
    QCOMPARE(m_composer->sendButton()->text(), u"Send"_s);

    m_composer->setGenerating(true);
    QVERIFY(m_composer->isGenerating());
    QCOMPARE(m_composer->sendButton()->text(), u"Stop"_s);
    QVERIFY(m_composer->sendButton()->isEnabled()); // Stop works with an empty editor
    QTest::mouseClick(m_composer->sendButton(), Qt::LeftButton);
    QCOMPARE(stop.size(), 1);
    QCOMPARE(sent.size(), 0);

    // While generating, Enter does not send; the draft is kept for later.
    QTest::keyClicks(m_composer->editor(), u"next question"_s);
    QTest::keyClick(m_composer->editor(), Qt::Key_Return);
    QCOMPARE(sent.size(), 0);
    QCOMPARE(m_composer->draft(), u"next question"_s);

    m_composer->setGenerating(false);
    QCOMPARE(m_composer->sendButton()->text(), u"Send"_s);
    QTest::mouseClick(m_composer->sendButton(), Qt::LeftButton);
    QCOMPARE(sent.size(), 1);
    QCOMPARE(stop.size(), 1);
}

void TestComposer::escapeStopsWhileGenerating()
{
    QSignalSpy stop(m_composer.get(), &Composer::stopRequested);
    QTest::keyClick(m_composer->editor(), Qt::Key_Escape);
    QCOMPARE(stop.size(), 0);
    m_composer->setGenerating(true);
    QTest::keyClick(m_composer->editor(), Qt::Key_Escape);
    QCOMPARE(stop.size(), 1);
}

void TestComposer::optimizeAndTemplate()
{
    QSignalSpy optimize(m_composer.get(), &Composer::optimizeRequested);
    QSignalSpy insert(m_composer.get(), &Composer::insertTemplateRequested);
    QTest::keyClicks(m_composer->editor(), u"  write a poem  "_s);
    QVERIFY(m_composer->optimizeButton()->isEnabled());
    QTest::mouseClick(m_composer->optimizeButton(), Qt::LeftButton);
    QCOMPARE(optimize.size(), 1);
    QCOMPARE(optimize.first().first().toString(), u"write a poem"_s);
    QCOMPARE(m_composer->draft(), u"  write a poem  "_s); // optimizing does not consume the draft
    QTest::mouseClick(m_composer->templateButton(), Qt::LeftButton);
    QCOMPARE(insert.size(), 1);
}

void TestComposer::queuedHint()
{
    QVERIFY(m_composer->hintLabel()->isHidden());
    m_composer->setConnected(false);
    QVERIFY(!m_composer->hintLabel()->isHidden());
    QVERIFY(m_composer->hintLabel()->text().contains(u"send when connected"));
    // Offline still sends: the outbox queues it.
    QSignalSpy sent(m_composer.get(), &Composer::sendRequested);
    QTest::keyClicks(m_composer->editor(), u"queued"_s);
    QTest::keyClick(m_composer->editor(), Qt::Key_Return);
    QCOMPARE(sent.size(), 1);
    m_composer->setConnected(true);
    QVERIFY(m_composer->hintLabel()->isHidden());
}

void TestComposer::draftRoundTrip()
{
    m_composer->setDraft(u"saved\ndraft"_s);
    QCOMPARE(m_composer->draft(), u"saved\ndraft"_s);
    QVERIFY(m_composer->sendButton()->isEnabled());
    QCOMPARE(m_composer->editor()->textCursor().position(), u"saved\ndraft"_s.size());
}

void TestComposer::tooLongCannotSend()
{
    QSignalSpy sent(m_composer.get(), &Composer::sendRequested);
    m_composer->setDraft(QString(pc::MaxChatContentLength + 1, u'x'));
    QVERIFY(!m_composer->sendButton()->isEnabled());
    auto* counter = m_composer->findChild<QLabel*>(u"composerCounter"_s);
    QVERIFY(counter && !counter->isHidden());
    QCOMPARE(counter->property("role").toString(), u"error"_s);
    QTest::keyClick(m_composer->editor(), Qt::Key_Return);
    QCOMPARE(sent.size(), 0);
    m_composer->setDraft(u"ok"_s);
    QVERIFY(counter->isHidden());
}

void TestComposer::accessibleNames()
{
    const QList<QWidget*> controls = {m_composer->editor(), m_composer->sendButton(),
                                      m_composer->optimizeButton(), m_composer->templateButton()};
    for (QWidget* w : controls)
        QVERIFY2(!w->accessibleName().isEmpty(), qPrintable(w->objectName()));
}

void TestComposer::screenshots()
{
    if (pc::testing::screenshotDir().isEmpty())
        QSKIP("PC_SCREENSHOT_DIR not set");
    m_composer->setDraft(u"Summarise the attached meeting notes\nin three bullet points."_s);
    m_composer->setConnected(false);
    QCOMPARE(pc::testing::saveScreenshots(m_composer.get(), u"composer"_s), 2);
    m_composer->setConnected(true);
    m_composer->setGenerating(true);
    QCOMPARE(pc::testing::saveScreenshots(m_composer.get(), u"composer-generating"_s), 2);
}

QTEST_MAIN(TestComposer)
#include "tst_composer.moc"
