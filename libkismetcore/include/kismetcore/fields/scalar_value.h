// One scalar field value read out of a record without allocating, and how each C++ type becomes one.
#pragma once

#include <array>
#include <concepts>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

#include "kismetcore/common/device_key.h"
#include "kismetcore/common/mac_address.h"
#include "kismetcore/fields/field_type.h"

namespace kismetcore::fields {

using UuidBytes = std::array<std::uint8_t, 16>;
// Kismet's pair[double, double]; a location's geopoint is (lon, lat).
using GeoPoint = std::pair<double, double>;

// A scalar read from a record. Only the member that `type` names is meaningful. Text and bytes point into the
// record (or into owned_text for computed strings), so a ScalarValue is valid while the record is unchanged.
struct ScalarValue {
    FieldType type = FieldType::uint64;
    std::uint64_t unsigned_value = 0;  // uint8..uint64; ipv4 (first octet most significant)
    std::int64_t signed_value = 0;     // int8..int64
    double double_value = 0;           // float32, float64
    std::string_view text;             // string
    std::span<const std::uint8_t> bytes;
    MacAddress mac;
    DeviceKey key;
    UuidBytes uuid{};
    GeoPoint geopoint{};
    std::string owned_text;  // holds a computed field's string while `text` points at it

    ScalarValue() = default;
    ScalarValue(const ScalarValue&) = delete;  // `text` may point into owned_text
    ScalarValue& operator=(const ScalarValue&) = delete;

    void set_text(std::string_view value) noexcept {
        type = FieldType::string;
        text = value;
    }
    void set_owned_text(std::string&& value) noexcept {
        type = FieldType::string;
        owned_text = std::move(value);
        text = owned_text;
    }
};

// The text a number is matched as by regex filters and free-text search (Kismet's "search transforms", e.g.
// alert severity -> "HIGH"). Returns an empty view when the value has no text.
using SearchTextFn = std::string_view (*)(const ScalarValue& value) noexcept;

// How a C++ type is read as a scalar. Specialise it for a type of your own (type + read) to use it as a field.
template <typename T, typename Enable = void>
struct ScalarTraits;  // undefined: not a scalar

template <typename T>
struct IntegerScalarTraits {
    static constexpr FieldType type = std::is_signed_v<T> ? (sizeof(T) == 1   ? FieldType::int8
                                                             : sizeof(T) == 2 ? FieldType::int16
                                                             : sizeof(T) == 4 ? FieldType::int32
                                                                              : FieldType::int64)
                                      : sizeof(T) == 1    ? FieldType::uint8
                                      : sizeof(T) == 2    ? FieldType::uint16
                                      : sizeof(T) == 4    ? FieldType::uint32
                                                          : FieldType::uint64;
    static void read(const T& value, ScalarValue& out) noexcept {
        out.type = type;
        if constexpr (std::is_signed_v<T>)
            out.signed_value = static_cast<std::int64_t>(value);
        else
            out.unsigned_value = static_cast<std::uint64_t>(value);
    }
};

// bool is printed as Kismet's uint8 flags are: 0 or 1.
template <typename T>
struct ScalarTraits<T, std::enable_if_t<std::is_integral_v<T> && !std::is_same_v<T, char>>>
    : IntegerScalarTraits<std::conditional_t<std::is_same_v<T, bool>, std::uint8_t, T>> {
    static void read(const T& value, ScalarValue& out) noexcept {
        using Stored = std::conditional_t<std::is_same_v<T, bool>, std::uint8_t, T>;
        IntegerScalarTraits<Stored>::read(static_cast<Stored>(value), out);
    }
};

// Enumerations are printed as their underlying integer, as Kismet stores them.
template <typename T>
struct ScalarTraits<T, std::enable_if_t<std::is_enum_v<T>>> : IntegerScalarTraits<std::underlying_type_t<T>> {
    static void read(const T& value, ScalarValue& out) noexcept {
        IntegerScalarTraits<std::underlying_type_t<T>>::read(static_cast<std::underlying_type_t<T>>(value), out);
    }
};

template <typename T>
struct ScalarTraits<T, std::enable_if_t<std::is_floating_point_v<T>>> {
    static constexpr FieldType type = sizeof(T) == 4 ? FieldType::float32 : FieldType::float64;
    static void read(const T& value, ScalarValue& out) noexcept {
        out.type = type;
        out.double_value = static_cast<double>(value);
    }
};

template <>
struct ScalarTraits<std::string> {
    static constexpr FieldType type = FieldType::string;
    static void read(const std::string& value, ScalarValue& out) noexcept { out.set_text(value); }
};

template <>
struct ScalarTraits<std::string_view> {
    static constexpr FieldType type = FieldType::string;
    static void read(const std::string_view& value, ScalarValue& out) noexcept { out.set_text(value); }
};

template <>
struct ScalarTraits<MacAddress> {
    static constexpr FieldType type = FieldType::mac;
    static void read(const MacAddress& value, ScalarValue& out) noexcept {
        out.type = type;
        out.mac = value;
    }
};

template <>
struct ScalarTraits<DeviceKey> {
    static constexpr FieldType type = FieldType::device_key;
    static void read(const DeviceKey& value, ScalarValue& out) noexcept {
        out.type = type;
        out.key = value;
    }
};

template <>
struct ScalarTraits<GeoPoint> {
    static constexpr FieldType type = FieldType::geopoint;
    static void read(const GeoPoint& value, ScalarValue& out) noexcept {
        out.type = type;
        out.geopoint = value;
    }
};

template <typename T>
concept Scalar = requires(const T& value, ScalarValue& out) {
    { ScalarTraits<T>::type } -> std::convertible_to<FieldType>;
    ScalarTraits<T>::read(value, out);
};

}  // namespace kismetcore::fields
