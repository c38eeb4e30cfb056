#include "server/params.h"

namespace vigie::server {

void check_params(const httplib::Request& req, std::initializer_list<std::string_view> known) {
  for (const auto& [k, v] : req.params) {
    bool ok = false;
    for (auto n : known) ok = ok || k == n;
    if (!ok) {
      std::string names;
      for (auto n : known) names += (names.empty() ? "" : ", ") + std::string(n);
      throw HttpError{400, "unknown parameter '" + k + "' (this endpoint takes: " + (names.empty() ? "none" : names) +
                               ")"};
    }
  }
}

std::string param(const httplib::Request& req, const char* name) {
  if (req.get_param_value_count(name) > 1) throw HttpError{400, std::string(name) + ": given more than once"};
  return req.get_param_value(name);
}

void list_param(const httplib::Request& req, const char* name, std::vector<std::string>& out) {
  for (size_t i = 0, n = req.get_param_value_count(name); i < n; ++i) {
    const std::string value = req.get_param_value(name, i);
    std::string_view v = value;
    while (!v.empty()) {
      size_t c = v.find(',');
      if (c) out.emplace_back(v.substr(0, c));
      if (c == std::string_view::npos) break;
      v.remove_prefix(c + 1);
    }
  }
}

bool bool_param(const httplib::Request& req, const char* name) {
  if (!req.has_param(name)) return false;
  const std::string s = param(req, name);
  if (s.empty() || s == "1" || s == "true" || s == "yes") return true;
  if (s == "0" || s == "false" || s == "no") return false;
  throw HttpError{400, std::string(name) + ": expected true or false, got '" + s + "'"};
}

}  // namespace vigie::server
