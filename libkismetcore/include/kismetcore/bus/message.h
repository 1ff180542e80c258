// A human-readable status message (Kismet's messagebus record), with its flags and the time it was posted.
#pragma once

#include <cstdint>
#include <string>

#include "kismetcore/fields/record_schema.h"
#include "kismetcore/track/location_record.h"

namespace kismetcore::bus {

// Kismet's MSGFLAG_* bits (kismet-reference.md 4.3). A message carries one or more of them.
namespace message_flag {
inline constexpr std::uint32_t kDebug = 1;
inline constexpr std::uint32_t kInfo = 2;
inline constexpr std::uint32_t kError = 4;
inline constexpr std::uint32_t kAlert = 8;
inline constexpr std::uint32_t kFatal = 16;
inline constexpr std::uint32_t kLocal = 32;  // shown on the local console only
inline constexpr std::uint32_t kPrint = 64;
}  // namespace message_flag

// kismet.messagebus.message: Kismet keeps whole seconds; kismetcore also keeps the microseconds so "since" queries
// can tell apart messages posted within one second. Only the seconds are serialized (message_time), as Kismet.
struct Message {
    std::string text;                           // kismet.messagebus.message_string
    std::uint32_t flags = message_flag::kInfo;  // kismet.messagebus.message_flags
    track::WallTime time;                       // kismet.messagebus.message_time (seconds)
};

// kismet.messagebus.{message_string,message_flags,message_time}, in Kismet's order.
const fields::RecordSchema& message_schema();

}  // namespace kismetcore::bus
