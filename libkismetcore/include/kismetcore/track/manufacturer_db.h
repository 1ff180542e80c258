// Manufacturer names for MAC addresses from the IEEE MA-L, MA-M and MA-S registries (Debian's ieee-data).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kismetcore/common/mac_address.h"

namespace kismetcore::track {

// Which IEEE registry assigned the prefix that matched: MA-L is a 24-bit prefix (oui.csv), MA-M 28 bits
// (mam.csv), MA-S 36 bits (oui36.csv).
enum class ManufacturerRegistry : std::uint8_t { none, ma_l, ma_m, ma_s };

struct ManufacturerMatch {
    // The registry's organisation name as written there ("Private" included); empty when nothing matched.
    std::string_view name;
    ManufacturerRegistry registry = ManufacturerRegistry::none;
    // The U/L bit is set: the address is randomised or otherwise locally assigned, so no registry names it
    // (a registry prefix that happens to share its first 24 bits would mislabel it).
    bool locally_administered = false;

    [[nodiscard]] bool found() const noexcept { return registry != ManufacturerRegistry::none; }
};

// What loading one registry file found.
struct ManufacturerFileStats {
    std::size_t assignments = 0;      // rows kept
    std::size_t malformed_lines = 0;  // rows skipped: bad CSV, wrong registry, bad prefix, no name
    std::size_t duplicates = 0;       // rows whose prefix an earlier row already named (the first one wins)
};

struct ManufacturerDbLoad;

// The three registries, indexed by prefix for lookups that allocate nothing and take one to three probes of
// an open-addressing table. Organisation names are stored once each (about 27,000 distinct names serve
// 42,000 assignments) and handed out as views.
//
// Thread-safety: the database is immutable once load() returns, so any number of threads may call its const
// members at the same time without locking. The views it returns stay valid while the database (or the
// object it was moved into) exists.
class ManufacturerDb {
public:
    // What Kismet stores in kismet.device.base.manuf when no registry names the address.
    static constexpr std::string_view kUnknownName = "Unknown";
    // What Kismet stores for a Bluetooth LE device that transmits from a random address (TxAdd = 1).
    static constexpr std::string_view kRandomizedName = "Randomized";

    // The registry files read from a directory, in the order MA-L, MA-M, MA-S.
    static constexpr std::array<std::string_view, 3> kRegistryFiles{"oui.csv", "mam.csv", "oui36.csv"};

    // The directory the library was configured with (KISMETCORE_IEEE_DATA_DIR, "/usr/share/ieee-data").
    [[nodiscard]] static std::filesystem::path default_directory();

    // Reads oui.csv, mam.csv and oui36.csv from `directory`. A missing or unreadable file, or one without
    // the registry's header line, is an error; a malformed row is skipped and counted. Throws nothing.
    [[nodiscard]] static ManufacturerDbLoad load(const std::filesystem::path& directory = default_directory());

    // An empty database: every lookup misses (for manuf_lookup=false, or when the registries are absent).
    ManufacturerDb() = default;

    // The longest registered prefix of `mac` (MA-S before MA-M before MA-L). A locally administered address
    // is never looked up. Allocates nothing.
    [[nodiscard]] ManufacturerMatch lookup(MacAddress mac) const noexcept;

    // kismet.device.base.manuf for an 802.11 device: the registry name, else "Unknown". Kismet 2025-09 shows
    // "Unknown" for locally administered 802.11 addresses too (it has no separate label for them there).
    [[nodiscard]] std::string_view device_manuf(MacAddress mac) const noexcept;
    // kismet.device.base.manuf for a Bluetooth LE device: "Randomized" when its advertising address is
    // random (the TxAdd bit of the PDU header, not the MAC's U/L bit), else as device_manuf().
    [[nodiscard]] std::string_view btle_device_manuf(MacAddress mac, bool random_tx_address) const noexcept;

    [[nodiscard]] const ManufacturerFileStats& file_stats(ManufacturerRegistry registry) const noexcept;
    [[nodiscard]] std::size_t assignments() const noexcept;
    [[nodiscard]] std::size_t distinct_names() const noexcept { return distinct_names_; }
    // Heap bytes the database holds (prefix table and name text), for memory accounting.
    [[nodiscard]] std::size_t memory_bytes() const noexcept;

private:
    // One prefix of one registry. `key` is 0 in an empty slot; see prefix_key() in the source.
    struct Slot {
        std::uint64_t key = 0;
        std::uint32_t name_offset = 0;
        std::uint16_t name_length = 0;
        std::uint8_t flags = 0;  // kHasName, kHasMediumChildren, kHasSmallChildren
        std::uint8_t unused = 0;
    };

    class Builder;

    [[nodiscard]] const Slot* find(std::uint64_t key) const noexcept;
    [[nodiscard]] std::string_view name_of(const Slot& slot) const noexcept;

    std::vector<Slot> slots_;   // open addressing, linear probing, power-of-two size
    std::uint32_t shift_ = 64;  // 64 - log2(slots_.size()), for Fibonacci hashing
    std::vector<char> names_;   // every distinct organisation name, back to back
    std::size_t distinct_names_ = 0;
    std::array<ManufacturerFileStats, 3> file_stats_{};
};

// The outcome of ManufacturerDb::load: a database, or the reason there is none.
struct ManufacturerDbLoad {
    std::optional<ManufacturerDb> db;
    std::string error;  // "<file>: <reason>" when db is empty

    [[nodiscard]] explicit operator bool() const noexcept { return db.has_value(); }
};

}  // namespace kismetcore::track
