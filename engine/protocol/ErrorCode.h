#pragma once

#include <QString>

#include <optional>

namespace pc {

// Error codes of the wire protocol (PROTOCOL.md, "Error codes").
enum class ErrorCode {
    InvalidJson,
    UnknownType,
    InvalidMessage,
    MessageTooLarge,
    RateLimited,
    AuthenticationRequired,
    AuthenticationFailed,
    ProviderUnavailable,
    TemplateCreationFailed,
    NotFound,
    InternalError,
};

[[nodiscard]] QString errorCodeName(ErrorCode code);
[[nodiscard]] std::optional<ErrorCode> errorCodeFromName(const QString& name);

// WebSocket close codes used by the protocol.
namespace CloseCode {
inline constexpr int Normal = 1000;
inline constexpr int BinaryData = 1003;
inline constexpr int Policy = 1008;
inline constexpr int TooBig = 1009;
inline constexpr int SessionSetupFailed = 4000;
inline constexpr int AuthenticationFailed = 4001;
} // namespace CloseCode

} // namespace pc
