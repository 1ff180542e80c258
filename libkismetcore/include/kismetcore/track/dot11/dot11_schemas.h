// The field schemas of the 802.11 records: dot11.device, dot11.advertisedssid, dot11.probedssid, dot11.client.
#pragma once

#include "kismetcore/fields/record_schema.h"

namespace kismetcore::track::dot11 {

const fields::RecordSchema& dot11_device_schema();
const fields::RecordSchema& advertised_ssid_schema();
const fields::RecordSchema& probed_ssid_schema();
const fields::RecordSchema& client_record_schema();
const fields::RecordSchema& country_triplet_schema();
const fields::RecordSchema& eapol_record_schema();

}  // namespace kismetcore::track::dot11
