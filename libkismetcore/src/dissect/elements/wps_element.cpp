// WPS vendor element, 00-50-F2 type 4 (Wi-Fi Simple Configuration Technical Specification v2.0, 12).
#include "kismetcore/dissect/elements/wps_element.h"

#include "kismetcore/common/byte_cursor.h"
#include "kismetcore/dissect/elements/element_ids.h"

namespace kismetcore::dissect {
namespace {

ElementProblem read_u8_attribute(std::span<const std::uint8_t> value, std::optional<std::uint8_t>& out) noexcept {
    if (value.size() != 1) return "WPS one-octet attribute of another length";
    out = value[0];
    return nullptr;
}

ElementProblem read_u16_attribute(std::span<const std::uint8_t> value, std::optional<std::uint16_t>& out) noexcept {
    if (value.size() != 2) return "WPS two-octet attribute of another length";
    out = static_cast<std::uint16_t>((value[0] << 8) | value[1]);
    return nullptr;
}

ElementProblem read_fixed_attribute(std::span<const std::uint8_t> value, std::size_t size,
                                    std::optional<std::span<const std::uint8_t>>& out) noexcept {
    if (value.size() != size) return "WPS fixed-size attribute of another length";
    out = value;
    return nullptr;
}

// The WFA vendor extension (00-37-2A) holds subelements of ID, length and value; ID 0 is Version2.
ElementProblem read_vendor_extension(std::span<const std::uint8_t> value, WpsElement& out) noexcept {
    ByteCursor cursor(value);
    std::uint8_t o0 = 0, o1 = 0, o2 = 0;
    if (!cursor.read_u8(o0) || !cursor.read_u8(o1) || !cursor.read_u8(o2)) return "WPS vendor extension without OUI";
    if (static_cast<std::uint32_t>((o0 << 16) | (o1 << 8) | o2) != oui::kWpsVendorExtension) return nullptr;
    while (!cursor.empty()) {
        std::uint8_t id = 0, length = 0;
        std::span<const std::uint8_t> sub;
        if (!cursor.read_u8(id) || !cursor.read_u8(length) || !cursor.read_bytes(length, sub))
            return "WFA subelement runs past the WPS vendor extension";
        if (id == 0 && sub.size() == 1) out.version2 = sub[0];
    }
    return nullptr;
}

ElementProblem read_attribute(std::uint16_t type, std::span<const std::uint8_t> value, WpsElement& out) noexcept {
    namespace attr = wps_attribute;
    std::optional<std::uint8_t> octet;
    switch (type) {
        case attr::kVersion:
            return read_u8_attribute(value, out.version);
        case attr::kWpsState:
            return read_u8_attribute(value, out.state);
        case attr::kResponseType:
            return read_u8_attribute(value, out.response_type);
        case attr::kRfBands:
            return read_u8_attribute(value, out.rf_bands);
        case attr::kApSetupLocked:
        case attr::kSelectedRegistrar: {
            if (auto problem = read_u8_attribute(value, octet)) return problem;
            (type == attr::kApSetupLocked ? out.ap_setup_locked : out.selected_registrar) = *octet != 0;
            return nullptr;
        }
        case attr::kConfigMethods:
            return read_u16_attribute(value, out.config_methods);
        case attr::kSelectedRegistrarConfigMethods:
            return read_u16_attribute(value, out.selected_registrar_config_methods);
        case attr::kDevicePasswordId:
            return read_u16_attribute(value, out.device_password_id);
        case attr::kDeviceName:
            out.device_name = WpsText{value};
            return nullptr;
        case attr::kManufacturer:
            out.manufacturer = WpsText{value};
            return nullptr;
        case attr::kModelName:
            out.model_name = WpsText{value};
            return nullptr;
        case attr::kModelNumber:
            out.model_number = WpsText{value};
            return nullptr;
        case attr::kSerialNumber:
            out.serial_number = WpsText{value};
            return nullptr;
        case attr::kUuidE:
            return read_fixed_attribute(value, 16, out.uuid_e);
        case attr::kUuidR:
            return read_fixed_attribute(value, 16, out.uuid_r);
        case attr::kPrimaryDeviceType:
            return read_fixed_attribute(value, 8, out.primary_device_type);
        case attr::kVendorExtension:
            return read_vendor_extension(value, out);
        default:
            return nullptr;
    }
}

}  // namespace

ElementProblem parse_wps_element(std::span<const std::uint8_t> body, WpsElement& out) noexcept {
    ByteCursor cursor(body);
    while (!cursor.empty()) {
        std::uint16_t type = 0, length = 0;
        std::span<const std::uint8_t> value;
        if (!cursor.read_be16(type) || !cursor.read_be16(length) || !cursor.read_bytes(length, value))
            return out.mark("WPS attribute runs past the element");
        ++out.attribute_count;
        if (auto problem = read_attribute(type, value, out)) return out.mark(problem);
    }
    return nullptr;
}

}  // namespace kismetcore::dissect
