// ManufacturerDb: the installed IEEE registries, precedence, randomised MACs, the CSV reader and its errors.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "capture/allocation_counter.h"
#include "kismetcore/track/manufacturer_db.h"
#include "support/capture_files.h"

using kismetcore::MacAddress;
using kismetcore::testing::AllocationCounter;
using kismetcore::testing::TempDir;
using kismetcore::track::ManufacturerDb;
using kismetcore::track::ManufacturerMatch;
using kismetcore::track::ManufacturerRegistry;

namespace {

MacAddress mac(std::string_view text) {
    const auto parsed = MacAddress::parse(text);
    REQUIRE(parsed);
    return *parsed;
}

// Loaded once: every test of the installed registries reads the same immutable database.
const ManufacturerDb& installed_db() {
    static const ManufacturerDb db = [] {
        auto loaded = ManufacturerDb::load();
        INFO(loaded.error);
        REQUIRE(loaded);
        return std::move(*loaded.db);
    }();
    return db;
}

void write_text(const std::filesystem::path& path, std::string_view text) {
    std::ofstream out(path, std::ios::binary);
    out << text;
}

constexpr std::string_view kHeader = "Registry,Assignment,Organization Name,Organization Address\r\n";

}  // namespace

TEST_CASE("the installed registries load every row of Debian 12's ieee-data", "[manuf]") {
    const auto& db = installed_db();
    // ieee-data 20220827.1: python's csv module reads 32530 MA-L rows (3 of them repeat a prefix), 4390 MA-M
    // and 5029 MA-S rows, 48 of them with an address broken over two lines.
    const auto& large = db.file_stats(ManufacturerRegistry::ma_l);
    CHECK(large.assignments == 32527);
    CHECK(large.duplicates == 3);
    CHECK(large.malformed_lines == 0);
    CHECK(db.file_stats(ManufacturerRegistry::ma_m).assignments == 4390);
    CHECK(db.file_stats(ManufacturerRegistry::ma_m).malformed_lines == 0);
    CHECK(db.file_stats(ManufacturerRegistry::ma_s).assignments == 5029);
    CHECK(db.file_stats(ManufacturerRegistry::ma_s).malformed_lines == 0);
    CHECK(db.assignments() == 32527 + 4390 + 5029);
    CHECK(db.distinct_names() == 26368);
    CHECK(db.memory_bytes() < 2 * 1024 * 1024);
}

TEST_CASE("devices of the shared captures get the names Kismet printed for them", "[manuf]") {
    // kismet.device.base.manuf in kismet-samples/*/devices_views_all_devices.json (Kismet 2025-09-R1), for the
    // MACs whose holder the installed registry names the same way.
    struct Expected {
        std::string_view mac;
        std::string_view manuf;
    };
    const Expected expected[] = {
        {"00:11:22:00:00:00", "CIMSYS Inc"},  // capture_wds-01
        {"B0:B9:8A:56:8D:EA", "NETGEAR"},     // n-02
        {"BC:5F:F4:F6:6F:D8", "ASRock Incorporation"},
        {"64:BC:0C:50:13:A9", "LG Electronics (Mobile Communications)"},
        {"2C:F0:A2:DD:BC:D0", "Apple, Inc."},
        {"8C:DE:F9:D0:B4:61", "Beijing Xiaomi Mobile Software Co., Ltd"},  // pmkid-not-recognized
        {"60:7E:A4:4C:EE:73", "Shanghai Imilab Technology Co.Ltd"},
        {"24:DF:A7:95:54:E6", "Hangzhou BroadLink Technology Co.,Ltd"},
        // No-break spaces (U+00A0) between the words, in the registry and in Kismet's output alike.
        {"30:88:41:71:B4:2D", "Sichuan\u00a0AI-Link\u00a0Technology\u00a0Co.,\u00a0Ltd."},
        {"00:9E:C8:E7:36:1C", "Xiaomi Communications Co Ltd"},
        {"24:41:8C:53:2B:3B", "Intel Corporate"},
        {"AC:76:4C:E7:D2:A3", "GUANGDONG OPPO MOBILE TELECOMMUNICATIONS CORP.,LTD"},
        {"28:6C:07:1B:DB:3D", "XIAOMI Electronics,CO.,LTD"},
        {"88:F5:6E:E1:F3:73", "HUAWEI TECHNOLOGIES CO.,LTD"},
        {"F8:1A:67:E5:05:62", "TP-LINK TECHNOLOGIES CO.,LTD."},  // test1
        {"28:10:7B:94:BB:29", "D-Link International"},
        {"98:FF:D0:74:83:6D", "Lenovo Mobile Communication Technology Ltd."},
        {"F0:A2:25:1D:C8:81", "Amazon Technologies Inc."},
        {"7C:64:56:8A:D6:7C", "Samsung Electronics Co.,Ltd"},
        {"4C:5E:0C:B0:4F:F7", "Routerboard.com"},
        {"00:0D:58:EF:88:09", "Private"},          // the registry's own word for a holder that asked not to be named
        {"00:13:CE:55:98:EF", "Intel Corporate"},  // wpa-psk-linksys
        {"00:0F:66:E3:E4:01", "Cisco-Linksys, LLC"},
        {"00:14:BF:0F:03:30", "Cisco-Linksys, LLC"},
    };
    const auto& db = installed_db();
    for (const auto& device : expected) {
        INFO(device.mac);
        const ManufacturerMatch match = db.lookup(mac(device.mac));
        CHECK(match.registry == ManufacturerRegistry::ma_l);
        CHECK_FALSE(match.locally_administered);
        CHECK(match.name == device.manuf);
        CHECK(db.device_manuf(mac(device.mac)) == device.manuf);
    }
    // A prefix the 2022 registry does not list: Kismet printed "Unknown" for it too.
    CHECK_FALSE(db.lookup(mac("B8:3A:35:34:59:11")).found());
    CHECK(db.device_manuf(mac("B8:3A:35:34:59:11")) == "Unknown");
}

TEST_CASE("the installed registry's name stands where Kismet's newer list renamed the holder", "[manuf]") {
    // Kismet printed "Ubiquiti Inc" and "Hewlett Packard Enterprise" (test1, wpa-psk-linksys) from a later
    // registry snapshot than Debian 12's.
    const auto& db = installed_db();
    CHECK(db.device_manuf(mac("24:A4:3C:FE:22:36")) == "Ubiquiti Networks Inc.");
    CHECK(db.device_manuf(mac("00:0B:86:C2:A4:85")) == "Aruba, a Hewlett Packard Enterprise Company");
}

TEST_CASE("an MA-M block overrides its MA-L parent", "[manuf]") {
    const auto& db = installed_db();
    const auto medium = db.lookup(mac("F8:B5:68:3A:BC:DE"));
    CHECK(medium.registry == ManufacturerRegistry::ma_m);
    CHECK(medium.name == "Dongwoo Engineering Co.,Ltd");
    const auto private_block = db.lookup(mac("74:1A:E0:90:00:01"));
    CHECK(private_block.registry == ManufacturerRegistry::ma_m);
    CHECK(private_block.name == "Private");
    // F8:B5:68:F is not assigned: the parent's holder, the IEEE itself, is all the registry knows.
    const auto parent = db.lookup(mac("F8:B5:68:F0:00:00"));
    CHECK(parent.registry == ManufacturerRegistry::ma_l);
    CHECK(parent.name == "IEEE Registration Authority");
}

TEST_CASE("an MA-S block overrides its MA-L parent", "[manuf]") {
    const auto& db = installed_db();
    const auto small = db.lookup(mac("70:B3:D5:F2:F0:01"));
    CHECK(small.registry == ManufacturerRegistry::ma_s);
    CHECK(small.name == "TELEPLATFORMS");
    // Same low twelve bits under another parent: a different holder.
    CHECK(db.lookup(mac("8C:1F:64:C5:7F:FF")).name == "Strategic Robotic Systems");
    CHECK(db.lookup(mac("70:B3:D5:C5:70:00")).name == "eBZ GmbH");
    // A quoted name with doubled quotes inside.
    CHECK(db.lookup(mac("70:B3:D5:F3:E1:23")).name == "\u041e\u041e\u041e \"\u0420\u041e\u041d\u0415\u041a\u0421\"");
}

TEST_CASE("rows around an address broken over two lines are read whole", "[manuf]") {
    const auto& db = installed_db();
    CHECK(db.device_manuf(mac("C4:04:D8:00:00:01")) == "Aviva Links Inc.");
    CHECK(db.device_manuf(mac("E0:CA:3C:00:00:01")) == "Hangzhou Hikvision Digital Technology Co.,Ltd.");
}

TEST_CASE("a prefix listed twice keeps its first holder, as Kismet's list does", "[manuf]") {
    CHECK(installed_db().device_manuf(mac("08:00:30:12:34:56")) == "NETWORK RESEARCH CORPORATION");
}

TEST_CASE("locally administered MACs are flagged, not given a registry name", "[manuf]") {
    const auto& db = installed_db();
    // Randomised clients and virtual APs of the samples; Kismet printed "Unknown" for each.
    for (const auto text :
         {"DA:A1:19:63:32:22", "06:80:12:DF:E1:85", "52:D2:F5:03:B7:1E", "02:00:00:00:00:00", "02:00:00:00:01:00"}) {
        INFO(text);
        const auto match = db.lookup(mac(text));
        CHECK(match.locally_administered);
        CHECK_FALSE(match.found());
        CHECK(match.name.empty());
        CHECK(db.device_manuf(mac(text)) == "Unknown");
    }
    // Some early MA-L assignments carry the U/L bit; an address with the bit set today is random, so it does
    // not inherit DEC's name.
    const auto legacy = db.lookup(mac("AA:00:04:01:02:03"));
    CHECK(legacy.locally_administered);
    CHECK_FALSE(legacy.found());
    // Group addresses are looked up as the registry lists them.
    CHECK(db.lookup(mac("11:11:11:00:00:01")).name == "Private");
}

TEST_CASE("Bluetooth LE devices with a random address are Randomized", "[manuf]") {
    const auto& db = installed_db();
    CHECK(db.btle_device_manuf(mac("C4:04:D8:00:00:01"), true) == "Randomized");
    CHECK(db.btle_device_manuf(mac("F2:11:22:33:44:55"), true) == "Randomized");
    CHECK(db.btle_device_manuf(mac("C4:04:D8:00:00:01"), false) == "Aviva Links Inc.");
}

TEST_CASE("lookups allocate nothing", "[manuf]") {
    const auto& db = installed_db();
    const MacAddress macs[] = {mac("2C:F0:A2:DD:BC:D0"), mac("F8:B5:68:3A:BC:DE"), mac("70:B3:D5:F2:F0:01"),
                               mac("B8:3A:35:34:59:11"), mac("DA:A1:19:63:32:22"), mac("F8:B5:68:F0:00:00")};
    if (!AllocationCounter::available()) WARN("allocations are not counted in sanitizer builds");
    std::size_t total_length = 0;
    AllocationCounter counter;
    for (int round = 0; round < 1000; ++round) {
        for (const auto& address : macs) {
            total_length += db.lookup(address).name.size();
            total_length += db.device_manuf(address).size();
            total_length += db.btle_device_manuf(address, round % 2 == 0).size();
        }
    }
    CHECK(counter.allocations() == 0);
    CHECK(total_length > 0);
}

TEST_CASE("many threads may read one database at once", "[manuf]") {
    const auto& db = installed_db();
    std::vector<std::thread> readers;
    std::vector<int> mismatches(4, 0);
    for (std::size_t t = 0; t < mismatches.size(); ++t) {
        readers.emplace_back([&db, &mismatches, t] {
            const MacAddress apple = *MacAddress::parse("2C:F0:A2:DD:BC:D0");
            const MacAddress teleplatforms = *MacAddress::parse("70:B3:D5:F2:F0:01");
            for (int i = 0; i < 20000; ++i) {
                if (db.device_manuf(apple) != "Apple, Inc.") ++mismatches[t];
                if (db.device_manuf(teleplatforms) != "TELEPLATFORMS") ++mismatches[t];
            }
        });
    }
    for (auto& reader : readers) reader.join();
    CHECK(mismatches == std::vector<int>(4, 0));
}

TEST_CASE("an empty database names nothing", "[manuf]") {
    const ManufacturerDb db;
    CHECK_FALSE(db.lookup(mac("2C:F0:A2:DD:BC:D0")).found());
    CHECK(db.device_manuf(mac("2C:F0:A2:DD:BC:D0")) == "Unknown");
    CHECK(db.assignments() == 0);
    CHECK(db.memory_bytes() == 0);
}

TEST_CASE("a fixture with quoted commas, broken lines and malformed rows", "[manuf]") {
    TempDir dir;
    write_text(dir.file("oui.csv"), std::string{kHeader} +
                                        "MA-L,00AABB,\"Comma, Inc.\",\"1 Road, Town\"\r\n"
                                        "MA-L,00AABC,Plain Name,Somewhere\r\n"
                                        "MA-L,00AABD,Multi Line,\"first line\nsecond line \"\r\n"
                                        "MA-L,00aabe,\"Quote \"\"Q\"\" Co\",\r\n"
                                        "MA-L,ZZAABF,Bad Hex,addr\r\n"
                                        "MA-L,00AAB,Short Prefix,addr\r\n"
                                        "MA-M,00AAC0,Wrong Registry,addr\r\n"
                                        "MA-L,00AAC1,\"Unclosed,addr\r\n"
                                        "MA-L,00AAC8,Survivor,addr\r\n"
                                        "MA-L,00AAC2,\"After\" quote,addr\r\n"
                                        "MA-L,00AAC3,  ,addr\r\n"
                                        "MA-L,00AAB1,Unquoted, Comma,addr\r\n"
                                        "\r\n"
                                        "MA-L,00AAC5,  Padded Name\t ,addr\r\n"
                                        "MA-L,00AABC,Second Holder,addr\r\n"
                                        "MA-L,00AAC6,IEEE Registration Authority,addr\r\n"
                                        "MA-L,00AAC7,Plain Name,no newline at the end");
    // A byte order mark and bare LF line ends are read too.
    write_text(dir.file("mam.csv"),
               "\xEF\xBB\xBFRegistry,Assignment,Organization Name,Organization Address\n"
               "MA-M,00AAC61,Medium Holder,addr\n"
               "MA-M,00AAC6,Too Short,addr\n");
    write_text(dir.file("oui36.csv"), std::string{kHeader} +
                                          "MA-S,00AAC6F00,Small Holder,addr\r\n"
                                          "MA-S,00BBCC123,Orphan Block,addr\r\n");
    const auto loaded = ManufacturerDb::load(dir.path());
    INFO(loaded.error);
    REQUIRE(loaded);
    const auto& db = *loaded.db;

    const auto& large = db.file_stats(ManufacturerRegistry::ma_l);
    CHECK(large.assignments == 8);
    // Bad hex, short prefix, wrong registry, unclosed quote, text after a quote, blank name, five fields.
    CHECK(large.malformed_lines == 7);
    CHECK(large.duplicates == 1);
    CHECK(db.file_stats(ManufacturerRegistry::ma_m).assignments == 1);
    CHECK(db.file_stats(ManufacturerRegistry::ma_m).malformed_lines == 1);
    CHECK(db.file_stats(ManufacturerRegistry::ma_s).assignments == 2);
    CHECK(db.file_stats(ManufacturerRegistry::ma_s).malformed_lines == 0);
    // "Plain Name" serves two prefixes and is stored once.
    CHECK(db.distinct_names() == 10);

    CHECK(db.device_manuf(mac("00:AA:BB:00:00:01")) == "Comma, Inc.");
    CHECK(db.device_manuf(mac("00:AA:BC:00:00:01")) == "Plain Name");
    CHECK(db.device_manuf(mac("00:AA:BD:00:00:01")) == "Multi Line");
    CHECK(db.device_manuf(mac("00:AA:BE:00:00:01")) == "Quote \"Q\" Co");
    CHECK(db.device_manuf(mac("00:AA:C8:00:00:01")) == "Survivor");
    CHECK(db.device_manuf(mac("00:AA:C5:00:00:01")) == "Padded Name");
    CHECK(db.device_manuf(mac("00:AA:C7:00:00:01")) == "Plain Name");
    for (const auto text : {"00:AA:BF:00:00:00", "00:AA:C0:00:00:00", "00:AA:C1:00:00:00", "00:AA:C2:00:00:00",
                            "00:AA:C3:00:00:00", "00:AA:B1:00:00:00"}) {
        INFO(text);
        CHECK(db.device_manuf(mac(text)) == "Unknown");
    }

    CHECK(db.lookup(mac("00:AA:C6:1F:FF:FF")).registry == ManufacturerRegistry::ma_m);
    CHECK(db.lookup(mac("00:AA:C6:1F:FF:FF")).name == "Medium Holder");
    CHECK(db.lookup(mac("00:AA:C6:F0:0A:BC")).registry == ManufacturerRegistry::ma_s);
    CHECK(db.lookup(mac("00:AA:C6:F0:0A:BC")).name == "Small Holder");
    CHECK(db.lookup(mac("00:AA:C6:F1:00:00")).name == "IEEE Registration Authority");
    // An MA-S block whose parent the MA-L file lacks is still found; the parent alone names nothing.
    CHECK(db.device_manuf(mac("00:BB:CC:12:3F:FF")) == "Orphan Block");
    CHECK_FALSE(db.lookup(mac("00:BB:CC:00:00:00")).found());
}

TEST_CASE("the views stay valid when the database is moved", "[manuf]") {
    TempDir dir;
    write_text(dir.file("oui.csv"), std::string{kHeader} + "MA-L,00AABB,Moved Holder,addr\r\n");
    write_text(dir.file("mam.csv"), kHeader);
    write_text(dir.file("oui36.csv"), kHeader);
    auto loaded = ManufacturerDb::load(dir.path());
    REQUIRE(loaded);
    const std::string_view name = loaded.db->device_manuf(mac("00:AA:BB:01:02:03"));
    const ManufacturerDb moved = std::move(*loaded.db);
    loaded.db.reset();
    CHECK(name == "Moved Holder");
    CHECK(moved.device_manuf(mac("00:AA:BB:01:02:03")).data() == name.data());
}

TEST_CASE("a missing, unreadable or foreign registry file is a clear error", "[manuf]") {
    TempDir dir;
    SECTION("no files at all") {
        const auto loaded = ManufacturerDb::load(dir.path());
        CHECK_FALSE(loaded);
        CHECK(loaded.error == (dir.file("oui.csv").string() + ": cannot open: No such file or directory"));
    }
    SECTION("one of the three is missing") {
        write_text(dir.file("oui.csv"), kHeader);
        write_text(dir.file("oui36.csv"), kHeader);
        const auto loaded = ManufacturerDb::load(dir.path());
        CHECK_FALSE(loaded);
        CHECK(loaded.error == (dir.file("mam.csv").string() + ": cannot open: No such file or directory"));
    }
    SECTION("a directory where a file should be") {
        write_text(dir.file("oui.csv"), kHeader);
        write_text(dir.file("mam.csv"), kHeader);
        std::filesystem::create_directory(dir.file("oui36.csv"));
        const auto loaded = ManufacturerDb::load(dir.path());
        CHECK_FALSE(loaded);
        CHECK(loaded.error == (dir.file("oui36.csv").string() + ": cannot read: Is a directory"));
    }
    SECTION("a file in another format") {
        write_text(dir.file("oui.csv"), "00-11-22   (hex)\t\tCIMSYS Inc\n");
        write_text(dir.file("mam.csv"), kHeader);
        write_text(dir.file("oui36.csv"), kHeader);
        const auto loaded = ManufacturerDb::load(dir.path());
        CHECK_FALSE(loaded);
        CHECK(loaded.error.starts_with(dir.file("oui.csv").string() + ": not an IEEE registry file"));
    }
    SECTION("an empty file") {
        write_text(dir.file("oui.csv"), kHeader);
        write_text(dir.file("mam.csv"), "");
        write_text(dir.file("oui36.csv"), kHeader);
        const auto loaded = ManufacturerDb::load(dir.path());
        CHECK_FALSE(loaded);
        CHECK(loaded.error.starts_with(dir.file("mam.csv").string() + ": not an IEEE registry file"));
    }
}

TEST_CASE("the default directory is the one the library was configured with", "[manuf]") {
    CHECK(ManufacturerDb::default_directory() == std::filesystem::path{"/usr/share/ieee-data"});
}
