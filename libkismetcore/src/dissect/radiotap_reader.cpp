// Walks a radiotap header (radiotap.org): presence words, namespaces, alignment, then the frame after it_len.
#include "kismetcore/dissect/radiotap_reader.h"

#include "dissect/link_layer_internal.h"
#include "dissect/radiotap_common_fields.h"
#include "dissect/radiotap_fields.h"
#include "dissect/reset_to_default.h"
#include "kismetcore/common/byte_cursor.h"

namespace kismetcore::dissect {
namespace {

using namespace radiotap;

constexpr std::size_t kPresenceOffset = 4;

enum class Namespace : std::uint8_t { radiotap, vendor };

// Walks the data of every presence word. Alignment is relative to the start of the header, which is where
// `fields` starts. Within the default namespace, a word that does not reset the namespace continues the
// numbering (the second word holds fields 32-63, and so on); bits 29, 30 and 31 mean the same in every word.
class FieldWalker {
public:
    FieldWalker(std::span<const std::uint8_t> header, std::size_t word_count, RadioInfo& radio) noexcept
        : header_(header), word_count_(word_count), fields_(header), radio_(radio) {
        fields_.seek(kPresenceOffset + 4 * word_count);
    }

    DissectError walk() noexcept {
        ByteCursor bitmaps(header_);
        bitmaps.seek(kPresenceOffset);
        for (std::size_t word = 0; word < word_count_; ++word) {
            std::uint32_t present = 0;
            bitmaps.read_le32(present);  // dissect_radiotap counted the words within it_len
            if (const auto error = walk_word(present); !error.ok()) return error;
        }
        flush_chain();
        return kDissectOk;
    }

private:
    // The data of one word's fields lies in bit order: the registry fields (bits 0-27), the TLV list (28),
    // then the vendor namespace header (30). Bit 29 has no data.
    DissectError walk_word(std::uint32_t present) noexcept {
        constexpr std::uint32_t kFieldBits = (1u << kRadiotapNamespace) - 1;  // bits 0-28
        if (!stopped_ && namespace_ == Namespace::radiotap && (present & kFieldBits) != 0) {
            if (field_base_ != 0) {
                // Fields 32 and up exist only as TLVs: nothing after one can be located.
                stop_unknown();
            } else {
                if (!decode_fields(fields_, present & ((1u << kTlv) - 1), radio_, chain_))
                    return past_it_len("radiotap field runs past it_len");
                if ((present & (1u << kTlv)) != 0) {
                    if (const auto error = read_tlvs(); !error.ok()) return error;
                }
            }
        }
        const bool vendor = (present & (1u << kVendorNamespace)) != 0;
        if (vendor && !stopped_) {  // the vendor field's position is unknown after an unknown field
            if (const auto error = skip_vendor_namespace(); !error.ok()) return error;
        }
        if (vendor || (present & (1u << kRadiotapNamespace)) != 0) {
            flush_chain();
            namespace_ = vendor ? Namespace::vendor : Namespace::radiotap;
            field_base_ = 0;
        } else {
            field_base_ += 32;
        }
        return kDissectOk;
    }

    // The TLV list fills the rest of the header; nothing can follow it (radiotap.org/fields/TLV).
    DissectError read_tlvs() noexcept {
        stopped_ = true;
        if (!fields_.align(4)) return kDissectOk;  // no room for even the padding: an empty list
        if (!decode_tlvs(fields_.rest(), radio_, chain_)) return past_it_len("radiotap TLV runs past it_len");
        return kDissectOk;
    }

    // Without its size and alignment nothing after an unknown field can be located.
    void stop_unknown() noexcept {
        stopped_ = true;
        radio_.fields_complete = false;
    }

    // Field 30: u8 OUI[3], u8 sub_namespace, u16 skip_length, aligned to 2. We know no vendor namespaces, so
    // the vendor's data, which follows at once, is skipped whole.
    DissectError skip_vendor_namespace() noexcept {
        std::span<const std::uint8_t> oui;
        std::uint8_t sub_namespace = 0;
        std::uint16_t skip_length = 0;
        if (!fields_.align(2) || !fields_.read_bytes(3, oui) || !fields_.read_u8(sub_namespace) ||
            !fields_.read_le16(skip_length))
            return past_it_len("radiotap vendor namespace runs past it_len");
        if (!fields_.skip(skip_length)) return past_it_len("radiotap vendor namespace data runs past it_len");
        if (radio_.vendor_namespaces < 0xFF) ++radio_.vendor_namespaces;
        return kDissectOk;
    }

    // One namespace's worth of default-namespace words describes one receive chain when it names an antenna
    // and measures something on it.
    void flush_chain() noexcept {
        if (chain_.antenna && (chain_.signal_dbm || chain_.noise_dbm))
            radio_.add_antenna(AntennaReading{*chain_.antenna, chain_.signal_dbm, chain_.noise_dbm});
        chain_ = ChainReading{};
    }

    DissectError past_it_len(const char* reason) const noexcept {
        return dissect_error(DissectStatus::malformed, reason, fields_.offset());
    }

    std::span<const std::uint8_t> header_;
    std::size_t word_count_;
    ByteCursor fields_;
    RadioInfo& radio_;
    ChainReading chain_{};
    Namespace namespace_ = Namespace::radiotap;
    unsigned field_base_ = 0;
    bool stopped_ = false;
};

// The general walk over every presence word, then the frame after the header. Out of line, and so are the FCS
// check's callers, so that the fast path, which nearly every packet takes, calls nothing but in tail position and
// pays no stack frame or register saves.
[[gnu::noinline]] DissectError walk_fields_then_finish(std::span<const std::uint8_t> packet, std::uint16_t length,
                                                       std::size_t word_count, RadioInfo& radio,
                                                       LinkPayload& payload) noexcept {
    FieldWalker walker(packet.first(length), word_count, radio);
    if (const auto error = walker.walk(); !error.ok()) return error;
    return finish_dot11_payload(packet, length, radio.fcs_present, radio, payload);
}

[[gnu::noinline]] DissectError finish_with_fcs(std::span<const std::uint8_t> packet, std::uint16_t length,
                                               RadioInfo& radio, LinkPayload& payload) noexcept {
    return finish_dot11_payload(packet, length, true, radio, payload);
}

}  // namespace

DissectError dissect_radiotap(std::span<const std::uint8_t> packet, RadioInfo& radio, LinkPayload& payload) noexcept {
    detail::reset_to_default(radio);
    payload = LinkPayload{};
    radio.header = LinkHeaderType::radiotap;

    ByteCursor cursor(packet);
    std::uint8_t version = 0, pad = 0;
    std::uint16_t length = 0;
    if (!cursor.read_u8(version) || !cursor.read_u8(pad) || !cursor.read_le16(length) || !cursor.has(4))
        return dissect_error(DissectStatus::truncated, "radiotap header shorter than 8 bytes", 0);
    if (version != 0) return dissect_error(DissectStatus::unsupported_version, "radiotap it_version is not 0", 0);
    if (length < 8) return dissect_error(DissectStatus::malformed, "radiotap it_len is below 8 bytes", 2);
    if (length > packet.size())
        return dissect_error(DissectStatus::truncated, "radiotap it_len runs past the captured bytes", 2);

    const auto header = packet.first(length);
    ByteCursor bitmaps(header);
    bitmaps.seek(kPresenceOffset);
    std::size_t word_count = 0;
    std::uint32_t present = 0;
    do {
        if (!bitmaps.read_le32(present))
            return dissect_error(DissectStatus::malformed, "radiotap presence bitmaps run past it_len",
                                 bitmaps.offset());
        ++word_count;
    } while ((present & (1u << kExt)) != 0);

    if (word_count != 1 || !decode_common_fields(header, present, radio))
        return walk_fields_then_finish(packet, length, word_count, radio, payload);
    if (radio.fcs_present) return finish_with_fcs(packet, length, radio, payload);
    return finish_dot11_payload(packet, length, false, radio, payload);
}

}  // namespace kismetcore::dissect
