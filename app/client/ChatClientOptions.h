#pragma once

#include "client/ReconnectPolicy.h"

#include <QtGlobal>

namespace pc {

// Timings and limits of a ChatClient. The defaults are the production values; tests shrink them.
struct ChatClientOptions {
    // From open() (or a retry) until connection_ack: a server that accepts TCP and never answers the
    // upgrade, or upgrades and never acknowledges, is given up on after this and retried with backoff.
    int connectTimeoutMs = 10'000;
    // How often the client sends `ping` while connected.
    int pingIntervalMs = 25'000;
    // The connection is declared dead when nothing at all (pong, heartbeat, any message) arrived for
    // pingIntervalMs + pongTimeoutMs.
    int pongTimeoutMs = 10'000;
    // QtWebSockets accepts about 2 GiB by default; anything larger than this is closed with 1009.
    qint64 maxIncomingMessageBytes = 16 * 1024 * 1024;

    int backoffBaseMs = ReconnectPolicy::DefaultBaseMs;
    int backoffCapMs = ReconnectPolicy::DefaultCapMs;
    int healthyPeriodMs = ReconnectPolicy::DefaultHealthyPeriodMs;
    // Empty: QRandomGenerator::global().
    ReconnectPolicy::RandomSource random;

    // Retry at once when QNetworkInformation reports the network back (when a backend loads).
    bool watchNetworkReachability = true;
};

} // namespace pc
