#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QString>
#include <QStringList>

namespace pc {

// Everything the engine needs to run; filled from the command line, the config file and the
// environment by the programs that host it. Secrets are held only in memory.
struct EngineConfig {
    QHostAddress listenAddress = QHostAddress(QHostAddress::LocalHost);
    quint16 port = 8000; // 0: any free port
    QString dataDir;
    bool allowAnonymous = false;
    QByteArray jwtSecret;

    qint64 maxMessageBytes = 64 * 1024;
    int handshakeTimeoutMs = 10'000;
    QStringList allowedOrigins; // empty: no Origin check (native clients); else browsers must match
    int rateLimitPerMinute = 100;
    int heartbeatIntervalMs = 30'000;
    int jwtLeewaySecs = 30;
    qint64 sendBufferLimitBytes = 4 * 1024 * 1024; // a client that stops reading is dropped past this
    int deltaFlushMs = 40;                         // coalescing window for message_delta events
    int maxPendingConnections = 1024;
    qsizetype historyCharBudget = 48'000; // conversation context sent to the provider
    int historyMaxMessages = 200;
    // How long template suggestions, drafts and prompt optimization wait for the AI provider before
    // the built-in rules answer instead.
    int assistTimeoutMs = 20'000;
    QString systemPrompt = QStringLiteral(
        "You are PromptCraft, a helpful assistant. Answer clearly; use Markdown for structure and code.");
    QString serverName = QStringLiteral("promptcraft-engine");
};

} // namespace pc
