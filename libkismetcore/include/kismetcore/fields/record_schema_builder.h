// Declares a record's field schema from its C++ members: names, descriptions, and types deduced from members.
//
//   static const RecordSchema schema = RecordSchemaBuilder<Device>("kismet.device.base")
//       .field<&Device::macaddr>("kismet.device.base.macaddr", "MAC address")
//       .field<&Device::packets, &PacketCounters::total>("kismet.device.base.packets.total", "total packets")
//       .record<&Device::signal>("kismet.device.base.signal", "signal data", signal_schema())
//       .computed("kismet.device.base.commonname", "common name", [](const Device& d) { return d.commonname(); })
//       .build();
//
// Members reached through std::optional, std::unique_ptr or std::shared_ptr are dynamic fields: absent from
// output until set. Maps (std::map, std::unordered_map, std::vector of pairs) and vectors (std::vector,
// std::array) nest; their record leaves use the schema given to record<>().
#pragma once

#include <array>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <utility>
#include <vector>

#include "kismetcore/fields/record_schema.h"

namespace kismetcore::fields {

namespace schema_detail {

// Dynamic holders: a value that may be absent.
template <typename T>
struct Unwrap {
    using type = T;
    static constexpr bool nullable = false;
    static const T* get(const T& value) noexcept { return &value; }
};
template <typename T>
struct Unwrap<std::optional<T>> {
    using type = T;
    static constexpr bool nullable = true;
    static const T* get(const std::optional<T>& value) noexcept { return value ? &*value : nullptr; }
};
template <typename T, typename D>
struct Unwrap<std::unique_ptr<T, D>> {
    using type = T;
    static constexpr bool nullable = true;
    static const T* get(const std::unique_ptr<T, D>& value) noexcept { return value.get(); }
};
template <typename T>
struct Unwrap<std::shared_ptr<T>> {
    using type = T;
    static constexpr bool nullable = true;
    static const T* get(const std::shared_ptr<T>& value) noexcept { return value.get(); }
};
template <typename T>
struct Unwrap<const T*> {
    using type = T;
    static constexpr bool nullable = true;
    static const T* get(const T* value) noexcept { return value; }
};

template <auto First, auto...>
struct FirstValue {
    static constexpr auto value = First;
};

template <auto Member>
struct MemberOf;
template <typename C, typename M, M C::*Pointer>
struct MemberOf<Pointer> {
    using Class = C;
    using Type = M;
};

template <typename T>
struct IsSharedConst : std::false_type {};
template <typename T>
struct IsSharedConst<std::shared_ptr<const T>> : std::true_type {};

template <auto Member>
std::shared_ptr<const void> retain_shared(const void* object) noexcept {
    using Traits = MemberOf<Member>;
    return static_cast<const typename Traits::Class*>(object)->*Member;
}

template <auto Member, auto... Rest>
const void* locate_member(const void* object) noexcept {
    using Traits = MemberOf<Member>;
    const auto& value = static_cast<const typename Traits::Class*>(object)->*Member;
    const auto* inner = Unwrap<typename Traits::Type>::get(value);
    if constexpr (sizeof...(Rest) == 0) {
        return inner;
    } else {
        if (inner == nullptr) return nullptr;
        static_assert(std::is_same_v<typename Unwrap<typename Traits::Type>::type,
                                     typename MemberOf<FirstValue<Rest...>::value>::Class>,
                      "each member of a path must belong to the type the previous one holds");
        return locate_member<Rest...>(inner);
    }
}

template <auto First, auto... Rest>
struct MemberChain {
    using Root = typename MemberOf<First>::Class;
    using LastMember = decltype((std::integral_constant<decltype(First), First>{}, ...,
                                 std::integral_constant<decltype(Rest), Rest>{}));
    using Value = typename Unwrap<typename MemberOf<LastMember::value>::Type>::type;
    static constexpr bool nullable =
        Unwrap<typename MemberOf<First>::Type>::nullable || (Unwrap<typename MemberOf<Rest>::Type>::nullable || ...);
};

template <typename T>
struct IsPairVector : std::false_type {};
template <typename K, typename V, typename A>
struct IsPairVector<std::vector<std::pair<K, V>, A>> : std::true_type {};

template <typename T>
struct IsAssociative : std::false_type {};
template <typename K, typename V, typename C, typename A>
struct IsAssociative<std::map<K, V, C, A>> : std::true_type {};
template <typename K, typename V, typename H, typename E, typename A>
struct IsAssociative<std::unordered_map<K, V, H, E, A>> : std::true_type {};

template <typename T>
struct IsSequence : std::false_type {};
template <typename T, typename A>
struct IsSequence<std::vector<T, A>> : std::true_type {};
template <typename T, std::size_t N>
struct IsSequence<std::array<T, N>> : std::true_type {};

template <typename T>
inline constexpr bool kIsMap = IsPairVector<T>::value || IsAssociative<T>::value;

template <typename T>
concept ByteSequence = requires(const T& bytes) {
    { bytes.data() } -> std::convertible_to<const void*>;
    { bytes.size() } -> std::convertible_to<std::size_t>;
}
&&sizeof(typename T::value_type) == 1 && !std::is_same_v<T, std::string_view>;

// Implemented in record_schema.cpp: changes a read number into the declared numeric type.
void convert_number(ScalarValue& value, FieldType declared) noexcept;
// Implemented in record_schema.cpp: the Kismet type of a map or vector from its key and element.
FieldType map_type(KeyKind key, const ValueShape& element) noexcept;
FieldType vector_type(const ValueShape& element) noexcept;
[[noreturn]] void fail_schema(const std::string& message);

template <typename T>
void read_scalar(const void* value, ScalarValue& out) noexcept {
    ScalarTraits<T>::read(*static_cast<const T*>(value), out);
}

template <typename T>
void read_converted(const void* value, ScalarValue& out, FieldType declared) noexcept {
    ScalarTraits<T>::read(*static_cast<const T*>(value), out);
    convert_number(out, declared);
}

template <typename T, FieldType Declared>
void read_declared(const void* value, ScalarValue& out) noexcept {
    read_converted<T>(value, out, Declared);
}

template <typename T>
void read_bytes(const void* value, ScalarValue& out) noexcept {
    const auto& bytes = *static_cast<const T*>(value);
    out.type = FieldType::byte_array;
    out.bytes = {reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()};
}

inline void read_uuid(const void* value, ScalarValue& out) noexcept {
    out.type = FieldType::uuid;
    out.uuid = *static_cast<const UuidBytes*>(value);
}

template <typename K>
KeyKind deduce_key_kind() {
    if constexpr (std::is_same_v<K, MacAddress>)
        return KeyKind::mac;
    else if constexpr (std::is_same_v<K, DeviceKey>)
        return KeyKind::device_key;
    else if constexpr (std::is_same_v<K, UuidBytes>)
        return KeyKind::uuid;
    else if constexpr (std::is_same_v<K, std::string> || std::is_same_v<K, std::string_view>)
        return KeyKind::string;
    else if constexpr (std::is_floating_point_v<K>)
        return KeyKind::floating;
    else if constexpr (std::is_integral_v<K> && std::is_unsigned_v<K> && sizeof(K) == 8)
        return KeyKind::signed_hash;
    else if constexpr (std::is_integral_v<K> || std::is_enum_v<K>)
        return KeyKind::integer;
    else
        static_assert(sizeof(K) == 0, "unsupported map key type");
}

template <typename K>
void read_key(const K& key, ScalarValue& out) noexcept {
    if constexpr (std::is_same_v<K, UuidBytes>)
        read_uuid(&key, out);
    else
        ScalarTraits<K>::read(key, out);
}

template <typename C>
std::size_t container_size(const void* container) noexcept {
    return static_cast<const C*>(container)->size();
}

template <typename C>
void for_each_element(const void* container, void* context, ElementVisitor visit) {
    for (const auto& element : *static_cast<const C*>(container)) {
        const auto* value = Unwrap<std::remove_cvref_t<decltype(element)>>::get(element);
        if (value != nullptr) visit(context, nullptr, value);
    }
}

template <typename C>
void for_each_entry(const void* container, void* context, ElementVisitor visit) {
    for (const auto& [key, stored] : *static_cast<const C*>(container)) {
        const auto* value = Unwrap<std::remove_cvref_t<decltype(stored)>>::get(stored);
        if (value == nullptr) continue;  // Kismet skips empty slots
        ScalarValue key_value;
        read_key(key, key_value);
        visit(context, &key_value, value);
    }
}

template <typename V>
ValueShape make_shape(const FieldOptions& options, const RecordSchema* leaf_schema) {
    ValueShape shape;
    if constexpr (ByteSequence<V>) {
        if (options.type == FieldType::byte_array) {
            shape.type = FieldType::byte_array;
            shape.read_scalar = &read_bytes<V>;
            return shape;
        }
    }
    if constexpr (std::is_same_v<V, UuidBytes>) {
        if (options.type == FieldType::uuid) {
            shape.type = FieldType::uuid;
            shape.read_scalar = &read_uuid;
            return shape;
        }
    }
    if constexpr (kIsMap<V>) {
        using Entry = typename V::value_type;
        using Key = std::remove_cv_t<typename Entry::first_type>;
        using Stored = typename Entry::second_type;
        shape.kind = ValueShape::Kind::map;
        shape.element = std::make_unique<ValueShape>(make_shape<typename Unwrap<Stored>::type>(options, leaf_schema));
        shape.key_kind = options.key == KeyKind::automatic ? deduce_key_kind<Key>() : options.key;
        shape.layout = options.layout;
        shape.type = map_type(shape.key_kind, *shape.element);
        shape.size = &container_size<V>;
        shape.for_each = &for_each_entry<V>;
    } else if constexpr (Scalar<V>) {
        shape.type = ScalarTraits<V>::type;
        shape.read_scalar = &read_scalar<V>;
        if (options.type != FieldType::placeholder && options.type != shape.type) {
            if constexpr (std::is_arithmetic_v<V> || std::is_enum_v<V>) {
                shape.type = options.type;
                switch (options.type) {
#define KISMETCORE_DECLARED_CASE(kind)                          \
    case FieldType::kind:                                       \
        shape.read_scalar = &read_declared<V, FieldType::kind>; \
        break;
                    KISMETCORE_DECLARED_CASE(int8)
                    KISMETCORE_DECLARED_CASE(uint8)
                    KISMETCORE_DECLARED_CASE(int16)
                    KISMETCORE_DECLARED_CASE(uint16)
                    KISMETCORE_DECLARED_CASE(int32)
                    KISMETCORE_DECLARED_CASE(uint32)
                    KISMETCORE_DECLARED_CASE(int64)
                    KISMETCORE_DECLARED_CASE(uint64)
                    KISMETCORE_DECLARED_CASE(float32)
                    KISMETCORE_DECLARED_CASE(float64)
                    KISMETCORE_DECLARED_CASE(ipv4)
#undef KISMETCORE_DECLARED_CASE
                    default:
                        fail_schema("a number cannot be declared as " + std::string(kismet_type_name(options.type)));
                }
            } else {
                fail_schema("cannot declare a " + std::string(kismet_type_name(shape.type)) + " value as " +
                            std::string(kismet_type_name(options.type)));
            }
        }
    } else if constexpr (IsSequence<V>::value) {
        using Stored = typename V::value_type;
        shape.kind = ValueShape::Kind::vector;
        shape.element = std::make_unique<ValueShape>(make_shape<typename Unwrap<Stored>::type>(options, leaf_schema));
        shape.type = vector_type(*shape.element);
        shape.size = &container_size<V>;
        shape.for_each = &for_each_element<V>;
    } else {
        if (leaf_schema == nullptr)
            fail_schema(std::string("no schema given for the record type ") + typeid(V).name() + " (use record<>())");
        if (!leaf_schema->describes<V>())
            fail_schema("schema " + std::string(leaf_schema->name()) + " does not describe " + typeid(V).name());
        shape.kind = ValueShape::Kind::record;
        shape.type = FieldType::record;
        shape.schema = leaf_schema;
    }
    return shape;
}

template <typename T>
struct IsOptional : std::false_type {};
template <typename T>
struct IsOptional<std::optional<T>> : std::true_type {};

template <typename T>
struct ComputedScalarType {
    using type = T;
};
template <typename T>
struct ComputedScalarType<std::optional<T>> {
    using type = T;
};

template <typename Value, typename Raw>
void read_computed(Raw&& raw, ScalarValue& out) {
    if constexpr (std::is_same_v<std::remove_cvref_t<Raw>, std::string>)
        out.set_owned_text(std::string(std::forward<Raw>(raw)));
    else
        ScalarTraits<Value>::read(static_cast<Value>(raw), out);
}

template <typename Record, typename Fn, typename Declared>
bool compute_scalar(const void* record, ScalarValue& out) {
    using Raw = std::invoke_result_t<Fn, const Record&>;
    using Result = std::conditional_t<std::is_void_v<Declared>, Raw, Declared>;
    auto result = Fn{}(*static_cast<const Record*>(record));
    if constexpr (IsOptional<Raw>::value) {
        if (!result) return false;
        read_computed<typename ComputedScalarType<Result>::type>(std::move(*result), out);
    } else {
        read_computed<typename ComputedScalarType<Result>::type>(std::move(result), out);
    }
    return true;
}

template <typename Record, typename Fn>
const void* locate_computed(const void* record) noexcept {
    return Fn{}(*static_cast<const Record*>(record));
}

std::string underscored(std::string_view name);

}  // namespace schema_detail

template <typename Record>
class RecordSchemaBuilder {
public:
    explicit RecordSchemaBuilder(std::string schema_name) : schema_(std::move(schema_name), typeid(Record)) {}

    // A stored field: a member, or a path of members (`&Device::packets, &PacketCounters::total`). Scalars,
    // vectors and maps of scalars; the type is deduced unless `options.type` says otherwise.
    template <auto... Members>
    RecordSchemaBuilder& field(std::string_view name, std::string_view description, FieldOptions options = {}) {
        return stored<Members...>(name, description, options, nullptr);
    }

    // A nested record, or a vector or map whose values are records of `schema`.
    template <auto... Members>
    RecordSchemaBuilder& record(std::string_view name, std::string_view description, const RecordSchema& schema,
                                FieldOptions options = {}) {
        return stored<Members...>(name, description, options, &schema);
    }

    // A record held by a std::shared_ptr<const T> member that points at an immutable snapshot, shared by many
    // records and never changed after it was made (the seen-by records' datasource record). Written like
    // record(); a writer of many records may write each snapshot once and copy the text (FieldDescriptor::retain).
    template <auto Member>
    RecordSchemaBuilder& shared_record(std::string_view name, std::string_view description,
                                       const RecordSchema& schema) {
        using Type = typename schema_detail::MemberOf<Member>::Type;
        static_assert(schema_detail::IsSharedConst<Type>::value, "shared_record takes a std::shared_ptr<const T>");
        stored<Member>(name, description, FieldOptions{}, &schema);
        schema_.fields_.back().retain = &schema_detail::retain_shared<Member>;
        return *this;
    }

    // A derived scalar: `compute` is a captureless lambda taking `const Record&` and returning a scalar
    // (std::string for text), or std::optional of one (absent when empty). `Declared` forces the field type.
    template <typename Declared = void, typename Compute>
    RecordSchemaBuilder& computed(std::string_view name, std::string_view description, Compute,
                                  FieldOptions options = {}) {
        static_assert(std::is_empty_v<Compute> && std::is_default_constructible_v<Compute>,
                      "computed fields take captureless lambdas");
        using Raw = std::invoke_result_t<Compute, const Record&>;
        using Result = std::conditional_t<std::is_void_v<Declared>, Raw, Declared>;
        using Value = typename schema_detail::ComputedScalarType<Result>::type;
        static_assert(Scalar<Value>, "a computed field yields a scalar; use computed_record for records");
        FieldDescriptor field = start(name, description, options);
        field.shape.type = options.type == FieldType::placeholder ? ScalarTraits<Value>::type : options.type;
        field.dynamic = schema_detail::IsOptional<Result>::value;
        field.compute = &schema_detail::compute_scalar<Record, Compute, Declared>;
        return add(std::move(field));
    }

    // A record (or container of records) found by a captureless lambda returning `const T*`; null = absent.
    // Kismet's aliases such as dot11.device.last_beaconed_ssid_record are declared this way.
    template <typename Locate>
    RecordSchemaBuilder& computed_record(std::string_view name, std::string_view description,
                                         const RecordSchema& schema, Locate, FieldOptions options = {}) {
        static_assert(std::is_empty_v<Locate> && std::is_default_constructible_v<Locate>,
                      "computed records take captureless lambdas");
        using Pointer = std::invoke_result_t<Locate, const Record&>;
        static_assert(std::is_pointer_v<Pointer>, "the lambda returns a pointer to the record, or null");
        using Value = std::remove_cv_t<std::remove_pointer_t<Pointer>>;
        FieldDescriptor field = start(name, description, options);
        field.shape = schema_detail::make_shape<Value>(options, &schema);
        field.dynamic = true;
        field.locate = &schema_detail::locate_computed<Record, Locate>;
        return add(std::move(field));
    }

    // The finished schema; the builder is empty afterwards.
    RecordSchema build() { return std::move(schema_); }

private:
    template <auto... Members>
    RecordSchemaBuilder& stored(std::string_view name, std::string_view description, const FieldOptions& options,
                                const RecordSchema* leaf_schema) {
        static_assert(sizeof...(Members) > 0, "name at least one member");
        using Chain = schema_detail::MemberChain<Members...>;
        static_assert(std::is_same_v<typename Chain::Root, Record>, "the first member must belong to the record");
        FieldDescriptor field = start(name, description, options);
        field.shape = schema_detail::make_shape<typename Chain::Value>(options, leaf_schema);
        field.dynamic = Chain::nullable;
        field.locate = &schema_detail::locate_member<Members...>;
        return add(std::move(field));
    }

    static FieldDescriptor start(std::string_view name, std::string_view description, const FieldOptions& options) {
        FieldDescriptor field;
        field.name = std::string(name);
        field.underscored_name = schema_detail::underscored(name);
        field.description = std::string(description);
        field.search_text = options.search_text;
        return field;
    }

    RecordSchemaBuilder& add(FieldDescriptor&& field) {
        if (field.name.empty() || schema_.find(field.name) != nullptr)
            schema_detail::fail_schema("field name empty or declared twice: '" + field.name + "' in " + schema_.name_);
        schema_.fields_.push_back(std::move(field));
        return *this;
    }

    RecordSchema schema_;
};

}  // namespace kismetcore::fields
