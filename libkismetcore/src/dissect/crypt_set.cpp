// Kismet's crypt bitfield and crypt string, from the privacy bit and the RSN (IEEE 802.11-2020 9.4.2.25) and
// WPA elements. The mapping of each suite to bits follows Kismet 2025-09 (phy_80211_dissectors.cc), including
// its choices of version bit per suite; the string follows its crypt_to_simple_string.
#include "kismetcore/dissect/crypt_set.h"

#include <array>
#include <cstring>
#include <string_view>

namespace kismetcore::dissect {
namespace {

using namespace crypt;

// Cipher suite type (Table 9-149) to its position in the group / pairwise bit ranges; -1 for none.
constexpr int cipher_position(std::uint8_t type) noexcept {
    switch (type) {
        case cipher::kWep40:
            return cipher_bit::kWep40;
        case cipher::kTkip:
            return cipher_bit::kTkip;
        case cipher::kOcb:
            return cipher_bit::kOcb;
        case cipher::kCcmp128:
            return cipher_bit::kCcmp128;
        case cipher::kWep104:
            return cipher_bit::kWep104;
        case cipher::kBipCmac128:
            return cipher_bit::kBipCmac128;
        case cipher::kGcmp128:
            return cipher_bit::kGcmp128;
        case cipher::kGcmp256:
            return cipher_bit::kGcmp256;
        case cipher::kCcmp256:
            return cipher_bit::kCcmp256;
        case cipher::kBipGmac128:
            return cipher_bit::kBipGmac128;
        case cipher::kBipGmac256:
            return cipher_bit::kBipGmac256;
        case cipher::kBipCmac256:
            return cipher_bit::kBipCmac256;
        default:
            return -1;  // use-group, group-not-allowed, reserved
    }
}

constexpr bool is_wep(std::uint8_t type) noexcept {
    return type == cipher::kWep40 || type == cipher::kWep104;
}

// Group cipher: WEP suites mark WEP, every other known suite marks generic WPA.
constexpr std::uint64_t group_bits(std::uint8_t type) noexcept {
    const int position = cipher_position(type);
    if (position < 0) return 0;
    return (is_wep(type) ? kWep : kWpa) | group(static_cast<unsigned>(position));
}

// RSN pairwise cipher: Kismet reads TKIP as WPA, the AES data ciphers as WPA2 and the BIP suites as WPA3.
constexpr std::uint64_t rsn_pairwise_bits(std::uint8_t type) noexcept {
    const int position = cipher_position(type);
    if (position < 0) return 0;
    std::uint64_t version = kWpa2;
    if (is_wep(type)) version = kWep;
    if (type == cipher::kTkip) version = kWpa;
    if (type == cipher::kBipCmac128 || type == cipher::kBipGmac128 || type == cipher::kBipGmac256 ||
        type == cipher::kBipCmac256)
        version = kWpa3;
    return version | pairwise(static_cast<unsigned>(position));
}

// WPA pairwise cipher: always generic WPA (or WEP).
constexpr std::uint64_t wpa_pairwise_bits(std::uint8_t type) noexcept {
    const int position = cipher_position(type);
    if (position < 0) return 0;
    return (is_wep(type) ? kWep : kWpa) | pairwise(static_cast<unsigned>(position));
}

// RSN AKM: every listed suite marks WPA; SAE and the AKMs defined after it (9 to 20) also mark WPA3.
constexpr std::uint64_t rsn_akm_bits(std::uint8_t type) noexcept {
    std::uint64_t bits = kWpa;
    if (type >= akm::kIeee8021x && type <= akm::kPskSha384) bits |= akm_bit(type);
    if (type >= akm::kSae && type <= akm::kPskSha384) bits |= kWpa3;
    return bits;
}

// WPA AKM: the WPA element only knows 802.1X and PSK and their early variants (1 to 7).
constexpr std::uint64_t wpa_akm_bits(std::uint8_t type) noexcept {
    std::uint64_t bits = kWpa;
    if (type >= akm::kIeee8021x && type <= akm::kTdls) bits |= akm_bit(type);
    return bits;
}

// The per-suite mappings above as 256-entry tables, one lookup per suite on the per-packet path.
struct SuiteTables {
    std::array<std::uint64_t, 256> group{}, rsn_pairwise{}, wpa_pairwise{}, rsn_akm{}, wpa_akm{};
};
constexpr SuiteTables make_suite_tables() noexcept {
    SuiteTables tables;
    for (unsigned type = 0; type < 256; ++type) {
        const auto octet = static_cast<std::uint8_t>(type);
        tables.group[type] = group_bits(octet);
        tables.rsn_pairwise[type] = rsn_pairwise_bits(octet);
        tables.wpa_pairwise[type] = wpa_pairwise_bits(octet);
        tables.rsn_akm[type] = rsn_akm_bits(octet);
        tables.wpa_akm[type] = wpa_akm_bits(octet);
    }
    return tables;
}
constexpr SuiteTables kSuiteTables = make_suite_tables();

// Suites of another OUI (vendor suites, 9.4.2.25.2) carry no standard meaning and add nothing.
std::uint64_t security_bits(const RsnElement& element, std::uint32_t suite_owner, bool is_rsn) noexcept {
    const auto& pairwise_table = is_rsn ? kSuiteTables.rsn_pairwise : kSuiteTables.wpa_pairwise;
    const auto& akm_table = is_rsn ? kSuiteTables.rsn_akm : kSuiteTables.wpa_akm;
    std::uint64_t bits = 0;
    if (element.group_cipher && suite_oui(*element.group_cipher) == suite_owner)
        bits |= kSuiteTables.group[suite_type(*element.group_cipher)];
    for (auto suite : element.pairwise_ciphers)
        if (suite_oui(suite) == suite_owner) bits |= pairwise_table[suite_type(suite)];
    for (auto suite : element.akm_suites)  // Kismet marks WPA for every AKM entry, whatever it is
        bits |= suite_oui(suite) == suite_owner ? akm_table[suite_type(suite)] : kWpa;
    if (!is_rsn && element.version == 1) bits |= kWpa1;
    return bits;
}

// --- crypt string ---------------------------------------------------------------------------------------

struct Token {
    std::uint64_t bits;
    std::string_view text;
};

// "<generation>-<method>" tokens in Kismet's order; several AKM variants share one method name.
constexpr Token kMethodTokens[] = {
    {kAkmPsk, "-PSK"},
    {kAkmPskFt, "-PSK"},
    {kAkmPskSha256, "-PSK"},
    {kAkmPskSha384, "-PSK"},
    {kAkmPskSha384Ft, "-PSK"},
    {kAkmSae, "-SAE"},
    {kAkmSaeFt, "-SAE"},
    {kAkmTdls, "-TDLS"},
    {kAkmApPeer, "-AP-PEER"},
    {kAkmFilsSha256, "-FILS"},
    {kAkmFilsSha256Ft, "-FILS"},
    {kAkmFilsSha384, "-FILS"},
    {kAkmFilsSha384Ft, "-FILS"},
    {kAkmOwe, "-SAE"},
    {kAkm8021x, "-EAP"},
    {kAkm8021xFt, "-EAP-FT"},
    {kAkm8021xSuiteBSha256, "-EAP-SUITEB-SHA256"},
    {kAkm8021xSuiteBSha384, "-EAP-SUITEB-SHA384"},
    {kEapPeap, "-PEAP"},
    {kEapLeap, "-LEAP"},
    {kEapTtls, "-TTLS"},
    {kEapTls, "-TLS"},
};

// Cipher tokens: printed when the cipher is the group or a pairwise cipher.
constexpr Token kCipherTokens[] = {
    {kGroupTkip | kPairwiseTkip, "TKIP"},
    {kGroupOcb | kPairwiseOcb, "AES-OCB"},
    {kGroupCcmp128 | kPairwiseCcmp128, "AES-CCMP"},
    {kGroupBipCmac128 | kPairwiseBipCmac128, "AES-BIP-CMAC128"},
    {kGroupGcmp128 | kPairwiseGcmp128, "AES-GCMP128"},
    {kGroupGcmp256 | kPairwiseGcmp256, "AES-GCMP256"},
    {kGroupCcmp256 | kPairwiseCcmp256, "AES-CCMP256"},
    {kGroupBipGmac128 | kPairwiseBipGmac128, "AES-BIP-GMAC128"},
    {kGroupBipGmac256 | kPairwiseBipGmac256, "AES-BIP-GMAC256"},
    {kGroupBipCmac256 | kPairwiseBipCmac256, "AES-BIP-CMAC256"},
};

// The longest string: every token, each after a space, with the four-letter generation.
constexpr std::size_t longest_crypt_string() noexcept {
    std::size_t length = 4;
    for (const auto& token : kMethodTokens) length += 1 + 4 + token.text.size();
    for (const auto& token : kCipherTokens) length += 1 + token.text.size();
    return length;
}
static_assert(longest_crypt_string() < CryptText{}.chars.size(), "CryptText too small for every token");

// Appends space-separated tokens into the fixed buffer (Kismet's string_append with a " " delimiter).
class TokenWriter {
public:
    explicit TokenWriter(CryptText& buffer) noexcept : buffer_(buffer) {}

    void token(std::string_view first, std::string_view second = {}) noexcept {
        if (length_ != 0) put(" ");
        put(first);
        put(second);
    }
    [[nodiscard]] std::string_view view() const noexcept { return {buffer_.chars.data(), length_}; }

private:
    void put(std::string_view text) noexcept {
        if (text.empty()) return;  // an empty view may carry a null pointer, which memcpy must not see
        const std::size_t room = buffer_.chars.size() - 1 - length_;
        const std::size_t count = text.size() < room ? text.size() : room;
        std::memcpy(buffer_.chars.data() + length_, text.data(), count);
        length_ += count;
        buffer_.chars[length_] = '\0';
    }

    CryptText& buffer_;
    std::size_t length_ = 0;
};

}  // namespace

std::uint64_t crypt_bits(bool privacy, const InformationElements& elements) noexcept {
    std::uint64_t bits = 0;
    const auto& rsn = elements.rsn();
    const auto& wpa = elements.wpa();
    if (rsn) bits |= rsn->malformed ? kWpa : security_bits(*rsn, oui::kIeee80211, true);
    if (wpa) bits |= wpa->malformed ? kWpa : security_bits(*wpa, oui::kMicrosoft, false);
    if (privacy && !rsn && !wpa) bits |= kWep;
    return bits;
}

std::string_view crypt_string(std::uint64_t bits, CryptText& buffer) noexcept {
    TokenWriter out(buffer);
    if (bits == kOpen) {
        out.token("Open");
        return out.view();
    }
    if ((bits & kWep) != 0) {
        if ((bits & (kPairwiseWep40 | kGroupWep40)) != 0)
            out.token("WEP40");
        else if ((bits & (kPairwiseWep104 | kGroupWep104)) != 0)
            out.token("WEP104");
        else
            out.token("WEP");
        return out.view();
    }

    std::string_view generation = "WPA";
    if ((bits & kWpa1) != 0) generation = "WPA1";
    if ((bits & kWpa2) != 0) generation = "WPA2";
    if ((bits & kWpa3) != 0) generation = "WPA3";

    if ((bits & kWpa) != 0) out.token(generation);
    for (const auto& token : kMethodTokens)
        if ((bits & token.bits) != 0) out.token(generation, token.text);
    for (const auto& token : kCipherTokens)
        if ((bits & token.bits) != 0) out.token(token.text);
    return out.view();
}

}  // namespace kismetcore::dissect
