// The datasource record's field schema, in Kismet's order and with Kismet's descriptions.
#include "kismetcore/track/datasource_record.h"

#include "kismetcore/fields/record_schema_builder.h"
#include "kismetcore/track/common_record_schemas.h"

namespace kismetcore {

DatasourceDriver pcapfile_driver() {
    DatasourceDriver driver;
    driver.type = "pcapfile";
    driver.description = "Pre-recorded pcap or pcapng file";
    driver.probe_capable = 1;
    driver.local_capable = 1;
    driver.remote_capable = 1;
    return driver;
}

const fields::RecordSchema& datasource_driver_schema() {
    using D = DatasourceDriver;
    static const fields::RecordSchema schema =
        fields::RecordSchemaBuilder<D>("kismet.datasource.driver")
            .field<&D::type>("kismet.datasource.driver.type", "Type")
            .field<&D::description>("kismet.datasource.driver.description", "Description")
            .field<&D::probe_capable>("kismet.datasource.driver.probe_capable", "Datasource can automatically probe")
            .field<&D::probe_ipc>("kismet.datasource.driver.probe_ipc", "Datasource requires IPC to probe")
            .field<&D::list_capable>("kismet.datasource.driver.list_capable", "Datasource can list interfaces")
            .field<&D::list_ipc>("kismet.datasource.driver.list_ipc", "Datasource requires IPC to list")
            .field<&D::local_capable>("kismet.datasource.driver.local_capable",
                                      "Datasource can support local interfaces")
            .field<&D::local_ipc>("kismet.datasource.driver.local_ipc", "Datasource requires IPC for local interfaces")
            .field<&D::remote_capable>("kismet.datasource.driver.remote_capable",
                                       "Datasource can support remote interfaces")
            .field<&D::passive_capable>("kismet.datasource.driver.passive_capable",
                                        "Datasource can support passive interface-less data")
            .field<&D::tuning_capable>("kismet.datasource.driver.tuning_capable", "Datasource can control channels")
            .field<&D::hop_capable>("kismet.datasource_driver.hop_capable", "Datasource can channel hop")
            .build();
    return schema;
}

const fields::RecordSchema& datasource_schema() {
    using S = Datasource;
    const auto& rrd = track::rrd_schema();
    static const fields::RecordSchema schema =
        fields::RecordSchemaBuilder<S>("kismet.datasource")
            .field<&S::source_number>("kismet.datasource.source_number", "internal source number per Kismet instance")
            .field<&S::source_key>("kismet.datasource.source_key", "hashed UUID key")
            .field<&S::cmd_pending>("kismet.datasource.cmd_pending", "a command is pending")
            .field<&S::paused>("kismet.datasource.paused",
                               "capture is paused (no packets will be processed from this source)")
            .field<&S::ipc_binary>("kismet.datasource.ipc_binary", "capture command")
            .field<&S::ipc_pid>("kismet.datasource.ipc_pid", "capture process")
            .field<&S::running>("kismet.datasource.running", "capture is running")
            .field<&S::datasource_version>("kismet.datasource.datasource_version", "capture version")
            .field<&S::remote_ip>("kismet.datasource.remote_ip", "remote capture IP")
            .field<&S::remote>("kismet.datasource.remote", "capture is connected from a remote server")
            .field<&S::passive>("kismet.datasource.passive", "capture is a post-able passive capture")
            .field<&S::name>("kismet.datasource.name", "Human-readable name")
            .field<&S::uuid>("kismet.datasource.uuid", "UUID", fields::FieldOptions{.type = fields::FieldType::uuid})
            .field<&S::definition>("kismet.datasource.definition", "Original source= definition")
            .field<&S::interface>("kismet.datasource.interface", "Interface")
            .field<&S::capture_interface>("kismet.datasource.capture_interface", "Interface")
            .field<&S::hardware>("kismet.datasource.hardware", "Hardware / chipset")
            .field<&S::dlt>("kismet.datasource.dlt", "DLT (link type)")
            .field<&S::warning>("kismet.datasource.warning", "Warning or unusual interface state")
            .field<&S::channels>("kismet.datasource.channels", "Supported channels")
            .field<&S::hopping>("kismet.datasource.hopping", "Source is channel hopping")
            .field<&S::channel>("kismet.datasource.channel", "Current channel")
            .field<&S::hop_rate>("kismet.datasource.hop_rate", "Hop rate if channel hopping")
            .field<&S::hop_channels>("kismet.datasource.hop_channels", "Hop pattern if hopping")
            .field<&S::hop_split>("kismet.datasource.hop_split", "Split hopping among same type interfaces")
            .field<&S::hop_offset>("kismet.datasource.hop_offset", "Offset into hopping list for multiple sources")
            .field<&S::hop_shuffle>("kismet.datasource.hop_shuffle", "Shuffle channels while hopping")
            .field<&S::hop_shuffle_skip>("kismet.datasource.hop_shuffle_skip",
                                         "Number of channels skipped by source during hop shuffling")
            .field<&S::error>("kismet.datasource.error", "Source is in error state")
            .field<&S::error_reason>("kismet.datasource.error_reason", "Last known reason for error state")
            .field<&S::num_packets>("kismet.datasource.num_packets", "Number of packets seen by source")
            .field<&S::num_error_packets>("kismet.datasource.num_error_packets",
                                          "Number of invalid/error packets seen by source")
            .record<&S::packets_rrd>("kismet.datasource.packets_rrd", "packet rate rrd", rrd)
            .record<&S::packets_datasize_rrd>("kismet.datasource.packets_datasize_rrd", "packet size rrd", rrd)
            .field<&S::retry>("kismet.datasource.retry", "Source will try to re-open after failure")
            .field<&S::retry_attempts>("kismet.datasource.retry_attempts", "Consecutive unsuccessful retry attempts")
            .field<&S::total_retry_attempts>("kismet.datasource.total_retry_attempts",
                                             "Total unsuccessful retry attempts")
            .field<&S::info_antenna_type>("kismet.datasource.info.antenna_type", "User-supplied antenna type")
            .field<&S::info_antenna_gain>("kismet.datasource.info.antenna_gain", "User-supplied antenna gain in dB")
            .field<&S::info_antenna_orientation>("kismet.datasource.info.antenna_orientation",
                                                 "User-supplied antenna orientation")
            .field<&S::info_antenna_beamwidth>("kismet.datasource.info.antenna_beamwidth",
                                               "User-supplied antenna beamwidth")
            .field<&S::info_amp_type>("kismet.datasource.info.amp_type", "User-supplied amplifier type")
            .field<&S::info_amp_gain>("kismet.datasource.info.amp_gain", "User-supplied amplifier gain in dB")
            .field<&S::linktype_override>("kismet.datasource.linktype_override", "Overridden linktype, if any")
            .record<&S::type_driver>("kismet.datasource.type_driver", "Datasource type", datasource_driver_schema())
            .build();
    return schema;
}

}  // namespace kismetcore
