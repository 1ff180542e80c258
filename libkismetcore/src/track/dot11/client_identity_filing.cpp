// Filing what a client's cleartext traffic says about it into its client record, as Kismet's process_client does.
#include "client_identity_filing.h"

#include <memory>
#include <optional>
#include <string>

#include "kismetcore/track/printable_text.h"

namespace kismetcore::track::dot11 {
namespace {

ClientIdentity& identity_of(ClientRecord& record) {
    if (!record.identity) record.identity = std::make_unique<ClientIdentity>();
    return *record.identity;
}

// A name from the air into one of a client record's identity strings: only a non-empty one, munged.
void take_name(ClientRecord& record, std::optional<std::string> ClientIdentity::*field,
               const std::optional<std::span<const std::uint8_t>>& name) {
    if (!name || name->empty()) return;
    identity_of(record).*field = munge_to_printable(*name);
}

}  // namespace

void record_dhcp_identity(ClientRecord& record, const dissect::DhcpMessage& discover) {
    take_name(record, &ClientIdentity::dhcp_vendor, discover.vendor_class);
    take_name(record, &ClientIdentity::dhcp_host, discover.host_name);
}

void record_ip_data(ClientRecord& record, const MacAddress& client, const FrameRoles& roles,
                    const dissect::IpData& data) {
    take_name(record, &ClientIdentity::cdp_device, data.cdp_device);
    take_name(record, &ClientIdentity::cdp_port, data.cdp_port);
    const auto ip_data = [&record]() -> IpDataRecord& {
        auto& slot = identity_of(record).ipdata;
        if (!slot) slot = std::make_unique<IpDataRecord>();
        return *slot;
    };
    switch (data.protocol) {
        case dissect::IpData::Protocol::arp:
            if (roles.source == client) ip_data() = {ip_data_type::kArp, kismet_ipv4_number(data.source), 0, 0};
            break;
        case dissect::IpData::Protocol::tcp: {
            IpDataRecord& ip = ip_data();
            if (roles.source == client)
                ip.address = kismet_ipv4_number(data.source);
            else if (roles.destination == client)
                ip.address = kismet_ipv4_number(data.destination);
            ip.type = ip_data_type::kUdpTcp;
            break;
        }
        case dissect::IpData::Protocol::none:
            break;
    }
}

}  // namespace kismetcore::track::dot11
