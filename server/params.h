// The query-string parameters of the API's endpoints, read strictly: an
// unknown name, a repeated one or a malformed value is a 400 that says
// which parameter and why, never a silent default. HttpError carries the
// status to the handler's guard (server.cc), which answers it as JSON.
//
// Thread safety: free functions over the request they are given.
#pragma once

#include <charconv>
#include <initializer_list>
#include <limits>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include <httplib.h>

namespace vigie::server {

// An HTTP status and its message, thrown by a handler.
struct HttpError {
  int status;
  std::string message;
};

// Rejects parameters an endpoint does not know: a typo (?qurey=) would
// otherwise silently search for everything.
void check_params(const httplib::Request& req, std::initializer_list<std::string_view> known);

// The value of a parameter given at most once ("" when absent).
std::string param(const httplib::Request& req, const char* name);

// A whole number from 0 to T's maximum; `out` is left alone when absent.
template <typename T>
void number_param(const httplib::Request& req, const char* name, T& out) {
  if (!req.has_param(name)) return;
  const std::string s = param(req, name);
  T v{};
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || ec != std::errc() || p != s.data() + s.size())
    throw HttpError{400, std::string(name) + ": expected a whole number from 0 to " +
                             std::to_string(std::numeric_limits<T>::max()) + ", got '" + s + "'"};
  out = v;
}

// name=a,b as well as name=a&name=b, appended to `out`.
void list_param(const httplib::Request& req, const char* name, std::vector<std::string>& out);

// Absent: false; "", 1, true, yes: true; 0, false, no: false.
bool bool_param(const httplib::Request& req, const char* name);

}  // namespace vigie::server
