#pragma once
// clang-format's --output-replacements-xml, parsed and applied here rather than letting clang-format
// rewrite the text: knowing which original bytes survive where lets us carry py_map across.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "emit/generated_file.hpp"

namespace py2cpp::format_detail {

struct Replacement {
  size_t offset = 0;  // byte offset into the original text
  size_t length = 0;  // bytes replaced
  std::string text;   // replacement text, entities decoded
};

// nullopt when the XML is not what clang-format produces (or offsets are out of order/range for
// a text of text_size bytes).
std::optional<std::vector<Replacement>> parse_replacements_xml(std::string_view xml, size_t text_size);

struct Reformatted {
  std::string content;
  std::vector<PyPos> py_map;  // empty when the input map was empty
};

// Applies sorted, non-overlapping replacements. Each resulting line maps to the first non-zero
// origin among the original lines whose (non-blank) bytes it kept: a split line maps every piece to
// the same origin, joined lines take the first non-zero one.
Reformatted apply_replacements(const std::string& content, const std::vector<PyPos>& py_map,
                               const std::vector<Replacement>& replacements);

}  // namespace py2cpp::format_detail
