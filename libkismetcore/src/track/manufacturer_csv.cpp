// Record reading and row checks for the IEEE registry CSV files.
#include "track/manufacturer_csv.h"

#include <limits>

#include "kismetcore/common/hex_digits.h"

namespace kismetcore::track {

std::string& CsvRecordReader::next_field() {
    if (count_ == fields_.size()) fields_.emplace_back();
    std::string& field = fields_[count_++];
    field.clear();
    return field;
}

CsvRecordReader::Status CsvRecordReader::next() {
    for (;;) {
        if (pos_ >= text_.size()) return Status::end;
        const std::size_t line_end = text_.find('\n', pos_);
        const std::string_view line =
            text_.substr(pos_, line_end == std::string_view::npos ? std::string_view::npos : line_end - pos_);
        if (line.find_first_not_of(" \t\r") != std::string_view::npos) break;
        pos_ = line_end == std::string_view::npos ? text_.size() : line_end + 1;
    }
    const std::size_t record_start = pos_;
    if (read_record()) return Status::record;
    const std::size_t line_end = text_.find('\n', record_start);
    pos_ = line_end == std::string_view::npos ? text_.size() : line_end + 1;
    return Status::malformed;
}

// Reads fields from pos_ up to the end of the record and leaves pos_ after its line break.
bool CsvRecordReader::read_record() {
    count_ = 0;
    const std::size_t size = text_.size();
    for (;;) {
        std::string& out = next_field();
        if (pos_ < size && text_[pos_] == '"') {
            ++pos_;
            for (;;) {
                if (pos_ >= size) return false;
                const char c = text_[pos_++];
                if (c != '"') {
                    out.push_back(c);
                } else if (pos_ < size && text_[pos_] == '"') {
                    out.push_back('"');
                    ++pos_;
                } else {
                    break;
                }
            }
            // After a closing quote: the next field, the end of the record, or malformed.
            if (pos_ >= size) return true;
            if (text_[pos_] == ',') {
                ++pos_;
                continue;
            }
            if (text_.substr(pos_, 1) == "\n" || text_.substr(pos_, 2) == "\r\n" || text_.substr(pos_) == "\r") {
                const std::size_t newline = text_.find('\n', pos_);
                pos_ = newline == std::string_view::npos ? size : newline + 1;
                return true;
            }
            return false;
        } else {
            const std::size_t stop = text_.find_first_of(",\n", pos_);
            const bool record_ends = stop == std::string_view::npos || text_[stop] == '\n';
            std::size_t end = stop == std::string_view::npos ? size : stop;
            if (record_ends && end > pos_ && text_[end - 1] == '\r') --end;
            const std::string_view value = text_.substr(pos_, end - pos_);
            if (value.find('"') != std::string_view::npos) return false;
            out.assign(value);
            pos_ = stop == std::string_view::npos ? size : stop + 1;
            if (record_ends) return true;
        }
    }
}

namespace {

std::string_view trim_blanks(std::string_view text) noexcept {
    const auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
    while (!text.empty() && blank(text.front())) text.remove_prefix(1);
    while (!text.empty() && blank(text.back())) text.remove_suffix(1);
    return text;
}

}  // namespace

std::optional<RegistryRow> parse_registry_row(const CsvRecordReader& record, std::string_view registry_label,
                                              std::size_t hex_digits) noexcept {
    if (record.size() < 3 || record.size() > std::size(kRegistryHeader)) return std::nullopt;
    if (record.field(0) != registry_label) return std::nullopt;
    const std::string_view assignment = record.field(1);
    if (assignment.size() != hex_digits) return std::nullopt;
    RegistryRow result;
    for (const char c : assignment) {
        const int digit = hex::digit_value(c);
        if (digit < 0) return std::nullopt;
        result.prefix = (result.prefix << 4) | static_cast<std::uint64_t>(digit);
    }
    result.name = trim_blanks(record.field(2));
    // Names are stored with a 16-bit length; the longest real one is about 110 bytes.
    if (result.name.empty() || result.name.size() > std::numeric_limits<std::uint16_t>::max()) return std::nullopt;
    return result;
}

bool is_registry_header(const CsvRecordReader& record) noexcept {
    if (record.size() != std::size(kRegistryHeader)) return false;
    for (std::size_t i = 0; i < record.size(); ++i)
        if (record.field(i) != kRegistryHeader[i]) return false;
    return true;
}

}  // namespace kismetcore::track
