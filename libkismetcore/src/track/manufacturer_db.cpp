// Loads the IEEE registries into one prefix table and answers manufacturer lookups from it.
#include "kismetcore/track/manufacturer_db.h"

#include <algorithm>
#include <bit>
#include <cerrno>
#include <cstdio>
#include <exception>
#include <system_error>
#include <unordered_map>

#include "track/manufacturer_csv.h"

#ifndef KISMETCORE_IEEE_DATA_DIR
#define KISMETCORE_IEEE_DATA_DIR "/usr/share/ieee-data"
#endif

namespace kismetcore::track {

namespace {

constexpr std::uint8_t kHasName = 0x01;
constexpr std::uint8_t kHasMediumChildren = 0x02;  // some MA-M block lies inside this MA-L prefix
constexpr std::uint8_t kHasSmallChildren = 0x04;   // some MA-S block lies inside this MA-L prefix

struct RegistryFormat {
    ManufacturerRegistry registry;
    std::string_view label;  // the Registry column
    std::size_t hex_digits;  // the Assignment column
};
constexpr RegistryFormat kFormats[] = {{ManufacturerRegistry::ma_l, "MA-L", 6},
                                       {ManufacturerRegistry::ma_m, "MA-M", 7},
                                       {ManufacturerRegistry::ma_s, "MA-S", 9}};

std::size_t registry_index(ManufacturerRegistry registry) noexcept {
    return static_cast<std::size_t>(registry) - 1;
}

// One table holds all three registries, so a key carries its registry in its low two bits (never zero, which
// marks an empty slot) above which sits the prefix (24, 28 or 36 bits).
std::uint64_t prefix_key(ManufacturerRegistry registry, std::uint64_t prefix) noexcept {
    return (prefix << 2) | static_cast<std::uint64_t>(registry);
}

// Fibonacci hashing: the multiplication spreads the low prefix bits, which vary most, into the top bits.
std::size_t slot_index(std::uint64_t key, std::uint32_t shift) noexcept {
    return static_cast<std::size_t>((key * 0x9E3779B97F4A7C15ull) >> shift);
}

// Reads a whole file. False with "<file>: <reason>" in `error` when it cannot be opened or read.
bool read_file(const std::filesystem::path& path, std::string& contents, std::string& error) {
    std::FILE* file = std::fopen(path.c_str(), "rb");
    if (file == nullptr) {
        error = path.string() + ": cannot open: " + std::generic_category().message(errno);
        return false;
    }
    char buffer[1 << 16];
    std::size_t got = 0;
    while ((got = std::fread(buffer, 1, sizeof buffer, file)) > 0) contents.append(buffer, got);
    const bool failed = std::ferror(file) != 0;
    const int read_errno = errno;
    std::fclose(file);
    if (failed) {
        error = path.string() + ": cannot read: " + std::generic_category().message(read_errno);
        return false;
    }
    return true;
}

std::string_view without_byte_order_mark(std::string_view text) noexcept {
    if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
    return text;
}

}  // namespace

// Collects the rows of the three files, names interned, then lays them out in the final table.
class ManufacturerDb::Builder {
public:
    Builder(std::size_t text_bytes, std::size_t line_count) {
        // Every name is at most as long as the file text it came from, so the names never outgrow this and
        // the interning map's views into them stay valid while loading.
        db_.names_.reserve(text_bytes);
        entries_.reserve(line_count);
        index_by_key_.reserve(line_count);
        interned_.reserve(line_count);
    }

    void add_file(const RegistryFormat& format, std::string_view text) {
        ManufacturerFileStats& stats = db_.file_stats_[registry_index(format.registry)];
        CsvRecordReader reader(without_byte_order_mark(text));
        reader.next();  // the header, which load() has checked
        for (auto status = reader.next(); status != CsvRecordReader::Status::end; status = reader.next()) {
            const auto row = status == CsvRecordReader::Status::record
                                 ? parse_registry_row(reader, format.label, format.hex_digits)
                                 : std::nullopt;
            if (!row) {
                ++stats.malformed_lines;
                continue;
            }
            add_row(format.registry, *row, stats);
        }
    }

    ManufacturerDb finish() {
        std::size_t capacity = 16;
        while (capacity * 7 < entries_.size() * 10) capacity *= 2;  // load factor at most 0.7
        db_.slots_.assign(capacity, Slot{});
        db_.shift_ = 64u - static_cast<std::uint32_t>(std::countr_zero(capacity));
        for (const Slot& entry : entries_) {
            std::size_t index = slot_index(entry.key, db_.shift_);
            while (db_.slots_[index].key != 0) index = (index + 1) & (capacity - 1);
            db_.slots_[index] = entry;
        }
        db_.distinct_names_ = interned_.size();
        db_.names_.shrink_to_fit();  // the offsets in the slots survive the move
        return std::move(db_);
    }

private:
    void add_row(ManufacturerRegistry registry, const RegistryRow& row, ManufacturerFileStats& stats) {
        const std::uint64_t key = prefix_key(registry, row.prefix);
        const auto [found, inserted] = index_by_key_.try_emplace(key, entries_.size());
        if (!inserted) {
            ++stats.duplicates;  // the registries list a few reassigned MA-L prefixes twice; Kismet keeps the first
            return;
        }
        Slot entry;
        entry.key = key;
        entry.flags = kHasName;
        const auto [name_offset, name_length] = intern(row.name);
        entry.name_offset = name_offset;
        entry.name_length = name_length;
        entries_.push_back(entry);
        ++stats.assignments;
        if (registry == ManufacturerRegistry::ma_m) mark_parent(row.prefix >> 4, kHasMediumChildren);
        if (registry == ManufacturerRegistry::ma_s) mark_parent(row.prefix >> 12, kHasSmallChildren);
    }

    // Tells a lookup that stops at the MA-L prefix to look deeper. MA-L is loaded first, so the parent is
    // normally there (as "IEEE Registration Authority"); when a registry snapshot lacks it, a nameless entry
    // stands in.
    void mark_parent(std::uint64_t large_prefix, std::uint8_t flag) {
        const std::uint64_t key = prefix_key(ManufacturerRegistry::ma_l, large_prefix);
        const auto [found, inserted] = index_by_key_.try_emplace(key, entries_.size());
        if (inserted) {
            Slot placeholder;
            placeholder.key = key;
            entries_.push_back(placeholder);
        }
        entries_[found->second].flags |= flag;
    }

    std::pair<std::uint32_t, std::uint16_t> intern(std::string_view name) {
        const auto length = static_cast<std::uint16_t>(name.size());
        if (const auto known = interned_.find(name); known != interned_.end()) return {known->second, length};
        auto& names = db_.names_;
        const auto offset = static_cast<std::uint32_t>(names.size());
        names.insert(names.end(), name.begin(), name.end());
        interned_.emplace(std::string_view{names.data() + offset, name.size()}, offset);
        return {offset, length};
    }

    ManufacturerDb db_;
    std::vector<Slot> entries_;
    std::unordered_map<std::uint64_t, std::size_t> index_by_key_;
    std::unordered_map<std::string_view, std::uint32_t> interned_;
};

std::filesystem::path ManufacturerDb::default_directory() {
    return std::filesystem::path{KISMETCORE_IEEE_DATA_DIR};
}

ManufacturerDbLoad ManufacturerDb::load(const std::filesystem::path& directory) {
    ManufacturerDbLoad result;
    try {
        std::array<std::string, 3> texts;
        std::size_t text_bytes = 0;
        std::size_t line_count = 0;
        for (std::size_t i = 0; i < texts.size(); ++i) {
            const auto path = directory / kRegistryFiles[i];
            if (!read_file(path, texts[i], result.error)) return result;
            // Each file must open with the registry header.
            CsvRecordReader header(without_byte_order_mark(texts[i]));
            if (header.next() != CsvRecordReader::Status::record || !is_registry_header(header)) {
                result.error = path.string() +
                               ": not an IEEE registry file: its first line is not "
                               "\"Registry,Assignment,Organization Name,Organization Address\"";
                return result;
            }
            text_bytes += texts[i].size();
            line_count += static_cast<std::size_t>(std::count(texts[i].begin(), texts[i].end(), '\n'));
        }
        Builder builder(text_bytes, line_count);
        for (std::size_t i = 0; i < texts.size(); ++i) builder.add_file(kFormats[i], texts[i]);
        result.db.emplace(builder.finish());
    } catch (const std::exception& failure) {  // only allocation can fail here
        result.db.reset();
        result.error = directory.string() + ": cannot load the IEEE registries: " + failure.what();
    }
    return result;
}

const ManufacturerDb::Slot* ManufacturerDb::find(std::uint64_t key) const noexcept {
    if (slots_.empty()) return nullptr;
    const std::size_t mask = slots_.size() - 1;
    // The table is at most 70% full, so a probe always reaches an empty slot.
    for (std::size_t index = slot_index(key, shift_);; index = (index + 1) & mask) {
        const Slot& slot = slots_[index];
        if (slot.key == key) return &slot;
        if (slot.key == 0) return nullptr;
    }
}

std::string_view ManufacturerDb::name_of(const Slot& slot) const noexcept {
    return {names_.data() + slot.name_offset, slot.name_length};
}

ManufacturerMatch ManufacturerDb::lookup(MacAddress mac) const noexcept {
    ManufacturerMatch match;
    if (mac.is_locally_administered()) {
        match.locally_administered = true;
        return match;
    }
    const std::uint64_t bits = mac.to_u64();
    const Slot* large = find(prefix_key(ManufacturerRegistry::ma_l, bits >> 24));
    if (large == nullptr) return match;
    // Longest prefix first: an MA-S or MA-M block names its holder, the MA-L parent only the IEEE.
    if ((large->flags & kHasSmallChildren) != 0) {
        if (const Slot* small = find(prefix_key(ManufacturerRegistry::ma_s, bits >> 12)))
            return {name_of(*small), ManufacturerRegistry::ma_s, false};
    }
    if ((large->flags & kHasMediumChildren) != 0) {
        if (const Slot* medium = find(prefix_key(ManufacturerRegistry::ma_m, bits >> 20)))
            return {name_of(*medium), ManufacturerRegistry::ma_m, false};
    }
    if ((large->flags & kHasName) != 0) return {name_of(*large), ManufacturerRegistry::ma_l, false};
    return match;
}

std::string_view ManufacturerDb::device_manuf(MacAddress mac) const noexcept {
    const ManufacturerMatch match = lookup(mac);
    return match.found() ? match.name : kUnknownName;
}

std::string_view ManufacturerDb::btle_device_manuf(MacAddress mac, bool random_tx_address) const noexcept {
    return random_tx_address ? kRandomizedName : device_manuf(mac);
}

const ManufacturerFileStats& ManufacturerDb::file_stats(ManufacturerRegistry registry) const noexcept {
    static constexpr ManufacturerFileStats kNoFile{};
    return registry == ManufacturerRegistry::none ? kNoFile : file_stats_[registry_index(registry)];
}

std::size_t ManufacturerDb::assignments() const noexcept {
    std::size_t total = 0;
    for (const auto& stats : file_stats_) total += stats.assignments;
    return total;
}

std::size_t ManufacturerDb::memory_bytes() const noexcept {
    return slots_.capacity() * sizeof(Slot) + names_.capacity();
}

}  // namespace kismetcore::track
