// A write-only file with a large buffer of its own, shared by the pcap and pcapng writers.
#include "capture/output_file.h"

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace kismetcore::capture {

namespace {
// Large enough that a benchmark's million small records reach the OS in a few hundred writes.
constexpr std::size_t kBufferSize = 1u << 20;
}  // namespace

std::unique_ptr<OutputFile> OutputFile::create(const std::filesystem::path& path, std::string& error) {
    std::FILE* file = std::fopen(path.c_str(), "wb");
    if (file == nullptr) {
        error = path.string() + ": cannot create: " + std::strerror(errno);
        return nullptr;
    }
    // Our own buffer does the batching; stdio's would only copy every byte a second time.
    std::setvbuf(file, nullptr, _IONBF, 0);
    return std::unique_ptr<OutputFile>(new OutputFile(path, file));
}

OutputFile::OutputFile(std::filesystem::path path, std::FILE* file)
    : path_(std::move(path)), file_(file), buffer_(kBufferSize) {}

OutputFile::~OutputFile() {
    close();
}

bool OutputFile::append(std::span<const std::uint8_t> bytes) {
    if (!ok()) return false;
    if (file_ == nullptr) return fail("write after close");
    while (!bytes.empty()) {
        if (used_ == buffer_.size() && !flush_buffer()) return false;
        const std::size_t chunk = std::min(bytes.size(), buffer_.size() - used_);
        std::memcpy(buffer_.data() + used_, bytes.data(), chunk);
        used_ += chunk;
        bytes = bytes.subspan(chunk);
    }
    return true;
}

bool OutputFile::append_zeros(std::size_t count) {
    static constexpr std::uint8_t kZeros[8] = {};
    while (count > 0) {
        const std::size_t chunk = std::min(count, sizeof kZeros);
        if (!append(std::span<const std::uint8_t>(kZeros, chunk))) return false;
        count -= chunk;
    }
    return true;
}

bool OutputFile::flush_buffer() {
    if (used_ > 0 && std::fwrite(buffer_.data(), 1, used_, file_) != used_)
        return fail(std::string("write failed: ") + std::strerror(errno));
    used_ = 0;
    return true;
}

bool OutputFile::close() {
    if (file_ == nullptr) return ok();
    if (ok()) flush_buffer();
    if (std::fclose(file_) != 0 && ok()) fail(std::string("close failed: ") + std::strerror(errno));
    file_ = nullptr;
    return ok();
}

bool OutputFile::fail(const std::string& what) {
    if (ok()) error_ = path_.string() + ": " + what;
    return false;
}

}  // namespace kismetcore::capture
