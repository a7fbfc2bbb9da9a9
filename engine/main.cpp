// promptcraft-engine: the PromptCraft engine as a headless server, plus its admin commands.

#include "ai/BackendFactory.h"
#include "ai/ProviderConfigLoader.h"
#include "auth/JwtSigner.h"
#include "core/Clock.h"
#include "core/Logging.h"
#include "server/Engine.h"
#include "server/EngineConfig.h"
#include "storage/EngineStore.h"
#include "storage/TemplateArchive.h"

#include <QCommandLineParser>
#include <QCoreApplication>
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
    const qsizetype colon = text.lastIndexOf(u':');
    if (colon <= 0)
        return false;
    QString host = text.left(colon);
    if (host.startsWith(u'[') && host.endsWith(u']'))
        host = host.mid(1, host.size() - 2);
    bool ok = false;
    const uint port = text.mid(colon + 1).toUInt(&ok);
    if (!ok || port > 65535)
        return false;
    QHostAddress address;
    if (host == u"localhost")
        address = QHostAddress(QHostAddress::LocalHost);
    else if (!address.setAddress(host))
        return false;
    config.listenAddress = address;
    config.port = quint16(port);
    return true;
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
        u"/ws/chat/<session_id>/.\n\n"
        u"Commands:\n"
        u"  promptcraft-engine [options]            serve\n"
        u"  promptcraft-engine token --user NAME    print an access token\n"
        u"  promptcraft-engine templates export|import --user NAME   templates as promptcraft.template/1 JSON\n\n"
        u"Environment: PROMPTCRAFT_JWT_SECRET (signing secret, at least 32 bytes), DEEPSEEK_API_KEY,\n"
        u"DEEPSEEK_BASE_URL, DEEPSEEK_MODEL, PROMPTCRAFT_FALLBACK_BASE_URL, PROMPTCRAFT_FALLBACK_MODEL,\n"
        u"PROMPTCRAFT_FALLBACK_API_KEY."_s);
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOption({u"listen"_s, u"Address and port to listen on (default 127.0.0.1:8000)."_s,
                      u"host:port"_s, u"127.0.0.1:8000"_s});
    parser.addOption({u"data-dir"_s, u"Folder for the engine database."_s, u"dir"_s, defaultDataDir()});
    parser.addOption({u"allow-anonymous"_s, u"Accept connections without a token (anonymous sessions)."_s});
    parser.addOption({u"jwt-secret-file"_s,
                      u"File holding the signing secret (instead of the environment)."_s, u"file"_s});
    parser.addOption(
        {u"allowed-origin"_s, u"A browser Origin allowed to connect (repeatable)."_s, u"origin"_s});
    parser.addOption({u"rate-limit"_s, u"Messages per minute per user (default 100)."_s, u"n"_s, u"100"_s});
    parser.addOption(
        {u"config"_s, u"Engine configuration file (JSON; see docs/configuration.md)."_s, u"file"_s});
    parser.process(arguments);

    pc::EngineConfig config;
    if (!parseListen(parser.value(u"listen"_s), config)) {
        err() << "promptcraft-engine: --listen must look like 127.0.0.1:8000 or [::1]:8000\n";
        return 2;
    }
    config.dataDir = parser.value(u"data-dir"_s);
    config.allowAnonymous = parser.isSet(u"allow-anonymous"_s);
    config.allowedOrigins = parser.values(u"allowed-origin"_s);
    bool ok = false;
    config.rateLimitPerMinute = parser.value(u"rate-limit"_s).toInt(&ok);
    if (!ok || config.rateLimitPerMinute < 0) {
        err() << "promptcraft-engine: --rate-limit must be a number\n";
        return 2;
    }
    QString problem;
    config.jwtSecret = loadSecret(parser.value(u"jwt-secret-file"_s), problem);
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
    if (parser.isSet(u"config"_s)) {
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
    return runServer(app, arguments);
}
