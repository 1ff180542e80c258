// Kismet's get_tracker_element_multi_path over typed records.
#include "path_walker.h"

#include "json_text.h"
#include "kismetcore/common/hex_digits.h"

namespace kismetcore::fields::path_walker {
namespace {

struct Walk {
    std::span<const FieldDescriptor* const> path;
    void* context;
    Visitor visit;
    bool stopped = false;
};

void walk_from(Walk& walk, std::size_t index, const void* record);

void descend(Walk& walk, const ValueShape& shape, const void* value, std::size_t next) {
    if (walk.stopped) return;
    switch (shape.kind) {
        case ValueShape::Kind::record:
            walk_from(walk, next, value);
            return;
        case ValueShape::Kind::scalar:
            return;
        case ValueShape::Kind::vector:
        case ValueShape::Kind::map:
            break;
    }
    struct Expansion {
        Walk* walk;
        const ValueShape* element;
        std::size_t next;
    } expansion{&walk, shape.element.get(), next};
    shape.for_each(value, &expansion, [](void* opaque, const ScalarValue*, const void* element) {
        auto& e = *static_cast<Expansion*>(opaque);
        descend(*e.walk, *e.element, element, e.next);
    });
}

void walk_from(Walk& walk, std::size_t index, const void* record) {
    if (walk.stopped) return;
    const FieldDescriptor& field = *walk.path[index];
    if (index + 1 == walk.path.size()) {
        if (field.is_computed_scalar()) {
            ScalarValue value;
            if (field.compute(record, value)) walk.stopped = walk.visit(walk.context, field, nullptr, &value);
        } else if (const void* value = field.locate(record); value != nullptr) {
            walk.stopped = walk.visit(walk.context, field, value, nullptr);
        }
        return;
    }
    if (field.is_computed_scalar()) return;
    if (const void* value = field.locate(record); value != nullptr) descend(walk, field.shape, value, index + 1);
}

constexpr const char* kUpperHex = hex::kUpperDigits;

}  // namespace

bool walk(std::span<const FieldDescriptor* const> path, const void* record, void* context, Visitor visit) {
    if (path.empty()) return false;
    Walk state{path, context, visit};
    walk_from(state, 0, record);
    return state.stopped;
}

std::string_view ScalarText::of(const FieldDescriptor& field, const ScalarValue& value) {
    switch (value.type) {
        case FieldType::string:
            return value.text;
        case FieldType::mac: {
            std::array<char, MacAddress::kTextLength + 1> text;
            auto formatted = value.mac.format_upper(text);
            formatted.copy(small_.data(), formatted.size());
            return {small_.data(), formatted.size()};
        }
        case FieldType::device_key: {
            std::array<char, DeviceKey::kMaxTextLength> text;
            auto formatted = value.key.format(text);
            formatted.copy(small_.data(), formatted.size());
            return {small_.data(), formatted.size()};
        }
        case FieldType::uuid:
        case FieldType::byte_array: {
            if (value.type == FieldType::byte_array && value.bytes.size() * 2 > small_.size()) {
                large_.clear();
                json_text::append_hex(large_, value.bytes);
                return large_;
            }
            std::size_t length = 0;
            auto put_hex = [&](std::uint8_t byte) {
                small_[length++] = kUpperHex[byte >> 4];
                small_[length++] = kUpperHex[byte & 0x0f];
            };
            if (value.type == FieldType::byte_array) {
                for (auto byte : value.bytes) put_hex(byte);
            } else {
                for (std::size_t i = 0; i < value.uuid.size(); ++i) {
                    if (i == 4 || i == 6 || i == 8 || i == 10) small_[length++] = '-';
                    put_hex(value.uuid[i]);
                }
            }
            return {small_.data(), length};
        }
        default:
            break;
    }
    // Numbers have text only through the field's search transform (Kismet: alert severity).
    return field.search_text != nullptr ? field.search_text(value) : std::string_view{};
}

}  // namespace kismetcore::fields::path_walker
