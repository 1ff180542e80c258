// An alert as Kismet registers it (kismet.alert.definition.*): its header, class, severity, phy and throttle.
#pragma once

#include <cstdint>
#include <string>

#include "kismetcore/alert/alert_throttle.h"
#include "kismetcore/fields/record_schema.h"

namespace kismetcore::alert {

// Kismet's severities (docs: alerts, "Alert severities"); classes are free strings.
namespace severity {
inline constexpr std::uint8_t kInfo = 0;
inline constexpr std::uint8_t kLow = 5;
inline constexpr std::uint8_t kMedium = 10;
inline constexpr std::uint8_t kHigh = 15;
inline constexpr std::uint8_t kCritical = 20;
}  // namespace severity

// Kismet's phy ids as alerts carry them: 802.11 registers first (0); KIS_PHY_ANY and KIS_PHY_UNKNOWN are
// negative and print as unsigned 32-bit numbers in alert records.
namespace phy {
inline constexpr std::int32_t kDot11 = 0;
inline constexpr std::int32_t kAny = -1;
inline constexpr std::int32_t kUnknown = -2;
}  // namespace phy

// Index of a definition in its AlertEngine: what rules keep to raise an alert without a lookup by name.
using AlertId = std::uint32_t;
inline constexpr AlertId kNoAlert = 0xffffffff;

struct AlertDefinition {
    std::string header;  // upper case, unique within an engine
    std::string alert_class;
    std::uint8_t severity = severity::kInfo;
    std::string description;
    std::int32_t phy = phy::kAny;
    AlertThrottle throttle;
};

// kismet.alert.definition.*
const fields::RecordSchema& alert_definition_schema();

}  // namespace kismetcore::alert
