// promptcraft-engine: the PromptCraft engine as a headless server, plus its admin commands.

#include "ai/BackendFactory.h"
#include "ai/ProviderConfigLoader.h"
#include "auth/JwtSigner.h"
#include "auth/UserAccounts.h"
#include "core/Clock.h"
#include "core/Logging.h"
#include "server/Engine.h"
#include "server/EngineConfig.h"
#include "server/EngineConfigLoader.h"
#include "storage/EngineStore.h"
#include "storage/TemplateArchive.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QSaveFile>
#include <QStandardPaths>
#include <QTextStream>

#include <csignal>
#include <memory>

#ifdef Q_OS_UNIX
#include <QSocketNotifier>
#include <sys/socket.h>
#include <termios.h>
#include <unistd.h>
#endif

using namespace Qt::Literals::StringLiterals;

namespace {

constexpr int MinSecretBytes = 32;

QTextStream& err()
{
    static QTextStream stream(stderr);
    return stream;
}

QTextStream& out()
{
    static QTextStream stream(stdout);
    return stream;
}

#ifdef Q_OS_UNIX
int g_signalFds[2] = {-1, -1};

void onSignal(int)
{
    const char c = 1;
    [[maybe_unused]] const auto written = ::write(g_signalFds[0], &c, 1);
}

// SIGINT/SIGTERM end the event loop cleanly (the engine stores partial answers before exiting).
void installQuitOnSignals(QCoreApplication& app)
{
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, g_signalFds) != 0)
        return;
    auto* notifier = new QSocketNotifier(g_signalFds[1], QSocketNotifier::Read, &app);
    QObject::connect(notifier, &QSocketNotifier::activated, &app, [notifier] {
        notifier->setEnabled(false);
        char c;
        [[maybe_unused]] const auto got = ::read(g_signalFds[1], &c, 1);
        qCInfo(lcEngine) << "shutting down";
        QCoreApplication::quit();
    });
    struct sigaction action = {};
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);
}
#else
void installQuitOnSignals(QCoreApplication&) {}
#endif

QString defaultDataDir()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
}

// The signing secret: PROMPTCRAFT_JWT_SECRET, or the file named by --jwt-secret-file.
// Returns an empty array when none is configured, and sets `problem` when one is unusable.
QByteArray loadSecret(const QString& file, QString& problem)
{
    QByteArray secret;
    if (!file.isEmpty()) {
        QFile f(file);
        if (!f.open(QIODevice::ReadOnly)) {
            problem = u"cannot read the signing secret file %1: %2"_s.arg(file, f.errorString());
            return {};
        }
        secret = f.readAll().trimmed();
    } else {
        secret = qgetenv("PROMPTCRAFT_JWT_SECRET");
    }
    if (!secret.isEmpty() && secret.size() < MinSecretBytes) {
        problem = u"the signing secret is %1 bytes; at least %2 are required"_s.arg(secret.size())
                      .arg(MinSecretBytes);
        return {};
    }
    return secret;
}

std::optional<qint64> parseDuration(const QString& text)
{
    static const QRegularExpression pattern(u"^(\\d{1,9})([smhd]?)$"_s);
    const auto m = pattern.match(text.trimmed());
    if (!m.hasMatch())
        return std::nullopt;
    const qint64 n = m.captured(1).toLongLong();
    const QString unit = m.captured(2);
    const qint64 factor = unit == u"m" ? 60 : unit == u"h" ? 3600 : unit == u"d" ? 86400 : 1;
    return n * factor;
}

bool parseListen(const QString& text, pc::EngineConfig& config)
{
    return pc::EngineConfigLoader::parseListen(text, config.listenAddress, config.port);
}

int runTokenCommand(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(u"Prints an access token for a user of this engine."_s);
    parser.addHelpOption();
    parser.addOption({u"user"_s, u"User name (created when missing)."_s, u"name"_s});
    parser.addOption(
        {u"ttl"_s, u"Lifetime: seconds, or a number with s, m, h or d (default 1h)."_s, u"ttl"_s, u"1h"_s});
    parser.addOption({u"data-dir"_s, u"Engine data folder."_s, u"dir"_s, defaultDataDir()});
    parser.addOption({u"jwt-secret-file"_s, u"File holding the signing secret."_s, u"file"_s});
    parser.process(arguments);
    const QString user = parser.value(u"user"_s).trimmed();
    if (user.isEmpty()) {
        err() << "promptcraft-engine token: --user NAME is required\n";
        return 2;
    }
    const auto ttl = parseDuration(parser.value(u"ttl"_s));
    if (!ttl || *ttl <= 0) {
        err() << "promptcraft-engine token: --ttl must look like 3600, 90m, 1h or 7d\n";
        return 2;
    }
    QString problem;
    const QByteArray secret = loadSecret(parser.value(u"jwt-secret-file"_s), problem);
    if (secret.isEmpty()) {
        err() << "promptcraft-engine token: "
              << (problem.isEmpty() ? u"set PROMPTCRAFT_JWT_SECRET or --jwt-secret-file"_s : problem) << "\n";
        return 2;
    }
    auto store = pc::EngineStore::open(QDir(parser.value(u"data-dir"_s)).filePath(u"engine.sqlite"_s),
                                       pc::Clock::system());
    if (!store) {
        err() << "promptcraft-engine token: " << store.error().message << "\n";
        return 1;
    }
    auto existing = (*store)->userByName(user);
    if (!existing) {
        err() << "promptcraft-engine token: " << existing.error().message << "\n";
        return 1;
    }
    QString userId;
    if (existing->has_value()) {
        userId = (*existing)->id;
    } else {
        auto created = (*store)->createUser(user, {});
        if (!created) {
            err() << "promptcraft-engine token: " << created.error().message << "\n";
            return 1;
        }
        userId = created->id;
    }
    out() << pc::JwtSigner::mintAccessToken(secret, userId, pc::Clock::system().nowSecs(), *ttl) << "\n";
    return 0;
}

// Command-line flags override the config file: only flags actually given are applied.
bool applyServerFlags(const QCommandLineParser& parser, pc::EngineConfig& config)
{
    if (parser.isSet(u"listen"_s) && !parseListen(parser.value(u"listen"_s), config)) {
        err() << "promptcraft-engine: --listen must look like 127.0.0.1:8000 or [::1]:8000\n";
        return false;
    }
    if (parser.isSet(u"data-dir"_s))
        config.dataDir = parser.value(u"data-dir"_s);
    if (parser.isSet(u"allow-anonymous"_s))
        config.allowAnonymous = true;
    if (parser.isSet(u"allowed-origin"_s))
        config.allowedOrigins = parser.values(u"allowed-origin"_s);
    if (parser.isSet(u"rate-limit"_s)) {
        bool ok = false;
        config.rateLimitPerMinute = parser.value(u"rate-limit"_s).toInt(&ok);
        if (!ok || config.rateLimitPerMinute < 0) {
            err() << "promptcraft-engine: --rate-limit must be a number\n";
            return false;
        }
    }
    if (parser.isSet(u"jwt-secret-file"_s))
        config.jwtSecretFile = parser.value(u"jwt-secret-file"_s);
    if (parser.isSet(u"tls-cert"_s))
        config.tlsCertificateFile = parser.value(u"tls-cert"_s);
    if (parser.isSet(u"tls-key"_s))
        config.tlsPrivateKeyFile = parser.value(u"tls-key"_s);
    if (config.tlsCertificateFile.isEmpty() != config.tlsPrivateKeyFile.isEmpty()) {
        err() << "promptcraft-engine: TLS needs both --tls-cert and --tls-key\n";
        return false;
    }
    return true;
}

#ifdef Q_OS_UNIX
// Reads a line from the terminal without echoing it.
std::optional<QString> promptHidden(const QString& prompt)
{
    err() << prompt << Qt::flush;
    termios saved{};
    const bool haveTerminal = ::tcgetattr(STDIN_FILENO, &saved) == 0;
    if (haveTerminal) {
        termios quiet = saved;
        quiet.c_lflag &= ~tcflag_t(ECHO);
        ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
    }
    QTextStream in(stdin);
    const QString line = in.readLine();
    if (haveTerminal)
        ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
    err() << "\n" << Qt::flush;
    if (line.isNull())
        return std::nullopt;
    return line;
}
#endif

// The new password: the first line of standard input with --password-stdin, else asked for twice on the
// terminal. Never echoed, never printed.
std::optional<QString> readNewPassword(bool fromStdin)
{
    if (fromStdin) {
        QFile in;
        if (!in.open(stdin, QIODevice::ReadOnly)) {
            err() << "promptcraft-engine user: cannot read standard input\n";
            return std::nullopt;
        }
        QByteArray line = in.readLine(4 * pc::PasswordHasher::MaxPasswordChars + 2);
        if (line.endsWith('\n'))
            line.chop(1);
        if (line.endsWith('\r'))
            line.chop(1);
        if (line.isEmpty()) {
            err() << "promptcraft-engine user: no password on standard input\n";
            return std::nullopt;
        }
        return QString::fromUtf8(line);
    }
#ifdef Q_OS_UNIX
    if (::isatty(STDIN_FILENO)) {
        const auto first = promptHidden(u"Password: "_s);
        const auto again = first ? promptHidden(u"Password (again): "_s) : std::nullopt;
        if (!first || !again)
            return std::nullopt;
        if (*first != *again) {
            err() << "promptcraft-engine user: the passwords differ\n";
            return std::nullopt;
        }
        return first;
    }
#endif
    err() << "promptcraft-engine user: standard input is not a terminal; pass the password with "
             "--password-stdin\n";
    return std::nullopt;
}

int runUserCommand(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Manages the accounts that sign in through the REST API (POST /api/auth/token/).\n\n"
        u"  user add NAME       create a user (password asked twice, or --password-stdin)\n"
        u"  user passwd NAME    set a new password; also revokes the user's refresh tokens\n"
        u"  user remove NAME    delete the user with their sessions, messages and templates\n"
        u"  user list           list the users: name, created, password set, active refresh tokens\n"
        u"  user revoke NAME    revoke every refresh token of the user (sign out everywhere)"_s);
    parser.addHelpOption();
    parser.addPositionalArgument(u"action"_s, u"add, passwd, remove, list or revoke."_s);
    parser.addPositionalArgument(u"name"_s, u"User name: letters, digits and @ . + - _."_s, u"[name]"_s);
    parser.addOption({u"password-stdin"_s, u"Read the password from the first line of standard input."_s});
    parser.addOption({u"data-dir"_s,
                      u"Engine data folder (default: from --config, else %1)."_s.arg(defaultDataDir()),
                      u"dir"_s});
    parser.addOption({u"config"_s, u"Engine configuration file, for its data folder."_s, u"file"_s});
    parser.process(arguments);

    const QStringList positional = parser.positionalArguments();
    const QString action = positional.value(0);
    const QString name = positional.value(1);
    static const QStringList actions{u"add"_s, u"passwd"_s, u"remove"_s, u"list"_s, u"revoke"_s};
    if (!actions.contains(action) || (action == u"list") != name.isEmpty() || positional.size() > 2) {
        err() << "usage: promptcraft-engine user add|passwd|remove|revoke NAME, or user list (see user "
                 "--help)\n";
        return 2;
    }
    pc::EngineConfig config;
    config.dataDir = defaultDataDir();
    if (parser.isSet(u"config"_s)) {
        if (auto applied = pc::EngineConfigLoader::applyFile(parser.value(u"config"_s), config); !applied) {
            err() << "promptcraft-engine user: " << applied.error().message << "\n";
            return 2;
        }
    }
    if (parser.isSet(u"data-dir"_s))
        config.dataDir = parser.value(u"data-dir"_s);
    if (action == u"add") {
        if (auto valid = pc::UserAccounts::validateUsername(name); !valid) {
            err() << "promptcraft-engine user: " << valid.error().message << "\n";
            return 2;
        }
    }

    auto store =
        pc::EngineStore::open(QDir(config.dataDir).filePath(u"engine.sqlite"_s), pc::Clock::system());
    if (!store) {
        err() << "promptcraft-engine user: " << store.error().message << "\n";
        return 1;
    }
    pc::UserAccounts accounts(store.value(), pc::Clock::system());
    const auto fail = [](const pc::Error& error) {
        err() << "promptcraft-engine user: " << error.message << "\n";
        return error.code == pc::ErrorCode::InvalidMessage ? 2 : 1;
    };

    if (action == u"list") {
        const auto users = accounts.list();
        if (!users)
            return fail(users.error());
        for (const pc::UserSummary& user : users.value())
            out() << user.username << "\t"
                  << QDateTime::fromMSecsSinceEpoch(user.createdAtMs, Qt::UTC).toString(Qt::ISODate) << "\t"
                  << (user.hasPassword ? "password" : "no-password") << "\t" << user.activeRefreshTokens
                  << " refresh tokens\n";
        return 0;
    }
    if (action == u"remove") {
        if (auto removed = accounts.remove(name); !removed)
            return fail(removed.error());
        out() << "removed user " << name << "\n";
        return 0;
    }
    if (action == u"revoke") {
        const auto revoked = accounts.revokeTokens(name);
        if (!revoked)
            return fail(revoked.error());
        out() << "revoked " << revoked.value() << " refresh tokens of " << name << "\n";
        return 0;
    }
    if (action == u"passwd") {
        // Checked first so that nobody types a password for a user that does not exist.
        const auto existing = accounts.find(name);
        if (!existing)
            return fail(existing.error());
        if (!existing->has_value())
            return fail(pc::Error{pc::ErrorCode::NotFound, u"there is no user named '%1'"_s.arg(name)});
    }
    const auto password = readNewPassword(parser.isSet(u"password-stdin"_s));
    if (!password)
        return 2;
    if (action == u"add") {
        if (auto added = accounts.add(name, *password); !added)
            return fail(added.error());
        out() << "created user " << name << "\n";
        return 0;
    }
    if (auto changed = accounts.setPassword(name, *password); !changed)
        return fail(changed.error());
    out() << "changed the password of " << name << " and revoked their refresh tokens\n";
    return 0;
}

// `promptcraft-engine templates export|import`: a user's templates to and from promptcraft.template/1 files.
int runTemplatesCommand(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Exports or imports a user's prompt templates (promptcraft.template/1).\n\n"
        u"  promptcraft-engine templates export --user NAME [--out FILE|-]\n"
        u"      Writes one JSON array holding the newest version of each of the user's templates,\n"
        u"      ordered by title, to FILE (replaced atomically) or to standard output (\"-\", the default).\n"
        u"  promptcraft-engine templates import --user NAME FILE...\n"
        u"      Each FILE holds one template object or an array of them (what export writes). Every\n"
        u"      template is validated; a file with any invalid template is reported and none of it is\n"
        u"      stored. Valid templates are stored for the user: under a title the user already has,\n"
        u"      as that template's next version, else as a new template. Exit status 1 when any file\n"
        u"      was not imported.\n\n"
        u"NAME is a user name, or the id of a user known from an access token."_s);
    parser.addHelpOption();
    parser.addPositionalArgument(u"action"_s, u"export or import"_s, u"export|import"_s);
    parser.addPositionalArgument(u"files"_s, u"Template files to import."_s, u"[FILE...]"_s);
    parser.addOption({u"user"_s, u"Whose templates: a user name or user id."_s, u"name"_s});
    parser.addOption(
        {u"out"_s, u"Export to this file; - for standard output (default)."_s, u"file"_s, u"-"_s});
    parser.addOption({u"data-dir"_s, u"Engine data folder."_s, u"dir"_s, defaultDataDir()});
    parser.process(arguments);

    const QStringList positional = parser.positionalArguments();
    const QString action = positional.value(0);
    if (action != u"export" && action != u"import") {
        err() << "promptcraft-engine templates: say export or import (see templates --help)\n";
        return 2;
    }
    const QString command = u"promptcraft-engine templates "_s + action + u": "_s;
    const QString user = parser.value(u"user"_s).trimmed();
    if (user.isEmpty()) {
        err() << command << "--user NAME is required\n";
        return 2;
    }
    const QStringList files = positional.mid(1);
    if (action == u"export" && !files.isEmpty()) {
        err() << command << "unexpected arguments; use --out FILE\n";
        return 2;
    }
    if (action == u"import" && files.isEmpty()) {
        err() << command << "name at least one FILE to import\n";
        return 2;
    }

    const QString database = QDir(parser.value(u"data-dir"_s)).filePath(u"engine.sqlite"_s);
    if (!QFile::exists(database)) {
        err() << command << "no engine database in " << parser.value(u"data-dir"_s) << "\n";
        return 1;
    }
    auto store = pc::EngineStore::open(database, pc::Clock::system());
    if (!store) {
        err() << command << store.error().message << "\n";
        return 1;
    }
    const auto userId = pc::TemplateArchive::resolveUser(**store, user);
    if (!userId) {
        err() << command << userId.error().message << "\n";
        return 1;
    }

    if (action == u"export") {
        int count = 0;
        const auto json = pc::TemplateArchive::exportJson(**store, userId.value(), &count);
        if (!json) {
            err() << command << json.error().message << "\n";
            return 1;
        }
        const QString target = parser.value(u"out"_s);
        if (target == u"-") {
            out() << QString::fromUtf8(json.value());
            out().flush();
        } else {
            QSaveFile file(target);
            if (!file.open(QIODevice::WriteOnly) || file.write(json.value()) != json->size() ||
                !file.commit()) {
                err() << command << "cannot write " << target << ": " << file.errorString() << "\n";
                return 1;
            }
            err() << "exported " << count << " template(s) to " << target << "\n";
        }
        return 0;
    }

    int failedFiles = 0;
    int imported = 0;
    for (const QString& path : files) {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            err() << path << ": cannot read: " << file.errorString() << "\n";
            ++failedFiles;
            continue;
        }
        if (file.size() > pc::TemplateArchive::MaxFileBytes) {
            err() << path << ": larger than " << pc::TemplateArchive::MaxFileBytes << " bytes\n";
            ++failedFiles;
            continue;
        }
        const auto items = pc::TemplateArchive::parse(file.readAll());
        if (!items) {
            err() << path << ": " << items.error().message << "\n";
            ++failedFiles;
            continue;
        }
        bool valid = true;
        for (qsizetype i = 0; i < items->size(); ++i) {
            if (items->at(i).tmpl)
                continue;
            valid = false;
            err() << path << (items->size() > 1 ? u" [%1]"_s.arg(i) : QString()) << ": "
                  << items->at(i).problem << "\n";
        }
        if (!valid) {
            err() << path << ": not imported\n";
            ++failedFiles;
            continue;
        }
        for (const pc::TemplateArchive::Item& item : items.value()) {
            const auto saved = pc::TemplateArchive::store(**store, userId.value(), *item.tmpl);
            if (!saved) {
                err() << path << ": \"" << item.tmpl->title << "\": " << saved.error().message << "\n";
                ++failedFiles;
                continue;
            }
            ++imported;
            out() << path << ": imported \"" << saved->title << "\" as version " << saved->version << " ("
                  << saved->id << ")\n";
        }
    }
    out().flush();
    err() << "imported " << imported << " template(s)"
          << (failedFiles > 0 ? u"; %1 file(s) not imported"_s.arg(failedFiles) : QString()) << "\n";
    return failedFiles > 0 ? 1 : 0;
}
int runServer(QCoreApplication& app, const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"PromptCraft engine: serves the PromptCraft chat protocol over WebSocket at "
        u"/ws/chat/<session_id>/, and a REST API (sign-in, templates) under /api/ on the same port.\n\n"
        u"Commands:\n"
        u"  promptcraft-engine [options]            serve\n"
        u"  promptcraft-engine token --user NAME    print an access token\n"
        u"  promptcraft-engine user add|passwd|remove|list|revoke [NAME]\n"
        u"                                          manage accounts (see: user --help)\n"
        u"  promptcraft-engine templates export|import --user NAME\n"
        u"                                          templates as promptcraft.template/1 JSON\n\n"
        u"Settings come from --config FILE (JSON; see docs/configuration.md); flags override the file.\n\n"
        u"Environment: PROMPTCRAFT_JWT_SECRET (signing secret, at least 32 bytes), DEEPSEEK_API_KEY,\n"
        u"DEEPSEEK_BASE_URL, DEEPSEEK_MODEL, PROMPTCRAFT_FALLBACK_BASE_URL, PROMPTCRAFT_FALLBACK_MODEL,\n"
        u"PROMPTCRAFT_FALLBACK_API_KEY."_s);
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOption(
        {u"config"_s, u"Engine configuration file (JSON; see docs/configuration.md)."_s, u"file"_s});
    parser.addOption(
        {u"listen"_s, u"Address and port to listen on (default 127.0.0.1:8000)."_s, u"host:port"_s});
    parser.addOption(
        {u"data-dir"_s, u"Folder for the engine database (default %1)."_s.arg(defaultDataDir()), u"dir"_s});
    parser.addOption({u"allow-anonymous"_s, u"Accept connections without a token (anonymous sessions)."_s});
    parser.addOption({u"jwt-secret-file"_s,
                      u"File holding the signing secret (instead of the environment)."_s, u"file"_s});
    parser.addOption({u"allowed-origin"_s,
                      u"A browser Origin allowed to connect and to use the REST API (repeatable)."_s,
                      u"origin"_s});
    parser.addOption({u"rate-limit"_s, u"Messages per minute per user (default 100)."_s, u"n"_s});
    parser.addOption(
        {u"tls-cert"_s, u"TLS certificate (PEM, with its chain): serve https and wss."_s, u"file"_s});
    parser.addOption({u"tls-key"_s, u"TLS private key (PEM, unencrypted) for --tls-cert."_s, u"file"_s});
    parser.process(arguments);

    pc::EngineConfig config;
    config.dataDir = defaultDataDir();
    if (parser.isSet(u"config"_s)) {
        if (auto applied = pc::EngineConfigLoader::applyFile(parser.value(u"config"_s), config); !applied) {
            err() << "promptcraft-engine: " << applied.error().message << "\n";
            return 2;
        }
    }
    if (!applyServerFlags(parser, config))
        return 2;
    QString problem;
    config.jwtSecret = loadSecret(config.jwtSecretFile, problem);
    if (!problem.isEmpty()) {
        err() << "promptcraft-engine: " << problem << "\n";
        return 2;
    }
    if (config.jwtSecret.isEmpty() && !config.allowAnonymous) {
        err() << "promptcraft-engine: no signing secret: set PROMPTCRAFT_JWT_SECRET (at least 32 bytes) or "
                 "--jwt-secret-file, or run with --allow-anonymous\n";
        return 2;
    }
    if (config.jwtSecret.isEmpty())
        qCWarning(lcEngine) << "no signing secret configured: only anonymous sessions are possible";

    // Providers: from the config file when it lists them, else from the environment.
    const QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    pc::ProviderSetup providers = pc::ProviderConfigLoader::fromEnvironment(env);
    if (parser.isSet(u"config"_s) && pc::EngineConfigLoader::listsProviders(parser.value(u"config"_s))) {
        auto fromFile = pc::ProviderConfigLoader::fromFile(parser.value(u"config"_s), env);
        if (!fromFile) {
            err() << "promptcraft-engine: " << fromFile.error().message << "\n";
            return 2;
        }
        if (!fromFile->providers.isEmpty())
            providers = std::move(fromFile).value();
    }
    auto engine =
        std::make_unique<pc::Engine>(config, pc::makeBackend(std::move(providers)), pc::Clock::system());
    if (auto started = engine->start(); !started) {
        err() << "promptcraft-engine: " << started.error().message << "\n";
        return 1;
    }
    out() << "promptcraft-engine " << PC_VERSION << " listening on " << engine->url().toString() << Qt::endl;
    installQuitOnSignals(app);
    const int code = app.exec();
    engine->shutdown();
    return code;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setOrganizationName(u"PromptCraft"_s);
    QCoreApplication::setApplicationName(u"promptcraft-engine"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(PC_VERSION));
    if (qEnvironmentVariableIsEmpty("QT_MESSAGE_PATTERN"))
        qSetMessagePattern(u"%{time yyyy-MM-ddTHH:mm:ss.zzz} %{type} %{category}: %{message}"_s);

    QStringList arguments = app.arguments();
    if (arguments.size() > 1 && arguments.at(1) == u"token") {
        arguments.removeAt(1);
        return runTokenCommand(arguments);
    }
    if (arguments.size() > 1 && arguments.at(1) == u"templates") {
        arguments.removeAt(1);
        return runTemplatesCommand(arguments);
    }
    if (arguments.size() > 1 && arguments.at(1) == u"user") {
        arguments.removeAt(1);
        return runUserCommand(arguments);
    }
    return runServer(app, arguments);
}
