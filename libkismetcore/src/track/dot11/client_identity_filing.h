// Filing what a client's cleartext traffic says about it (DHCP, CDP, ARP, TCP) into its client record, as Kismet's
// process_client files its IP-data dissector's findings (private to the 802.11 tracker).
#pragma once

#include "dot11_frame_roles.h"
#include "kismetcore/dissect/dhcp_message.h"
#include "kismetcore/dissect/ip_data.h"
#include "kismetcore/track/dot11/client_record.h"

namespace kismetcore::track::dot11 {

// dot11.client.dhcp_host and dhcp_vendor from a DISCOVER's options 12 and 60, munged as Kismet munges them. Like
// Kismet, only a non-empty value is taken, so a discover without the option keeps what an earlier one said. (Kismet
// sets them on whichever device its process_client is called for; a DISCOVER goes to the broadcast address, which
// is never a device, so that is the sender.)
void record_dhcp_identity(ClientRecord& record, const dissect::DhcpMessage& discover);

// dot11.client.cdp_device, cdp_port and ipdata of `client`'s record: CDP names whenever non-empty; an ARP packet's
// sender address only when the client sent the frame; a TCP segment's address on the client's side of it. Every
// such packet overwrites the address (so TCP traffic replaces an ARP address, and the other way round).
void record_ip_data(ClientRecord& record, const MacAddress& client, const FrameRoles& roles,
                    const dissect::IpData& data);

}  // namespace kismetcore::track::dot11
