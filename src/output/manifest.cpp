#include "output/manifest.hpp"

#include <nlohmann/json.hpp>

namespace py2cpp::output_detail {

namespace {
constexpr int kFormat = 1;
}

Manifest parse_manifest(const std::string& text) {
  Manifest manifest;
  nlohmann::json j = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object()) return manifest;
  auto format = j.find("format");
  if (format == j.end() || !format->is_number_integer() || format->get<int>() != kFormat) return manifest;
  auto files = j.find("files");
  if (files == j.end() || !files->is_object()) return manifest;
  for (const auto& [path, hash] : files->items())
    if (hash.is_string()) manifest[path] = hash.get<std::string>();
  return manifest;
}

std::string serialize_manifest(const Manifest& manifest) {
  // nlohmann::json objects are std::map-backed, so keys come out sorted.
  nlohmann::json j = {{"format", kFormat}, {"files", nlohmann::json::object()}};
  for (const auto& [path, hash] : manifest) j["files"][path] = hash;
  return j.dump(2) + "\n";
}

}  // namespace py2cpp::output_detail
