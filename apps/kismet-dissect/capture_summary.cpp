// Per-file counts for kismet-dissect's summary format.
#include "capture_summary.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace kismetcore::apps {

void CaptureSummary::count(const dissect::DissectedPacket& dissected) {
    ++packets_;
    if (dissected.has_dot11)
        ++by_type_[dissected.dot11.frame.type_name()];
    else if (dissected.error.ok())
        ++non_dot11_;
    if (!dissected.error.ok())
        ++errors_[std::string(dissect::to_string(dissected.error.status)) + ": " + dissected.error.reason];
}

void CaptureSummary::print(std::FILE* out) const {
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> json(buffer);
    json.StartObject();
    json.Key("file");
    json.String(file_.c_str());
    json.Key("packets");
    json.Uint64(packets_);
    json.Key("non_dot11");
    json.Uint64(non_dot11_);
    json.Key("types");
    json.StartObject();
    for (const auto& [name, count] : by_type_) {
        json.Key(name.c_str());
        json.Uint64(count);
    }
    json.EndObject();
    json.Key("errors");
    json.StartObject();
    for (const auto& [reason, count] : errors_) {
        json.Key(reason.c_str());
        json.Uint64(count);
    }
    json.EndObject();
    if (!read_error_.empty()) {
        json.Key("read_error");
        json.String(read_error_.c_str());
    }
    json.EndObject();
    std::fwrite(buffer.GetString(), 1, buffer.GetSize(), out);
    std::fputc('\n', out);
}

}  // namespace kismetcore::apps
