#include "dialogs/SettingsDialog.h"

#include "i18n/Translator.h"
#include "settings/EndpointUrls.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QEvent>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QStyle>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;

namespace pc {

namespace {

enum ProviderColumn { NameColumn, UrlColumn, ModelColumn, EnabledColumn, KeyColumn, ColumnCount };
enum Page { ConnectionPage, ModelPage, ProvidersPage, AppearancePage };

QLabel* roleLabel(const QString& text, const QString& role, QWidget* parent)
{
    auto* label = new QLabel(text, parent);
    label->setProperty("role", role);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    return label;
}

// A form label with its buddy set: QFormLayout only sets buddies for widget fields, and without a
// buddy the '&' shows instead of marking the shortcut. The text comes with retranslateUi().
QLabel* buddyLabel(QWidget* buddy, QWidget* parent)
{
    auto* label = new QLabel(parent);
    label->setBuddy(buddy);
    return label;
}

QLineEdit* secretEdit(QWidget* parent)
{
    auto* edit = new QLineEdit(parent);
    edit->setEchoMode(QLineEdit::Password);
    // Keep keys out of the clipboard and of input method history.
    edit->setContextMenuPolicy(Qt::NoContextMenu);
    edit->setInputMethodHints(Qt::ImhHiddenText | Qt::ImhSensitiveData | Qt::ImhNoPredictiveText);
    return edit;
}

} // namespace

SettingsDialog::SettingsDialog(Settings& settings, QWidget* parent)
    : QDialog(parent)
    , m_settings(settings)
    , m_tabs(new QTabWidget(this))
    , m_error(roleLabel(QString(), u"error"_s, this))
    , m_buttons(new QDialogButtonBox(
          QDialogButtonBox::Ok | QDialogButtonBox::Cancel | QDialogButtonBox::Apply, this))
{
    m_tabs->setObjectName(u"settingsTabs"_s);
    m_tabs->addTab(buildConnectionPage(), QString());
    m_tabs->addTab(buildModelPage(), QString());
    m_tabs->addTab(buildProvidersPage(), QString());
    m_tabs->addTab(buildAppearancePage(), QString());
    m_error->setObjectName(u"settingsError"_s);
    m_error->hide();

    m_buttons->button(QDialogButtonBox::Apply)->setObjectName(u"applyButton"_s);
    m_buttons->button(QDialogButtonBox::Ok)->setObjectName(u"okButton"_s);
    connect(m_buttons->button(QDialogButtonBox::Apply), &QPushButton::clicked, this,
            [this] { (void)apply(); });
    connect(m_buttons, &QDialogButtonBox::accepted, this, [this] {
        if (apply())
            accept();
    });
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_tabs, 1);
    layout->addWidget(m_error);
    layout->addWidget(m_buttons);
    resize(680, 520);
    retranslateUi();
    load();
}

QWidget* SettingsDialog::buildConnectionPage()
{
    auto* page = new QWidget(this);
    m_local = new QRadioButton(page);
    m_local->setObjectName(u"localRadio"_s);
    m_remote = new QRadioButton(page);
    m_remote->setObjectName(u"remoteRadio"_s);
    auto* group = new QButtonGroup(page);
    group->addButton(m_local);
    group->addButton(m_remote);

    m_port = new QSpinBox(page);
    m_port->setObjectName(u"portSpin"_s);
    m_port->setRange(1024, 65535);

    m_server = new QComboBox(page);
    m_server->setObjectName(u"serverCombo"_s);
    m_server->setEditable(true);
    m_server->setInsertPolicy(QComboBox::NoInsert);
    m_server->setMinimumWidth(320);
    m_serverError = roleLabel(QString(), u"error"_s, page);
    m_serverError->setObjectName(u"serverError"_s);
    m_serverError->hide();

    m_portLabel = buddyLabel(m_port, page);
    m_addressLabel = buddyLabel(m_server, page);
    auto* where = new QFormLayout;
    where->addRow(m_local);
    where->addRow(m_portLabel, m_port);
    where->addRow(m_remote);
    auto* serverCell = new QVBoxLayout;
    serverCell->setSpacing(2);
    serverCell->addWidget(m_server);
    serverCell->addWidget(m_serverError);
    where->addRow(m_addressLabel, serverCell);

    // Sign-in: a token, or a user name and password; nothing typed here is stored by this dialog.
    m_signInBox = new QGroupBox(page);
    m_signInState = new QLabel(m_signInBox);
    m_signInState->setObjectName(u"signInState"_s);
    m_signInState->setTextFormat(Qt::PlainText);
    m_signInMessage = roleLabel(QString(), u"hint"_s, m_signInBox);
    m_signInMessage->setObjectName(u"signInMessage"_s);
    m_signInMessage->hide();
    m_token = secretEdit(m_signInBox);
    m_token->setObjectName(u"tokenEdit"_s);
    m_signInToken = new QPushButton(m_signInBox);
    m_signInToken->setObjectName(u"signInTokenButton"_s);
    m_userName = new QLineEdit(m_signInBox);
    m_userName->setObjectName(u"userNameEdit"_s);
    m_password = secretEdit(m_signInBox);
    m_password->setObjectName(u"passwordEdit"_s);
    m_signInPassword = new QPushButton(m_signInBox);
    m_signInPassword->setObjectName(u"signInPasswordButton"_s);
    m_signOut = new QPushButton(m_signInBox);
    m_signOut->setObjectName(u"signOutButton"_s);

    auto* tokenRow = new QHBoxLayout;
    tokenRow->addWidget(m_token, 1);
    tokenRow->addWidget(m_signInToken);
    auto* passwordRow = new QHBoxLayout;
    passwordRow->addWidget(m_password, 1);
    passwordRow->addWidget(m_signInPassword);
    auto* stateRow = new QHBoxLayout;
    stateRow->addWidget(m_signInState, 1);
    stateRow->addWidget(m_signOut);
    m_tokenLabel = buddyLabel(m_token, m_signInBox);
    m_userNameLabel = buddyLabel(m_userName, m_signInBox);
    m_passwordLabel = buddyLabel(m_password, m_signInBox);
    auto* signIn = new QFormLayout(m_signInBox);
    signIn->addRow(stateRow);
    signIn->addRow(m_tokenLabel, tokenRow);
    signIn->addRow(m_userNameLabel, m_userName);
    signIn->addRow(m_passwordLabel, passwordRow);
    signIn->addRow(m_signInMessage);

    auto* layout = new QVBoxLayout(page);
    layout->addLayout(where);
    layout->addSpacing(8);
    layout->addWidget(m_signInBox);
    layout->addStretch(1);

    connect(m_local, &QRadioButton::toggled, this, &SettingsDialog::updateConnectionEnabled);
    connect(m_server, &QComboBox::editTextChanged, this, [this] { m_serverError->hide(); });
    connect(m_signInToken, &QPushButton::clicked, this, [this] {
        const QString token = m_token->text().trimmed();
        const QUrl server = validServerUrl();
        if (token.isEmpty() || server.isEmpty())
            return;
        m_token->clear();
        Q_EMIT signInWithTokenRequested(server, token);
    });
    connect(m_signInPassword, &QPushButton::clicked, this, [this] {
        const QString user = m_userName->text().trimmed();
        const QString password = m_password->text();
        const QUrl server = validServerUrl();
        if (user.isEmpty() || password.isEmpty() || server.isEmpty())
            return;
        m_password->clear();
        Q_EMIT signInWithPasswordRequested(server, user, password);
    });
    connect(m_signOut, &QPushButton::clicked, this, [this] {
        const QUrl server = validServerUrl();
        if (!server.isEmpty())
            Q_EMIT signOutRequested(server);
    });
    // Enter in these fields signs in; it must not also press the dialog's default button (OK), which
    // would close the dialog while the sign-in is under way.
    m_token->installEventFilter(this);
    m_password->installEventFilter(this);
    return page;
}

QWidget* SettingsDialog::buildModelPage()
{
    auto* page = new QWidget(this);
    m_apiKey = secretEdit(page);
    m_apiKey->setObjectName(u"apiKeyEdit"_s);
    m_apiKeyState = roleLabel(QString(), u"hint"_s, page);
    m_apiKeyState->setObjectName(u"apiKeyState"_s);
    m_apiKeyRemove = new QPushButton(page);
    m_apiKeyRemove->setObjectName(u"apiKeyRemoveButton"_s);
    m_model = new QComboBox(page);
    m_model->setObjectName(u"modelCombo"_s);
    m_model->setEditable(true);
    m_model->setInsertPolicy(QComboBox::NoInsert);
    m_refreshModels = new QPushButton(page);
    m_refreshModels->setObjectName(u"refreshModelsButton"_s);
    m_modelListState = roleLabel(QString(), u"hint"_s, page);
    m_modelListState->setObjectName(u"modelListState"_s);
    m_modelListState->hide();
    m_thinking = new QCheckBox(page);
    m_thinking->setObjectName(u"thinkingCheck"_s);

    auto* keyRow = new QHBoxLayout;
    keyRow->addWidget(m_apiKey, 1);
    keyRow->addWidget(m_apiKeyRemove);
    auto* modelRow = new QHBoxLayout;
    modelRow->addWidget(m_model, 1);
    modelRow->addWidget(m_refreshModels);

    m_apiKeyLabel = buddyLabel(m_apiKey, page);
    m_modelLabel = buddyLabel(m_model, page);
    auto* form = new QFormLayout(page);
    form->addRow(m_apiKeyLabel, keyRow);
    form->addRow(QString(), m_apiKeyState);
    form->addRow(m_modelLabel, modelRow);
    form->addRow(QString(), m_modelListState);
    form->addRow(QString(), m_thinking);

    connect(m_refreshModels, &QPushButton::clicked, this,
            [this] { Q_EMIT modelListRequested(m_apiKey->text().trimmed()); });
    connect(m_apiKeyRemove, &QPushButton::clicked, this, &SettingsDialog::apiKeyRemoveRequested);
    connect(m_apiKey, &QLineEdit::textChanged, this, &SettingsDialog::updateApiKeyState);
    return page;
}

QWidget* SettingsDialog::buildProvidersPage()
{
    auto* page = new QWidget(this);
    m_providersIntro = roleLabel(QString(), u"hint"_s, page);
    m_providers = new QTableWidget(0, ColumnCount, page);
    m_providers->setObjectName(u"providersTable"_s);
    m_providers->verticalHeader()->hide();
    m_providers->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_providers->setSelectionMode(QAbstractItemView::SingleSelection);
    QHeaderView* header = m_providers->horizontalHeader();
    header->setSectionResizeMode(NameColumn, QHeaderView::Interactive);
    header->setSectionResizeMode(UrlColumn, QHeaderView::Stretch);
    header->setSectionResizeMode(ModelColumn, QHeaderView::Interactive);
    header->setSectionResizeMode(EnabledColumn, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(KeyColumn, QHeaderView::Interactive);
    m_providers->setColumnWidth(NameColumn, 110);
    m_providers->setColumnWidth(ModelColumn, 110);
    m_providers->setColumnWidth(KeyColumn, 150);

    m_addProvider = new QPushButton(page);
    m_addProvider->setObjectName(u"addProviderButton"_s);
    m_removeProvider = new QPushButton(page);
    m_removeProvider->setObjectName(u"removeProviderButton"_s);
    m_moveProviderUp = new QPushButton(page);
    m_moveProviderUp->setObjectName(u"moveProviderUpButton"_s);
    m_moveProviderDown = new QPushButton(page);
    m_moveProviderDown->setObjectName(u"moveProviderDownButton"_s);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_addProvider);
    buttons->addWidget(m_removeProvider);
    buttons->addStretch(1);
    buttons->addWidget(m_moveProviderUp);
    buttons->addWidget(m_moveProviderDown);

    auto* layout = new QVBoxLayout(page);
    layout->addWidget(m_providersIntro);
    layout->addWidget(m_providers, 1);
    layout->addLayout(buttons);

    connect(m_addProvider, &QPushButton::clicked, this, [this] {
        addProviderRow(
            FallbackProviderConfig{QString(), QUrl(u"http://127.0.0.1:11434/v1"_s), QString(), true});
        m_providers->setCurrentCell(m_providers->rowCount() - 1, NameColumn);
        m_providers->editItem(m_providers->item(m_providers->rowCount() - 1, NameColumn));
    });
    connect(m_removeProvider, &QPushButton::clicked, this, [this] {
        if (const int row = m_providers->currentRow(); row >= 0)
            m_providers->removeRow(row);
    });
    connect(m_moveProviderUp, &QPushButton::clicked, this, [this] { moveProviderRow(-1); });
    connect(m_moveProviderDown, &QPushButton::clicked, this, [this] { moveProviderRow(1); });
    return page;
}

QWidget* SettingsDialog::buildAppearancePage()
{
    auto* page = new QWidget(this);
    m_theme = new QComboBox(page);
    m_theme->setObjectName(u"themeCombo"_s);
    for (const Settings::Theme theme :
         {Settings::Theme::System, Settings::Theme::Light, Settings::Theme::Dark})
        m_theme->addItem(QString(), int(theme));
    m_language = new QComboBox(page);
    m_language->setObjectName(u"languageCombo"_s);
    m_language->addItem(QString(), QString()); // the system language, named in retranslateUi()
    // Each language is named in itself, so that people can find theirs: these are not translated.
    const QStringList languages = Translator::availableLanguages();
    for (const QString& code : languages)
        m_language->addItem(Translator::nativeName(code), code);
    m_themeLabel = buddyLabel(m_theme, page);
    m_languageLabel = buddyLabel(m_language, page);
    m_languageHint = roleLabel(QString(), u"hint"_s, page);
    auto* form = new QFormLayout(page);
    form->addRow(m_themeLabel, m_theme);
    form->addRow(m_languageLabel, m_language);
    form->addRow(QString(), m_languageHint);
    return page;
}

void SettingsDialog::retranslateUi()
{
    setWindowTitle(tr("Settings"));
    setAccessibleName(tr("Settings"));
    m_tabs->setAccessibleName(tr("Settings pages"));
    m_tabs->setTabText(ConnectionPage, tr("&Connection"));
    m_tabs->setTabText(ModelPage, tr("&Model"));
    m_tabs->setTabText(ProvidersPage, tr("&Fallback providers"));
    m_tabs->setTabText(AppearancePage, tr("&Appearance"));
    m_buttons->button(QDialogButtonBox::Ok)->setAccessibleName(tr("Save and close"));
    m_buttons->button(QDialogButtonBox::Cancel)->setAccessibleName(tr("Close without saving"));
    m_buttons->button(QDialogButtonBox::Apply)->setAccessibleName(tr("Save"));

    // Connection
    m_local->setText(tr("&Local engine on this computer"));
    m_local->setAccessibleName(tr("Use the local engine"));
    m_remote->setText(tr("&Remote server"));
    m_remote->setAccessibleName(tr("Use a remote server"));
    m_port->setAccessibleName(tr("Local engine port"));
    m_port->setToolTip(tr("Browser frontends on this computer can use the same port."));
    m_portLabel->setText(tr("&Port:"));
    m_server->setAccessibleName(tr("Server address"));
    m_addressLabel->setText(tr("&Address:"));
    m_signInBox->setTitle(tr("Sign in to the server"));
    m_token->setAccessibleName(tr("Access token"));
    m_token->setPlaceholderText(tr("Paste an access token"));
    m_tokenLabel->setText(tr("&Token:"));
    m_signInToken->setText(tr("Sign in with token"));
    m_signInToken->setAccessibleName(tr("Sign in with the access token"));
    m_userName->setAccessibleName(tr("User name"));
    m_userNameLabel->setText(tr("&User name:"));
    m_password->setAccessibleName(tr("Password"));
    m_passwordLabel->setText(tr("Pass&word:"));
    m_signInPassword->setText(tr("Sign in"));
    m_signInPassword->setAccessibleName(tr("Sign in with user name and password"));
    m_signOut->setText(tr("Sign out"));
    m_signOut->setAccessibleName(tr("Sign out of the server"));

    // Model
    m_apiKey->setAccessibleName(tr("DeepSeek API key"));
    m_apiKeyLabel->setText(tr("DeepSeek &API key:"));
    m_apiKeyRemove->setText(tr("Remove key"));
    m_apiKeyRemove->setAccessibleName(tr("Remove the stored API key"));
    m_model->setAccessibleName(tr("Model"));
    m_modelLabel->setText(tr("M&odel:"));
    m_refreshModels->setText(tr("Refresh list"));
    m_refreshModels->setAccessibleName(tr("Refresh the list of models"));
    m_thinking->setText(tr("&Thinking: let the model reason before answering"));
    m_thinking->setAccessibleName(tr("Thinking mode"));

    // Fallback providers
    m_providersIntro->setText(tr("OpenAI-compatible services tried in order when DeepSeek is unavailable "
                                 "(another cloud, or Ollama, llama.cpp and LM Studio on this computer). "
                                 "Keys are kept in the system keychain."));
    m_providers->setAccessibleName(tr("Fallback providers"));
    m_providers->setHorizontalHeaderLabels(
        {tr("Name"), tr("Base URL"), tr("Model"), tr("On"), tr("API key")});
    m_addProvider->setText(tr("&Add"));
    m_addProvider->setAccessibleName(tr("Add a provider"));
    m_removeProvider->setText(tr("&Remove"));
    m_removeProvider->setAccessibleName(tr("Remove the selected provider"));
    m_moveProviderUp->setText(tr("Move &up"));
    m_moveProviderUp->setAccessibleName(tr("Try the selected provider earlier"));
    m_moveProviderDown->setText(tr("Move &down"));
    m_moveProviderDown->setAccessibleName(tr("Try the selected provider later"));
    for (int row = 0; row < m_providers->rowCount(); ++row)
        retranslateProviderRow(row);

    // Appearance
    m_theme->setAccessibleName(tr("Theme"));
    m_theme->setItemText(m_theme->findData(int(Settings::Theme::System)), tr("System"));
    m_theme->setItemText(m_theme->findData(int(Settings::Theme::Light)), tr("Light"));
    m_theme->setItemText(m_theme->findData(int(Settings::Theme::Dark)), tr("Dark"));
    m_themeLabel->setText(tr("&Theme:"));
    m_language->setAccessibleName(tr("Language"));
    m_language->setItemText(0, tr("System language"));
    m_languageLabel->setText(tr("&Language:"));
    m_languageHint->setText(tr("The new language is used as soon as the settings are saved."));

    // Texts that depend on the state.
    updateConnectionEnabled();
    updateApiKeyState();
}

bool SettingsDialog::eventFilter(QObject* watched, QEvent* event)
{
    if (event->type() == QEvent::KeyPress && (watched == m_token || watched == m_password)) {
        const int key = static_cast<QKeyEvent*>(event)->key();
        if (key == Qt::Key_Return || key == Qt::Key_Enter) {
            (watched == m_token ? m_signInToken : m_signInPassword)->click();
            return true;
        }
    }
    return QDialog::eventFilter(watched, event);
}

void SettingsDialog::changeEvent(QEvent* event)
{
    QDialog::changeEvent(event);
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
}

void SettingsDialog::addProviderRow(const FallbackProviderConfig& provider)
{
    const int row = m_providers->rowCount();
    m_providers->insertRow(row);
    m_providers->setItem(row, NameColumn, new QTableWidgetItem(provider.name));
    m_providers->setItem(row, UrlColumn, new QTableWidgetItem(provider.baseUrl.toString()));
    m_providers->setItem(row, ModelColumn, new QTableWidgetItem(provider.model));
    auto* enabled = new QTableWidgetItem;
    enabled->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable | Qt::ItemIsSelectable);
    enabled->setCheckState(provider.enabled ? Qt::Checked : Qt::Unchecked);
    m_providers->setItem(row, EnabledColumn, enabled);
    // Write-only: the stored key is never read back, only replaced.
    QLineEdit* key = secretEdit(m_providers);
    key->setFrame(false);
    key->setProperty("providerName", provider.name);
    m_providers->setCellWidget(row, KeyColumn, key);
    retranslateProviderRow(row);
}

void SettingsDialog::retranslateProviderRow(int row)
{
    if (QTableWidgetItem* enabled = m_providers->item(row, EnabledColumn))
        enabled->setData(Qt::AccessibleTextRole, tr("Enabled"));
    if (auto* key = qobject_cast<QLineEdit*>(m_providers->cellWidget(row, KeyColumn))) {
        key->setAccessibleName(tr("API key for this provider"));
        updateProviderKeyPlaceholder(key);
    }
}

void SettingsDialog::updateProviderKeyPlaceholder(QLineEdit* key)
{
    const QString name = key->property("providerName").toString();
    const bool stored = !name.isEmpty() && m_providerKeysStored.contains(name);
    key->setPlaceholderText(stored ? tr("Stored in keychain") : tr("Not set"));
}

void SettingsDialog::moveProviderRow(int delta)
{
    const int row = m_providers->currentRow();
    const int target = row + delta;
    if (row < 0 || target < 0 || target >= m_providers->rowCount())
        return;
    // Swap the plain cells; the key editors stay with their row's text by swapping their contents.
    for (int column : {NameColumn, UrlColumn, ModelColumn, EnabledColumn}) {
        QTableWidgetItem* a = m_providers->takeItem(row, column);
        QTableWidgetItem* b = m_providers->takeItem(target, column);
        m_providers->setItem(row, column, b);
        m_providers->setItem(target, column, a);
    }
    auto* keyA = qobject_cast<QLineEdit*>(m_providers->cellWidget(row, KeyColumn));
    auto* keyB = qobject_cast<QLineEdit*>(m_providers->cellWidget(target, KeyColumn));
    if (keyA && keyB) {
        const QString text = keyA->text();
        const QString placeholder = keyA->placeholderText();
        const QVariant name = keyA->property("providerName");
        keyA->setText(keyB->text());
        keyA->setPlaceholderText(keyB->placeholderText());
        keyA->setProperty("providerName", keyB->property("providerName"));
        keyB->setText(text);
        keyB->setPlaceholderText(placeholder);
        keyB->setProperty("providerName", name);
    }
    m_providers->setCurrentCell(target, m_providers->currentColumn());
}

void SettingsDialog::load()
{
    const bool server = m_settings.connectionMode() == Settings::ConnectionMode::Server;
    m_local->setChecked(!server);
    m_remote->setChecked(server);
    m_port->setValue(m_settings.localEnginePort());
    m_server->clear();
    for (const ServerEntry& entry : m_settings.servers())
        m_server->addItem(entry.baseUrl.toString(), entry.name);
    m_server->setCurrentText(m_settings.activeServerUrl().toString());
    m_serverError->hide();

    m_apiKey->clear();
    const QString model = m_settings.model();
    if (m_model->findText(model) < 0)
        m_model->addItem(model);
    m_model->setCurrentText(model);
    m_thinking->setChecked(m_settings.thinkingEnabled());

    m_providers->setRowCount(0);
    for (const FallbackProviderConfig& provider : m_settings.fallbackProviders())
        addProviderRow(provider);

    m_theme->setCurrentIndex(std::max(0, m_theme->findData(int(m_settings.theme()))));
    const int language = m_language->findData(m_settings.language());
    if (language >= 0) {
        m_language->setCurrentIndex(language);
    } else {
        // A language set elsewhere (by hand, or a newer version) stays selectable.
        m_language->addItem(m_settings.language(), m_settings.language());
        m_language->setCurrentIndex(m_language->count() - 1);
    }
    m_error->hide();
    updateConnectionEnabled();
    updateApiKeyState();
}

QUrl SettingsDialog::validServerUrl()
{
    const QUrl url(m_server->currentText().trimmed(), QUrl::StrictMode);
    const UrlProblem problem = checkServerUrl(url);
    if (problem == UrlProblem::None) {
        m_serverError->hide();
        return url;
    }
    m_serverError->setText(describeUrlProblem(problem));
    m_serverError->show();
    m_tabs->setCurrentIndex(0);
    m_server->setFocus(Qt::OtherFocusReason);
    return {};
}

void SettingsDialog::showError(const QString& text, QWidget* focus)
{
    m_error->setText(text);
    m_error->setVisible(!text.isEmpty());
    if (focus) {
        for (int i = 0; i < m_tabs->count(); ++i) {
            if (m_tabs->widget(i)->isAncestorOf(focus))
                m_tabs->setCurrentIndex(i);
        }
        focus->setFocus(Qt::OtherFocusReason);
    }
}

bool SettingsDialog::apply()
{
    showError(QString());

    // Validate everything first, so that a refusal changes nothing.
    QList<ServerEntry> servers = m_settings.servers();
    QUrl active;
    if (m_remote->isChecked() || !m_server->currentText().trimmed().isEmpty()) {
        active = validServerUrl();
        if (active.isEmpty() && m_remote->isChecked())
            return false;
    }
    if (!active.isEmpty()) {
        const QUrl normalized = normalizedServerUrl(active);
        const bool known = std::any_of(servers.cbegin(), servers.cend(), [&](const ServerEntry& e) {
            return normalizedServerUrl(e.baseUrl) == normalized;
        });
        if (!known)
            servers.append(ServerEntry{active.host(), active});
    }

    const QString model = m_model->currentText().trimmed();
    if (model.isEmpty() || Settings::looksLikeSecret(model)) {
        showError(model.isEmpty()
                      ? tr("Choose a model.")
                      : tr("That looks like an API key: put it in the API key field, not the model."),
                  m_model);
        return false;
    }

    QList<FallbackProviderConfig> providers;
    QList<QPair<QString, QString>> providerKeys;
    for (int row = 0; row < m_providers->rowCount(); ++row) {
        FallbackProviderConfig p;
        p.name = m_providers->item(row, NameColumn)->text().trimmed();
        p.baseUrl = QUrl(m_providers->item(row, UrlColumn)->text().trimmed(), QUrl::StrictMode);
        p.model = m_providers->item(row, ModelColumn)->text().trimmed();
        p.enabled = m_providers->item(row, EnabledColumn)->checkState() == Qt::Checked;
        if (p.name.isEmpty()) {
            m_providers->setCurrentCell(row, NameColumn);
            showError(tr("Provider %1 needs a name.").arg(row + 1), m_providers);
            return false;
        }
        if (const UrlProblem problem = checkProviderUrl(p.baseUrl); problem != UrlProblem::None) {
            m_providers->setCurrentCell(row, UrlColumn);
            showError(tr("%1: %2").arg(p.name, describeUrlProblem(problem)), m_providers);
            return false;
        }
        providers.append(p);
        if (auto* key = qobject_cast<QLineEdit*>(m_providers->cellWidget(row, KeyColumn));
            key && !key->text().trimmed().isEmpty())
            providerKeys.append({p.name, key->text().trimmed()});
    }

    // Write. Setters that can refuse are checked; the first refusal is reported.
    if (!m_settings.setServers(servers)) {
        showError(tr("The server list could not be saved: an address is invalid or listed twice."), m_server);
        return false;
    }
    if (!active.isEmpty() && !m_settings.setActiveServerUrl(active)) {
        showError(tr("The server address could not be saved."), m_server);
        return false;
    }
    if (!m_settings.setFallbackProviders(providers)) {
        showError(tr("The providers could not be saved: names must be different from each other, without "
                     "\"/\", and must not look like keys."),
                  m_providers);
        return false;
    }
    if (!m_settings.setModel(model)) {
        showError(tr("This model name cannot be saved."), m_model);
        return false;
    }
    if (!m_settings.setLocalEnginePort(quint16(m_port->value()))) {
        showError(tr("This port cannot be used."), m_port);
        return false;
    }
    const QString previousLanguage = m_settings.language();
    const QString language = m_language->currentData().toString();
    if (!m_settings.setLanguage(language)) {
        showError(tr("This language cannot be saved."), m_language);
        return false;
    }
    m_settings.setConnectionMode(m_remote->isChecked() ? Settings::ConnectionMode::Server
                                                       : Settings::ConnectionMode::Local);
    m_settings.setThinkingEnabled(m_thinking->isChecked());
    m_settings.setTheme(Settings::Theme(m_theme->currentData().toInt()));
    if (!m_settings.sync()) {
        showError(tr("The settings file could not be written: %1").arg(m_settings.fileName()));
        return false;
    }

    // Secrets last, once the rest is saved; the fields are cleared so the text does not linger.
    if (const QString key = m_apiKey->text().trimmed(); !key.isEmpty()) {
        m_apiKey->clear();
        Q_EMIT apiKeyEntered(key);
    }
    for (int row = 0; row < m_providers->rowCount(); ++row) {
        if (auto* key = qobject_cast<QLineEdit*>(m_providers->cellWidget(row, KeyColumn)))
            key->clear();
    }
    for (const auto& [name, key] : std::as_const(providerKeys))
        Q_EMIT providerApiKeyEntered(name, key);
    if (language != previousLanguage)
        Q_EMIT languageChanged(language);
    Q_EMIT settingsApplied();
    return true;
}

void SettingsDialog::setSignedIn(bool signedIn, const QString& userName)
{
    m_signedIn = signedIn;
    m_signedInUser = signedIn ? userName : QString();
    updateConnectionEnabled();
}

void SettingsDialog::setSignInMessage(const QString& message, bool error)
{
    m_signInMessage->setText(message);
    m_signInMessage->setVisible(!message.isEmpty());
    m_signInMessage->setProperty("role", error ? u"error"_s : u"hint"_s);
    m_signInMessage->style()->unpolish(m_signInMessage);
    m_signInMessage->style()->polish(m_signInMessage);
}

void SettingsDialog::setApiKeyStored(bool stored)
{
    m_apiKeyStored = stored;
    updateApiKeyState();
}

void SettingsDialog::setProviderKeyStored(const QString& providerName, bool stored)
{
    if (stored)
        m_providerKeysStored.insert(providerName);
    else
        m_providerKeysStored.remove(providerName);
    for (int row = 0; row < m_providers->rowCount(); ++row) {
        auto* key = qobject_cast<QLineEdit*>(m_providers->cellWidget(row, KeyColumn));
        if (key && key->property("providerName").toString() == providerName)
            updateProviderKeyPlaceholder(key);
    }
}

void SettingsDialog::setAvailableModels(const QStringList& models)
{
    const QString current = m_model->currentText();
    m_model->clear();
    m_model->addItems(models);
    m_model->setCurrentText(current);
}

QString SettingsDialog::chosenModel() const
{
    return m_model->currentText().trimmed();
}

void SettingsDialog::setModelListState(const QString& message, bool error, bool loading)
{
    m_modelListState->setText(message);
    m_modelListState->setVisible(!message.isEmpty());
    m_modelListState->setProperty("role", error ? u"error"_s : u"hint"_s);
    m_modelListState->style()->unpolish(m_modelListState);
    m_modelListState->style()->polish(m_modelListState);
    m_refreshModels->setEnabled(!loading);
}

QString SettingsDialog::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

void SettingsDialog::updateConnectionEnabled()
{
    const bool remote = m_remote->isChecked();
    m_port->setEnabled(!remote);
    m_server->setEnabled(remote);
    m_signInBox->setEnabled(remote);
    for (QWidget* w :
         std::initializer_list<QWidget*>{m_token, m_signInToken, m_userName, m_password, m_signInPassword})
        w->setEnabled(!m_signedIn);
    m_signOut->setEnabled(m_signedIn);
    if (!remote)
        m_signInState->setText(tr("The local engine needs no sign-in."));
    else if (!m_signedIn)
        m_signInState->setText(tr("Not signed in."));
    else if (m_signedInUser.isEmpty())
        m_signInState->setText(tr("Signed in."));
    else
        m_signInState->setText(tr("Signed in as %1.").arg(m_signedInUser));
}

void SettingsDialog::updateApiKeyState()
{
    m_apiKeyRemove->setEnabled(m_apiKeyStored);
    m_apiKey->setPlaceholderText(m_apiKeyStored ? tr("Stored in keychain (type a new key to replace it)")
                                                : tr("sk-…"));
    if (!m_apiKey->text().isEmpty())
        m_apiKeyState->setText(tr("The new key is saved to the system keychain when you press OK or Apply."));
    else if (m_apiKeyStored)
        m_apiKeyState->setText(tr("A key is stored in the system keychain. It is never shown."));
    else
        m_apiKeyState->setText(tr("No key stored. Without one, answers come from fallback providers or the "
                                  "offline responder."));
}

} // namespace pc
