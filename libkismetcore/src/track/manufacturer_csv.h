// Reads the records of the IEEE registry CSV files (oui.csv, mam.csv, oui36.csv) field by field.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kismetcore::track {

// Reads RFC 4180 records from a whole file's text: a field in double quotes may hold commas and line breaks
// (the IEEE files break some addresses over lines), and "" inside it stands for one quote. Records end at
// an unquoted LF or CRLF. A malformed record costs one line: reading resumes on the line after the one where
// the record began, so a stray quote cannot swallow the rest of the file. Field buffers are reused.
class CsvRecordReader {
public:
    enum class Status { record, malformed, end };

    explicit CsvRecordReader(std::string_view text) noexcept : text_(text) {}

    // Reads the next record, skipping blank lines. `malformed`: an unclosed quote, text after a closing
    // quote, or a quote inside an unquoted field.
    Status next();

    [[nodiscard]] std::size_t size() const noexcept { return count_; }
    [[nodiscard]] std::string_view field(std::size_t index) const noexcept { return fields_[index]; }

private:
    bool read_record();
    std::string& next_field();

    std::string_view text_;
    std::size_t pos_ = 0;
    std::vector<std::string> fields_;
    std::size_t count_ = 0;
};

// What the registry files call their columns; the first record of each file must say exactly this.
inline constexpr std::string_view kRegistryHeader[] = {"Registry", "Assignment", "Organization Name",
                                                       "Organization Address"};

// One assignment: `prefix` holds the assignment's hex digits as a number (24, 28 or 36 bits).
struct RegistryRow {
    std::uint64_t prefix = 0;
    std::string_view name;  // trimmed of surrounding blanks; a view into the reader's field
};

// Reads a record of the registry `registry_label` ("MA-L") whose assignments have `hex_digits` digits.
// Empty when the record belongs to another registry, its assignment is not exactly that many hex digits, or
// it has no organisation name. The address column may be missing; more columns than the header's are not.
std::optional<RegistryRow> parse_registry_row(const CsvRecordReader& record, std::string_view registry_label,
                                              std::size_t hex_digits) noexcept;

// True when a record is the registry header.
bool is_registry_header(const CsvRecordReader& record) noexcept;

}  // namespace kismetcore::track
