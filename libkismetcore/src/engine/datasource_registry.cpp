// The engine's capture sources.
#include "kismetcore/engine/datasource_registry.h"

#include <utility>

namespace kismetcore {
namespace {

constexpr std::string_view kPcapfileHelper = "kismet_cap_pcapfile";

}  // namespace

DatasourceRegistry::DatasourceRegistry(std::string version) : version_(std::move(version)) {}

std::optional<DatasourceRegistry::Added> DatasourceRegistry::add_file_source(const DatasourceDefinition& definition,
                                                                             std::string& error) {
    Uuid uuid = kismet_pcapfile_uuid(definition.interface);
    if (const auto given = definition.option("uuid")) {
        const auto parsed = parse_uuid(*given);
        if (!parsed) {
            error = "source definition '" + definition.text + "': '" + std::string(*given) + "' is not a UUID";
            return std::nullopt;
        }
        uuid = *parsed;
    }

    const std::scoped_lock lock(mutex_);
    for (const auto& existing : sources_) {
        if (existing->record.uuid != uuid) continue;
        existing->snapshot.reset();
        Datasource& record = existing->record;
        record.running = 1;
        record.error = 0;
        record.error_reason.clear();
        return Added{static_cast<capture::SourceId>(record.source_number), false};
    }
    auto entry = std::make_unique<Entry>();
    Datasource* source = &entry->record;
    source->source_number = sources_.size() + 1;
    source->uuid = uuid;
    source->source_key = kismet_source_key(uuid);
    source->ipc_binary = std::string(kPcapfileHelper);
    source->running = 1;
    source->datasource_version = version_;
    source->name = std::string(definition.option("name").value_or(definition.interface));
    source->definition = definition.canonical_text();
    source->interface = definition.interface;
    source->type_driver = pcapfile_driver();
    const auto id = static_cast<capture::SourceId>(source->source_number);
    sources_.push_back(std::move(entry));
    return Added{id, true};
}

DatasourceRegistry::Entry* DatasourceRegistry::changing(capture::SourceId id) {
    if (id == 0 || id > sources_.size()) return nullptr;
    Entry* entry = sources_[id - 1].get();
    entry->snapshot.reset();
    return entry;
}

void DatasourceRegistry::set_link_type(capture::SourceId id, std::uint32_t dlt) {
    const std::scoped_lock lock(mutex_);
    if (Entry* entry = changing(id)) entry->record.dlt = dlt;
}

void DatasourceRegistry::count(capture::SourceId id, std::uint64_t packets, std::uint64_t bytes, std::uint64_t errors,
                               std::uint64_t second) {
    const std::scoped_lock lock(mutex_);
    Entry* entry = changing(id);
    if (entry == nullptr) return;
    Datasource* source = &entry->record;
    source->num_packets += packets;
    source->num_error_packets += errors;
    source->packets_rrd.add_sample(static_cast<double>(packets), second);
    source->packets_datasize_rrd.add_sample(static_cast<double>(bytes), second);
}

void DatasourceRegistry::fail(capture::SourceId id, std::string reason) {
    const std::scoped_lock lock(mutex_);
    Entry* entry = changing(id);
    if (entry == nullptr) return;
    Datasource* source = &entry->record;
    source->error = 1;
    source->error_reason = std::move(reason);
    source->running = 0;
}

std::optional<Datasource> DatasourceRegistry::find(capture::SourceId id) const {
    const std::scoped_lock lock(mutex_);
    if (id == 0 || id > sources_.size()) return std::nullopt;
    return sources_[id - 1]->record;
}

std::optional<Datasource> DatasourceRegistry::find(const Uuid& uuid) const {
    const std::scoped_lock lock(mutex_);
    for (const auto& source : sources_)
        if (source->record.uuid == uuid) return source->record;
    return std::nullopt;
}

std::vector<Datasource> DatasourceRegistry::all() const {
    const std::scoped_lock lock(mutex_);
    std::vector<Datasource> copies;
    copies.reserve(sources_.size());
    for (const auto& source : sources_) copies.push_back(source->record);
    return copies;
}

std::size_t DatasourceRegistry::size() const {
    const std::scoped_lock lock(mutex_);
    return sources_.size();
}

std::shared_ptr<const Datasource> DatasourceRegistry::snapshot(capture::SourceId id) const {
    const std::scoped_lock lock(mutex_);
    if (id == 0 || id > sources_.size()) return nullptr;
    const Entry& entry = *sources_[id - 1];
    if (!entry.snapshot) entry.snapshot = std::make_shared<const Datasource>(entry.record);
    return entry.snapshot;
}

}  // namespace kismetcore
