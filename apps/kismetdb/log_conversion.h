// kismetdb to-pcapng and to-pcap: a log's packets back into capture files, with their original bytes and times.
#pragma once

#include <string>

namespace kismetcore::apps {

// One pcapng interface per datasource and link type, in the order they first appear. Returns 0, or 1 with the
// reason on stderr.
int log_to_pcapng(const std::string& log_path, const std::string& output);
// A pcap file holds one link type: a log with packets of several fails with 1 and names them.
int log_to_pcap(const std::string& log_path, const std::string& output);

}  // namespace kismetcore::apps
