// Wi-Fi Simple Configuration (WPS) vendor element, 00-50-F2 type 4: big-endian type-length-value attributes
// (Wi-Fi Simple Configuration Technical Specification v2.0, clause 12, Table 28).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "kismetcore/dissect/elements/element_status.h"

namespace kismetcore::dissect {

namespace wps_attribute {
inline constexpr std::uint16_t kApSetupLocked = 0x1057;
inline constexpr std::uint16_t kConfigMethods = 0x1008;
inline constexpr std::uint16_t kDeviceName = 0x1011;
inline constexpr std::uint16_t kDevicePasswordId = 0x1012;
inline constexpr std::uint16_t kManufacturer = 0x1021;
inline constexpr std::uint16_t kModelName = 0x1023;
inline constexpr std::uint16_t kModelNumber = 0x1024;
inline constexpr std::uint16_t kPrimaryDeviceType = 0x1054;
inline constexpr std::uint16_t kResponseType = 0x103B;
inline constexpr std::uint16_t kRfBands = 0x103C;
inline constexpr std::uint16_t kSelectedRegistrar = 0x1041;
inline constexpr std::uint16_t kSelectedRegistrarConfigMethods = 0x1053;
inline constexpr std::uint16_t kSerialNumber = 0x1042;
inline constexpr std::uint16_t kUuidE = 0x1047;
inline constexpr std::uint16_t kUuidR = 0x1048;
inline constexpr std::uint16_t kVendorExtension = 0x1049;
inline constexpr std::uint16_t kVersion = 0x104A;
inline constexpr std::uint16_t kWpsState = 0x1044;
}  // namespace wps_attribute

// Wi-Fi Protected Setup State values.
namespace wps_state {
inline constexpr std::uint8_t kNotConfigured = 1;
inline constexpr std::uint8_t kConfigured = 2;
}  // namespace wps_state

// Text attributes (device name, manufacturer, ...) are views of the bytes as sent: not NUL-terminated, not
// necessarily UTF-8, possibly empty.
struct WpsText {
    std::span<const std::uint8_t> bytes;
    [[nodiscard]] std::string_view text() const noexcept {
        return {reinterpret_cast<const char*>(bytes.data()), bytes.size()};
    }
};

struct WpsElement : ElementStatus {
    constexpr WpsElement() noexcept {}  // not `= default`: see ElementStatus

    std::optional<std::uint8_t> version;  // 0x10 means 1.0 (WPS 2.0 devices still send 0x10 here)
    std::optional<std::uint8_t> state;    // wps_state::
    std::optional<bool> ap_setup_locked;
    std::optional<std::uint16_t> config_methods;
    std::optional<bool> selected_registrar;
    std::optional<std::uint16_t> selected_registrar_config_methods;
    std::optional<std::uint16_t> device_password_id;
    std::optional<std::uint8_t> response_type;
    std::optional<std::uint8_t> rf_bands;
    std::optional<WpsText> device_name;
    std::optional<WpsText> manufacturer;
    std::optional<WpsText> model_name;
    std::optional<WpsText> model_number;
    std::optional<WpsText> serial_number;
    std::optional<std::span<const std::uint8_t>> uuid_e;               // 16 octets
    std::optional<std::span<const std::uint8_t>> uuid_r;               // 16 octets
    std::optional<std::span<const std::uint8_t>> primary_device_type;  // 8 octets
    // Version2 subelement of the WFA vendor extension (00-37-2A), 0x20 for WPS 2.0.
    std::optional<std::uint8_t> version2;
    std::size_t attribute_count = 0;

    [[nodiscard]] constexpr bool configured() const noexcept { return state == wps_state::kConfigured; }
};

// `body` starts after the OUI and vendor type octets. An attribute whose length runs past the element, or a
// fixed-size attribute of the wrong size, makes the element malformed; the attributes before it are kept.
// A WPS element split over several vendor elements (allowed for long attribute sets) is parsed element by
// element: an attribute cut at the split is reported as malformed.
ElementProblem parse_wps_element(std::span<const std::uint8_t> body, WpsElement& out) noexcept;

}  // namespace kismetcore::dissect
