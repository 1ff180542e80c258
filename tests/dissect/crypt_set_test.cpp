// Kismet's crypt bitfield and crypt string, checked against what real Kismet printed for the same networks.
#include <catch2/catch.hpp>

#include <string>

#include "kismetcore/craft/element_builder.h"
#include "kismetcore/dissect/crypt_set.h"
#include "support/element_frames.h"
#include "support/shared_captures.h"

using namespace kismetcore;
using namespace kismetcore::dissect;
using craft::ElementBuilder;
using craft::rsn_suite;
using craft::wpa_suite;
using kismetcore::testing::parse_elements;

namespace {

struct Classified {
    std::uint64_t bits;
    std::string text;
};

Classified classify(bool privacy, const std::vector<std::uint8_t>& elements) {
    const auto parsed = parse_elements(elements);
    CryptText buffer;
    const auto bits = crypt_bits(privacy, parsed);
    return {bits, std::string(crypt_string(bits, buffer))};
}

std::string text_of(std::uint64_t bits) {
    CryptText buffer;
    return std::string(crypt_string(bits, buffer));
}

craft::RsnSpec rsn_with(std::vector<SuiteSelector> akms) {
    craft::RsnSpec spec;
    spec.akm_suites = std::move(akms);
    return spec;
}

}  // namespace

// The expected numbers are crypt_bitfield values real Kismet 2025-09-R1 logged for these networks
// (../shared/reference/kismet-samples/<capture>/devices_all_devices.ekjson).

TEST_CASE("an open network is Open", "[elements][crypt]") {
    const auto result = classify(false, ElementBuilder{}.ssid("cafe").take());
    CHECK(result.bits == 0);
    CHECK(result.text == "Open");
}

TEST_CASE("the privacy bit alone is WEP", "[elements][crypt]") {
    const auto result = classify(true, ElementBuilder{}.ssid("old").take());
    CHECK(result.bits == crypt::kWep);
    CHECK(result.text == "WEP");
    CHECK(text_of(crypt::kWep | crypt::kGroupWep40) == "WEP40");
    CHECK(text_of(crypt::kWep | crypt::kPairwiseWep104) == "WEP104");
}

TEST_CASE("WPA-PSK with TKIP (wpa-psk-linksys)", "[elements][crypt]") {
    const auto result = classify(true, ElementBuilder{}.ssid("linksys").wpa({}).take());
    CHECK(result.bits == 274911461894ull);
    CHECK(result.text == "WPA1 WPA1-PSK TKIP");
}

TEST_CASE("WPA2-PSK with CCMP (wpa2-psk-linksys)", "[elements][crypt]") {
    const auto result = classify(true, ElementBuilder{}.ssid("linksys").rsn({}).take());
    CHECK(result.bits == 274945016842ull);
    CHECK(result.text == "WPA2 WPA2-PSK AES-CCMP");
}

TEST_CASE("WPA2-PSK-SHA256 prints as WPA2-PSK (n-02)", "[elements][crypt]") {
    const auto result = classify(true, ElementBuilder{}.rsn(rsn_with({rsn_suite(akm::kPskSha256)})).take());
    CHECK(result.bits == 4398113621002ull);
    CHECK(result.text == "WPA2 WPA2-PSK AES-CCMP");
}

TEST_CASE("WPA2-EAP", "[elements][crypt]") {
    const auto result = classify(true, ElementBuilder{}.rsn(rsn_with({rsn_suite(akm::kIeee8021x)})).take());
    CHECK(result.bits ==
          (crypt::kWpa | crypt::kWpa2 | crypt::kGroupCcmp128 | crypt::kPairwiseCcmp128 | crypt::kAkm8021x));
    CHECK(result.text == "WPA2 WPA2-EAP AES-CCMP");
}

TEST_CASE("WPA3-SAE with management frame protection (wpa3-psk)", "[elements][crypt]") {
    auto spec = rsn_with({rsn_suite(akm::kSae)});
    spec.capabilities = 0x00c0;
    spec.group_management_cipher = rsn_suite(cipher::kBipCmac128);
    const auto result = classify(true, ElementBuilder{}.rsn(spec).take());
    CHECK(result.bits == 17592253154330ull);
    CHECK(result.text == "WPA3 WPA3-SAE AES-CCMP");
}

TEST_CASE("WPA2/WPA3 transition, AKM 2 and 8 (pmkid-not-recognized)", "[elements][crypt]") {
    const auto result =
        classify(true, ElementBuilder{}.rsn(rsn_with({rsn_suite(akm::kPsk), rsn_suite(akm::kSae)})).take());
    CHECK(result.bits == 17867131061274ull);
    CHECK(result.text == "WPA3 WPA3-PSK WPA3-SAE AES-CCMP");
}

TEST_CASE("OWE prints as SAE, as Kismet does", "[elements][crypt]") {
    const auto result = classify(true, ElementBuilder{}.rsn(rsn_with({rsn_suite(akm::kOwe)})).take());
    CHECK((result.bits & crypt::kAkmOwe) != 0);
    CHECK((result.bits & crypt::kWpa3) != 0);
    CHECK(result.text == "WPA3 WPA3-SAE AES-CCMP");
}

TEST_CASE("mixed WPA and WPA2 elements (test1, wps2.0)", "[elements][crypt]") {
    SECTION("both with CCMP") {
        craft::WpaSpec wpa;
        wpa.group_cipher = wpa_suite(cipher::kCcmp128);
        wpa.pairwise_ciphers = {wpa_suite(cipher::kCcmp128)};
        const auto result = classify(true, ElementBuilder{}.wpa(wpa).rsn({}).take());
        CHECK(result.bits == 274945016846ull);
        CHECK(result.text == "WPA2 WPA2-PSK AES-CCMP");
    }
    SECTION("TKIP group, TKIP and CCMP pairwise") {
        craft::RsnSpec rsn;
        rsn.group_cipher = rsn_suite(cipher::kTkip);
        rsn.pairwise_ciphers = {rsn_suite(cipher::kCcmp128), rsn_suite(cipher::kTkip)};
        craft::WpaSpec wpa;
        wpa.pairwise_ciphers = {wpa_suite(cipher::kTkip), wpa_suite(cipher::kCcmp128)};
        const auto result = classify(true, ElementBuilder{}.wpa(wpa).rsn(rsn).take());
        CHECK(result.text == "WPA2 WPA2-PSK TKIP AES-CCMP");
    }
    SECTION("a WPA element with CCMP alone stays WPA1 (test1 probe)") {
        craft::WpaSpec wpa;
        wpa.group_cipher = wpa_suite(cipher::kCcmp128);
        wpa.pairwise_ciphers = {wpa_suite(cipher::kCcmp128)};
        const auto result = classify(true, ElementBuilder{}.wpa(wpa).take());
        CHECK(result.bits == 274945016838ull);
        CHECK(result.text == "WPA1 WPA1-PSK AES-CCMP");
    }
}

TEST_CASE("AKM variants of one method repeat its token, as Kismet's string does", "[elements][crypt]") {
    const auto result =
        classify(true, ElementBuilder{}.rsn(rsn_with({rsn_suite(akm::kPsk), rsn_suite(akm::kPskSha256)})).take());
    CHECK(result.text == "WPA2 WPA2-PSK WPA2-PSK AES-CCMP");
}

TEST_CASE("a malformed RSN element only says WPA", "[elements][crypt]") {
    craft::RsnSpec spec;
    spec.akm_count_sent = 4;
    const auto result = classify(true, ElementBuilder{}.rsn(spec).take());
    CHECK(result.bits == crypt::kWpa);
    CHECK(result.text == "WPA");
}

TEST_CASE("vendor suites add no cipher bits", "[elements][crypt]") {
    craft::RsnSpec spec;
    spec.pairwise_ciphers = {dissect::make_suite(0x004096, cipher::kCcmp128)};
    spec.akm_suites = {dissect::make_suite(0x004096, 0)};  // Cisco CCKM
    const auto result = classify(true, ElementBuilder{}.rsn(spec).take());
    CHECK(result.bits == (crypt::kWpa | crypt::kGroupCcmp128));
    CHECK(result.text == "WPA AES-CCMP");
}

TEST_CASE("the longest crypt string fits its buffer", "[elements][crypt]") {
    const std::string every = text_of(~0ull & ~crypt::kWep);
    CHECK(every.rfind("WPA3 WPA3-PSK", 0) == 0);
    CHECK(every.size() < CryptText{}.chars.size());
    CHECK(every.substr(every.size() - 15) == "AES-BIP-CMAC256");
}

TEST_CASE("crypt_string agrees with every string real Kismet logged", "[elements][crypt]") {
    const auto captures = kismetcore::testing::shared_captures_dir();
    if (captures.empty()) {
        WARN("shared captures are not present");
        return;
    }
    const auto samples = captures.parent_path() / "reference" / "kismet-samples";
    std::size_t compared = 0;
    for (const char* capture : {"capture_wds-01", "n-02", "pmkid-not-recognized", "test1", "wpa-psk-linksys",
                                "wpa2-psk-linksys", "wpa3-psk"}) {
        const auto bytes = kismetcore::testing::read_whole_file(samples / capture / "devices_all_devices.ekjson");
        const std::string json(bytes.begin(), bytes.end());
        // Each record lists crypt_bitfield, then crypt_set, then crypt_string.
        for (std::size_t at = json.find("ssid_crypt_bitfield\": "); at != std::string::npos;
             at = json.find("ssid_crypt_bitfield\": ", at + 1)) {
            const auto bits = std::stoull(json.substr(at + 22, 24));
            const auto label = json.find("ssid_crypt_string\": \"", at);
            REQUIRE(label != std::string::npos);
            const auto begin = label + 21;
            const std::string expected = json.substr(begin, json.find('"', begin) - begin);
            INFO(capture << ": bitfield " << bits);
            CHECK(text_of(bits) == expected);
            ++compared;
        }
    }
    CHECK(compared >= 40);
}
