// SSID hashes and IE fingerprints keep the values of Kismet's element-by-element byte walk on awkward inputs.
#include <catch2/catch.hpp>

#include <cstdint>
#include <vector>

#include "kismetcore/track/dot11/element_hashes.h"

using namespace kismetcore::track::dot11;

namespace {

// The expected values below were computed by the original streaming implementation (one walk over the bytes per
// list entry, XXH32 fed four bytes at a time), which agrees with Kismet.

void add_element(std::vector<std::uint8_t>& out, std::uint8_t number, std::vector<std::uint8_t> body) {
    out.push_back(number);
    out.push_back(static_cast<std::uint8_t>(body.size()));
    out.insert(out.end(), body.begin(), body.end());
}

// Forty WPS-style vendor elements with distinct bodies: more matches than one stack buffer holds.
std::vector<std::uint8_t> many_vendor_elements() {
    std::vector<std::uint8_t> out;
    for (std::uint8_t i = 0; i < 40; ++i)
        add_element(out, 221, {0x00, 0x50, 0xF2, 0x02, i, static_cast<std::uint8_t>(i * 7)});
    return out;
}

// 120 empty SSID elements then a DS parameter set: more elements than the fingerprint's element table.
std::vector<std::uint8_t> many_empty_elements() {
    std::vector<std::uint8_t> out;
    for (int i = 0; i < 120; ++i) add_element(out, 0, {});
    add_element(out, 3, {6});
    return out;
}

// Frame order 1, 0, 45, 221 (another OUI), 221 (a listed OUI), then a truncated RSN element.
std::vector<std::uint8_t> mixed_order_elements() {
    std::vector<std::uint8_t> out;
    add_element(out, 1, {0x82, 0x84, 0x8b, 0x96});
    add_element(out, 0, {'n', 'e', 't'});
    add_element(out, 45, {0x2c, 0x01, 0x03});
    add_element(out, 221, {0x00, 0x10, 0x18, 0x02, 0x00});
    add_element(out, 221, {0x00, 0x50, 0xF2, 0x02, 0x01});
    out.insert(out.end(), {48, 20, 1});
    return out;
}

}  // namespace

TEST_CASE("element fingerprints hash in list order, whatever the frame order", "[track][fingerprint]") {
    const auto beacon = parse_fingerprint_list(kDefaultBeaconFingerprint);
    CHECK(element_fingerprint(beacon, mixed_order_elements()) == 1782324020u);
    CHECK(element_fingerprint(beacon, {}) == 46947589u);
}

TEST_CASE("element fingerprints with more matches than one buffer stream the rest", "[track][fingerprint]") {
    const auto wps = parse_fingerprint_list("221-0050F2-2");
    CHECK(element_fingerprint(wps, many_vendor_elements()) == 448753880u);
}

TEST_CASE("element fingerprints over more elements than the table walk the bytes", "[track][fingerprint]") {
    const auto ds_then_ssid = parse_fingerprint_list("3,0");
    CHECK(element_fingerprint(ds_then_ssid, many_empty_elements()) == 2118968708u);
}

TEST_CASE("SSID hashes cover empty, element-sized and oversized inputs", "[track][fingerprint]") {
    CHECK(ssid_hash({}) == 148298089u);
    std::vector<std::uint8_t> mesh_id(255);
    for (std::size_t i = 0; i < mesh_id.size(); ++i) mesh_id[i] = static_cast<std::uint8_t>(i);
    CHECK(ssid_hash(mesh_id) == 2016964367u);
    std::vector<std::uint8_t> oversized(300);
    for (std::size_t i = 0; i < oversized.size(); ++i) oversized[i] = static_cast<std::uint8_t>(i * 3);
    CHECK(ssid_hash(oversized) == 1845948619u);
}
