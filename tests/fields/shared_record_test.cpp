// Shared snapshot records (RecordSchemaBuilder::shared_record): a list writer writes each snapshot once and
// reuses its text, and the output is the same as writing every record on its own.
#include <catch2/catch.hpp>
#include <memory>
#include <string>
#include <vector>

#include "kismetcore/fields/field_catalog.h"
#include "kismetcore/fields/field_spec.h"
#include "kismetcore/fields/serializer.h"
#include "kismetcore/track/common_record_schemas.h"
#include "kismetcore/track/datasource_record.h"
#include "kismetcore/track/seenby_record.h"

namespace {

using kismetcore::Datasource;
using kismetcore::fields::OutputFormat;
using kismetcore::track::SeenbyRecord;

std::shared_ptr<const Datasource> source_with(std::uint64_t packets, std::string name) {
    auto source = std::make_shared<Datasource>();
    source->source_number = 1;
    source->name = std::move(name);
    source->num_packets = packets;
    source->packets_rrd.add_sample(static_cast<double>(packets), 1'800'000'000);
    return source;
}

// What the list writer must produce: each record written on its own, joined as the list format joins them.
std::string list_of(OutputFormat format, const std::vector<SeenbyRecord>& records,
                    const kismetcore::fields::FieldSpec* spec = nullptr) {
    std::string out;
    kismetcore::fields::RecordListWriter writer(out, format);
    for (const auto& record : records) writer.add(kismetcore::track::seenby_record_schema(), record, spec);
    writer.finish();
    return out;
}

}  // namespace

TEST_CASE("a shared snapshot is written once per list and reads the same in every record", "[fields][shared]") {
    const auto first = source_with(10, "wlan0");
    const auto second = source_with(20, "wlan1");
    std::vector<SeenbyRecord> records(5);
    for (std::size_t i = 0; i < records.size(); ++i) {
        records[i].source = i % 2 == 0 ? 1 : 2;
        records[i].num_packets = i + 1;
        records[i].source_record = i % 2 == 0 ? first : second;
    }
    records[3].source_record.reset();  // a record without one writes none

    // The same records, each with a copy of its own: no text can be reused, each snapshot is written in full.
    auto unshared = records;
    for (auto& record : unshared)
        if (record.source_record) record.source_record = std::make_shared<const Datasource>(*record.source_record);

    for (const auto format : {OutputFormat::json, OutputFormat::prettyjson, OutputFormat::ekjson, OutputFormat::itjson,
                              OutputFormat::tjson}) {
        INFO(static_cast<int>(format));
        const std::string listed = list_of(format, records);
        CHECK(listed == list_of(format, unshared));
        CHECK(listed.find("\"wlan0\"") != std::string::npos);
        CHECK(listed.find("\"wlan1\"") != std::string::npos);
    }
    const std::string alone =
        kismetcore::fields::serialize_record(OutputFormat::json, kismetcore::track::seenby_record_schema(), records[3]);
    CHECK(alone.find("seenby.source") == std::string::npos);
}

TEST_CASE("a snapshot replaced between records is written anew", "[fields][shared]") {
    std::vector<SeenbyRecord> records(2);
    records[0].source_record = source_with(10, "wlan0");
    records[1].source_record = records[0].source_record;

    std::string out;
    kismetcore::fields::RecordListWriter writer(out, OutputFormat::ekjson);
    writer.add(kismetcore::track::seenby_record_schema(), records[0]);
    // Every record lets go of the first copy before the next is made, as devices' pins do between two reads. The
    // writer still holds the first, so the new one cannot take its address and be mistaken for it.
    records[0].source_record.reset();
    records[1].source_record.reset();
    records[1].source_record = source_with(11, "wlan0-renamed");
    writer.add(kismetcore::track::seenby_record_schema(), records[1]);
    writer.finish();
    const auto line_break = out.find('\n');
    REQUIRE(line_break != std::string::npos);
    CHECK(out.substr(0, line_break).find("\"wlan0\"") != std::string::npos);
    CHECK(out.substr(line_break).find("\"wlan0-renamed\"") != std::string::npos);
    CHECK(out.substr(line_break).find("\"kismet_datasource_num_packets\": 11") != std::string::npos);
}

TEST_CASE("simplified lists reuse snapshots inside the fields they name", "[fields][shared]") {
    const auto shared = source_with(10, "wlan0");
    std::vector<SeenbyRecord> records(3);
    for (auto& record : records) record.source_record = shared;
    const kismetcore::fields::FieldCatalog catalog({&kismetcore::track::seenby_record_schema()});
    auto parsed = kismetcore::fields::FieldSpec::parse(R"(["kismet.common.seenby.source"])",
                                                       kismetcore::track::seenby_record_schema(), catalog);
    REQUIRE(parsed.spec);
    const std::string one = kismetcore::fields::serialize_record(
        OutputFormat::json, kismetcore::track::seenby_record_schema(), records[0], &*parsed.spec);
    CHECK(list_of(OutputFormat::json, records, &*parsed.spec) == "[" + one + "," + one + "," + one + "]");
}
