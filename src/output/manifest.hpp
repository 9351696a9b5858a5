#pragma once
// OUT/.py2cpp-manifest.json: {"format": 1, "files": {"path": "hash", ...}}, the hash of what
// py2cpp last generated for each file. A file on disk whose hash matches is ours to replace.
#include <map>
#include <string>

namespace py2cpp::output_detail {

inline constexpr const char* kManifestName = ".py2cpp-manifest.json";

using Manifest = std::map<std::string, std::string>;  // relative path -> content_hash

// Unreadable, corrupt or future-format manifests read as empty: every differing file then counts as
// edited by hand, the safe direction.
Manifest parse_manifest(const std::string& text);

// Keys sorted, two-space indentation, trailing newline: stable bytes for an unchanged manifest.
std::string serialize_manifest(const Manifest& manifest);

}  // namespace py2cpp::output_detail
