// A capture source as the tracker's seen-by records know it: its UUID, and where its datasource record comes from.
#pragma once

#include <memory>

#include "kismetcore/capture/packet.h"
#include "kismetcore/common/uuid.h"
#include "kismetcore/track/datasource_record.h"

namespace kismetcore::track {

// Kismet embeds the whole, live datasource record in every seen-by record (kismet.common.seenby.source). The live
// record belongs to whoever counts the source's packets (the engine's DatasourceRegistry) and changes under the
// ingest thread, while a reader holds only a device's lock. So the owner hands out immutable copies: a reader pins
// the copy that is current when it locks the device (SeenbyList::pin_source_records) and drops it when it
// unlocks. A copy stays valid however the record changes meanwhile, and devices that nobody reads hold none.
class DatasourceSnapshots {
public:
    // Any thread: a copy of the source's record as it is now, or null for an unknown source. Owners make a copy
    // when the record changed since the last one, so readers share it.
    [[nodiscard]] virtual std::shared_ptr<const Datasource> snapshot(capture::SourceId source) const = 0;

protected:
    ~DatasourceSnapshots() = default;
};

// One entry of the tracker's table of named sources (DeviceTracker::name_source). Written once, by the ingest
// thread before the source's first packet; only read after that.
struct NamedSource {
    Uuid uuid{};
    capture::SourceId id = 0;
    const DatasourceSnapshots* records = nullptr;  // null: the seen-by records embed no datasource record

    [[nodiscard]] std::shared_ptr<const Datasource> record() const {
        return records != nullptr ? records->snapshot(id) : nullptr;
    }
};

}  // namespace kismetcore::track
