// The five output formats over JsonEmitter, and simplified records written from a compiled FieldSpec.
#include "kismetcore/fields/serializer.h"

#include <stdexcept>

#include "json_emitter.h"
#include "json_text.h"

namespace kismetcore::fields {
namespace {

// Kismet's placeholder for a requested field the record does not hold.
constexpr std::string_view kMissingDescription = "unallocated field";

void write_placeholder(JsonEmitter& emitter, bool first, std::string_view name, unsigned depth) {
    emitter.object_entry(first, name, kismet_type_name(FieldType::placeholder), kMissingDescription, depth);
    emitter.out() += '0';
}

void write_summary(JsonEmitter& emitter, const FieldSpec& spec, const void* record, unsigned depth) {
    emitter.open_object(depth);
    bool first = true;
    for (const auto& field : spec.fields()) {
        const std::string_view name =
            emitter.style().underscore_names ? field.output_name_underscored : field.output_name;
        const void* holder = field.path.empty() ? nullptr : record;
        for (std::size_t i = 0; holder != nullptr && i + 1 < field.path.size(); ++i)
            holder = field.path[i]->locate(holder);
        const FieldDescriptor* target = field.path.empty() ? nullptr : field.path.back();

        if (field.count) {
            std::uint64_t items = 0;
            if (holder != nullptr && target != nullptr && target->shape.size != nullptr &&
                !target->is_computed_scalar()) {
                const void* container = target->locate(holder);
                if (container != nullptr) items = target->shape.size(container);
            }
            emitter.object_entry(first, name, kismet_type_name(FieldType::uint32),
                                 target != nullptr ? std::string_view(target->description) : kMissingDescription,
                                 depth);
            json_text::append_unsigned(emitter.out(), static_cast<std::uint32_t>(items));
        } else if (holder == nullptr || target == nullptr) {
            write_placeholder(emitter, first, name, depth);
        } else if (target->is_computed_scalar()) {
            ScalarValue value;
            if (target->compute(holder, value)) {
                emitter.object_entry(first, name, kismet_type_name(target->type()), target->description, depth);
                json_text::append_scalar(emitter.out(), value);
            } else {
                write_placeholder(emitter, first, name, depth);
            }
        } else if (const void* value = target->locate(holder); value != nullptr) {
            emitter.object_entry(first, name, kismet_type_name(target->type()), target->description, depth);
            emitter.write_value(target->shape, value, depth + 1);
        } else {
            write_placeholder(emitter, first, name, depth);
        }
        first = false;
    }
    emitter.close_object(depth);
}

void write_one(std::string& out, OutputFormat format, const RecordSchema& schema, const void* record,
               const FieldSpec* spec, unsigned depth, JsonMemo* memo = nullptr) {
    JsonEmitter emitter(out, style_for(format), memo);
    if (spec != nullptr && !spec->empty()) {
        if (&spec->root() != &schema)
            throw std::logic_error("field spec compiled for " + std::string(spec->root().name()) + ", not " +
                                   std::string(schema.name()));
        write_summary(emitter, *spec, record, depth);
    } else {
        emitter.write_record(schema, record, depth);
    }
}

// prettyjson starts its root at depth 1, as Kismet's pretty serializer does.
unsigned root_depth(OutputFormat format) {
    return format == OutputFormat::prettyjson ? 1 : 0;
}

}  // namespace

JsonStyle style_for(OutputFormat format) noexcept {
    switch (format) {
        case OutputFormat::prettyjson:
            return {true, false};
        case OutputFormat::ekjson:
        case OutputFormat::tjson:
            return {false, true};
        case OutputFormat::json:
        case OutputFormat::itjson:
            break;
    }
    return {false, false};
}

bool one_object_per_line(OutputFormat format) noexcept {
    return format == OutputFormat::ekjson || format == OutputFormat::itjson;
}

std::optional<OutputFormat> output_format_for_extension(std::string_view extension) noexcept {
    if (extension == "json") return OutputFormat::json;
    if (extension == "prettyjson") return OutputFormat::prettyjson;
    if (extension == "ekjson") return OutputFormat::ekjson;
    if (extension == "itjson") return OutputFormat::itjson;
    if (extension == "tjson") return OutputFormat::tjson;
    return std::nullopt;
}

void append_record(std::string& out, OutputFormat format, const RecordSchema& schema, const void* record,
                   const FieldSpec* spec) {
    write_one(out, format, schema, record, spec, root_depth(format));
    if (one_object_per_line(format)) out += '\n';
}

RecordListWriter::RecordListWriter(std::string& out, OutputFormat format)
    : out_(&out), format_(format), memo_(std::make_unique<JsonMemo>()) {}

RecordListWriter::~RecordListWriter() = default;

void RecordListWriter::open_if_needed() {
    if (opened_) return;
    opened_ = true;
    if (one_object_per_line(format_)) return;
    JsonEmitter emitter(*out_, style_for(format_));
    emitter.line_break();
    emitter.indent(root_depth(format_));
    *out_ += '[';
    emitter.line_break();
}

void RecordListWriter::add(const RecordSchema& schema, const void* record, const FieldSpec* spec) {
    open_if_needed();
    if (one_object_per_line(format_)) {
        write_one(*out_, format_, schema, record, spec, 0, memo_.get());
        *out_ += '\n';
        return;
    }
    JsonEmitter emitter(*out_, style_for(format_));
    if (!first_) {
        *out_ += ',';
        emitter.line_break();
    }
    first_ = false;
    emitter.indent(root_depth(format_));
    write_one(*out_, format_, schema, record, spec, root_depth(format_) + 1, memo_.get());
}

void RecordListWriter::finish() {
    open_if_needed();
    if (one_object_per_line(format_)) return;
    JsonEmitter emitter(*out_, style_for(format_));
    emitter.line_break();
    emitter.indent(root_depth(format_));
    *out_ += ']';
}

}  // namespace kismetcore::fields
