// The engine's capture sources: their Kismet records, kept up to date as packets arrive.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "kismetcore/capture/packet.h"
#include "kismetcore/common/uuid.h"
#include "kismetcore/engine/datasource_definition.h"
#include "kismetcore/track/datasource_record.h"
#include "kismetcore/track/named_source.h"

namespace kismetcore {

// Sources are numbered 1, 2, ... in the order they are added (Kismet's source_number), and that number is the
// capture::SourceId their packets carry; 0 is "no source". Records are never removed, so an id stays valid for
// the registry's life.
//
// Threading: the ingest thread adds sources and counts packets; any thread reads copies. One mutex guards the
// records: the engine counts packets in batches (see Engine), so the lock is taken about once a second per
// source, not per packet. The seen-by records' snapshots (track::DatasourceSnapshots) are copies made at most once
// per change of a record, when a reader first asks for it.
class DatasourceRegistry final : public track::DatasourceSnapshots {
public:
    // `version` is what kismet.datasource.datasource_version shows.
    explicit DatasourceRegistry(std::string version);

    // A file source for `definition`: a new record, running, with the pcapfile driver, the name from `name=`
    // (else the interface) and the UUID from `uuid=` (else Kismet's pcapfile UUID of the interface). When a
    // source with that UUID exists already, it is reused (`added` is false) and marked running again.
    // nullopt and `error` for a `uuid=` that is not a UUID.
    struct Added {
        capture::SourceId id = 0;
        bool added = false;
    };
    std::optional<Added> add_file_source(const DatasourceDefinition& definition, std::string& error);

    void set_link_type(capture::SourceId id, std::uint32_t dlt);
    // Adds `packets` packets of `bytes` captured bytes, `errors` of them damaged, at `second` of the engine's
    // clock (one RRD sample each for the batch).
    void count(capture::SourceId id, std::uint64_t packets, std::uint64_t bytes, std::uint64_t errors,
               std::uint64_t second);
    // The source could not run: error state with its reason, no longer running.
    void fail(capture::SourceId id, std::string reason);

    [[nodiscard]] std::optional<Datasource> find(capture::SourceId id) const;
    [[nodiscard]] std::optional<Datasource> find(const Uuid& uuid) const;
    [[nodiscard]] std::vector<Datasource> all() const;
    [[nodiscard]] std::size_t size() const;
    [[nodiscard]] std::shared_ptr<const Datasource> snapshot(capture::SourceId id) const override;

private:
    struct Entry {
        Datasource record;
        // The last copy handed out by snapshot(), while `record` has not changed since; reset by every change.
        mutable std::shared_ptr<const Datasource> snapshot;
    };
    // The entry to change: its snapshot is dropped, as the record is about to differ from it.
    Entry* changing(capture::SourceId id);

    std::string version_;
    mutable std::mutex mutex_;
    std::vector<std::unique_ptr<Entry>> sources_;
};

}  // namespace kismetcore
