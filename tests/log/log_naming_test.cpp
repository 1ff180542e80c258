// Kismet's log names: log_prefix, log_title and log_template's codes.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>

#include "kismetcore/log/log_naming.h"
#include "support/capture_files.h"

using namespace kismetcore;

namespace {

// 2026-11-24 09:05:07 in the test's local time zone.
std::time_t local_moment() {
    std::tm moment{};
    moment.tm_year = 2026 - 1900;
    moment.tm_mon = 10;
    moment.tm_mday = 24;
    moment.tm_hour = 9;
    moment.tm_min = 5;
    moment.tm_sec = 7;
    moment.tm_isdst = -1;
    return std::mktime(&moment);
}

std::string expand(const log::LogNaming& naming, std::string* error_out = nullptr) {
    std::string error;
    const auto path = log::expand_log_template(naming, log::kKismetdbLogType, local_moment(), error);
    if (error_out != nullptr) *error_out = error;
    return path ? path->string() : "error";
}

void touch(const std::filesystem::path& path) {
    std::ofstream(path) << "x";
}

}  // namespace

TEST_CASE("Kismet's default template names Kismet-YYYYMMDD-HH-MM-SS-1.kismet in the prefix", "[log][naming]") {
    testing::TempDir dir;
    log::LogNaming naming;
    naming.prefix = dir.path().string();
    // %p adds the '/' the prefix lacks, and the template has its own: one of the two is kept.
    CHECK(expand(naming) == dir.path().string() + "/Kismet-20261124-09-05-07-1.kismet");
    naming.log_template = "%p//%n//%i.%l";
    CHECK(expand(naming) == dir.path().string() + "/Kismet/1.kismet");
    naming.log_template = "%p/%n-%D-%t-%i.%l";
    naming.prefix = dir.path().string() + "/";
    naming.title = "Site";
    naming.log_template = "%p%n-%d-%T.%l";
    CHECK(expand(naming) == dir.path().string() + "/Site-Nov-24-2026-090507.kismet");
    naming.prefix.clear();
    naming.log_template = "%p%n";
    CHECK(expand(naming) == "./Site");
    naming.home = "/home/sensor";
    naming.log_template = "%h/logs/%n.%l";
    CHECK(expand(naming) == "/home/sensor/logs/Site.kismet");
}

TEST_CASE("%i and %I take the first number no log, .gz or .bz2 of it has", "[log][naming]") {
    testing::TempDir dir;
    log::LogNaming naming;
    naming.prefix = dir.path().string() + "/";
    naming.log_template = "%p%n-%i.%l";
    const std::string base = dir.path().string() + "/Kismet-";
    CHECK(expand(naming) == base + "1.kismet");
    touch(base + "1.kismet");
    touch(base + "2.kismet.gz");
    touch(base + "3.kismet.bz2");
    CHECK(expand(naming) == base + "4.kismet");
    naming.log_template = "%p%n-%I.%l";
    CHECK(expand(naming) == base + "00001.kismet");
    touch(base + "00001.kismet");
    CHECK(expand(naming) == base + "00002.kismet");
}

TEST_CASE("codes a library cannot fill, and a lone '%', are refused", "[log][naming]") {
    log::LogNaming naming;
    std::string error;
    for (const char* bad : {"%p/%S/%n.%l", "%p/%x", "%p/%n%"}) {
        CAPTURE(bad);
        naming.log_template = bad;
        CHECK(expand(naming, &error) == "error");
        CHECK(error.find("log_template") != std::string::npos);
    }
}
