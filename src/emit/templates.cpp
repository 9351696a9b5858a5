#include <stdexcept>

#include "emit/emit.hpp"
#include "util/embedded.hpp"

namespace py2cpp {

std::string render_template(std::string_view template_path,
                            const std::vector<std::pair<std::string, std::string>>& values) {
  std::string_view tmpl = embedded_file(template_path);
  if (tmpl.empty()) throw std::logic_error("missing template " + std::string(template_path));
  std::string out;
  out.reserve(tmpl.size() * 2);
  size_t pos = 0;
  while (true) {
    size_t open = tmpl.find("{{", pos);
    if (open == std::string_view::npos) break;
    size_t close = tmpl.find("}}", open);
    if (close == std::string_view::npos) break;
    out.append(tmpl.substr(pos, open - pos));
    std::string_view key = tmpl.substr(open + 2, close - open - 2);
    bool found = false;
    for (const auto& [k, v] : values)
      if (k == key) {
        out += v;
        found = true;
        break;
      }
    if (!found) throw std::logic_error("template " + std::string(template_path) + ": no value for " + std::string(key));
    pos = close + 2;
  }
  out.append(tmpl.substr(pos));
  return out;
}

}  // namespace py2cpp
