#include "UiScreenshots.h"
#include "dialogs/SettingsDialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using pc::Settings;
using pc::SettingsDialog;

class TestSettingsDialog : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void loadsSettings();
    void appliesSettings();
    void invalidServerUrlIsRefused();
    void secretInModelIsRefused();
    void apiKeyIsWriteOnly();
    void apiKeyRemove();
    void signInSignals();
    void providers();
    void providerKeysAreWriteOnly();
    void invalidProviderIsRefused();
    void modelList();
    void accessibleNames();
    void screenshots();

private:
    template <class T> T* child(const QString& name) const { return m_dialog->findChild<T*>(name); }
    [[nodiscard]] QString fileText() const
    {
        QFile file(m_settings->fileName());
        return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Settings> m_settings;
    std::unique_ptr<SettingsDialog> m_dialog;
};

void TestSettingsDialog::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestSettingsDialog::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_settings = std::make_unique<Settings>(m_dir->filePath(u"settings.ini"_s));
    QVERIFY(m_settings->setServers({{u"Lab"_s, QUrl(u"wss://chat.example.org/ws/chat/"_s)}}));
    QVERIFY(m_settings->setActiveServerUrl(QUrl(u"wss://chat.example.org/ws/chat/"_s)));
    m_settings->setConnectionMode(Settings::ConnectionMode::Server);
    QVERIFY(m_settings->setModel(u"deepseek-flash"_s));
    m_settings->setThinkingEnabled(true);
    QVERIFY(m_settings->setFallbackProviders(
        {{u"ollama"_s, QUrl(u"http://127.0.0.1:11434/v1"_s), u"llama3"_s, true}}));
    m_settings->setTheme(Settings::Theme::Dark);
    QVERIFY(m_settings->setLanguage(u"de"_s));
    m_dialog = std::make_unique<SettingsDialog>(*m_settings);
}

void TestSettingsDialog::cleanup()
{
    m_dialog.reset();
    m_settings.reset();
    m_dir.reset();
}

void TestSettingsDialog::loadsSettings()
{
    QVERIFY(child<QRadioButton>(u"remoteRadio"_s)->isChecked());
    QCOMPARE(child<QComboBox>(u"serverCombo"_s)->currentText(), u"wss://chat.example.org/ws/chat/"_s);
    QVERIFY(!child<QSpinBox>(u"portSpin"_s)->isEnabled());
    QCOMPARE(child<QSpinBox>(u"portSpin"_s)->value(), 8000);
    QCOMPARE(child<QComboBox>(u"modelCombo"_s)->currentText(), u"deepseek-flash"_s);
    QVERIFY(child<QCheckBox>(u"thinkingCheck"_s)->isChecked());
    auto* table = child<QTableWidget>(u"providersTable"_s);
    QCOMPARE(table->rowCount(), 1);
    QCOMPARE(table->item(0, 0)->text(), u"ollama"_s);
    QCOMPARE(table->item(0, 1)->text(), u"http://127.0.0.1:11434/v1"_s);
    QCOMPARE(table->item(0, 3)->checkState(), Qt::Checked);
    QCOMPARE(child<QComboBox>(u"themeCombo"_s)->currentData().toInt(), int(Settings::Theme::Dark));
    QCOMPARE(child<QComboBox>(u"languageCombo"_s)->currentText(), u"Deutsch"_s);
}

void TestSettingsDialog::appliesSettings()
{
    QSignalSpy applied(m_dialog.get(), &SettingsDialog::settingsApplied);
    child<QRadioButton>(u"localRadio"_s)->setChecked(true);
    QVERIFY(child<QSpinBox>(u"portSpin"_s)->isEnabled());
    child<QSpinBox>(u"portSpin"_s)->setValue(8123);
    child<QComboBox>(u"modelCombo"_s)->setCurrentText(u"deepseek-v4-pro"_s);
    child<QCheckBox>(u"thinkingCheck"_s)->setChecked(false);
    auto* theme = child<QComboBox>(u"themeCombo"_s);
    theme->setCurrentIndex(theme->findData(int(Settings::Theme::Light)));
    auto* language = child<QComboBox>(u"languageCombo"_s);
    language->setCurrentIndex(language->findData(u"zh_CN"_s));
    QVERIFY(m_dialog->apply());
    QCOMPARE(applied.size(), 1);

    Settings reread(m_settings->fileName());
    QCOMPARE(reread.connectionMode(), Settings::ConnectionMode::Local);
    QCOMPARE(reread.localEnginePort(), quint16(8123));
    QCOMPARE(reread.model(), u"deepseek-v4-pro"_s);
    QCOMPARE(reread.thinkingEnabled(), false);
    QCOMPARE(reread.theme(), Settings::Theme::Light);
    QCOMPARE(reread.language(), u"zh_CN"_s);
    QCOMPARE(reread.fallbackProviders().size(), 1);

    // A new server address typed in is added to the list and made active.
    child<QRadioButton>(u"remoteRadio"_s)->setChecked(true);
    child<QComboBox>(u"serverCombo"_s)->setCurrentText(u"ws://10.0.0.5:9000/ws/chat/"_s);
    QVERIFY(m_dialog->apply());
    QCOMPARE(m_settings->servers().size(), 2);
    QCOMPARE(m_settings->activeServerUrl(), QUrl(u"ws://10.0.0.5:9000/ws/chat/"_s));
    QCOMPARE(m_settings->connectionMode(), Settings::ConnectionMode::Server);
}

void TestSettingsDialog::invalidServerUrlIsRefused()
{
    QSignalSpy applied(m_dialog.get(), &SettingsDialog::settingsApplied);
    child<QComboBox>(u"modelCombo"_s)->setCurrentText(u"changed-model"_s);
    child<QComboBox>(u"serverCombo"_s)->setCurrentText(u"wss://user:secret@chat.example.org/ws/"_s);
    QVERIFY(!m_dialog->apply());
    QCOMPARE(applied.size(), 0);
    auto* error = child<QLabel>(u"serverError"_s);
    QVERIFY(!error->isHidden());
    QVERIFY(error->text().contains(u"password"));
    // Nothing was written.
    QCOMPARE(m_settings->model(), u"deepseek-flash"_s);
    QVERIFY(!fileText().contains(u"secret"));

    child<QComboBox>(u"serverCombo"_s)->setCurrentText(u"https://not-a-websocket.example/"_s);
    QVERIFY(!m_dialog->apply());
    QVERIFY(!error->isHidden());
}

void TestSettingsDialog::secretInModelIsRefused()
{
    child<QComboBox>(u"modelCombo"_s)->setCurrentText(u"sk-abcdefabcdefabcdefabcdefabcdef12"_s);
    QVERIFY(!m_dialog->apply());
    QVERIFY(m_dialog->errorText().contains(u"API key"));
    QCOMPARE(m_settings->model(), u"deepseek-flash"_s);
}

void TestSettingsDialog::apiKeyIsWriteOnly()
{
    QSignalSpy entered(m_dialog.get(), &SettingsDialog::apiKeyEntered);
    auto* key = child<QLineEdit>(u"apiKeyEdit"_s);
    QCOMPARE(key->echoMode(), QLineEdit::Password);
    m_dialog->setApiKeyStored(true);
    QVERIFY(key->text().isEmpty()); // a stored key is never shown
    QVERIFY(key->placeholderText().contains(u"keychain"));
    QVERIFY(child<QLabel>(u"apiKeyState"_s)->text().contains(u"stored"));

    const QString secret = u"sk-testkey0123456789abcdef0123456789"_s;
    QTest::keyClicks(key, secret);
    QVERIFY(m_dialog->apply());
    QCOMPARE(entered.size(), 1);
    QCOMPARE(entered.first().first().toString(), secret);
    QVERIFY(key->text().isEmpty());
    QVERIFY(!fileText().contains(secret));
    QVERIFY(!fileText().contains(u"sk-"));

    // Nothing typed: nothing emitted.
    QVERIFY(m_dialog->apply());
    QCOMPARE(entered.size(), 1);
}

void TestSettingsDialog::apiKeyRemove()
{
    QSignalSpy removed(m_dialog.get(), &SettingsDialog::apiKeyRemoveRequested);
    auto* button = child<QPushButton>(u"apiKeyRemoveButton"_s);
    QVERIFY(!button->isEnabled());
    m_dialog->setApiKeyStored(true);
    QVERIFY(button->isEnabled());
    button->click();
    QCOMPARE(removed.size(), 1);
}

void TestSettingsDialog::signInSignals()
{
    QSignalSpy token(m_dialog.get(), &SettingsDialog::signInWithTokenRequested);
    QSignalSpy password(m_dialog.get(), &SettingsDialog::signInWithPasswordRequested);
    QSignalSpy signOut(m_dialog.get(), &SettingsDialog::signOutRequested);
    QSignalSpy accepted(m_dialog.get(), &QDialog::accepted);
    const QUrl server(u"wss://chat.example.org/ws/chat/"_s);

    QCOMPARE(child<QLineEdit>(u"tokenEdit"_s)->echoMode(), QLineEdit::Password);
    QCOMPARE(child<QLineEdit>(u"passwordEdit"_s)->echoMode(), QLineEdit::Password);
    QTest::keyClicks(child<QLineEdit>(u"tokenEdit"_s), u"eyJ.token.value"_s);
    child<QPushButton>(u"signInTokenButton"_s)->click();
    QCOMPARE(token.size(), 1);
    QCOMPARE(token.first().at(0).toUrl(), server);
    QCOMPARE(token.first().at(1).toString(), u"eyJ.token.value"_s);
    QVERIFY(child<QLineEdit>(u"tokenEdit"_s)->text().isEmpty());

    QTest::keyClicks(child<QLineEdit>(u"userNameEdit"_s), u"alice"_s);
    QTest::keyClicks(child<QLineEdit>(u"passwordEdit"_s), u"correct horse"_s);
    QTest::keyClick(child<QLineEdit>(u"passwordEdit"_s), Qt::Key_Return);
    QCOMPARE(password.size(), 1);
    QCOMPARE(password.first().at(1).toString(), u"alice"_s);
    QCOMPARE(password.first().at(2).toString(), u"correct horse"_s);
    QVERIFY(child<QLineEdit>(u"passwordEdit"_s)->text().isEmpty());
    // Enter there signs in and nothing else: the dialog stays open to show how it went.
    QCOMPARE(accepted.size(), 0);
    QTest::keyClicks(child<QLineEdit>(u"tokenEdit"_s), u"eyJ.second.token"_s);
    QTest::keyClick(child<QLineEdit>(u"tokenEdit"_s), Qt::Key_Enter);
    QCOMPARE(token.size(), 2);
    QCOMPARE(token.last().at(1).toString(), u"eyJ.second.token"_s);
    QCOMPARE(accepted.size(), 0);

    QVERIFY(!child<QPushButton>(u"signOutButton"_s)->isEnabled());
    m_dialog->setSignedIn(true, u"alice"_s);
    QCOMPARE(child<QLabel>(u"signInState"_s)->text(), u"Signed in as alice."_s);
    QVERIFY(!child<QPushButton>(u"signInTokenButton"_s)->isEnabled());
    child<QPushButton>(u"signOutButton"_s)->click();
    QCOMPARE(signOut.size(), 1);
    QCOMPARE(signOut.first().first().toUrl(), server);

    m_dialog->setSignInMessage(u"Wrong user name or password."_s, true);
    QCOMPARE(child<QLabel>(u"signInMessage"_s)->property("role").toString(), u"error"_s);

    // The local engine needs no sign-in.
    child<QRadioButton>(u"localRadio"_s)->setChecked(true);
    QVERIFY(!child<QPushButton>(u"signInTokenButton"_s)->isEnabled());
    QVERIFY(!child<QLineEdit>(u"passwordEdit"_s)->isEnabled());

    // An invalid address sends nothing.
    child<QRadioButton>(u"remoteRadio"_s)->setChecked(true);
    m_dialog->setSignedIn(false);
    child<QComboBox>(u"serverCombo"_s)->setCurrentText(u"nonsense"_s);
    QTest::keyClicks(child<QLineEdit>(u"tokenEdit"_s), u"t"_s);
    child<QPushButton>(u"signInTokenButton"_s)->click();
    QCOMPARE(token.size(), 2);
    QVERIFY(!child<QLabel>(u"serverError"_s)->isHidden());
}

void TestSettingsDialog::providers()
{
    auto* table = child<QTableWidget>(u"providersTable"_s);
    child<QPushButton>(u"addProviderButton"_s)->click();
    QCOMPARE(table->rowCount(), 2);
    table->item(1, 0)->setText(u"lmstudio"_s);
    table->item(1, 1)->setText(u"http://127.0.0.1:1234/v1"_s);
    table->item(1, 2)->setText(u"qwen"_s);
    table->item(1, 3)->setCheckState(Qt::Unchecked);
    QVERIFY(m_dialog->apply());
    const QList<pc::FallbackProviderConfig> saved = m_settings->fallbackProviders();
    QCOMPARE(saved.size(), 2);
    QCOMPARE(saved.at(1).name, u"lmstudio"_s);
    QCOMPARE(saved.at(1).baseUrl, QUrl(u"http://127.0.0.1:1234/v1"_s));
    QCOMPARE(saved.at(1).model, u"qwen"_s);
    QVERIFY(!saved.at(1).enabled);

    table->setCurrentCell(1, 0);
    for (QPushButton* b : m_dialog->findChildren<QPushButton*>()) {
        if (b->text() == u"Move &up"_s)
            b->click();
    }
    QVERIFY(m_dialog->apply());
    QCOMPARE(m_settings->fallbackProviders().at(0).name, u"lmstudio"_s);

    table->setCurrentCell(0, 0);
    child<QPushButton>(u"removeProviderButton"_s)->click();
    QVERIFY(m_dialog->apply());
    QCOMPARE(m_settings->fallbackProviders().size(), 1);
    QCOMPARE(m_settings->fallbackProviders().at(0).name, u"ollama"_s);
}

void TestSettingsDialog::providerKeysAreWriteOnly()
{
    QSignalSpy keys(m_dialog.get(), &SettingsDialog::providerApiKeyEntered);
    auto* table = child<QTableWidget>(u"providersTable"_s);
    auto* key = qobject_cast<QLineEdit*>(table->cellWidget(0, 4));
    QVERIFY(key);
    QCOMPARE(key->echoMode(), QLineEdit::Password);
    QCOMPARE(key->placeholderText(), u"Not set"_s);
    m_dialog->setProviderKeyStored(u"ollama"_s, true);
    QCOMPARE(key->placeholderText(), u"Stored in keychain"_s);
    QVERIFY(key->text().isEmpty());
    key->setText(u"sk-provider-key-123456789012345"_s);
    QVERIFY(m_dialog->apply());
    QCOMPARE(keys.size(), 1);
    QCOMPARE(keys.first().at(0).toString(), u"ollama"_s);
    QCOMPARE(keys.first().at(1).toString(), u"sk-provider-key-123456789012345"_s);
    QVERIFY(key->text().isEmpty());
    QVERIFY(!fileText().contains(u"sk-provider"));
}

void TestSettingsDialog::invalidProviderIsRefused()
{
    QSignalSpy keys(m_dialog.get(), &SettingsDialog::providerApiKeyEntered);
    auto* table = child<QTableWidget>(u"providersTable"_s);
    qobject_cast<QLineEdit*>(table->cellWidget(0, 4))->setText(u"sk-x"_s);
    table->item(0, 1)->setText(u"ftp://example.com/"_s);
    QVERIFY(!m_dialog->apply());
    QVERIFY(m_dialog->errorText().startsWith(u"ollama:"));
    QCOMPARE(keys.size(), 0); // no key leaves before the rest is saved

    table->item(0, 1)->setText(u"http://127.0.0.1:11434/v1"_s);
    child<QPushButton>(u"addProviderButton"_s)->click();
    table->item(1, 0)->setText(u"OLLAMA"_s); // names are case-insensitively distinct
    QVERIFY(!m_dialog->apply());
    QVERIFY(!m_dialog->errorText().isEmpty());
    QCOMPARE(m_settings->fallbackProviders().size(), 1);
}

void TestSettingsDialog::modelList()
{
    QSignalSpy wanted(m_dialog.get(), &SettingsDialog::modelListRequested);
    child<QPushButton>(u"refreshModelsButton"_s)->click();
    QCOMPARE(wanted.size(), 1);
    m_dialog->setAvailableModels({u"deepseek-flash"_s, u"deepseek-v4-pro"_s});
    auto* model = child<QComboBox>(u"modelCombo"_s);
    QCOMPARE(model->count(), 2);
    QCOMPARE(model->currentText(), u"deepseek-flash"_s); // the choice is kept
}

void TestSettingsDialog::accessibleNames()
{
    for (QWidget* w : m_dialog->findChildren<QWidget*>()) {
        const bool control = qobject_cast<QLineEdit*>(w) || qobject_cast<QComboBox*>(w) ||
                             qobject_cast<QAbstractButton*>(w) || qobject_cast<QSpinBox*>(w) ||
                             qobject_cast<QTableWidget*>(w);
        // Line edits inside combo boxes and spin boxes are named by their owner; item views' own corner
        // buttons are Qt's.
        if (!control || qobject_cast<QComboBox*>(w->parentWidget()) ||
            qobject_cast<QSpinBox*>(w->parentWidget()) ||
            (qobject_cast<QAbstractButton*>(w) && qobject_cast<QAbstractItemView*>(w->parentWidget())))
            continue;
        // Buttons with visible text are named by it.
        if (auto* b = qobject_cast<QAbstractButton*>(w); b && !b->text().isEmpty())
            continue;
        QVERIFY2(!w->accessibleName().isEmpty(),
                 qPrintable(QString::fromLatin1(w->metaObject()->className()) + u' ' + w->objectName()));
    }
}

void TestSettingsDialog::screenshots()
{
    if (pc::testing::screenshotDir().isEmpty())
        QSKIP("PC_SCREENSHOT_DIR not set");
    m_dialog->setApiKeyStored(true);
    m_dialog->setSignedIn(true, u"alice"_s);
    m_dialog->setProviderKeyStored(u"ollama"_s, true);
    for (int page = 0; page < m_dialog->tabs()->count(); ++page) {
        m_dialog->tabs()->setCurrentIndex(page);
        QCOMPARE(pc::testing::saveScreenshots(m_dialog.get(), u"settingsdialog-%1"_s.arg(page)), 2);
    }
}

QTEST_MAIN(TestSettingsDialog)
#include "tst_settingsdialog.moc"
